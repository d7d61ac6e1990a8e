package io.bemcom.api.json;

import java.math.BigDecimal;
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

    /** Python's float repr: {@code 15.0}, {@code 0.1}, {@code 1e-05}, {@code 1e+16}, {@code nan}, {@code inf}. */
    public static String floatRepr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        double magnitude = Math.abs(value);
        if (magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e16)) {
            String java = Double.toString(value); // e.g. 1.0E-5
            int e = java.indexOf('E');
            String mantissa = java.substring(0, e);
            if (mantissa.endsWith(".0")) {
                mantissa = mantissa.substring(0, mantissa.length() - 2);
            }
            int exponent = Integer.parseInt(java.substring(e + 1));
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = new BigDecimal(Double.toString(value)).toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
