package io.bemcom.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;

/**
 * Golden vectors: the examples of the original's message documentation and service notes, each
 * decoded and encoded again to exactly the same text (keys, order, shapes).
 */
class MessageCodecTest {

    static Stream<Arguments> goldenMessages() {
        return Stream.of(
                Arguments.of(MessageKind.LOGS,
                        "{\"timestamp\":1571843907448,\"msg\":\"Connector online. Entering main loop.\","
                                + "\"emitter\":\"run\",\"level\":20}"),
                Arguments.of(MessageKind.LOGS,
                        "{\"timestamp\":1571843907448,\"msg\":\"Node-RED started\",\"emitter\":null,\"level\":20}"),
                Arguments.of(MessageKind.HEARTBEAT,
                        "{\"this_heartbeats_timestamp\":1571927361261,\"next_heartbeats_timestamp\":1571927391261}"),
                Arguments.of(MessageKind.AVAILABLE_DATAPOINTS,
                        "{\"sensor\":{\"Channel__P__value__0\":0.122,\"Channel__P__unit\":\"kW\"},"
                                + "\"actuator\":{\"Channel__P__setpoint__0\":0.4}}"),
                Arguments.of(MessageKind.AVAILABLE_DATAPOINTS, "{\"sensor\":{},\"actuator\":{}}"),
                Arguments.of(MessageKind.DATAPOINT_MAP,
                        "{\"sensor\":{\"Channel__P__value__0\":\"example-connector/messages/1/value\","
                                + "\"Channel__P__unit\":\"example-connector/messages/2/value\"},"
                                + "\"actuator\":{\"example-connector/messages/3/value\":\"Channel__P__setpoint__0\"}}"),
                Arguments.of(MessageKind.RAW_MESSAGE_TO_DB,
                        "{\"raw_message\":{\"read_input_registers\":{\"0\":[17259,1512]}},\"timestamp\":1571843907448}"),
                Arguments.of(MessageKind.VALUE, "{\"value\":\"22.0\",\"timestamp\":1585858832910}"),
                Arguments.of(MessageKind.VALUE, "{\"value\":22.5,\"timestamp\":1585858832910}"),
                Arguments.of(MessageKind.VALUE, "{\"value\":true,\"timestamp\":1585858832910}"),
                Arguments.of(MessageKind.VALUE, "{\"value\":null,\"timestamp\":1585858832910}"),
                Arguments.of(MessageKind.VALUE, "{\"value\":{\"a\":[1,\"2\",null]},\"timestamp\":1585858832910}"),
                Arguments.of(MessageKind.SETPOINT,
                        "{\"setpoint\":[{\"from_timestamp\":null,\"to_timestamp\":1795745810285,\"preferred_value\":21,"
                                + "\"acceptable_values\":[\"20\",\"21\"],\"min_value\":20.0,\"max_value\":22.0}],"
                                + "\"timestamp\":1795745809285}"),
                Arguments.of(MessageKind.SETPOINT,
                        "{\"setpoint\":[{\"from_timestamp\":1564489613491,\"to_timestamp\":null,"
                                + "\"preferred_value\":\"on\"}],\"timestamp\":1564489613491}"),
                Arguments.of(MessageKind.SETPOINT, "{\"setpoint\":null,\"timestamp\":1564489613491}"),
                Arguments.of(MessageKind.SETPOINT,
                        "{\"setpoint\":[{\"from_timestamp\":null,\"to_timestamp\":null,\"preferred_value\":21,"
                                + "\"acceptable_values\":null,\"min_value\":null,\"max_value\":null}],\"timestamp\":1}"),
                Arguments.of(MessageKind.SCHEDULE,
                        "{\"schedule\":[{\"from_timestamp\":null,\"to_timestamp\":1564489613491,\"value\":21},"
                                + "{\"from_timestamp\":1564489613491,\"to_timestamp\":null,\"value\":null}],"
                                + "\"timestamp\":1564489613491}"),
                Arguments.of(MessageKind.SCHEDULE, "{\"schedule\":[],\"timestamp\":1564489613491}"),
                Arguments.of(MessageKind.CONTROLLED_DATAPOINTS,
                        "[{\"sensor\":{\"value\":\"demo/messages/1/value\"},"
                                + "\"actuator\":{\"value\":\"demo/messages/2/value\",\"setpoint\":\"demo/messages/2/setpoint\","
                                + "\"schedule\":\"demo/messages/2/schedule\"}}]"),
                Arguments.of(MessageKind.CONTROLLED_DATAPOINTS, "[]"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("goldenMessages")
    void decodesAndEncodesTheDocumentedFormExactly(MessageKind kind, String json) {
        Decoded<? extends BemcomMessage> decoded = MessageCodec.decode(kind, bytes(json));

        assertThat(decoded.isValid()).as("error: %s", decoded.error()).isTrue();
        assertThat(MessageCodec.encodeToString(decoded.message())).isEqualTo(json);
    }

    @Test
    void readsTheFieldsOfASetpoint() {
        SetpointMessage message = MessageCodec.decodeSetpoint(bytes(
                "{\"setpoint\":[{\"from_timestamp\":null,\"to_timestamp\":1795745810285,\"preferred_value\":21,"
                        + "\"acceptable_values\":[\"20\",\"21\"],\"min_value\":20.0,\"max_value\":22.0}],"
                        + "\"timestamp\":1795745809285}")).message();

        SetpointItem item = message.setpoint().get(0);
        assertThat(item.fromTimestamp()).isNull();
        assertThat(item.toTimestamp()).isEqualTo(1795745810285L);
        assertThat(item.preferredValue().intValue()).isEqualTo(21);
        assertThat(item.acceptableValues()).extracting(JsonNode::stringValue).containsExactly("20", "21");
        assertThat(item.minValue()).isEqualTo(20.0);
        assertThat(item.maxValue()).isEqualTo(22.0);
        assertThat(message.timestamp()).isEqualTo(1795745809285L);
    }

    @Test
    void keepsWhetherTheFlexibilityKeysArePresentEvenWhenNull() {
        SetpointItem nulls = MessageCodec.decodeSetpoint(bytes("{\"setpoint\":[{\"preferred_value\":21,"
                + "\"acceptable_values\":null,\"min_value\":null,\"max_value\":null}],\"timestamp\":1}"))
                .message().setpoint().get(0);
        SetpointItem absent = MessageCodec.decodeSetpoint(bytes("{\"setpoint\":[{\"preferred_value\":21}],"
                + "\"timestamp\":1}")).message().setpoint().get(0);
        SetpointItem onlyMin = MessageCodec.decodeSetpoint(bytes("{\"setpoint\":[{\"preferred_value\":21,"
                + "\"min_value\":20}],\"timestamp\":1}")).message().setpoint().get(0);

        assertThat(nulls.hasDiscreteFlexibility()).isTrue();
        assertThat(nulls.hasContinuousFlexibility()).isTrue();
        assertThat(nulls.acceptableValues()).isNull();
        assertThat(absent.hasDiscreteFlexibility()).isFalse();
        assertThat(absent.hasContinuousFlexibility()).isFalse();
        assertThat(onlyMin.hasContinuousFlexibility()).as("needs both keys").isFalse();
    }

    @Test
    void keepsAStringValueAStringAndANumberANumber() {
        ValueMessage text = MessageCodec.decodeValue(bytes("{\"value\":\"23\",\"timestamp\":1}")).message();
        ValueMessage number = MessageCodec.decodeValue(bytes("{\"value\":23,\"timestamp\":1}")).message();

        assertThat(text.value().isString()).isTrue();
        assertThat(number.value().isNumber()).isTrue();
    }

    @Test
    void acceptsThePythonTemplatesRawMessageEnvelopeAndWritesTheDocumentedForm() {
        Decoded<RawMessage> decoded = MessageCodec.decodeRawMessage(bytes(
                "{\"payload\":{\"raw_message\":{\"read_coils\":{\"0\":[true,false]}},\"timestamp\":1571843907448},"
                        + "\"connector_version\":\"0.7.0\"}"));

        RawMessage raw = decoded.message();
        assertThat(raw.connectorVersion()).isEqualTo("0.7.0");
        assertThat(raw.timestamp()).isEqualTo(1571843907448L);
        assertThat(MessageCodec.encodeToString(raw))
                .isEqualTo("{\"raw_message\":{\"read_coils\":{\"0\":[true,false]}},\"timestamp\":1571843907448}");
    }

    @Test
    void acceptsBareNanAndInfinityAndNeverWritesThemBare() {
        ValueMessage nan = MessageCodec.decodeValue(bytes("{\"value\": NaN, \"timestamp\": 1}")).message();
        ValueMessage inf = MessageCodec.decodeValue(bytes("{\"value\": Infinity, \"timestamp\": 1}")).message();
        ValueMessage negInf = MessageCodec.decodeValue(bytes("{\"value\": -Infinity, \"timestamp\": 1}")).message();

        assertThat(nan.value().doubleValue()).isNaN();
        assertThat(MessageCodec.encodeToString(nan)).isEqualTo("{\"value\":\"NaN\",\"timestamp\":1}");
        assertThat(MessageCodec.encodeToString(inf)).isEqualTo("{\"value\":\"Infinity\",\"timestamp\":1}");
        assertThat(MessageCodec.encodeToString(negInf)).isEqualTo("{\"value\":\"-Infinity\",\"timestamp\":1}");
    }

    @Test
    void acceptsNanInsideNestedValuesAndAvailableDatapoints() {
        AvailableDatapointsMessage available = MessageCodec.decodeAvailableDatapoints(
                bytes("{\"sensor\":{\"a\":NaN,\"b\":[1,Infinity]},\"actuator\":{}}")).message();

        assertThat(MessageCodec.encodeToString(available))
                .isEqualTo("{\"sensor\":{\"a\":\"NaN\",\"b\":[1,\"Infinity\"]},\"actuator\":{}}");
    }

    @Test
    void acceptsIntegralFloatTimestampsFromPythonSenders() {
        assertThat(MessageCodec.decodeValue(bytes("{\"value\":1,\"timestamp\":1571843907448.0}")).message().timestamp())
                .isEqualTo(1571843907448L);
    }

    @Test
    void roundsAFractionOfAMillisecondAsTheOriginalReadsItBack() {
        assertThat(MessageCodec.decodeValue(bytes("{\"value\":1,\"timestamp\":1796052000000.7}")).message().timestamp())
                .isEqualTo(1796052000001L);
        // Python's round(): halves to even.
        assertThat(MessageCodec.decodeValue(bytes("{\"value\":1,\"timestamp\":1796052000000.5}")).message().timestamp())
                .isEqualTo(1796052000000L);
        assertThat(MessageCodec.decodeValue(bytes("{\"value\":1,\"timestamp\":1796052000001.5}")).message().timestamp())
                .isEqualTo(1796052000002L);
        ScheduleMessage schedule = MessageCodec.decodeSchedule(bytes("{\"schedule\":[{\"from_timestamp\":1.7e12,"
                + "\"to_timestamp\":1700000000002.7,\"value\":1}],\"timestamp\":1e12}")).message();
        assertThat(schedule.schedule().get(0).toTimestamp()).isEqualTo(1700000000003L);
        assertThat(schedule.timestamp()).isEqualTo(1_000_000_000_000L);
        assertThat(MessageCodec.decodeHeartbeat(bytes("{\"this_heartbeats_timestamp\":2.4,"
                + "\"next_heartbeats_timestamp\":2.6}")).message().nextHeartbeatsTimestamp()).isEqualTo(3L);
    }

    @Test
    void numbersKeepTheTextTheyWereWrittenWith() {
        String json = "{\"value\":[1e-07,1.50,1E2,-0.0,0.1000000000000000055511151231257827,12345678901234567890,"
                + "1e400,7],\"timestamp\":1}";
        ValueMessage value = MessageCodec.decodeValue(bytes(json)).message();
        assertThat(MessageCodec.encodeToString(value)).isEqualTo(json);
        assertThat(JsonValues.toJson(JsonValues.parse("{\"a\": 2.50e+3}"))).isEqualTo("{\"a\":2.50e+3}");
        // Still plain doubles for everything else, equal to a double of the same value either way round.
        assertThat(value.value().get(0).doubleValue()).isEqualTo(1e-7);
        assertThat(value.value().get(1)).isEqualTo(JsonValues.of(1.5));
        assertThat(JsonValues.of(1.5)).isEqualTo(value.value().get(1));
        assertThat(value.value().get(1).isDouble()).isTrue();
    }

    @Test
    void encodesNonFiniteNumbersBareForPythonReaders() {
        ValueMessage nan = new ValueMessage(JsonValues.of(Double.NaN), 1);
        assertThat(new String(MessageCodec.encodeAsPython(nan), StandardCharsets.UTF_8)).isEqualTo("{\"value\":NaN,\"timestamp\":1}");
        ScheduleMessage schedule = new ScheduleMessage(List.of(new ScheduleItem(null, null,
                JsonValues.parse("[Infinity, -Infinity, 1e-07]"))), 2);
        byte[] payload = MessageCodec.encodeAsPython(schedule);
        assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo("{\"schedule\":[{\"from_timestamp\":null,"
                + "\"to_timestamp\":null,\"value\":[Infinity,-Infinity,1e-07]}],\"timestamp\":2}");
        assertThat(MessageCodec.decodeSchedule(payload).message().schedule().get(0).value().get(0).doubleValue())
                .isInfinite();
    }

    @Test
    void treatsAMissingEmitterAsNull() {
        LogMessage log = MessageCodec.decodeLog(bytes("{\"timestamp\":1,\"msg\":\"hi\",\"level\":30}")).message();

        assertThat(log.emitter()).isNull();
    }

    @Test
    void messagesAreImmutableCopiesOfTheirValues() {
        JsonNode original = JsonValues.parse("{\"a\":1}");
        ValueMessage message = new ValueMessage(original, 1);
        ((tools.jackson.databind.node.ObjectNode) original).put("a", 2);

        assertThat(message.value().get("a").intValue()).isEqualTo(1);
        assertThat(List.of(message.timestamp())).containsExactly(1L);
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLoneSurrogateIsWrittenAsItsEscapeAndReadsBackUnchanged() {
        byte[] payload = "{\"value\": \"a\\ud800b\", \"timestamp\": 1}".getBytes(StandardCharsets.UTF_8);
        ValueMessage value = MessageCodec.decodeValue(payload).message();
        assertThat(JsonValues.hasLoneSurrogate(value.value())).isTrue();

        String json = JsonValues.toJson(value.value());
        assertThat(json).isEqualToIgnoringCase("\"a\\ud800b\"");
        assertThat(JsonValues.parse(json)).isEqualTo(value.value());
        assertThat(new String(MessageCodec.encode(value), StandardCharsets.UTF_8)).containsIgnoringCase("a\\ud800b");
    }

    @Test
    void surrogatePairsAreCharactersNotLoneSurrogates() {
        assertThat(JsonValues.hasLoneSurrogate("emoji \ud83d\ude00")).isFalse();
        assertThat(JsonValues.toJson(JsonValues.of("emoji \ud83d\ude00"))).isEqualTo("\"emoji \ud83d\ude00\"");
        assertThat(JsonValues.hasLoneSurrogate("\ude00 low first")).isTrue();
        assertThat(JsonValues.hasLoneSurrogate(JsonValues.parse("{\"k\": [1, {\"x\": \"\\udc00\"}]}"))).isTrue();
        assertThat(JsonValues.hasLoneSurrogate(JsonValues.parse("{\"k\": [1, {\"x\": \"fine\"}]}"))).isFalse();
    }
}
