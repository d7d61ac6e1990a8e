package io.bemcom.connector.fronius;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code str(float)}/{@code repr(float)}, because the original Fronius connector published
 * every value as {@code str(value)} and stored values must read the same after a switch of
 * implementation: the shortest decimal that reads back as the same double (the closest one if
 * several), positional notation for exponents -4..15 ({@code 235.0230712890625},
 * {@code 0.0001}, {@code 1000000000000000.0}), scientific beyond ({@code 1e-05}, {@code 1e+16});
 * {@code nan}, {@code inf}, {@code -inf}. Java's {@code Double.toString} differs in notation and,
 * before Java 19, sometimes in digits.
 */
final class PythonFloats {

    private PythonFloats() {
    }

    static String repr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return Double.doubleToRawLongBits(value) < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - shortest.scale() - 1; // of the first digit
        String text = exponent < -4 || exponent >= 16 ? scientific(digits, exponent) : positional(digits, exponent);
        return value < 0 ? "-" + text : text;
    }

    /** The shortest decimal that rounds to {@code value}, the closest to it among equally short ones. */
    private static BigDecimal shortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            BigDecimal step = BigDecimal.ONE.scaleByPowerOfTen(-rounded.scale());
            BigDecimal best = null;
            // The nearest candidate may lie just outside the (asymmetric) interval of decimals that
            // read back as value, at a power of two, while a neighbour lies inside it.
            for (BigDecimal candidate : new BigDecimal[] {rounded, rounded.subtract(step), rounded.add(step)}) {
                if (candidate.signum() > 0 && candidate.doubleValue() == value && candidate.stripTrailingZeros().precision() <= precision
                        && (best == null || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                    best = candidate;
                }
            }
            if (best != null) {
                return best.stripTrailingZeros();
            }
        }
        return exact.round(MathContext.DECIMAL64).stripTrailingZeros();
    }

    private static String positional(String digits, int exponent) {
        if (exponent >= 0) {
            if (digits.length() <= exponent + 1) {
                return digits + "0".repeat(exponent + 1 - digits.length()) + ".0";
            }
            return digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
        }
        return "0." + "0".repeat(-exponent - 1) + digits;
    }

    private static String scientific(String digits, int exponent) {
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String power = String.format("%02d", Math.abs(exponent));
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + power;
    }
}
