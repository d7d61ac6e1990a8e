package io.bemcom.connector.ocpp;

import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The checks of the OCPP 1.6 JSON schemas that matter for a central system: required fields, JSON
 * types, the enumerations of status fields, and timestamps. A violation becomes the CALLERROR code
 * of OCPP-J 1.6 section 4.2.3. Deliberately lenient where real charge points differ from the
 * schemas and nothing depends on it: unknown fields are ignored, string lengths are not checked,
 * and a timestamp without a zone is read as UTC.
 */
final class OcppSchema {

    /** OCPP-J 1.6 4.2.3 (with the specification's spelling of "Occurence"). */
    static final String OCCURENCE = "OccurenceConstraintViolation";
    static final String TYPE = "TypeConstraintViolation";
    static final String PROPERTY = "PropertyConstraintViolation";

    /** What a payload violates: the CALLERROR code and a description naming the field. */
    record Violation(String errorCode, String description) {
    }

    /** A field's type. */
    sealed interface Type permits Text, Whole, Decimal, Timestamp, OneOf, Fields, ListOf {
    }

    record Text() implements Type {
    }

    record Whole() implements Type {
    }

    record Decimal() implements Type {
    }

    record Timestamp() implements Type {
    }

    record OneOf(Set<String> values) implements Type {
    }

    record Fields(List<Field> fields) implements Type {
    }

    record ListOf(Type element) implements Type {
    }

    record Field(String name, Type type, boolean required) {
    }

    static final Type TEXT = new Text();
    static final Type INTEGER = new Whole();
    static final Type DECIMAL = new Decimal();
    static final Type DATE_TIME = new Timestamp();

    private OcppSchema() {
    }

    static Field required(String name, Type type) {
        return new Field(name, type, true);
    }

    static Field optional(String name, Type type) {
        return new Field(name, type, false);
    }

    static Type oneOf(String... values) {
        return new OneOf(Set.of(values));
    }

    static Type object(Field... fields) {
        return new Fields(List.of(fields));
    }

    static Type listOf(Type element) {
        return new ListOf(element);
    }

    /** The first violation of {@code payload} against {@code schema} (an object type), or {@code null}. */
    static Violation check(JsonNode payload, Type schema) {
        return check(payload, schema, "payload");
    }

    private static Violation check(JsonNode value, Type type, String path) {
        if (type instanceof Text) {
            return value.isString() ? null : wrongType(path, "a string", value);
        }
        if (type instanceof Whole) {
            return value.isIntegralNumber() ? null : wrongType(path, "an integer", value);
        }
        if (type instanceof Decimal) {
            return value.isNumber() ? null : wrongType(path, "a number", value);
        }
        if (type instanceof Timestamp) {
            if (!value.isString()) {
                return wrongType(path, "a dateTime string", value);
            }
            return OcppTime.parse(value.stringValue()) != null ? null
                    : new Violation(PROPERTY, path + " is no dateTime: " + abbreviated(value));
        }
        if (type instanceof OneOf oneOf) {
            if (!value.isString()) {
                return wrongType(path, "a string", value);
            }
            return oneOf.values().contains(value.stringValue()) ? null
                    : new Violation(PROPERTY, path + " " + abbreviated(value)
                            + " is none of the values OCPP 1.6 allows");
        }
        if (type instanceof ListOf list) {
            if (!value.isArray()) {
                return wrongType(path, "an array", value);
            }
            for (int i = 0; i < value.size(); i++) {
                Violation violation = check(value.get(i), list.element(), path + "[" + i + "]");
                if (violation != null) {
                    return violation;
                }
            }
            return null;
        }
        Fields fields = (Fields) type;
        if (!value.isObject()) {
            return wrongType(path, "an object", value);
        }
        for (Field field : fields.fields()) {
            JsonNode member = value.get(field.name());
            String memberPath = path.equals("payload") ? field.name() : path + "." + field.name();
            if (member == null || member.isNull()) {
                if (field.required()) {
                    return new Violation(OCCURENCE, "the required field " + memberPath + " is missing");
                }
                continue;
            }
            Violation violation = check(member, field.type(), memberPath);
            if (violation != null) {
                return violation;
            }
        }
        return null;
    }

    private static Violation wrongType(String path, String expected, JsonNode value) {
        return new Violation(TYPE, path + " must be " + expected + ", got " + abbreviated(value));
    }

    private static String abbreviated(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
