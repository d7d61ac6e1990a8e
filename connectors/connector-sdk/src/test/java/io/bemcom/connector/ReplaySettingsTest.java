package io.bemcom.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

class ReplaySettingsTest {

    @Test
    void noReplayWithoutReplayFromOrReplayTo() {
        assertThat(ReplaySettings.fromEnvironment(new Environment(Map.of("RAW_MESSAGE_DB_URL", "http://db:8081"))))
                .isEmpty();
    }

    @Test
    void readsMillisecondsAndIsoTimesWithOffsets() {
        ReplaySettings replay = replay(Map.of("REPLAY_FROM", "1700000000000", "REPLAY_TO", "2024-05-01T02:00:00+02:00",
                "RAW_MESSAGE_DB_URL", "http://raw-message-db:8081"));

        assertThat(replay.from()).isEqualTo(1_700_000_000_000L);
        assertThat(replay.to()).isEqualTo(1_714_521_600_000L);
        assertThat(new RawMessageSource(replay.rawMessageDb()).address("modbus meter/1", replay.from(), replay.to()))
                .hasToString("http://raw-message-db:8081/raw-messages/modbus%20meter%2F1?from=1700000000000&to=1714521600000");
    }

    @Test
    void explainsMissingOrBadSettings() {
        assertThatThrownBy(() -> replay(Map.of("REPLAY_FROM", "0", "RAW_MESSAGE_DB_URL", "http://db")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("REPLAY_TO is not set: it must hold a time");
        assertThatThrownBy(() -> replay(Map.of("REPLAY_FROM", "0", "REPLAY_TO", "1")))
                .hasMessageStartingWith("RAW_MESSAGE_DB_URL is not set");
        assertThatThrownBy(() -> replay(Map.of("REPLAY_FROM", "yesterday", "REPLAY_TO", "1", "RAW_MESSAGE_DB_URL", "http://db")))
                .hasMessage("REPLAY_FROM must be milliseconds since the epoch or an ISO-8601 time with offset such as "
                        + "2024-05-01T00:00:00Z, got 'yesterday'.");
        assertThatThrownBy(() -> replay(Map.of("REPLAY_FROM", "2", "REPLAY_TO", "1", "RAW_MESSAGE_DB_URL", "http://db")))
                .hasMessageStartingWith("REPLAY_TO must not be before REPLAY_FROM");
        assertThatThrownBy(() -> replay(Map.of("REPLAY_FROM", "0", "REPLAY_TO", "1", "RAW_MESSAGE_DB_URL", "db:8081")))
                .hasMessage("RAW_MESSAGE_DB_URL must be an http(s) address such as http://raw-message-db:8081, got 'db:8081'.");
    }

    private static ReplaySettings replay(Map<String, String> variables) {
        return ReplaySettings.fromEnvironment(new Environment(variables)).orElseThrow();
    }
}
