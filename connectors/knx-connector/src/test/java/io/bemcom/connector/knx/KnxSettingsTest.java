package io.bemcom.connector.knx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

/** The configuration: the original's variables and defaults, and a message naming the variable for every mistake. */
class KnxSettingsTest {

    private static KnxSettings settings(String... variables) {
        Map<String, String> env = new HashMap<>();
        env.put("KNX_GATEWAY_HOST", "knx-gw.example.com");
        for (int i = 0; i < variables.length; i += 2) {
            env.put(variables[i], variables[i + 1]);
        }
        return KnxSettings.fromEnvironment(new Environment(env));
    }

    @Test
    void hasTheOriginalsDefaults() {
        KnxSettings settings = settings("KNX_DATAPOINTS", "");

        assertThat(settings.host()).isEqualTo("knx-gw.example.com");
        assertThat(settings.port()).isEqualTo(3671);
        assertThat(settings.protocol()).isEqualTo(KnxSettings.Protocol.TCP);
        assertThat(settings.nat()).isFalse();
        assertThat(settings.datapoints().sensors()).isEmpty();
        assertThat(settings.datapoints().actuators()).isEmpty();
        assertThat(settings.gateway()).isEqualTo("knx-gw.example.com:3671 over TCP");
    }

    @Test
    void readsTheServiceReferencesExample() {
        KnxSettings settings = settings("KNX_GATEWAY_PORT", "3672", "KNX_TUNNEL_PROTOCOL", "udp", "KNX_UDP_NAT", "TRUE",
                "KNX_DATAPOINTS", """
                        {"sensor": {"2/3/111": "DPST-3-7", "2/3/112": "DPST-5-1", "2/3/113": "DPST-1-1"},
                         "actuator": {"2/3/113": "DPST-1-1"}}""");

        assertThat(settings.port()).isEqualTo(3672);
        assertThat(settings.gateway()).isEqualTo("knx-gw.example.com:3672 over UDP (NAT)");
        assertThat(settings.datapoints().sensors()).containsOnlyKeys("2/3/111", "2/3/112", "2/3/113");
        assertThat(settings.datapoints().sensors().get("2/3/111").type().orElseThrow().id()).isEqualTo("3.007");
        assertThat(settings.datapoints().actuators()).containsOnlyKeys("2/3/113");
        assertThat(settings.datapoints().warnings()).isEmpty();
    }

    @Test
    void keepsTheAddressAsConfiguredAndFindsItByTheAddressItself() throws Exception {
        KnxSettings settings = settings("KNX_DATAPOINTS", """
                {"sensor": {"2/1234": "DPST-9-1", "4660": "DPT-7"}, "actuator": {"2/1234": "DPST-9-1"}}""");

        assertThat(settings.datapoints().sensor(new io.calimero.GroupAddress("2/4/210")).orElseThrow().id())
                .isEqualTo("2/1234");
        assertThat(settings.datapoints().sensor(new io.calimero.GroupAddress("2/2/52")).orElseThrow().id())
                .isEqualTo("4660");
        assertThat(settings.datapoints().sensor(new io.calimero.GroupAddress("2/2/53"))).isEmpty();
        assertThat(settings.datapoints().actuator("2/1234")).isPresent();
        assertThat(settings.datapoints().actuator("2/4/210")).as("ids are exact").isEmpty();
    }

    @Test
    void warnsAboutTypesWithoutCodecInsteadOfRefusingToStart() {
        KnxSettings settings = settings("KNX_DATAPOINTS", """
                {"sensor": {"1/1/1": "DPST-232-600", "1/1/2": "DPT-2"}, "actuator": {"1/1/1": "DPST-232-600"}}""");

        assertThat(settings.datapoints().warnings()).containsExactly(
                "KNX_DATAPOINTS: the connector cannot read or write DPST-232-600 (sensor 1/1/1, actuator 1/1/1);"
                        + " telegrams to these addresses are skipped and values for them refused.",
                "KNX_DATAPOINTS: the connector cannot read or write DPT-2 (sensor 1/1/2); telegrams to these"
                        + " addresses are skipped and values for them refused.");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "KNX_GATEWAY_HOST    |                                          | KNX_GATEWAY_HOST is not set",
            "KNX_GATEWAY_PORT    | 36 71                                    | KNX_GATEWAY_PORT must be an integer",
            "KNX_GATEWAY_PORT    | 70000                                    | KNX_GATEWAY_PORT must be a port (1-65535), got 70000.",
            "KNX_TUNNEL_PROTOCOL | RS232                                    | KNX_TUNNEL_PROTOCOL must be TCP or UDP, got 'RS232'.",
            "KNX_DATAPOINTS      | {sensor: {}}                             | KNX_DATAPOINTS is not valid JSON",
            "KNX_DATAPOINTS      | []                                       | KNX_DATAPOINTS must be a JSON object",
            "KNX_DATAPOINTS      | {\"sensor\": {}}                         | KNX_DATAPOINTS has no \"actuator\" key",
            "KNX_DATAPOINTS      | {\"actuator\": {}}                       | KNX_DATAPOINTS has no \"sensor\" key",
            "KNX_DATAPOINTS      | {\"sensors\": {}, \"actuators\": {}}     | KNX_DATAPOINTS has no \"sensor\" key",
            "KNX_DATAPOINTS      | {\"sensor\": [], \"actuator\": {}}       | KNX_DATAPOINTS.sensor must be an object",
            "KNX_DATAPOINTS      | {\"sensor\": {\"2/3/999\": \"DPT-1\"}, \"actuator\": {}} | KNX_DATAPOINTS.sensor[\"2/3/999\"]: '2/3/999' is no KNX group address",
            "KNX_DATAPOINTS      | {\"sensor\": {}, \"actuator\": {\"kitchen\": \"DPT-1\"}} | KNX_DATAPOINTS.actuator[\"kitchen\"]: 'kitchen' is no KNX group address",
            "KNX_DATAPOINTS      | {\"sensor\": {\"1/1/1\": \"DPT9\"}, \"actuator\": {}} | KNX_DATAPOINTS.sensor[\"1/1/1\"]: 'DPT9' is no datapoint type in ETS notation",
            "KNX_DATAPOINTS      | {\"sensor\": {\"1/1/1\": 9}, \"actuator\": {}} | KNX_DATAPOINTS.sensor[\"1/1/1\"]: the datapoint type must be a text",
            "KNX_DATAPOINTS      | {\"sensor\": {\"2/1234\": \"DPT-9\", \"2/4/210\": \"DPT-9\"}, \"actuator\": {}} | KNX_DATAPOINTS.sensor[\"2/4/210\"]: the same group address as \"2/1234\".",
    })
    void namesTheVariableAndWhatIsWrong(String variable, String value, String message) {
        assertThatThrownBy(() -> settings(variable, value == null ? "" : value))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(message);
    }
}
