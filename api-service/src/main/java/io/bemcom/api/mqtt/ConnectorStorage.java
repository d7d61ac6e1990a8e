package io.bemcom.api.mqtt;

import java.util.ArrayList;
import java.util.List;

import org.springframework.transaction.support.TransactionTemplate;

import io.bemcom.api.connector.ConnectorMessageStore;
import io.bemcom.api.datapoint.AvailableDatapoints;
import io.bemcom.api.deadletter.DeadLetterStore;
import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.BemcomMessage;
import io.bemcom.protocol.HeartbeatMessage;
import io.bemcom.protocol.LogMessage;
import io.bemcom.protocol.mqtt.InboundMessage;

/** Writes the connector-level messages: logs (batched), heartbeats and available datapoints. */
final class ConnectorStorage extends IngestStorage<ConnectorStorage.Pending> {

    /** {@code message} is what is stored: the received one, or what of it passed the input checks. */
    record Pending(long connectorId, BemcomMessage message, InboundMessage<? extends BemcomMessage> origin)
            implements Ingested {
        @Override
        public String kind() {
            if (message instanceof LogMessage) {
                return "logs";
            }
            return message instanceof HeartbeatMessage ? "heartbeat" : "available_datapoints";
        }
    }

    private final ConnectorMessageStore connectorMessages;
    private final AvailableDatapoints availableDatapoints;

    ConnectorStorage(TransactionTemplate transactions, IngestMetrics metrics, DeadLetterStore deadLetters,
                     ConnectorMessageStore connectorMessages, AvailableDatapoints availableDatapoints) {
        super(transactions, metrics, deadLetters);
        this.connectorMessages = connectorMessages;
        this.availableDatapoints = availableDatapoints;
    }

    @Override
    protected void writeInTransaction(List<Pending> batch) {
        List<ConnectorMessageStore.Log> logs = new ArrayList<>();
        for (Pending pending : batch) {
            if (pending.message() instanceof LogMessage log) {
                logs.add(new ConnectorMessageStore.Log(pending.connectorId(), log));
            }
        }
        connectorMessages.insertLogs(logs);
        for (Pending pending : batch) {
            if (pending.message() instanceof HeartbeatMessage beat) {
                connectorMessages.upsertHeartbeat(pending.connectorId(), beat);
            } else if (pending.message() instanceof AvailableDatapointsMessage available) {
                availableDatapoints.apply(pending.connectorId(), available);
            }
        }
    }
}
