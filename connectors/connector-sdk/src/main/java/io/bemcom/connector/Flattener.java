package io.bemcom.connector;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Flattens a nested reading into internal datapoint ids exactly as the original Python template
 * does: breadth first over objects, keys joined with {@code __}; every non-object (arrays, null,
 * scalars) is a leaf; empty objects vanish; leaves of level 1 come first, then level 2, and so on;
 * when two paths collide the deeper one wins.
 */
public final class Flattener {

    public static final String SEPARATOR = "__";

    private Flattener() {
    }

    public static Map<String, JsonNode> flatten(JsonNode reading) {
        Map<String, JsonNode> flat = new LinkedHashMap<>();
        if (reading == null || !reading.isObject()) {
            return flat;
        }
        Deque<Map.Entry<String, JsonNode>> level = new ArrayDeque<>();
        reading.properties().forEach(level::add);
        while (!level.isEmpty()) {
            Deque<Map.Entry<String, JsonNode>> next = new ArrayDeque<>();
            for (Map.Entry<String, JsonNode> entry : level) {
                JsonNode value = entry.getValue();
                if (value.isObject()) {
                    value.properties().forEach(child -> next.add(
                            Map.entry(entry.getKey() + SEPARATOR + child.getKey(), child.getValue())));
                } else {
                    // A deeper level overwrites in place, as a Python dict update does.
                    flat.put(entry.getKey(), value);
                }
            }
            level = next;
        }
        return flat;
    }
}
