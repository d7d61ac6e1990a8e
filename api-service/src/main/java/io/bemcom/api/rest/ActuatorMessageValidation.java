package io.bemcom.api.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.bemcom.api.datapoint.Datapoint;
import io.bemcom.api.datapoint.ValueRules;
import io.bemcom.api.history.Timestamps;
import io.bemcom.api.json.DrfFields;
import io.bemcom.api.json.Json;
import io.bemcom.protocol.ScheduleItem;
import io.bemcom.protocol.ScheduleMessage;
import io.bemcom.protocol.SetpointItem;
import io.bemcom.protocol.SetpointMessage;
import io.bemcom.protocol.ValueMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validation of value, schedule and setpoint message bodies against a datapoint (the original's
 * serializers, sections 4, 5 and 8.8). A body arrives with its values as JSON-encoded strings;
 * the result holds the decoded message, the echo the original answers with, and the errors.
 */
public final class ActuatorMessageValidation {

    /** The outcome: either {@code errors} is null and the rest is set, or only {@code errors} is. */
    public record Result<M>(M message, ObjectNode echo, JsonNode errors) {
        boolean valid() {
            return errors == null;
        }
    }

    private ActuatorMessageValidation() {
    }

    // ------------------------------------------------------------------ value

    public static Result<ValueMessage> value(JsonNode body, Datapoint datapoint) {
        if (!body.isObject()) {
            return invalidBody(body);
        }
        ObjectNode errors = Json.object();
        JsonNode value = decodedValue(body, "value", false, errors, datapoint, null);
        Long timestamp = timestamp(body, errors);
        if (!errors.isEmpty()) {
            return new Result<>(null, null, errors);
        }
        ObjectNode echo = Json.object();
        echo.set("value", value);
        echo.put("timestamp", timestamp);
        return new Result<>(new ValueMessage(value, timestamp), echo, null);
    }

    /**
     * Reads a JSON-encoded value field: required; a bare JSON null means null (see the README,
     * "Differences from the original"); errors land in {@code errors} under {@code field}. With {@code itemLabel} set, the
     * value rules' message is wrapped as the schedule/setpoint item message.
     */
    private static JsonNode decodedValue(JsonNode body, String field, boolean nullable, ObjectNode errors,
                                         Datapoint datapoint, String itemLabel) {
        JsonNode raw = body.get(field);
        if (raw == null) {
            errors.set(field, Json.messages(DrfFields.REQUIRED));
            return null;
        }
        if (raw.isNull()) {
            if (!nullable) {
                errors.set(field, Json.messages(DrfFields.NOT_NULL));
            }
            return Json.NODES.nullNode();
        }
        String text;
        try {
            text = DrfFields.string(raw, false);
        } catch (DrfFields.Invalid invalid) {
            errors.set(field, Json.messages(invalid.getMessage()));
            return null;
        }
        JsonNode decoded;
        try {
            decoded = Json.parseValue(text);
        } catch (RuntimeException e) {
            errors.set(field, Json.messages("Value (" + text + ") cannot be parsed as JSON."));
            return null;
        }
        if (itemLabel == null) {
            String problem = ValueRules.check(decoded, datapoint);
            if (problem != null) {
                errors.set(field, Json.messages(problem));
                return null;
            }
        }
        return decoded;
    }

    private static Long timestamp(JsonNode body, ObjectNode errors) {
        JsonNode raw = body.get("timestamp");
        if (raw == null) {
            errors.set("timestamp", Json.messages(DrfFields.REQUIRED));
            return null;
        }
        if (raw.isNull()) {
            errors.set("timestamp", Json.messages(DrfFields.NOT_NULL));
            return null;
        }
        try {
            long timestamp = DrfFields.integer(raw);
            String problem = Timestamps.rangeProblem(timestamp);
            if (problem != null) {
                errors.set("timestamp", Json.messages(problem));
                return null;
            }
            return timestamp;
        } catch (DrfFields.Invalid invalid) {
            errors.set("timestamp", Json.messages(invalid.getMessage()));
            return null;
        }
    }

