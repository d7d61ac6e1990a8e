package io.bemcom.api.mqtt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.transaction.support.TransactionTemplate;

import io.bemcom.api.deadletter.DeadLetterStore;
import io.bemcom.protocol.ingest.BatchWriter;

/**
 * What the api-service's writers share: a batch is written in one transaction and counted; a
 * message that can never be stored goes to the dead letters. Subclasses supply only the write.
 */
abstract class IngestStorage<T extends Ingested> implements BatchWriter.Storage<T> {

    private final TransactionTemplate transactions;
    private final IngestMetrics metrics;
    private final DeadLetterStore deadLetters;

    IngestStorage(TransactionTemplate transactions, IngestMetrics metrics, DeadLetterStore deadLetters) {
        this.transactions = transactions;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
    }

    /** Writes the batch; runs inside the transaction. */
    protected abstract void writeInTransaction(List<T> batch);

    @Override
    public final void write(List<T> batch) {
        long started = System.nanoTime();
        transactions.executeWithoutResult(status -> writeInTransaction(batch));
        metrics.batch(batch.size(), System.nanoTime() - started);
        Map<String, Integer> counts = new HashMap<>();
        batch.forEach(item -> counts.merge(item.kind(), 1, Integer::sum));
        counts.forEach(metrics::stored);
    }

    @Override
    public final void deadLetter(T item, String reason) {
        deadLetters.add(item.topic(), item.kind(), item.payload(), reason);
    }
}
