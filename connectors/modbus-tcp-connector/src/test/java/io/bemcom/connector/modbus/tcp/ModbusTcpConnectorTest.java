package io.bemcom.connector.modbus.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.connector.modbus.simulator.ModbusConnectorEnvironment;
import io.bemcom.connector.testkit.ConnectorRun;
import io.bemcom.connector.modbus.simulator.SimulatedModbusDevice;
import io.bemcom.connector.modbus.simulator.SimulatedModbusDevice.Write;
import io.bemcom.connector.testkit.ConnectorConformance;
import io.bemcom.connector.testkit.DatapointTopics;
import io.bemcom.connector.testkit.ConnectorOnBroker;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.LogMessage;
import tools.jackson.databind.JsonNode;

/** The whole connector: a j2mod device over a real TCP socket on one side, the real broker on the other. */
class ModbusTcpConnectorTest {

    private static final Duration WAIT = ConnectorRun.waitLimit();

    private final SimulatedModbusDevice device = SimulatedModbusDevice.start();
    private final ConnectorOnBroker mqtt = new ConnectorOnBroker("modbus");
    private ConnectorRun run;

    @AfterEach
    void stop() {
        mqtt.close();
        device.close();
    }

    private void start(String modbusConfig, String... extraVariables) {
        Map<String, String> env = ModbusConnectorEnvironment.of(mqtt.name(), mqtt.broker(), device.port());
        env.put("MODBUS_CONFIG", modbusConfig);
        run = mqtt.start(context -> ModbusTcpDevice.fromEnvironment(context.environment()), env, extraVariables);
    }

    private JsonNode awaitValue(String topic, java.util.function.Predicate<JsonNode> expected) {
        return mqtt.values().await(m -> m.topic().equals(topic) && expected.test(m.message().value()), WAIT).message()
                .value();
    }

    @Test
    void passesTheConformanceChecks() {
        device.holdingRegisters(1, 0, 42, 7);
        start("""
                {"read_holding_registers": [{"address": 0, "count": 2, "unit": 1, "datatypes": ">hh"}],
                 "write_register": [{"address": 10, "unit": 1, "datatypes": ">h", "example_value": 0}]}""");

        ConnectorConformance.forConnector(mqtt.name(), mqtt.broker())
                .sensor("read_holding_registers__1__0")
                .sensor("read_holding_registers__1__1")
                .actuator("write_register__1__10", JsonValues.of(5), () -> device.holdingRegister(1, 10) == 5)
                .verify();
    }

    @Test
    void publishesFloatsAndIntegersInBothByteOrdersOnTheirMappedTopics() {
        device.holdingRegisters(1, 100, 17259, 1512, 59397, 27459, 53191, 258, 32214, 45629, 49997, 10626, 16461)
                .inputRegisters(2, 0, 49246, 56524, 52428, 52429, 28284, 28321, 36719, 36481);
        start("""
                {"read_holding_registers": [
                    {"address": 100, "count": 2, "unit": 1, "datatypes": ">f"},
                    {"address": 102, "count": 2, "unit": 1, "datatypes": "<f"},
                    {"address": 104, "count": 1, "unit": 1, "datatypes": ">h"},
                    {"address": 105, "count": 1, "unit": 1, "datatypes": "<H"},
                    {"address": 106, "count": 2, "unit": 1, "datatypes": ">i"},
                    {"address": 108, "count": 2, "unit": 1, "datatypes": "<i"},
                    {"address": 110, "count": 1, "unit": 1, "datatypes": "<e"}],
                 "read_input_registers": [{"address": 0, "count": 4, "unit": 2, "datatypes": ">d",
                                           "scaling_factors": {"0": 2}},
                                          {"address": 4, "count": 4, "unit": 2, "datatypes": "<q"}]}""");
        DatapointTopics topics = mqtt.map(List.of("read_holding_registers__1__100", "read_holding_registers__1__102",
                "read_holding_registers__1__104", "read_holding_registers__1__105", "read_holding_registers__1__106",
                "read_holding_registers__1__108", "read_holding_registers__1__110", "read_input_registers__2__0",
                "read_input_registers__2__4"), List.of());

        assertThat(awaitValue(topics.of("read_holding_registers__1__100"), v -> true).doubleValue())
                .isEqualTo(235.0230712890625);
        assertThat(awaitValue(topics.of("read_holding_registers__1__102"), v -> true).doubleValue())
                .isEqualTo(235.0230712890625);
        assertThat(awaitValue(topics.of("read_holding_registers__1__104"), v -> true).longValue()).isEqualTo(-12345);
        assertThat(awaitValue(topics.of("read_holding_registers__1__105"), v -> true).longValue()).isEqualTo(513);
        assertThat(awaitValue(topics.of("read_holding_registers__1__106"), v -> true).longValue())
                .isEqualTo(2111222333L);
        assertThat(awaitValue(topics.of("read_holding_registers__1__108"), v -> true).longValue())
                .isEqualTo(-2111222333L);
        assertThat(awaitValue(topics.of("read_holding_registers__1__110"), v -> true).doubleValue()).isEqualTo(21.0);
        assertThat(awaitValue(topics.of("read_input_registers__2__0"), v -> true).doubleValue())
                .as("scaled by 2").isEqualTo(-246.9);
        assertThat(awaitValue(topics.of("read_input_registers__2__4"), v -> true).longValue())
                .isEqualTo(-9111222333444555666L);
    }

