package io.bemcom.api.datapoint;

import io.bemcom.api.json.Json;
import io.bemcom.api.json.PythonRepr;
import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;

/**
 * Validation of a REST-submitted value against the datapoint's metadata (the original's rules
 * and messages, section 4): substring tests on {@code data_format}, in the order
 * {@code _numeric}, {@code continuous_numeric}, {@code _text}, {@code bool}, {@code discrete_};
 * the first failure wins. Values arriving over MQTT are never validated.
 */
public final class ValueRules {

    private ValueRules() {
    }

    /** The error message, or {@code null} when {@code value} is acceptable. */
    public static String check(JsonNode value, Datapoint datapoint) {
        String format = datapoint.getDataFormat() == null ? DataFormat.UNKNOWN : datapoint.getDataFormat();
        String shown = PythonRepr.str(value);
        boolean isNull = value == null || value.isNull();
        if (format.contains("_numeric") && !isNull && !(value.isNumber())) {
            return "Value (" + shown + ") for numeric datapoint cannot be parsed to float or int.";
        }
        if (format.contains("continuous_numeric") && !isNull) {
            double number = value.doubleValue();
            if (datapoint.getMinValue() != null && number < datapoint.getMinValue()) {
                return "Value (" + shown + ") for numeric datapoint is smaller then minimum allowed value ("
                        + PythonRepr.floatRepr(datapoint.getMinValue()) + ").";
            }
            if (datapoint.getMaxValue() != null && number > datapoint.getMaxValue()) {
                return "Value (" + shown + ") for numeric datapoint is larger then maximum allowed value ("
                        + PythonRepr.floatRepr(datapoint.getMaxValue()) + ").";
            }
        }
        if (format.contains("_text") && !isNull && !value.isString()) {
            return "Value (" + shown + ") for text datapoint is no string.";
        }
        if (format.contains("bool") && (isNull || !value.isBoolean())) {
            return "Value (" + shown + ") for boolean datapoint is no bool.";
        }
        if (format.contains("discrete_")) {
            JsonNode allowed = allowedValues(datapoint);
            if (!isAllowed(value, allowed)) {
                return "Value (" + shown + ") for discrete datapoint in list of allowed_values ("
                        + PythonRepr.str(allowed) + ").";
            }
        }
        return null;
    }

    private static JsonNode allowedValues(Datapoint datapoint) {
        if (datapoint.getAllowedValues() == null) {
            return null;
        }
        try {
            return JsonValues.parse(datapoint.getAllowedValues());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Null or empty allowed values allow nothing; a JSON string as allowed values is a substring test. */
    static boolean isAllowed(JsonNode value, JsonNode allowed) {
        if (allowed == null || allowed.isNull()) {
            return false;
        }
        if (allowed.isString()) {
            return value != null && value.isString() && allowed.stringValue().contains(value.stringValue());
        }
        if (!allowed.isArray() && !allowed.isObject()) {
            return false;
        }
        for (JsonNode candidate : allowed.isArray() ? allowed : iterableKeys(allowed)) {
            if (same(value, candidate)) {
                return true;
            }
        }
        return false;
    }

    private static Iterable<JsonNode> iterableKeys(JsonNode object) {
        java.util.List<JsonNode> keys = new java.util.ArrayList<>();
        object.propertyNames().forEach(name -> keys.add(Json.NODES.stringNode(name)));
        return keys;
    }

    /** Python equality: 2 == 2.0; otherwise same type and same value. */
    static boolean same(JsonNode a, JsonNode b) {
        boolean aNull = a == null || a.isNull();
        boolean bNull = b == null || b.isNull();
        if (aNull || bNull) {
            return aNull && bNull;
        }
        if (a.isNumber() && b.isNumber()) {
            double x = a.doubleValue();
            double y = b.doubleValue();
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                return x == y;
            }
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
