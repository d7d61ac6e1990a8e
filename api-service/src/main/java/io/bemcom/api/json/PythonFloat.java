package io.bemcom.api.json;

import java.util.Locale;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Python's {@code float()} of a message value, as the original applies it to decide whether a value
 * is a number: JSON numbers, and strings such as {@code "23"}, {@code " 1e3 "}, {@code "1_000.5"},
 * {@code "NaN"}, {@code "-inf"}, {@code "Infinity"}; not booleans, null, lists or objects.
 */
public final class PythonFloat {

    private static final String DIGITS = "[0-9](?:_?[0-9])*";
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:(?:" + DIGITS + ")?\\.(?:" + DIGITS + ")|(?:"
            + DIGITS + ")\\.?)(?:[eE][+-]?" + DIGITS + ")?");
    private static final Pattern SPECIAL = Pattern.compile("[+-]?(?:inf|infinity|nan)");

    private PythonFloat() {
    }

    /** The value as a float, or {@code null} when Python's float() would refuse it (or it is a boolean). */
    public static Double of(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        return value.isString() ? parse(value.stringValue()) : null;
    }

    /** Python's float() of a text, or {@code null} when it raises. */
    public static Double parse(String text) {
        String stripped = text.strip();
        if (DECIMAL.matcher(stripped).matches()) {
            return Double.parseDouble(stripped.replace("_", ""));
        }
        String lower = stripped.toLowerCase(Locale.ROOT);
        if (SPECIAL.matcher(lower).matches()) {
            if (lower.endsWith("nan")) {
                return Double.NaN;
            }
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return null;
    }
}
