package io.bemcom.connector.fronius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import io.bemcom.connector.modbus.ModbusConfigException;
import io.bemcom.connector.modbus.ModbusFunction;

class FroniusConfigTest {

    /** The example of the service reference's Fronius Modbus Connector section, unchanged. */
    static final String REFERENCE_EXAMPLE = """
            {
                "read_coils": [],
                "read_discrete_inputs": [],
                "read_holding_registers": [
                    {
                        "address": 40071,
                        "count": 46,
                        "unit": 1,
                        "datatypes":">fffffffffffffffffffffff"
                    },
                    {
                        "address": 40242,
                        "count": 1,
                        "unit":1,
                        "datatypes":">H"
                    }

                ],
                "read_input_registers": [],
                "write_coil": [],
                "write_register": [
                {
                    "address": 40242,
                    "unit": 1,
                    "datatypes": ">H",
                    "scaling_factor": 100

                },
                {
                    "address": 40246,
                    "unit": 1,
                    "datatypes": ">H",
                    "scaling_factor": 1

                }
                ]
            }""";

    @Test
    void readsTheServiceReferencesExample() {
        FroniusConfig config = FroniusConfig.parse(REFERENCE_EXAMPLE);

        assertThat(config.readRanges()).hasSize(2);
        assertThat(config.readRanges().get(0).valueAddresses()).hasSize(23).startsWith(40071, 40073).endsWith(40115);
        assertThat(config.writeTargets()).extracting(FroniusWriteTarget::datapointId)
                .containsExactly("write_register__40242__1", "write_register__40246__1");
        assertThat(config.writeTargets().get(0).scalingFactor()).isEqualByComparingTo(new BigDecimal(100));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void namesActuatorsWithTheAddressBeforeTheUnitAsTheOriginal() {
        FroniusConfig config = FroniusConfig.parse("""
                {"write_coil": [{"address": 19, "unit": 1}],
                 "write_register": [{"address": 21, "unit": 2, "datatypes": ">H", "scaling_factor": 100}]}""");

        assertThat(config.writeTargets()).extracting(FroniusWriteTarget::datapointId)
                .containsExactly("write_coil__19__1", "write_register__21__2");
        assertThat(config.writeTarget("write_coil__19__1").orElseThrow().function()).isEqualTo(ModbusFunction.WRITE_COIL);
    }

    @Test
    void ignoresWriteRegistersAndOtherUnknownKeysWithAWarningAsTheOriginal() {
        FroniusConfig config = FroniusConfig.parse("""
                {"write_registers": [{"address": 1, "unit": 1, "datatypes": ">f", "example_value": 1}],
                 "read_everything": true}""");

        assertThat(config.writeTargets()).isEmpty();
        assertThat(config.warnings()).hasSize(2)
                .allMatch(warning -> warning.startsWith("Found unexpected key in MODBUS_CONFIG: "));
    }

    @Test
    void requiresTheScalingFactorOfARegisterWrite() {
        assertThatThrownBy(() -> FroniusConfig.parse("""
                {"write_register": [{"address": 40242, "unit": 1, "datatypes": ">H"}]}"""))
                .isInstanceOf(ModbusConfigException.class)
                .hasMessageStartingWith("MODBUS_CONFIG.write_register[0].scaling_factor: missing");
    }

    @Test
    void requiresExactlyOneRegisterPerRegisterWrite() {
        assertThatThrownBy(() -> FroniusConfig.parse("""
                {"write_register": [{"address": 40242, "unit": 1, "datatypes": ">f", "scaling_factor": 1}]}"""))
                .isInstanceOf(ModbusConfigException.class)
                .hasMessageStartingWith("MODBUS_CONFIG.write_register[0].datatypes: datatype '>f' implies sending 2 registers");
    }

    @Test
    void reportsReadErrorsAsTheModbusConnectorDoes() {
        assertThatThrownBy(() -> FroniusConfig.parse("""
                {"read_holding_registers": [{"address": 40071, "count": 2, "unit": 1, "datatypes": ">H"}]}"""))
                .isInstanceOf(ModbusConfigException.class)
                .hasMessageStartingWith("MODBUS_CONFIG.read_holding_registers[0].datatypes");
        assertThatThrownBy(() -> FroniusConfig.parse("{\"write_coil\": [{\"unit\": 1}]}"))
                .hasMessage("MODBUS_CONFIG.write_coil[0].address: missing");
        assertThatThrownBy(() -> FroniusConfig.parse("not json")).hasMessageStartingWith("MODBUS_CONFIG: not valid JSON");
    }

    @Test
    void warnsThatRangesOfTwoUnitsYieldTheSameIds() {
        FroniusConfig config = FroniusConfig.parse("""
                {"read_holding_registers": [{"address": 40071, "count": 1, "unit": 1, "datatypes": ">H"},
                                            {"address": 40071, "count": 1, "unit": 2, "datatypes": ">H"}]}""");

        assertThat(config.warnings()).singleElement().asString()
                .contains("read_holding_registers__40071").contains("carry no unit");
    }

    @Test
    void warnsAboutFieldsTheFroniusConnectorDoesNotUse() {
        FroniusConfig config = FroniusConfig.parse("""
                {"write_coil": [{"address": 19, "unit": 1, "example_value": true}]}""");

        assertThat(config.warnings()).singleElement().asString()
                .startsWith("MODBUS_CONFIG.write_coil[0].example_value: not used");
    }
}
