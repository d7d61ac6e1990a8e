package io.bemcom.controller.decision;

import java.math.BigDecimal;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * How the controller compares values. The original compared raw Python values, so {@code "21.0"}
 * never equalled {@code 21.0} and {@code "20.0" >= 19.0} crashed it; values reach the controller
 * from different producers (the API publishes acceptable values as JSON-encoded strings, connectors
 * publish numbers), so here two values compare as numbers whenever both are numeric, numeric
 * strings included. Everything else compares as JSON.
 */
public final class JsonComparison {

    private JsonComparison() {
    }

    /**
     * The number a value stands for: a finite JSON number, or a string holding one
     * ({@code "21"}, {@code " 2.1e1 "}). Booleans, {@code "NaN"} and non-finite numbers are not numbers here.
     */
    public static Optional<BigDecimal> numberOf(JsonNode value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
                return Optional.empty();
            }
            return Optional.of(value.decimalValue());
        }
        if (value.isString()) {
            return parse(value.stringValue().trim());
        }
        return Optional.empty();
    }

    /** Equal as numbers when both are numeric, otherwise equal as JSON. */
    public static boolean sameValue(JsonNode left, JsonNode right) {
        if (left == null || right == null) {
            return left == right;
        }
        Optional<BigDecimal> leftNumber = numberOf(left);
        Optional<BigDecimal> rightNumber = numberOf(right);
        if (leftNumber.isPresent() && rightNumber.isPresent()) {
            return leftNumber.get().compareTo(rightNumber.get()) == 0;
        }
        return left.equals(right);
    }

    private static Optional<BigDecimal> parse(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }
}
