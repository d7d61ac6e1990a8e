package io.bemcom.protocol.config;

import java.util.Locale;

/**
 * The original services name log levels the Python way ({@code LOGLEVEL=WARNING}); this maps them
 * to the SLF4J/Logback names every service of ours configures.
 */
public final class PythonLogLevel {

    public static final String DEFAULT = "INFO";

    private PythonLogLevel() {
    }

    /**
     * DEBUG, INFO, WARNING (or WARN), ERROR, CRITICAL (or FATAL, which Logback lacks: ERROR),
     * TRACE; case-insensitive. Anything else, or nothing, is INFO.
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
}
