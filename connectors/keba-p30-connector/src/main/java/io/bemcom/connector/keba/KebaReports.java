package io.bemcom.connector.keba;

import java.util.Map;

import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the connector's raw messages into readings. A raw message holds the station's datagrams as
 * received, so it can be parsed again later; the polled one is the original's
 * {@code {"<station>": {"report 1": "<json text>", "report 2": ..., "report 3": ...}}}, a status
 * datagram is {@code {"<station>": {"status": "{\"State\": 3}"}}}.
 */
final class KebaReports {

    /** The raw message key of a status datagram a station sent on its own. */
    static final String STATUS = "status";

    /** Where a status datagram's fields are also found in the reports (guide 3.4). */
    private static final Map<String, String> STATUS_FIELDS = Map.of("State", "report 2", "Plug", "report 2",
            "Input", "report 2", "Enable sys", "report 2", "Max curr", "report 2", "E pres", "report 3");

    private KebaReports() {
    }

    /**
     * Reports become {@code {"<station>": {"report 1": {...}}}} (ids {@code <station>__report 1__Serial});
     * a status datagram's fields go under the report that holds them too, so {@code {"State": 3}}
     * updates {@code <station>__report 2__State}; fields no report has go under {@code status}.
     */
    static JsonNode parse(JsonNode rawMessage) {
        ObjectNode reading = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> station : rawMessage.properties()) {
            ObjectNode parsed = reading.putObject(station.getKey());
            for (Map.Entry<String, JsonNode> message : station.getValue().properties()) {
                String text = message.getValue().asString();
                JsonNode content = JsonValues.parse(text);
                if (!content.isObject()) {
                    throw new IllegalArgumentException("'" + message.getKey() + "' of station " + station.getKey()
                            + " is no JSON object: " + KebaDevice.abbreviated(text));
                }
                if (message.getKey().equals(STATUS)) {
                    for (Map.Entry<String, JsonNode> field : content.properties()) {
                        String report = STATUS_FIELDS.getOrDefault(field.getKey(), STATUS);
                        JsonNode existing = parsed.get(report);
                        ObjectNode target = existing instanceof ObjectNode object ? object : parsed.putObject(report);
                        target.set(field.getKey(), field.getValue());
                    }
                } else {
                    parsed.set(message.getKey(), content);
                }
            }
        }
        return reading;
    }
}
