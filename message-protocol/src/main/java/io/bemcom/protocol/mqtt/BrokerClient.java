package io.bemcom.protocol.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.bemcom.protocol.BemcomMessage;
import io.bemcom.protocol.DecodeError;
import io.bemcom.protocol.Decoded;
import io.bemcom.protocol.MessageCodec;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The broker client every BEMCom service uses (Eclipse Paho, MQTT 3.1.1).
 *
 * <ul>
 *   <li>Reconnects by itself with a doubling, capped wait and restores every subscription after
 *       each reconnect, so callers never re-subscribe. Each reconnect uses a fresh Paho client:
 *       Paho 1.2.5's own automatic reconnect can hang for good after a broker restart (its
 *       connect thread waits forever in {@code CommsSender.start}; seen in our tests).</li>
 *   <li>Decodes payloads with the caller's decoder; a payload that does not decode is logged with
 *       topic and reason, counted, acknowledged and skipped. A handler that throws is logged and
 *       counted too: nothing escapes into Paho's threads.</li>
 *   <li>Optionally keeps a persistent session and acknowledges a QoS 1/2 message only when the
 *       handler says it is handled ({@link ClientOptions#manualAcknowledge()}).</li>
 *   <li>Publishes with QoS/retain per message kind ({@link Delivery}); waits, rather than drops,
 *       when the in-flight window is full; keeps QoS 1/2 publications made while disconnected
 *       and sends them in order after the reconnect.</li>
 * </ul>
 */
public final class BrokerClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerClient.class);
    private static final long PUBLISH_BACKPRESSURE_TIMEOUT_MS = 60_000;
    private static final long CONNECT_TIMEOUT_MS = 15_000;
    private static final long SUBSCRIBE_TIMEOUT_MS = 10_000;
    private static final long INITIAL_RECONNECT_DELAY_MS = 500;
    private static final long CLOSE_DRAIN_TIMEOUT_MS = 10_000;

    private final BrokerSettings settings;
    private final ClientOptions options;
    private final BrokerMetrics metrics;
    private final SessionStore sessionStore = new SessionStore();
    private final Map<String, Subscription<?>> subscriptions = new ConcurrentHashMap<>();
    /** Subscriptions without wildcards by topic: most messages are found here without a scan. */
    private final Map<String, Subscription<?>> exactSubscriptions = new ConcurrentHashMap<>();
    private final OfflineBuffer offlineBuffer;
    private final ScheduledExecutorService maintenance;
    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile MqttAsyncClient paho;
    private volatile boolean flushing;
    private long reconnectDelayMs = INITIAL_RECONNECT_DELAY_MS;

    /**
     * A client that is not connected yet. Subscribe first, then {@link #connect()}: a persistent
     * session's queued messages arrive right after connecting, and they need their handlers.
     */
    public BrokerClient(BrokerSettings settings, ClientOptions options, MeterRegistry registry) {
        this.settings = settings;
        this.options = options;
        this.metrics = new BrokerMetrics(registry);
        this.offlineBuffer = new OfflineBuffer(options.offlineBuffer());
        this.maintenance = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mqtt-maintenance-" + options.clientId());
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder("bemcom.mqtt.connected", connected, flag -> flag.get() ? 1 : 0)
                .description("1 while connected to the MQTT broker")
                .register(registry);
    }

    /**
     * Connects and returns the client; throws {@link BrokerException} with a clear message when
     * the broker cannot be reached. Later connection losses are repaired automatically.
     */
    public static BrokerClient connect(BrokerSettings settings, ClientOptions options, MeterRegistry registry) {
        BrokerClient brokerClient = new BrokerClient(settings, options, registry);
        brokerClient.connect();
        return brokerClient;
    }

    /**
     * Connects; when it returns, the subscriptions made so far are confirmed by the broker.
     * Throws {@link BrokerException} when the broker cannot be reached.
     */
    public void connect() {
        MqttAsyncClient client = newPahoClient();
        paho = client;
        try {
            client.connect(connectOptions()).waitForCompletion(CONNECT_TIMEOUT_MS);
        } catch (MqttException e) {
            closePaho(client);
            throw new BrokerException("Could not connect to the MQTT broker at " + settings.serverUri() + ": "
                    + describe(e), e);
        }
        log.info("Connected to the MQTT broker at {} as '{}' ({} session).", settings.serverUri(),
                options.clientId(), options.persistentSession() ? "persistent" : "clean");
        try {
            onConnected().get(SUBSCRIBE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.warn("The broker did not confirm every subscription within {} s: {}", SUBSCRIBE_TIMEOUT_MS / 1000,
                    e.toString());
        }
    }

    /**
     * Ends the persistent session {@code clientId} on the broker (a clean-session connect with that
     * id), so the broker stops keeping messages for it.
     */
    public static void endPersistentSession(BrokerSettings settings, String clientId, MeterRegistry registry) {
        ClientOptions clean = ClientOptions.defaults().withClientId(clientId);
        try (BrokerClient client = connect(settings, clean, registry)) {
            log.info("Ended the persistent session '{}'.", clientId);
        }
    }

    private MqttAsyncClient newPahoClient() {
        try {
            MqttAsyncClient client = new MqttAsyncClient(settings.serverUri(), options.clientId(), sessionStore);
            client.setManualAcks(options.manualAcknowledge());
            client.setCallback(new Callbacks(client));
            return client;
        } catch (MqttException e) {
            throw new BrokerException("Invalid MQTT broker address " + settings.serverUri() + ": " + e.getMessage(), e);
        }
    }

    private MqttConnectOptions connectOptions() {
        MqttConnectOptions connectOptions = new MqttConnectOptions();
        connectOptions.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        connectOptions.setCleanSession(!options.persistentSession());
        connectOptions.setAutomaticReconnect(false); // see the class comment: we reconnect ourselves
        connectOptions.setMaxInflight(options.maxInflight());
        connectOptions.setKeepAliveInterval(30);
        connectOptions.setConnectionTimeout(10);
        if (settings.username() != null) {
            connectOptions.setUserName(settings.username());
        }
        if (settings.password() != null) {
            connectOptions.setPassword(settings.password().toCharArray());
        }
        connectOptions.setSocketFactory(settings.useTls() ? TlsSocketFactories.trusting(settings.caFile())
                : BufferedSocketFactory.INSTANCE);
        return connectOptions;
    }

    /** Marks the connection up, restores the subscriptions and sends what was kept meanwhile. */
    private CompletableFuture<Void> onConnected() {
        applyLogContext();
        synchronized (offlineBuffer) {
            flushing = offlineBuffer.size() > 0;
            connected.set(true);
        }
        if (flushing) {
            maintenance.execute(this::flushOfflineBuffer);
        }
        return sendSubscribe(List.copyOf(subscriptions.values()));
    }

    private void scheduleReconnect() {
        if (closed.get()) {
            return;
        }
        try {
            maintenance.schedule(this::reconnect, reconnectDelayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closed meanwhile
        }
    }

    private void reconnect() {
        if (closed.get() || connected.get()) {
            return;
        }
        closePaho(paho);
        MqttAsyncClient fresh = newPahoClient();
        paho = fresh;
        try {
            fresh.connect(connectOptions()).waitForCompletion(CONNECT_TIMEOUT_MS);
        } catch (MqttException e) {
            closePaho(fresh);
            log.debug("Reconnecting to {} failed: {}", settings.serverUri(), describe(e));
            reconnectDelayMs = Math.min(reconnectDelayMs * 2, options.maxReconnectDelay().toMillis());
            scheduleReconnect();
            return;
        }
        reconnectDelayMs = INITIAL_RECONNECT_DELAY_MS;
        metrics.reconnected();
        log.info("Reconnected to the MQTT broker at {}; restoring {} subscription(s).", settings.serverUri(),
                subscriptions.size());
        onConnected();
    }

    // ------------------------------------------------------------------ subscribing

    /**
     * Subscribes {@code filter} (wildcards and {@code $share/<group>/} allowed) and hands every
     * message that decodes to {@code handler}. The subscription is restored after every reconnect.
     *
     * @return completes when the broker has confirmed the subscription (at once when not connected;
     *         {@link #connect()} then waits for it)
     */
    public <T> CompletableFuture<Void> subscribe(String filter, int qos, Function<byte[], Decoded<T>> decoder,
                                                 InboundHandler<T> handler) {
        String matchFilter = withoutSharePrefix(filter);
        MqttTopic.validate(matchFilter, true);
        Subscription<T> subscription = new Subscription<>(filter, matchFilter, qos, decoder, handler);
        subscriptions.put(filter, subscription);
        if (isExact(filter)) {
            exactSubscriptions.put(filter, subscription);
        }
        return sendSubscribe(List.of(subscription));
    }

    /** Subscribes and hands the raw payload bytes to {@code handler}. */
    public CompletableFuture<Void> subscribeBytes(String filter, int qos, InboundHandler<byte[]> handler) {
        return subscribe(filter, qos, Decoded::valid, handler);
    }

    /** Removes a subscription. */
    public void unsubscribe(String filter) {
        if (subscriptions.remove(filter) == null) {
            return;
        }
        exactSubscriptions.remove(filter);
        MqttAsyncClient client = paho;
        if (connected.get() && client != null) {
            try {
                client.unsubscribe(filter);
            } catch (MqttException e) {
                log.warn("Could not unsubscribe from '{}': {}", filter, describe(e));
            }
        }
    }

    public boolean isSubscribed(String filter) {
        return subscriptions.containsKey(filter);
    }

    private static boolean isExact(String filter) {
        return !filter.startsWith("$share/") && !filter.contains("+") && !filter.contains("#");
    }

    private CompletableFuture<Void> sendSubscribe(List<Subscription<?>> toSend) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        MqttAsyncClient client = paho;
        if (toSend.isEmpty() || !connected.get() || client == null) {
            // Nothing to send now; the next connect subscribes everything registered.
            done.complete(null);
            return done;
        }
        String[] filters = toSend.stream().map(Subscription::filter).toArray(String[]::new);
        int[] qos = toSend.stream().mapToInt(Subscription::qos).toArray();
        try {
            client.subscribe(filters, qos, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] granted = token.getGrantedQos();
                    for (int i = 0; granted != null && i < granted.length && i < filters.length; i++) {
                        if (granted[i] == 0x80) {
                            log.error("The broker refused the subscription to '{}'.", filters[i]);
                        }
                    }
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    log.warn("Subscribing to {} failed: {}; retried after the next reconnect.",
                            List.of(filters), failure.toString());
                    done.completeExceptionally(failure);
                }
            });
        } catch (MqttException e) {
            log.warn("Subscribing to {} failed: {}; retried after the next reconnect.", List.of(filters),
                    describe(e));
            done.completeExceptionally(e);
        }
        return done;
    }

    // ------------------------------------------------------------------ publishing

    /** Publishes a protocol message with the QoS and retain flag of {@code delivery}. */
    public boolean publish(String topic, Delivery delivery, BemcomMessage message) {
        return publish(topic, delivery.qos(), delivery.retained(), MessageCodec.encode(message));
    }

    /** Publishes raw bytes with the QoS and retain flag of {@code delivery}. */
    public boolean publish(String topic, Delivery delivery, byte[] payload) {
        return publish(topic, delivery.qos(), delivery.retained(), payload);
    }

    /** Removes the retained message of {@code topic} (an empty retained payload). */
    public boolean clearRetained(String topic) {
        return publish(topic, 1, true, new byte[0]);
    }

    /**
     * Publishes. While disconnected, QoS 1/2 publications are kept and sent after the reconnect
     * (QoS 0 ones, e.g. heartbeats, are stale by then and are dropped). When the in-flight window
     * is full it waits for the broker to catch up (back-pressure) instead of dropping.
     *
     * @return false when the message could not be sent or kept (logged and counted)
     */
    public boolean publish(String topic, int qos, boolean retained, byte[] payload) {
        OfflineBuffer.Publication publication = new OfflineBuffer.Publication(topic, payload, qos, retained);
        synchronized (offlineBuffer) {
            if (!connected.get() || flushing) {
                return keep(publication);
            }
        }
        return send(publication);
    }

    private boolean keep(OfflineBuffer.Publication publication) {
        if (closed.get() || publication.qos() == 0 || !offlineBuffer.offer(publication)) {
            metrics.publishFailed(publication.topic());
            log.debug("Not connected: dropped a publication to '{}'.", publication.topic());
            return false;
        }
        return true;
    }

    private boolean send(OfflineBuffer.Publication publication) {
        long deadline = System.currentTimeMillis() + PUBLISH_BACKPRESSURE_TIMEOUT_MS;
        while (true) {
            MqttAsyncClient client = paho;
            try {
                client.publish(publication.topic(), publication.payload(), publication.qos(), publication.retained());
                metrics.published(publication.topic());
                return true;
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT
                        && System.currentTimeMillis() < deadline) {
                    pause();
                    continue;
                }
                if (!connected.get() || e.getReasonCode() == MqttException.REASON_CODE_CLIENT_NOT_CONNECTED) {
                    synchronized (offlineBuffer) {
                        return keep(publication);
                    }
                }
                metrics.publishFailed(publication.topic());
                log.warn("Could not publish to '{}': {}", publication.topic(), describe(e));
                return false;
            } catch (RuntimeException e) {
                metrics.publishFailed(publication.topic());
                log.warn("Could not publish to '{}': {}", publication.topic(), e.toString());
                return false;
            }
        }
    }

    private void flushOfflineBuffer() {
        while (connected.get()) {
            OfflineBuffer.Publication next;
            synchronized (offlineBuffer) {
                next = offlineBuffer.poll();
                if (next == null) {
                    flushing = false;
                    return;
                }
            }
            send(next);
        }
    }

    private static void pause() {
        try {
            TimeUnit.MICROSECONDS.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ state

    public boolean isConnected() {
        return connected.get();
    }

    public BrokerSettings settings() {
        return settings;
    }

    public ClientOptions options() {
        return options;
    }

    /**
     * Closes the connection. What was published before is sent first: close waits (up to 10 s)
     * until the broker has acknowledged every QoS 1/2 publication still in flight, since
     * {@code publish} only hands messages to the client.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        awaitPendingDeliveries();
        maintenance.shutdownNow();
        MqttAsyncClient client = paho;
        if (client != null) {
            try {
                if (client.isConnected()) {
                    client.disconnect(2_000).waitForCompletion(3_000);
                }
            } catch (MqttException e) {
                log.debug("Disconnect from the broker failed: {}", describe(e));
            }
            closePaho(client);
        }
        connected.set(false);
    }

    private void awaitPendingDeliveries() {
        long deadline = System.currentTimeMillis() + CLOSE_DRAIN_TIMEOUT_MS;
        MqttAsyncClient client = paho;
        while (client != null && connected.get() && System.currentTimeMillis() < deadline
                && (flushing || hasPendingDeliveries(client))) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Whether publications still await the broker's acknowledgement. The in-flight count is cheap;
     * the token list (which also holds what is queued but not yet sent) is a copy of up to
     * {@code maxInflight} tokens, so it is only asked for when nothing is in flight.
     */
    private static boolean hasPendingDeliveries(MqttAsyncClient client) {
        return client.getInFlightMessageCount() > 0 || client.getPendingDeliveryTokens().length > 0;
    }

    private static void closePaho(MqttAsyncClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1_000);
            }
        } catch (MqttException | RuntimeException e) {
            log.debug("Forced disconnect failed: {}", e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            log.debug("Closing the MQTT client failed: {}", e.toString());
        }
    }

    private static String describe(MqttException e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        return message + (cause == null ? "" : " (" + cause + ")") + " [reason " + e.getReasonCode() + "]";
    }

    private static String withoutSharePrefix(String filter) {
        if (filter.startsWith("$share/")) {
            int groupEnd = filter.indexOf('/', "$share/".length());
            if (groupEnd < 0) {
                throw new IllegalArgumentException("shared subscription without a filter: " + filter);
            }
            return filter.substring(groupEnd + 1);
        }
        return filter;
    }

    /** Paho's threads belong to this client alone, so the context can simply stay set. */
    private void applyLogContext() {
        options.logContext().forEach(MDC::put);
    }

    // ------------------------------------------------------------------ delivery

    /** The callbacks of one Paho client; events of a client that was replaced are ignored. */
    private final class Callbacks implements MqttCallback {

        private final MqttAsyncClient owner;

        Callbacks(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void connectionLost(Throwable cause) {
            applyLogContext();
            if (owner != paho || closed.get()) {
                return;
            }
            synchronized (offlineBuffer) {
                connected.set(false);
            }
            log.warn("Lost the connection to the MQTT broker at {} ({}); reconnecting.", settings.serverUri(),
                    cause == null ? "no reason given" : cause.toString());
            scheduleReconnect();
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            applyLogContext();
            try {
                dispatch(owner, topic, message);
            } catch (RuntimeException e) {
                // Last line of defence: Paho closes the connection when a callback throws.
                log.error("Unexpected error while handling a message on '{}'", topic, e);
                metrics.rejected(topic, "handler_error");
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Delivery is tracked by the broker's acknowledgements; nothing to do.
        }
    }

    private void dispatch(MqttAsyncClient owner, String topic, MqttMessage message) {
        metrics.received(topic);
        List<Subscription<?>> matching = new ArrayList<>(1);
        Subscription<?> exact = exactSubscriptions.get(topic);
        if (exact != null) {
            matching.add(exact);
        }
        for (Subscription<?> subscription : subscriptions.values()) {
            if (subscription != exact && !subscription.exact && subscription.matches(topic)) {
                matching.add(subscription);
            }
        }
        if (matching.isEmpty()) {
            // Not acknowledged: with manual acknowledgement the broker offers it again later.
            log.debug("No subscription for a message on '{}'; ignored.", topic);
            metrics.rejected(topic, "no_subscription");
            return;
        }
        InboundMessage.Acknowledgement ack = acknowledgementFor(owner, message, matching.size());
        for (Subscription<?> subscription : matching) {
            subscription.deliver(topic, message, ack);
        }
    }

    /** An acknowledgement that is sent once all {@code parts} subscriptions have acknowledged. */
    private InboundMessage.Acknowledgement acknowledgementFor(MqttAsyncClient owner, MqttMessage message, int parts) {
        if (!options.manualAcknowledge() || message.getQos() == 0) {
            return () -> { };
        }
        AtomicInteger remaining = new AtomicInteger(parts);
        int id = message.getId();
        int qos = message.getQos();
        return () -> {
            if (remaining.get() <= 0 || remaining.decrementAndGet() != 0) {
                return;
            }
            // Every connection has its own Paho client, so the client that received the message
            // identifies its connection. Not a counter bumped after the connect: the broker sends a
            // persistent session's queued messages before our connect callback runs.
            if (owner != paho) {
                // The broker redelivers it on the new connection; that copy gets acknowledged.
                return;
            }
            try {
                owner.messageArrivedComplete(id, qos);
            } catch (MqttException | RuntimeException e) {
                log.debug("Could not acknowledge message {}: {}", id, e.toString());
            }
        };
    }

    private final class Subscription<T> {
        private final String filter;
        private final String matchFilter;
        private final boolean exact;
        private final int qos;
        private final Function<byte[], Decoded<T>> decoder;
        private final InboundHandler<T> handler;

        Subscription(String filter, String matchFilter, int qos, Function<byte[], Decoded<T>> decoder,
                     InboundHandler<T> handler) {
            this.filter = filter;
            this.matchFilter = matchFilter;
            this.exact = isExact(filter);
            this.qos = qos;
            this.decoder = decoder;
            this.handler = handler;
        }

        String filter() {
            return filter;
        }

        int qos() {
            return qos;
        }

        boolean matches(String topic) {
            return MqttTopic.isMatched(matchFilter, topic);
        }

        void deliver(String topic, MqttMessage message, InboundMessage.Acknowledgement ack) {
            Decoded<T> decoded;
            try {
                decoded = decoder.apply(message.getPayload());
            } catch (RuntimeException e) {
                decoded = Decoded.invalid("", "decoder failed: " + e);
            }
            if (!decoded.isValid()) {
                reject(topic, decoded.error());
                ack.acknowledge();
                return;
            }
            try {
                handler.handle(new InboundMessage<>(topic, decoded.message(), message.isRetained(), ack));
            } catch (Exception e) {
                // With manual acknowledgement the message stays unacknowledged: the broker offers
                // it again after the next reconnect, as for any message that was not handled.
                log.error("Handling the message on '{}' failed; the message is skipped.", topic, e);
                metrics.rejected(topic, "handler_error");
                if (!options.manualAcknowledge()) {
                    ack.acknowledge();
                }
            }
        }

        private void reject(String topic, DecodeError error) {
            if ("empty payload".equals(error.reason())) {
                // An empty retained message is how a retained topic is cleared.
                log.info("Ignored an empty message on '{}' (a cleared retained message).", topic);
                metrics.rejected(topic, "empty_payload");
                return;
            }
            log.warn("Rejected a malformed message on '{}': {}", topic, error);
            metrics.rejected(topic, error.category());
        }
    }
}
