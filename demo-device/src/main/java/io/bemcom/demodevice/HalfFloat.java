package io.bemcom.demodevice;

/**
 * IEEE 754 binary16 to and from double, as Python's {@code struct} code {@code e} converts (one
 * rounding, to nearest with ties to even). Java 17 has no {@code Float.floatToFloat16}.
 *
 * <p>The Modbus connector has the same conversion; the demo device is a separate service and
 * shares no code with a connector, so it keeps its own copy of these few lines.
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
            magnitude = Math.scalb((double) mantissa, -24);
        } else if (exponent == 0x1F) {
            magnitude = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            magnitude = Math.scalb((double) (1024 + mantissa), exponent - 25);
        }
        return (bits & SIGN) != 0 ? -magnitude : magnitude;
    }

    /** The nearest 16-bit pattern; values beyond the largest half float (65504) become infinity. */
    static int fromDouble(double value) {
        int sign = Double.doubleToRawLongBits(value) < 0 ? SIGN : 0;
        if (Double.isNaN(value)) {
            return sign | QUIET_NAN;
        }
        double magnitude = Math.abs(value);
        if (magnitude == 0) {
            return sign;
        }
        if (Double.isInfinite(magnitude)) {
            return sign | EXPONENT_MASK;
        }
        int exponent = Math.getExponent(magnitude);
        if (exponent < -14) {
            return sign | (int) Math.rint(Math.scalb(magnitude, 24));
        }
        long mantissa = (long) Math.rint(Math.scalb(magnitude, 10 - exponent));
        if (mantissa == 2048) {
            mantissa = 1024;
            exponent++;
        }
        int biased = exponent + 15;
        if (biased >= 0x1F) {
            return sign | EXPONENT_MASK;
        }
        return sign | (biased << 10) | (int) (mantissa - 1024);
    }
}
