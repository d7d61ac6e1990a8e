package io.bemcom.connector.fronius;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.connector.modbus.simulator.ModbusConnectorEnvironment;
import io.bemcom.connector.testkit.ConnectorRun;
import io.bemcom.connector.modbus.simulator.SimulatedModbusDevice;
import io.bemcom.connector.modbus.simulator.SimulatedModbusDevice.Write;
import io.bemcom.connector.testkit.ConnectorConformance;
import io.bemcom.connector.testkit.ConnectorOnBroker;
import io.bemcom.protocol.JsonValues;

/**
 * The connector against a simulated Fronius Symo GEN24 register map over a real TCP socket:
 * the SunSpec inverter model's 23 floats from 40071 (AC current first), WMaxLimPct at 40242
 * (100.00 % as 10000) and WMaxLim_Ena at 40246 (0, disabled), with the service reference's
 * example MODBUS_CONFIG.
 */
class FroniusModbusConnectorTest {

    /** WMaxLimPct, read and written (scaled by 100, then WMaxLim_Ena = 1). */
    private static final String LIMIT = "read_holding_registers__40242";
    private static final String SET_LIMIT = "write_register__40242__1";

    private final SimulatedModbusDevice inverter = SimulatedModbusDevice.start();
    private final ConnectorOnBroker mqtt = new ConnectorOnBroker("fronius");
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
        mqtt.close();
        inverter.close();
    }

    private void start() {
        Map<String, String> env = ModbusConnectorEnvironment.of(mqtt.name(), mqtt.broker(), inverter.port());
        env.put("MODBUS_CONFIG", FroniusConfigTest.REFERENCE_EXAMPLE);
        run = mqtt.start(context -> FroniusDevice.fromEnvironment(context.environment()), env);
    }

    @Test
    void passesTheConformanceChecks() {
        start();

        ConnectorConformance.forConnector(mqtt.name(), mqtt.broker())
                .sensor("read_holding_registers__40071")
                .sensor("read_holding_registers__40242")
                .actuator("write_register__40242__1", JsonValues.of("50"),
                        () -> inverter.holdingRegister(1, 40242) == 5000 && inverter.holdingRegister(1, 40246) == 1)
                .verify();
    }

    @Test
    void publishesInverterValuesAsStringsUnderTheOriginalsIds() {
        start();
        mqtt.map(List.of("read_holding_registers__40071", "read_holding_registers__40115", LIMIT), List.of());

        assertThat(mqtt.awaitValue("read_holding_registers__40071")).isEqualTo(JsonValues.of("12.5"));
        assertThat(mqtt.awaitValue("read_holding_registers__40115")).isEqualTo(JsonValues.of("1.0"));
        assertThat(mqtt.awaitValue(LIMIT)).isEqualTo(JsonValues.of("10000"));
    }

    @Test
    void writesThePowerLimitScaledAndThenEnablesIt() {
        start();
        mqtt.map(List.of(LIMIT), List.of(SET_LIMIT));
        mqtt.awaitValue(LIMIT, v -> v.equals(JsonValues.of("10000")));

        mqtt.command(SET_LIMIT, JsonValues.of("42.5"), () -> inverter.holdingRegister(1, 40246) == 1);

        List<Write> writes = inverter.writes();
        int limitWrite = writes.indexOf(new Write(6, 1, 40242, List.of(4250)));
        assertThat(limitWrite).as("WMaxLimPct written with FC6, scaled by 100").isNotNegative();
        assertThat(writes.get(limitWrite + 1)).as("then WMaxLim_Ena = 1 on the same unit")
                .isEqualTo(new Write(6, 1, 40246, List.of(1)));
        mqtt.awaitValue(LIMIT, v -> v.equals(JsonValues.of("4250")));
    }

    @Test
    void writesOtherRegistersWithoutTheEnableRegister() {
        start();
        mqtt.map(List.of(), List.of("write_register__40246__1"));

        mqtt.command("write_register__40246__1", JsonValues.of("1"), () -> inverter.holdingRegister(1, 40246) == 1);

        assertThat(inverter.writes()).as("the command may have been sent more than once, nothing else")
                .isNotEmpty().containsOnly(new Write(6, 1, 40246, List.of(1)));
    }

    @Test
    void countsAFailedEnableWriteAndCarriesOn() {
        inverter.refuseAddress(40246);
        start();
        mqtt.map(List.of(LIMIT), List.of(SET_LIMIT));
        mqtt.awaitValue(LIMIT, v -> v.equals(JsonValues.of("10000")));

        mqtt.command(SET_LIMIT, JsonValues.of(30), () -> run.commands("failed") >= 1);
        inverter.stopRefusing();
        mqtt.command(SET_LIMIT, JsonValues.of(60), () -> inverter.holdingRegister(1, 40246) == 1);

        mqtt.awaitValue(LIMIT, v -> v.equals(JsonValues.of("6000")));
        assertThat(run.connector().exitCode()).isZero();
    }
}
