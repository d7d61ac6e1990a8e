package io.bemcom.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

class ConnectorSettingsTest {

    @Test
    void usesTheOriginalDefaults() {
        ConnectorSettings settings = ConnectorSettings.fromEnvironment(new Environment(Map.of(
                "MQTT_BROKER_HOST", "localhost")));

        assertThat(settings.name()).isEqualTo("unknown-connector");
        assertThat(settings.broker().port()).isEqualTo(1883);
        assertThat(settings.sendRawMessageToDb()).isFalse();
        assertThat(settings.debug()).isFalse();
        assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.commandTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.pollInterval()).isEmpty();
    }

    @Test
    void flagsAreOnlyOnForExactlyTrueInCapitals() {
        ConnectorSettings on = ConnectorSettings.fromEnvironment(new Environment(Map.of("MQTT_BROKER_HOST", "h",
                "SEND_RAW_MESSAGE_TO_DB", "TRUE", "DEBUG", "TRUE", "CONNECTOR_NAME", "modbus-tcp-connector")));
        ConnectorSettings off = ConnectorSettings.fromEnvironment(new Environment(Map.of("MQTT_BROKER_HOST", "h",
                "SEND_RAW_MESSAGE_TO_DB", "true", "DEBUG", "True")));

        assertThat(on.sendRawMessageToDb()).isTrue();
        assertThat(on.debug()).isTrue();
        assertThat(on.name()).isEqualTo("modbus-tcp-connector");
        assertThat(off.sendRawMessageToDb()).isFalse();
        assertThat(off.debug()).isFalse();
    }

    @Test
    void readsPollSecondsAsAFraction() {
        assertThat(settings(Map.of("POLL_SECONDS", "0.25")).pollInterval()).contains(Duration.ofMillis(250));
    }

    @Test
    void explainsMissingOrBadSettings() {
        assertThatThrownBy(() -> settings(Map.of()).requiredPollInterval())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("POLL_SECONDS is not set: it must hold the poll period in seconds, e.g. 5.");
        assertThatThrownBy(() -> settings(Map.of("POLL_SECONDS", "often")))
                .hasMessage("POLL_SECONDS must be a number, got 'often'.");
        assertThatThrownBy(() -> settings(Map.of("POLL_SECONDS", "0")))
                .hasMessage("POLL_SECONDS must be positive, got 0.0.");
        assertThatThrownBy(() -> settings(Map.of("HEARTBEAT_INTERVAL_SECONDS", "-1")))
                .hasMessage("HEARTBEAT_INTERVAL_SECONDS must be positive, got -1.0.");
        assertThatThrownBy(() -> ConnectorSettings.fromEnvironment(new Environment(Map.of("MQTT_BROKER_HOST", "h",
                "CONNECTOR_NAME", "a/b"))))
                .hasMessage("CONNECTOR_NAME must not contain '/', '+' or '#', got 'a/b'.");
    }

    private static ConnectorSettings settings(Map<String, String> variables) {
        Map<String, String> all = new java.util.HashMap<>(variables);
        all.put("MQTT_BROKER_HOST", "localhost");
        return ConnectorSettings.fromEnvironment(new Environment(all));
    }
}
