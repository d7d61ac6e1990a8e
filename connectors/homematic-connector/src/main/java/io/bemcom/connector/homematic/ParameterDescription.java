package io.bemcom.connector.homematic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A datapoint as the CCU describes it in {@code getParamsetDescription(address, "VALUES")} (the
 * ParameterDescription of the Homematic XML-RPC specification): its {@code TYPE} (FLOAT, INTEGER,
 * BOOL, ENUM, STRING, ACTION), {@code OPERATIONS} (1 read, 2 write, 4 event), {@code MIN},
 * {@code MAX}, {@code VALUE_LIST} (the names of an ENUM's values) and {@code SPECIAL} (values
 * outside MIN..MAX that mean something, e.g. "off").
 *
 * <p>{@link #cast} turns an actuator value into what {@code setValue} needs: FLOAT → double,
 * INTEGER → int, ENUM → int (its index; a name from VALUE_LIST is accepted too), BOOL and ACTION →
 * boolean, STRING → string; a value of another kind or outside MIN..MAX is refused.
 */
final class ParameterDescription {

    private static final int WRITE = 2;

    private final String datapoint;
    private final String type;
    private final int operations;
    private final Object min;
    private final Object max;
    private final List<String> valueList;
    private final List<Double> specialValues;

    private ParameterDescription(String datapoint, String type, int operations, Object min, Object max,
                                 List<String> valueList, List<Double> specialValues) {
        this.datapoint = datapoint;
        this.type = type;
        this.operations = operations;
        this.min = min;
        this.max = max;
        this.valueList = valueList;
        this.specialValues = specialValues;
    }

    /** The description of {@code datapoint} in a paramset description, or {@code null} when it has none. */
    static ParameterDescription in(Map<?, ?> paramsetDescription, String datapoint) {
        if (!(paramsetDescription.get(datapoint) instanceof Map<?, ?> struct)) {
            return null;
        }
        List<String> valueList = new ArrayList<>();
        if (struct.get("VALUE_LIST") instanceof List<?> names) {
            names.forEach(name -> valueList.add(String.valueOf(name)));
        }
        List<Double> specials = new ArrayList<>();
        if (struct.get("SPECIAL") instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> special && special.get("VALUE") instanceof Number value) {
                    specials.add(value.doubleValue());
                }
            }
        }
        return new ParameterDescription(datapoint, String.valueOf(struct.get("TYPE")),
                struct.get("OPERATIONS") instanceof Number ops ? ops.intValue() : 0,
                struct.get("MIN"), struct.get("MAX"), List.copyOf(valueList), List.copyOf(specials));
    }

    String type() {
        return type;
    }

    boolean writable() {
        return (operations & WRITE) != 0;
    }

    /**
     * The value for {@code setValue}, of the description's type and within its range.
     *
     * @throws IllegalArgumentException saying why the value is refused
     */
    Object cast(JsonNode value) {
        if (!writable()) {
            throw new IllegalArgumentException(datapoint + " cannot be written (the CCU describes it as read-only)");
        }
        return switch (type) {
            case "FLOAT" -> inRange(number(value), value);
            case "INTEGER" -> inRange(whole(value), value).intValue();
            case "ENUM" -> inRange(enumIndex(value), value).intValue();
            case "BOOL", "ACTION" -> bool(value);
            case "STRING" -> string(value);
            default -> throw new IllegalArgumentException(datapoint + " is of type " + type
                    + ", which the connector does not write");
        };
    }

    private double number(JsonNode value) {
        Double number = null;
        if (value.isNumber()) {
            number = value.doubleValue();
        } else if (value.isString()) {
            try {
                number = Double.parseDouble(value.stringValue().trim());
            } catch (NumberFormatException e) {
                number = null;
            }
        }
        if (number == null || !Double.isFinite(number)) {
            throw refused(value, "a number");
        }
        return number;
    }

    private Double whole(JsonNode value) {
        double number = number(value);
        if (number != Math.rint(number) || Math.abs(number) > Integer.MAX_VALUE) {
            throw refused(value, "a whole number");
        }
        return number;
    }

    private Double enumIndex(JsonNode value) {
        if (value.isString() && valueList.contains(value.stringValue().trim())) {
            return (double) valueList.indexOf(value.stringValue().trim());
        }
        String expected = valueList.isEmpty() ? "an index" : "one of " + valueList + " or its index";
        double index;
        try {
            index = whole(value);
        } catch (IllegalArgumentException notAnIndex) {
            throw refused(value, expected);
        }
        if (min == null && max == null && !valueList.isEmpty() && (index < 0 || index >= valueList.size())) {
            throw refused(value, expected);
        }
        return index;
    }

    private Double inRange(double number, JsonNode value) {
        boolean special = specialValues.contains(number);
        if (!special && min instanceof Number low && number < low.doubleValue()
                || !special && max instanceof Number high && number > high.doubleValue()) {
            throw new IllegalArgumentException(datapoint + " accepts " + range() + ", got " + value);
        }
        return number;
    }

    private String range() {
        return plain(min) + " to " + plain(max) + (specialValues.isEmpty() ? ""
                : " (or " + specialValues.stream().map(ParameterDescription::plain).toList() + ")");
    }

    private static String plain(Object number) {
        return number instanceof Number n ? new BigDecimal(n.toString()).stripTrailingZeros().toPlainString()
                : String.valueOf(number);
    }

    private boolean bool(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.isNumber() || value.isString() ? value.asString().trim().toLowerCase(Locale.ROOT) : "";
        return switch (text) {
            case "true", "1", "1.0" -> true;
            case "false", "0", "0.0" -> false;
            default -> throw refused(value, "true or false");
        };
    }

    private String string(JsonNode value) {
        if (value.isContainer() || value.isNull()) {
            throw refused(value, "a text");
        }
        return value.asString();
    }

    private IllegalArgumentException refused(JsonNode value, String expected) {
        return new IllegalArgumentException(datapoint + " (" + type + ") needs " + expected + ", got " + value);
    }
}
