package io.bemcom.connector.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bit patterns from IEEE 754-2008 binary16 and from Python's struct.pack('>e', x). */
class HalfFloatTest {

    @ParameterizedTest
    @CsvSource({
            "0x3C00, 1.0",
            "0xC000, -2.0",
            "0x7BFF, 65504.0",                   // largest finite
            "0x0400, 6.103515625E-5",            // smallest normal, 2^-14
            "0x03FF, 6.097555160522461E-5",      // largest subnormal
            "0x0001, 5.960464477539063E-8",      // smallest subnormal, 2^-24
            "0x3555, 0.333251953125",
            "0x4D40, 21.0",
            "0x4A2C, 12.34375",
            "0xCA2C, -12.34375",
            "0x2E66, 0.0999755859375"})
    void convertsKnownBitPatternsBothWays(String bits, double value) {
        int pattern = Integer.decode(bits);

        assertThat(HalfFloat.toDouble(pattern)).isEqualTo(value);
        assertThat(HalfFloat.fromDouble(value)).isEqualTo(pattern);
    }

    @Test
    void decodesZerosInfinitiesAndNaN() {
        assertThat(HalfFloat.toDouble(0x0000)).isEqualTo(0.0);
        assertThat(Double.doubleToRawLongBits(HalfFloat.toDouble(0x8000))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(HalfFloat.toDouble(0x7C00)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(HalfFloat.toDouble(0xFC00)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(HalfFloat.toDouble(0x7E00)).isNaN();
    }

    @ParameterizedTest
    @CsvSource({
            "2049.0, 0x6800",          // tie between 2048 and 2050: to even (2048)
            "2051.0, 0x6802",          // tie between 2050 and 2052: to even (2052)
            "1.00048828125, 0x3C00",   // 1 + 2^-11, tie: to even (1.0)
            "1.00146484375, 0x3C02",   // 1 + 3*2^-11, tie: to even
            "65519.99, 0x7BFF",        // just below the overflow threshold
            "2.9802322387695312E-8, 0x0000",  // 2^-25, tie between 0 and 2^-24: to even (0)
            "2.980232536792755E-8, 0x0001",   // just above 2^-25
            "0.1, 0x2E66"})
    void roundsToNearestEvenOnceLikePython(double value, String bits) {
        assertThat(HalfFloat.fromDouble(value)).isEqualTo(Integer.decode(bits));
    }

    @Test
    void rejectsFiniteValuesThatRoundBeyondTheLargestHalfFloat() {
        assertThatThrownBy(() -> HalfFloat.fromDouble(65520.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large for a half float");
        assertThatThrownBy(() -> HalfFloat.fromDouble(-1e6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundTripsEveryNonNaNBitPattern() {
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            double value = HalfFloat.toDouble(bits);
            if (!Double.isNaN(value)) {
                assertThat(HalfFloat.fromDouble(value)).as("pattern 0x%04X", bits).isEqualTo(bits);
            }
        }
    }

    @Test
    void agreesWithFloatArithmeticForEveryNormalPattern() {
        // Independent oracle: build the float32 with the same sign, exponent and mantissa.
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            int exponent = (bits >>> 10) & 0x1F;
            if (exponent == 0 || exponent == 0x1F) {
                continue;
            }
            int floatBits = ((bits & 0x8000) << 16) | ((exponent - 15 + 127) << 23) | ((bits & 0x3FF) << 13);
            assertThat(HalfFloat.toDouble(bits)).isEqualTo((double) Float.intBitsToFloat(floatBits));
        }
    }
}
