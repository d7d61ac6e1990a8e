package io.bemcom.connector.homematic.xmlrpc;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads XML-RPC documents (<a href="http://xmlrpc.com/spec.md">the XML-RPC specification</a>) with
 * the JDK's StAX parser into plain Java values:
 *
 * <table>
 *   <caption>Types</caption>
 *   <tr><td>{@code <i4>}, {@code <int>}</td><td>{@link Integer}</td></tr>
 *   <tr><td>{@code <i8>} (an extension some servers send)</td><td>{@link Long}</td></tr>
 *   <tr><td>{@code <double>}</td><td>{@link Double} (finite)</td></tr>
 *   <tr><td>{@code <boolean>} ({@code 0}/{@code 1})</td><td>{@link Boolean}</td></tr>
 *   <tr><td>{@code <string>} and a {@code <value>} without a type</td><td>{@link String}</td></tr>
 *   <tr><td>{@code <nil/>} (the nil extension)</td><td>{@code null}</td></tr>
 *   <tr><td>{@code <array>}</td><td>{@link List}</td></tr>
 *   <tr><td>{@code <struct>}</td><td>{@link Map} (member order kept)</td></tr>
 *   <tr><td>{@code <dateTime.iso8601>}</td><td>{@link LocalDateTime} (XML-RPC has no time zone)</td></tr>
 *   <tr><td>{@code <base64>}</td><td>{@code byte[]}</td></tr>
 * </table>
 *
 * <p>Safe for documents from the network: a DOCTYPE is refused, so are entity references other
 * than XML's five predefined ones (no DTD processing, no external entities — the XXE and
 * "billion laughs" attacks need them), and values nested deeper than {@value #MAX_DEPTH}.
 */
public final class XmlRpcReader {

    /** Deepest nesting of arrays and structs accepted. */
    public static final int MAX_DEPTH = 64;

    private static final XMLInputFactory FACTORY = secureFactory();
    private static final DateTimeFormatter XML_RPC_DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HH:mm:ss");

    private final XMLStreamReader reader;

    private XmlRpcReader(XMLStreamReader reader) {
        this.reader = reader;
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external entities are not accepted: " + systemId);
        });
        return factory;
    }

    /** Reads a {@code <methodCall>}. */
    public static MethodCall readCall(byte[] document) throws MalformedXmlRpcException {
        return parse(document, XmlRpcReader::methodCall);
    }

    /**
     * Reads a {@code <methodResponse>}: its one value, or the fault it carries.
     *
     * @throws XmlRpcFault when the response is a fault
     */
    public static Object readResponse(byte[] document) throws MalformedXmlRpcException, XmlRpcFault {
        Object result = parse(document, XmlRpcReader::methodResponse);
        if (result instanceof FaultResponse fault) {
            throw fault.fault();
        }
        return result;
    }

    private record FaultResponse(XmlRpcFault fault) {
    }

    @FunctionalInterface
    private interface Body<T> {
        T read(XmlRpcReader reader) throws XMLStreamException, MalformedXmlRpcException;
    }

    private static <T> T parse(byte[] document, Body<T> body) throws MalformedXmlRpcException {
        XMLStreamReader stream;
        try {
            // From bytes, so that the parser honours the encoding the XML declaration names.
            InputStream in = new ByteArrayInputStream(document);
            stream = FACTORY.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw new MalformedXmlRpcException("not XML: " + e.getMessage(), e);
        }
        try {
            XmlRpcReader reader = new XmlRpcReader(stream);
            T result = body.read(reader);
            reader.expectEndOfDocument();
            return result;
        } catch (XMLStreamException e) {
            throw new MalformedXmlRpcException("not well-formed XML: " + oneLine(e.getMessage()), e);
        } finally {
            try {
                stream.close();
            } catch (XMLStreamException ignored) {
                // nothing held open: the document is in memory
            }
        }
    }

    private MethodCall methodCall() throws XMLStreamException, MalformedXmlRpcException {
        expectStart(nextTag(), "methodCall");
        expectStart(nextTag(), "methodName");
        String name = reader.getElementText().trim();
        if (name.isEmpty()) {
            throw malformed("the methodName is empty");
        }
        List<Object> params = new ArrayList<>();
        int tag = nextTag();
        if (tag == XMLStreamConstants.START_ELEMENT) {
            expectStart(tag, "params");
            while ((tag = nextTag()) == XMLStreamConstants.START_ELEMENT) {
                params.add(param());
            }
            expectEnd(tag, "params");
            tag = nextTag();
        }
        expectEnd(tag, "methodCall");
        return new MethodCall(name, params);
    }

    private Object methodResponse() throws XMLStreamException, MalformedXmlRpcException {
        expectStart(nextTag(), "methodResponse");
        int tag = nextTag();
        Object result;
        if (tag == XMLStreamConstants.START_ELEMENT && "fault".equals(reader.getLocalName())) {
            expectStart(nextTag(), "value");
            result = new FaultResponse(fault(value(0)));
            expectEnd(nextTag(), "fault");
        } else {
            expectStart(tag, "params");
            tag = nextTag();
            if (tag != XMLStreamConstants.START_ELEMENT) {
                throw malformed("a methodResponse without a value");
            }
            result = param();
            expectEnd(nextTag(), "params");
        }
        expectEnd(nextTag(), "methodResponse");
        return result;
    }

    private Object param() throws XMLStreamException, MalformedXmlRpcException {
        expectStart(XMLStreamConstants.START_ELEMENT, "param");
        expectStart(nextTag(), "value");
        Object value = value(0);
        expectEnd(nextTag(), "param");
        return value;
    }

    private static XmlRpcFault fault(Object value) throws MalformedXmlRpcException {
        if (value instanceof Map<?, ?> struct && struct.get("faultCode") instanceof Number code) {
            Object text = struct.get("faultString");
            return new XmlRpcFault(code.intValue(), text == null ? "" : text.toString());
        }
        throw malformed("a fault must be a struct with an int faultCode and a faultString");
    }

    /** The reader stands on {@code <value>}; returns its content and leaves the reader on {@code </value>}. */
    private Object value(int depth) throws XMLStreamException, MalformedXmlRpcException {
        if (depth > MAX_DEPTH) {
            throw malformed("values are nested deeper than " + MAX_DEPTH);
        }
        StringBuilder text = new StringBuilder();
        Object typed = null;
        boolean hasType = false;
        while (true) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (hasType && !reader.isWhiteSpace()) {
                        throw malformed("text after the typed value in a <value>");
                    }
                    text.append(reader.getText());
                }
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    // not content
                }
                case XMLStreamConstants.START_ELEMENT -> {
                    if (hasType) {
                        throw malformed("a <value> holds more than one value");
                    }
                    if (!text.toString().isBlank()) {
                        throw malformed("text before the typed value in a <value>");
                    }
                    typed = typed(depth);
                    hasType = true;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    expectEnd(event, "value");
                    // A value without a type element is a string (the specification's default).
                    return hasType ? typed : text.toString();
                }
                case XMLStreamConstants.ENTITY_REFERENCE -> throw malformed("entity references are not accepted");
                default -> throw malformed("unexpected XML in a <value> (event " + event + ")");
            }
        }
    }

    /** The reader stands on the type element; leaves it on that element's end tag. */
    private Object typed(int depth) throws XMLStreamException, MalformedXmlRpcException {
        String type = reader.getLocalName();
        return switch (type) {
            case "i4", "int" -> integer(text(), type);
            case "i8" -> longInteger(text());
            case "double" -> decimal(text());
            case "boolean" -> bool(text());
            case "string" -> reader.getElementText();
            case "nil" -> nil();
            case "dateTime.iso8601" -> dateTime(text());
            case "base64" -> base64(text());
            case "array" -> array(depth);
            case "struct" -> struct(depth);
            default -> throw malformed("unknown value type <" + type + ">");
        };
    }

    private String text() throws XMLStreamException {
        return reader.getElementText().trim();
    }

    private static Integer integer(String text, String type) throws MalformedXmlRpcException {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw malformed("<" + type + "> holds '" + text + "', not a 32-bit integer");
        }
    }

    private static Long longInteger(String text) throws MalformedXmlRpcException {
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            throw malformed("<i8> holds '" + text + "', not a 64-bit integer");
        }
    }

    private static Double decimal(String text) throws MalformedXmlRpcException {
        try {
            double value = Double.parseDouble(text);
            // Java also reads "NaN", "Infinity" and hexadecimal floats; XML-RPC has none of them.
            if (!Double.isFinite(value) || text.contains("x") || text.contains("X")) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw malformed("<double> holds '" + text + "', not a finite number");
        }
    }

    private static Boolean bool(String text) throws MalformedXmlRpcException {
        return switch (text) {
            case "1" -> Boolean.TRUE;
            case "0" -> Boolean.FALSE;
            default -> throw malformed("<boolean> holds '" + text + "', not 0 or 1");
        };
    }

    private Object nil() throws XMLStreamException, MalformedXmlRpcException {
        if (!text().isEmpty()) {
            throw malformed("<nil/> must be empty");
        }
        return null;
    }

    private static LocalDateTime dateTime(String text) throws MalformedXmlRpcException {
        try {
            return LocalDateTime.parse(text, XML_RPC_DATE_TIME);
        } catch (DateTimeParseException compact) {
            try {
                return LocalDateTime.parse(text); // 1998-07-17T14:08:55, as some servers write it
            } catch (DateTimeParseException e) {
                throw malformed("<dateTime.iso8601> holds '" + text + "', not a date and time such as 19980717T14:08:55");
            }
        }
    }

    private static byte[] base64(String text) throws MalformedXmlRpcException {
        try {
            // Line breaks are common (Python writes 76 characters a line); nothing else may be there.
            return Base64.getDecoder().decode(text.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw malformed("<base64> does not hold base64: " + e.getMessage());
        }
    }

    private List<Object> array(int depth) throws XMLStreamException, MalformedXmlRpcException {
        expectStart(nextTag(), "data");
        List<Object> items = new ArrayList<>();
        int tag;
        while ((tag = nextTag()) == XMLStreamConstants.START_ELEMENT) {
            expectStart(tag, "value");
            items.add(value(depth + 1));
        }
        expectEnd(tag, "data");
        expectEnd(nextTag(), "array");
        return items;
    }

    private Map<String, Object> struct(int depth) throws XMLStreamException, MalformedXmlRpcException {
        Map<String, Object> members = new LinkedHashMap<>();
        int tag;
        while ((tag = nextTag()) == XMLStreamConstants.START_ELEMENT) {
            expectStart(tag, "member");
            expectStart(nextTag(), "name");
            String name = reader.getElementText();
            expectStart(nextTag(), "value");
            members.put(name, value(depth + 1));
            expectEnd(nextTag(), "member");
        }
        expectEnd(tag, "struct");
        return members;
    }

    // ------------------------------------------------------------------ structure

    /**
     * The next start or end tag, skipping whitespace, comments and processing instructions; a
     * DOCTYPE, text or an entity reference where only markup may stand is refused.
     */
    private int nextTag() throws XMLStreamException, MalformedXmlRpcException {
        while (true) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT -> {
                    return event;
                }
                case XMLStreamConstants.SPACE, XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    // not content
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (!reader.isWhiteSpace()) {
                        throw malformed("unexpected text '" + abbreviated(reader.getText().trim()) + "'");
                    }
                }
                case XMLStreamConstants.DTD -> throw malformed("a DOCTYPE is not accepted (no DTDs, no entities)");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw malformed("entity references are not accepted");
                case XMLStreamConstants.END_DOCUMENT -> throw malformed("the document ends too early");
                default -> throw malformed("unexpected XML (event " + event + ")");
            }
        }
    }

    private void expectStart(int event, String name) throws MalformedXmlRpcException {
        if (event != XMLStreamConstants.START_ELEMENT || !name.equals(reader.getLocalName())) {
            throw malformed("expected <" + name + ">, found " + describe(event));
        }
    }

    private void expectEnd(int event, String name) throws MalformedXmlRpcException {
        if (event != XMLStreamConstants.END_ELEMENT || !name.equals(reader.getLocalName())) {
            throw malformed("expected </" + name + ">, found " + describe(event));
        }
    }

    private void expectEndOfDocument() throws XMLStreamException, MalformedXmlRpcException {
        while (reader.hasNext()) {
            int event = reader.next();
            boolean ignorable = event == XMLStreamConstants.SPACE || event == XMLStreamConstants.COMMENT
                    || event == XMLStreamConstants.PROCESSING_INSTRUCTION || event == XMLStreamConstants.END_DOCUMENT
                    || (event == XMLStreamConstants.CHARACTERS && reader.isWhiteSpace());
            if (!ignorable) {
                throw malformed("content after the end of the document");
            }
        }
    }

    private String describe(int event) {
        return switch (event) {
            case XMLStreamConstants.START_ELEMENT -> "<" + reader.getLocalName() + ">";
            case XMLStreamConstants.END_ELEMENT -> "</" + reader.getLocalName() + ">";
            default -> "event " + event;
        };
    }

    private static MalformedXmlRpcException malformed(String message) {
        return new MalformedXmlRpcException(message);
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").trim();
    }
}
