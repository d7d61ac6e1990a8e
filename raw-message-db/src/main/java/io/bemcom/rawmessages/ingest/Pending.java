package io.bemcom.rawmessages.ingest;

import io.bemcom.protocol.ingest.BatchWriter;
import io.bemcom.protocol.mqtt.InboundMessage;
import io.bemcom.rawmessages.storage.RawMessageRow;
import io.bemcom.rawmessages.storage.RejectRow;

/**
 * A broker message waiting to be written: a raw message or a reject, and the acknowledgement
 * that is sent once it is committed.
 */
sealed interface Pending extends BatchWriter.Item {

    InboundMessage.Acknowledgement ack();

    @Override
    default void acknowledge() {
        ack().acknowledge();
    }

    record Message(RawMessageRow row, InboundMessage.Acknowledgement ack) implements Pending {
        @Override
        public String topic() {
            return row.topic();
        }

        @Override
        public String kind() {
            return "raw_message";
        }
    }

    record Reject(RejectRow row, String category, InboundMessage.Acknowledgement ack) implements Pending {
        @Override
        public String topic() {
            return row.topic();
        }

        @Override
        public String kind() {
            return "reject";
        }
    }
}
