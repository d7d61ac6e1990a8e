package io.bemcom.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.config.Environment;
import tools.jackson.databind.JsonNode;

/** Parsing raw messages as the original did (its test's raw message), with and without JSON. */
class MqttBridgeDeviceTest {

    /** The raw message of the original's test. */
    private static final JsonNode ORIGINAL_RAW = JsonValues.parse("{\"topic\": \"/test/\", \"payload\": \"{\\\"test\\\": \\\"value\\\"}\"}");

    private static MqttBridgeDevice device(boolean parseJson) {
        Map<String, String> env = new HashMap<>();
        env.put("REMOTE_MQTT_BROKER_HOST", "broker");
        env.put("REMOTE_MQTT_BROKER_TOPIC_MAPPING", "{\"sensor_topics\": {}, \"actuator_topics\": {}}");
        if (parseJson) {
            env.put("REMOTE_MQTT_BROKER_PARSE_JSON", "TRUE");
        }
        return new MqttBridgeDevice(MqttBridgeConfig.fromEnvironment(new Environment(env)), null);
    }

    private static JsonNode raw(String topic, String payload) {
        return JsonValues.of(Map.of("topic", topic, "payload", payload));
    }

    @Test
    void keepsThePayloadAsTextByDefault() {
        assertThat(device(false).parse(ORIGINAL_RAW))
                .isEqualTo(JsonValues.parse("{\"/test/\": \"{\\\"test\\\": \\\"value\\\"}\"}"));
        assertThat(device(false).parse(raw("a/b", "21.5"))).isEqualTo(JsonValues.parse("{\"a/b\": \"21.5\"}"));
    }

    @Test
    void parsesJsonWhenAskedSoThatFieldsBecomeDatapointsOfTheTopic() {
        MqttBridgeDevice device = device(true);

        assertThat(device.parse(ORIGINAL_RAW)).isEqualTo(JsonValues.parse("{\"/test/\": {\"test\": \"value\"}}"));
        assertThat(device.parse(raw("a/b", "21.5"))).isEqualTo(JsonValues.parse("{\"a/b\": 21.5}"));
        assertThat(device.parse(raw("a/b", "[1, 2]"))).isEqualTo(JsonValues.parse("{\"a/b\": [1, 2]}"));
        assertThat(device.parse(raw("a/b", "null"))).isEqualTo(JsonValues.parse("{\"a/b\": null}"));
        assertThat(device.parse(raw("a/b", "true"))).isEqualTo(JsonValues.parse("{\"a/b\": true}"));
    }

    @Test
    void keepsTextThatIsNotJsonAsTextAsTheOriginalDid() {
        MqttBridgeDevice device = device(true);

        assertThat(device.parse(raw("a/b", "on"))).isEqualTo(JsonValues.parse("{\"a/b\": \"on\"}"));
        assertThat(device.parse(raw("a/b", ""))).isEqualTo(JsonValues.parse("{\"a/b\": \"\"}"));
        assertThat(device.parse(raw("a/b", "12 apples"))).isEqualTo(JsonValues.parse("{\"a/b\": \"12 apples\"}"));
    }

    @Test
    void refusesARawMessageWithoutTopicOrPayload() {
        assertThatThrownBy(() -> device(false).parse(JsonValues.parse("{\"topic\": \"a\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic and payload");
        assertThatThrownBy(() -> device(false).parse(JsonValues.parse("{\"topic\": 1, \"payload\": \"x\"}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