    @Test
    void readsWordSwappedValuesWithLeastSignificantRegisterFirst() {
        device.holdingRegisters(1, 0, 1512, 17259, 45629, 32214);
        start("""
                {"read_holding_registers": [{"address": 0, "count": 4, "unit": 1, "datatypes": ">fi"}]}""",
                "MODBUS_LSRF_WORD_ORDER", "TRUE");
        DatapointTopics topics = mqtt.map(List.of("read_holding_registers__1__0", "read_holding_registers__1__2"),
                List.of());

        assertThat(awaitValue(topics.of("read_holding_registers__1__0"), v -> true).doubleValue())
                .isEqualTo(235.0230712890625);
        assertThat(awaitValue(topics.of("read_holding_registers__1__2"), v -> true).longValue()).isEqualTo(2111222333L);
    }

    @Test
    void publishesCoilsAndDiscreteInputsAsBooleans() {
        device.coils(1, 0, true, true, true, false, true).discreteInputs(1, 10, false, true);
        start("""
                {"read_coils": [{"address": 0, "count": 5, "unit": 1}],
                 "read_discrete_inputs": [{"address": 10, "count": 2, "unit": 1}]}""");
        DatapointTopics topics = mqtt.map(
                List.of("read_coils__1__3", "read_coils__1__4", "read_discrete_inputs__1__11"), List.of());

        assertThat(awaitValue(topics.of("read_coils__1__3"), v -> true).booleanValue()).isFalse();
        assertThat(awaitValue(topics.of("read_coils__1__4"), v -> true).booleanValue()).isTrue();
        assertThat(awaitValue(topics.of("read_discrete_inputs__1__11"), v -> true).booleanValue()).isTrue();
    }

    @Test
    void carriesOnWhenTheDeviceDisappearsAndComesBack() {
        device.holdingRegisters(1, 0, 1);
        start("""
                {"read_holding_registers": [{"address": 0, "count": 1, "unit": 1, "datatypes": ">h"}]}""");
        String topic = mqtt.map(List.of("read_holding_registers__1__0"), List.of()).of("read_holding_registers__1__0");
        awaitValue(topic, v -> v.longValue() == 1);

        device.disappear();
        double failedBefore = run.failedReadings();
        await().atMost(WAIT).until(() -> run.failedReadings() >= failedBefore + 2);
        device.holdingRegisters(1, 0, 2);
        device.comeBack();

        awaitValue(topic, v -> v.longValue() == 2);
        assertThat(run.connector().exitCode()).isZero();
    }

    @Test
    void retriesRequestsTheDeviceRefusesAndPublishesTheAnswer() {
        device.holdingRegisters(1, 0, 3);
        device.refuseNextRequests(1);
        start("""
                {"read_holding_registers": [{"address": 0, "count": 1, "unit": 1, "datatypes": ">h"}]}""");
        String topic = mqtt.map(List.of("read_holding_registers__1__0"), List.of()).of("read_holding_registers__1__0");

        awaitValue(topic, v -> v.longValue() == 3);
        assertThat(run.failedReadings()).as("the retry succeeded within the poll").isZero();
    }

