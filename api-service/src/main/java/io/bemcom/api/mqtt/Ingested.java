package io.bemcom.api.mqtt;

import io.bemcom.protocol.BemcomMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.ingest.BatchWriter;
import io.bemcom.protocol.mqtt.InboundMessage;

/** A message taken from the broker and queued for a writer; acknowledged once stored or dead-lettered. */
interface Ingested extends BatchWriter.Item {

    InboundMessage<? extends BemcomMessage> origin();

    @Override
    default void acknowledge() {
        origin().acknowledge();
    }

    @Override
    default String topic() {
        return origin().topic();
    }

    /** The message as received (re-encoded as JSON), for a dead letter. */
    default String payload() {
        return MessageCodec.encodeToString(origin().message());
    }
}
