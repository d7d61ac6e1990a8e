package io.bemcom.connector.modbus.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.connector.modbus.simulator.ModbusConnectorEnvironment;
import io.bemcom.connector.testkit.ConnectorOnBroker;
import io.bemcom.connector.testkit.ConnectorRun;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.demodevice.DemoDevice;
import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.testsupport.Ports;

/**
 * The "done when": demo device + Modbus/TCP connector + broker. The room is stepped by
 * hand, so every value is known exactly.
 */
class DemoDeviceEndToEndTest {

    private static final Duration WAIT = ConnectorRun.waitLimit();

    /** The configuration of the original documentation's demo walkthrough, unchanged. */
    private static final String WALKTHROUGH_CONFIG = """
            {"read_input_registers": [{"address": 1,"count":1,"unit": 1,"datatypes": "e"}],
             "write_register": [{"address": 1,"unit": 1,"datatypes": "<e","example_value": "22.0"}]}""";

    /** The configuration of the original API's development compose file, unchanged. */
    private static final String DEV_COMPOSE_CONFIG = """
            {"read_input_registers":[{"address":1,"count":1,"unit":1,"datatypes":"<e"}],\
            "read_holding_registers":[{"address":1,"count":1,"unit":1,"datatypes":"<e"}],\
            "write_register":[{"address":1,"unit":1,"datatypes":"<e","example_value":22.0}]}""";

    private final DemoDevice demo;
    private final ConnectorOnBroker mqtt = new ConnectorOnBroker("demo-modbus");

    DemoDeviceEndToEndTest() throws Exception {
        demo = DemoDevice.start(Ports.free(), false, null);
    }

    @AfterEach
    void stop() {
        mqtt.close();
        demo.close();
    }

    private void start(String config) {
        Map<String, String> env = ModbusConnectorEnvironment.of(mqtt.name(), mqtt.broker(), demo.port());
        env.put("MODBUS_CONFIG", config);
        mqtt.start(context -> ModbusTcpDevice.fromEnvironment(context.environment()), env);
    }

    @Test
    void publishesTheRoomTemperatureAndHandsAWrittenSetpointToTheDevice() {
        Recorded<AvailableDatapointsMessage> available = mqtt.probe().record(Topics.availableDatapoints(mqtt.name()),
                MessageCodec::decodeAvailableDatapoints);
        start(WALKTHROUGH_CONFIG);
        AvailableDatapointsMessage offered = available.await(m -> !m.message().sensor().isEmpty(), WAIT).message();
        assertThat(offered.sensor()).containsOnlyKeys("read_input_registers__1__1");
        assertThat(offered.actuator()).containsEntry("write_register__1__1", JsonValues.of("22.0"));
        mqtt.map(List.of("read_input_registers__1__1"), List.of("write_register__1__1"));

        assertThat(mqtt.awaitValue("read_input_registers__1__1").doubleValue()).isEqualTo(21.0);

        // As in the walkthrough: POST {"value": "17.0"} to the setpoint datapoint.
        mqtt.command("write_register__1__1", JsonValues.of("17.0"), () -> demo.room().setpoint() == 17.0);
        demo.room().step();
        demo.room().step();

        // 21.0 -> 20.6 -> 20.24, served rounded to 20.2 at half-float precision.
        mqtt.awaitValue("read_input_registers__1__1", v -> v.doubleValue() == 20.203125);
    }

    @Test
    void readsTheSetpointBackAndTheDeviceClipsIt() {
        start(DEV_COMPOSE_CONFIG);
        mqtt.map(List.of("read_holding_registers__1__1"), List.of("write_register__1__1"));
        mqtt.awaitValue("read_holding_registers__1__1", v -> v.doubleValue() == 24.0);

        mqtt.command("write_register__1__1", JsonValues.of(35), () -> demo.room().setpoint() == 30.0);

        mqtt.awaitValue("read_holding_registers__1__1", v -> v.doubleValue() == 30.0);
    }
}
