package io.bemcom.rawmessages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import io.bemcom.rawmessages.storage.Dialect;

class RawMessageDbSettingsTest {

    private static RawMessageDbSettings read(Map<String, String> variables) {
        return RawMessageDbSettings.fromEnvironment(new Environment(variables));
    }

    @Test
    void defaultsToEveryConnectorsRawMessagesInAnSqliteFile() {
        RawMessageDbSettings settings = read(Map.of("MQTT_BROKER_HOST", "broker"));

        assertThat(settings.broker().serverUri()).isEqualTo("tcp://broker:1883");
        assertThat(settings.topicFilter()).isEqualTo("+/raw_message_to_db");
        assertThat(settings.clientId()).isEqualTo("raw-message-db");
        assertThat(settings.database().dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(settings.database().sqlitePath()).isEqualTo(Path.of("./data/raw-messages.sqlite3"));
        assertThat(settings.database().jdbcUrl()).isEqualTo("jdbc:sqlite:./data/raw-messages.sqlite3");
        assertThat(settings.retention()).isEmpty();
    }

    @Test
    void usesPostgresqlWhenAHostIsGivenWithTheApiServicesDefaults() {
        RawMessageDbSettings settings = read(Map.of("MQTT_BROKER_HOST", "broker", "RAW_MESSAGE_DB_HOST", "db"));

        assertThat(settings.database().dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(settings.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/bemcom");
        assertThat(settings.database().user()).isEqualTo("bemcom");
        assertThat(settings.database().password()).isEqualTo("bemcom");
        assertThat(settings.database().toString()).doesNotContain("password").doesNotContain(":bemcom@");
    }

    @Test
    void readsEveryVariable() {
        RawMessageDbSettings settings = read(Map.of("MQTT_BROKER_HOST", "broker", "MQTT_BROKER_PORT", "1884",
                "MQTT_TOPIC_ALL_RAW_MESSAGES", "site-a/+/raw_message_to_db", "MQTT_CLIENT_ID", "raw-2",
                "RAW_MESSAGE_DB_HOST", "db", "RAW_MESSAGE_DB_PORT", "5433", "RAW_MESSAGE_DB_USER", "raw",
                "RAW_MESSAGE_DB_PASSWORD", "secret", "RAW_MESSAGE_DB_DBNAME", "raw_messages",
                "RAW_MESSAGE_RETENTION_DAYS", "30"));

        assertThat(settings.broker().port()).isEqualTo(1884);
        assertThat(settings.topicFilter()).isEqualTo("site-a/+/raw_message_to_db");
        assertThat(settings.clientId()).isEqualTo("raw-2");
        assertThat(settings.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5433/raw_messages");
        assertThat(settings.database().user()).isEqualTo("raw");
        assertThat(settings.database().password()).isEqualTo("secret");
        assertThat(settings.retention()).contains(Duration.ofDays(30));
    }

    @Test
    void refusesARetentionThatIsNotAPositiveNumberOfDays() {
        assertThatThrownBy(() -> read(Map.of("MQTT_BROKER_HOST", "b", "RAW_MESSAGE_RETENTION_DAYS", "0")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("RAW_MESSAGE_RETENTION_DAYS");
        assertThatThrownBy(() -> read(Map.of("MQTT_BROKER_HOST", "b", "RAW_MESSAGE_RETENTION_DAYS", "a week")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("RAW_MESSAGE_RETENTION_DAYS");
    }
}
