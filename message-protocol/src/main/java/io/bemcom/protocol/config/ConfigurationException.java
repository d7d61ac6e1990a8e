package io.bemcom.protocol.config;

/** A missing or malformed setting; the message names the variable and says what is expected. */
public class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
