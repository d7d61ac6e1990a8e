package io.bemcom.connector.knx;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.calimero.KNXException;
import io.calimero.dptxlator.DPTXlator;
import io.calimero.dptxlator.DPTXlator3BitControlled;
import io.calimero.dptxlator.DPTXlatorBoolean;
import io.calimero.dptxlator.DPTXlatorDate;
import io.calimero.dptxlator.DPTXlatorTime;
import io.calimero.dptxlator.TranslatorTypes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A KNX datapoint type as {@code KNX_DATAPOINTS} names it in ETS notation ({@code DPT-9},
 * {@code DPST-9-1}), the Calimero translator of its subtype, and the JSON form of its values.
 *
 * <p>The subtype is chosen explicitly, never by Calimero's default for a main number
 * ({@code createTranslator(9, null)} would pick 9.030, whose range has no negative values): a main
 * number alone ({@code DPT-9}) stands for the subtype with the widest range ({@link #MAIN_ONLY}).
 *
 * <p>JSON values (KNX standard 03.07.02, Datapoint Types):
 * <ul>
 *   <li>1.xxx: {@code true}/{@code false};</li>
 *   <li>3.007, 3.008: the signed step code −7..7, the sign being the control bit (+ increase/down,
 *       − decrease/up), 0 a break;</li>
 *   <li>5, 6, 7, 8, 12, 13, 17, 20: numbers in the subtype's unit (5.001 percent 0..100 with one
 *       decimal, 7.003 milliseconds, ...), whole numbers unless the subtype has a finer resolution;</li>
 *   <li>9: numbers with at most two decimals (the encoding's resolution);</li>
 *   <li>14: the shortest decimal that reads back as the same 32-bit float;</li>
 *   <li>10.001: {@code "13:30:00"} or, with a day of the week, {@code "Mon, 13:30:00"};</li>
 *   <li>11.001: {@code "2021-12-31"};</li>
 *   <li>16.000 (ASCII), 16.001 (ISO 8859-1): text of up to 14 characters.</li>
 * </ul>
 */
final class DatapointType {

    private static final Pattern ETS = Pattern.compile("DPT-(\\d{1,3})|DPST-(\\d{1,3})-(\\d{1,5})");

    /** The subtype a main number alone stands for: the one with the widest range and no scaling. */
    static final Map<Integer, String> MAIN_ONLY = Map.ofEntries(
            Map.entry(1, "1.001"), Map.entry(3, "3.007"), Map.entry(5, "5.010"), Map.entry(6, "6.010"),
            Map.entry(7, "7.001"), Map.entry(8, "8.001"), Map.entry(9, "9.002"), Map.entry(10, "10.001"),
            Map.entry(11, "11.001"), Map.entry(12, "12.001"), Map.entry(13, "13.001"), Map.entry(14, "14.000"),
            Map.entry(16, "16.000"), Map.entry(17, "17.001"));

    /** Digits after the point of subtypes whose resolution is finer than 1; every other number is whole. */
    private static final Map<String, Integer> DECIMALS = Map.of("5.001", 1, "5.003", 1, "8.010", 2);

    private static final Pattern TIME = Pattern.compile(
            "(?:(no-day|[a-z]{3}),\\s*)?(\\d{1,2}):(\\d{2})(?::(\\d{2}))?", Pattern.CASE_INSENSITIVE);

    private enum Kind { BOOLEAN, STEP, NUMBER, FLOAT, TIME, DATE, TEXT }

    private final String ets;
    private final String id;
    private final Kind kind;
    private final int size;

    private DatapointType(String ets, String id, Kind kind) {
        this.ets = ets;
        this.id = id;
        this.kind = kind;
        this.size = translator().getTypeSize();
    }

    /**
     * The type an ETS string names; empty when it is well formed but has no codec here (e.g.
     * {@code DPST-232-600}, an RGB colour).
     *
     * @throws IllegalArgumentException when {@code ets} is not of the form {@code DPT-<main>} or
     *                                  {@code DPST-<main>-<sub>}
     */
    static Optional<DatapointType> of(String ets) {
        Matcher matcher = ETS.matcher(ets);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + ets + "' is no datapoint type in ETS notation"
                    + " (DPT-<main> or DPST-<main>-<sub>, e.g. DPST-9-1)");
        }
        String id = matcher.group(1) != null
                ? MAIN_ONLY.get(Integer.parseInt(matcher.group(1)))
                : Integer.parseInt(matcher.group(2)) + "." + String.format(Locale.ROOT, "%03d",
                        Integer.parseInt(matcher.group(3)));
        if (id == null) {
            return Optional.empty();
        }
        int main = Integer.parseInt(id.substring(0, id.indexOf('.')));
        Kind kind = kindOf(main, id);
        if (kind == null || !TranslatorTypes.hasTranslator(main, id)) {
            return Optional.empty();
        }
        return Optional.of(new DatapointType(ets, id, kind));
    }

    private static Kind kindOf(int main, String id) {
        return switch (main) {
            case 1 -> Kind.BOOLEAN;
            case 3 -> Kind.STEP;
            case 5, 7, 8, 9, 12, 13, 17, 20 -> Kind.NUMBER;
            case 6 -> id.equals("6.020") ? null : Kind.NUMBER; // 6.020 is a status bit field, not a number
            case 14 -> Kind.FLOAT;
            case 10 -> Kind.TIME;
            case 11 -> Kind.DATE;
            case 16 -> Kind.TEXT;
            default -> null;
        };
    }

    /** The notation of {@code KNX_DATAPOINTS}, e.g. {@code DPST-9-1}. */
    String ets() {
        return ets;
    }

    /** The KNX subtype, e.g. {@code 9.001}. */
    String id() {
        return id;
    }

    /** Values of at most 6 bits travel in the application header of the telegram, not in bytes of their own. */
    boolean sixBits() {
        return size == 0;
    }

    /** Bytes of a value; 0 for a value of at most 6 bits. */
    int size() {
        return size;
    }

    /**
     * The JSON value of a telegram's data: the bytes after the application header, or for a 6-bit
     * type one byte holding the value's bits.
     *
     * @throws IllegalArgumentException when the data does not fit the type (length, range)
     */
    JsonNode decode(byte[] data) {
        int expected = Math.max(1, size());
        if (data.length != expected) {
            throw new IllegalArgumentException(ets + " needs " + (sixBits() ? "a 6-bit value" : expected + " byte(s)")
                    + ", got " + data.length + " byte(s)");
        }
        if (id.startsWith("9.") && (data[0] & 0xFF) == 0x7F && (data[1] & 0xFF) == 0xFF) {
            throw new IllegalArgumentException(ets + " cannot read 7F FF: it is how a device reports invalid data"
                    + " (KNX 03.07.02, DPT 9)");
        }
        DPTXlator translator = translator();
        try {
            translator.setData(data);
            return switch (kind) {
                case BOOLEAN -> JsonNodeFactory.instance.booleanNode(((DPTXlatorBoolean) translator).getValueBoolean());
                case STEP -> JsonNodeFactory.instance.numberNode(((DPTXlator3BitControlled) translator).getValueSigned());
                case NUMBER -> number(translator.getNumericValue());
                case FLOAT -> number(new BigDecimal(Float.toString((float) translator.getNumericValue())));
                case TIME -> JsonNodeFactory.instance.stringNode(time((DPTXlatorTime) translator));
                case DATE -> JsonNodeFactory.instance.stringNode(LocalDate.of(((DPTXlatorDate) translator).getYear(),
                        ((DPTXlatorDate) translator).getMonth(), ((DPTXlatorDate) translator).getDay()).toString());
                case TEXT -> JsonNodeFactory.instance.stringNode(translator.getValue());
            };
        } catch (KNXException | RuntimeException e) {
            throw new IllegalArgumentException(ets + " cannot read " + HexFormat.ofDelimiter(" ").formatHex(data)
                    + ": " + e.getMessage(), e);
        }
    }

    private JsonNode number(double value) {
        int decimals = id.startsWith("9.") ? 2 : DECIMALS.getOrDefault(id, 0);
        return number(BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN));
    }

    /** A whole number as an integer, any other as the double that prints as its shortest decimal. */
    private static JsonNode number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            long whole = stripped.longValueExact();
            return whole == (int) whole ? JsonNodeFactory.instance.numberNode((int) whole)
                    : JsonNodeFactory.instance.numberNode(whole);
        }
        return JsonNodeFactory.instance.numberNode(stripped.doubleValue());
    }

    private static String time(DPTXlatorTime translator) {
        String time = String.format(Locale.ROOT, "%02d:%02d:%02d", translator.getHour(), translator.getMinute(),
                translator.getSecond());
        return translator.dayOfWeek().map(day -> day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + ", " + time)
                .orElse(time);
    }

    /**
     * A translator holding {@code value}, ready to be written.
     *
     * @throws IllegalArgumentException naming what the type accepts when {@code value} does not fit
     */
    DPTXlator encode(JsonNode value) {
        DPTXlator translator = translator();
        try {
            switch (kind) {
                case BOOLEAN -> ((DPTXlatorBoolean) translator).setValue(bool(translator, value));
                case STEP -> ((DPTXlator3BitControlled) translator).setValue(wholeNumber(value, -7, 7).intValue());
                case NUMBER -> translator.setValue(inRange(translator, numberInResolution(value)).doubleValue());
                case FLOAT -> translator.setValue(finite(value).floatValue());
                case TIME -> setTime((DPTXlatorTime) translator, text(value));
                case DATE -> setDate((DPTXlatorDate) translator, text(value));
                case TEXT -> translator.setValue(characters(text(value)));
            }
        } catch (KNXException | RuntimeException e) {
            throw new IllegalArgumentException(ets + " cannot encode " + value + ": " + e.getMessage(), e);
        }
        return translator;
    }

    private static boolean bool(DPTXlator translator, JsonNode value) throws KNXException {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.isNumber() || value.isString() ? value.asString().trim().toLowerCase(Locale.ROOT) : "";
        switch (text) {
            case "true", "1" -> {
                return true;
            }
            case "false", "0" -> {
                return false;
            }
            default -> {
                // The subtype's own words ("on"/"off" for 1.001, "up"/"down" for 1.008, ...).
                translator.setValue(text);
                return ((DPTXlatorBoolean) translator).getValueBoolean();
            }
        }
    }

    private static BigDecimal decimal(JsonNode value) {
        if (value.isNumber()) {
            if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
                throw new IllegalArgumentException("a finite number is needed");
            }
            return value.decimalValue();
        }
        if (value.isString()) {
            try {
                return new BigDecimal(value.asString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a number is needed");
            }
        }
        throw new IllegalArgumentException("a number is needed");
    }

    private static BigDecimal finite(JsonNode value) {
        BigDecimal number = decimal(value);
        if (Float.isInfinite(number.floatValue())) {
            throw new IllegalArgumentException("the number is too large for a 32-bit float");
        }
        return number;
    }

    private static BigDecimal wholeNumber(JsonNode value, int min, int max) {
        BigDecimal number = decimal(value);
        if (number.stripTrailingZeros().scale() > 0 || number.compareTo(BigDecimal.valueOf(min)) < 0
                || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new IllegalArgumentException("a whole number from " + min + " to " + max + " is needed");
        }
        return number;
    }

    /** A number; a whole one where the subtype has no finer resolution (the original truncated fractions). */
    private BigDecimal numberInResolution(JsonNode value) {
        BigDecimal number = decimal(value);
        boolean whole = !id.startsWith("9.") && !DECIMALS.containsKey(id);
        if (whole && number.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("a whole number is needed");
        }
        return number;
    }

    /** Within the subtype's range as Calimero declares it; not every translator checks it itself (13.xxx). */
    private static BigDecimal inRange(DPTXlator translator, BigDecimal number) {
        BigDecimal lower = bound(translator.getType().getLowerValue());
        BigDecimal upper = bound(translator.getType().getUpperValue());
        if (lower != null && upper != null && (number.compareTo(lower) < 0 || number.compareTo(upper) > 0)) {
            throw new IllegalArgumentException("the value must lie from " + lower.toPlainString() + " to "
                    + upper.toPlainString());
        }
        return number;
    }

    private static BigDecimal bound(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException | NullPointerException e) {
            return null; // not a plain number (an enumeration's names, ...): the translator checks
        }
    }

    private static String text(JsonNode value) {
        if (value.isString() || value.isNumber() || value.isBoolean()) {
            return value.asString();
        }
        throw new IllegalArgumentException("a text is needed");
    }

    private String characters(String text) {
        Charset charset = id.equals("16.000") ? StandardCharsets.US_ASCII : StandardCharsets.ISO_8859_1;
        if (text.length() > 14 || !charset.newEncoder().canEncode(text)) {
            throw new IllegalArgumentException("at most 14 characters of " + charset.name() + " are allowed");
        }
        return text;
    }

    private static void setTime(DPTXlatorTime translator, String text) {
        Matcher matcher = TIME.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("a time 'HH:MM:SS' or 'Mon, HH:MM:SS' is needed");
        }
        int day = matcher.group(1) == null || matcher.group(1).equalsIgnoreCase("no-day") ? 0
                : dayOfWeek(matcher.group(1));
        int hour = Integer.parseInt(matcher.group(2));
        int minute = Integer.parseInt(matcher.group(3));
        int second = matcher.group(4) == null ? 0 : Integer.parseInt(matcher.group(4));
        if (hour > 23 || minute > 59 || second > 59) {
            throw new IllegalArgumentException("hours 0-23, minutes and seconds 0-59 are allowed");
        }
        translator.setValue(day, hour, minute, second);
    }

    private static int dayOfWeek(String name) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(name)) {
                return day.getValue();
            }
        }
        throw new IllegalArgumentException("'" + name + "' is no day of the week (Mon, Tue, ..., Sun)");
    }

    private static void setDate(DPTXlatorDate translator, String text) {
        LocalDate date;
        try {
            date = LocalDate.parse(text.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("a date 'YYYY-MM-DD' is needed");
        }
        if (date.getYear() < 1990 || date.getYear() > 2089) {
            throw new IllegalArgumentException("the years 1990 to 2089 are allowed");
        }
        translator.setValue(date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    /** A fresh translator: Calimero's translators hold state and are not thread-safe. */
    private DPTXlator translator() {
        try {
            return TranslatorTypes.createTranslator(id);
        } catch (KNXException e) {
            throw new IllegalStateException("Calimero has no translator for " + id, e);
        }
    }

    @Override
    public String toString() {
        return ets + " (" + id + ")";
    }
}
