package io.bemcom.tools.backup;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Comparing what was restored with what was read. Messages are the REST shapes
 * ({@code {"value": "<JSON text>", "timestamp": ms}}, schedules and setpoints with item lists);
 * two messages are the same when their JSON means the same: numbers by value ({@code "21"} and
 * {@code "21.0"} are the same reading — the service answers numeric datapoints' values as floats),
 * strings holding JSON by what they hold, everything else exactly. A text value restored
 * double-encoded ({@code "\"\\\"on\\\"\""} for {@code "\"on\""}, as the original's script does) is
 * not the same.
 */
final class Messages {

    private Messages() {
    }

    /** The messages of {@code list} by timestamp. */
    static Map<Long, JsonNode> byTimestamp(JsonNode list) {
        Map<Long, JsonNode> map = new HashMap<>();
        for (JsonNode message : list) {
            map.put(message.path("timestamp").longValue(), message);
        }
        return map;
    }

    static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.doubleValue() == b.doubleValue() || Double.isNaN(a.doubleValue()) && Double.isNaN(b.doubleValue());
        }
        if (a.isString() && b.isString()) {
            if (a.stringValue().equals(b.stringValue())) {
                return true;
            }
            JsonNode ja = json(a.stringValue());
            JsonNode jb = json(b.stringValue());
            if (ja == null || jb == null) {
                return false;
            }
            if (ja.isString() || jb.isString()) {
                // Text stays text: the same characters however escaped ("\u00fc" or "ü"), never a number.
                return ja.isString() && jb.isString() && ja.stringValue().equals(jb.stringValue());
            }
            return same(ja, jb);
        }
        if (a.isString() != b.isString()) {
            // A JSON text in one, the JSON itself in the other ("21" and 21 in a schedule item).
            JsonNode parsed = json(a.isString() ? a.stringValue() : b.stringValue());
            return parsed != null && !parsed.isString() && same(parsed, a.isString() ? b : a);
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<String> names = a.propertyNames().iterator();
            while (names.hasNext()) {
                String name = names.next();
                if (!b.has(name) || !same(a.get(name), b.get(name))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static JsonNode json(String text) {
        try {
            return ApiConnection.JSON.readTree(text);
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
