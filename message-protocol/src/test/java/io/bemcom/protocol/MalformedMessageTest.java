package io.bemcom.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of malformed payload gives an error naming the offending key; nothing throws. */
class MalformedMessageTest {

    @ParameterizedTest
    @EnumSource(MessageKind.class)
    void rejectsTextThatIsNotJson(MessageKind kind) {
        Decoded<?> decoded = MessageCodec.decode(kind, bytes("{not json"));

        assertThat(decoded.isValid()).isFalse();
        assertThat(decoded.error().field()).isEmpty();
        assertThat(decoded.error().reason()).startsWith("not valid JSON");
    }

    @ParameterizedTest
    @EnumSource(MessageKind.class)
    void rejectsAnEmptyPayload(MessageKind kind) {
        Decoded<?> decoded = MessageCodec.decode(kind, new byte[0]);

        assertThat(decoded.error().reason()).isEqualTo("empty payload");
    }

    @ParameterizedTest
    @EnumSource(value = MessageKind.class, names = "CONTROLLED_DATAPOINTS", mode = EnumSource.Mode.EXCLUDE)
    void rejectsAJsonArrayWhereAnObjectBelongs(MessageKind kind) {
        Decoded<?> decoded = MessageCodec.decode(kind, bytes("[1,2]"));

        assertThat(decoded.error().reason()).isEqualTo("expected a JSON object, got an array");
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of(MessageKind.LOGS, "{\"msg\":\"x\",\"emitter\":null,\"level\":20}", "timestamp", "missing"),
                Arguments.of(MessageKind.LOGS, "{\"timestamp\":1,\"emitter\":null,\"level\":20}", "msg", "missing"),
                Arguments.of(MessageKind.LOGS, "{\"timestamp\":1,\"msg\":\"x\",\"emitter\":5,\"level\":20}", "emitter",
                        "expected a string or null, got a number"),
                Arguments.of(MessageKind.LOGS, "{\"timestamp\":1,\"msg\":\"x\",\"level\":\"INFO\"}", "level",
                        "expected an integer, got a string (\"INFO\")"),
                Arguments.of(MessageKind.HEARTBEAT, "{\"this_heartbeats_timestamp\":1}", "next_heartbeats_timestamp",
                        "missing"),
                Arguments.of(MessageKind.HEARTBEAT,
                        "{\"this_heartbeats_timestamp\":\"1\",\"next_heartbeats_timestamp\":2}",
                        "this_heartbeats_timestamp", "expected a timestamp in milliseconds, got a string (\"1\")"),
                Arguments.of(MessageKind.AVAILABLE_DATAPOINTS, "{\"sensor\":{}}", "actuator", "missing"),
                Arguments.of(MessageKind.AVAILABLE_DATAPOINTS, "{\"sensor\":[],\"actuator\":{}}", "sensor",
                        "expected an object, got an array"),
                Arguments.of(MessageKind.DATAPOINT_MAP, "{\"actuator\":{}}", "sensor", "missing"),
                Arguments.of(MessageKind.DATAPOINT_MAP, "{\"sensor\":{},\"actuator\":\"x\"}", "actuator",
                        "expected an object, got a string"),
                Arguments.of(MessageKind.DATAPOINT_MAP, "{\"sensor\":{\"id_1\":7},\"actuator\":{}}", "sensor.id_1",
                        "expected a string, got a number"),
                Arguments.of(MessageKind.RAW_MESSAGE_TO_DB, "{\"timestamp\":1}", "raw_message", "missing"),
                Arguments.of(MessageKind.RAW_MESSAGE_TO_DB, "{\"payload\":{\"raw_message\":1}}", "payload.timestamp",
                        "missing"),
                Arguments.of(MessageKind.VALUE, "{\"timestamp\":1}", "value", "missing"),
                Arguments.of(MessageKind.VALUE, "{\"value\":1}", "timestamp", "missing"),
                Arguments.of(MessageKind.VALUE, "{\"value\":1,\"timestamp\":true}", "timestamp",
                        "expected a timestamp in milliseconds, got a boolean (true)"),
                Arguments.of(MessageKind.VALUE, "{\"value\":1,\"timestamp\":NaN}", "timestamp",
                        "expected a timestamp in milliseconds, got a number (\"NaN\")"),
                Arguments.of(MessageKind.SETPOINT, "{\"timestamp\":1}", "setpoint", "missing"),
                Arguments.of(MessageKind.SETPOINT, "{\"setpoint\":{},\"timestamp\":1}", "setpoint",
                        "expected an array or null, got an object"),
                Arguments.of(MessageKind.SETPOINT, "{\"setpoint\":[{\"to_timestamp\":null}],\"timestamp\":1}",
                        "setpoint[0].preferred_value", "missing"),
                Arguments.of(MessageKind.SETPOINT,
                        "{\"setpoint\":[{\"preferred_value\":1,\"min_value\":\"low\"}],\"timestamp\":1}",
                        "setpoint[0].min_value", "expected a number or null, got a string"),
                Arguments.of(MessageKind.SETPOINT,
                        "{\"setpoint\":[{\"preferred_value\":1,\"acceptable_values\":\"1\"}],\"timestamp\":1}",
                        "setpoint[0].acceptable_values", "expected an array or null, got a string"),
                Arguments.of(MessageKind.SCHEDULE, "{\"schedule\":[1],\"timestamp\":1}", "schedule[0]",
                        "expected an object, got a number"),
                Arguments.of(MessageKind.SCHEDULE, "{\"schedule\":[{\"from_timestamp\":\"now\",\"value\":1}],"
                        + "\"timestamp\":1}", "schedule[0].from_timestamp",
                        "expected a timestamp in milliseconds or null, got a string (\"now\")"),
                Arguments.of(MessageKind.SCHEDULE, "{\"schedule\":[{\"from_timestamp\":null}],\"timestamp\":1}",
                        "schedule[0].value", "missing"),
                Arguments.of(MessageKind.CONTROLLED_DATAPOINTS, "[{\"sensor\":{\"value\":\"a\"}}]", "[0].actuator",
                        "missing"),
                Arguments.of(MessageKind.CONTROLLED_DATAPOINTS,
                        "[{\"sensor\":{\"value\":\"a\"},\"actuator\":{\"value\":\"b\",\"setpoint\":\"c\"}}]",
                        "[0].actuator.schedule", "missing"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("invalidFields")
    void namesTheOffendingKey(MessageKind kind, String json, String field, String reason) {
        Decoded<?> decoded = MessageCodec.decode(kind, bytes(json));

        assertThat(decoded.isValid()).isFalse();
        assertThat(decoded.error().field()).isEqualTo(field);
        assertThat(decoded.error().reason()).isEqualTo(reason);
    }

    @Test
    void rejectsAnObjectWhereControlledDatapointsExpectAnArray() {
        assertThat(MessageCodec.decodeControlledDatapoints(bytes("{}")).error().reason())
                .isEqualTo("expected a JSON array of controlled datapoints, got an object");
    }

    @Test
    void describesAnErrorWithItsField() {
        assertThat(new DecodeError("setpoint[0].min_value", "missing")).hasToString("'setpoint[0].min_value': missing");
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
