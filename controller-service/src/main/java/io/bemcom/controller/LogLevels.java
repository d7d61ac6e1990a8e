package io.bemcom.controller;

import java.util.Map;

import io.bemcom.protocol.config.PythonLogLevel;

/**
 * Maps the original's {@code LOGLEVEL} (Python level names) to Spring Boot logging properties.
 * The level applies to BEMCom's own loggers; libraries stay at INFO unless the level is higher,
 * so {@code DEBUG} does not drown the log in framework output.
 */
final class LogLevels {

    private LogLevels() {
    }

    static Map<String, Object> springProperties(String pythonLevel) {
        String level = toLogback(pythonLevel);
        String root = level.equals("DEBUG") || level.equals("TRACE") ? "INFO" : level;
        return Map.of("logging.level.io.bemcom", level, "logging.level.root", root);
    }

    static String toLogback(String pythonLevel) {
        return PythonLogLevel.toLogback(pythonLevel);
    }
}
