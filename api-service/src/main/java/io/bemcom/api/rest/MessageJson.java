package io.bemcom.api.rest;

import io.bemcom.api.history.MessageTable;
import io.bemcom.api.history.StoredMessage;
import io.bemcom.api.json.Json;
import io.bemcom.api.json.PythonFloat;
import io.bemcom.api.json.PythonRepr;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stored messages in the REST shape: values (and item values) as JSON-encoded strings, written as
 * the original's {@code json.dumps} writes them. Non-ASCII characters are {@code \\u}-escaped; the
 * values of a numeric datapoint ({@code data_format} {@code *_numeric}) are floats when Python's
 * {@code float()} takes them ({@code 25} is {@code "25.0"}, {@code "23"} is {@code "23.0"}, NaN is
 * {@code "NaN"}), as the original stores and returns them; everything else keeps the text it was
 * stored with (numbers as their sender wrote them).
 */
final class MessageJson {

    private MessageJson() {
    }

    static ObjectNode render(MessageTable table, StoredMessage message, boolean numeric) {
        ObjectNode node = Json.object();
        switch (table) {
            case VALUE -> node.put("value", valueText(message.json(), numeric));
            case SCHEDULE -> node.set("schedule", items(message.tree(), "value"));
            case SETPOINT -> node.set("setpoint", items(message.tree(), "preferred_value"));
            default -> throw new IllegalArgumentException(table.name());
        }
        node.put("timestamp", message.time());
        return node;
    }

    /** The JSON-encoded string of a stored value (its JSON text). */
    static String valueText(String json, boolean numeric) {
        if (numeric) {
            Double number = PythonFloat.of(Json.parseValue(json));
            if (number != null) {
                return floatText(number);
            }
        }
        return asciiOnly(json);
    }

    /** {@code json.dumps} of a Python float: {@code 25.0}, {@code 1e-07}, {@code NaN}, {@code -Infinity}. */
    static String floatText(double number) {
        if (Double.isNaN(number)) {
            return "NaN";
        }
        if (Double.isInfinite(number)) {
            return number > 0 ? "Infinity" : "-Infinity";
        }
        return PythonRepr.floatRepr(number);
    }

    /**
     * JSON text with every character beyond ASCII (and DEL) written as {@code \\uXXXX} (a pair of
     * them beyond U+FFFF), as {@code json.dumps} writes it by default. Such characters occur
     * only inside strings, so the text stays the same JSON.
     */
    static String asciiOnly(String json) {
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c < 0x7F) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(json.length() + 16).append(json, 0, i);
            }
            out.append(String.format("\\u%04x", (int) c));
        }
        return out == null ? json : out.toString();
    }

    /** A schedule/setpoint list with {@code valueKey} of each item JSON-encoded, other keys as stored. */
    private static JsonNode items(JsonNode list, String valueKey) {
        if (list == null || !list.isArray()) {
            return list == null ? Json.NODES.nullNode() : list;
        }
        ArrayNode rendered = Json.array();
        for (JsonNode item : list) {
            if (!item.isObject()) {
                rendered.add(item);
                continue;
            }
            ObjectNode copy = Json.object();
            item.properties().forEach(field -> copy.set(field.getKey(), field.getKey().equals(valueKey)
                    ? Json.NODES.stringNode(asciiOnly(Json.write(field.getValue()))) : field.getValue()));
            rendered.add(copy);
        }
        return rendered;
    }
}
