package io.bemcom.connector.modbus;

import static io.bemcom.connector.modbus.RegisterCodecTest.regs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;

/** The raw message a poll publishes, and reading it back (the SDK hands parse() the raw message). */
class PollResultRawMessageTest {

    private static final ModbusConfig CONFIG = ModbusConfig.parse("""
            {"read_input_registers": [{"address": 19000, "count": 2, "unit": 1, "datatypes": ">f"},
                                      {"address": 5, "count": 1, "unit": 2, "datatypes": ">H"}],
             "read_coils": [{"address": 10, "count": 3, "unit": 1}]}""");

    @Test
    void keepsTheOriginalsShapeAndReadsBackToTheSameValues() {
        PollResult result = new PollResult()
                .addRegisters(CONFIG.readRanges().get(0), regs(17259, 1512))
                .addRegisters(CONFIG.readRanges().get(1), regs(65535))
                .addBits(CONFIG.readRanges().get(2), new boolean[] {true, false, true, false, false, false, false, false});
        JsonNode raw = result.toRawMessage();

        assertThat(raw).isEqualTo(JsonValues.parse("""
                {"read_input_registers": {"0": [17259, 1512], "1": [65535]},
                 "read_coils": {"0": [true, false, true, false, false, false, false, false]}}"""));
        PollResultParser parser = new PollResultParser(new RegisterCodec(WordOrder.AS_FORMAT));
        assertThat(parser.parse(PollResult.fromRawMessage(raw, CONFIG.readRanges()))).isEqualTo(parser.parse(result));
    }

    @Test
    void readsBackARawMessageThatLacksARefusedRange() {
        JsonNode raw = JsonValues.parse("{\"read_coils\": {\"0\": [true, true, false]}}");

        assertThat(PollResult.fromRawMessage(raw, CONFIG.readRanges()).entries()).hasSize(1);
    }

    @Test
    void rejectsOtherShapesNamingThePart() {
        assertThatThrownBy(() -> PollResult.fromRawMessage(JsonValues.parse("{\"read_coils\": [true]}"),
                CONFIG.readRanges())).hasMessageContaining("raw message.read_coils");
        assertThatThrownBy(() -> PollResult.fromRawMessage(JsonValues.parse("{\"read_coils\": {\"0\": [1]}}"),
                CONFIG.readRanges())).hasMessageContaining("raw message.read_coils.0[0]");
        assertThatThrownBy(() -> PollResult.fromRawMessage(JsonValues.parse("{\"write_coil\": {\"0\": []}}"),
                CONFIG.readRanges())).hasMessageContaining("no such range");
        assertThatThrownBy(() -> PollResult.fromRawMessage(JsonValues.parse(
                "{\"read_input_registers\": {\"1\": [65536]}}"), CONFIG.readRanges()))
                .hasMessageContaining("read_input_registers.1[0]");
    }
}
