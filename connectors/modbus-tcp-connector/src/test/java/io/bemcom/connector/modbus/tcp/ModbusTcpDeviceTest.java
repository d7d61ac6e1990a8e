package io.bemcom.connector.modbus.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bemcom.connector.modbus.FakeModbusClient;
import io.bemcom.connector.modbus.ModbusConfig;
import io.bemcom.connector.modbus.ModbusTcpSettings;
import io.bemcom.connector.modbus.WordOrder;
import io.bemcom.connector.Flattener;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import tools.jackson.databind.JsonNode;

/** The device's protocol logic against a fake client; the real socket is in ModbusTcpConnectorTest. */
class ModbusTcpDeviceTest {

    private static final String CONFIG = """
            {"read_holding_registers": [{"address": 100, "count": 2, "unit": 1, "datatypes": ">hh",
                                         "scaling_factors": {"100": 0.5}}],
             "read_coils": [{"address": 10, "count": 2, "unit": 2}],
             "write_coil": [{"address": 19, "unit": 1, "example_value": true}],
             "write_register": [{"address": 21, "unit": 2, "datatypes": ">h", "example_value": "22"}],
             "write_registers": [{"address": 23, "unit": 3, "datatypes": ">f", "example_value": 21.0}]}""";

    private final FakeModbusClient client = new FakeModbusClient();

    private ModbusTcpDevice device(String config, WordOrder wordOrder) {
        ModbusTcpSettings settings = new ModbusTcpSettings("device", 502, 1, Duration.ZERO, Duration.ZERO, false,
                wordOrder, Duration.ofSeconds(1));
        return new ModbusTcpDevice(ModbusConfig.parse(config), settings, client);
    }

    private ModbusTcpDevice device() {
        return device(CONFIG, WordOrder.AS_FORMAT);
    }

    @Test
    void readsAndParsesIntoTheOriginalsDatapointIds() throws Exception {
        ModbusTcpDevice device = device();

        Map<String, JsonNode> values = Flattener.flatten(device.parse(device.read()));

        assertThat(values).containsOnlyKeys("read_holding_registers__1__100", "read_holding_registers__1__101",
                "read_coils__2__10", "read_coils__2__11");
        assertThat(values.get("read_holding_registers__1__100").doubleValue()).isEqualTo(0.0);
        assertThat(values.get("read_holding_registers__1__101").longValue()).isEqualTo(1);
        assertThat(values.get("read_coils__2__10").booleanValue()).isTrue();
        assertThat(values.get("read_coils__2__11").booleanValue()).isFalse();
    }

    @Test
    void offersEveryWriteEntryAsAnActuatorWithItsExampleValue() {
        assertThat(device().actuators()).containsExactly(
                Map.entry("write_coil__1__19", JsonValues.of(true)),
                Map.entry("write_register__2__21", JsonValues.of("22")),
                Map.entry("write_registers__3__23", JsonValues.of(21.0)));
    }

    @Test
    void writesCoilsWithFunctionCode5AcceptingStrings() throws Exception {
        ModbusTcpDevice device = device();

        device.write("write_coil__1__19", JsonValues.of(true), 0);
        device.write("write_coil__1__19", JsonValues.of("false"), 0);
        device.write("write_coil__1__19", JsonValues.of(1), 0);

        assertThat(client.calls).containsExactly("write_coil 1 19 true", "write_coil 1 19 false", "write_coil 1 19 true");
    }

    @Test
    void writesASingleRegisterWithFunctionCode6EncodedByTheDatatypes() throws Exception {
        ModbusTcpDevice device = device();

        device.write("write_register__2__21", JsonValues.of(-2), 0);
        device.write("write_register__2__21", JsonValues.of("22"), 0);

        assertThat(client.calls).containsExactly("write_register 2 21 65534", "write_register 2 21 22");
    }

    @Test
    void writesSeveralRegistersWithFunctionCode16() throws Exception {
        device().write("write_registers__3__23", JsonValues.of("235.0230712890625"), 0);

        assertThat(client.calls).containsExactly("write_registers 3 23 [17259, 1512]");
    }

    @Test
    void swapsTheRegistersOfAWriteWithLeastSignificantRegisterFirst() throws Exception {
        device(CONFIG, WordOrder.LEAST_SIGNIFICANT_REGISTER_FIRST)
                .write("write_registers__3__23", JsonValues.of(235.0230712890625), 0);

        assertThat(client.calls).containsExactly("write_registers 3 23 [1512, 17259]");
    }

    @Test
    void writesTheDemoDevicesSetpointAsTheOriginalsLittleEndianHalfFloat() throws Exception {
        ModbusTcpDevice device = device("""
                {"write_register": [{"address": 1, "unit": 1, "datatypes": "<e", "example_value": "22.0"}]}""",
                WordOrder.AS_FORMAT);

        device.write("write_register__1__1", JsonValues.of("21.0"), 0);

        assertThat(client.calls).containsExactly("write_register 1 1 " + 0x404D);
    }

    @Test
    void rejectsUnknownActuatorsAndUnfitValuesWithoutSendingAnything() {
        ModbusTcpDevice device = device();

        assertThatThrownBy(() -> device.write("write_coil__1__20", JsonValues.of(true), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("write_coil__1__20");
        assertThatThrownBy(() -> device.write("write_coil__1__19", JsonValues.of("maybe"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maybe");
        assertThatThrownBy(() -> device.write("write_register__2__21", JsonValues.of(40000), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
        assertThat(client.calls).isEmpty();
    }

    @Test
    void parsesNothingWhenNoRangeIsConfigured() throws Exception {
        ModbusTcpDevice device = device("""
                {"write_coil": [{"address": 19, "unit": 1, "example_value": true}]}""", WordOrder.AS_FORMAT);

        assertThat(device.read()).isNull();
        assertThat(client.calls).isEmpty();
    }

    @Test
    void leavesOutARangeWhoseAnswerDoesNotFitItsDatatypes() {
        ModbusTcpDevice device = device();
        JsonNode raw = JsonValues.parse("""
                {"read_holding_registers": {"0": [1]}, "read_coils": {"0": [true, true]}}""");

        Map<String, JsonNode> values = Flattener.flatten(device.parse(raw));

        assertThat(values).containsOnlyKeys("read_coils__2__10", "read_coils__2__11");
    }

    @Test
    void rejectsARawMessageOfAnotherShapeNamingThePart() {
        ModbusTcpDevice device = device();

        assertThatThrownBy(() -> device.parse(JsonValues.parse("{\"read_coils\": {\"7\": [true]}}")))
                .hasMessageContaining("read_coils.7");
        assertThatThrownBy(() -> device.parse(JsonValues.parse("{\"read_holding_registers\": {\"0\": [1, -1]}}")))
                .hasMessageContaining("read_holding_registers.0[1]");
        assertThatThrownBy(() -> device.parse(JsonValues.parse("[1]"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportsConfigurationErrorsWithTheOffendingKey() {
        Map<String, String> env = new HashMap<>(Map.of("MODBUS_MASTER_IP", "device",
                "MODBUS_CONFIG", "{\"read_input_registers\": [{\"address\": 1, \"unit\": 1, \"datatypes\": \">h\"}]}"));

        assertThatThrownBy(() -> ModbusTcpDevice.fromEnvironment(new Environment(env)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("MODBUS_CONFIG.read_input_registers[0].count: missing");
        env.remove("MODBUS_CONFIG");
        assertThatThrownBy(() -> ModbusTcpDevice.fromEnvironment(new Environment(env)))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("MODBUS_CONFIG is not set");
    }
}
