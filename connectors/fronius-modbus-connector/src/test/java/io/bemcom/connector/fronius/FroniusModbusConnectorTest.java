package io.bemcom.connector.fronius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.connector.modbus.simulator.ModbusConnectorEnvironment;
import io.bemcom.connector.testkit.ConnectorRun;
import io.bemcom.connector.modbus.simulator.SimulatedModbusDevice;
import io.bemcom.connector.modbus.simulator.SimulatedModbusDevice.Write;
import io.bemcom.connector.testkit.ConnectorConformance;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.DatapointMapMessage;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;
import tools.jackson.databind.JsonNode;

/**
 * The connector against a simulated Fronius Symo GEN24 register map over a real TCP socket:
 * the SunSpec inverter model's 23 floats from 40071 (AC current first), WMaxLimPct at 40242
 * (100.00 % as 10000) and WMaxLim_Ena at 40246 (0, disabled), with the service reference's
 * example MODBUS_CONFIG.
 */
class FroniusModbusConnectorTest {

    private static final Duration WAIT = ConnectorRun.waitLimit();

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("fronius");
    private final SimulatedModbusDevice inverter = SimulatedModbusDevice.start();
    private final MqttProbe probe = MqttProbe.connect(broker);
    private final Recorded<ValueMessage> values = probe.record(name + "/messages/+/value", MessageCodec::decodeValue);
    private ConnectorRun run;

    FroniusModbusConnectorTest() {
        int[] model = new int[46];
        // AC current 12.5 A (0x41480000), then 22 floats 1.0 (0x3F800000).
        model[0] = 0x4148;
        for (int i = 2; i < model.length; i += 2) {
            model[i] = 0x3F80;
        }
        inverter.holdingRegisters(1, 40071, model)
                .holdingRegisters(1, 40242, 10000)
                .holdingRegisters(1, 40246, 0);
    }

    @AfterEach
    void stop() {
        if (run != null) {
            run.close();
        }
        probe.close();
        inverter.close();
    }

    private void start() {
        Map<String, String> env = ModbusConnectorEnvironment.of(name, broker, inverter.port());
        env.put("MODBUS_CONFIG", FroniusConfigTest.REFERENCE_EXAMPLE);
        run = ConnectorRun.start(broker, env, context -> FroniusDevice.fromEnvironment(context.environment()));
    }

    private void map(Map<String, String> sensors, Map<String, String> actuators) {
        probe.publish(Topics.datapointMap(name), Delivery.DATAPOINT_MAP, new DatapointMapMessage(sensors, actuators));
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

    @Test
    void passesTheConformanceChecks() {
        start();

        ConnectorConformance.forConnector(name, broker)
                .sensor("read_holding_registers__40071")
                .sensor("read_holding_registers__40242")
                .actuator("write_register__40242__1", JsonValues.of("50"),
                        () -> inverter.holdingRegister(1, 40242) == 5000 && inverter.holdingRegister(1, 40246) == 1)
                .verify();
    }

    @Test
    void publishesInverterValuesAsStringsUnderTheOriginalsIds() {
        start();
        map(Map.of("read_holding_registers__40071", Topics.value(name, 1),
                "read_holding_registers__40115", Topics.value(name, 2),
                "read_holding_registers__40242", Topics.value(name, 3)), Map.of());

        assertThat(awaitValue(Topics.value(name, 1), v -> true)).isEqualTo(JsonValues.of("12.5"));
        assertThat(awaitValue(Topics.value(name, 2), v -> true)).isEqualTo(JsonValues.of("1.0"));
        assertThat(awaitValue(Topics.value(name, 3), v -> true)).isEqualTo(JsonValues.of("10000"));
    }

    @Test
    void writesThePowerLimitScaledAndThenEnablesIt() {
        start();
        String limit = Topics.value(name, 1);
        String command = Topics.value(name, 2);
        map(Map.of("read_holding_registers__40242", limit), Map.of(command, "write_register__40242__1"));
        awaitValue(limit, v -> v.equals(JsonValues.of("10000")));

        command(command, JsonValues.of("42.5"), () -> inverter.holdingRegister(1, 40246) == 1);

        List<Write> writes = inverter.writes();
        int limitWrite = writes.indexOf(new Write(6, 1, 40242, List.of(4250)));
        assertThat(limitWrite).as("WMaxLimPct written with FC6, scaled by 100").isNotNegative();
        assertThat(writes.get(limitWrite + 1)).as("then WMaxLim_Ena = 1 on the same unit")
                .isEqualTo(new Write(6, 1, 40246, List.of(1)));
        awaitValue(limit, v -> v.equals(JsonValues.of("4250")));
    }

    @Test
    void writesOtherRegistersWithoutTheEnableRegister() {
        start();
        String command = Topics.value(name, 1);
        map(Map.of(), Map.of(command, "write_register__40246__1"));

        command(command, JsonValues.of("1"), () -> inverter.holdingRegister(1, 40246) == 1);

        assertThat(inverter.writes()).as("the command may have been sent more than once, nothing else")
                .isNotEmpty().containsOnly(new Write(6, 1, 40246, List.of(1)));
    }

    @Test
    void countsAFailedEnableWriteAndCarriesOn() {
        inverter.refuseAddress(40246);
        start();
        String limit = Topics.value(name, 1);
        String command = Topics.value(name, 2);
        map(Map.of("read_holding_registers__40242", limit), Map.of(command, "write_register__40242__1"));
        awaitValue(limit, v -> v.equals(JsonValues.of("10000")));

        command(command, JsonValues.of(30), () -> run.commands("failed") >= 1);
        inverter.stopRefusing();
        command(command, JsonValues.of(60), () -> inverter.holdingRegister(1, 40246) == 1);

        awaitValue(limit, v -> v.equals(JsonValues.of("6000")));
        assertThat(run.connector().exitCode()).isZero();
    }
}
