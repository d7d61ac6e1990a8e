package io.bemcom.connector.knx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.bemcom.protocol.JsonValues;
import io.calimero.dptxlator.TranslatorTypes;
import tools.jackson.databind.JsonNode;

/**
 * Golden vectors of every supported datapoint type, bytes ↔ JSON value. The bytes follow the
 * encodings of the KNX standard (03.07.02 Datapoint Types: DPT 1 a bit, 3 control bit and step
 * code, 5/7/12 unsigned and 6/8/13 two's complement big-endian, 9 {@code (0.01·M)·2^E} with M an
 * 11-bit two's complement, 10 {@code NNNHHHHH 00MMMMMM 00SSSSSS}, 11 {@code 000DDDDD 0000MMMM
 * 0YYYYYYY}, 14 IEEE 754 single, 16 characters padded with NUL, its example "KNX is OK"); the
 * original's own test vector (9.001 19.29 ↔ 07 89) and its documented ones (−5.0 ↔ 86 0C) are
 * among them.
 */
class DatapointTypeTest {

    private static DatapointType type(String ets) {
        return DatapointType.of(ets).orElseThrow();
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static String hex(byte[] data) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(data);
    }

    private static String encoded(String ets, JsonNode value) {
        return hex(type(ets).encode(value).getData());
    }

    @ParameterizedTest(name = "{0}: {1} ↔ {2}")
    @CsvSource(delimiter = '|', value = {
            "DPT-1      | 00          | false",
            "DPST-1-1   | 01          | true",
            "DPST-1-8   | 01          | true",
            "DPST-3-7   | 09          | 1",
            "DPST-3-7   | 03          | -3",
            "DPST-3-8   | 0F          | 7",
            "DPST-3-8   | 08          | 0",
            "DPT-5      | FF          | 255",
            "DPST-5-1   | FF          | 100",
            "DPST-5-1   | 80          | 50.2",
            "DPST-5-1   | 00          | 0",
            "DPST-5-3   | FF          | 360",
            "DPST-5-4   | 80          | 128",
            "DPT-6      | FF          | -1",
            "DPST-6-1   | 80          | -128",
            "DPT-7      | 12 34       | 4660",
            "DPST-7-3   | 00 64       | 1000",
            "DPST-7-600 | FF FF       | 65535",
            "DPT-8      | FF FF       | -1",
            "DPST-8-1   | 80 00       | -32768",
            "DPST-8-10  | 00 01       | 0.01",
            "DPST-9-1   | 07 89       | 19.29",
            "DPST-9-1   | 86 0C       | -5",
            "DPST-9-1   | 00 00       | 0",
            "DPST-9-1   | 07 FF       | 20.47",
            "DPST-9-1   | 0C 00       | 20.48",
            "DPST-9-1   | 36 1A       | 999.68",
            "DPST-9-1   | 36 1B       | 1000.32",
            "DPT-9      | 80 00       | -20.48",
            "DPT-9      | F8 00       | -671088.64",
            "DPT-9      | 7F FE       | 670433.28",
            "DPST-9-7   | 0C 65       | 22.5",
            "DPT-12     | FF FF FF FF | 4294967295",
            "DPST-13-1  | 80 00 00 00 | -2147483648",
            "DPST-13-10 | 00 00 30 39 | 12345",
            "DPT-14     | 41 AC 00 00 | 21.5",
            "DPST-14-56 | 3D CC CC CD | 0.1",
            "DPST-14-68 | C2 F6 E9 79 | -123.456",
            "DPST-17-1  | 3F          | 63",
            "DPST-20-102 | 01         | 1",
    })
    void decodesAndEncodesNumbersAndBooleansAsTheStandardDefinesThem(String ets, String data, String json) {
        JsonNode value = JsonValues.parse(json);

        assertThat(JsonValues.toJson(type(ets).decode(bytes(data)))).isEqualTo(JsonValues.toJson(value));
        assertThat(encoded(ets, value)).isEqualTo(data);
    }

