package io.bemcom.rawmessages.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

import io.bemcom.protocol.Decoded;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.MessageKind;
import io.bemcom.protocol.RawMessage;
import io.bemcom.protocol.TopicAddress;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.mqtt.InboundMessage;
import io.bemcom.rawmessages.storage.RawMessageRow;
import io.bemcom.rawmessages.storage.RejectRow;

/**
 * Turns a payload from a raw-message topic into the row to store: the raw message of either
 * envelope ({@code {"raw_message", "timestamp"}} or the Python template's
 * {@code {"payload": {...}, "connector_version"}}), or a reject naming what is wrong.
 */
final class RawMessageIntake {

    private final Clock clock;

    RawMessageIntake(Clock clock) {
        this.clock = clock;
    }

    Pending accept(InboundMessage<byte[]> message) {
        long receivedAt = clock.millis();
        byte[] payload = message.message();
        Decoded<RawMessage> decoded = MessageCodec.decodeRawMessage(payload);
        if (!decoded.isValid()) {
            String category = payload.length == 0 ? "empty_payload" : decoded.error().category();
            return new Pending.Reject(new RejectRow(message.topic(), textOf(payload), decoded.error().toString(),
                    receivedAt), category, message.ack());
        }
        String connector = connectorOf(message.topic());
        int length = connector.codePointCount(0, connector.length());
        if (length > MAX_CONNECTOR_LENGTH) {
            return new Pending.Reject(new RejectRow(message.topic(), textOf(payload), "the connector name (the first "
                    + "topic level) has " + length + " characters; at most " + MAX_CONNECTOR_LENGTH + " fit the "
                    + "primary key's index", receivedAt), "connector_name_too_long", message.ack());
        }
        RawMessage raw = decoded.message();
        String json = JsonValues.toJson(raw.rawMessage());
        return new Pending.Message(new RawMessageRow(connector, raw.timestamp(), sha256(json), json,
                raw.connectorVersion(), message.topic(), receivedAt), message.ack());
    }

    /**
     * Longest connector name, in characters: it is part of the primary key, whose index entries
     * PostgreSQL limits to about 2,700 bytes (SQLSTATE 54000 beyond); 500 characters of up to 4
     * bytes each stay below that.
     */
    static final int MAX_CONNECTOR_LENGTH = 500;

    /** The connector's name: the first topic level, as the original named its collections. */
    static String connectorOf(String topic) {
        return Topics.parse(topic)
                .filter(address -> address.kind() == MessageKind.RAW_MESSAGE_TO_DB)
                .map(TopicAddress::owner)
                .orElseGet(() -> topic.split("/", -1)[0]);
    }

    /** The payload as text; {@link RejectRow} makes it storable. */
    static String textOf(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
