package io.bemcom.connector.modbus;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Reads an actuator value from JSON. Values arrive as JSON numbers, booleans or strings (the API
 * relays what a user typed, e.g. {@code "21.5"}), so numbers given as strings are accepted;
 * anything that is not clearly the requested type is rejected with a message quoting the value.
 * Public for connectors built on this one (Fronius).
 */
public final class JsonInput {

    private static final int MAX_QUOTED = 80;
    /** More digits than any 64-bit code holds (2^64 has 20). */
    private static final int MAX_INTEGER_DIGITS = 30;

    private JsonInput() {
    }

    /** An exact integer: an integral JSON number, or a string holding one ("22", "22.0", "1e3"). */
    public static BigInteger integer(JsonNode value, String expected) {
        BigDecimal decimal = decimal(value, expected).stripTrailingZeros();
        if (decimal.precision() - decimal.scale() > MAX_INTEGER_DIGITS) {
            // Checked before expanding: "1e999999999" must not become a billion-digit BigInteger.
            throw new IllegalArgumentException("value " + quote(value) + " is out of range for " + expected);
        }
        try {
            return decimal.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("expected a whole number for " + expected
                    + ", got " + quote(value));
        }
    }

    /** A finite number, correctly rounded to the nearest double. */
    public static double finiteDouble(JsonNode value, String expected) {
        double result;
        if (value != null && value.isNumber()) {
            result = value.doubleValue();
        } else {
            // Validate with BigDecimal's strict grammar (no "NaN", "0x1p3" or "1.5f"), then let
            // Double.parseDouble round the same text correctly, as Python's float() does.
            decimal(value, expected);
            result = Double.parseDouble(value.stringValue().trim());
        }
        if (!Double.isFinite(result)) {
            throw new IllegalArgumentException("expected a finite number for " + expected
                    + ", got " + quote(value));
        }
        return result;
    }

    /**
     * A switch state: JSON {@code true}/{@code false}, the numbers 1 and 0, or the strings
     * "true"/"false"/"1"/"0" (any case).
     */
    public static boolean bool(JsonNode value, String expected) {
        if (value != null && value.isBoolean()) {
            return value.booleanValue();
        }
        if (value != null && value.isNumber()) {
            BigDecimal number = value.decimalValue();
            if (number.compareTo(BigDecimal.ONE) == 0) {
                return true;
            }
            if (number.signum() == 0) {
                return false;
            }
        }
        if (value != null && value.isString()) {
            switch (value.stringValue().trim().toLowerCase(Locale.ROOT)) {
                case "true": case "1": return true;
                case "false": case "0": return false;
                default: break;
            }
        }
        throw new IllegalArgumentException("expected true or false (or 1 or 0) for " + expected
                + ", got " + quote(value));
    }

    /** A string value, taken as is. */
    public static String text(JsonNode value, String expected) {
        if (value != null && value.isString()) {
            return value.stringValue();
        }
        throw new IllegalArgumentException("expected a string for " + expected + ", got " + quote(value));
    }

    /** An exact decimal: a finite JSON number, or a string holding one ("22", "21.5", "1e3"). */
    public static BigDecimal decimal(JsonNode value, String expected) {
        if (value != null && value.isNumber()) {
            if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
                throw new IllegalArgumentException("expected a finite number for " + expected
                        + ", got " + quote(value));
            }
            return value.decimalValue();
        }
        if (value != null && value.isString()) {
            try {
                return new BigDecimal(value.stringValue().trim());
            } catch (NumberFormatException e) {
                // fall through to the common message
            }
        }
        throw new IllegalArgumentException("expected a number (or a number as a string) for "
                + expected + ", got " + quote(value));
    }

    public static String quote(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "no value";
        }
        String text = value.toString();
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
    }
}
