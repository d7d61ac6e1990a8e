package io.bemcom.connector.http;

import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The value rules of the original's Node-RED connector template (0.3.1), which the connectors that
 * replace Node-RED flows (Senertec Dachs, aquametro AMBUS Net) keep so that their datapoint ids and
 * values stay the same:
 * <ul>
 *   <li>{@link #flatten}: depth first over objects <em>and arrays</em> (array indices become id
 *       segments {@code 0}, {@code 1}, ...), joined with {@code __}; {@code null} is a leaf; empty
 *       objects and arrays vanish;</li>
 *   <li>{@link #leaf}: every text leaf goes through JavaScript's {@code JSON.parse} where that
 *       succeeds ({@code "2.12"} → 2.12, {@code "  46753"} → 46753, {@code "true"} → true), and stays
 *       text where it fails ({@code "05331543"}, {@code "09.01.20 17:33"}, {@code ""}).</li>
 * </ul>
 */
public final class NodeRedValues {

    public static final String SEPARATOR = "__";

    /** Strict JSON as JSON.parse reads it: no NaN, no leading zeros, nothing after the value. */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private NodeRedValues() {
    }

    /**
     * What JSON.parse makes of {@code text}, or the text itself where it fails. A text that parses
     * to an object stays text: the connector SDK would flatten an object value into other ids than
     * Node-RED published.
     */
    public static JsonNode leaf(String text) {
        if (!isJsonWhitespaceTrimmed(text)) {
            return JsonNodeFactory.instance.stringNode(text);
        }
        try {
            JsonNode parsed = STRICT.readTree(text);
            if (parsed == null || parsed.isMissingNode() || parsed.isObject()) {
                return JsonNodeFactory.instance.stringNode(text);
            }
            return parsed;
        } catch (JacksonException e) {
            return JsonNodeFactory.instance.stringNode(text);
        }
    }

    /**
     * JSON.parse skips only space, tab, line feed and carriage return around the value; Jackson
     * would skip other control characters too.
     */
    private static boolean isJsonWhitespaceTrimmed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** The Node-RED template's flattening of a reading into internal datapoint ids, text leaves parsed. */
    public static ObjectNode flatten(JsonNode reading) {
        ObjectNode flat = JsonNodeFactory.instance.objectNode();
        if (reading != null && reading.isObject()) {
            for (Map.Entry<String, JsonNode> entry : reading.properties()) {
                flatten(entry.getKey(), entry.getValue(), flat);
            }
        }
        return flat;
    }

    private static void flatten(String id, JsonNode value, ObjectNode flat) {
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                flatten(id + SEPARATOR + entry.getKey(), entry.getValue(), flat);
            }
        } else if (value.isArray()) {
            for (int index = 0; index < value.size(); index++) {
                flatten(id + SEPARATOR + index, value.get(index), flat);
            }
        } else {
            flat.set(id, value.isString() ? leaf(value.stringValue()) : value);
        }
    }
}
