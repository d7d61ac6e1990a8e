package io.bemcom.rawmessages.storage;

/**
 * One stored raw message. Its key is connector, timestamp and payload hash, so a message that
 * the broker delivers again is stored once.
 *
 * @param connector        the connector that published it (first level of its topic)
 * @param timestamp        when the connector received it (ms since the epoch, UTC)
 * @param payloadHash      SHA-256 (hex) of {@code rawMessage}
 * @param rawMessage       the {@code raw_message} value as JSON text
 * @param connectorVersion from the Python template's envelope, else {@code null}
 * @param topic            the topic it arrived on
 * @param receivedAt       when this service received it (ms since the epoch, UTC)
 */
public record RawMessageRow(String connector, long timestamp, String payloadHash, String rawMessage,
                            String connectorVersion, String topic, long receivedAt) {
}
