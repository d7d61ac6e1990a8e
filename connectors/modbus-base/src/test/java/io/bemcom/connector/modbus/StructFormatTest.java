package io.bemcom.connector.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StructFormatTest {

    @ParameterizedTest
    @CsvSource({">f, BIG_ENDIAN", "!f, BIG_ENDIAN", "<f, LITTLE_ENDIAN", "=f, LITTLE_ENDIAN",
            "@f, LITTLE_ENDIAN", "f, LITTLE_ENDIAN"})
    void readsByteOrderFromPrefixWithNativeAsLittleEndian(String format, String order) {
        ByteOrder expected = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;

        assertThat(StructFormat.parse(format).byteOrder()).isEqualTo(expected);
    }

    @Test
    void usesPythonStandardSizesForEveryCode() {
        StructFormat format = StructFormat.parse("<bB?hHiIlLqQefd");

        assertThat(format.fields()).extracting(StructFormat.Field::byteSize)
                .containsExactly(1, 1, 1, 2, 2, 4, 4, 4, 4, 8, 8, 2, 4, 8);
        assertThat(format.fields()).extracting(StructFormat.Field::byteOffset)
                .containsExactly(0, 1, 2, 3, 5, 7, 11, 15, 19, 23, 31, 39, 41, 45);
        assertThat(format.byteSize()).isEqualTo(53);
    }

    @Test
    void nativeModeAddsNoAlignmentPadding() {
        // Python's native mode would put the 'i' at offset 4; we read the bytes as they come.
        StructFormat format = StructFormat.parse("hi");

        assertThat(format.fields()).extracting(StructFormat.Field::byteOffset).containsExactly(0, 2);
        assertThat(format.byteSize()).isEqualTo(6);
    }

    @Test
    void expandsRepeatCountsIntoOneFieldPerValue() {
        StructFormat counted = StructFormat.parse(">10f");
        StructFormat spelled = StructFormat.parse(">ffffffffff");

        assertThat(counted.fields()).isEqualTo(spelled.fields()).hasSize(10);
        assertThat(counted.byteSize()).isEqualTo(40);
    }

    @Test
    void countsPadBytesWithRepeatCounts() {
        StructFormat format = StructFormat.parse(">4xf2xh");

        assertThat(format.fields()).containsExactly(
                new StructFormat.Field('f', 4, 4), new StructFormat.Field('h', 10, 2));
        assertThat(format.byteSize()).isEqualTo(12);
    }

    @Test
    void readsSAsOneTextWhoseCountIsItsLength() {
        StructFormat format = StructFormat.parse(">I16sH");

        assertThat(format.fields()).containsExactly(new StructFormat.Field('I', 0, 4),
                new StructFormat.Field('s', 4, 16), new StructFormat.Field('H', 20, 2));
    }

    @Test
    void ignoresWhitespaceBetweenCodesAsPythonDoes() {
        assertThat(StructFormat.parse("> f 2h").fields()).extracting(StructFormat.Field::code)
                .containsExactly('f', 'h', 'h');
    }

    @Test
    void allowsAnEmptyFormat() {
        assertThat(StructFormat.parse(">").byteSize()).isZero();
        assertThat(StructFormat.parse("").fields()).isEmpty();
    }

    @Test
    void addressesTenFloatsEveryTwoRegistersWhetherSpelledOrCounted() {
        List<Integer> expected = IntStream.rangeClosed(0, 9).map(i -> 19000 + 2 * i).boxed().toList();

        assertThat(StructFormat.parse(">ffffffffff").valueAddresses(19000)).isEqualTo(expected);
        assertThat(StructFormat.parse(">10f").valueAddresses(19000)).isEqualTo(expected)
                .containsExactly(19000, 19002, 19004, 19006, 19008, 19010, 19012, 19014, 19016, 19018);
    }

    @Test
    void addressesUpstreamIntegerVectorAsTheOriginal() {
        // Upstream test_read_ints: the keys of its expected values.
        assertThat(StructFormat.parse(">xbxbxBxBhhHHllLLqqQQ").valueAddresses(0))
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28);
    }

    @Test
    void addressesUpstreamFloatVectorAsTheOriginal() {
        // Upstream test_read_floats: keys 0, 1, 2, 4, 6, 10.
        assertThat(StructFormat.parse("<eeffdd").valueAddresses(0)).containsExactly(0, 1, 2, 4, 6, 10);
    }

    @Test
    void addressesAlignedVersionOfUpstreamMixedVectorByHand() {
        // Upstream vector '<cbB?hHiIlLqQefdd' without 'c', each 1-byte value padded with 'x'.
        // Byte offsets: b1 B3 ?5 h6 H8 i10 I14 l18 L22 q26 Q34 e42 f44 d48 d56; address = 1 + offset/2.
        assertThat(StructFormat.parse("<xbxBx?hHiIlLqQefdd").valueAddresses(1))
                .containsExactly(1, 2, 3, 4, 5, 6, 8, 10, 12, 14, 18, 22, 23, 25, 29);
    }

    @ParameterizedTest
    @ValueSource(strings = {">ffffffffff", ">xbxbxBxBhhHHllLLqqQQ", "<xbxbxBxBhhHHllLLqqQQ", "<eeffdd",
            "<xbxBx?hHiIlLqQefdd", ">hxbh", ">bxhH", ">Hh", "e", "<e", ">qQdIi", "!fxBe"})
    void keepsTheOriginalsAddressesForEveryRegisterAlignedFormat(String format) {
        assertThat(StructFormat.parse(format).valueAddresses(40000)).isEqualTo(originalAddressWalk(format, 40000));
    }

    @Test
    void namesTheRegisterAValueStartsInWhereTheOriginalsWalkDrifted() {
        // The original skipped pad bytes and digits: it named this float 19000 although it is
        // in registers 19002-19003, and it published only the first of '>2h'.
        assertThat(originalAddressWalk(">4xf", 19000)).containsExactly(19000);
        assertThat(StructFormat.parse(">4xf").valueAddresses(19000)).containsExactly(19002);
        assertThat(StructFormat.parse(">2h").valueAddresses(7)).containsExactly(7, 8);
    }

    @Test
    void rejectsTwoValuesStartingInOneRegister() {
        // The original's address test vector, minus 'c': 'b' and 'B' share register 1, which the
        // original called 1 and 2.
        StructFormat format = StructFormat.parse("<bB?hHiIlLqQefdd");

        assertThatThrownBy(() -> format.valueAddresses(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("datatypes '<bB?hHiIlLqQefdd'")
                .hasMessageContaining("'b' at byte 0 and 'B' at byte 1 both start in register 1")
                .hasMessageContaining("pad each 1-byte value with 'x'");
    }

    @Test
    void rejectsCWithAMessageNamingFormatAndCharacter() {
        assertThatThrownBy(() -> StructFormat.parse("<cbB?hHiIlLqQefdd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("datatypes '<cbB?hHiIlLqQefdd': code 'c' at position 1 is not supported"
                        + " (it yields raw bytes, which are no JSON value); use 'B' for a byte or 's' for text");
    }

    @Test
    void rejectsPascalStrings() {
        assertThatThrownBy(() -> StructFormat.parse(">4p"))
                .hasMessageStartingWith("datatypes '>4p': code 'p' at position 2 is not supported");
    }

    @Test
    void rejectsUnknownCodes() {
        assertThatThrownBy(() -> StructFormat.parse(">fz"))
                .hasMessage("datatypes '>fz': unknown code 'z' at position 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"n", ">N", ">P"})
    void rejectsNativeOnlyCodes(String format) {
        assertThatThrownBy(() -> StructFormat.parse(format))
                .hasMessageContaining("is a native-only type without a fixed size");
    }

    @Test
    void rejectsAByteOrderPrefixAfterTheFirstCharacter() {
        assertThatThrownBy(() -> StructFormat.parse(">f<f"))
                .hasMessage("datatypes '>f<f': byte order '<' at position 2 is only allowed as the first character");
    }

    @ParameterizedTest
    @ValueSource(strings = {">f2", ">2 f"})
    void rejectsARepeatCountWithoutItsCode(String format) {
        assertThatThrownBy(() -> StructFormat.parse(format))
                .hasMessageContaining("repeat count at position")
                .hasMessageContaining("is not followed by a code");
    }

    @ParameterizedTest
    @ValueSource(strings = {"l", "@L", "hl"})
    void rejectsNativeLongsWhoseSizeDiffersFromTheOriginal(String format) {
        assertThatThrownBy(() -> StructFormat.parse(format))
                .hasMessageContaining("in native mode ('@' or no prefix) is 8 bytes in the original");
    }

    @Test
    void acceptsLongsWithAnExplicitByteOrderAsFourBytes() {
        assertThat(StructFormat.parse("=l").byteSize()).isEqualTo(4);
        assertThat(StructFormat.parse(">L").byteSize()).isEqualTo(4);
    }

    @Test
    void rejectsEmptyText() {
        assertThatThrownBy(() -> StructFormat.parse(">0s")).hasMessageContaining("is an empty text");
    }

    @Test
    void rejectsFormatsLargerThanTheAddressSpace() {
        assertThatThrownBy(() -> StructFormat.parse(">40000f"))
                .hasMessageContaining("more than any Modbus range");
        assertThatThrownBy(() -> StructFormat.parse(">99999999999999999999f"))
                .hasMessageContaining("more than any Modbus range");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> StructFormat.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The original's address walk (modbus-tcp-connector 0.7.0, compute_addresses): start at the
     * range address, skip every character not in the size table, advance by the table's
     * register count.
     */
    static List<Integer> originalAddressWalk(String format, int start) {
        Map<Character, Integer> registers = Map.ofEntries(Map.entry('c', 1), Map.entry('b', 1),
                Map.entry('B', 1), Map.entry('?', 1), Map.entry('h', 1), Map.entry('H', 1),
                Map.entry('i', 2), Map.entry('I', 2), Map.entry('l', 2), Map.entry('L', 2),
                Map.entry('q', 4), Map.entry('Q', 4), Map.entry('e', 1), Map.entry('f', 2),
                Map.entry('d', 4));
        List<Integer> addresses = new ArrayList<>();
        int current = start;
        for (char c : format.toCharArray()) {
            Integer size = registers.get(c);
            if (size != null) {
                addresses.add(current);
                current += size;
            }
        }
        return addresses;
    }

    @Test
    void originalWalkReproducesTheUpstreamAddressVector() {
        // Sanity check of the helper against the vector in connectors.md 4.1.4.
        assertThat(originalAddressWalk("<cbB?hHiIlLqQefdd", 1))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 9, 11, 13, 15, 19, 23, 24, 26, 30);
    }
}
