package io.bemcom.rawmessages.ingest;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.rawmessages.storage.RawMessageRow;
import io.bemcom.rawmessages.storage.RawMessageStore;
import io.bemcom.rawmessages.storage.RejectRow;
import io.bemcom.rawmessages.storage.WriteResult;

/**
 * Writes what arrives in batches and acknowledges each message to the broker only after its batch
 * is committed, so a crash or a database outage loses nothing: the broker delivers unacknowledged
 * messages again (persistent session) and the store ignores the copies.
 *
 * <ul>
 *   <li>The queue is bounded; when it is full, {@link #submit} waits, which holds up the broker
 *       client and so the broker (back-pressure), instead of dropping.</li>
 *   <li>A failed write is retried with a doubling pause (up to {@link #MAX_PAUSE}) for as long as
 *       it fails: a database outage only delays storing.</li>
 *   <li>When the database refuses the data itself, the batch is written message by message and a
 *       refused message is kept in the rejects table instead, so one bad row never blocks the rest.</li>
 * </ul>
 */
public final class BatchWriter implements AutoCloseable {

    public static final int QUEUE_CAPACITY = 10_000;
    public static final int MAX_BATCH = 1_000;
    static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    private final RawMessageStore store;
    private final IngestMetrics metrics;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread thread = new Thread(this::run, "raw-message-writer");
    private volatile boolean running;
    private int failuresInARow;

    public BatchWriter(RawMessageStore store, IngestMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
        metrics.queue(queue::size);
        thread.setUncaughtExceptionHandler((t, e) ->
                log.error("The raw message writer stopped; nothing is stored until the service restarts.", e));
    }

    public void start() {
        running = true;
        thread.start();
    }

    /** Queues a message for writing; waits while the queue is full. */
    void submit(Pending pending) throws InterruptedException {
        queue.put(pending);
    }

    /**
     * Stops after the batch in hand. Messages still queued are not acknowledged, so the broker
     * delivers them again when the service is back.
     */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(15));
            if (thread.isAlive()) {
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                if (commit(batch)) {
                    batch.forEach(pending -> pending.ack().acknowledge());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /** Commits the batch, retrying until it works; false only when stopping first. */
    private boolean commit(List<Pending> batch) {
        Backoff backoff = new Backoff(FIRST_PAUSE, MAX_PAUSE);
        while (true) {
            try {
                write(batch);
                if (failuresInARow > 0) {
                    log.info("Writing raw messages works again after {} failed attempt(s).", failuresInARow);
                    failuresInARow = 0;
                }
                return true;
            } catch (SQLException e) {
                if (store.dialect().refusesData(e)) {
                    return batch.size() == 1 ? refused(batch.get(0), e) : commitOneByOne(batch);
                }
                failed(e);
            } catch (RuntimeException | AssertionError e) {
                // Drivers check their own state with assertions (pgjdbc, when a connection was
                // killed under it, and assertions are on, as in tests): as transient as any failure.
                failed(e);
            }
            if (!running || !backoff.pause()) {
                return false;
            }
        }
    }

    private void failed(Throwable e) {
        metrics.retried();
        failuresInARow++;
        if (failuresInARow == 1) {
            log.warn("Writing raw messages failed ({}); retrying until it works. Nothing is acknowledged "
                    + "before it is stored.", e.toString());
        } else {
            log.debug("Writing raw messages failed again ({}): {}", failuresInARow, e.toString());
        }
    }

    private boolean commitOneByOne(List<Pending> batch) {
        for (Pending pending : batch) {
            if (!commit(List.of(pending))) {
                return false;
            }
        }
        return true;
    }

    private boolean refused(Pending pending, SQLException e) {
        if (pending instanceof Pending.Message message) {
            RawMessageRow row = message.row();
            log.warn("The database refused the raw message of '{}' at {} ({}); it is kept as a reject.",
                    row.connector(), row.timestamp(), reasonOf(e));
            return commit(List.of(new Pending.Reject(new RejectRow(row.topic(), row.rawMessage(),
                    "database refused it: " + reasonOf(e), row.receivedAt()), "database_refused", message.ack())));
        }
        Pending.Reject reject = (Pending.Reject) pending;
        log.error("The database refused even the reject of a payload on '{}' ({}); it is dropped: {}",
                reject.row().topic(), reasonOf(e), reject.row().payload());
        metrics.dropped();
        return true;
    }

    /** The database's own words: a batch error wraps them in a message that quotes the statement. */
    private static String reasonOf(SQLException e) {
        SQLException innermost = e;
        while (innermost.getNextException() != null) {
            innermost = innermost.getNextException();
        }
        return String.valueOf(innermost.getMessage());
    }

    private void write(List<Pending> batch) throws SQLException {
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
}
