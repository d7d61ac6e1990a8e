package io.bemcom.connector.modbus;

/**
 * IEEE 754 binary16 (struct code {@code e}) to and from double. Java 17 has no
 * {@code Float.float16ToFloat}; this is the same conversion Python's struct does
 * ({@code PyFloat_Pack2}/{@code Unpack2}): one rounding, to nearest with ties to even, straight
 * from the double (rounding via float first could round twice).
 */
final class HalfFloat {

    private static final int SIGN = 0x8000;
    private static final int EXPONENT_MASK = 0x7C00;
    private static final int MANTISSA_MASK = 0x03FF;
    private static final int QUIET_NAN = 0x7E00;

    private HalfFloat() {
    }

    /** Value of the 16-bit pattern {@code bits} (only the low 16 bits are used). */
    static double toDouble(int bits) {
        int exponent = (bits & EXPONENT_MASK) >>> 10;
        int mantissa = bits & MANTISSA_MASK;
        double magnitude;
        if (exponent == 0) {
            magnitude = Math.scalb((double) mantissa, -24); // subnormal: mantissa * 2^-24
        } else if (exponent == 0x1F) {
            magnitude = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            magnitude = Math.scalb((double) (1024 + mantissa), exponent - 25);
        }
        return (bits & SIGN) != 0 ? -magnitude : magnitude;
    }

    /**
     * The 16-bit pattern nearest to {@code value}. Throws {@link IllegalArgumentException} when
     * a finite value rounds beyond the largest half float (65504), as Python raises OverflowError.
     */
    static int fromDouble(double value) {
        int sign = (Double.doubleToRawLongBits(value) < 0) ? SIGN : 0;
        if (Double.isNaN(value)) {
            return sign | QUIET_NAN;
        }
        double magnitude = Math.abs(value);
        if (Double.isInfinite(magnitude)) {
            return sign | EXPONENT_MASK;
        }
        if (magnitude == 0) {
            return sign;
        }
        int exponent = Math.getExponent(magnitude);
        if (exponent < -14) {
            // Subnormal range: count in units of 2^-24. Scaling by a power of two is exact, so
            // rint (ties to even) rounds once. A result of 1024 is the smallest normal, whose
            // bit pattern is exactly 1024 as well.
            return sign | (int) Math.rint(Math.scalb(magnitude, 24));
        }
        long mantissa = (long) Math.rint(Math.scalb(magnitude, 10 - exponent)); // in [1024, 2048]
        if (mantissa == 2048) {
            mantissa = 1024;
            exponent++;
        }
        int biased = exponent + 15;
        if (biased >= 0x1F) {
            throw new IllegalArgumentException("value " + value
                    + " is too large for a half float ('e', largest finite value 65504)");
        }
        return sign | (biased << 10) | (int) (mantissa - 1024);
    }
}