    @Test
    void leavesOutARangeTheDeviceKeepsRefusingAndCarriesOnWhenItAnswersAgain() {
        device.holdingRegisters(1, 0, 4).holdingRegisters(1, 50, 5);
        device.refuseAddress(50);
        start("""
                {"read_holding_registers": [{"address": 0, "count": 1, "unit": 1, "datatypes": ">h"},
                                            {"address": 50, "count": 1, "unit": 1, "datatypes": ">h"}]}""");
        DatapointTopics topics = mqtt.map(List.of("read_holding_registers__1__0", "read_holding_registers__1__50"),
                List.of());

        awaitValue(topics.of("read_holding_registers__1__0"), v -> v.longValue() == 4);
        LogMessage refused = mqtt.logs().await(m -> m.message().level() == LogMessage.ERROR
                && m.message().msg().contains("read_holding_registers[1]"), WAIT).message();
        assertThat(refused.msg()).contains("left out of this poll").contains("Modbus exception 2 (illegal data address)");
        assertThat(mqtt.values().topics()).doesNotContain(topics.of("read_holding_registers__1__50"));

        device.stopRefusing();
        awaitValue(topics.of("read_holding_registers__1__50"), v -> v.longValue() == 5);
    }

    @Test
    void countsAPollTheDeviceRefusesEntirelyAndCarriesOn() {
        device.holdingRegisters(1, 0, 6);
        device.refuseAddress(0);
        start("""
                {"read_holding_registers": [{"address": 0, "count": 1, "unit": 1, "datatypes": ">h"}]}""");
        String topic = mqtt.map(List.of("read_holding_registers__1__0"), List.of()).of("read_holding_registers__1__0");
        await().atMost(WAIT).until(() -> run.failedReadings() >= 2);

        device.stopRefusing();

        awaitValue(topic, v -> v.longValue() == 6);
    }

    @Test
    void writesCoilsSingleRegistersAndMultipleRegistersWithFunctionCodes5And6And16() {
        start("""
                {"write_coil": [{"address": 19, "unit": 1, "example_value": "true"}],
                 "write_register": [{"address": 21, "unit": 2, "datatypes": ">h", "example_value": "22"}],
                 "write_registers": [{"address": 23, "unit": 1, "datatypes": ">f", "example_value": "21.0"}]}""");
        mqtt.map(List.of(), List.of("write_coil__1__19", "write_register__2__21", "write_registers__1__23"));

        mqtt.command("write_coil__1__19", JsonValues.of("true"), () -> device.coil(1, 19));
        mqtt.command("write_register__2__21", JsonValues.of(-2), () -> device.holdingRegister(2, 21) != 0);
        mqtt.command("write_registers__1__23", JsonValues.of("21.5"), () -> device.holdingRegister(1, 23) != 0);

        assertThat(device.writes()).contains(
                new Write(5, 1, 19, List.of(1)),
                new Write(6, 2, 21, List.of(65534)),
                new Write(16, 1, 23, List.of(16812, 0)));
    }

    @Test
    void countsAFailedWriteAndCarriesOn() {
        device.holdingRegisters(1, 0, 8);
        device.refuseAddress(30);
        start("""
                {"read_holding_registers": [{"address": 0, "count": 1, "unit": 1, "datatypes": ">h"}],
                 "write_register": [{"address": 30, "unit": 1, "datatypes": ">h", "example_value": 0},
                                    {"address": 31, "unit": 1, "datatypes": ">h", "example_value": 0}]}""");
        DatapointTopics topics = mqtt.map(List.of("read_holding_registers__1__0"),
                List.of("write_register__1__30", "write_register__1__31"));
        awaitValue(topics.of("read_holding_registers__1__0"), v -> v.longValue() == 8);

        mqtt.command("write_register__1__30", JsonValues.of(1), () -> run.commands("failed") >= 1);
        mqtt.command("write_register__1__31", JsonValues.of("not a number"), () -> run.commands("failed") >= 2);
        mqtt.command("write_register__1__31", JsonValues.of(9), () -> device.holdingRegister(1, 31) == 9);

        device.holdingRegisters(1, 0, 10);
        awaitValue(topics.of("read_holding_registers__1__0"), v -> v.longValue() == 10);
        assertThat(run.connector().exitCode()).isZero();
    }

    @Test
    void disconnectsBetweenPollsWhenAsked() {
        device.holdingRegisters(1, 0, 11);
        start("""
                {"read_holding_registers": [{"address": 0, "count": 1, "unit": 1, "datatypes": ">h"}],
                 "write_coil": [{"address": 1, "unit": 1, "example_value": false}]}""",
                "MODBUS_DISCONNECT_BETWEEN_POLLS", "TRUE");
        DatapointTopics topics = mqtt.map(List.of("read_holding_registers__1__0"), List.of("write_coil__1__1"));

        awaitValue(topics.of("read_holding_registers__1__0"), v -> v.longValue() == 11);
        mqtt.command("write_coil__1__1", JsonValues.of(true), () -> device.coil(1, 1));
        device.holdingRegisters(1, 0, 12);
        awaitValue(topics.of("read_holding_registers__1__0"), v -> v.longValue() == 12);
    }
}
