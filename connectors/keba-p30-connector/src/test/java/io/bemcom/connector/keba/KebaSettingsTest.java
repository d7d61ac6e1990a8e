package io.bemcom.connector.keba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

/** Every configuration error names its variable. */
class KebaSettingsTest {

    private static KebaSettings settings(String... variables) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            env.put(variables[i], variables[i + 1]);
        }
        return KebaSettings.fromEnvironment(new Environment(env));
    }

    @Test
    void readsTheOriginalsVariablesWithItsDefaults() {
        KebaSettings settings = settings("KEBA_P30_CHARGE_STATIONS", "{\"p30_garage\": \"192.168.0.99\", \"b\": \"wallbox.local\"}");

        assertThat(settings.stations()).containsExactly(Map.entry("p30_garage", "192.168.0.99"), Map.entry("b", "wallbox.local"));
        assertThat(settings.targetPort()).isEqualTo(7090);
        assertThat(settings.localPort()).isEqualTo(7090);
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings("KEBA_P30_CHARGE_STATIONS", "{\"a\": \"h\"}", "READ_TIMEOUT", "0.25", "TARGET_PORT", "7091")
                .readTimeout()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void namesTheVariableOfEveryConfigurationError() {
        assertThatThrownBy(() -> settings()).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("KEBA_P30_CHARGE_STATIONS is not set");
        assertThatThrownBy(() -> settings("KEBA_P30_CHARGE_STATIONS", "{p30: 1")).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("KEBA_P30_CHARGE_STATIONS is no JSON");
        assertThatThrownBy(() -> settings("KEBA_P30_CHARGE_STATIONS", "[\"192.168.0.99\"]"))
                .hasMessageStartingWith("KEBA_P30_CHARGE_STATIONS must be a JSON object");
        assertThatThrownBy(() -> settings("KEBA_P30_CHARGE_STATIONS", "{}"))
                .hasMessageStartingWith("KEBA_P30_CHARGE_STATIONS must be a JSON object with at least one station");
        assertThatThrownBy(() -> settings("KEBA_P30_CHARGE_STATIONS", "{\"garage\": 99}"))
                .hasMessageStartingWith("KEBA_P30_CHARGE_STATIONS.garage must be the station's IP address");
        assertThatThrownBy(() -> settings("KEBA_P30_CHARGE_STATIONS", "{\"a__b\": \"h\"}"))
                .hasMessageContaining("must not be blank nor contain '__'");
        assertThatThrownBy(() -> settings("KEBA_P30_CHARGE_STATIONS", "{\"a\": \"h\"}", "TARGET_PORT", "udp"))
                .hasMessageStartingWith("TARGET_PORT must be an integer");
        assertThatThrownBy(() -> settings("KEBA_P30_CHARGE_STATIONS", "{\"a\": \"h\"}", "TARGET_PORT", "70900"))
                .hasMessageStartingWith("TARGET_PORT must be a UDP port");
        assertThatThrownBy(() -> settings("KEBA_P30_CHARGE_STATIONS", "{\"a\": \"h\"}", "LOCAL_PORT", "0"))
                .hasMessageStartingWith("LOCAL_PORT must be a UDP port");
        assertThatThrownBy(() -> settings("KEBA_P30_CHARGE_STATIONS", "{\"a\": \"h\"}", "READ_TIMEOUT", "soon"))
                .hasMessageStartingWith("READ_TIMEOUT must be a number");
        assertThatThrownBy(() -> settings("KEBA_P30_CHARGE_STATIONS", "{\"a\": \"h\"}", "READ_TIMEOUT", "0"))
                .hasMessageStartingWith("READ_TIMEOUT must be a number of seconds above 0");
    }
}
