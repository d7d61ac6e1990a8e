package io.bemcom.api.datapoint;

import java.util.List;
import java.util.Optional;

import io.bemcom.api.connector.ConnectorNames;
import io.bemcom.api.rest.Fields;
import io.bemcom.api.rest.Json;
import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One item of a {@code POST/PUT /datapoint/} body, checked field by field as the original's
 * serializer does. Only the fields present are applied on update. {@code is_active} is our
 * addition (the original could activate datapoints only in its admin UI).
 */
public final class DatapointInput {

    public static final List<String> TYPES = List.of(Datapoint.SENSOR, Datapoint.ACTUATOR);

    String connectorName;
    String keyInConnector;
    String type;
    String dataFormat;
    boolean hasShortName;
    String shortName;
    String description;
    String unit;
    boolean hasMinValue;
    Double minValue;
    boolean hasMaxValue;
    Double maxValue;
    boolean hasAllowedValues;
    String allowedValues;
    Boolean active;

    /**
     * Reads an item of a creation ({@code POST}: type required, the connector name must be allowed)
     * or an update; field errors go into {@code errors} (empty when the item is valid).
     */
    static DatapointInput read(JsonNode item, boolean creating, ObjectNode errors) {
        DatapointInput input = new DatapointInput();
        if (!item.isObject()) {
            errors.set("non_field_errors", Json.messages(Fields.expectedDict(item)));
            return input;
        }
        JsonNode connector = item.get("connector");
        if (connector == null) {
            errors.set("connector", Json.messages(Fields.REQUIRED));
        } else if (connector.isNull()) {
            errors.set("connector", Json.messages(Fields.NOT_NULL));
        } else if (!connector.isObject()) {
            errors.set("connector", Json.object().set("non_field_errors", Json.messages(Fields.expectedDict(connector))));
        } else {
            input.connectorName = requiredString(connector, "name", Json.object(), errors, "connector");
            // On creation the name may make a new connector; on update it only finds one (also a
            // connector of an older version whose name is no longer allowed).
            Optional<String> nameProblem = input.connectorName == null || !creating ? Optional.empty()
                    : ConnectorNames.problem(input.connectorName);
            if (nameProblem.isPresent()) {
                errors.set("connector", Json.object().set("name", Json.messages(nameProblem.get())));
                input.connectorName = null;
            }
        }
        input.keyInConnector = requiredString(item, "key_in_connector", errors, null, null);
        if (input.keyInConnector != null && !Datapoint.fitsIndex(input.keyInConnector)) {
            errors.set("key_in_connector", Json.messages(Fields.tooLong(Datapoint.MAX_INDEXED_TEXT_LENGTH)));
            input.keyInConnector = null;
        }
        JsonNode type = item.get("type");
        if (type == null) {
            if (creating) {
                errors.set("type", Json.messages(Fields.REQUIRED));
            }
        } else {
            String text = string(item, "type", false, false, errors);
            if (text != null) {
                if (text.length() > 8) {
                    errors.set("type", Json.messages("Ensure this field has no more than 8 characters."));
                } else if (!TYPES.contains(text)) {
                    errors.set("type", Json.messages("\"" + text + "\" is not a valid choice."));
                } else {
                    input.type = text;
                }
            }
        }
        if (item.has("data_format")) {
            String format = string(item, "data_format", false, false, errors);
            if (format != null) {
                if (DataFormat.isValid(format)) {
                    input.dataFormat = format;
                } else {
                    errors.set("data_format", Json.messages("\"" + format + "\" is not a valid choice."));
                }
            }
        }
        if (item.has("short_name")) {
            input.hasShortName = true;
            String text = string(item, "short_name", true, true, errors);
            input.shortName = text == null || text.isEmpty() ? null : text;
            if (input.shortName != null && !Datapoint.fitsIndex(input.shortName)) {
                errors.set("short_name", Json.messages(Fields.tooLong(Datapoint.MAX_INDEXED_TEXT_LENGTH)));
            }
        }
        if (item.has("description")) {
            input.description = string(item, "description", true, false, errors);
        }
        if (item.has("unit")) {
            input.unit = string(item, "unit", true, false, errors);
        }
        if (item.has("min_value")) {
            input.hasMinValue = true;
            input.minValue = number(item, "min_value", errors);
        }
        if (item.has("max_value")) {
            input.hasMaxValue = true;
            input.maxValue = number(item, "max_value", errors);
        }
        if (item.has("allowed_values")) {
            input.hasAllowedValues = true;
            JsonNode allowed = item.get("allowed_values");
            input.allowedValues = allowed.isNull() ? null : JsonValues.toJson(allowed);
        }
        if (item.has("is_active")) {
            try {
                input.active = Fields.bool(item.get("is_active"));
            } catch (Fields.Invalid invalid) {
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
            result = Fields.string(Fields.present(node.get(field)), false);
        } catch (Fields.Invalid invalid) {
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
                errors.set(field, Json.messages(Fields.NOT_NULL));
            }
            return null;
        }
        try {
            return Fields.string(value, allowBlank);
        } catch (Fields.Invalid invalid) {
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
            return Fields.decimal(value);
        } catch (Fields.Invalid invalid) {
            errors.set(field, Json.messages(invalid.getMessage()));
            return null;
        }
    }

    /** Writes every field that was sent. */
    void applyTo(Datapoint datapoint) {
        if (keyInConnector != null) {
            datapoint.setKeyInConnector(keyInConnector);
        }
        if (type != null) {
            datapoint.setType(type);
        }
        if (dataFormat != null) {
            datapoint.setDataFormat(dataFormat);
        }
        if (hasShortName) {
            datapoint.setShortName(shortName);
        }
        if (description != null) {
            datapoint.setDescription(description);
        }
        if (unit != null) {
            datapoint.setUnit(unit);
        }
        if (hasMinValue) {
            datapoint.setMinValue(minValue);
        }
        if (hasMaxValue) {
            datapoint.setMaxValue(maxValue);
        }
        if (hasAllowedValues) {
            datapoint.setAllowedValues(allowedValues);
        }
        if (active != null) {
            datapoint.setActive(active);
        }
    }
}
