package io.bemcom.protocol;

import tools.jackson.databind.JsonNode;

/**
 * A device message exactly as a connector received it, for the raw-message store.
 *
 * @param rawMessage       any JSON
 * @param timestamp        when the connector received it (ms since the epoch, UTC)
 * @param connectorVersion only present when decoded from the Python template's envelope
 *                         ({@code {"payload": {...}, "connector_version": ...}}); never written
 */
public record RawMessage(JsonNode rawMessage, long timestamp, String connectorVersion) implements BemcomMessage {

    public RawMessage {
        rawMessage = JsonValues.copy(rawMessage);
    }

    public RawMessage(JsonNode rawMessage, long timestamp) {
        this(rawMessage, timestamp, null);
    }
}
