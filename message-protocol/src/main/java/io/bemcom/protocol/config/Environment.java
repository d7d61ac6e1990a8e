package io.bemcom.protocol.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of environment variables with the original's parsing rules. Every service maps its
 * variables once, at start, into its own configuration record through this class; a bad value
 * raises {@link ConfigurationException} naming the variable.
 *
 * <p>An empty value counts as unset, as in the original ({@code os.getenv(X) or default}).
 */
public final class Environment {

    private final Map<String, String> variables;

    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** The process environment. */
    public static Environment system() {
        return new Environment(System.getenv());
    }

    public Optional<String> optional(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    public String required(String name, String meaning) {
        return optional(name).orElseThrow(() -> new ConfigurationException(
                name + " is not set: it must hold " + meaning + "."));
    }

    public int integer(String name, int defaultValue) {
        return optional(name).map(value -> parseInt(name, value)).orElse(defaultValue);
    }

    public int requiredInteger(String name, String meaning) {
        return parseInt(name, required(name, meaning));
    }

    public double decimal(String name, double defaultValue) {
        return optional(name).map(value -> parseDouble(name, value)).orElse(defaultValue);
    }

    public double requiredDecimal(String name, String meaning) {
        return parseDouble(name, required(name, meaning));
    }

    /**
     * The connectors' flag rule: on only for exactly {@code TRUE} (e.g. {@code DEBUG},
     * {@code SEND_RAW_MESSAGE_TO_DB}).
     */
    public boolean exactTrue(String name) {
        return "TRUE".equals(variables.get(name));
    }

    /**
     * The API's flag rule: on when the lower-cased value is {@code true} (e.g.
     * {@code ACTIVATE_HISTORY_EXTENSION}).
     */
    public boolean caseInsensitiveTrue(String name) {
        return optional(name).map(value -> value.toLowerCase(Locale.ROOT).equals("true")).orElse(false);
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name + " must be an integer, got '" + value + "'.");
        }
    }

    private static double parseDouble(String name, String value) {
        try {
            double parsed = Double.parseDouble(value.trim());
            if (!Double.isFinite(parsed)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name + " must be a number, got '" + value + "'.");
        }
    }
}
