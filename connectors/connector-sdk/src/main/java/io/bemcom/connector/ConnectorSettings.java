package io.bemcom.connector;

import java.time.Duration;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import io.bemcom.protocol.mqtt.BrokerSettings;

/**
 * The settings every connector shares, read once at start.
 *
 * @param name               {@code CONNECTOR_NAME}, default {@code unknown-connector}; the first level of
 *                           all its topics
 * @param broker             {@code MQTT_BROKER_*}
 * @param sendRawMessageToDb {@code SEND_RAW_MESSAGE_TO_DB=TRUE}: publish every raw message
 * @param debug              {@code DEBUG=TRUE}: log (and forward) DEBUG records
 * @param heartbeatInterval  30 s as in the original; {@code HEARTBEAT_INTERVAL_SECONDS} (our addition)
 * @param commandTimeout     longest an actuator write may take; {@code ACTUATOR_COMMAND_TIMEOUT_SECONDS}
 *                           (our addition), default 30 s
 */
public record ConnectorSettings(String name, BrokerSettings broker, boolean sendRawMessageToDb, boolean debug,
                                Duration heartbeatInterval, Duration commandTimeout) {

    public static final String DEFAULT_NAME = "unknown-connector";

    public ConnectorSettings {
        if (name.contains("/") || name.contains("+") || name.contains("#")) {
            throw new ConfigurationException("CONNECTOR_NAME must not contain '/', '+' or '#', got '" + name + "'.");
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new ConfigurationException("HEARTBEAT_INTERVAL_SECONDS must be positive.");
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new ConfigurationException("ACTUATOR_COMMAND_TIMEOUT_SECONDS must be positive.");
        }
    }

    public static ConnectorSettings fromEnvironment(Environment env) {
        return new ConnectorSettings(
                env.string("CONNECTOR_NAME", DEFAULT_NAME),
                BrokerSettings.fromEnvironment(env),
                env.exactTrue("SEND_RAW_MESSAGE_TO_DB"),
                env.exactTrue("DEBUG"),
                seconds(env.decimal("HEARTBEAT_INTERVAL_SECONDS", 30)),
                seconds(env.decimal("ACTUATOR_COMMAND_TIMEOUT_SECONDS", 30)));
    }

    /** {@code POLL_SECONDS}: required for polling connectors, a positive number of seconds. */
    public static Duration pollInterval(Environment env) {
        double seconds = env.requiredDecimal("POLL_SECONDS", "the poll period in seconds, e.g. 5");
        if (seconds <= 0) {
            throw new ConfigurationException("POLL_SECONDS must be positive, got " + seconds + ".");
        }
        return seconds(seconds);
    }

    public static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1_000_000_000d));
    }
}
