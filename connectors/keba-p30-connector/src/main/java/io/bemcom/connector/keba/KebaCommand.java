package io.bemcom.connector.keba;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;

/**
 * The actuator commands of a station and how a value becomes the datagram {@code <command> <value>}
 * (KEBA UDP Programmers Guide, section 3.2/3.3). A value the station would not accept is refused
 * here, before anything is sent. Values may be JSON numbers or strings ({@code 16000} or
 * {@code "16000"}): the API relays what a user typed as a string, and the original crashed on numbers.
 */
enum KebaCommand {

    /** {@code ena 0|1}: disable or enable charging. The station needs 2 s after it (guide 3.3.1). */
    ENA("ena", "0") {
        @Override
        String argument(JsonNode value) {
            if (value.isBoolean()) {
                return value.booleanValue() ? "1" : "0";
            }
            return String.valueOf(whole(value, 0, 1, "0 (disable) or 1 (enable)"));
        }
    },
    /** {@code curr <mA>}: the charging current, 6000 to 63000 mA. */
    CURR("curr", "63000") {
        @Override
        String argument(JsonNode value) {
            return String.valueOf(whole(value, 6_000, 63_000, "a current in mA from 6000 to 63000"));
        }
    },
    /** {@code setenergy <0.1 Wh>}: the energy limit of the session, 0 (none) to 999999999 (in 0.1 Wh). */
    SETENERGY("setenergy", "100000") {
        @Override
        String argument(JsonNode value) {
            return String.valueOf(whole(value, 0, 999_999_999, "an energy in 0.1 Wh from 0 to 999999999"));
        }
    },
    /**
     * {@code display <a> <min> <max> <tk> <text>}: a text of at most 23 ASCII characters ({@code $}
     * shows as a space). The value is either the whole argument as the original took it
     * ({@code "0 0 0 0 Hello$KEBA"}) or just the text, sent with the default durations
     * ({@code "Hello KEBA"} → {@code display 0 0 0 0 Hello$KEBA}).
     */
    DISPLAY("display", "0 0 0 0 Hello$KEBA") {
        @Override
        String argument(JsonNode value) {
            String text = value.isString() ? value.stringValue().trim() : value.isNumber() ? value.asString() : null;
            if (text == null || text.isEmpty()) {
                throw refused(value, "a text to display");
            }
            boolean whole = FULL_DISPLAY.matcher(text).matches();
            String shown = whole ? text.substring(text.lastIndexOf(' ') + 1) : text;
            if (shown.length() > 23 || !PRINTABLE_ASCII.matcher(shown).matches()) {
                throw refused(value, "a text of at most 23 printable ASCII characters");
            }
            return whole ? text : "0 0 0 0 " + text.replace(' ', '$');
        }
    };

    private static final Pattern FULL_DISPLAY = Pattern.compile("[01] \\d{1,5} \\d{1,5} \\d{1,5} \\S+");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]+");

    private final String command;
    private final String example;

    KebaCommand(String command, String example) {
        this.command = command;
        this.example = example;
    }

    /** The command word, also the last part of the actuator id ({@code <station>__curr}). */
    String command() {
        return command;
    }

    /**
     * The datagram that writes {@code value}; throws {@link IllegalArgumentException} for a value the
     * station refuses.
     */
    String datagram(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw refused(value, "a value");
        }
        return command + " " + argument(value);
    }

    abstract String argument(JsonNode value);

    static KebaCommand named(String command) {
        for (KebaCommand candidate : values()) {
            if (candidate.command.equals(command)) {
                return candidate;
            }
        }
        return null;
    }

    /** The actuators of a station, id → the original's example value. */
    static Map<String, JsonNode> actuatorsOf(String station) {
        Map<String, JsonNode> actuators = new LinkedHashMap<>();
        for (KebaCommand command : values()) {
            actuators.put(station + "__" + command.command, JsonValues.of(command.example));
        }
        return actuators;
    }

    private static long whole(JsonNode value, long min, long max, String expected) {
        BigDecimal number = null;
        if (value.isNumber()) {
            number = value.decimalValue();
        } else if (value.isString()) {
            try {
                number = new BigDecimal(value.stringValue().trim());
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        if (number == null || number.stripTrailingZeros().scale() > 0 || number.compareTo(BigDecimal.valueOf(min)) < 0
                || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw refused(value, expected);
        }
        return number.longValueExact();
    }

    private static IllegalArgumentException refused(JsonNode value, String expected) {
        String quoted = value == null ? "nothing" : value.toString();
        return new IllegalArgumentException("expected " + expected + ", got "
                + (quoted.length() > 60 ? quoted.substring(0, 60) + "..." : quoted) + "; nothing was sent");
    }
}
