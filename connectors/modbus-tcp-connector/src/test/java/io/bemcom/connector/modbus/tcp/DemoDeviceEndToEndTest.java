package io.bemcom.connector.modbus.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.connector.modbus.simulator.ModbusConnectorEnvironment;
import io.bemcom.connector.testkit.ConnectorRun;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.demodevice.DemoDevice;
import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.DatapointMapMessage;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.Ports;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;
import tools.jackson.databind.JsonNode;

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

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("demo-modbus");
    private final DemoDevice demo;
    private final MqttProbe probe = MqttProbe.connect(broker);
    private final Recorded<ValueMessage> values = probe.record(name + "/messages/+/value", MessageCodec::decodeValue);
    private ConnectorRun run;

    DemoDeviceEndToEndTest() throws Exception {
        demo = DemoDevice.start(Ports.free(), false, null);
    }

    @AfterEach
    void stop() {
        if (run != null) {
            run.close();
        }
        probe.close();
        demo.close();
    }

    private void start(String config) {
        Map<String, String> env = ModbusConnectorEnvironment.of(name, broker, demo.port());
        env.put("MODBUS_CONFIG", config);
        run = ConnectorRun.start(broker, env, context -> ModbusTcpDevice.fromEnvironment(context.environment()));
    }

    @Test
    void publishesTheRoomTemperatureAndHandsAWrittenSetpointToTheDevice() {
        Recorded<AvailableDatapointsMessage> available = probe.record(Topics.availableDatapoints(name),
                MessageCodec::decodeAvailableDatapoints);
        start(WALKTHROUGH_CONFIG);
        AvailableDatapointsMessage offered = available.await(m -> !m.message().sensor().isEmpty(), WAIT).message();
        assertThat(offered.sensor()).containsOnlyKeys("read_input_registers__1__1");
        assertThat(offered.actuator()).containsEntry("write_register__1__1", JsonValues.of("22.0"));
        String temperature = Topics.value(name, 1);
        String setpoint = Topics.value(name, 2);
        probe.publish(Topics.datapointMap(name), Delivery.DATAPOINT_MAP, new DatapointMapMessage(
                Map.of("read_input_registers__1__1", temperature), Map.of(setpoint, "write_register__1__1")));

        assertThat(awaitValue(temperature, v -> true).doubleValue()).isEqualTo(21.0);

        // As in the walkthrough: POST {"value": "17.0"} to the setpoint datapoint.
        command(setpoint, JsonValues.of("17.0"), () -> demo.room().setpoint() == 17.0);
        demo.room().step();
        demo.room().step();

        // 21.0 -> 20.6 -> 20.24, served rounded to 20.2 at half-float precision.
        awaitValue(temperature, v -> v.doubleValue() == 20.203125);
    }

    @Test
    void readsTheSetpointBackAndTheDeviceClipsIt() {
        start(DEV_COMPOSE_CONFIG);
        String setpointValue = Topics.value(name, 1);
        String setpointCommand = Topics.value(name, 2);
        probe.publish(Topics.datapointMap(name), Delivery.DATAPOINT_MAP, new DatapointMapMessage(
                Map.of("read_holding_registers__1__1", setpointValue), Map.of(setpointCommand, "write_register__1__1")));
        awaitValue(setpointValue, v -> v.doubleValue() == 24.0);

        command(setpointCommand, JsonValues.of(35), () -> demo.room().setpoint() == 30.0);

        awaitValue(setpointValue, v -> v.doubleValue() == 30.0);
    }

    private JsonNode awaitValue(String topic, java.util.function.Predicate<JsonNode> expected) {
        return values.await(m -> m.topic().equals(topic) && expected.test(m.message().value()), WAIT).message().value();
    }

    private void command(String topic, JsonNode value, BooleanSupplier arrived) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            probe.publish(topic, Delivery.ACTUATOR_VALUE, new ValueMessage(value, System.currentTimeMillis()));
            return arrived.getAsBoolean();
        });
    }
}
