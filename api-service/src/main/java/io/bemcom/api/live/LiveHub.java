package io.bemcom.api.live;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.bemcom.api.datapoint.DatapointRegistry;
import io.bemcom.api.history.MessagesStored;
import io.bemcom.api.history.StoredMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The live push: clients subscribe to datapoint ids and kinds (values, schedules, setpoints) and get
 * every message ingestion has committed. The hand-off from ingestion never waits: after a batch is
 * committed ({@link MessagesStored}), each message is offered to the bounded queue of every
 * subscription that wants it, and a sender thread (pool of {@code LIVE_SENDER_THREADS}) drains the
 * queue into the client's connection. A client whose queue ({@code LIVE_QUEUE_CAPACITY} messages)
 * is full is dropped with {@link LiveSubscription#SLOW_CLIENT}. Who may subscribe to what is the
 * caller's check (the REST gate and the admin session), done before {@link #subscribe}. In a
 * shared-ingestion group the batches the other instances stored arrive through {@link LiveRelay}
 * and take the same path ({@link #push}).
 */
@Component
public class LiveHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

    private final DatapointRegistry registry;
    private final int queueCapacity;
    private final ExecutorService senders;
    private final ExecutorService closers;
    private final Map<Long, Set<LiveSubscription>> byDatapoint = new ConcurrentHashMap<>();
    private final Set<LiveSubscription> all = ConcurrentHashMap.newKeySet();
    private final Counter pushed;
    private final Counter dropped;
    private volatile boolean running;
    /** Told when the first client arrives and when the last one leaves (the {@link LiveRelay}). */
    private volatile Runnable demandListener = () -> { };

    public LiveHub(DatapointRegistry registry, Environment environment, MeterRegistry meters) {
        this.registry = registry;
        this.queueCapacity = Math.max(1, environment.getProperty("LIVE_QUEUE_CAPACITY", Integer.class, 1000));
        int threads = Math.max(1, environment.getProperty("LIVE_SENDER_THREADS", Integer.class, 8));
        AtomicInteger number = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(threads, r -> daemon(r, "live-push-sender-" + number.incrementAndGet()));
        this.closers = Executors.newCachedThreadPool(r -> daemon(r, "live-push-closer"));
        meters.gauge("bemcom.api.live.clients", all, Collection::size);
        this.pushed = Counter.builder("bemcom.api.live.pushed").description("Messages handed to live-push clients")
                .register(meters);
        this.dropped = Counter.builder("bemcom.api.live.dropped")
                .description("Live-push clients dropped because they read too slowly").register(meters);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    public int queueCapacity() {
        return queueCapacity;
    }

    /** Subscribes; the caller has checked that {@code who} may read these datapoints and kinds. */
    public LiveSubscription subscribe(String who, Set<Long> datapointIds, Set<io.bemcom.api.history.MessageTable> tables,
                                      LiveSubscription.Sink sink) {
        LiveSubscription subscription = new LiveSubscription(who, datapointIds, tables, queueCapacity, sink);
        all.add(subscription);
        for (Long id : subscription.datapointIds()) {
            byDatapoint.computeIfAbsent(id, k -> new CopyOnWriteArraySet<>()).add(subscription);
        }
        if (all.size() == 1) {
            demandListener.run();
        }
        return subscription;
    }

    /** Ends a subscription (the client has gone); nothing more is sent. */
    public void unsubscribe(LiveSubscription subscription) {
        subscription.markClosed();
        remove(subscription);
    }

    private void remove(LiveSubscription subscription) {
        boolean removed = all.remove(subscription);
        for (Long id : subscription.datapointIds()) {
            byDatapoint.computeIfPresent(id, (k, set) -> {
                set.remove(subscription);
                return set.isEmpty() ? null : set;
            });
        }
        if (removed && all.isEmpty()) {
            demandListener.run();
        }
    }

    /**
     * {@code listener} runs (on the caller's thread; it must not wait) whenever the number of
     * clients may have changed from none to some or back: it reads {@link #clients()} itself.
     */
    void onDemandChange(Runnable listener) {
        this.demandListener = listener;
    }

    public int clients() {
        return all.size();
    }

    public double droppedCount() {
        return dropped.count();
    }

    /** After ingestion's commit, on the writer thread: offers only, never waits. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void onStored(MessagesStored stored) {
        push(stored);
    }

    /**
     * Offers committed messages to the clients that want them, never waiting: what this instance
     * stored ({@link #onStored}) and what another instance of a shared-ingestion group stored
     * ({@link LiveRelay}, on the broker client's delivery thread).
     */
    void push(MessagesStored stored) {
        if (all.isEmpty()) {
            return;
        }
        for (StoredMessage message : stored.messages()) {
            Set<LiveSubscription> subscribers = byDatapoint.get(message.datapointId());
            if (subscribers == null) {
                continue;
            }
            LiveSubscription.Pushed item = null;
            for (LiveSubscription subscription : subscribers) {
                if (!subscription.tables().contains(stored.table()) || subscription.isClosed()) {
                    continue;
                }
                if (item == null) {
                    boolean numeric = registry.active(message.datapointId())
                            .map(DatapointRegistry.ActiveDatapoint::isNumeric).orElse(false);
                    item = new LiveSubscription.Pushed(stored.table(), message, numeric);
                }
                if (!subscription.offer(item)) {
                    drop(subscription);
                    continue;
                }
                pushed.increment();
                if (subscription.markScheduled()) {
                    senders.execute(() -> {
                        if (!subscription.drain()) {
                            unsubscribe(subscription);
                        }
                    });
                }
            }
        }
    }

    private void drop(LiveSubscription subscription) {
        String reason = String.format(LiveSubscription.SLOW_CLIENT, subscription.capacity());
        // The close may wait for the client: never on ingestion's thread.
        if (!subscription.closeLater(reason, closers)) {
            return;
        }
        remove(subscription);
        dropped.increment();
        log.warn("Dropped the live-push client {}: {}.", subscription.who(), reason);
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every subscription before the web server shuts down, so that its graceful shutdown need not wait. */
    @Override
    public void stop() {
        running = false;
        for (LiveSubscription subscription : List.copyOf(all)) {
            if (subscription.closeLater("the service is shutting down", closers)) {
                remove(subscription);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
