package io.bemcom.connector.modbus;

import static io.bemcom.connector.modbus.WordOrder.AS_FORMAT;
import static io.bemcom.connector.modbus.WordOrder.LEAST_SIGNIFICANT_REGISTER_FIRST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Golden vectors: connectors.md 4.1.4/4.1.8 (upstream tests, register lists computed with
 * Python's struct as the original decodes), services-and-tools.md 3.3 (demo device) and device
 * manuals where noted.
 */
class RegisterCodecTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final RegisterCodec codec = new RegisterCodec(AS_FORMAT);
    private final RegisterCodec lsrf = new RegisterCodec(LEAST_SIGNIFICANT_REGISTER_FIRST);

    // --- float32 from the upstream tests (Janitza UMG-96RM-E, voltage L1-N at 19000) ---

    @Test
    void decodesBigEndianFloat32FromTwoRegisters() {
        assertThat(values(codec.decode(19000, format(">f"), regs(17259, 1512)))).containsExactly(235.0230712890625);
    }

    @Test
    void decodesLittleEndianFloat32FromTwoRegisters() {
        assertThat(values(codec.decode(19000, format("<f"), regs(59397, 27459)))).containsExactly(235.0230712890625);
    }

    @Test
    void encodesFloat32InBothByteOrders() {
        assertThat(codec.encode(format(">f"), number(235.0230712890625))).containsExactly(17259, 1512);
        assertThat(codec.encode(format("<f"), number(235.0230712890625))).containsExactly(59397, 27459);
    }

    @Test
    void decodesARealUmg96FrameOfTenFloats() {
        int[] frame = regs(17259, 1512, 17258, 31341, 17259, 18065, 17355, 7316, 17355, 37386,
                17355, 44004, 16383, 62906, 16420, 36584, 16406, 52624, 16096, 45866);

        List<RegisterValue> decoded = codec.decode(19000, format(">10f"), frame);

        assertThat(decoded).extracting(RegisterValue::address)
                .containsExactly(19000, 19002, 19004, 19006, 19008, 19010, 19012, 19014, 19016, 19018);
        assertThat(values(decoded)).containsExactly(235.0230712890625, 234.4782257080078,
                235.27565002441406, 406.2232666015625, 407.14093017578125, 407.3428955078125,
                1.9996864795684814, 2.5712223052978516, 2.3562965393066406, 0.43886691331863403);
    }

    // --- upstream test_read_floats: e e f f d d ---

    static Stream<Arguments> upstreamFloatVectors() {
        return Stream.of(
                Arguments.of(">eeffdd", regs(0x4A2C, 0xCA2C, 0x41B0, 0x0000, 0xC1B0, 0x0000,
                        0x405E, 0xDCCC, 0xCCCC, 0xCCCD, 0xC05E, 0xDCCC, 0xCCCC, 0xCCCD)),
                Arguments.of("<eeffdd", regs(0x2C4A, 0x2CCA, 0x0000, 0xB041, 0x0000, 0xB0C1,
                        0xCDCC, 0xCCCC, 0xCCDC, 0x5E40, 0xCDCC, 0xCCCC, 0xCCDC, 0x5EC0)));
    }

    @ParameterizedTest
    @MethodSource("upstreamFloatVectors")
    void decodesUpstreamFloatVector(String datatypes, int[] registers) {
        List<RegisterValue> decoded = codec.decode(0, format(datatypes), registers);

        assertThat(decoded).extracting(RegisterValue::address).containsExactly(0, 1, 2, 4, 6, 10);
        assertThat(values(decoded)).containsExactly(12.34375, -12.34375, 22.0, -22.0, 123.45, -123.45);
    }

    @ParameterizedTest
    @MethodSource("upstreamFloatVectors")
    void encodesEachUpstreamFloatToItsRegisters(String datatypes, int[] registers) {
        char order = datatypes.charAt(0);
        List<Integer> encoded = new ArrayList<>();
        for (String one : List.of("e:12.34375", "e:-12.34375", "f:22.0", "f:-22.0", "d:123.45", "d:-123.45")) {
            String[] parts = one.split(":");
            for (int register : codec.encode(format(order + parts[0]), number(Double.parseDouble(parts[1])))) {
                encoded.add(register);
            }
        }
        assertThat(encoded).containsExactly(boxed(registers));
    }

    // --- upstream test_read_ints: x b x b x B x B h h H H l l L L q q Q Q ---

    static Stream<Arguments> upstreamIntegerVectors() {
        return Stream.of(
                Arguments.of(">xbxbxBxBhhHHllLLqqQQ", regs(0x002A, 0x00D6, 0x002A, 0x00F1, 0x7530, 0x8AD0,
                        0x7530, 0xEA60, 0x7DD6, 0xB23D, 0x8229, 0x4DC3, 0x7DD6, 0xB23D, 0xF50C, 0x463D,
                        0x7E71, 0x9070, 0x5E91, 0x8392, 0x818E, 0x6F8F, 0xA16E, 0x7C6E, 0x7E71, 0x9070,
                        0x5E91, 0x8392, 0xFB57, 0xFCC1, 0x4115, 0x8392)),
                Arguments.of("<xbxbxBxBhhHHllLLqqQQ", regs(0x002A, 0x00D6, 0x002A, 0x00F1, 0x3075, 0xD08A,
                        0x3075, 0x60EA, 0x3DB2, 0xD67D, 0xC34D, 0x2982, 0x3DB2, 0xD67D, 0x3D46, 0x0CF5,
                        0x9283, 0x915E, 0x7090, 0x717E, 0x6E7C, 0x6EA1, 0x8F6F, 0x8E81, 0x9283, 0x915E,
                        0x7090, 0x717E, 0x9283, 0x1541, 0xC1FC, 0x57FB)));
    }

    @ParameterizedTest
    @MethodSource("upstreamIntegerVectors")
    void decodesUpstreamIntegerVector(String datatypes, int[] registers) {
        List<RegisterValue> decoded = codec.decode(0, format(datatypes), registers);

        assertThat(decoded).extracting(RegisterValue::address)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28);
        assertThat(values(decoded)).containsExactly(42L, -42L, 42L, 241L, 30000L, -30000L, 30000L, 60000L,
                2111222333L, -2111222333L, 2111222333L, 4111222333L, 9111222333444555666L,
                -9111222333444555666L, 9111222333444555666L, new BigInteger("18111222333444555666"));
    }

    // --- demo device (services-and-tools.md 3.3): float16 with swapped bytes, '<e' ---

    @ParameterizedTest
    @CsvSource({"0x404D, 21.0", "0x004E, 24.0", "0x804B, 15.0", "0x804F, 30.0"})
    void decodesAndEncodesDemoDeviceTemperatures(String register, double celsius) {
        int value = Integer.decode(register);

        assertThat(values(codec.decode(1, format("<e"), regs(value)))).containsExactly(celsius);
        assertThat(values(codec.decode(1, format("e"), regs(value)))).containsExactly(celsius);
        assertThat(codec.encode(format("<e"), number(celsius))).containsExactly(value);
    }

    @Test
    void readsDemoSetpointBackAtHalfFloatPrecision() {
        int[] register = codec.encode(format("<e"), JSON.readTree("\"22.3\""));

        assertThat(values(codec.decode(1, format("<e"), register))).containsExactly(22.296875);
    }

    // --- word order: MODBUS_LSRF_WORD_ORDER ---

    @Test
    void readsWordOrderFlagOnlyForExactlyTrue() {
        assertThat(WordOrder.fromEnvironment("TRUE")).isEqualTo(LEAST_SIGNIFICANT_REGISTER_FIRST);
        assertThat(WordOrder.fromEnvironment("true")).isEqualTo(AS_FORMAT);
        assertThat(WordOrder.fromEnvironment("FALSE")).isEqualTo(AS_FORMAT);
        assertThat(WordOrder.fromEnvironment("")).isEqualTo(AS_FORMAT);
        assertThat(WordOrder.fromEnvironment(null)).isEqualTo(AS_FORMAT);
    }

    @Test
    void decodesWordSwappedFloat32AsCdab() {
        assertThat(values(lsrf.decode(19000, format(">f"), regs(1512, 17259)))).containsExactly(235.0230712890625);
        assertThat(lsrf.encode(format(">f"), number(235.0230712890625))).containsExactly(1512, 17259);
    }

    @Test
    void decodesWordSwappedLittleEndianFloat32AsBadc() {
        // 123456.0f is 0x47F12000 (ABCD = 47 F1 20 00); BADC on the wire is F1 47 00 20.
        assertThat(values(lsrf.decode(0, format("<f"), regs(0xF147, 0x0020)))).containsExactly(123456.0);
        assertThat(values(codec.decode(0, format(">f"), regs(0x47F1, 0x2000)))).containsExactly(123456.0);
    }

    @ParameterizedTest
    @CsvSource({
            ">i, 0x12345678, 0x5678, 0x1234",
            ">I, 4294967295, 0xFFFF, 0xFFFF",
            ">l, -2, 0xFFFE, 0xFFFF",
            ">L, 65536, 0x0000, 0x0001"})
    void decodesWordSwapped32BitIntegersAsCdab(String datatypes, String value, String low, String high) {
        long expected = Long.decode(value);
        int[] wire = regs(Integer.decode(low), Integer.decode(high));

        assertThat(values(lsrf.decode(0, format(datatypes), wire))).containsExactly(expected);
        assertThat(lsrf.encode(format(datatypes), number(expected))).containsExactly(wire);
    }

    @Test
    void decodesWordSwapped64BitValuesWithAllFourRegistersReversed() {
        assertThat(values(lsrf.decode(0, format(">q"), regs(0x0708, 0x0506, 0x0304, 0x0102))))
                .containsExactly(0x0102030405060708L);
        assertThat(values(lsrf.decode(0, format(">Q"), regs(0x0000, 0x0000, 0x0000, 0x8000))))
                .containsExactly(new BigInteger("9223372036854775808"));
        assertThat(values(lsrf.decode(0, format(">d"), regs(0xCCCD, 0xCCCC, 0xDCCC, 0x405E))))
                .containsExactly(123.45);
        assertThat(lsrf.encode(format(">d"), number(123.45))).containsExactly(0xCCCD, 0xCCCC, 0xDCCC, 0x405E);
    }

    @Test
    void swapsEachMultiRegisterValueOnItsOwnWithinARange() {
        // Two CDAB floats and a uint16 between them: the uint16 stays, each float is swapped alone.
        int[] wire = regs(1512, 17259, 0x0102, 31341, 17258);

        assertThat(values(lsrf.decode(19000, format(">fHf"), wire)))
                .containsExactly(235.0230712890625, 258L, 234.4782257080078);
    }

    @Test
    void leavesSingleRegisterValuesAndTextUntouchedBySwapping() {
        assertThat(values(lsrf.decode(0, format(">h"), regs(0x8AD0)))).containsExactly(-30000L);
        assertThat(values(lsrf.decode(0, format("<e"), regs(0x404D)))).containsExactly(21.0);
        assertThat(values(lsrf.decode(0, format(">4s"), regs(0x5375, 0x6E53)))).containsExactly("SunS");
    }

    // --- extremes ---

    @ParameterizedTest
    @CsvSource({
            ">q, -9223372036854775808, 0x8000, 0x0000, 0x0000, 0x0000",
            ">q, 9223372036854775807, 0x7FFF, 0xFFFF, 0xFFFF, 0xFFFF",
            ">q, -1, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF",
            ">Q, 0, 0x0000, 0x0000, 0x0000, 0x0000",
            ">Q, 9223372036854775807, 0x7FFF, 0xFFFF, 0xFFFF, 0xFFFF",
            ">Q, 9223372036854775808, 0x8000, 0x0000, 0x0000, 0x0000",
            ">Q, 18446744073709551615, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF",
            "<q, -9223372036854775808, 0x0000, 0x0000, 0x0000, 0x0080",
            "<Q, 18446744073709551614, 0xFEFF, 0xFFFF, 0xFFFF, 0xFFFF"})
    void decodesAndEncodes64BitIntegerExtremes(String datatypes, String value, String r0, String r1, String r2, String r3) {
        int[] wire = regs(Integer.decode(r0), Integer.decode(r1), Integer.decode(r2), Integer.decode(r3));
        BigInteger expected = new BigInteger(value);

        Object decoded = values(codec.decode(0, format(datatypes), wire)).get(0);

        assertThat(new BigInteger(decoded.toString())).isEqualTo(expected);
        // Longs while they fit, BigInteger only above Long.MAX_VALUE
        assertThat(decoded).isInstanceOf(expected.bitLength() < 64 ? Long.class : BigInteger.class);
        assertThat(codec.encode(format(datatypes), NODES.numberNode(expected))).containsExactly(wire);
    }

    @ParameterizedTest
    @CsvSource({
            ">bx, -128, 0x8000,", ">bx, 127, 0x7F00,", ">Bx, 255, 0xFF00,", ">xb, -1, 0x00FF,", "<xB, 128, 0x0080,",
            ">h, -32768, 0x8000,", ">h, 32767, 0x7FFF,", ">H, 65535, 0xFFFF,", "<h, -2, 0xFEFF,",
            ">i, -2147483648, 0x8000, 0x0000", ">i, 2147483647, 0x7FFF, 0xFFFF",
            ">I, 4294967295, 0xFFFF, 0xFFFF", "<i, -2147483648, 0x0000, 0x0080"})
    void decodesAndEncodesIntegerExtremesUpTo32Bit(String datatypes, long value, String first, String second) {
        int[] wire = second == null ? regs(Integer.decode(first)) : regs(Integer.decode(first), Integer.decode(second));

        assertThat(values(codec.decode(0, format(datatypes), wire))).containsExactly(value);
        assertThat(codec.encode(format(datatypes), number(value))).containsExactly(wire);
    }

    @Test
    void decodesAnyNonZeroByteAsTrueLikePython() {
        assertThat(values(codec.decode(0, format(">?x"), regs(0x0200)))).containsExactly(true);
        assertThat(values(codec.decode(0, format(">x?"), regs(0x0000)))).containsExactly(false);
    }

    @Test
    void encodesBooleansForQuestionMark() {
        assertThat(codec.encode(format(">x?"), NODES.booleanNode(true))).containsExactly(0x0001);
        assertThat(codec.encode(format(">?x"), NODES.booleanNode(true))).containsExactly(0x0100);
        assertThat(codec.encode(format(">x?"), JSON.readTree("\"false\""))).containsExactly(0x0000);
        assertThat(codec.encode(format(">x?"), number(1))).containsExactly(0x0001);
    }

    @Test
    void decodesNotANumberFloatsAsNaN() {
        // SunSpec "unimplemented" float32 is 0x7FC00000 (SunSpec Information Model Specification).
        assertThat((Double) values(codec.decode(0, format(">f"), regs(0x7FC0, 0x0000))).get(0)).isNaN();
    }

    // --- a real device: SunSpec common model as served by a Fronius inverter ---

    @Test
    void decodesSunSpecCommonModelHeaderOfAFroniusInverter() {
        // Fronius "Datamanager Modbus TCP & RTU" manual / SunSpec Information Model Specification:
        // registers 40001-40002 (protocol address 40000) hold the SunSpec ID 0x53756E53 ("SunS"),
        // 40003 the common model ID 1, 40004 its length 65, 40005-40020 the manufacturer "Fronius"
        // as NUL-padded text.
        int[] registers = regs(0x5375, 0x6E53, 1, 65,
                0x4672, 0x6F6E, 0x6975, 0x7300, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        List<RegisterValue> decoded = codec.decode(40000, format(">IHH32s"), registers);

        assertThat(decoded).containsExactly(new RegisterValue(40000, 0x53756E53L), new RegisterValue(40002, 1L),
                new RegisterValue(40003, 65L), new RegisterValue(40004, "Fronius"));
        assertThat(values(codec.decode(40000, format(">4s"), regs(0x5375, 0x6E53)))).containsExactly("SunS");
    }

    @Test
    void decodesSunSpecNotImplementedIntegersAsTheirRawValues() {
        // SunSpec: int16 0x8000 and uint16 0xFFFF mean "not implemented"; we publish them as read.
        assertThat(values(codec.decode(0, format(">hH"), regs(0x8000, 0xFFFF)))).containsExactly(-32768L, 65535L);
    }

    @Test
    void encodesTextNulPadded() {
        assertThat(codec.encode(format(">4s"), JSON.readTree("\"Sun\""))).containsExactly(0x5375, 0x6E00);
    }

    // --- scaling ---

    @Test
    void scalesUmg96ValuesLikeTheOriginal() {
        // Upstream test_read_scaling_factors_applied: the registers of the first two UMG-96 floats.
        List<RegisterValue> decoded = codec.decode(20000, format(">ff"), regs(17259, 1512, 17258, 31341));

        assertThat(RegisterCodec.scale(decoded.get(0).value(), 0.1)).isEqualTo(23.502307128906253);
        assertThat(RegisterCodec.scale(decoded.get(1).value(), 10)).isEqualTo(2344.782257080078);
    }

    @Test
    void scalesIntegersAndBooleansToDoublesAndLeavesTextAlone() {
        assertThat(RegisterCodec.scale(2300L, 0.1)).isEqualTo(230.0);
        assertThat(RegisterCodec.scale(new BigInteger("18446744073709551615"), 1)).isEqualTo(1.8446744073709552E19);
        assertThat(RegisterCodec.scale(true, 5)).isEqualTo(5.0);
        assertThat(RegisterCodec.scale("SunS", 5)).isEqualTo("SunS");
    }

    // --- encoding inputs ---

    @Test
    void acceptsNumbersGivenAsStrings() {
        assertThat(codec.encode(format(">f"), JSON.readTree("\"21.5\""))).containsExactly(0x41AC, 0x0000);
        assertThat(codec.encode(format(">h"), JSON.readTree("\"22\""))).containsExactly(22);
        assertThat(codec.encode(format(">h"), JSON.readTree("\" 22.0 \""))).containsExactly(22);
        assertThat(codec.encode(format(">H"), JSON.readTree("\"1e3\""))).containsExactly(1000);
    }

    @Test
    void acceptsIntegralFloatsForIntegerCodes() {
        assertThat(codec.encode(format(">H"), JSON.readTree("6.0"))).containsExactly(6);
    }

    @Test
    void writesSingleRegisterBytesAsTheFormatOrdersThem() {
        // connectors.md 4.1.7: '<H' 13 goes out as 0x0D00.
        assertThat(codec.encode(format("<H"), number(13))).containsExactly(0x0D00);
    }

    @ParameterizedTest
    @CsvSource({">b, 128", ">b, -129", ">B, 256", ">B, -1", ">h, 32768", ">h, -32769", ">H, 65536",
            ">H, -1", ">i, 2147483648", ">i, -2147483649", ">I, 4294967296", ">l, 2147483648",
            ">L, -1", ">q, 9223372036854775808", ">q, -9223372036854775809",
            ">Q, 18446744073709551616", ">Q, -1"})
    void rejectsIntegersOutOfRange(String datatypes, String value) {
        StructFormat format = format(datatypes.length() == 2 && "bB".indexOf(datatypes.charAt(1)) >= 0
                ? datatypes + "x" : datatypes);

        assertThatThrownBy(() -> codec.encode(format, NODES.numberNode(new BigInteger(value))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("value " + value + " is out of range for '" + datatypes.charAt(1) + "'");
    }

    @Test
    void rejectsFractionsForIntegerCodes() {
        assertThatThrownBy(() -> codec.encode(format(">h"), JSON.readTree("22.5")))
                .hasMessage("expected a whole number for 'h' (int16), got 22.5");
        assertThatThrownBy(() -> codec.encode(format(">h"), JSON.readTree("\"22.5\"")))
                .hasMessage("expected a whole number for 'h' (int16), got \"22.5\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"warm\"", "\"NaN\"", "\"Infinity\"", "\"0x10\"", "\"1.5f\"", "null", "true",
            "{\"v\":1}", "[1]", "\"\""})
    void rejectsNonNumbersForFloatCodes(String json) {
        assertThatThrownBy(() -> codec.encode(format(">f"), JSON.readTree(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("expected a number (or a number as a string) for 'f' (float32), got ");
    }

    @Test
    void rejectsMissingValue() {
        assertThatThrownBy(() -> codec.encode(format(">h"), null))
                .hasMessage("expected a number (or a number as a string) for 'h' (int16), got no value");
    }

    @Test
    void rejectsHugeExponentsWithoutExpandingThem() {
        assertThatThrownBy(() -> codec.encode(format(">q"), JSON.readTree("\"1e999999999\"")))
                .hasMessageContaining("is out of range for 'q' (int64)");
    }

    @Test
    void rejectsFloatsTooLargeForTheirCode() {
        assertThatThrownBy(() -> codec.encode(format(">f"), number(1e39)))
                .hasMessageContaining("too large for 'f' (float32)");
        assertThatThrownBy(() -> codec.encode(format(">e"), number(65520.0)))
                .hasMessageContaining("too large for a half float");
        assertThatThrownBy(() -> codec.encode(format(">f"), JSON.readTree("\"1e999\"")))
                .hasMessageContaining("expected a finite number for 'f' (float32)");
    }

    @Test
    void rejectsNonBooleansForQuestionMark() {
        assertThatThrownBy(() -> codec.encode(format(">x?"), number(2)))
                .hasMessage("expected true or false (or 1 or 0) for '?' (bool), got 2");
    }

    @Test
    void rejectsTextThatDoesNotFit() {
        assertThatThrownBy(() -> codec.encode(format(">4s"), JSON.readTree("\"Fronius\"")))
                .hasMessage("text of 7 bytes does not fit 's' (text) of 4 bytes");
        assertThatThrownBy(() -> codec.encode(format(">4s"), number(1)))
                .hasMessage("expected a string for 's' (text), got 1");
    }

    @Test
    void rejectsWriteFormatsWithoutExactlyOneValue() {
        assertThatThrownBy(() -> codec.encode(format(">ff"), number(1)))
                .hasMessage("datatypes '>ff' describes 2 values; a write takes exactly one");
        assertThatThrownBy(() -> codec.encode(format(">4x"), number(1)))
                .hasMessage("datatypes '>4x' describes 0 values; a write takes exactly one");
    }

    @Test
    void rejectsWriteFormatsOfAnOddNumberOfBytes() {
        assertThatThrownBy(() -> codec.encode(format(">b"), number(1)))
                .hasMessage("datatypes '>b' describes 1 bytes, which is not a whole number of registers; pad with 'x'");
    }

    // --- decoding inputs ---

    @Test
    void rejectsRegisterCountsThatDoNotMatchTheFormat() {
        assertThatThrownBy(() -> codec.decode(19000, format(">ff"), regs(1, 2, 3)))
                .hasMessage("datatypes '>ff' describes 8 bytes, but 3 registers (6 bytes) were read");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536})
    void rejectsRegistersOutsideSixteenBits(int register) {
        assertThatThrownBy(() -> codec.decode(0, format(">H"), regs(register)))
                .hasMessage("register 0 holds " + register + ", which is not an unsigned 16-bit value (0..65535)");
    }

    // --- round trips: every code, both byte orders, both word orders ---

    static Stream<Arguments> roundTrips() {
        List<Arguments> cases = new ArrayList<>();
        String[][] samples = {
                {"xb", "-128", "-1", "0", "127"}, {"xB", "0", "200", "255"}, {"x?", "true", "false"},
                {"h", "-32768", "-30000", "0", "32767"}, {"H", "0", "60000", "65535"},
                {"i", "-2147483648", "-2111222333", "2147483647"}, {"I", "0", "4111222333", "4294967295"},
                {"l", "-2147483648", "2147483647"}, {"L", "0", "4294967295"},
                {"q", "-9223372036854775808", "-9111222333444555666", "9223372036854775807"},
                {"Q", "0", "9111222333444555666", "18111222333444555666", "18446744073709551615"},
                {"e", "-65504.0", "-12.34375", "0.0", "21.0", "65504.0"},
                {"f", "-3.4028234663852886E38", "-22.0", "235.0230712890625", "1.401298464324817E-45"},
                {"d", "-1.7976931348623157E308", "-123.45", "4.9E-324", "123.45"},
                {"8s", "\"\"", "\"Fronius\"", "\"Fronius!\""}};
        for (String[] sample : samples) {
            for (int i = 1; i < sample.length; i++) {
                for (String order : List.of(">", "<")) {
                    for (WordOrder wordOrder : WordOrder.values()) {
                        cases.add(Arguments.of(order + sample[0], sample[i], wordOrder));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("roundTrips")
    void roundTripsEncodeThenDecode(String datatypes, String json, WordOrder wordOrder) {
        RegisterCodec subject = new RegisterCodec(wordOrder);
        JsonNode value = JSON.readTree(json);

        int[] registers = subject.encode(format(datatypes), value);
        Object decoded = values(subject.decode(0, format(datatypes), registers)).get(0);

        if (value.isBoolean()) {
            assertThat(decoded).isEqualTo(value.booleanValue());
        } else if (value.isString()) {
            assertThat(decoded).isEqualTo(value.stringValue());
        } else if (value.isIntegralNumber()) {
            assertThat(new BigInteger(decoded.toString())).isEqualTo(value.bigIntegerValue());
        } else {
            assertThat(decoded).isEqualTo(value.doubleValue());
        }
    }

    // --- helpers ---

    private static StructFormat format(String datatypes) {
        return StructFormat.parse(datatypes);
    }

    static int[] regs(int... registers) {
        return registers;
    }

    private static Integer[] boxed(int[] registers) {
        return java.util.Arrays.stream(registers).boxed().toArray(Integer[]::new);
    }

    private static JsonNode number(double value) {
        return NODES.numberNode(value);
    }

    private static JsonNode number(long value) {
        return NODES.numberNode(value);
    }

    private static List<Object> values(List<RegisterValue> decoded) {
        return decoded.stream().map(RegisterValue::value).toList();
    }
}
