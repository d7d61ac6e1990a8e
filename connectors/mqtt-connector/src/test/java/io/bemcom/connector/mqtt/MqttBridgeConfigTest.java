package io.bemcom.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

/** The original's variables and its tests' mappings; an error naming each bad variable. */
class MqttBridgeConfigTest {

    /** The example of the original's Readme. */
    private static final String README_MAPPING = """
            {"sensor_topics": {"sensor/topic/1": {}, "sensor/topic/with/single/+/wildcard": {},
                               "sensor/topic/with/mulitlevel/wildcard/#": {}},
             "actuator_topics": {"actuator/topic/1": {"example_value": "22.0"}}}""";

    /** A self-signed CA certificate (its key was thrown away): only parsed here. */
    private static final String PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBijCCAS+gAwIBAgIUEPh5vOZ2SR8vIO1HVueRdfRNGLcwCgYIKoZIzj0EAwIw
            GjEYMBYGA1UEAwwPRXhhbXBsZSBSb290IENBMB4XDTI2MTEzMDE4MTgxOFoXDTM2
            MTEyNzE4MTgxOFowGjEYMBYGA1UEAwwPRXhhbXBsZSBSb290IENBMFkwEwYHKoZI
            zj0CAQYIKoZIzj0DAQcDQgAE5D6RtCjZnzyFE9UqBvxNIC23UfBJuQr52fiY3X3z
            uToxrae6APCGLMrRsKKtZOvVQYCfLwA5np48Xi5m38stYqNTMFEwHQYDVR0OBBYE
            FCE9pJT1baNpAxpynMLn6srkSgzKMB8GA1UdIwQYMBaAFCE9pJT1baNpAxpynMLn
            6srkSgzKMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSQAwRgIhAJ/RKEK2
            UlZiRC5yPacdj4BjdkVzwmH4dkw4E+Yylo0bAiEAlkJDznr7CzMmHNxcd2A8YutJ
            EhzluPlPCx/XBszyzdg=
            -----END CERTIFICATE-----
            """;

    @TempDir
    Path dir;

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("REMOTE_MQTT_BROKER_HOST", "broker.example.org");
        env.put("REMOTE_MQTT_BROKER_TOPIC_MAPPING", README_MAPPING);
        return env;
    }

    private static MqttBridgeConfig read(Map<String, String> env) {
        return MqttBridgeConfig.fromEnvironment(new Environment(env));
    }

    @Test
    void readsTheMappingOfTheOriginalsReadmeWithItsWildcards() {
        MqttBridgeConfig config = read(minimal());

        assertThat(config.sensorTopics()).containsExactly("sensor/topic/1", "sensor/topic/with/single/+/wildcard",
                "sensor/topic/with/mulitlevel/wildcard/#");
        assertThat(config.actuatorTopics()).isEqualTo(Map.of("actuator/topic/1", JsonValues.of("22.0")));
        assertThat(config.port()).isEqualTo(1883);
        assertThat(config.useTls()).isFalse();
        assertThat(config.parseJson()).isFalse();
        assertThat(config.clientId()).isEmpty();
        assertThat(config.caCertificates()).isEmpty();
    }

    @Test
    void offersTheActuatorsOfTheOriginalsTestWithTheirExampleValues() {
        Map<String, String> env = minimal();
        env.put("REMOTE_MQTT_BROKER_TOPIC_MAPPING", "{\"sensor_topics\": {}, \"actuator_topics\": {"
                + "\"actuator/topic/1\": {\"example_value\": \"22.0\"}, \"actuator/topic/2\": {\"example_value\": \"26.0\"}}}");

        assertThat(read(env).actuatorTopics()).isEqualTo(Map.of("actuator/topic/1", JsonValues.of("22.0"),
                "actuator/topic/2", JsonValues.of("26.0")));
    }

    @Test
    void acceptsSensorTopicsAsAnArrayOfStrings() {
        Map<String, String> env = minimal();
        env.put("REMOTE_MQTT_BROKER_TOPIC_MAPPING", "{\"sensor_topics\": [\"a/#\", \"b/+\"], \"actuator_topics\": {}}");

        assertThat(read(env).sensorTopics()).isEqualTo(List.of("a/#", "b/+"));
    }

    @Test
    void readsTheFlagsExactlyAsTheOriginalAndDefaultsThePortToTheProtocols() {
        Map<String, String> env = minimal();
        env.put("REMOTE_MQTT_BROKER_USE_TLS", "TRUE");
        env.put("REMOTE_MQTT_BROKER_PARSE_JSON", "TRUE");
        env.put("REMOTE_MQTT_BROKER_USERNAME", "john-doe");
        env.put("REMOTE_MQTT_BROKER_PASSWORD", "very-secret");
        env.put("REMOTE_MQTT_BROKER_CLIENT_ID", "bemcom-bridge");

        MqttBridgeConfig config = read(env);
        env.put("REMOTE_MQTT_BROKER_USE_TLS", "true");
        env.put("REMOTE_MQTT_BROKER_PARSE_JSON", "yes");
        MqttBridgeConfig lowercase = read(env);

        assertThat(config.useTls()).isTrue();
        assertThat(config.port()).isEqualTo(8883);
        assertThat(config.parseJson()).isTrue();
        assertThat(config.clientId()).contains("bemcom-bridge");
        assertThat(lowercase.useTls()).isFalse();
        assertThat(lowercase.port()).isEqualTo(1883);
        assertThat(lowercase.parseJson()).isFalse();
        assertThat(config.toString()).contains("john-doe").doesNotContain("very-secret");
    }

    @Test
    void usesThePasswordOnlyWithAUsername() {
        Map<String, String> env = minimal();
        env.put("REMOTE_MQTT_BROKER_PASSWORD", "very-secret");

        assertThat(read(env).passwordWithoutUsername()).isTrue();
        env.put("REMOTE_MQTT_BROKER_USERNAME", "john-doe");
        assertThat(read(env).passwordWithoutUsername()).isFalse();
    }

    @Test
    void takesTheCaAsPemTextOrAsThePathOfAPemFile() throws Exception {
        Map<String, String> env = minimal();
        env.put("REMOTE_MQTT_BROKER_CA_FILE", PEM);
        assertThat(read(env).caCertificates()).contains(PEM);

        Path file = Files.writeString(dir.resolve("ca.pem"), PEM);
        env.put("REMOTE_MQTT_BROKER_CA_FILE", file.toString());
        assertThat(read(env).caCertificates()).contains(PEM);
    }

    @Test
    void namesTheCaVariableWhenItHoldsNeitherPemNorAReadableFile() throws Exception {
        Map<String, String> env = minimal();
        env.put("REMOTE_MQTT_BROKER_CA_FILE", dir.resolve("missing.pem").toString());
        assertThatThrownBy(() -> read(env)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("REMOTE_MQTT_BROKER_CA_FILE must hold PEM certificates or the path");

        env.put("REMOTE_MQTT_BROKER_CA_FILE", Files.writeString(dir.resolve("empty.pem"), "nothing").toString());
        assertThatThrownBy(() -> read(env)).hasMessageStartingWith("REMOTE_MQTT_BROKER_CA_FILE holds no readable PEM");

        env.put("REMOTE_MQTT_BROKER_CA_FILE", "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----");
        assertThatThrownBy(() -> read(env)).hasMessageStartingWith("REMOTE_MQTT_BROKER_CA_FILE holds no readable PEM");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "REMOTE_MQTT_BROKER_HOST|''|REMOTE_MQTT_BROKER_HOST is not set",
            "REMOTE_MQTT_BROKER_PORT|mqtt|REMOTE_MQTT_BROKER_PORT must be an integer, got 'mqtt'",
            "REMOTE_MQTT_BROKER_PORT|0|REMOTE_MQTT_BROKER_PORT must be a TCP port (1-65535), got '0'",
            "REMOTE_MQTT_BROKER_TOPIC_MAPPING|''|REMOTE_MQTT_BROKER_TOPIC_MAPPING is not set",
            "REMOTE_MQTT_BROKER_TOPIC_MAPPING|{sensor_topics|REMOTE_MQTT_BROKER_TOPIC_MAPPING is not valid JSON",
            "REMOTE_MQTT_BROKER_TOPIC_MAPPING|[]|REMOTE_MQTT_BROKER_TOPIC_MAPPING must be a JSON object",
            "REMOTE_MQTT_BROKER_TOPIC_MAPPING|{\"actuator_topics\": {}}|REMOTE_MQTT_BROKER_TOPIC_MAPPING has no \"sensor_topics\".",
            "REMOTE_MQTT_BROKER_TOPIC_MAPPING|{\"sensor_topics\": {}}|REMOTE_MQTT_BROKER_TOPIC_MAPPING has no \"actuator_topics\".",
            "REMOTE_MQTT_BROKER_TOPIC_MAPPING|{\"sensor_topics\": 5, \"actuator_topics\": {}}|REMOTE_MQTT_BROKER_TOPIC_MAPPING.sensor_topics must be an object",
            "REMOTE_MQTT_BROKER_TOPIC_MAPPING|{\"sensor_topics\": [5], \"actuator_topics\": {}}|REMOTE_MQTT_BROKER_TOPIC_MAPPING.sensor_topics must list topics as strings",
            "REMOTE_MQTT_BROKER_TOPIC_MAPPING|{\"sensor_topics\": {\"a/#/b\": {}}, \"actuator_topics\": {}}|REMOTE_MQTT_BROKER_TOPIC_MAPPING.sensor_topics: 'a/#/b' is no MQTT topic filter",
            "REMOTE_MQTT_BROKER_TOPIC_MAPPING|{\"sensor_topics\": {}, \"actuator_topics\": []}|REMOTE_MQTT_BROKER_TOPIC_MAPPING.actuator_topics must be an object",
            "REMOTE_MQTT_BROKER_TOPIC_MAPPING|{\"sensor_topics\": {}, \"actuator_topics\": {\"a/+\": {\"example_value\": 1}}}|REMOTE_MQTT_BROKER_TOPIC_MAPPING.actuator_topics[\"a/+\"]: an actuator topic must be a plain topic, without wildcards",
            "REMOTE_MQTT_BROKER_TOPIC_MAPPING|{\"sensor_topics\": {}, \"actuator_topics\": {\"a/b\": {}}}|REMOTE_MQTT_BROKER_TOPIC_MAPPING.actuator_topics[\"a/b\"] needs an \"example_value\".",
            "REMOTE_MQTT_BROKER_TOPIC_MAPPING|{\"sensor_topics\": {}, \"actuator_topics\": {\"a/b\": 1}}|REMOTE_MQTT_BROKER_TOPIC_MAPPING.actuator_topics[\"a/b\"] needs an \"example_value\"."})
    void namesTheVariableThatIsMissingOrWrong(String variable, String value, String message) {
        Map<String, String> env = minimal();
        env.put(variable, value);

        assertThatThrownBy(() -> read(env)).isInstanceOf(ConfigurationException.class).hasMessageContaining(message);
    }
}
