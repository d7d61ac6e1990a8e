package io.bemcom.api.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bemcom.api.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A form body ({@code application/x-www-form-urlencoded} or {@code multipart/form-data}) read into
 * the JSON shape of our request bodies by the rules of DRF's serializer fields for HTML input, so
 * that the same validation answers both:
 * <ul>
 * <li>a list of objects (the list bodies, and {@code schedule}/{@code setpoint}) is written
 * {@code [0]key_in_connector=…} resp. {@code schedule[0]value=…} (DRF's {@code parse_html_list});
 * within one item a repeated key counts once, with its last value;</li>
 * <li>a nested object is written {@code connector.name=…} ({@code parse_html_dict});</li>
 * <li>a list of texts ({@code acceptable_values}) is the key repeated, or {@code acceptable_values[0]=…};</li>
 * <li>{@code allowed_values} is JSON text (DRF's JSONField);</li>
 * <li>any other key is text; a repeated key counts with its last value;</li>
 * <li>an empty text means null for the fields that may be null but not blank (values, item
 * timestamps, {@code min_value}/{@code max_value}), and "not sent" for optional fields that may
 * not be blank ({@code data_format}, {@code is_active}).</li>
 * </ul>
 * What a form cannot express is what DRF cannot read from one either: an empty or null list, a
 * null {@code acceptable_values}, non-text JSON types (numbers are read from their text).
 */
final class FormFields {

    /** DRF ListSerializer fields (lists of objects). */
    private static final Set<String> OBJECT_LISTS = Set.of("schedule", "setpoint");
    /** DRF ListField of CharField. */
    private static final Set<String> TEXT_LISTS = Set.of("acceptable_values");
    /** Nested serializers. */
    private static final Set<String> OBJECTS = Set.of("connector");
    /** JSONField: the text is JSON. */
    private static final Set<String> JSON_TEXT = Set.of("allowed_values");
    /** {@code allow_null=True} without {@code allow_blank}: an empty text is null. */
    private static final Set<String> NULL_IF_EMPTY = Set.of("value", "preferred_value", "from_timestamp",
            "to_timestamp", "min_value", "max_value");
    /** Optional, not blank: an empty text means not sent. */
    private static final Set<String> ABSENT_IF_EMPTY = Set.of("data_format", "is_active");

    private static final Pattern INDEXED = Pattern.compile("^([^\\[\\].]*)\\[([0-9]+)\\](.*)$", Pattern.DOTALL);
    private static final String INVALID_JSON = "Value must be valid JSON.";

    private FormFields() {
    }

    /** The form's fields (names with all their values, in order) as a JSON list body (DRF {@code many=True}). */
    static JsonNode list(Map<String, List<String>> fields) {
        ArrayNode list = Json.array();
        ArrayNode errors = Json.array();
        boolean failed = false;
        for (Object item : indexed(fields, "").values()) {
            ObjectNode itemErrors = Json.object();
            if (item instanceof String text) {
                list.add(text);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, List<String>> itemFields = (Map<String, List<String>>) item;
                list.add(object(itemFields, itemErrors));
            }
            failed |= !itemErrors.isEmpty();
            errors.add(itemErrors);
        }
        if (failed) {
            throw ApiException.badRequest(errors);
        }
        return list;
    }

    /** The form's fields as a JSON object body. */
    static JsonNode object(Map<String, List<String>> fields) {
        ObjectNode errors = Json.object();
        ObjectNode object = object(fields, errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        return object;
    }

    private static ObjectNode object(Map<String, List<String>> fields, ObjectNode errors) {
        ObjectNode object = Json.object();
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            String name = field.getKey();
            if (name.contains("[") || name.contains(".")) {
                continue; // read below for the fields that take them; DRF ignores the others
            }
            if (OBJECT_LISTS.contains(name) || OBJECTS.contains(name)) {
                continue; // DRF reads these only from their indexed resp. dotted keys
            }
            if (TEXT_LISTS.contains(name)) {
                ArrayNode texts = object.putArray(name);
                field.getValue().forEach(texts::add);
                continue;
            }
            String text = field.getValue().get(field.getValue().size() - 1);
            if (text.isEmpty() && NULL_IF_EMPTY.contains(name)) {
                object.putNull(name);
            } else if (text.isEmpty() && ABSENT_IF_EMPTY.contains(name)) {
                continue;
            } else if (JSON_TEXT.contains(name)) {
                try {
                    object.set(name, Json.parseValue(text));
                } catch (RuntimeException e) {
                    errors.set(name, Json.messages(INVALID_JSON));
                }
            } else {
                object.put(name, text);
            }
        }
        for (String name : OBJECT_LISTS) {
            Map<Integer, Object> items = indexed(fields, name);
            if (items.isEmpty()) {
                continue;
            }
            ArrayNode list = object.putArray(name);
            for (Object item : items.values()) {
                if (item instanceof String text) {
                    list.add(text);
                } else {
                    @SuppressWarnings("unchecked")
                    Map<String, List<String>> itemFields = (Map<String, List<String>>) item;
                    list.add(object(itemFields, Json.object()));
                }
            }
        }
        for (String name : TEXT_LISTS) {
            if (!object.has(name)) {
                Map<Integer, Object> items = indexed(fields, name);
                if (!items.isEmpty()) {
                    ArrayNode texts = object.putArray(name);
                    items.values().forEach(item -> texts.add(item instanceof String text ? text : ""));
                }
            }
        }
        for (String name : OBJECTS) {
            Map<String, List<String>> nested = new LinkedHashMap<>();
            fields.forEach((key, values) -> {
                if (key.startsWith(name + ".") && key.length() > name.length() + 1) {
                    nested.put(key.substring(name.length() + 1), values);
                }
            });
            if (!nested.isEmpty()) {
                object.set(name, object(nested, errors));
            }
        }
        return object;
    }

    /**
     * DRF's {@code parse_html_list}: the keys {@code <prefix>[<i>]<rest>} by index; an index with
     * an empty rest is a text, otherwise the fields of an object (each rest with its last value).
     */
    private static Map<Integer, Object> indexed(Map<String, List<String>> fields, String prefix) {
        Map<Integer, Object> items = new TreeMap<>();
        for (Map.Entry<String, List<String>> field : fields.entrySet()) {
            Matcher matcher = INDEXED.matcher(field.getKey());
            if (!matcher.matches() || !matcher.group(1).equals(prefix)) {
                continue;
            }
            int index;
            try {
                index = Integer.parseInt(matcher.group(2));
            } catch (NumberFormatException e) {
                continue;
            }
            String rest = matcher.group(3);
            String last = field.getValue().get(field.getValue().size() - 1);
            if (rest.isEmpty()) {
                items.put(index, last);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, List<String>> item = items.get(index) instanceof Map<?, ?> map
                        ? (Map<String, List<String>>) map : new LinkedHashMap<>();
                item.put(rest, new ArrayList<>(List.of(last)));
                items.put(index, item);
            }
        }
        return items;
    }
}
