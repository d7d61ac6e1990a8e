package io.bemcom.protocol.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.protocol.logging.RateLimitedLog;

/**
 * Stores what a service takes from the broker in batches, one transaction per batch, and only
 * then acknowledges each message to the broker; the service supplies only its write
 * ({@link Storage}). One thread and a bounded queue per writer.
 *
 * <ul>
 *   <li><b>Back-pressure</b>: when the queue is full, {@link #submit} waits, which holds up the
 *       broker client and so the broker (a persistent session keeps the messages), instead of
 *       dropping.</li>
 *   <li><b>The database is away</b> ({@link DatabaseFailure#UNAVAILABLE}, and any other error the
 *       database reports): the batch is written again after a doubling pause (0.1 s up to 5 s) until
 *       it works. Nothing is acknowledged before it is stored, so a stop or a crash loses nothing:
 *       the broker delivers again.</li>
 *   <li><b>A message can never be stored</b> ({@link DatabaseFailure#isPermanent()}): the batch is
 *       written message by message; a message that still fails alone (twice, since a conflict with
 *       a concurrent write may be gone on a second attempt) is handed to
 *       {@link Storage#deadLetter}, logged, counted and acknowledged. The rest is stored. Should
 *       the database refuse even the dead letter, the message is logged with its content at
 *       ERROR, counted as dropped and acknowledged: one message never blocks a writer.</li>
 * </ul>
 *
 * @param <T> what the service queues: something to store and the acknowledgement to send after
 */
public final class BatchWriter<T extends BatchWriter.Item> {

    /** A message waiting to be stored. */
    public interface Item {
        /** Tells the broker the message is handled; called once, after it is stored or dead-lettered. */
        void acknowledge();

        /** The topic it came on, for log lines and dead letters. */
        String topic();

        /** Its kind, for log lines and metrics (e.g. {@code value}, {@code logs}). */
        String kind();
    }

    /** The service's part: how to store a batch, and where a message goes that can never be stored. */
    public interface Storage<T> {
        /** Stores the batch in one transaction: all or nothing; throws when it did not commit. */
        void write(List<T> batch) throws Exception;

        /**
         * Keeps a message the database refuses where an operator can see it (topic, payload,
         * {@code reason}, time), in a transaction of its own.
         */
        void deadLetter(T item, String reason) throws Exception;
    }

    /** What the service counts. */
    public interface Events<T> {
        /** A write failed and is tried again. */
        default void retried(Throwable failure) {
        }

        /** A message that can never be stored was kept as a dead letter and acknowledged. */
        default void deadLettered(T item, String reason) {
        }

        /** The database refused even the dead letter; the message was logged and acknowledged. */
        default void dropped(T item, String reason) {
        }
    }

    static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    static final Duration MAX_PAUSE = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    private final String name;
    private final BlockingQueue<T> queue;
    private final int batchSize;
    private final Storage<T> storage;
    private final Events<? super T> events;
    private final Thread thread;
    private final RateLimitedLog limitedLog = new RateLimitedLog(log, Duration.ofSeconds(30));
    private volatile boolean running = true;
    private int failuresInARow;

    public BatchWriter(String name, int capacity, int batchSize, Storage<T> storage, Events<? super T> events) {
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.storage = storage;
        this.events = events;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.setUncaughtExceptionHandler((t, e) ->
                log.error("Writer {} stopped; nothing it receives is stored until the service restarts.", name, e));
    }

    public void start() {
        thread.start();
    }

    /** Queues a message, waiting while the queue is full. */
    public void submit(T item) throws InterruptedException {
        queue.put(item);
    }

    /** Messages queued and not yet taken into a batch. */
    public int depth() {
        return queue.size();
    }

    /**
     * Stops after storing what is queued, as long as writing works, and waits at most
     * {@code timeout} for it. What is not stored (the first failed write ends the writer) stays
     * unacknowledged, and the broker delivers it again after the restart.
     */
    public void stop(Duration timeout) {
        running = false;
        try {
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<T> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                T first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                store(batch);
            } catch (InterruptedException e) {
                return; // stopped: what is left stays unacknowledged
            } catch (RuntimeException e) {
                log.error("Writer {} failed unexpectedly; the batch stays unacknowledged and is delivered again "
                        + "after a reconnect.", name, e);
            } finally {
                batch.clear();
            }
        }
    }

    /** Stores the batch (writing again while the database fails), then acknowledges each message. */
    private void store(List<T> batch) throws InterruptedException {
        long pause = FIRST_PAUSE.toMillis();
        boolean triedAlone = false;
        while (true) {
            Throwable failure;
            try {
                storage.write(batch);
                recovered();
                batch.forEach(Item::acknowledge);
                return;
            } catch (Exception | AssertionError e) {
                // AssertionError: pgjdbc checks its state with assertions (on in tests) when a
                // connection is killed under it; as passing as any lost connection.
                failure = e;
            }
            if (DatabaseFailure.of(failure).isPermanent()) {
                if (batch.size() > 1) {
                    limitedLog.warn("split", "Writer {}: a batch of {} was refused ({}); writing it message by message.",
                            name, batch.size(), DatabaseFailure.reason(failure));
                    for (T item : batch) {
                        store(List.of(item));
                    }
                    return;
                }
                if (triedAlone) {
                    deadLetter(batch.get(0), failure);
                    return;
                }
                triedAlone = true;
                continue;
            }
            retrying(failure, batch.size());
            pause = pause(pause);
        }
    }

    private void deadLetter(T item, Throwable failure) throws InterruptedException {
        String reason = DatabaseFailure.reason(failure);
        long pause = FIRST_PAUSE.toMillis();
        while (true) {
            try {
                storage.deadLetter(item, reason);
                recovered();
                events.deadLettered(item, reason);
                limitedLog.warn("dead-letter", "Writer {}: a {} message on '{}' can never be stored ({}); it is kept "
                        + "as a dead letter and acknowledged.", name, item.kind(), item.topic(), reason);
                item.acknowledge();
                return;
            } catch (Exception | AssertionError e) {
                if (DatabaseFailure.of(e).isPermanent()) {
                    log.error("Writer {}: the database refused even the dead letter of a {} message on '{}' ({}); "
                            + "it is dropped: {}", name, item.kind(), item.topic(), DatabaseFailure.reason(e), item);
                    events.dropped(item, reason);
                    item.acknowledge();
                    return;
                }
                retrying(e, 1);
            }
            pause = pause(pause);
        }
    }

    private void retrying(Throwable failure, int size) {
        events.retried(failure);
        failuresInARow++;
        if (failuresInARow == 1) {
            log.warn("Writer {}: could not store {} message(s) ({}); writing again until it works. Nothing is "
                    + "acknowledged before it is stored.", name, size, DatabaseFailure.reason(failure));
        } else {
            limitedLog.warn("retry", "Writer {}: storing still fails after {} attempts ({}).", name, failuresInARow,
                    DatabaseFailure.reason(failure));
        }
    }

    private void recovered() {
        if (failuresInARow > 0) {
            log.info("Writer {}: storing works again after {} failed attempt(s).", name, failuresInARow);
            failuresInARow = 0;
        }
    }

    /**
     * Sleeps {@code millis}; returns the next, doubled pause. Once the writer is stopping, a failed
     * write is not tried again: the thread ends and the broker delivers the rest after the restart.
     */
    private long pause(long millis) throws InterruptedException {
        if (!running) {
            throw new InterruptedException("writer " + name + " stopped");
        }
        Thread.sleep(millis);
        return Math.min(MAX_PAUSE.toMillis(), millis * 2);
    }
}
