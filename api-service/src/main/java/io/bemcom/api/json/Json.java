package io.bemcom.api.json;

import java.math.BigDecimal;

import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON nodes and error shapes (DRF's: {@code {"detail": ...}}, {@code {"field": ["message"]}}) with the
 * protocol's codec rules; shared by the domain, the REST API and the admin (responses: {@code rest.JsonResponses}).
 */
public final class Json {

    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** Parses a JSON-encoded value string as Python's json.loads does (NaN and Infinity accepted). */
    public static JsonNode parseValue(String text) {
        return JsonValues.parse(text);
    }

    /** JSON text with NaN/±Infinity written as strings (never bare tokens). */
    public static String write(JsonNode node) {
        return JsonValues.toJson(node);
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    public static ObjectNode detail(String message) {
        return object().put("detail", message);
    }

    public static ArrayNode messages(String... messages) {
        ArrayNode list = array();
        for (String message : messages) {
            list.add(message);
        }
        return list;
    }

    /** A number as JSON: integral doubles of Python ints stay ints. */
    public static JsonNode number(BigDecimal value) {
        return NODES.numberNode(value);
    }
}
