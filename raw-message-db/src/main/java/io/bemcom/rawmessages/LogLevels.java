package io.bemcom.rawmessages;

import java.util.Map;

import io.bemcom.protocol.config.PythonLogLevel;

/**
 * Maps {@code LOGLEVEL} (Python level names, as every BEMCom service uses them) to Spring Boot
 * logging properties. The original raw message DB read {@code MQTT_INTEGRATION_LOG_LEVEL}; it is
 * accepted too when {@code LOGLEVEL} is not set. The level applies to BEMCom's own loggers;
 * libraries stay at INFO unless the level is higher.
 */
final class LogLevels {

    private LogLevels() {
    }

    static Map<String, Object> springProperties(String logLevel, String originalLogLevel) {
        String level = toLogback(logLevel != null && !logLevel.isBlank() ? logLevel : originalLogLevel);
        String root = level.equals("DEBUG") || level.equals("TRACE") ? "INFO" : level;
        return Map.of("logging.level.io.bemcom", level, "logging.level.root", root);
    }

    static String toLogback(String pythonLevel) {
        return PythonLogLevel.toLogback(pythonLevel);
    }
}
