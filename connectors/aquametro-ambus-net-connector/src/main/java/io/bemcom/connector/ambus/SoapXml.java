package io.bemcom.connector.ambus;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The XML side of the AMBUS Net web service: a parser that refuses document type declarations and
 * never resolves an external entity (an answer is untrusted input), the way to the
 * {@code getMeterResult} of a SOAP 1.1 envelope or its {@code Fault}, and the conversion of an
 * element into the structure the original's Node-RED XML node (xml2js with its defaults) made of it,
 * from which the original's datapoint ids come:
 * <ul>
 *   <li>every child element becomes an array under its name as written (prefix included), in the
 *       order of the document;</li>
 *   <li>attributes go into an object under {@code $}; text beside attributes or child elements
 *       goes under {@code _} (untrimmed);</li>
 *   <li>an element with text only becomes that text; text of JavaScript white space only is
 *       dropped, and an element left without anything becomes that white space (usually {@code ""}).</li>
 * </ul>
 */
final class SoapXml {

    static final String SOAP_11 = "http://schemas.xmlsoap.org/soap/envelope/";

    private static final DocumentBuilderFactory FACTORY = secureFactory();

    private SoapXml() {
    }

    private static DocumentBuilderFactory secureFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be made safe: " + e.getMessage(), e);
        }
        return factory;
    }

    /**
     * Parses {@code xml} (already decoded text; a declared encoding is ignored). Throws
     * {@link IllegalArgumentException} for text that is no well-formed XML or declares a document type.
     */
    static Document parse(String xml) {
        DocumentBuilder builder;
        synchronized (FACTORY) {
            try {
                builder = FACTORY.newDocumentBuilder();
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException(e);
            }
        }
        builder.setErrorHandler(THROWING);
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("an external entity (" + systemId + ") is refused");
        });
        try {
            // A device may put white space before the declaration (the original's own request does).
            return builder.parse(new InputSource(new StringReader(xml.stripLeading())));
        } catch (SAXException e) {
            throw new IllegalArgumentException("no well-formed XML without a document type: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("the XML cannot be read: " + e.getMessage());
        }
    }

    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
        }

        @Override
        public void error(SAXParseException exception) throws SAXParseException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXParseException {
            throw exception;
        }
    };

    /** The {@code soap:Body} of a SOAP 1.1 envelope, if {@code document} is one. */
    static Optional<Element> body(Document document) {
        Element root = document.getDocumentElement();
        if (!SOAP_11.equals(root.getNamespaceURI()) || !"Envelope".equals(root.getLocalName())) {
            return Optional.empty();
        }
        return child(root, SOAP_11, "Body");
    }

    /** {@code faultcode: faultstring} of a SOAP 1.1 fault, if the envelope's body holds one. */
    static Optional<String> fault(Document document) {
        return body(document).flatMap(body -> child(body, SOAP_11, "Fault")).map(fault -> {
            String code = childByLocalName(fault, "faultcode").map(Node::getTextContent).orElse("").trim();
            String text = childByLocalName(fault, "faultstring").map(Node::getTextContent).orElse("").trim();
            return code + ": " + text;
        });
    }

    /** The first child element of {@code parent} in {@code namespace} named {@code localName}. */
    static Optional<Element> child(Element parent, String namespace, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && namespace.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    /** The first child element of {@code parent} named {@code localName}, in any namespace. */
    static Optional<Element> childByLocalName(Element parent, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    /** What xml2js (with the Node-RED XML node's defaults) makes of {@code element}'s content. */
    static JsonNode xml2js(Element element) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode object = nodes.objectNode();
        NamedNodeMap attributes = element.getAttributes();
        if (attributes.getLength() > 0) {
            ObjectNode attributeObject = object.putObject("$");
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attribute = (Attr) attributes.item(i);
                attributeObject.put(attribute.getName(), attribute.getValue());
            }
        }
        StringBuilder text = new StringBuilder();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child) {
                JsonNode value = xml2js(child);
                JsonNode existing = object.get(child.getNodeName());
                if (existing instanceof ArrayNode array) {
                    array.add(value);
                } else {
                    object.putArray(child.getNodeName()).add(value);
                }
            } else if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(node.getNodeValue());
            }
        }
        if (isJavaScriptBlank(text)) {
            return object.isEmpty() ? nodes.stringNode(text.toString()) : object;
        }
        if (object.isEmpty()) {
            return nodes.stringNode(text.toString());
        }
        // xml2js creates the text key first, so it comes before attributes and children.
        ObjectNode withText = nodes.objectNode();
        withText.put("_", text.toString());
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            withText.set(entry.getKey(), entry.getValue());
        }
        return withText;
    }

    /** JavaScript's {@code /^\s*$/}: also no-break and other Unicode spaces. */
    private static boolean isJavaScriptBlank(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\ufeff')) {
                return false;
            }
        }
        return true;
    }

    /** Names of {@code parent}'s child elements, for error messages. */
    static List<String> childNames(Element parent) {
        List<String> names = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                names.add(element.getNodeName());
            }
        }
        return names;
    }
}
