package io.bemcom.connector.fronius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bemcom.connector.Flattener;
import io.bemcom.connector.modbus.J2modTcpClient;
import io.bemcom.connector.modbus.ModbusTcpSettings;
import io.bemcom.connector.modbus.WordOrder;
import io.bemcom.connector.modbus.WriteRequest;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import tools.jackson.databind.JsonNode;

/** The Fronius logic without a socket: ids, string values, scaling and the WMaxLim_Ena write. */
class FroniusDeviceTest {

    /** The upstream test's configuration (its method-range table). */
    private static final String UPSTREAM = """
            {"read_input_registers": [{"address": 19000, "count": 20, "unit": 1, "datatypes": ">ffffffffff"},
                                      {"address": 20000, "count": 4, "unit": 1, "datatypes": ">ff",
                                       "scaling_factors": {"20000": 0.1, "20002": 10}}],
             "read_coils": [{"address": 10, "count": 2, "unit": 1}],
             "read_holding_registers": [{"address": 40242, "count": 2, "unit": 1, "datatypes": ">Hx?"}],
             "write_coil": [{"address": 19, "unit": 1}],
             "write_register": [{"address": 21, "unit": 1, "datatypes": ">H", "scaling_factor": 100},
                                {"address": 40242, "unit": 1, "datatypes": ">H", "scaling_factor": 100},
                                {"address": 40250, "unit": 3, "datatypes": "<h", "scaling_factor": 0.5},
                                {"address": 40260, "unit": 1, "datatypes": ">e", "scaling_factor": 2}]}""";

    private static FroniusDevice device(FroniusSettings fronius) {
        ModbusTcpSettings modbus = new ModbusTcpSettings("inverter", 502, 1, Duration.ZERO, Duration.ZERO, false,
                WordOrder.AS_FORMAT, Duration.ofSeconds(1));
        return new FroniusDevice(FroniusConfig.parse(UPSTREAM), fronius, modbus,
                new J2modTcpClient("inverter", 502, Duration.ofSeconds(1)));
    }

    private final FroniusDevice device = device(new FroniusSettings(40242, 40246));

    private FroniusWriteTarget target(String id) {
        return FroniusConfig.parse(UPSTREAM).writeTarget(id).orElseThrow();
    }

    @Test
    void publishesEveryValueAsTheOriginalsStringUnderFunctionAndAddress() {
        JsonNode raw = JsonValues.parse("""
                {"read_input_registers": {"1": [17259, 1512, 17258, 31341]},
                 "read_coils": {"0": [true, false]},
                 "read_holding_registers": {"0": [5000, 1]}}""");

        Map<String, JsonNode> values = Flattener.flatten(device.parse(raw));

        // Upstream test_read_scaling_factors_applied expects these strings.
        assertThat(values).containsEntry("read_input_registers__20000", JsonValues.of("23.502307128906253"))
                .containsEntry("read_input_registers__20002", JsonValues.of("2344.782257080078"))
                .containsEntry("read_coils__10", JsonValues.of("1"))
                .containsEntry("read_coils__11", JsonValues.of("0"))
                .containsEntry("read_holding_registers__40242", JsonValues.of("5000"))
                .containsEntry("read_holding_registers__40243", JsonValues.of("True"))
                .hasSize(6);
    }

    @Test
    void publishesUnscaledFloatsAsPythonPrintsThem() {
        JsonNode raw = JsonValues.parse("{\"read_input_registers\": {\"0\": [17259, 1512, 0,0, 0,0, 0,0, 0,0,"
                + " 0,0, 0,0, 0,0, 0,0, 0,0]}}");

        Map<String, JsonNode> values = Flattener.flatten(device.parse(raw));

        assertThat(values).containsEntry("read_input_registers__19000", JsonValues.of("235.0230712890625"))
                .containsEntry("read_input_registers__19002", JsonValues.of("0.0"));
    }

    @Test
    void offersEveryActuatorWithTheExampleValueZeroAsAString() {
        assertThat(device.actuators()).containsExactly(
                Map.entry("write_coil__19__1", JsonValues.of("0")),
                Map.entry("write_register__21__1", JsonValues.of("0")),
                Map.entry("write_register__40242__1", JsonValues.of("0")),
                Map.entry("write_register__40250__3", JsonValues.of("0")),
                Map.entry("write_register__40260__1", JsonValues.of("0")));
    }

