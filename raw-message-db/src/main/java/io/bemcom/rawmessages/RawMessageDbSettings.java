package io.bemcom.rawmessages;

import java.time.Duration;
import java.util.Optional;

import io.bemcom.protocol.MessageKind;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.rawmessages.storage.DatabaseSettings;

/**
 * The raw message DB's configuration, read once from the environment (see README.md).
 *
 * @param broker      {@code MQTT_BROKER_*}
 * @param topicFilter {@code MQTT_TOPIC_ALL_RAW_MESSAGES}
 * @param clientId    {@code MQTT_CLIENT_ID}: fixed, so that the broker keeps the session
 * @param database    {@code RAW_MESSAGE_DB_*}
 * @param retention   {@code RAW_MESSAGE_RETENTION_DAYS}; empty = keep everything
 */
public record RawMessageDbSettings(BrokerSettings broker, String topicFilter, String clientId,
                                   DatabaseSettings database, Optional<Duration> retention) {

    public static final String DEFAULT_TOPIC_FILTER = Topics.everyConnector(MessageKind.RAW_MESSAGE_TO_DB);
    public static final String DEFAULT_CLIENT_ID = "raw-message-db";

    public static RawMessageDbSettings fromEnvironment(Environment env) {
        return new RawMessageDbSettings(
                BrokerSettings.fromEnvironment(env),
                env.string("MQTT_TOPIC_ALL_RAW_MESSAGES", DEFAULT_TOPIC_FILTER),
                env.string("MQTT_CLIENT_ID", DEFAULT_CLIENT_ID),
                DatabaseSettings.fromEnvironment(env),
                retention(env));
    }

    private static Optional<Duration> retention(Environment env) {
        if (env.optional("RAW_MESSAGE_RETENTION_DAYS").isEmpty()) {
            return Optional.empty();
        }
        int days = env.integer("RAW_MESSAGE_RETENTION_DAYS", 0);
        if (days < 1) {
            throw new ConfigurationException("RAW_MESSAGE_RETENTION_DAYS must be a number of days (1 or more), "
                    + "or empty to keep raw messages for good; got " + days + ".");
        }
        return Optional.of(Duration.ofDays(days));
    }
}
