package io.bemcom.api.mqtt;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

import io.bemcom.protocol.mqtt.InboundMessage;

/**
 * One writer thread with a bounded queue. It takes what has queued up (up to a batch), writes it
 * in one transaction and only then acknowledges the messages to the broker. A full queue blocks
 * the submitter (back-pressure reaches the broker, which keeps the messages of our persistent
 * session). A database failure is retried until it succeeds; a batch that the database rejects
 * for its data is written message by message, and only the messages that fail alone are skipped
 * (logged and counted).
 */
abstract class BatchWriter<T extends BatchWriter.Item> implements Runnable {

    /** What a writer queues: something to store and the broker message to acknowledge after. */
    interface Item {
        InboundMessage<?> origin();

        String kind();
    }

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);
    private static final long MAX_BACKOFF_MS = 5_000;

    private final String name;
    private final BlockingQueue<T> queue;
    private final int batchSize;
    private final TransactionTemplate transactions;
    protected final IngestMetrics metrics;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean abandon;

    BatchWriter(String name, int capacity, int batchSize, TransactionTemplate transactions, IngestMetrics metrics) {
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.transactions = transactions;
        this.metrics = metrics;
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
    }

    /** Writes the batch; runs inside a transaction. */
    protected abstract void writeBatch(List<T> batch);

    void start() {
        thread.start();
    }

    /** Queues an item, waiting while the queue is full. */
    void submit(T item) throws InterruptedException {
        queue.put(item);
    }

    int depth() {
        return queue.size();
    }

    /**
     * Stops after writing what is queued, waiting at most {@code timeoutMs}; what is not written
     * by then stays unacknowledged and the broker delivers it again at the next start.
     */
    void stop(long timeoutMs) {
        running = false;
        try {
            thread.join(timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        abandon = true;
        thread.interrupt();
    }

    @Override
    public void run() {
        List<T> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                T first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                process(batch);
            } catch (InterruptedException e) {
                if (abandon) {
                    return;
                }
            } catch (RuntimeException e) {
                log.error("Writer {} failed unexpectedly; the batch stays unacknowledged.", name, e);
            } finally {
                batch.clear();
            }
        }
    }

    private void process(List<T> batch) throws InterruptedException {
        long backoff = 200;
        while (true) {
            long started = System.nanoTime();
            try {
                transactions.executeWithoutResult(status -> writeBatch(batch));
                metrics.batch(batch.size(), System.nanoTime() - started);
                stored(batch);
                batch.forEach(item -> item.origin().acknowledge());
                return;
            } catch (RuntimeException e) {
                if (isDataError(e)) {
                    log.warn("Writer {}: the database rejected a batch of {} ({}); writing one by one.", name,
                            batch.size(), rootMessage(e));
                    writeOneByOne(batch);
                    return;
                }
                metrics.retry();
                log.warn("Writer {}: could not store a batch of {} ({}); retrying in {} ms.", name, batch.size(),
                        rootMessage(e), backoff);
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    private void writeOneByOne(List<T> batch) throws InterruptedException {
        for (T item : batch) {
            long backoff = 200;
            while (true) {
                try {
                    transactions.executeWithoutResult(status -> writeBatch(List.of(item)));
                    stored(List.of(item));
                    break;
                } catch (RuntimeException e) {
                    if (isDataError(e)) {
                        log.warn("Skipped a {} message on '{}' that the database rejects: {}", item.kind(),
                                item.origin().topic(), rootMessage(e));
                        metrics.rejected(item.kind(), "write_error");
                        break;
                    }
                    metrics.retry();
                    sleep(backoff);
                    backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
                }
            }
            item.origin().acknowledge();
        }
    }

    private void stored(List<T> items) {
        if (items.size() == 1) {
            metrics.stored(items.get(0).kind(), 1);
            return;
        }
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        items.forEach(item -> counts.merge(item.kind(), 1, Integer::sum));
        counts.forEach(metrics::stored);
    }

    private void sleep(long millis) throws InterruptedException {
        if (abandon) {
            throw new InterruptedException("writer stopped");
        }
        Thread.sleep(millis);
    }

    /** A failure caused by the data (constraint, bad value), which retrying cannot cure. */
    static boolean isDataError(Throwable failure) {
        if (failure instanceof DataIntegrityViolationException) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.sqlite.SQLiteException sqlite) {
                int primary = sqlite.getResultCode().code & 0xff;
                return primary == 19 || primary == 20 || primary == 18; // CONSTRAINT, MISMATCH, TOOBIG
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("23") || state.startsWith("22")) {
                    return true;
                }
            }
        }
        return false;
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