    private static <M> Result<M> invalidBody(JsonNode body) {
        ObjectNode errors = Json.object();
        errors.set("non_field_errors", Json.messages(DrfFields.expectedDict(body)));
        return new Result<>(null, null, errors);
    }

    // ------------------------------------------------------------------ schedule

    public static Result<ScheduleMessage> schedule(JsonNode body, Datapoint datapoint) {
        if (!body.isObject()) {
            return invalidBody(body);
        }
        ObjectNode errors = Json.object();
        List<ObjectNode> items = items(body, "schedule", errors, (raw, itemErrors, item) -> {
            timestampField(raw, "from_timestamp", itemErrors, item);
            timestampField(raw, "to_timestamp", itemErrors, item);
            rawValueField(raw, "value", itemErrors, item);
        }, read -> scheduleProblem(read, datapoint));
        Long timestamp = timestamp(body, errors);
        if (!errors.isEmpty()) {
            return new Result<>(null, null, errors);
        }
        List<ScheduleItem> decoded = new ArrayList<>();
        ArrayNode echoItems = Json.array();
        for (ObjectNode item : items) {
            JsonNode value = decode(item.get("value"));
            decoded.add(new ScheduleItem(longOrNull(item.get("from_timestamp")), longOrNull(item.get("to_timestamp")), value));
            ObjectNode echoItem = echoItems.addObject();
            echoItem.set("from_timestamp", item.get("from_timestamp"));
            echoItem.set("to_timestamp", item.get("to_timestamp"));
            echoItem.set("value", value);
        }
        ObjectNode echo = Json.object();
        echo.set("schedule", echoItems);
        echo.put("timestamp", timestamp);
        return new Result<>(new ScheduleMessage(decoded, timestamp), echo, null);
    }

