package io.bemcom.api.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.bemcom.api.history.MessagesStored;
import io.bemcom.protocol.Decoded;
import io.bemcom.protocol.TopicRules;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.logging.RateLimitedLog;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.InboundMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The live push across the instances of a shared-ingestion group (issue 20): the broker hands each
 * connector message to one instance, so each instance relays what it stored to the others, over
 * the broker (services talk only over MQTT), and feeds what the others relay into its own
 * {@link LiveHub}, where the subscriptions decide who gets what, as for its own messages.
 *
 * <ul>
 *   <li>Publishing: after each commit, the batch goes to {@link Topics#liveRelay} {@code
 *       <prefix>/<group>/<MQTT_CLIENT_ID>}, QoS 1, not retained (one publication per batch, whether
 *       or not anyone listens: the writer cannot know).</li>
 *   <li>Listening: {@link Topics#liveRelayFilter} {@code <prefix>/<group>/+}, not shared, only
 *       while this instance has at least one live client; its own topic is ignored.</li>
 * </ul>
 *
 * Only in shared mode: {@code MqttIngestion} attaches its broker client (the service's one MQTT
 * session for data) when it shares the ingestion, and nothing is attached otherwise, so a single
 * instance neither publishes nor subscribes anything more.
 */
@Component
public class LiveRelay implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveRelay.class);
    private static final RateLimitedLog limitedLog = new RateLimitedLog(log, Duration.ofMinutes(1));
    /** Batches waiting for the publishing thread; a full queue drops (counted), never waits. */
    static final int PUBLISH_QUEUE_BATCHES = 1_000;

    private final LiveHub hub;
    private final String prefix;
    private final Counter published;
    private final Counter publishDropped;
    private final Counter received;
    private final Counter rejected;
    private final Counter duplicates;
    /** Subscribes and unsubscribes, one change at a time, off the threads that add or remove clients. */
    private final ExecutorService control;
    private volatile Attachment attachment;
    /** Per other instance's topic: its epoch and the last sequence number pushed. */
    private final Map<String, long[]> lastSeen = new ConcurrentHashMap<>();

    /** The broker client of one start of MqttIngestion, and what belongs to it. */
    private static final class Attachment {
        final BrokerClient client;
        final String ownTopic;
        final String filter;
        /** One thread, so that this instance's batches are published in commit order. */
        final ThreadPoolExecutor publisher;
        final long epoch = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        long sequence;
        volatile boolean subscribed;
        volatile boolean listening;

        Attachment(BrokerClient client, String ownTopic, String filter) {
            this.client = client;
            this.ownTopic = ownTopic;
            this.filter = filter;
            this.publisher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(PUBLISH_QUEUE_BATCHES), runnable -> daemon(runnable, "live-relay-publisher"));
        }
    }

    public LiveRelay(LiveHub hub, Environment environment, MeterRegistry meters) {
        this.hub = hub;
        this.prefix = prefix(environment.getProperty("LIVE_RELAY_TOPIC_PREFIX", Topics.LIVE_RELAY_PREFIX));
        this.published = Counter.builder("bemcom.api.live.relay.published")
                .description("Stored batches relayed to the other instances of the shared-ingestion group")
                .register(meters);
        this.publishDropped = Counter.builder("bemcom.api.live.relay.dropped")
                .description("Stored batches not relayed: the relay's queue was full or the broker client refused them")
                .register(meters);
        this.received = Counter.builder("bemcom.api.live.relay.received")
                .description("Messages another instance stored, pushed to this instance's live clients").register(meters);
        this.rejected = Counter.builder("bemcom.api.live.relay.rejected")
                .description("Relay payloads that were not valid relay messages").register(meters);
        this.duplicates = Counter.builder("bemcom.api.live.relay.duplicates")
                .description("Relay batches delivered a second time (or late) by the broker, not pushed again")
                .register(meters);
        this.control = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, "live-relay-subscriptions"));
        hub.onDemandChange(this::demandChanged);
    }

    private static String prefix(String configured) {
        String value = configured == null || configured.isBlank() ? Topics.LIVE_RELAY_PREFIX : configured.strip();
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.isEmpty() || TopicRules.topicNameProblem(value).isPresent()) {
            throw new ConfigurationException("LIVE_RELAY_TOPIC_PREFIX must be a topic without wildcards, got '"
                    + configured + "'.");
        }
        return value;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    // ------------------------------------------------------------------ attach / detach

    /**
     * Shared mode: relays through {@code client} from now on (called by MqttIngestion at start,
     * before it connects). An instance id that cannot be a topic level leaves the relay off, with
     * an error line: live clients then see only this instance's share, as before.
     */
    public synchronized void attach(BrokerClient client, String group, String instanceId) {
        String ownTopic;
        String filter;
        try {
            ownTopic = Topics.liveRelay(prefix, group, instanceId);
            filter = Topics.liveRelayFilter(prefix, group);
        } catch (IllegalArgumentException e) {
            log.error("The live push stays per instance: MQTT_CLIENT_ID and MQTT_SHARED_SUBSCRIPTION_GROUP must each "
                    + "be one topic level for the relay topic ({}).", e.getMessage());
            return;
        }
        Attachment fresh = new Attachment(client, ownTopic, filter);
        attachment = fresh;
        lastSeen.clear();
        // Subscribed at first whatever the clients: the persistent session may hold the relay
        // subscription of a run that crashed with live clients, and only an unsubscribe on this
        // connection ends it; {@link #afterConnect} then keeps it only if there are clients.
        subscribe(fresh);
        log.info("Live push relayed within the group on '{}' (published on '{}').", filter, ownTopic);
    }

    /** After MqttIngestion's connect: subscribed from now on only while there are live clients. */
    public void afterConnect() {
        reconcile();
    }

    /**
     * Before the broker client closes: hands the batches still queued to the client (for at most
     * {@code drain}; what is left is counted as dropped) and unsubscribes.
     */
    public void detach(Duration drain) {
        Attachment current;
        synchronized (this) {
            current = attachment;
            attachment = null;
            if (current == null) {
                return;
            }
            if (current.subscribed) {
                current.client.unsubscribe(current.filter);
                current.subscribed = false;
                current.listening = false;
            }
        }
        current.publisher.shutdown();
        try {
            if (!current.publisher.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
                List<Runnable> left = current.publisher.shutdownNow();
                publishDropped.increment(left.size());
                log.warn("{} stored batch(es) not relayed to the other instances: the service is stopping.", left.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.publisher.shutdownNow();
        }
    }

    @Override
    public void destroy() {
        control.shutdownNow();
    }

    /** Whether the relay filter is subscribed and confirmed by the broker (while there are live clients). */
    public boolean isListening() {
        Attachment current = attachment;
        return current != null && current.listening;
    }

    /** Whether this instance relays (shared mode, attached). */
    public boolean isActive() {
        return attachment != null;
    }

    // ------------------------------------------------------------------ publishing

    /**
     * After ingestion's commit, on the writer thread: hands the batch to the relay's own thread.
     * Never on the writer thread itself, because {@link BrokerClient#publish} may wait (up to its
     * publish timeout, 60 s) while 10,000 publications are unacknowledged; the hand-off never waits
     * either: with {@link #PUBLISH_QUEUE_BATCHES} batches queued the batch is dropped and counted
     * (the live push is at most once; the history routes have every stored message).
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void onStored(MessagesStored stored) {
        Attachment current = attachment;
        if (current == null || stored.messages().isEmpty()) {
            return;
        }
        try {
            current.publisher.execute(() -> publish(current, stored));
        } catch (RejectedExecutionException full) {
            publishDropped.increment();
            if (current.publisher.isShutdown()) {
                return; // stopping (detach): counted, the stop's own line says so
            }
            limitedLog.warn("queue_full", "A stored batch was not relayed to the other instances' live push: {} "
                    + "batches wait for the broker (counted in bemcom.api.live.relay.dropped).", PUBLISH_QUEUE_BATCHES);
        }
    }

    private void publish(Attachment current, MessagesStored stored) {
        try {
            byte[] payload = LiveRelayCodec.encode(stored, current.epoch, ++current.sequence);
            if (current.client.publish(current.ownTopic, 1, false, payload)) {
                published.increment();
            } else {
                publishDropped.increment(); // the client logged why
            }
        } catch (RuntimeException e) {
            publishDropped.increment();
            limitedLog.warn("publish_error", "Could not relay a stored batch: {}", e.toString());
        }
    }

    // ------------------------------------------------------------------ listening

    private void demandChanged() {
        try {
            control.execute(this::reconcile);
        } catch (RejectedExecutionException e) {
            log.debug("Live relay stopped; subscription not changed.");
        }
    }

    /**
     * Subscribed exactly while there are live clients. At QoS 0, on purpose: the session is
     * persistent and acknowledges by hand, so a QoS 1 subscription left behind (an unsubscribe that
     * could not reach the broker, a crash) would fill the broker's in-flight window of this
     * instance with relay messages nobody acknowledges and stall its ingestion; and a relay
     * message is worth nothing once late, so a broker need not keep any for a disconnected
     * instance. The publication itself is QoS 1: the broker gets it even across the publisher's
     * reconnect.
     */
    private synchronized void reconcile() {
        Attachment current = attachment;
        if (current == null) {
            return;
        }
        boolean wanted = hub.clients() > 0;
        if (wanted && !current.subscribed) {
            subscribe(current);
        } else if (!wanted && current.subscribed) {
            current.subscribed = false;
            current.listening = false;
            current.client.unsubscribe(current.filter);
            lastSeen.clear();
        }
    }

    private void subscribe(Attachment current) {
        current.subscribed = true;
        current.client.subscribeBytes(current.filter, 0, this::onRelay).whenComplete((ok, failure) -> {
            if (failure == null) {
                current.listening = current.subscribed;
            }
        });
    }

    /** On the broker client's delivery thread: decodes and offers to the hub, never waits, never throws. */
    private void onRelay(InboundMessage<byte[]> inbound) {
        inbound.acknowledge();
        Attachment current = attachment;
        if (current == null || inbound.topic().equals(current.ownTopic) || hub.clients() == 0) {
            return;
        }
        try {
            Decoded<LiveRelayCodec.Relayed> decoded = LiveRelayCodec.decode(inbound.message());
            if (!decoded.isValid()) {
                rejected.increment();
                limitedLog.warn("malformed:" + inbound.topic(), "Ignored a live relay message on '{}': {} (counted in "
                        + "bemcom.api.live.relay.rejected).", inbound.topic(), decoded.error());
                return;
            }
            LiveRelayCodec.Relayed relayed = decoded.message();
            if (!firstDelivery(inbound.topic(), relayed)) {
                duplicates.increment();
                return;
            }
            received.increment(relayed.batch().messages().size());
            hub.push(relayed.batch());
        } catch (RuntimeException e) {
            rejected.increment();
            limitedLog.warn("error:" + inbound.topic(), "Could not push a live relay message on '{}': {}",
                    inbound.topic(), e.toString());
        }
    }

    /**
     * False for a batch the broker delivers once more (QoS 1 publications may be sent twice after
     * the publisher's reconnect): its sequence number is not above the last one of that instance's
     * epoch. One thread delivers; the map only forgets at unsubscribe.
     */
    private boolean firstDelivery(String topic, LiveRelayCodec.Relayed relayed) {
        long[] last = lastSeen.get(topic);
        if (last != null && last[0] == relayed.epoch() && relayed.sequence() <= last[1]) {
            return false;
        }
        lastSeen.put(topic, new long[] {relayed.epoch(), relayed.sequence()});
        return true;
    }
}
