package io.bemcom.connector.homematic;

import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * XML-RPC values (as {@link io.bemcom.connector.homematic.xmlrpc.XmlRpcReader} reads them) as JSON:
 * numbers, booleans, strings and nil as such, arrays and structs as arrays and objects, base64 as
 * its text, a dateTime as ISO-8601 text ({@code 2024-05-01T12:00:00}, no zone, as the CCU sent it).
 */
final class XmlRpcJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private XmlRpcJson() {
    }

    static JsonNode toJson(Object value) {
        if (value == null) {
            return JSON.nullNode();
        } else if (value instanceof Integer number) {
            return JSON.numberNode(number);
        } else if (value instanceof Long number) {
            return JSON.numberNode(number);
        } else if (value instanceof Double number) {
            return JSON.numberNode(number);
        } else if (value instanceof Boolean bool) {
            return JSON.booleanNode(bool);
        } else if (value instanceof byte[] bytes) {
            return JSON.stringNode(Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof LocalDateTime dateTime) {
            return JSON.stringNode(dateTime.toString());
        } else if (value instanceof List<?> list) {
            ArrayNode array = JSON.arrayNode();
            list.forEach(item -> array.add(toJson(item)));
            return array;
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode object = JSON.objectNode();
            map.forEach((key, item) -> object.set(String.valueOf(key), toJson(item)));
            return object;
        }
        return JSON.stringNode(String.valueOf(value));
    }
}