    @ParameterizedTest(name = "{0}: {1} ↔ \"{2}\"")
    @CsvSource(delimiter = '|', value = {
            "DPST-10-1 | 2D 1E 00 | Mon, 13:30:00",
            "DPST-10-1 | 17 3B 3B | 23:59:59",
            "DPT-10    | E0 00 00 | Sun, 00:00:00",
            "DPST-11-1 | 1F 0C 15 | 2021-12-31",
            "DPST-11-1 | 01 01 5A | 1990-01-01",
            "DPT-11    | 1F 0C 59 | 2089-12-31",
            "DPST-16-0 | 4B 4E 58 20 69 73 20 4F 4B 00 00 00 00 00 | KNX is OK",
            "DPST-16-1 | 47 72 FC DF 65 00 00 00 00 00 00 00 00 00 | Grüße",
    })
    void decodesAndEncodesTimesDatesAndTextsAsTheStandardDefinesThem(String ets, String data, String text) {
        assertThat(type(ets).decode(bytes(data))).isEqualTo(JsonValues.of(text));
        assertThat(encoded(ets, JsonValues.of(text))).isEqualTo(data);
    }

    @Test
    void encodesTheOriginalsTestVectorAndRoundsToTheNearestStepWhereTheOriginalTruncated() {
        // The original's test: DPST-9-1 19.29 → (7, 137).
        assertThat(encoded("DPST-9-1", JsonValues.of(19.29))).isEqualTo("07 89");
        // 0.019 is 1.9 hundredths: the nearest step is 0.02; the original truncated to 0.01 (00 01).
        assertThat(encoded("DPST-9-1", JsonValues.of(0.019))).isEqualTo("00 02");
        // 20.48 needs the exponent 1; the original's loop stopped at a mantissa of 2048 and sent 08 00.
        assertThat(encoded("DPST-9-1", JsonValues.of(20.48))).isEqualTo("0C 00");
        // 1000.0 lies exactly between 999.68 (36 1A, the original) and 1000.32 (36 1B, Calimero).
        assertThat(encoded("DPST-9-1", JsonValues.of(1000.0))).isEqualTo("36 1B");
    }

