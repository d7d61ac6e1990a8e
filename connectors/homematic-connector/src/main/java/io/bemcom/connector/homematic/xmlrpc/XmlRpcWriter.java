package io.bemcom.connector.homematic.xmlrpc;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes XML-RPC documents (UTF-8) from plain Java values, the mapping of {@link XmlRpcReader}
 * in reverse: {@code null} → {@code <nil/>}, {@link String} → {@code <string>}, {@link Boolean} →
 * {@code <boolean>}, {@link Integer}/{@link Short}/{@link Byte} and a {@link Long} within 32 bits →
 * {@code <i4>}, {@link Double}/{@link Float}/{@link BigDecimal} → {@code <double>} (plain digits,
 * as the specification asks), {@link List} → {@code <array>}, {@link Map} → {@code <struct>},
 * {@code byte[]} → {@code <base64>}, {@link LocalDateTime} → {@code <dateTime.iso8601>}.
 * Anything else (a non-finite double, an integer beyond 32 bits, a character XML cannot hold)
 * throws {@link IllegalArgumentException}.
 */
public final class XmlRpcWriter {

    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final DateTimeFormatter XML_RPC_DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HH:mm:ss");

    private final StringBuilder out = new StringBuilder(256).append(DECLARATION);

    private XmlRpcWriter() {
    }

    /** A {@code <methodCall>}. */
    public static byte[] call(String methodName, List<?> params) {
        XmlRpcWriter writer = new XmlRpcWriter();
        writer.out.append("<methodCall><methodName>");
        writer.text(methodName);
        writer.out.append("</methodName><params>");
        for (Object param : params) {
            writer.out.append("<param>");
            writer.value(param, 0);
            writer.out.append("</param>");
        }
        writer.out.append("</params></methodCall>\n");
        return writer.bytes();
    }

    /** A {@code <methodResponse>} carrying {@code value}. */
    public static byte[] response(Object value) {
        XmlRpcWriter writer = new XmlRpcWriter();
        writer.out.append("<methodResponse><params><param>");
        writer.value(value, 0);
        writer.out.append("</param></params></methodResponse>\n");
        return writer.bytes();
    }

    /** A {@code <methodResponse>} carrying a fault. */
    public static byte[] fault(int code, String faultString) {
        XmlRpcWriter writer = new XmlRpcWriter();
        writer.out.append("<methodResponse><fault>");
        writer.value(new XmlRpcFault(code, faultString).struct(), 0);
        writer.out.append("</fault></methodResponse>\n");
        return writer.bytes();
    }

    private byte[] bytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void value(Object value, int depth) {
        if (depth > XmlRpcReader.MAX_DEPTH) {
            throw new IllegalArgumentException("values are nested deeper than " + XmlRpcReader.MAX_DEPTH);
        }
        out.append("<value>");
        if (value == null) {
            out.append("<nil/>");
        } else if (value instanceof String text) {
            out.append("<string>");
            text(text);
            out.append("</string>");
        } else if (value instanceof Boolean bool) {
            out.append("<boolean>").append(bool ? '1' : '0').append("</boolean>");
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.append("<i4>").append(((Number) value).intValue()).append("</i4>");
        } else if (value instanceof Long number) {
            if (number != number.intValue()) {
                throw new IllegalArgumentException(number + " does not fit XML-RPC's 32-bit integers");
            }
            out.append("<i4>").append(number).append("</i4>");
        } else if (value instanceof Double || value instanceof Float) {
            out.append("<double>").append(plain(((Number) value).doubleValue())).append("</double>");
        } else if (value instanceof BigDecimal decimal) {
            out.append("<double>").append(plain(decimal.doubleValue())).append("</double>");
        } else if (value instanceof byte[] bytes) {
            out.append("<base64>").append(Base64.getEncoder().encodeToString(bytes)).append("</base64>");
        } else if (value instanceof LocalDateTime dateTime) {
            out.append("<dateTime.iso8601>").append(XML_RPC_DATE_TIME.format(dateTime)).append("</dateTime.iso8601>");
        } else if (value instanceof List<?> list) {
            out.append("<array><data>");
            for (Object item : list) {
                value(item, depth + 1);
            }
            out.append("</data></array>");
        } else if (value instanceof Map<?, ?> map) {
            out.append("<struct>");
            for (Map.Entry<?, ?> member : map.entrySet()) {
                out.append("<member><name>");
                text(String.valueOf(member.getKey()));
                out.append("</name>");
                value(member.getValue(), depth + 1);
                out.append("</member>");
            }
            out.append("</struct>");
        } else {
            throw new IllegalArgumentException("XML-RPC has no type for " + value.getClass().getSimpleName());
        }
        out.append("</value>");
    }

    /** Digits without an exponent ("21.5", "0.00001"), as the specification asks of a double. */
    private static String plain(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("XML-RPC has no " + value);
        }
        String digits = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return digits.contains(".") ? digits : digits + ".0";
    }

    /** Character data, escaped; characters XML 1.0 cannot carry are refused. */
    private void text(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#13;"); // a parser would turn a bare CR into LF
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' || c == 0xFFFE || c == 0xFFFF) {
                        throw new IllegalArgumentException("XML cannot carry the character U+"
                                + String.format("%04X", (int) c));
                    }
                    out.append(c);
                }
            }
        }
    }
}
