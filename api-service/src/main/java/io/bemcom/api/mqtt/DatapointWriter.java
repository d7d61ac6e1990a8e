package io.bemcom.api.mqtt;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.transaction.support.TransactionTemplate;

import io.bemcom.api.history.MessageStore;
import io.bemcom.api.history.MessageTable;
import io.bemcom.api.history.StoredMessage;
import io.bemcom.protocol.mqtt.InboundMessage;

/** Writes value, schedule and setpoint messages; each datapoint always goes to the same writer, so its order holds. */
final class DatapointWriter extends BatchWriter<DatapointWriter.Pending> {

    record Pending(MessageTable table, StoredMessage message, InboundMessage<?> origin) implements BatchWriter.Item {
        @Override
        public String kind() {
            return table.column();
        }
    }

    private final MessageStore store;
    private final boolean history;

    DatapointWriter(String name, int capacity, int batchSize, TransactionTemplate transactions, IngestMetrics metrics,
                    MessageStore store, boolean history) {
        super(name, capacity, batchSize, transactions, metrics);
        this.store = store;
        this.history = history;
    }

    @Override
    protected void writeBatch(List<Pending> batch) {
        Map<MessageTable, List<StoredMessage>> byTable = new EnumMap<>(MessageTable.class);
        for (Pending pending : batch) {
            byTable.computeIfAbsent(pending.table(), t -> new ArrayList<>()).add(pending.message());
        }
        byTable.forEach((table, messages) -> store.ingest(table, messages, history));
    }
}
