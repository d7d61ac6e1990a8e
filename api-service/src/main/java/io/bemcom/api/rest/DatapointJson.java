package io.bemcom.api.rest;

import io.bemcom.api.datapoint.Datapoint;
import io.bemcom.api.json.Json;
import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The REST shape of a datapoint: exactly the original's eleven keys, in its order. */
public final class DatapointJson {

    private DatapointJson() {
    }

    public static ObjectNode of(Datapoint datapoint) {
        ObjectNode node = Json.object();
        node.put("id", datapoint.getId());
        node.putObject("connector").put("name", datapoint.getConnector().getName());
        node.put("key_in_connector", datapoint.getKeyInConnector());
        node.put("type", datapoint.getType());
        node.put("data_format", datapoint.getDataFormat());
        node.put("short_name", datapoint.getShortName());
        node.put("description", datapoint.getDescription());
        node.put("min_value", datapoint.getMinValue());
        node.put("max_value", datapoint.getMaxValue());
        node.set("allowed_values", json(datapoint.getAllowedValues()));
        node.put("unit", datapoint.getUnit());
        return node;
    }

    private static JsonNode json(String text) {
        if (text == null) {
            return Json.NODES.nullNode();
        }
        try {
            return JsonValues.parse(text);
        } catch (RuntimeException e) {
            return Json.NODES.stringNode(text);
        }
    }
}
