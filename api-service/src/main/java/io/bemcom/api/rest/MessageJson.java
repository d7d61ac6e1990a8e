package io.bemcom.api.rest;

import io.bemcom.api.history.MessageTable;
import io.bemcom.api.history.StoredMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Stored messages in the REST shape: values (and item values) as JSON-encoded strings. */
final class MessageJson {

    private MessageJson() {
    }

    static ObjectNode render(MessageTable table, StoredMessage message) {
        ObjectNode node = Json.object();
        switch (table) {
            case VALUE -> node.put("value", message.json());
            case SCHEDULE -> node.set("schedule", items(message.tree(), "value"));
            case SETPOINT -> node.set("setpoint", items(message.tree(), "preferred_value"));
            default -> throw new IllegalArgumentException(table.name());
        }
        node.put("timestamp", message.time());
        return node;
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
                    ? Json.NODES.stringNode(Json.write(field.getValue())) : field.getValue()));
            rendered.add(copy);
        }
        return rendered;
    }
}
