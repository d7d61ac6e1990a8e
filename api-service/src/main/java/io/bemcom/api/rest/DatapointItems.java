package io.bemcom.api.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.bemcom.api.connector.ConnectorNames;
import io.bemcom.api.datapoint.DataFormat;
import io.bemcom.api.datapoint.Datapoint;
import io.bemcom.api.datapoint.DatapointInput;
import io.bemcom.api.json.DrfFields;
import io.bemcom.api.json.Json;
import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The items of a {@code POST/PUT /datapoint/} body, checked field by field as the original's
 * serializer does; a body with any invalid item is answered 400 with the errors of every item.
 */
final class DatapointItems {

    private DatapointItems() {
    }

    /** Every item of the body (a list); {@code creating}: {@code POST} (type required, new connector names checked). */
    static List<DatapointInput> readAll(JsonNode body, boolean creating) {
        if (!body.isArray()) {
            ObjectNode error = Json.object();
            error.set("non_field_errors", Json.messages(DrfFields.expectedList(body)));
            throw ApiException.badRequest(error);
        }
        List<DatapointInput> inputs = new ArrayList<>();
        ArrayNode errors = Json.array();
        boolean failed = false;
        for (JsonNode item : body) {
            ObjectNode itemErrors = Json.object();
            inputs.add(read(item, creating, itemErrors));
            failed |= !itemErrors.isEmpty();
            errors.add(itemErrors);
        }
        if (failed) {
            throw ApiException.badRequest(errors);
        }
        return inputs;
    }

    /** One item; field errors go into {@code errors} (empty when the item is valid). */
    static DatapointInput read(JsonNode item, boolean creating, ObjectNode errors) {
        DatapointInput input = new DatapointInput();
        if (!item.isObject()) {
            errors.set("non_field_errors", Json.messages(DrfFields.expectedDict(item)));
            return input;
        }
        JsonNode connector = item.get("connector");
        if (connector == null) {
            errors.set("connector", Json.messages(DrfFields.REQUIRED));
        } else if (connector.isNull()) {
            errors.set("connector", Json.messages(DrfFields.NOT_NULL));
        } else if (!connector.isObject()) {
            errors.set("connector", Json.object().set("non_field_errors", Json.messages(DrfFields.expectedDict(connector))));
        } else {
            String name = requiredString(connector, "name", Json.object(), errors, "connector");
            // On creation the name may make a new connector; on update it only finds one (also a
            // connector of an older version whose name is no longer allowed).
            Optional<String> nameProblem = name == null || !creating ? Optional.empty() : ConnectorNames.problem(name);
            if (nameProblem.isPresent()) {
                errors.set("connector", Json.object().set("name", Json.messages(nameProblem.get())));
                name = null;
            }
            input.connectorName(name);
        }
        String key = requiredString(item, "key_in_connector", errors, null, null);
        if (key != null && !Datapoint.fitsIndex(key)) {
            errors.set("key_in_connector", Json.messages(DrfFields.tooLong(Datapoint.MAX_INDEXED_TEXT_LENGTH)));
            key = null;
        }
        input.keyInConnector(key);
        JsonNode type = item.get("type");
        if (type == null) {
            if (creating) {
                errors.set("type", Json.messages(DrfFields.REQUIRED));
            }
        } else {
            String text = string(item, "type", false, false, errors);
            if (text != null) {
                if (text.length() > 8) {
                    errors.set("type", Json.messages("Ensure this field has no more than 8 characters."));
                } else if (!DatapointInput.TYPES.contains(text)) {
                    errors.set("type", Json.messages("\"" + text + "\" is not a valid choice."));
                } else {
                    input.type(text);
                }
            }
        }
        if (item.has("data_format")) {
            String format = string(item, "data_format", false, false, errors);
            if (format != null) {
                if (DataFormat.isValid(format)) {
                    input.dataFormat(format);
                } else {
                    errors.set("data_format", Json.messages("\"" + format + "\" is not a valid choice."));
                }
            }
        }
        if (item.has("short_name")) {
            String text = string(item, "short_name", true, true, errors);
            String shortName = text == null || text.isEmpty() ? null : text;
            input.shortName(shortName);
            if (shortName != null && !Datapoint.fitsIndex(shortName)) {
                errors.set("short_name", Json.messages(DrfFields.tooLong(Datapoint.MAX_INDEXED_TEXT_LENGTH)));
            }
        }
        if (item.has("description")) {
            input.description(string(item, "description", true, false, errors));
        }
        if (item.has("unit")) {
            input.unit(string(item, "unit", true, false, errors));
        }
        if (item.has("max_age_seconds")) {
            JsonNode maxAge = item.get("max_age_seconds");
            if (maxAge.isNull()) {
                input.maxAgeSeconds(null);
            } else if (maxAge.isIntegralNumber() && maxAge.asLong() >= 1) {
                input.maxAgeSeconds(maxAge.asLong());
            } else {
                errors.set("max_age_seconds", Json.messages("Ensure this value is a whole number of seconds, at "
                        + "least 1, or null."));
            }
        }
        if (item.has("min_value")) {
            input.minValue(number(item, "min_value", errors));
        }
        if (item.has("max_value")) {
            input.maxValue(number(item, "max_value", errors));
        }
        if (item.has("allowed_values")) {
            JsonNode allowed = item.get("allowed_values");
            input.allowedValues(allowed.isNull() ? null : JsonValues.toJson(allowed));
        }
        if (item.has("is_active")) {
            try {
                input.active(DrfFields.bool(item.get("is_active")));
            } catch (DrfFields.Invalid invalid) {
                errors.set("is_active", Json.messages(invalid.getMessage()));
            }
        }
        return input;
    }

    private static String requiredString(JsonNode node, String field, ObjectNode nestedErrors, ObjectNode errors,
                                         String parent) {
        ObjectNode target = parent == null ? nestedErrors : Json.object();
        String result = null;
        try {
            result = DrfFields.string(DrfFields.present(node.get(field)), false);
        } catch (DrfFields.Invalid invalid) {
            target.set(field, Json.messages(invalid.getMessage()));
        }
        if (parent != null && !target.isEmpty()) {
            errors.set(parent, target);
        }
        return result;
    }

    private static String string(JsonNode item, String field, boolean allowBlank, boolean allowNull, ObjectNode errors) {
        JsonNode value = item.get(field);
        if (value.isNull()) {
            if (!allowNull) {
                errors.set(field, Json.messages(DrfFields.NOT_NULL));
            }
            return null;
        }
        try {
            return DrfFields.string(value, allowBlank);
        } catch (DrfFields.Invalid invalid) {
            errors.set(field, Json.messages(invalid.getMessage()));
            return null;
        }
    }

    private static Double number(JsonNode item, String field, ObjectNode errors) {
        JsonNode value = item.get(field);
        if (value.isNull()) {
            return null;
        }
        try {
            return DrfFields.decimal(value);
        } catch (DrfFields.Invalid invalid) {
            errors.set(field, Json.messages(invalid.getMessage()));
            return null;
        }
    }
}
