package io.bemcom.api.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Renders values the way the original's messages print them (Python's {@code str()} of the
 * decoded value: {@code x}, {@code 40}, {@code 40.0}, {@code True}, {@code None},
 * {@code {'a': 1}}, {@code ['on', 'off']}), so error messages read as before.
 */
public final class PythonRepr {

    private PythonRepr() {
    }

    /** {@code str(value)}: a top-level string without quotes. */
    public static String str(JsonNode value) {
        if (value != null && value.isString()) {
            return value.stringValue();
        }
        return repr(value);
    }

    public static String repr(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "None";
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "True" : "False";
        }
        if (value.isString()) {
            String text = value.stringValue();
            return text.contains("'") && !text.contains("\"") ? "\"" + text + "\""
                    : "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            return floatRepr(value.doubleValue());
        }
        if (value.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < value.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(repr(value.get(i)));
            }
            return out.append(']').toString();
        }
        StringBuilder out = new StringBuilder("{");
        Iterator<Map.Entry<String, JsonNode>> fields = value.properties().iterator();
        boolean first = true;
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            out.append(first ? "" : ", ").append(repr(Json.NODES.stringNode(field.getKey()))).append(": ")
                    .append(repr(field.getValue()));
            first = false;
        }
        return out.append('}').toString();
    }

    /**
     * Python's float repr: the shortest decimal that reads back as the same double, in fixed notation
     * from 1e-4 up to below 1e16 ({@code 15.0}, {@code 0.1}, {@code 0.0001}) and in scientific notation
     * outside ({@code 1e-05}, {@code 1e+16}); {@code nan}, {@code inf}, {@code -0.0}.
     */
    public static String floatRepr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestRoundTrip(value);
        String sign = shortest.signum() < 0 ? "-" : "";
        String digits = shortest.unscaledValue().abs().toString();
        // The value is 0.<digits> x 10^point, as Python's dtoa reports it.
        int point = digits.length() - shortest.scale();
        if (point > -4 && point <= 16) {
            String plain = shortest.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        int exponent = point - 1;
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }

    /**
     * The fewest significant digits that read back as {@code value}, the closest such decimal when
     * several do (Python's repr). Java 17's {@code Double.toString} reads back, but is not always the
     * shortest (4.9E-324, and some values of 16 or 17 digits).
     */
    private static BigDecimal shortestRoundTrip(double value) {
        BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        if (shortest.precision() <= 15 && Math.abs(value) >= Double.MIN_NORMAL) {
            // Two decimals of at most 15 digits never read as the same normal double (DBL_DIG).
            return shortest;
        }
        // If p digits read back, so do p + 1 (the rounding towards the value lies between), so
        // fewer digits are tried until they no longer read back.
        BigDecimal exact = new BigDecimal(value);
        for (int precision = shortest.precision() - 1; precision >= 1; precision--) {
            BigDecimal candidate = readingBack(exact, value, precision);
            if (candidate == null) {
                break;
            }
            shortest = candidate.stripTrailingZeros();
        }
        return shortest;
    }

    /** The decimal of {@code precision} digits closest to {@code value} that reads back as it, or null. */
    private static BigDecimal readingBack(BigDecimal exact, double value, int precision) {
        BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
        if (nearest.doubleValue() == value) {
            return nearest;
        }
        // The interval that reads back is even on both sides, except at a power of two (a narrower
        // lower side): only there may the rounding to the other side lie inside when the nearest does not.
        if ((Double.doubleToRawLongBits(value) & 0xF_FFFF_FFFF_FFFFL) != 0) {
            return null;
        }
        for (RoundingMode side : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
            BigDecimal candidate = exact.round(new MathContext(precision, side));
            if (candidate.doubleValue() == value) {
                return candidate;
            }
        }
        return null;
    }
}
