package io.bemcom.rawmessages.ingest;

import io.bemcom.protocol.mqtt.InboundMessage;
import io.bemcom.rawmessages.storage.RawMessageRow;
import io.bemcom.rawmessages.storage.RejectRow;

/**
 * A broker message waiting to be written: a raw message or a reject, and the acknowledgement
 * that is sent once it is committed.
 */
sealed interface Pending {

    InboundMessage.Acknowledgement ack();

    record Message(RawMessageRow row, InboundMessage.Acknowledgement ack) implements Pending {
    }

    record Reject(RejectRow row, String category, InboundMessage.Acknowledgement ack) implements Pending {
    }
}
