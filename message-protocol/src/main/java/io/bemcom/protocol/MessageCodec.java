package io.bemcom.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON codec of the BEMCom protocol. It writes exactly the keys and shapes of the
 * protocol and reads them back. Decoding never throws: it returns {@link Decoded.Invalid} naming
 * the offending key. Bare {@code NaN}/{@code Infinity} tokens (Python's JSON) are accepted on
 * input; on output non-finite numbers are written as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"}, as the original stores them ({@link #encodeAsPython}
 * writes them bare, as Python's {@code json.dumps} does). Numbers keep the text they were read
 * with: {@code 1e-07} is written {@code 1e-07} again, not {@code 1.0E-7}.
 */
public final class MessageCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();
    /** Writes NaN and ±Infinity as bare tokens, as Python's json.dumps does. */
    private static final JsonMapper PYTHON_MAPPER = MAPPER.rebuild()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MessageCodec() {
    }

    // ------------------------------------------------------------------ encoding

    public static byte[] encode(BemcomMessage message) {
        return encodeToString(message).getBytes(StandardCharsets.UTF_8);
    }

    public static String encodeToString(BemcomMessage message) {
        return writeJson(toTree(message));
    }

    /**
     * The payload as the original's Python services write it: NaN and ±Infinity as the bare
     * tokens {@code NaN}, {@code Infinity}, {@code -Infinity} (Python's {@code json.dumps}), which
     * original connectors expect in a command for a numeric datapoint. Only for publications
     * that original services read; every reader of ours accepts both forms.
     */
    public static byte[] encodeAsPython(BemcomMessage message) {
        return writeJson(PYTHON_MAPPER, toTree(message)).getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON tree of a message, with the protocol's keys in the protocol's order. */
    public static JsonNode toTree(BemcomMessage message) {
        if (message instanceof LogMessage log) {
            ObjectNode node = NODES.objectNode();
            node.put("timestamp", log.timestamp());
            node.put("msg", log.msg());
            node.put("emitter", log.emitter());
            node.put("level", log.level());
            return node;
        }
        if (message instanceof HeartbeatMessage heartbeat) {
            ObjectNode node = NODES.objectNode();
            node.put("this_heartbeats_timestamp", heartbeat.thisHeartbeatsTimestamp());
            node.put("next_heartbeats_timestamp", heartbeat.nextHeartbeatsTimestamp());
            return node;
        }
        if (message instanceof AvailableDatapointsMessage available) {
            ObjectNode node = NODES.objectNode();
            node.set("sensor", objectOf(available.sensor()));
            node.set("actuator", objectOf(available.actuator()));
            return node;
        }
        if (message instanceof DatapointMapMessage map) {
            ObjectNode node = NODES.objectNode();
            ObjectNode sensor = node.putObject("sensor");
            map.sensor().forEach(sensor::put);
            ObjectNode actuator = node.putObject("actuator");
            map.actuator().forEach(actuator::put);
            return node;
        }
        if (message instanceof RawMessage raw) {
            ObjectNode node = NODES.objectNode();
            node.set("raw_message", raw.rawMessage().deepCopy());
            node.put("timestamp", raw.timestamp());
            return node;
        }
        if (message instanceof ValueMessage value) {
            ObjectNode node = NODES.objectNode();
            node.set("value", value.value().deepCopy());
            node.put("timestamp", value.timestamp());
            return node;
        }
        if (message instanceof SetpointMessage setpoint) {
            ObjectNode node = NODES.objectNode();
            if (setpoint.setpoint() == null) {
                node.putNull("setpoint");
            } else {
                ArrayNode items = node.putArray("setpoint");
                setpoint.setpoint().forEach(item -> items.add(setpointItem(item)));
            }
            node.put("timestamp", setpoint.timestamp());
            return node;
        }
        if (message instanceof ScheduleMessage schedule) {
            ObjectNode node = NODES.objectNode();
            if (schedule.schedule() == null) {
                node.putNull("schedule");
            } else {
                ArrayNode items = node.putArray("schedule");
                schedule.schedule().forEach(item -> {
                    ObjectNode itemNode = items.addObject();
                    itemNode.put("from_timestamp", item.fromTimestamp());
                    itemNode.put("to_timestamp", item.toTimestamp());
                    itemNode.set("value", item.value().deepCopy());
                });
            }
            node.put("timestamp", schedule.timestamp());
            return node;
        }
        if (message instanceof ControlledDatapointsMessage controlled) {
            ArrayNode list = NODES.arrayNode();
            for (ControlledDatapoint pair : controlled.controlledDatapoints()) {
                ObjectNode item = list.addObject();
                item.putObject("sensor").put("value", pair.sensorValueTopic());
                ObjectNode actuator = item.putObject("actuator");
                actuator.put("value", pair.actuatorValueTopic());
                actuator.put("setpoint", pair.actuatorSetpointTopic());
                actuator.put("schedule", pair.actuatorScheduleTopic());
            }
            return list;
        }
        throw new IllegalArgumentException("unknown message type " + message.getClass());
    }

    private static ObjectNode setpointItem(SetpointItem item) {
        ObjectNode node = NODES.objectNode();
        node.put("from_timestamp", item.fromTimestamp());
        node.put("to_timestamp", item.toTimestamp());
        node.set("preferred_value", item.preferredValue().deepCopy());
        if (item.acceptableValues() != null) {
            ArrayNode values = node.putArray("acceptable_values");
            item.acceptableValues().forEach(value -> values.add(value.deepCopy()));
        } else if (item.acceptableValuesPresent()) {
            node.putNull("acceptable_values");
        }
        if (item.minValuePresent()) {
            node.put("min_value", item.minValue());
        }
        if (item.maxValuePresent()) {
            node.put("max_value", item.maxValue());
        }
        return node;
    }

    private static ObjectNode objectOf(Map<String, JsonNode> values) {
        ObjectNode node = NODES.objectNode();
        values.forEach((key, value) -> node.set(key, value.deepCopy()));
        return node;
    }

    // ------------------------------------------------------------------ decoding

    /** Decodes a payload of the given kind into its record type. */
    public static Decoded<? extends BemcomMessage> decode(MessageKind kind, byte[] payload) {
        return switch (kind) {
            case LOGS -> decodeLog(payload);
            case HEARTBEAT -> decodeHeartbeat(payload);
            case AVAILABLE_DATAPOINTS -> decodeAvailableDatapoints(payload);
            case DATAPOINT_MAP -> decodeDatapointMap(payload);
            case RAW_MESSAGE_TO_DB -> decodeRawMessage(payload);
            case VALUE -> decodeValue(payload);
            case SETPOINT -> decodeSetpoint(payload);
            case SCHEDULE -> decodeSchedule(payload);
            case CONTROLLED_DATAPOINTS -> decodeControlledDatapoints(payload);
        };
    }

    public static Decoded<LogMessage> decodeLog(byte[] payload) {
        return decodeObject(payload, root -> new LogMessage(
                root.timestamp("timestamp"),
                root.anyAsText("msg"),
                root.nullableText("emitter"),
                (int) root.integer("level")));
    }

    public static Decoded<HeartbeatMessage> decodeHeartbeat(byte[] payload) {
        return decodeObject(payload, root -> new HeartbeatMessage(
                root.timestamp("this_heartbeats_timestamp"),
                root.timestamp("next_heartbeats_timestamp")));
    }

    public static Decoded<AvailableDatapointsMessage> decodeAvailableDatapoints(byte[] payload) {
        return decodeObject(payload, root -> new AvailableDatapointsMessage(
                root.object("sensor").jsonValues(),
                root.object("actuator").jsonValues()));
    }

    public static Decoded<DatapointMapMessage> decodeDatapointMap(byte[] payload) {
        return decodeObject(payload, root -> new DatapointMapMessage(
                root.object("sensor").textValues(),
                root.object("actuator").textValues()));
    }

    /** Accepts the documented form and the Python template's {@code {"payload": ..., "connector_version"}}. */
    public static Decoded<RawMessage> decodeRawMessage(byte[] payload) {
        return decodeObject(payload, root -> {
            if (!root.has("raw_message") && root.has("payload")) {
                Fields envelope = root.object("payload");
                return new RawMessage(envelope.any("raw_message"), envelope.timestamp("timestamp"),
                        root.nullableText("connector_version"));
            }
            return new RawMessage(root.any("raw_message"), root.timestamp("timestamp"));
        });
    }

    public static Decoded<ValueMessage> decodeValue(byte[] payload) {
        return decodeObject(payload, root -> new ValueMessage(root.any("value"), root.timestamp("timestamp")));
    }

    public static Decoded<SetpointMessage> decodeSetpoint(byte[] payload) {
        return decodeObject(payload, root -> new SetpointMessage(
                root.nullableList("setpoint", item -> new SetpointItem(
                        item.optionalTimestamp("from_timestamp"),
                        item.optionalTimestamp("to_timestamp"),
                        item.any("preferred_value"),
                        item.optionalList("acceptable_values"),
                        item.optionalNumber("min_value"),
                        item.optionalNumber("max_value"),
                        item.has("acceptable_values"),
                        item.has("min_value"),
                        item.has("max_value"))),
                root.timestamp("timestamp")));
    }

    public static Decoded<ScheduleMessage> decodeSchedule(byte[] payload) {
        return decodeObject(payload, root -> new ScheduleMessage(
                root.nullableList("schedule", item -> new ScheduleItem(
                        item.optionalTimestamp("from_timestamp"),
                        item.optionalTimestamp("to_timestamp"),
                        item.any("value"))),
                root.timestamp("timestamp")));
    }

    public static Decoded<ControlledDatapointsMessage> decodeControlledDatapoints(byte[] payload) {
        Decoded<JsonNode> tree = parse(payload);
        if (!tree.isValid()) {
            return new Decoded.Invalid<>(tree.error());
        }
        JsonNode root = tree.message();
        if (!root.isArray()) {
            return Decoded.invalid("", "expected a JSON array of controlled datapoints, got " + typeOf(root));
        }
        try {
            List<ControlledDatapoint> pairs = new ArrayList<>();
            for (int i = 0; i < root.size(); i++) {
                Fields item = Fields.of(root.get(i), "[" + i + "]");
                Fields sensor = item.object("sensor");
                Fields actuator = item.object("actuator");
                pairs.add(new ControlledDatapoint(sensor.text("value"), actuator.text("value"),
                        actuator.text("setpoint"), actuator.text("schedule")));
            }
            return Decoded.valid(new ControlledDatapointsMessage(pairs));
        } catch (InvalidField invalid) {
            return Decoded.invalid(invalid.field, invalid.reason);
        }
    }

    // ------------------------------------------------------------------ JSON text

    /** Parses a payload into a JSON tree; never throws. */
    public static Decoded<JsonNode> parse(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return Decoded.invalid("", "empty payload");
        }
        try (JsonParser parser = MAPPER.createParser(payload)) {
            return Decoded.valid(readTree(parser));
        } catch (JacksonException e) {
            return Decoded.invalid("", "not valid JSON: " + e.getOriginalMessage());
        }
    }

    static JsonNode readTree(String json) {
        try (JsonParser parser = MAPPER.createParser(json)) {
            return readTree(parser);
        }
    }

    /** One JSON document as a tree, numbers with a fraction or exponent as {@link ExactDoubleNode}s. */
    private static JsonNode readTree(JsonParser parser) {
        if (parser.nextToken() == null) {
            throw new StreamReadException(parser, "No content to map due to end-of-input");
        }
        JsonNode root = readValue(parser);
        if (parser.nextToken() != null) {
            throw new StreamReadException(parser, "Trailing token (" + parser.currentToken() + ") found after value");
        }
        return root;
    }

    private static JsonNode readValue(JsonParser parser) {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() != JsonToken.END_OBJECT) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, readValue(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.stringNode(parser.getString());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                double value = parser.getDoubleValue();
                return parser.isNaN() ? NODES.numberNode(value) : new ExactDoubleNode(value, parser.getString());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new StreamReadException(parser, "Unexpected token " + token);
        }
    }

    static JsonNode valueToTree(Object value) {
        return value == null ? NODES.nullNode() : MAPPER.valueToTree(value);
    }

    /**
     * JSON text of a tree. A string with a lone surrogate (half of a UTF-16 pair, which JSON can
     * carry as an escape, backslash-u-d800 for example, but UTF-8 cannot encode) is written with that
     * escape, so the text is valid UTF-8 and reads back to the same string; a plain string writer
     * would copy the half character, which turns into {@code ?} in UTF-8.
     */
    static String writeJson(JsonNode node) {
        return writeJson(MAPPER, node);
    }

    private static String writeJson(JsonMapper mapper, JsonNode node) {
        java.io.StringWriter text = new java.io.StringWriter();
        try (JsonGenerator generator = mapper.createGenerator(text)) {
            writeValue(generator, node);
        }
        String json = text.toString();
        if (!JsonValues.hasLoneSurrogate(json)) {
            return json;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (JsonGenerator generator = mapper.createGenerator(bytes)) { // the byte writer escapes them
            writeValue(generator, node);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Writes a tree; an {@link ExactDoubleNode} with the text it was read with. */
    private static void writeValue(JsonGenerator generator, JsonNode node) {
        if (node instanceof ExactDoubleNode exact) {
            generator.writeNumber(exact.text());
        } else if (node.isObject()) {
            generator.writeStartObject();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                generator.writeName(field.getKey());
                writeValue(generator, field.getValue());
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (JsonNode element : node) {
                writeValue(generator, element);
            }
            generator.writeEndArray();
        } else {
            generator.writeTree(node);
        }
    }

    private interface ObjectDecoder<T> {
        T decode(Fields root);
    }

    private static <T> Decoded<T> decodeObject(byte[] payload, ObjectDecoder<T> decoder) {
        Decoded<JsonNode> tree = parse(payload);
        if (!tree.isValid()) {
            return new Decoded.Invalid<>(tree.error());
        }
        if (!tree.message().isObject()) {
            return Decoded.invalid("", "expected a JSON object, got " + typeOf(tree.message()));
        }
        try {
            return Decoded.valid(decoder.decode(Fields.of(tree.message(), "")));
        } catch (InvalidField invalid) {
            return Decoded.invalid(invalid.field, invalid.reason);
        } catch (RuntimeException unexpected) {
            // A codec bug must not escape into a caller's callback either.
            return Decoded.invalid("", "could not decode: " + unexpected);
        }
    }

    static String typeOf(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isString()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return node.isNumber() ? "a number" : node.getNodeType().toString();
    }

    /** Internal control flow of the decoders; never leaves this class. */
    private static final class InvalidField extends RuntimeException {
        final String field;
        final String reason;

        InvalidField(String field, String reason) {
            super(field + ": " + reason, null, false, false);
            this.field = field;
            this.reason = reason;
        }
    }

    /** Typed, path-aware access to the keys of one JSON object. */
    private record Fields(JsonNode node, String path) {

        static Fields of(JsonNode node, String path) {
            if (node == null || !node.isObject()) {
                throw new InvalidField(path, "expected an object, got " + typeOf(node));
            }
            return new Fields(node, path);
        }

        String pathOf(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        boolean has(String key) {
            return node.has(key);
        }

        JsonNode required(String key) {
            JsonNode value = node.get(key);
            if (value == null) {
                throw new InvalidField(pathOf(key), "missing");
            }
            return value;
        }

        JsonNode any(String key) {
            return required(key);
        }

        Fields object(String key) {
            JsonNode value = required(key);
            if (!value.isObject()) {
                throw new InvalidField(pathOf(key), "expected an object, got " + typeOf(value));
            }
            return new Fields(value, pathOf(key));
        }

        long timestamp(String key) {
            return millis(key, required(key), "a timestamp in milliseconds");
        }

        Long optionalTimestamp(String key) {
            JsonNode value = node.get(key);
            return value == null || value.isNull() ? null : millis(key, value, "a timestamp in milliseconds or null");
        }

        /**
         * A timestamp in ms; a fraction of a millisecond is rounded to the nearest one, halves to
         * even, as the original reads it back (Python's round(): {@code 1796052000000.7} is
         * {@code 1796052000001}, {@code 1796052000000.5} is {@code 1796052000000}).
         */
        private long millis(String key, JsonNode value, String expected) {
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                return value.longValue();
            }
            if (value.isNumber()) {
                double number = value.doubleValue();
                if (Double.isFinite(number) && Math.abs(number) < 9.2e18) {
                    return (long) Math.rint(number);
                }
            }
            throw new InvalidField(pathOf(key), "expected " + expected + ", got " + typeOf(value)
                    + (value.isValueNode() ? " (" + value + ")" : ""));
        }

        long integer(String key) {
            return integralOrThrow(key, required(key), "an integer");
        }

        private long integralOrThrow(String key, JsonNode value, String expected) {
            // 1.7e12 or 1700000000000.0 are integral too; Python senders sometimes emit floats.
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                return value.longValue();
            }
            if (value.isNumber()) {
                double number = value.doubleValue();
                if (Double.isFinite(number) && number == Math.rint(number) && Math.abs(number) < 9.2e18) {
                    return (long) number;
                }
            }
            throw new InvalidField(pathOf(key), "expected " + expected + ", got " + typeOf(value)
                    + (value.isValueNode() ? " (" + value + ")" : ""));
        }

        Double optionalNumber(String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isNumber()) {
                throw new InvalidField(pathOf(key), "expected a number or null, got " + typeOf(value));
            }
            return value.doubleValue();
        }

        String text(String key) {
            JsonNode value = required(key);
            if (!value.isString()) {
                throw new InvalidField(pathOf(key), "expected a string, got " + typeOf(value));
            }
            return value.stringValue();
        }

        String nullableText(String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isString()) {
                throw new InvalidField(pathOf(key), "expected a string or null, got " + typeOf(value));
            }
            return value.stringValue();
        }

        /** A string as is; any other JSON (a number, an object) as its JSON text. */
        String anyAsText(String key) {
            JsonNode value = required(key);
            return value.isString() ? value.stringValue() : writeJson(value);
        }

        List<JsonNode> optionalList(String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isArray()) {
                throw new InvalidField(pathOf(key), "expected an array or null, got " + typeOf(value));
            }
            List<JsonNode> values = new ArrayList<>();
            value.forEach(values::add);
            return values;
        }

        <T> List<T> nullableList(String key, java.util.function.Function<Fields, T> itemDecoder) {
            JsonNode value = required(key);
            if (value.isNull()) {
                return null;
            }
            if (!value.isArray()) {
                throw new InvalidField(pathOf(key), "expected an array or null, got " + typeOf(value));
            }
            List<T> items = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                items.add(itemDecoder.apply(Fields.of(value.get(i), pathOf(key) + "[" + i + "]")));
            }
            return items;
        }

        Map<String, JsonNode> jsonValues() {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            node.properties().forEach(entry -> values.put(entry.getKey(), entry.getValue()));
            return values;
        }

        Map<String, String> textValues() {
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (!entry.getValue().isString()) {
                    throw new InvalidField(pathOf(entry.getKey()),
                            "expected a string, got " + typeOf(entry.getValue()));
                }
                values.put(entry.getKey(), entry.getValue().stringValue());
            }
            return values;
        }
    }
}
