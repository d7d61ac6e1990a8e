package io.bemcom.protocol.mqtt;

import java.nio.file.Files;
import java.nio.file.Path;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

/**
 * Where the broker is and how to log in. {@code MQTT_BROKER_HOST} and {@code MQTT_BROKER_PORT}
 * are the original's; username, password and TLS are our additions.
 *
 * @param caFile PEM file with the CA certificate(s) to trust; {@code null} = the JVM's trust store
 */
public record BrokerSettings(String host, int port, String username, String password, boolean useTls,
                             Path caFile) {

    public static final int DEFAULT_PORT = 1883;

    public BrokerSettings {
        if (host == null || host.isBlank()) {
            throw new ConfigurationException("MQTT_BROKER_HOST is not set: it must hold the host name or IP "
                    + "address of the MQTT broker.");
        }
        if (port < 1 || port > 65535) {
            throw new ConfigurationException("MQTT_BROKER_PORT must be a TCP port (1-65535), got " + port + ".");
        }
        if (caFile != null && !Files.isReadable(caFile)) {
            throw new ConfigurationException("MQTT_BROKER_CA_FILE points to '" + caFile
                    + "', which is not a readable file.");
        }
    }

    /** A plain connection without credentials. */
    public static BrokerSettings of(String host, int port) {
        return new BrokerSettings(host, port, null, null, false, null);
    }

    /**
     * Reads {@code MQTT_BROKER_HOST} (required), {@code MQTT_BROKER_PORT} (1883),
     * {@code MQTT_BROKER_USERNAME}, {@code MQTT_BROKER_PASSWORD}, {@code MQTT_BROKER_USE_TLS}
     * ({@code true}/{@code TRUE} = on) and {@code MQTT_BROKER_CA_FILE}.
     */
    public static BrokerSettings fromEnvironment(Environment env) {
        return new BrokerSettings(
                env.required("MQTT_BROKER_HOST", "the host name or IP address of the MQTT broker"),
                env.integer("MQTT_BROKER_PORT", DEFAULT_PORT),
                env.optional("MQTT_BROKER_USERNAME").orElse(null),
                env.optional("MQTT_BROKER_PASSWORD").orElse(null),
                env.caseInsensitiveTrue("MQTT_BROKER_USE_TLS"),
                env.optional("MQTT_BROKER_CA_FILE").map(Path::of).orElse(null));
    }

    /** The URI Paho connects to. */
    public String serverUri() {
        return (useTls ? "ssl://" : "tcp://") + host + ":" + port;
    }

    @Override
    public String toString() {
        // Never print the password.
        return "BrokerSettings[" + serverUri() + (username == null ? "" : ", user " + username) + "]";
    }
}
