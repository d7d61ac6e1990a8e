package io.bemcom.api.connector;

import java.util.Optional;

import io.bemcom.protocol.TopicRules;

/**
 * The one rule for connector names, for every way a name comes in (REST, the admin forms, the
 * service's own code): a name is the first level of the connector's MQTT topics, so it must be a
 * valid topic level ({@link Topics#levelProblem}: no {@code /}, {@code +}, {@code #}, no control
 * characters, nothing the broker client cannot send), and at most {@value #MAX_LENGTH} characters
 * (it is in a unique index, and in every topic of the connector).
 */
public final class ConnectorNames {

    public static final int MAX_LENGTH = 255;

    private ConnectorNames() {
    }

    /** Why {@code name} cannot be a connector's name, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("The name is required.");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            return Optional.of("The name must have at most " + MAX_LENGTH + " characters.");
        }
        return TopicRules.levelProblem(name).map(reason -> "The name is part of MQTT topics and cannot be used: " + reason
                + ". Allowed are up to " + MAX_LENGTH + " characters from U+0020 to U+FDCF except '/', '+', '#' "
                + "and U+007F–U+009F.");
    }

    /** Throws {@link IllegalArgumentException} when {@code name} cannot be a connector's name. */
    static String require(String name) {
        problem(name).ifPresent(problem -> {
            throw new IllegalArgumentException(problem + " Name: " + quoted(name));
        });
        return name;
    }

    /**
     * The name in double quotes, for log lines and pages: every character a topic cannot hold
     * ({@link TopicRules#textProblem}), and {@code "} and {@code \}, escaped as in JSON.
     */
    public static String quoted(String name) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (TopicRules.textProblem(String.valueOf(c)).isPresent()) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
