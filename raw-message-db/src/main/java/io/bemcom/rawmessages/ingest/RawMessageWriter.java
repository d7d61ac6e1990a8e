package io.bemcom.rawmessages.ingest;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.protocol.ingest.BatchWriter;
import io.bemcom.rawmessages.storage.RawMessageRow;
import io.bemcom.rawmessages.storage.RawMessageStore;
import io.bemcom.rawmessages.storage.RejectRow;
import io.bemcom.rawmessages.storage.WriteResult;

/**
 * The raw-message store's part of the shared acknowledging {@link BatchWriter}: a batch of raw
 * messages and rejects goes into the database in one transaction, and only then is each message
 * acknowledged to the broker, so a crash or a database outage loses nothing (the broker delivers
 * again and the store ignores the copies). A message the database refuses (e.g. a connector name
 * too long for the primary key's index, SQLSTATE 54000) is kept in the rejects table instead,
 * with the database's reason; one bad row never blocks the rest.
 */
public final class RawMessageWriter implements AutoCloseable, BatchWriter.Storage<Pending> {

    public static final int QUEUE_CAPACITY = 10_000;
    public static final int MAX_BATCH = 1_000;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(RawMessageWriter.class);

    private final RawMessageStore store;
    private final IngestMetrics metrics;
    private final BatchWriter<Pending> writer;

    public RawMessageWriter(RawMessageStore store, IngestMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
        this.writer = new BatchWriter<>("raw-message-writer", QUEUE_CAPACITY, MAX_BATCH, this, metrics);
        metrics.queue(writer::depth);
    }

    public void start() {
        writer.start();
    }

    /** Queues a message for writing; waits while the queue is full. */
    void submit(Pending pending) throws InterruptedException {
        writer.submit(pending);
    }

    /**
     * Stores what is queued (for at most 15 s). Messages not stored by then are not acknowledged,
     * so the broker delivers them again when the service is back.
     */
    @Override
    public void close() {
        writer.stop(STOP_TIMEOUT);
    }

    @Override
    public void write(List<Pending> batch) throws SQLException {
        List<RawMessageRow> messages = new ArrayList<>();
        List<RejectRow> rejects = new ArrayList<>();
        for (Pending pending : batch) {
            if (pending instanceof Pending.Message message) {
                messages.add(message.row());
            } else {
                rejects.add(((Pending.Reject) pending).row());
            }
        }
        long start = System.nanoTime();
        WriteResult result = store.write(messages, rejects);
        metrics.written(result.stored(), result.duplicates(), Duration.ofNanos(System.nanoTime() - start));
        for (Pending pending : batch) {
            if (pending instanceof Pending.Reject reject) {
                metrics.rejected(reject.category());
                log.warn("Kept a payload on '{}' that is not a raw message as a reject: {}", reject.row().topic(),
                        reject.row().reason());
            }
        }
    }

    /** A message the database refuses goes to the rejects table, with the database's reason. */
    @Override
    public void deadLetter(Pending pending, String reason) throws SQLException {
        RejectRow refused;
        if (pending instanceof Pending.Message message) {
            refused = new RejectRow(message.row().topic(), message.row().rawMessage(), "database refused it: " + reason,
                    message.row().receivedAt());
        } else {
            RejectRow reject = ((Pending.Reject) pending).row();
            refused = new RejectRow(reject.topic(), reject.payload(), "database refused it: " + reason,
                    reject.receivedAt());
        }
        store.write(List.of(), List.of(refused));
    }
}
