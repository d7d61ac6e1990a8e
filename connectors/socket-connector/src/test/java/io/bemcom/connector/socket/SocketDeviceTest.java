package io.bemcom.connector.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Parsing a raw message: the received text of one document. */
class SocketDeviceTest {

    private static SocketDevice device(DocumentFormat format) {
        return new SocketDevice(new SocketSettings(Optional.of(new SocketSettings.Server("127.0.0.1", 1)), 4096,
                Optional.empty(), format, Optional.empty()), null);
    }

    private static JsonNode parse(DocumentFormat format, String text) {
        return device(format).parse(JsonNodeFactory.instance.stringNode(text));
    }

    @Test
    void parsesTheOriginalsTestPayloadsInJsonAndYaml() {
        // The original's test_main.py: both give {"dummy_dp": {"sensor_1": 2.0, "sensor_2": true, "sensor_3": "A string."}}.
        JsonNode expected = JsonValues.parse("{\"dummy_dp\": {\"sensor_1\": 2.0, \"sensor_2\": true,"
                + " \"sensor_3\": \"A string.\"}}");

        assertThat(parse(DocumentFormat.JSON, "{\"dummy_dp\": {\"sensor_1\": 2.0, \"sensor_2\": true,"
                + " \"sensor_3\": \"A string.\"}}\r\n")).isEqualTo(expected);
        assertThat(parse(DocumentFormat.YAML, "dummy_dp:\n  sensor_1: 2.0\n  sensor_2: true\n"
                + "  sensor_3: A string.\n")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1} (PyYAML: {2})")
    @CsvSource(delimiter = '|', value = {
            "yes        | \"yes\"        | true",
            "off        | \"off\"        | false",
            "True       | \"True\"       | true",
            "~          | \"~\"          | null",
            "0x1F       | \"0x1F\"       | 31",
            "012        | \"012\"        | 10",
            "1_000      | \"1_000\"      | 1000",
            "1:30       | \"1:30\"       | 90",
            "2001-12-14 | \"2001-12-14\" | a date, which the original could not send",
            "1e3        | 1000.0         | \"1e3\"",
            "true       | true           | true",
            "null       | null           | null",
            "-2.5       | -2.5           | -2.5",
    })
    void readsYamlScalarsAsYaml12NotAsPyYamlsYaml11(String scalar, String json, String pyYaml) {
        assertThat(parse(DocumentFormat.YAML, "a: " + scalar).get("a")).isEqualTo(JsonValues.parse(json));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "JSON | {\"a\": 1,,}",
            "JSON | {\"a\": 1} {\"b\": 2}",
            "JSON | 42",
            "JSON | [1, 2]",
            "YAML | a: [1, 2",
            "YAML | just text",
            "YAML | a: .inf",
    })
    void refusesTextThatIsNoObjectOrMalformed(DocumentFormat format, String text) {
        assertThatThrownBy(() -> parse(format, text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(format.name());
    }

    @Test
    void refusesARawMessageThatIsNoText() {
        assertThatThrownBy(() -> device(DocumentFormat.JSON).parse(JsonValues.parse("{\"a\": 1}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no received text");
    }
}
