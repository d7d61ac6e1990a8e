package io.bemcom.controller.decision;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * How far the user lets an optimiser's schedule move the actuator away from the preferred value.
 * The original derives it from which keys a setpoint item <em>has</em>, not from their values:
 * {@code acceptable_values} present (even {@code null}) makes it discrete, checked first.
 */
public sealed interface Flexibility {

    /** No flexibility keys: the schedule is ignored and the preferred value always wins. */
    record None() implements Flexibility {
    }

    /**
     * Discrete datapoints.
     *
     * @param acceptableValues {@code null} when the key is present with {@code null}: the original
     *                         then always follows the schedule (its tests assert it)
     */
    record Discrete(List<JsonNode> acceptableValues) implements Flexibility {

        public Discrete {
            acceptableValues = acceptableValues == null ? null : List.copyOf(acceptableValues);
        }

        public boolean acceptsAnything() {
            return acceptableValues == null;
        }
    }

    /**
     * Continuous datapoints: the sensor must stay within {@code [minValue, maxValue]} (inclusive).
     * A {@code null} bound is open.
     */
    record Continuous(Double minValue, Double maxValue) implements Flexibility {
    }

    Flexibility NONE = new None();

    /**
     * The flexibility of a setpoint item by the keys it carries.
     *
     * <p>The original needs both {@code min_value} and {@code max_value} present for continuous
     * flexibility. Our message codec leaves out a {@code null} bound when it writes a setpoint, so
     * one present bound is enough here: the missing one counts as open.
     */
    static Flexibility of(boolean hasAcceptableValues, List<JsonNode> acceptableValues,
                          boolean hasMinValue, Double minValue, boolean hasMaxValue, Double maxValue) {
        if (hasAcceptableValues) {
            return new Discrete(acceptableValues);
        }
        if (hasMinValue || hasMaxValue) {
            return new Continuous(minValue, maxValue);
        }
        return NONE;
    }
}
