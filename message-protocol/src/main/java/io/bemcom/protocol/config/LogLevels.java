package io.bemcom.protocol.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code LOGLEVEL}, as every BEMCom service reads it: the original names levels the Python way
 * ({@code WARNING}, {@code CRITICAL}); this maps them to Logback's and to the Spring Boot logging
 * properties of our Spring services. The level applies to BEMCom's own loggers; libraries stay at
 * INFO unless the level is higher, so {@code DEBUG} does not drown the log in framework output.
 */
public final class LogLevels {

    public static final String DEFAULT = "INFO";
    private static final Set<String> NAMES = Set.of("TRACE", "DEBUG", "INFO", "WARNING", "WARN", "ERROR", "CRITICAL",
            "FATAL");

    private LogLevels() {
    }

    /**
     * DEBUG, INFO, WARNING (or WARN), ERROR, CRITICAL (or FATAL, which Logback lacks: ERROR),
     * TRACE; case-insensitive. Anything else, or nothing, is INFO ({@link #warning} says so).
     */
    public static String toLogback(String pythonLevel) {
        String level = pythonLevel == null ? DEFAULT : pythonLevel.trim().toUpperCase(Locale.ROOT);
        return switch (level) {
            case "TRACE", "DEBUG", "INFO", "ERROR" -> level;
            case "WARNING", "WARN" -> "WARN";
            case "CRITICAL", "FATAL" -> "ERROR";
            default -> DEFAULT;
        };
    }

    /** The warning for a value of {@code variable} that is not a level; empty when it is one or unset. */
    public static Optional<String> warning(String variable, String value) {
        if (value == null || value.isBlank() || NAMES.contains(value.trim().toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(variable + "='" + value + "' is not a log level (DEBUG, INFO, WARNING, ERROR, CRITICAL); "
                + "logging at " + DEFAULT + ".");
    }

    /** {@code logging.level.*} properties for a Spring Boot service: io.bemcom at the level, the rest at INFO or higher. */
    public static Map<String, Object> springProperties(String pythonLevel) {
        String level = toLogback(pythonLevel);
        String root = level.equals("DEBUG") || level.equals("TRACE") ? DEFAULT : level;
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("logging.level.io.bemcom", level);
        properties.put("logging.level.root", root);
        return properties;
    }
}
