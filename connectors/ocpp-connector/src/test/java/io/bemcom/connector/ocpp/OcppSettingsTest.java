package io.bemcom.connector.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

/** Every configuration error names its variable; passwords never appear in a message. */
class OcppSettingsTest {

    private static OcppSettings settings(String... variables) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            env.put(variables[i], variables[i + 1]);
        }
        return OcppSettings.fromEnvironment(new Environment(env));
    }

    @Test
    void readsTheOriginalsVariables() {
        OcppSettings defaults = settings();
        assertThat(defaults.port()).isEqualTo(9000);
        assertThat(defaults.commands()).containsExactly(OcppCommand.values());
        assertThat(defaults.authenticates()).isFalse();
        assertThat(defaults.originalIds()).as("the original's ids, unless turned off").isTrue();
        assertThat(settings("OCPP_ORIGINAL_IDS", "TRUE").originalIds()).isTrue();
        assertThat(settings("OCPP_ORIGINAL_IDS", "FALSE").originalIds()).isFalse();
        assertThat(settings("OCPP_ORIGINAL_IDS", "").originalIds()).as("empty is unset").isTrue();

        assertThat(settings("OCPP_PORT", "9100", "OCPP_CONFIG", "[\"execute_send_charging_profile\", \"execute_trigger_message\"]")
                .commands()).containsExactly(OcppCommand.SEND_CHARGING_PROFILE, OcppCommand.TRIGGER_MESSAGE);
        assertThat(settings("OCPP_CONFIG", "{\"execute_unlock_connector\": {}, \"other\": 1}").commands())
                .as("the keys of an object, as the original").containsExactly(OcppCommand.UNLOCK_CONNECTOR);
        assertThat(settings("OCPP_CONFIG", "\"execute_send_charging_profile\"").commands())
                .as("the README's plain string names one command").containsExactly(OcppCommand.SEND_CHARGING_PROFILE);
        assertThat(settings("OCPP_CONFIG", "[]").commands()).isEmpty();
    }

    @Test
    void namesTheVariableOfEveryConfigurationError() {
        assertThatThrownBy(() -> settings("OCPP_PORT", "ws")).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("OCPP_PORT must be an integer");
        assertThatThrownBy(() -> settings("OCPP_PORT", "0")).hasMessageStartingWith("OCPP_PORT must be a TCP port");
        assertThatThrownBy(() -> settings("OCPP_CONFIG", "[execute_send")).hasMessageStartingWith("OCPP_CONFIG is no JSON");
        assertThatThrownBy(() -> settings("OCPP_CONFIG", "42")).hasMessageStartingWith("OCPP_CONFIG must be a JSON list");
        assertThatThrownBy(() -> settings("OCPP_CONFIG", "[\"execute_reset\"]"))
                .hasMessageStartingWith("OCPP_CONFIG: unknown command 'execute_reset'");
        for (String unclear : List.of("false", "no", "0", "TRUE ")) {
            assertThatThrownBy(() -> settings("OCPP_ORIGINAL_IDS", unclear)).isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("OCPP_ORIGINAL_IDS must be TRUE").hasMessageEndingWith("got '" + unclear + "'.");
        }
    }

    @Test
    void readsPasswordsAndNeverQuotesThem() {
        OcppSettings settings = settings("OCPP_CHARGE_POINT_PASSWORDS", "{\"CP_1\": \"s3cret\", \"CP_2\": \"other\"}");
        assertThat(settings.authenticates()).isTrue();
        assertThat(settings.passwords()).containsEntry("CP_1", "s3cret");
        assertThat(settings.toString()).contains("CP_1", "CP_2").doesNotContain("s3cret", "other");

        for (String malformed : List.of("{\"CP_1\": s3cret}", "[\"s3cret\"]", "{}", "{\"CP_1\": 7357}", "\"s3cret\"")) {
            assertThatThrownBy(() -> settings("OCPP_CHARGE_POINT_PASSWORDS", malformed))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("OCPP_CHARGE_POINT_PASSWORDS")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret", "7357"));
        }
    }
}