    @Test
    void writesCoilsAsTheOriginalZeroIsOffAnythingElseOn() {
        FroniusWriteTarget coil = target("write_coil__19__1");

        assertThat(device.requests(coil, JsonValues.of("0"))).containsExactly(WriteRequest.coil(1, 19, false));
        assertThat(device.requests(coil, JsonValues.of("1"))).containsExactly(WriteRequest.coil(1, 19, true));
        assertThat(device.requests(coil, JsonValues.of(2))).containsExactly(WriteRequest.coil(1, 19, true));
        assertThat(device.requests(coil, JsonValues.of(true))).containsExactly(WriteRequest.coil(1, 19, true));
        assertThatThrownBy(() -> device.requests(coil, JsonValues.of("on"))).hasMessageContaining("\"on\"");
    }

    @Test
    void scalesRegisterWritesAsTheUpstreamTest() {
        FroniusWriteTarget register = target("write_register__21__1");

        assertThat(device.requests(register, JsonValues.of("6"))).containsExactly(WriteRequest.register(1, 21, 600));
        assertThat(device.requests(register, JsonValues.of("0"))).containsExactly(WriteRequest.register(1, 21, 0));
    }

    @Test
    void scalesExactlyInDecimalAndRoundsFractionsForWholeNumberCodes() {
        FroniusWriteTarget register = target("write_register__21__1");

        assertThat(device.requests(register, JsonValues.of("0.29"))).containsExactly(WriteRequest.register(1, 21, 29));
        assertThat(device.requests(register, JsonValues.of(6.5))).containsExactly(WriteRequest.register(1, 21, 650));
        assertThat(device.requests(register, JsonValues.of("33.333"))).containsExactly(WriteRequest.register(1, 21, 3333));
        assertThat(device.requests(register, JsonValues.of("0.125"))).as("12.5: half to even")
                .containsExactly(WriteRequest.register(1, 21, 12));
    }

    @Test
    void encodesScaledValuesWithTheEntrysDatatypes() {
        assertThat(device.requests(target("write_register__40250__3"), JsonValues.of(-4)))
                .as("-2 as little-endian int16").containsExactly(WriteRequest.register(3, 40250, 0xFEFF));
        assertThat(device.requests(target("write_register__40260__1"), JsonValues.of("10.5")))
                .as("21.0 as a big-endian half float").containsExactly(WriteRequest.register(1, 40260, 0x4D40));
    }

    @Test
    void rejectsValuesOutsideTheDatatypeAfterScaling() {
        assertThatThrownBy(() -> device.requests(target("write_register__21__1"), JsonValues.of(700)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
        assertThatThrownBy(() -> device.requests(target("write_register__21__1"), JsonValues.of("half")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void enablesThePowerLimitAfterWritingIt() {
        // The original's example: "50" with factor 100 -> 5000 to 40242, then 1 to 40246, same unit.
        assertThat(device.requests(target("write_register__40242__1"), JsonValues.of("50"))).containsExactly(
                WriteRequest.register(1, 40242, 5000), WriteRequest.register(1, 40246, 1));
    }

    @Test
    void usesTheConfiguredPowerLimitRegisters() {
        FroniusDevice custom = device(new FroniusSettings(21, 22));

        assertThat(custom.requests(target("write_register__21__1"), JsonValues.of("6"))).containsExactly(
                WriteRequest.register(1, 21, 600), WriteRequest.register(1, 22, 1));
        assertThat(custom.requests(target("write_register__40242__1"), JsonValues.of("6")))
                .containsExactly(WriteRequest.register(1, 40242, 600));
    }

    @Test
    void rejectsUnknownActuators() {
        assertThatThrownBy(() -> device.write("write_register__1__21", JsonValues.of(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("write_register__1__21");
    }

    @Test
    void readsItsVariablesWithDefaultsAndNamesBadOnes() {
        Map<String, String> env = Map.of("MODBUS_MASTER_IP", "inverter", "MODBUS_CONFIG", UPSTREAM,
                "MODBUS_W_MAX_LIM_PCT", "");
        assertThat(FroniusSettings.fromEnvironment(new Environment(env)))
                .isEqualTo(new FroniusSettings(40242, 40246));
        assertThat(FroniusDevice.fromEnvironment(new Environment(env))).isNotNull();

        assertThatThrownBy(() -> FroniusDevice.fromEnvironment(new Environment(Map.of("MODBUS_MASTER_IP", "inverter",
                "MODBUS_CONFIG", UPSTREAM, "MODBUS_W_MAX_LIM_ENA", "40246a"))))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("MODBUS_W_MAX_LIM_ENA");
        assertThatThrownBy(() -> FroniusDevice.fromEnvironment(new Environment(Map.of("MODBUS_MASTER_IP", "inverter",
                "MODBUS_CONFIG", "{\"write_register\": [{\"address\": 1, \"unit\": 1, \"datatypes\": \">H\"}]}"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("MODBUS_CONFIG.write_register[0].scaling_factor: missing; the value written is the"
                        + " command's value times this factor, e.g. 100 for WMaxLimPct or 1");
    }
}
