package io.bemcom.controller;

import java.util.Locale;
import java.util.Map;

/**
 * Maps the original's {@code LOGLEVEL} (Python level names) to Spring Boot logging properties.
 * The level applies to BEMCom's own loggers; libraries stay at INFO unless the level is higher,
 * so {@code DEBUG} does not drown the log in framework output.
 */
final class LogLevels {

    static final String DEFAULT = "INFO";

    private LogLevels() {
    }

    static Map<String, Object> springProperties(String pythonLevel) {
        String level = toLogback(pythonLevel);
        String root = level.equals("DEBUG") || level.equals("TRACE") ? "INFO" : level;
        return Map.of("logging.level.io.bemcom", level, "logging.level.root", root);
    }

    /** DEBUG, INFO, WARNING (WARN), ERROR, CRITICAL (FATAL); anything else is INFO. */
    static String toLogback(String pythonLevel) {
        String level = pythonLevel == null ? DEFAULT : pythonLevel.trim().toUpperCase(Locale.ROOT);
        return switch (level) {
            case "TRACE", "DEBUG", "INFO", "ERROR" -> level;
            case "WARNING", "WARN" -> "WARN";
            case "CRITICAL", "FATAL" -> "ERROR";
            default -> DEFAULT;
        };
    }
}
