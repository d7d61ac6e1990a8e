package io.bemcom.api.mqtt;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.transaction.support.TransactionTemplate;

import io.bemcom.api.deadletter.DeadLetterStore;
import io.bemcom.api.history.MessageStore;
import io.bemcom.api.history.MessageTable;
import io.bemcom.api.history.StoredMessage;
import io.bemcom.protocol.BemcomMessage;
import io.bemcom.protocol.mqtt.InboundMessage;

/** Writes value, schedule and setpoint messages (history when enabled, and the last message per datapoint). */
final class DatapointStorage extends IngestStorage<DatapointStorage.Pending> {

    record Pending(MessageTable table, StoredMessage message, InboundMessage<? extends BemcomMessage> origin)
            implements Ingested {
        @Override
        public String kind() {
            return table.column();
        }
    }

    private final MessageStore store;
    private final boolean history;

    DatapointStorage(TransactionTemplate transactions, IngestMetrics metrics, DeadLetterStore deadLetters,
                     MessageStore store, boolean history) {
        super(transactions, metrics, deadLetters);
        this.store = store;
        this.history = history;
    }

    @Override
    protected void writeInTransaction(List<Pending> batch) {
        Map<MessageTable, List<StoredMessage>> byTable = new EnumMap<>(MessageTable.class);
        for (Pending pending : batch) {
            byTable.computeIfAbsent(pending.table(), t -> new ArrayList<>()).add(pending.message());
        }
        byTable.forEach((table, messages) -> store.ingest(table, messages, history));
    }
}
