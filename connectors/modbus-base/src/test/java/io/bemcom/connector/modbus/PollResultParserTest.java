package io.bemcom.connector.modbus;

import static io.bemcom.connector.modbus.RegisterCodecTest.regs;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PollResultParserTest {

    private static final int[] UMG96_FRAME = regs(17259, 1512, 17258, 31341, 17259, 18065, 17355, 7316,
            17355, 37386, 17355, 44004, 16383, 62906, 16420, 36584, 16406, 52624, 16096, 45866);

    private final PollResultParser parser = new PollResultParser(new RegisterCodec(WordOrder.AS_FORMAT));

    @Test
    void parsesARealUmg96FrameIntoFunctionUnitAddress() {
        ModbusConfig config = ModbusConfig.parse("""
                {"read_input_registers": [{"address": 19000, "count": 20, "unit": 1, "datatypes": ">ffffffffff"}]}""");

        ParsedPoll parsed = parser.parse(new PollResult().addRegisters(config.readRanges().get(0), UMG96_FRAME));

        assertThat(parsed.errors()).isEmpty();
        JsonNode byAddress = parsed.parsedMessage().get("read_input_registers").get("1");
        assertThat(byAddress.propertyNames()).containsExactly("19000", "19002", "19004", "19006", "19008",
                "19010", "19012", "19014", "19016", "19018");
        assertThat(doubles(byAddress)).containsExactly(235.0230712890625, 234.4782257080078, 235.27565002441406,
                406.2232666015625, 407.14093017578125, 407.3428955078125, 1.9996864795684814,
                2.5712223052978516, 2.3562965393066406, 0.43886691331863403);
    }

    @Test
    void parsesRepeatCountsLikeSpelledOutFormats() {
        ModbusConfig counted = ModbusConfig.parse("""
                {"read_input_registers": [{"address": 19000, "count": 20, "unit": 1, "datatypes": ">10f"}]}""");
        ModbusConfig spelled = ModbusConfig.parse("""
                {"read_input_registers": [{"address": 19000, "count": 20, "unit": 1, "datatypes": ">ffffffffff"}]}""");

        assertThat(parser.parse(new PollResult().addRegisters(counted.readRanges().get(0), UMG96_FRAME)))
                .isEqualTo(parser.parse(new PollResult().addRegisters(spelled.readRanges().get(0), UMG96_FRAME)));
    }

    @Test
    void appliesScalingFactorsAsTheUpstreamTest() {
        // Upstream test_read_scaling_factors_applied: range index 1, factors 0.1 and 10.
        ModbusConfig config = ModbusConfig.parse("""
                {"read_input_registers": [
                    {"address": 19000, "count": 20, "unit": 1, "datatypes": ">ffffffffff"},
                    {"address": 20000, "count": 4, "unit": 1, "datatypes": ">ff",
                     "scaling_factors": {"20000": 0.1, "20002": 10}}]}""");

        ParsedPoll parsed = parser.parse(new PollResult()
                .addRegisters(config.readRanges().get(1), regs(17259, 1512, 17258, 31341)));

        JsonNode byAddress = parsed.parsedMessage().get("read_input_registers").get("1");
        assertThat(byAddress.get("20000").doubleValue()).isEqualTo(23.502307128906253);
        assertThat(byAddress.get("20002").doubleValue()).isEqualTo(2344.782257080078);
    }

    @Test
    void scalesIntegersIntoDoublesAndLeavesUnscaledIntegersIntegral() {
        ModbusConfig config = ModbusConfig.parse("""
                {"read_holding_registers": [{"address": 40083, "count": 2, "unit": 1, "datatypes": ">Hh",
                    "scaling_factors": {"40083": 0.1}}]}""");

        JsonNode byAddress = parser.parse(new PollResult().addRegisters(config.readRanges().get(0), regs(2305, 0xFFFF)))
                .parsedMessage().get("read_holding_registers").get("1");

        assertThat(byAddress.get("40083").isDouble()).isTrue();
        assertThat(byAddress.get("40083").doubleValue()).isEqualTo(230.5);
        assertThat(byAddress.get("40084").isIntegralNumber()).isTrue();
        assertThat(byAddress.get("40084").longValue()).isEqualTo(-1);
    }

    @Test
    void parsesTheUpstreamIntegerVectorWithUint64AboveLongMax() {
        ModbusConfig config = ModbusConfig.parse("""
                {"read_holding_registers": [{"address": 0, "count": 32, "unit": 0, "datatypes": ">xbxbxBxBhhHHllLLqqQQ"}]}""");
        int[] registers = regs(0x002A, 0x00D6, 0x002A, 0x00F1, 0x7530, 0x8AD0, 0x7530, 0xEA60, 0x7DD6, 0xB23D,
                0x8229, 0x4DC3, 0x7DD6, 0xB23D, 0xF50C, 0x463D, 0x7E71, 0x9070, 0x5E91, 0x8392, 0x818E, 0x6F8F,
                0xA16E, 0x7C6E, 0x7E71, 0x9070, 0x5E91, 0x8392, 0xFB57, 0xFCC1, 0x4115, 0x8392);

        JsonNode byAddress = parser.parse(new PollResult().addRegisters(config.readRanges().get(0), registers))
                .parsedMessage().get("read_holding_registers").get("0");

        assertThat(byAddress.propertyNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "10",
                "12", "14", "16", "20", "24", "28");
        assertThat(byAddress.get("1").longValue()).isEqualTo(-42);
        assertThat(byAddress.get("20").longValue()).isEqualTo(-9111222333444555666L);
        assertThat(byAddress.get("28").bigIntegerValue()).isEqualTo(new BigInteger("18111222333444555666"));
        assertThat(byAddress.toString()).contains("\"28\":18111222333444555666");
    }

    @Test
    void parsesCoilsAndDiscreteInputsAsBooleansDroppingPaddingBits() {
        // Upstream test_read_bits: [T, T, T, F, T] at 0..4, unit 1; the library pads to 8 bits.
        ModbusConfig config = ModbusConfig.parse("""
                {"read_coils": [{"address": 0, "count": 5, "unit": 1}],
                 "read_discrete_inputs": [{"address": 0, "count": 5, "unit": 1}]}""");
        boolean[] bits = {true, true, true, false, true, false, false, false};

        ObjectNode parsed = parser.parse(new PollResult()
                .addBits(config.readRanges().get(0), bits)
                .addBits(config.readRanges().get(1), bits)).parsedMessage();

        assertThat(parsed.toString()).isEqualTo("{\"read_coils\":{\"1\":{\"0\":true,\"1\":true,\"2\":true,\"3\":false,\"4\":true}},"
                + "\"read_discrete_inputs\":{\"1\":{\"0\":true,\"1\":true,\"2\":true,\"3\":false,\"4\":true}}}");
    }

    @Test
    void keepsPollOrderAndSeparatesUnits() {
        ModbusConfig config = ModbusConfig.parse("""
                {"read_holding_registers": [{"address": 1, "count": 1, "unit": 2, "datatypes": ">H"},
                                            {"address": 1, "count": 1, "unit": 1, "datatypes": ">H"}],
                 "read_coils": [{"address": 10, "count": 1, "unit": 1}]}""");
        PollResult result = new PollResult();
        result.addRegisters(config.readRanges().get(0), regs(7));
        result.addRegisters(config.readRanges().get(1), regs(8));
        result.addBits(config.readRanges().get(2), new boolean[] {true});

        assertThat(parser.parse(result).parsedMessage().toString()).isEqualTo(
                "{\"read_holding_registers\":{\"2\":{\"1\":7},\"1\":{\"1\":8}},\"read_coils\":{\"1\":{\"10\":true}}}");
    }

    @Test
    void letsTheLaterOfOverlappingRangesWin() {
        ModbusConfig config = ModbusConfig.parse("""
                {"read_holding_registers": [{"address": 0, "count": 2, "unit": 1, "datatypes": ">HH"},
                                            {"address": 1, "count": 1, "unit": 1, "datatypes": ">h"}]}""");

        ObjectNode parsed = parser.parse(new PollResult()
                .addRegisters(config.readRanges().get(0), regs(1, 0xFFFF))
                .addRegisters(config.readRanges().get(1), regs(0xFFFF))).parsedMessage();

        assertThat(parsed.toString()).isEqualTo("{\"read_holding_registers\":{\"1\":{\"0\":1,\"1\":-1}}}");
    }

    @Test
    void appliesTheConfiguredWordOrder() {
        ModbusConfig config = ModbusConfig.parse("""
                {"read_input_registers": [{"address": 19000, "count": 2, "unit": 1, "datatypes": ">f"}]}""");
        PollResultParser lsrf = new PollResultParser(new RegisterCodec(WordOrder.LEAST_SIGNIFICANT_REGISTER_FIRST));

        JsonNode value = lsrf.parse(new PollResult().addRegisters(config.readRanges().get(0), regs(1512, 17259)))
                .parsedMessage().at("/read_input_registers/1/19000");

        assertThat(value.doubleValue()).isEqualTo(235.0230712890625);
    }

    @Test
    void skipsARangeWhoseResponseDoesNotFitAndKeepsTheOthers() {
        ModbusConfig config = ModbusConfig.parse("""
                {"read_input_registers": [{"address": 19000, "count": 4, "unit": 1, "datatypes": ">ff"},
                                          {"address": 30000, "count": 1, "unit": 1, "datatypes": ">H"}],
                 "read_coils": [{"address": 0, "count": 8, "unit": 1}]}""");

        ParsedPoll parsed = parser.parse(new PollResult()
                .addRegisters(config.readRanges().get(0), regs(1, 2, 3))
                .addRegisters(config.readRanges().get(1), regs(42))
                .addBits(config.readRanges().get(2), new boolean[] {true}));

        assertThat(parsed.errors()).containsExactly(
                "MODBUS_CONFIG.read_input_registers[0]: datatypes '>ff' describes 8 bytes, but 3 registers (6 bytes) were read",
                "MODBUS_CONFIG.read_coils[0]: expected 8 bits, got 1");
        assertThat(parsed.parsedMessage().toString()).isEqualTo("{\"read_input_registers\":{\"1\":{\"30000\":42}}}");
    }

    @Test
    void reportsRegistersOutsideSixteenBitsAsAnError() {
        ModbusConfig config = ModbusConfig.parse("""
                {"read_input_registers": [{"address": 0, "count": 1, "unit": 1, "datatypes": ">H"}]}""");

        ParsedPoll parsed = parser.parse(new PollResult().addRegisters(config.readRanges().get(0), regs(70000)));

        assertThat(parsed.errors()).containsExactly("MODBUS_CONFIG.read_input_registers[0]: register 0 holds 70000,"
                + " which is not an unsigned 16-bit value (0..65535)");
    }

    @Test
    void buildsTheOriginalsRawMessage() {
        ModbusConfig config = ModbusConfig.parse("""
                {"read_input_registers": [{"address": 19000, "count": 2, "unit": 1, "datatypes": ">f"},
                                          {"address": 20000, "count": 1, "unit": 1, "datatypes": ">H"}],
                 "read_coils": [{"address": 0, "count": 2, "unit": 1}]}""");

        PollResult result = new PollResult()
                .addRegisters(config.readRanges().get(0), regs(17259, 1512))
                .addRegisters(config.readRanges().get(1), regs(5))
                .addBits(config.readRanges().get(2), new boolean[] {true, false});

        assertThat(result.toRawMessage().toString()).isEqualTo("{\"read_input_registers\":{\"0\":[17259,1512],\"1\":[5]},"
                + "\"read_coils\":{\"0\":[true,false]}}");
    }

    @Test
    void parsesAnEmptyPollIntoAnEmptyMessage() {
        PollResult empty = new PollResult();

        assertThat(empty.isEmpty()).isTrue();
        assertThat(parser.parse(empty)).isEqualTo(new ParsedPoll(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode(), List.of()));
    }

    private static List<Double> doubles(JsonNode byAddress) {
        return byAddress.values().stream().map(JsonNode::doubleValue).toList();
    }
}
