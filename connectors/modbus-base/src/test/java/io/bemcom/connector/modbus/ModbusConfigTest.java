package io.bemcom.connector.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.JsonNodeFactory;

class ModbusConfigTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The service reference's example, without its comments and trailing commas. */
    private static final String REFERENCE_EXAMPLE = """
            {
              "read_coils": [{"address": 10, "count": 8, "unit": 1}],
              "read_discrete_inputs": [],
              "read_holding_registers": [{"address": 19000, "count": 20, "unit": 1,
                  "datatypes": ">ffffffffff", "scaling_factors": {"19002": 0.1}}],
              "read_input_registers": [],
              "write_coil": [{"address": 10, "unit": 1, "example_value": "true"}],
              "write_register": [{"address": 19000, "unit": 1, "datatypes": ">h", "example_value": "22"}],
              "write_registers": [{"address": 19001, "unit": 1, "datatypes": ">f", "example_value": "21.0"}]
            }""";

    // --- the good path ---

    @Test
    void parsesTheServiceReferenceExample() {
        ModbusConfig config = ModbusConfig.parse(REFERENCE_EXAMPLE);

        assertThat(config.warnings()).isEmpty();
        assertThat(config.readRanges()).containsExactly(
                new ReadRange(ModbusFunction.READ_COILS, 0, 10, 8, 1, null, Map.of()),
                new ReadRange(ModbusFunction.READ_HOLDING_REGISTERS, 0, 19000, 20, 1,
                        StructFormat.parse(">ffffffffff"), Map.of(19002, 0.1)));
        assertThat(config.writeTargets()).extracting(WriteTarget::registerCount).containsExactly(0, 1, 2);
    }

    @Test
    void namesSensorDatapointsLikeTheOriginal() {
        ModbusConfig config = ModbusConfig.parse(REFERENCE_EXAMPLE);

        assertThat(config.sensorDatapointIds()).containsExactly(
                "read_coils__1__10", "read_coils__1__11", "read_coils__1__12", "read_coils__1__13",
                "read_coils__1__14", "read_coils__1__15", "read_coils__1__16", "read_coils__1__17",
                "read_holding_registers__1__19000", "read_holding_registers__1__19002",
                "read_holding_registers__1__19004", "read_holding_registers__1__19006",
                "read_holding_registers__1__19008", "read_holding_registers__1__19010",
                "read_holding_registers__1__19012", "read_holding_registers__1__19014",
                "read_holding_registers__1__19016", "read_holding_registers__1__19018");
    }

    @Test
    void namesActuatorDatapointsWithTheirExampleValuesLikeTheOriginal() {
        ModbusConfig config = ModbusConfig.parse("""
                {"write_coil": [{"address": 19, "unit": 1, "example_value": true}],
                 "write_register": [{"address": 21, "unit": 2, "datatypes": ">H", "example_value": 22}],
                 "write_registers": [{"address": 23, "unit": 3, "datatypes": ">f", "example_value": "21.0"}]}""");

        assertThat(config.actuatorExampleValues()).containsExactly(
                Map.entry("write_coil__1__19", NODES.booleanNode(true)),
                Map.entry("write_register__2__21", NODES.numberNode(22)),
                Map.entry("write_registers__3__23", NODES.stringNode("21.0")));
        assertThat(config.writeTarget("write_registers__3__23")).get()
                .extracting(WriteTarget::address, WriteTarget::unit, WriteTarget::datatypes)
                .containsExactly(23, 3, StructFormat.parse(">f"));
        assertThat(config.writeTarget("write_register__1__21")).isEmpty();
    }

    @Test
    void keepsTheJsonKeyOrderAsPollOrder() {
        ModbusConfig config = ModbusConfig.parse("""
                {"read_input_registers": [{"address": 5, "count": 1, "unit": 1, "datatypes": ">H"},
                                          {"address": 1, "count": 1, "unit": 1, "datatypes": ">H"}],
                 "read_coils": [{"address": 0, "count": 1, "unit": 1}],
                 "read_holding_registers": [{"address": 0, "count": 1, "unit": 1, "datatypes": ">H"}]}""");

        assertThat(config.readRanges()).extracting(r -> r.function().configKey() + "[" + r.index() + "]")
                .containsExactly("read_input_registers[0]", "read_input_registers[1]", "read_coils[0]",
                        "read_holding_registers[0]");
    }

    @Test
    void acceptsRepeatCountsAndGivesEveryValueItsId() {
        ModbusConfig config = ModbusConfig.parse("""
                {"read_input_registers": [{"address": 19000, "count": 20, "unit": 1, "datatypes": ">10f"}]}""");

        assertThat(config.sensorDatapointIds()).hasSize(10).endsWith("read_input_registers__1__19018");
    }

    @Test
    void acceptsTheDemoDeviceConfig() {
        ModbusConfig config = ModbusConfig.parse("""
                {"read_input_registers": [{"address": 1,"count":1,"unit": 1,"datatypes": "e"}],
                 "write_register": [{"address": 1,"unit": 1,"datatypes": "<e","example_value": "22.0"}]}""");

        assertThat(config.sensorDatapointIds()).containsExactly("read_input_registers__1__1");
        assertThat(config.actuatorExampleValues()).containsOnlyKeys("write_register__1__1");
    }

    @Test
    void acceptsAnEmptyObject() {
        ModbusConfig config = ModbusConfig.parse("{}");

        assertThat(config.readRanges()).isEmpty();
        assertThat(config.writeTargets()).isEmpty();
    }

    // --- warnings ---

    @Test
    void warnsAboutUnexpectedTopLevelKeysAndIgnoresThem() {
        ModbusConfig config = ModbusConfig.parse("""
                {"read_coils": [{"address": 0, "count": 1, "unit": 1}], "read_colis": [{"address": 3}]}""");

        assertThat(config.warnings()).containsExactly("Found unexpected key in MODBUS_CONFIG: read_colis."
                + " It is ignored; its value was: [{\"address\":3}]");
        assertThat(config.readRanges()).hasSize(1);
    }

    @Test
    void warnsAboutFieldsAFunctionDoesNotUse() {
        ModbusConfig config = ModbusConfig.parse("""
                {"read_coils": [{"address": 0, "count": 1, "unit": 1, "datatypes": ">H", "scaling_factors": {"0": 2}}],
                 "write_register": [{"address": 0, "unit": 1, "datatypes": ">H", "example_value": 1,
                                     "count": 1, "scaling_factor": 100}]}""");

        assertThat(config.warnings()).containsExactly(
                "MODBUS_CONFIG.read_coils[0].datatypes: not used by read_coils; ignored",
                "MODBUS_CONFIG.read_coils[0].scaling_factors: scaling applies to register reads only; ignored",
                "MODBUS_CONFIG.write_register[0].count: not used by write_register; ignored",
                "MODBUS_CONFIG.write_register[0].scaling_factor: not used by write_register; ignored");
    }

    @Test
    void warnsAboutScalingFactorsThatNoValueUses() {
        ModbusConfig config = ModbusConfig.parse("""
                {"read_input_registers": [{"address": 20000, "count": 4, "unit": 1, "datatypes": ">ff",
                    "scaling_factors": {"20000": 0.1, "20001": 3, "020002": 10, "x": 1}}]}""");

        assertThat(config.readRanges().get(0).scalingFactors()).containsExactly(Map.entry(20000, 0.1));
        assertThat(config.warnings()).containsExactly(
                "MODBUS_CONFIG.read_input_registers[0].scaling_factors.20001: no value of this range starts"
                        + " at address '20001' (values start at [20000, 20002]); the factor is never applied",
                "MODBUS_CONFIG.read_input_registers[0].scaling_factors.020002: no value of this range starts"
                        + " at address '020002' (values start at [20000, 20002]); the factor is never applied",
                "MODBUS_CONFIG.read_input_registers[0].scaling_factors.x: no value of this range starts"
                        + " at address 'x' (values start at [20000, 20002]); the factor is never applied");
    }

    @Test
    void warnsAboutOverlappingReadRanges() {
        ModbusConfig config = ModbusConfig.parse("""
                {"read_holding_registers": [
                    {"address": 0, "count": 4, "unit": 1, "datatypes": ">ff"},
                    {"address": 2, "count": 4, "unit": 1, "datatypes": ">ff"},
                    {"address": 2, "count": 2, "unit": 2, "datatypes": ">f"}]}""");

        assertThat(config.warnings()).containsExactly("MODBUS_CONFIG.read_holding_registers[1]: values at [2]"
                + " on unit 1 are also read by MODBUS_CONFIG.read_holding_registers[0]; the later range's values win");
        assertThat(config.sensorDatapointIds()).containsExactly("read_holding_registers__1__0",
                "read_holding_registers__1__2", "read_holding_registers__1__4", "read_holding_registers__2__2");
    }

    @Test
    void warnsAboutDuplicateActuatorsAndLetsTheLaterWin() {
        ModbusConfig config = ModbusConfig.parse("""
                {"write_coil": [{"address": 19, "unit": 1, "example_value": false},
                                {"address": 19, "unit": 1, "example_value": true}]}""");

        assertThat(config.warnings()).containsExactly("MODBUS_CONFIG.write_coil[1]: datapoint write_coil__1__19"
                + " is also defined by MODBUS_CONFIG.write_coil[0]; the later entry wins");
        assertThat(config.actuatorExampleValues()).containsExactly(Map.entry("write_coil__1__19", NODES.booleanNode(true)));
        assertThat(config.writeTarget("write_coil__1__19")).get().extracting(WriteTarget::index).isEqualTo(1);
    }

    // --- errors: the document ---

    @Test
    void rejectsBadJson() {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"read_coils\": [}"))
                .isInstanceOf(ModbusConfigException.class)
                .hasMessageStartingWith("MODBUS_CONFIG: not valid JSON: ");
    }

    @Test
    void rejectsDuplicateKeys() {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"read_coils\": [], \"read_coils\": []}"))
                .hasMessageStartingWith("MODBUS_CONFIG: not valid JSON: ")
                .hasMessageContaining("read_coils");
    }

    @Test
    void rejectsAMissingConfig() {
        assertThatThrownBy(() -> ModbusConfig.parse(" "))
                .hasMessageStartingWith("MODBUS_CONFIG: missing or empty");
        assertThatThrownBy(() -> ModbusConfig.parse(null))
                .hasMessageStartingWith("MODBUS_CONFIG: missing or empty");
    }

    @Test
    void rejectsAConfigThatIsNoObject() {
        assertThatThrownBy(() -> ModbusConfig.parse("[1]"))
                .hasMessage("MODBUS_CONFIG: must be a JSON object with keys such as read_holding_registers, got [1]");
    }

    @Test
    void rejectsAFunctionThatIsNoList() {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"read_coils\": {\"address\": 1}}"))
                .hasMessage("MODBUS_CONFIG.read_coils: must be a list of objects, got {\"address\":1}");
    }

    @Test
    void rejectsARangeThatIsNoObject() {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"read_coils\": [{\"address\": 1, \"count\": 1, \"unit\": 1}, 5]}"))
                .hasMessage("MODBUS_CONFIG.read_coils[1]: must be an object, got 5");
    }

    // --- errors: fields ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"address\": 0, \"unit\": 1}                        | count: missing",
            "{\"count\": 1, \"unit\": 1}                          | address: missing",
            "{\"address\": 0, \"count\": 1}                       | unit: missing",
            "{\"address\": \"10\", \"count\": 1, \"unit\": 1}     | address: must be a whole number, got \"10\"",
            "{\"address\": 1.5, \"count\": 1, \"unit\": 1}        | address: must be a whole number, got 1.5",
            "{\"address\": -1, \"count\": 1, \"unit\": 1}         | address: must be between 0 and 65535, got -1",
            "{\"address\": 65536, \"count\": 1, \"unit\": 1}      | address: must be between 0 and 65535, got 65536",
            "{\"address\": 0, \"count\": 0, \"unit\": 1}          | count: must be between 1 and 2000, got 0",
            "{\"address\": 0, \"count\": 2001, \"unit\": 1}       | count: must be between 1 and 2000, got 2001",
            "{\"address\": 65530, \"count\": 10, \"unit\": 1}     | count: address 65530 + 10 registers/bits runs past the last Modbus address 65535",
            "{\"address\": 0, \"count\": 1, \"unit\": 256}        | unit: must be between 0 and 255, got 256",
            "{\"address\": 0, \"count\": 1, \"unit\": null}       | unit: must be a whole number, got null"})
    void rejectsBadFieldsOfABitRangeNamingThePath(String range, String problem) {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"read_discrete_inputs\": [" + range + "]}"))
                .isInstanceOf(ModbusConfigException.class)
                .hasMessage("MODBUS_CONFIG.read_discrete_inputs[0]." + problem);
    }

    @Test
    void reportsThePathOfTheOffendingField() {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"read_input_registers\": [{\"address\": 0, \"unit\": 1, \"datatypes\": \">H\"}]}"))
                .isInstanceOfSatisfying(ModbusConfigException.class, e -> {
                    assertThat(e.path()).isEqualTo("MODBUS_CONFIG.read_input_registers[0].count");
                    assertThat(e).hasMessage("MODBUS_CONFIG.read_input_registers[0].count: missing");
                });
    }

    @Test
    void rejectsMoreRegistersThanOneRequestMayRead() {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"read_holding_registers\": [{\"address\": 0, \"count\": 126,"
                + " \"unit\": 1, \"datatypes\": \">126H\"}]}"))
                .hasMessage("MODBUS_CONFIG.read_holding_registers[0].count: must be between 1 and 125, got 126");
    }

    @Test
    void rejectsRegisterReadsWithoutDatatypes() {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"read_holding_registers\": [{\"address\": 0, \"count\": 2, \"unit\": 1}]}"))
                .hasMessage("MODBUS_CONFIG.read_holding_registers[0].datatypes: missing; register functions"
                        + " need a Python struct format such as '>f'");
    }

    @Test
    void rejectsDatatypesThatAreNoString() {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"read_holding_registers\": [{\"address\": 0, \"count\": 2,"
                + " \"unit\": 1, \"datatypes\": 4}]}"))
                .hasMessage("MODBUS_CONFIG.read_holding_registers[0].datatypes: must be a string such as '>f', got 4");
    }

    @Test
    void rejectsUnsupportedStructCodesNamingThePath() {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"read_holding_registers\": [{\"address\": 1, \"count\": 31,"
                + " \"unit\": 1, \"datatypes\": \"<cbB?hHiIlLqQefdd\"}]}"))
                .hasMessageStartingWith("MODBUS_CONFIG.read_holding_registers[0].datatypes: datatypes"
                        + " '<cbB?hHiIlLqQefdd': code 'c' at position 1 is not supported");
    }

    @Test
    void rejectsCountThatDoesNotMatchTheDatatypesSize() {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"read_input_registers\": [{\"address\": 19000, \"count\": 3,"
                + " \"unit\": 1, \"datatypes\": \">ff\"}]}"))
                .hasMessage("MODBUS_CONFIG.read_input_registers[0].datatypes: '>ff' describes 8 bytes, but count 3"
                        + " reads 6 bytes (3 registers)");
    }

    @Test
    void hintsAtAlignmentWhenANativeFormatDoesNotMatchCount() {
        // In the original 'hi' was 8 bytes (padding before the int), so count 4 matched.
        assertThatThrownBy(() -> ModbusConfig.parse("{\"read_input_registers\": [{\"address\": 0, \"count\": 4,"
                + " \"unit\": 1, \"datatypes\": \"hi\"}]}"))
                .hasMessageStartingWith("MODBUS_CONFIG.read_input_registers[0].datatypes: 'hi' describes 6 bytes,"
                        + " but count 4 reads 8 bytes (4 registers); note: with '@' or no prefix the"
                        + " original (Python's native mode) inserted alignment padding");
    }

    @Test
    void rejectsTwoValuesInOneRegisterNamingThePath() {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"read_input_registers\": [{\"address\": 7, \"count\": 1,"
                + " \"unit\": 1, \"datatypes\": \">BB\"}]}"))
                .hasMessageStartingWith("MODBUS_CONFIG.read_input_registers[0].datatypes: datatypes '>BB': 'B' at"
                        + " byte 0 and 'B' at byte 1 both start in register 7");
    }

    @Test
    void rejectsScalingFactorsThatAreNoObject() {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"read_input_registers\": [{\"address\": 0, \"count\": 2,"
                + " \"unit\": 1, \"datatypes\": \">f\", \"scaling_factors\": [0.1]}]}"))
                .hasMessage("MODBUS_CONFIG.read_input_registers[0].scaling_factors: must be an object of address"
                        + " to factor, e.g. {\"19002\": 0.1}, got [0.1]");
    }

    @Test
    void rejectsScalingFactorsThatAreNoNumber() {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"read_input_registers\": [{\"address\": 0, \"count\": 2,"
                + " \"unit\": 1, \"datatypes\": \">f\", \"scaling_factors\": {\"0\": \"0.1\"}}]}"))
                .hasMessage("MODBUS_CONFIG.read_input_registers[0].scaling_factors.0: must be a number, got \"0.1\"");
    }

    // --- errors: writes ---

    @Test
    void rejectsWriteRegisterOfMoreThanOneRegister() {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"write_register\": [{\"address\": 21, \"unit\": 1,"
                + " \"datatypes\": \">f\", \"example_value\": 1}]}"))
                .hasMessage("MODBUS_CONFIG.write_register[0].datatypes: datatype '>f' implies sending 2 registers"
                        + " (4 bytes) while write_register (function code 6) sends exactly one register (2 bytes);"
                        + " use write_registers for larger values or pad 1-byte values with 'x'");
    }

    @Test
    void rejectsWriteRegisterOfASingleByte() {
        // The original let this pass its check and sent one byte as a register.
        assertThatThrownBy(() -> ModbusConfig.parse("{\"write_register\": [{\"address\": 21, \"unit\": 1,"
                + " \"datatypes\": \">b\", \"example_value\": 1}]}"))
                .hasMessageStartingWith("MODBUS_CONFIG.write_register[0].datatypes: datatype '>b' implies"
                        + " sending 1 byte while write_register");
    }

    @Test
    void acceptsWriteRegisterOfAPaddedByte() {
        assertThat(ModbusConfig.parse("{\"write_register\": [{\"address\": 21, \"unit\": 1,"
                + " \"datatypes\": \">xb\", \"example_value\": 1}]}").writeTargets()).hasSize(1);
    }

    @Test
    void rejectsWritesOfSeveralValues() {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"write_registers\": [{\"address\": 21, \"unit\": 1,"
                + " \"datatypes\": \">ff\", \"example_value\": 1}]}"))
                .hasMessage("MODBUS_CONFIG.write_registers[0].datatypes: '>ff' describes 2 values; a write sends exactly one");
    }

    @Test
    void rejectsWriteRegistersOfAnOddNumberOfBytes() {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"write_registers\": [{\"address\": 21, \"unit\": 1,"
                + " \"datatypes\": \">3s\", \"example_value\": \"abc\"}]}"))
                .hasMessage("MODBUS_CONFIG.write_registers[0].datatypes: '>3s' describes 3 bytes, not a whole"
                        + " number of registers; pad with 'x'");
    }

    @Test
    void rejectsWriteRegistersBeyondOneRequest() {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"write_registers\": [{\"address\": 0, \"unit\": 1,"
                + " \"datatypes\": \">248s\", \"example_value\": \"\"}]}"))
                .hasMessage("MODBUS_CONFIG.write_registers[0].datatypes: '>248s' describes 124 registers;"
                        + " function code 16 writes at most 123");
    }

    @Test
    void rejectsWriteRegistersPastTheLastAddress() {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"write_registers\": [{\"address\": 65535, \"unit\": 1,"
                + " \"datatypes\": \">f\", \"example_value\": 1}]}"))
                .hasMessage("MODBUS_CONFIG.write_registers[0].address: address 65535 + 2 registers/bits runs past"
                        + " the last Modbus address 65535");
    }

    @Test
    void rejectsRegisterWritesWithoutDatatypes() {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"write_registers\": [{\"address\": 0, \"unit\": 1, \"example_value\": 1}]}"))
                .hasMessageStartingWith("MODBUS_CONFIG.write_registers[0].datatypes: missing");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "write_coil      | {\"address\": 19, \"unit\": 1}",
            "write_register  | {\"address\": 21, \"unit\": 1, \"datatypes\": \">H\"}",
            "write_registers | {\"address\": 23, \"unit\": 1, \"datatypes\": \">f\"}"})
    void rejectsWritesWithoutExampleValue(String function, String entry) {
        assertThatThrownBy(() -> ModbusConfig.parse("{\"" + function + "\": [" + entry + "]}"))
                .hasMessage("MODBUS_CONFIG." + function + "[0].example_value: missing; every write_* entry"
                        + " needs one for the available datapoints message");
    }

    @Test
    void acceptsNullAsExampleValue() {
        ModbusConfig config = ModbusConfig.parse("{\"write_coil\": [{\"address\": 19, \"unit\": 1, \"example_value\": null}]}");

        assertThat(config.actuatorExampleValues()).containsEntry("write_coil__1__19", NODES.nullNode());
    }

    @Test
    void listsEveryFunctionKeyOfTheOriginal() {
        assertThat(List.of(ModbusFunction.values())).extracting(ModbusFunction::configKey).containsExactly(
                "read_coils", "read_discrete_inputs", "read_holding_registers", "read_input_registers",
                "write_coil", "write_register", "write_registers");
        assertThat(List.of(ModbusFunction.values())).extracting(ModbusFunction::functionCode)
                .containsExactly(1, 2, 3, 4, 5, 6, 16);
    }
}