    private static String scheduleProblem(List<ObjectNode> items, Datapoint datapoint) {
        for (ObjectNode item : items) {
            String shown = DrfFields.pythonJson(item);
            String valueProblem = itemValueProblem(item.get("value"), datapoint);
            if (valueProblem != null) {
                return "Validation of value of Schedule Item (" + shown + ") failed. The error was: " + valueProblem;
            }
            String timeProblem = itemTimestampsProblem(item, "Schedule Item", shown);
            if (timeProblem != null) {
                return timeProblem;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ setpoint

    public static Result<SetpointMessage> setpoint(JsonNode body, Datapoint datapoint) {
        if (!body.isObject()) {
            return invalidBody(body);
        }
        ObjectNode errors = Json.object();
        List<ObjectNode> items = items(body, "setpoint", errors, (raw, itemErrors, item) -> {
            timestampField(raw, "from_timestamp", itemErrors, item);
            timestampField(raw, "to_timestamp", itemErrors, item);
            rawValueField(raw, "preferred_value", itemErrors, item);
            acceptableValuesField(raw, itemErrors, item);
            optionalDecimalField(raw, "min_value", itemErrors, item);
            optionalDecimalField(raw, "max_value", itemErrors, item);
        }, read -> setpointProblem(read, datapoint));
        Long timestamp = timestamp(body, errors);
        if (!errors.isEmpty()) {
            return new Result<>(null, null, errors);
        }
        ObjectNode echo = Json.object();
        List<SetpointItem> decoded = new ArrayList<>();
        ArrayNode echoItems = Json.array();
        for (ObjectNode item : items) {
            JsonNode preferred = decode(item.get("preferred_value"));
            List<JsonNode> acceptable = null;
            if (item.get("acceptable_values") != null && item.get("acceptable_values").isArray()) {
                acceptable = new ArrayList<>();
                item.get("acceptable_values").forEach(acceptable::add);
            }
            // Key presence is part of the message: the controller reads flexibility from it.
            decoded.add(new SetpointItem(longOrNull(item.get("from_timestamp")), longOrNull(item.get("to_timestamp")),
                    preferred, acceptable, doubleOrNull(item.get("min_value")), doubleOrNull(item.get("max_value")),
                    item.has("acceptable_values"), item.has("min_value"), item.has("max_value")));
            ObjectNode echoItem = echoItems.addObject();
            echoItem.set("from_timestamp", item.get("from_timestamp"));
            echoItem.set("to_timestamp", item.get("to_timestamp"));
            echoItem.set("preferred_value", preferred);
            for (String optional : List.of("acceptable_values", "min_value", "max_value")) {
                if (item.has(optional)) {
                    echoItem.set(optional, item.get(optional));
                }
            }
        }
        echo.set("setpoint", echoItems);
        echo.put("timestamp", timestamp);
        return new Result<>(new SetpointMessage(decoded, timestamp), echo, null);
    }

    private static String setpointProblem(List<ObjectNode> items, Datapoint datapoint) {
        String format = datapoint.getDataFormat() == null ? "unknown" : datapoint.getDataFormat();
        for (ObjectNode item : items) {
            String shown = DrfFields.pythonJson(item);
            if (format.contains("discrete_") && !item.has("acceptable_values")) {
                return "Key 'acceptable_values' is missing in Setpoint Item (" + shown + ").";
            }
            if (format.contains("continuous_numeric")) {
                for (String key : List.of("min_value", "max_value")) {
                    if (!item.has(key)) {
                        return "Key '" + key + "' is missing in Setpoint Item (" + shown + ").";
                    }
                }
            }
            String valueProblem = itemValueProblem(item.get("preferred_value"), datapoint);
            if (valueProblem != null) {
                return "Validation of preferred_value of Setpoint Item (" + shown + ") failed. The error was: "
                        + valueProblem;
            }
            String timeProblem = itemTimestampsProblem(item, "Setpoint Item", shown);
            if (timeProblem != null) {
                return timeProblem;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ items

    @FunctionalInterface
    private interface ItemReader {
        void read(JsonNode raw, ObjectNode itemErrors, ObjectNode item);
    }

    /**
     * The list {@code field} of {@code body} (a schedule or a setpoint), every item read and then
     * checked as a whole by {@code problem}; null, with the error set under {@code field}, when it is
     * missing, null (refused: it cannot be stored, and controllers exit on it; README, "Differences
     * from the original"), not a list, or has an invalid item (then an error list aligned with the items).
     */
    private static List<ObjectNode> items(JsonNode body, String field, ObjectNode errors, ItemReader reader,
                                          Function<List<ObjectNode>, String> problem) {
        JsonNode list = body.get(field);
        if (list == null) {
            errors.set(field, Json.messages(DrfFields.REQUIRED));
            return null;
        }
        if (list.isNull()) {
            errors.set(field, Json.messages(DrfFields.NOT_NULL));
            return null;
        }
        if (!list.isArray()) {
            errors.set(field, Json.object().set("non_field_errors", Json.messages(DrfFields.expectedList(list))));
            return null;
        }
        List<ObjectNode> items = new ArrayList<>();
        ArrayNode itemErrorList = Json.array();
        boolean failed = false;
        for (JsonNode raw : list) {
            ObjectNode itemErrors = Json.object();
            ObjectNode item = Json.object();
            if (!raw.isObject()) {
                itemErrors.set("non_field_errors", Json.messages(DrfFields.expectedDict(raw)));
            } else {
                reader.read(raw, itemErrors, item);
            }
            failed |= !itemErrors.isEmpty();
            itemErrorList.add(itemErrors);
            items.add(item);
        }
        if (failed) {
            errors.set(field, itemErrorList);
            return null;
        }
        String wrong = problem.apply(items);
        if (wrong != null) {
            errors.set(field, Json.messages(wrong));
            return null;
        }
        return items;
    }

    /** {@code acceptable_values}: absent, null, or a list of strings (each may be null). */
    private static void acceptableValuesField(JsonNode raw, ObjectNode itemErrors, ObjectNode item) {
        JsonNode acceptable = raw.get("acceptable_values");
        if (acceptable == null) {
            return;
        }
        if (acceptable.isNull()) {
            item.putNull("acceptable_values");
            return;
        }
        if (!acceptable.isArray()) {
            itemErrors.set("acceptable_values", Json.messages(DrfFields.expectedList(acceptable)));
            return;
        }
        ArrayNode strings = Json.array();
        ObjectNode entryErrors = Json.object();
        for (int i = 0; i < acceptable.size(); i++) {
            try {
                strings.add(acceptable.get(i).isNull() ? null : DrfFields.string(acceptable.get(i), true));
            } catch (DrfFields.Invalid invalid) {
                entryErrors.set(Integer.toString(i), Json.messages(invalid.getMessage()));
            }
        }
        if (entryErrors.isEmpty()) {
            item.set("acceptable_values", strings);
        } else {
            itemErrors.set("acceptable_values", entryErrors);
        }
    }

    private static void timestampField(JsonNode raw, String field, ObjectNode itemErrors, ObjectNode item) {
        JsonNode value = raw.get(field);
        if (value == null) {
            itemErrors.set(field, Json.messages(DrfFields.REQUIRED));
        } else if (value.isNull()) {
            item.putNull(field);
        } else {
            try {
                item.put(field, DrfFields.integer(value));
            } catch (DrfFields.Invalid invalid) {
                itemErrors.set(field, Json.messages(invalid.getMessage()));
            }
        }
    }

    /** A JSON-encoded item value, kept as its (trimmed) string; bare null means null. */
    private static void rawValueField(JsonNode raw, String field, ObjectNode itemErrors, ObjectNode item) {
        JsonNode value = raw.get(field);
        if (value == null) {
            itemErrors.set(field, Json.messages(DrfFields.REQUIRED));
        } else if (value.isNull()) {
            item.putNull(field);
        } else {
            try {
                item.put(field, DrfFields.string(value, false));
            } catch (DrfFields.Invalid invalid) {
                itemErrors.set(field, Json.messages(invalid.getMessage()));
            }
        }
    }

    /** An optional number: left out when absent, null when null. */
    private static void optionalDecimalField(JsonNode raw, String field, ObjectNode itemErrors, ObjectNode item) {
        JsonNode value = raw.get(field);
        if (value == null) {
            return;
        }
        if (value.isNull()) {
            item.putNull(field);
            return;
        }
        try {
            item.put(field, DrfFields.decimal(value));
        } catch (DrfFields.Invalid invalid) {
            itemErrors.set(field, Json.messages(invalid.getMessage()));
        }
    }

    private static String itemValueProblem(JsonNode encoded, Datapoint datapoint) {
        JsonNode decoded;
        if (encoded == null || encoded.isNull()) {
            decoded = Json.NODES.nullNode();
        } else {
            try {
                decoded = Json.parseValue(encoded.stringValue());
            } catch (RuntimeException e) {
                return "Value (" + encoded.stringValue() + ") cannot be parsed as JSON.";
            }
        }
        return ValueRules.check(decoded, datapoint);
    }

    private static String itemTimestampsProblem(ObjectNode item, String label, String shown) {
        Long from = longOrNull(item.get("from_timestamp"));
        Long to = longOrNull(item.get("to_timestamp"));
        if (from != null && to != null && from >= to) {
            return "Validation of timestamps of " + label + " (" + shown
                    + ") failed. to_timestamp must be larger then from_timestamp";
        }
        for (String field : List.of("from_timestamp", "to_timestamp")) {
            Long value = longOrNull(item.get(field));
            String problem = value == null ? null : Timestamps.rangeProblem(value);
            if (problem != null) {
                return "Validation of " + field + " of " + label + " (" + shown + ") failed. The error was: " + problem;
            }
        }
        return null;
    }

    private static JsonNode decode(JsonNode encoded) {
        return encoded == null || encoded.isNull() ? Json.NODES.nullNode() : Json.parseValue(encoded.stringValue());
    }

    private static Long longOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.longValue();
    }

    private static Double doubleOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.doubleValue();
    }
}
