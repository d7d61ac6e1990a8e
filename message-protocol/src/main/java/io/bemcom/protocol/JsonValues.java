package io.bemcom.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Helpers that keep message records immutable: JSON values are deep-copied on the way in,
 * and Java {@code null} is normalised to JSON {@code null} so maps never hold Java nulls.
 */
public final class JsonValues {

    private JsonValues() {
    }

    /** A private copy of {@code value}; Java {@code null} becomes JSON {@code null}. */
    public static JsonNode copy(JsonNode value) {
        return value == null ? JsonNodeFactory.instance.nullNode() : value.deepCopy();
    }

    /** An unmodifiable copy that keeps the key order and copies every JSON value. */
    public static Map<String, JsonNode> copyOf(Map<String, JsonNode> values) {
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> copy.put(key, copy(value)));
        return Collections.unmodifiableMap(copy);
    }

    /** An unmodifiable copy of a string map that keeps the key order. */
    public static Map<String, String> copyOfStrings(Map<String, String> values) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** An unmodifiable copy of a list of JSON values, or {@code null} for {@code null}. */
    public static List<JsonNode> copyOrNull(List<JsonNode> values) {
        return values == null ? null : values.stream().map(JsonValues::copy).toList();
    }

    /** JSON text of a value as {@link MessageCodec} writes it (NaN and ±Infinity as strings). */
    public static String toJson(JsonNode value) {
        return MessageCodec.writeJson(copy(value));
    }

    /** Whether a string or key of {@code value} holds a lone surrogate (not a character; UTF-8 cannot encode it). */
    public static boolean hasLoneSurrogate(JsonNode value) {
        if (value == null) {
            return false;
        }
        if (value.isString()) {
            return hasLoneSurrogate(value.stringValue());
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            if (hasLoneSurrogate(field.getKey()) || hasLoneSurrogate(field.getValue())) {
                return true;
            }
        }
        for (JsonNode element : value.isArray() ? value : List.<JsonNode>of()) {
            if (hasLoneSurrogate(element)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code text} holds a surrogate that is not part of a pair. */
    public static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Parses any JSON text (bare NaN/Infinity accepted); throws on malformed text. */
    public static JsonNode parse(String json) {
        return MessageCodec.readTree(json);
    }

    /** A JSON value for a plain Java value (String, Number, Boolean, Map, List or null). */
    public static JsonNode of(Object value) {
        return MessageCodec.valueToTree(value);
    }
}
