package io.bemcom.connector;

import java.time.Duration;
import java.util.Optional;

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
 * @param pollInterval       {@code POLL_SECONDS}: the poll period, start to start; required when the device
 *                           polls ({@link PollingDevice}), empty when unset
 */
public record ConnectorSettings(String name, BrokerSettings broker, boolean sendRawMessageToDb, boolean debug,
                                Duration heartbeatInterval, Duration commandTimeout,
                                Optional<Duration> pollInterval) {

    public static final String DEFAULT_NAME = "unknown-connector";
    public static final String POLL_SECONDS = "POLL_SECONDS";

    public ConnectorSettings {
        if (name.contains("/") || name.contains("+") || name.contains("#")) {
            throw new ConfigurationException("CONNECTOR_NAME must not contain '/', '+' or '#', got '" + name + "'.");
        }
        requirePositive(heartbeatInterval, "HEARTBEAT_INTERVAL_SECONDS");
        requirePositive(commandTimeout, "ACTUATOR_COMMAND_TIMEOUT_SECONDS");
        pollInterval.ifPresent(interval -> requirePositive(interval, POLL_SECONDS));
    }

    public static ConnectorSettings fromEnvironment(Environment env) {
        return new ConnectorSettings(
                env.string("CONNECTOR_NAME", DEFAULT_NAME),
                BrokerSettings.fromEnvironment(env),
                env.exactTrue("SEND_RAW_MESSAGE_TO_DB"),
                env.exactTrue("DEBUG"),
                seconds(env.decimal("HEARTBEAT_INTERVAL_SECONDS", 30)),
                seconds(env.decimal("ACTUATOR_COMMAND_TIMEOUT_SECONDS", 30)),
                env.optional(POLL_SECONDS).map(text -> seconds(env.decimal(POLL_SECONDS, 0))));
    }

    /** The same settings with another poll period. */
    public ConnectorSettings withPollInterval(Duration interval) {
        return new ConnectorSettings(name, broker, sendRawMessageToDb, debug, heartbeatInterval, commandTimeout,
                Optional.of(interval));
    }

    /** The poll period of a polling device; a configuration error when {@code POLL_SECONDS} is unset. */
    Duration requiredPollInterval() {
        return pollInterval.orElseThrow(() -> new ConfigurationException(
                POLL_SECONDS + " is not set: it must hold the poll period in seconds, e.g. 5."));
    }

    public static Duration seconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1_000_000_000d));
    }

    private static void requirePositive(Duration value, String variable) {
        if (value.isNegative() || value.isZero()) {
            throw new ConfigurationException(variable + " must be positive, got " + value.toMillis() / 1000.0 + ".");
        }
    }
}
