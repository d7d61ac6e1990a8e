package io.bemcom.api.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.bemcom.api.history.MessageTable;
import io.bemcom.api.history.StoredMessage;

/**
 * One client's subscription: the datapoints and kinds it may and wants to receive, and a bounded
 * queue between ingestion and the client. Ingestion only offers to the queue (never waits); a
 * sender thread drains it into the {@link Sink}. When the queue is full the client is too slow: it
 * is dropped, and its sink closed with {@link #SLOW_CLIENT}.
 */
public final class LiveSubscription {

    /** What a subscription sends to: a WebSocket session or an event stream. */
    public interface Sink {
        /** Sends the messages in order; may block (on a sender thread, never on ingestion). */
        void send(List<Pushed> messages) throws Exception;

        /** Ends the connection with a reason the client sees (a close frame or a last event). */
        void close(String reason);
    }

    /** A stored message as pushed: its kind, the message, whether its datapoint is numeric. */
    public record Pushed(MessageTable table, StoredMessage message, boolean numeric) {
    }

    public static final String SLOW_CLIENT = "too slow: more than %d messages were waiting to be sent";

    private final Set<Long> datapointIds;
    private final Set<MessageTable> tables;
    private final Sink sink;
    private final ArrayBlockingQueue<Pushed> queue;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String who;
    private volatile String closeReason;

    LiveSubscription(String who, Set<Long> datapointIds, Set<MessageTable> tables, int capacity, Sink sink) {
        this.who = who;
        this.datapointIds = Set.copyOf(datapointIds);
        this.tables = Set.copyOf(tables);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.sink = sink;
    }

    public Set<Long> datapointIds() {
        return datapointIds;
    }

    public Set<MessageTable> tables() {
        return tables;
    }

    public String who() {
        return who;
    }

    public boolean isClosed() {
        return closed.get();
    }

    private final int capacity;

    int capacity() {
        return capacity;
    }

    /** Offers without waiting: false when the queue is full (the client is too slow). */
    boolean offer(Pushed pushed) {
        return queue.offer(pushed);
    }

    /** True when the caller should schedule a drain (none is scheduled yet). */
    boolean markScheduled() {
        return scheduled.compareAndSet(false, true);
    }

    /**
     * Sends what is queued; returns false if the sink failed (the client has gone). When the
     * subscription was closed with a reason meanwhile, the drain sends the close itself, after the
     * write under way: a client that reads again gets its data and then the reason.
     */
    boolean drain() {
        try {
            List<Pushed> batch = new ArrayList<>();
            while (true) {
                if (closed.get()) {
                    closeWithReason();
                    return true;
                }
                batch.clear();
                queue.drainTo(batch, 500);
                if (batch.isEmpty()) {
                    scheduled.set(false);
                    // A close or a message arriving right now found a drain scheduled: take it on.
                    if ((closed.get() || !queue.isEmpty()) && scheduled.compareAndSet(false, true)) {
                        continue;
                    }
                    return true;
                }
                sink.send(batch);
            }
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Closes with a reason (slow client, shutdown): at once when no drain runs, else by the drain
     * once its current write is done. Never waits. True for the first caller only.
     */
    boolean closeLater(String reason, java.util.concurrent.Executor closers) {
        closeReason = reason;
        if (!markClosed()) {
            return false;
        }
        if (markScheduled()) {
            closers.execute(this::closeWithReason);
        }
        return true;
    }

    private void closeWithReason() {
        String reason = closeReason;
        closeReason = null;
        if (reason != null) {
            sink.close(reason);
        }
    }

    /** Marks the subscription closed; true for the first caller only. */
    boolean markClosed() {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            return true;
        }
        return false;
    }

    Sink sink() {
        return sink;
    }
}
