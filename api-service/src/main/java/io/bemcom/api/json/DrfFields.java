package io.bemcom.api.json;

import java.util.Iterator;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The checks of the original's serializer fields (DRF), with its messages, for hand-written
 * validation of request bodies. Each check returns the value or throws {@link Invalid}.
 */
public final class DrfFields {

    public static final String REQUIRED = "This field is required.";
    public static final String NOT_NULL = "This field may not be null.";
    public static final String BLANK = "This field may not be blank.";
    public static final String NOT_STRING = "Not a valid string.";
    public static final String NOT_INTEGER = "A valid integer is required.";
    public static final String NOT_NUMBER = "A valid number is required.";
    public static final String NOT_BOOLEAN = "Must be a valid boolean.";

    /** A field's value is not acceptable; the message is the one DRF would give. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private DrfFields() {
    }

    /** Python's type name of a JSON value, for "Expected ... but got type" messages. */
    public static String pythonType(JsonNode node) {
        if (node == null || node.isNull()) {
            return "NoneType";
        }
        if (node.isObject()) {
            return "dict";
        }
        if (node.isArray()) {
            return "list";
        }
        if (node.isString()) {
            return "str";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        return node.isIntegralNumber() ? "int" : "float";
    }

    public static String expectedDict(JsonNode node) {
        return "Invalid data. Expected a dictionary, but got " + pythonType(node) + ".";
    }

    public static String expectedList(JsonNode node) {
        return "Expected a list of items but got type \"" + pythonType(node) + "\".";
    }

    /** DRF's message for a CharField longer than its {@code max_length} (counted in characters). */
    public static String tooLong(int maxLength) {
        return "Ensure this field has no more than " + maxLength + " characters.";
    }

    /** A field that must be there and not JSON null (DRF's required, non-nullable field). */
    public static JsonNode present(JsonNode node) {
        if (node == null) {
            throw new Invalid(REQUIRED);
        }
        if (node.isNull()) {
            throw new Invalid(NOT_NULL);
        }
        return node;
    }

    /** DRF CharField: strings, and numbers as their text; whitespace trimmed. */
    public static String string(JsonNode node, boolean allowBlank) {
        String text;
        if (node.isString()) {
            text = node.stringValue();
        } else if (node.isIntegralNumber()) {
            text = node.bigIntegerValue().toString();
        } else if (node.isNumber()) {
            text = PythonRepr.floatRepr(node.doubleValue());
        } else {
            throw new Invalid(NOT_STRING);
        }
        text = text.strip();
        if (text.isEmpty() && !allowBlank) {
            throw new Invalid(BLANK);
        }
        return text;
    }

    /** DRF IntegerField: JSON integers, integral floats ({@code 1.0e12}) and digit strings. */
    public static long integer(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber() && !node.isIntegralNumber()) {
            double value = node.doubleValue();
            if (Double.isFinite(value) && value == Math.rint(value) && Math.abs(value) < 9.2e18) {
                return (long) value;
            }
            throw new Invalid(NOT_INTEGER);
        }
        if (node.isString()) {
            String text = node.stringValue().strip().replaceFirst("\\.0*$", "");
            if (text.matches("[+-]?\\d{1,18}")) {
                return Long.parseLong(text);
            }
        }
        throw new Invalid(NOT_INTEGER);
    }

    /** DRF FloatField: numbers and the strings Python's float() takes ({@code "21"}, {@code " 1e3 "}, {@code "inf"}). */
    public static double decimal(JsonNode node) {
        Double number = node.isBoolean() ? null : PythonFloat.of(node);
        if (number == null) {
            throw new Invalid(NOT_NUMBER);
        }
        return number;
    }

    public static boolean bool(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isString()) {
            String text = node.stringValue().strip().toLowerCase(java.util.Locale.ROOT);
            if (text.equals("true") || text.equals("1")) {
                return true;
            }
            if (text.equals("false") || text.equals("0")) {
                return false;
            }
        }
        if (node.isIntegralNumber() && (node.intValue() == 0 || node.intValue() == 1)) {
            return node.intValue() == 1;
        }
        throw new Invalid(NOT_BOOLEAN);
    }

    /** {@code json.dumps} of an object with Python's separators, for messages that quote an item. */
    public static String pythonJson(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            StringBuilder out = new StringBuilder("{");
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            boolean first = true;
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(first ? "" : ", ").append(Json.write(Json.NODES.stringNode(field.getKey()))).append(": ")
                        .append(pythonJson(field.getValue()));
                first = false;
            }
            return out.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(pythonJson(node.get(i)));
            }
            return out.append(']').toString();
        }
        return Json.write(node);
    }
}
