package io.bemcom.connector.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

/** The configuration: the original's variables and defaults, and a message naming the variable for every mistake. */
class SocketSettingsTest {

    private static SocketSettings settings(String... variables) {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_IP", "192.168.0.55");
        env.put("SERVER_PORT", "587");
        for (int i = 0; i < variables.length; i += 2) {
            if (variables[i + 1] == null) {
                env.remove(variables[i]);
            } else {
                env.put(variables[i], variables[i + 1]);
            }
        }
        return SocketSettings.fromEnvironment(new Environment(env));
    }

    @Test
    void hasTheOriginalsDefaults() {
        SocketSettings settings = settings();

        assertThat(settings.server()).contains(new SocketSettings.Server("192.168.0.55", 587));
        assertThat(settings.bufferSize()).isEqualTo(4096);
        assertThat(settings.timeout()).contains(Duration.ofSeconds(60));
        assertThat(settings.timeoutText()).isEqualTo("60 seconds");
        assertThat(settings.format()).isEqualTo(DocumentFormat.JSON);
        assertThat(settings.udpPort()).isEmpty();
    }

    @Test
    void readsTheServiceReferencesExample() {
        SocketSettings settings = settings("RECV_BUFSIZE", "1024", "RECV_TIMEOUT", "15", "PARSE_AS", "YAML");

        assertThat(settings.bufferSize()).isEqualTo(1024);
        assertThat(settings.timeout()).contains(Duration.ofSeconds(15));
        assertThat(settings.format()).isEqualTo(DocumentFormat.YAML);
    }

    @Test
    void waitsWithoutLimitForANegativeOrZeroTimeoutAndTakesFractions() {
        assertThat(settings("RECV_TIMEOUT", "-1").timeout()).isEmpty();
        assertThat(settings("RECV_TIMEOUT", "0").timeout()).isEmpty();
        assertThat(settings("RECV_TIMEOUT", "0.5").timeout()).contains(Duration.ofMillis(500));
        assertThat(settings("RECV_TIMEOUT", "0.5").timeoutText()).isEqualTo("0.5 seconds");
        assertThat(settings("PARSE_AS", "json").format()).isEqualTo(DocumentFormat.JSON);
    }

    @Test
    void listensOnUdpAloneWhenNoServerIsSet() {
        SocketSettings settings = settings("SERVER_IP", null, "SERVER_PORT", null, "UDP_LISTEN_PORT", "7099");

        assertThat(settings.server()).isEmpty();
        assertThat(settings.udpPort()).isEqualTo(Optional.of(7099));
        assertThat(settings("UDP_LISTEN_PORT", "7099").server()).isPresent();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', nullValues = "<unset>", value = {
            "SERVER_IP       | <unset> | SERVER_IP is not set",
            "SERVER_PORT     | <unset> | SERVER_PORT is not set",
            "SERVER_PORT     | smtp    | SERVER_PORT must be an integer, got 'smtp'.",
            "SERVER_PORT     | 0       | SERVER_PORT must be a port (1-65535), got 0.",
            "RECV_BUFSIZE    | 0       | RECV_BUFSIZE must be a positive number of bytes, got 0.",
            "RECV_BUFSIZE    | 4k      | RECV_BUFSIZE must be an integer, got '4k'.",
            "RECV_TIMEOUT    | soon    | RECV_TIMEOUT must be a number, got 'soon'.",
            "PARSE_AS        | XML     | PARSE_AS must be JSON or YAML, got 'XML'.",
            "UDP_LISTEN_PORT | 70000   | UDP_LISTEN_PORT must be a port (1-65535), got 70000.",
    })
    void namesTheVariableAndWhatIsWrong(String variable, String value, String message) {
        assertThatThrownBy(() -> settings(variable, value)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(message);
    }
}