    @Test
    void acceptsTheTextsAndNumbersTheApiRelaysForBooleansNumbersAndSteps() {
        assertThat(encoded("DPST-1-1", JsonValues.of("true"))).isEqualTo("01");
        assertThat(encoded("DPST-1-1", JsonValues.of("0"))).isEqualTo("00");
        assertThat(encoded("DPST-1-1", JsonValues.of(1))).isEqualTo("01");
        assertThat(encoded("DPST-1-1", JsonValues.of("On"))).isEqualTo("01");
        assertThat(encoded("DPST-1-8", JsonValues.of("down"))).isEqualTo("01");
        assertThat(encoded("DPST-9-1", JsonValues.of("21.5"))).isEqualTo("0C 33");
        assertThat(encoded("DPT-7", JsonValues.of("22.0"))).isEqualTo("00 16");
        assertThat(encoded("DPST-3-7", JsonValues.of("-7"))).isEqualTo("07");
        assertThat(encoded("DPST-10-1", JsonValues.of("7:05"))).isEqualTo("07 05 00");
        assertThat(encoded("DPST-10-1", JsonValues.of("fri, 18:00:30"))).isEqualTo("B2 00 1E");
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @CsvSource(delimiter = '|', value = {
            "DPST-1-1  | \"maybe\"",
            "DPST-1-1  | 2",
            "DPST-1-1  | {\"on\": true}",
            "DPST-3-7  | 8",
            "DPST-3-7  | 1.5",
            "DPST-5-1  | 101",
            "DPST-5-1  | -1",
            "DPT-5     | 256",
            "DPT-5     | 2.5",
            "DPT-6     | 128",
            "DPT-7     | -1",
            "DPT-7     | \"ten\"",
            "DPT-8     | 32768",
            "DPST-9-1  | -273.5",
            "DPST-9-1  | \"warm\"",
            "DPST-9-1  | null",
            "DPST-9-7  | -1",
            "DPT-9     | 700000",
            "DPT-12    | -1",
            "DPT-13    | 2147483648",
            "DPT-14    | 1e39",
            "DPST-17-1 | 64",
            "DPST-20-102 | 5",
            "DPST-10-1 | \"25:00:00\"",
            "DPST-10-1 | \"Xyz, 10:00:00\"",
            "DPST-10-1 | \"noon\"",
            "DPST-11-1 | \"1989-12-31\"",
            "DPST-11-1 | \"2021-02-30\"",
            "DPST-16-0 | \"Grüße\"",
            "DPST-16-0 | \"fifteen letters\"",
            "DPST-16-1 | \"Łódź\"",
    })
    void refusesValuesTheTypeCannotEncode(String ets, String json) {
        JsonNode value = JsonValues.parse(json);

        assertThatThrownBy(() -> type(ets).encode(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(ets + " cannot encode");
    }

    @ParameterizedTest(name = "{0} cannot read {1}")
    @CsvSource(delimiter = '|', value = {
            "DPST-9-1  | 07",
            "DPST-9-1  | 07 89 00",
            "DPST-9-1  | 7F FF",
            "DPT-5     | 01 02",
            "DPST-10-1 | 18 00 00",
            "DPST-11-1 | 20 01 15",
    })
    void refusesDataOfTheWrongLengthOrOutsideTheType(String ets, String data) {
        assertThatThrownBy(() -> type(ets).decode(bytes(data))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(ets);
    }

    @Test
    void everySupportedSubtypeReadsBackTheValueItWrites() throws Exception {
        int checked = 0;
        for (var main : TranslatorTypes.getAllMainTypes().values()) {
            for (String id : main.getSubTypes().keySet()) {
                String[] parts = id.split("\\.");
                var type = DatapointType.of("DPST-" + parts[0] + "-" + Integer.parseInt(parts[1]));
                if (type.isEmpty()) {
                    continue;
                }
                int size = Math.max(1, type.get().size());
                for (int pattern : new int[] { 0x00, 0x01, 0x05, 0x3C, 0x7E }) {
                    byte[] data = new byte[size];
                    Arrays.fill(data, (byte) (type.get().sixBits() ? pattern & 0x0F : pattern));
                    JsonNode value;
                    try {
                        value = type.get().decode(data);
                    } catch (IllegalArgumentException outsideTheType) {
                        continue;
                    }
                    byte[] written = type.get().encode(value).getData();
                    assertThat(JsonValues.toJson(type.get().decode(written)))
                            .as("%s: %s read as %s, written as %s", id, hex(data), value, hex(written))
                            .isEqualTo(JsonValues.toJson(value));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(500);
    }

    @Test
    void choosesTheSubtypeOfAMainNumberExplicitlyNotCalimerosFirst() {
        // Calimero's createTranslator(9, null) gives 9.030, which has no negative values.
        assertThat(type("DPT-9").id()).isEqualTo("9.002");
        assertThat(type("DPT-1").id()).isEqualTo("1.001");
        assertThat(type("DPT-5").id()).isEqualTo("5.010");
        assertThat(type("DPST-9-1").id()).isEqualTo("9.001");
        assertThat(type("DPST-20-102").id()).isEqualTo("20.102");
        assertThat(type("DPST-1-1").sixBits()).isTrue();
        assertThat(type("DPST-3-7").sixBits()).isTrue();
        assertThat(type("DPST-9-1").size()).isEqualTo(2);
    }

    @Test
    void knowsNoCodecForTypesItCannotRepresentAndRejectsWhatIsNoEtsNotation() {
        assertThat(DatapointType.of("DPST-232-600")).isEmpty();
        assertThat(DatapointType.of("DPT-2")).isEmpty();
        assertThat(DatapointType.of("DPST-6-20")).isEmpty();
        assertThat(DatapointType.of("DPT-20")).isEmpty();
        assertThat(DatapointType.of("DPST-9-999")).isEmpty();
        assertThatThrownBy(() -> DatapointType.of("DPT9")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ETS notation");
        assertThatThrownBy(() -> DatapointType.of("9.001")).isInstanceOf(IllegalArgumentException.class);
    }
}
