package io.bemcom.protocol.mqtt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
import io.bemcom.protocol.TopicRules;
import io.bemcom.protocol.logging.RateLimitedLog;
import io.bemcom.protocol.mqtt.BrokerMetrics.PublishFailure;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The broker client every BEMCom service uses (Eclipse Paho, MQTT 3.1.1).
 *
 * <ul>
 *   <li>Reconnects by itself with a doubling, capped wait and restores every subscription after
 *       each reconnect, so callers never re-subscribe. Each reconnect uses a fresh Paho client:
 *       Paho 1.2.5's own automatic reconnect can hang for good after a broker restart (its
 *       connect thread waits forever in {@code CommsSender.start}; seen in our tests). The loop
 *       cannot end by an error: whatever an attempt throws is logged (WARN, at most once a minute)
 *       and the next attempt is scheduled; a watchdog schedules one if none is pending.</li>
 *   <li>Refuses, with a log line and a counter, a topic or filter that MQTT (or Paho's encoder) does
 *       not allow ({@link TopicRules}) before Paho sees it: one bad topic never breaks the
 *       connection.</li>
 *   <li>Decodes payloads with the caller's decoder; a payload that does not decode is logged with
 *       topic and reason, counted, acknowledged and skipped. A handler that throws is logged and
 *       counted too: nothing escapes into Paho's threads.</li>
 *   <li>Optionally keeps a persistent session and acknowledges a QoS 1/2 message only when the
 *       handler says it is handled ({@link ClientOptions#manualAcknowledge()}).</li>
 *   <li>Keeps every QoS 1/2 publication until the broker acknowledges it (PUBACK/PUBCOMP) and sends
 *       it again after a reconnect, whatever the session type ({@link SessionStore}); keeps QoS 1/2
 *       publications made while disconnected and sends them in order after the reconnect; waits,
 *       rather than drops, while {@code maxInflight} publications are unacknowledged.</li>
 *   <li>{@link #close(Duration)} waits until everything accepted is acknowledged, up to a limit
 *       the caller sets; what it still drops is logged and counted.</li>
 * </ul>
 */
public final class BrokerClient implements AutoCloseable {

    /** How long {@link #close()} waits for the broker to acknowledge what was published. */
    public static final Duration DEFAULT_CLOSE_DRAIN = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(BrokerClient.class);
    private static final long CONNECT_TIMEOUT_MS = 15_000;
    private static final long SUBSCRIBE_TIMEOUT_MS = 10_000;
    private static final long INITIAL_RECONNECT_DELAY_MS = 500;
    private static final long WATCHDOG_PERIOD_MS = 5_000;
    private static final Duration FAILURE_LOG_INTERVAL = Duration.ofMinutes(1);
    private static final Duration DROP_LOG_INTERVAL = Duration.ofSeconds(10);
    private static final String RECONNECT_FAILED = "reconnect_failed";

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
    /** {@link #close} has begun: new publications are refused, the drain goes on (reconnects too). */
    private final AtomicBoolean closing = new AtomicBoolean();
    /** {@link #close} has ended its drain: no more reconnects. */
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean reconnectPending = new AtomicBoolean();
    private final AtomicBoolean watchdogStarted = new AtomicBoolean();
    private final RateLimitedLog reconnectFailureLog = new RateLimitedLog(log, FAILURE_LOG_INTERVAL);
    /** One WARN line per reason and interval for dropped publications; the others are counted in it. */
    private final RateLimitedLog dropLog = new RateLimitedLog(log, DROP_LOG_INTERVAL);
    private volatile MqttAsyncClient paho;
    /** Guarded by {@code offlineBuffer}: the buffer is being sent, so new publications queue behind it. */
    private boolean flushing;
    /** Written by the maintenance thread, read where a lost connection is noticed. */
    private volatile long reconnectDelayMs = INITIAL_RECONNECT_DELAY_MS;
    private int failedAttempts;
    private long failingSinceMillis;
    /** When the last connection was lost (0 before the first loss): the start of a shared subscription's gap. */
    private volatile long lostAtMillis;

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
        Gauge.builder("bemcom.mqtt.publish.unacknowledged", this, BrokerClient::unacknowledged)
                .description("QoS 1/2 publications accepted and not yet acknowledged by the broker")
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
        startWatchdog();
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

    /**
     * Marks the connection up, restores the subscriptions and sends what waited meanwhile: first
     * what a clean session's previous connection left unacknowledged, then what was published while
     * disconnected. (A persistent session's Paho client sends its unacknowledged publications itself.)
     */
    private CompletableFuture<Void> onConnected() {
        applyLogContext();
        List<OfflineBuffer.Publication> forgotten = sessionStore.takeCleared();
        if (!forgotten.isEmpty()) {
            forgotten.forEach(publication -> metrics.resent(publication.topic()));
            log.info("Publishing again {} publication(s) the broker had not acknowledged when the connection ended.",
                    forgotten.size());
        }
        boolean flush;
        synchronized (offlineBuffer) {
            offlineBuffer.requeueFirst(forgotten);
            flushing = offlineBuffer.size() > 0;
            flush = flushing;
            connected.set(true);
        }
        // Subscriptions first: a broker that restarted has forgotten shared ones (below).
        CompletableFuture<Void> subscribed = sendSubscribe(List.copyOf(subscriptions.values()));
        if (flush) {
            maintenance.execute(this::flushOfflineBuffer);
        }
        noteSharedSubscriptionGap();
        return subscribed;
    }

    /**
     * After a reconnect with {@code $share/} subscriptions: says which window may have gone to no
     * member of the group. Mosquitto (2.0.11, 2.0.22 and 2.1.2 tried) restores a persistent
     * session's plain subscriptions after a restart but not its shared ones, so what was published
     * between the broker's return and this re-subscription reached nobody of the group. A network
     * interruption with the broker running loses nothing (the broker keeps the share queued).
     */
    private void noteSharedSubscriptionGap() {
        long lostAt = lostAtMillis;
        if (lostAt == 0 || subscriptions.keySet().stream().noneMatch(filter -> filter.startsWith("$share/"))) {
            return;
        }
        log.warn("Shared subscriptions restored after a lost connection ({} to {}). If the broker restarted "
                + "meanwhile, messages published between its return and now reached no member of the group "
                + "(Mosquitto does not keep shared subscriptions over a restart); recover them with a replay of "
                + "that window from the raw-message-db (docs/scaling.md).", Instant.ofEpochMilli(lostAt),
                Instant.now());
    }

    // ------------------------------------------------------------------ reconnecting

    /** Schedules the next reconnect attempt unless one is pending or the client is closed. */
    private void scheduleReconnect() {
        if (closed.get() || !reconnectPending.compareAndSet(false, true)) {
            return;
        }
        try {
            maintenance.schedule(this::reconnect, reconnectDelayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            reconnectPending.set(false); // closed meanwhile
        }
    }

    /** One reconnect attempt. Nothing it throws ends the loop: a failure schedules the next attempt. */
    private void reconnect() {
        reconnectPending.set(false);
        if (closed.get() || connected.get()) {
            return;
        }
        try {
            attemptReconnect();
        } catch (Throwable failure) { // NOPMD - whatever it is, the loop must go on
            onReconnectFailed(failure);
        }
    }

    private void attemptReconnect() throws MqttException {
        closePaho(paho);
        List<String> resentBySession = options.persistentSession() ? sessionStore.unacknowledgedTopics() : List.of();
        MqttAsyncClient fresh = newPahoClient();
        paho = fresh;
        try {
            fresh.connect(connectOptions()).waitForCompletion(CONNECT_TIMEOUT_MS);
        } catch (MqttException | RuntimeException e) {
            closePaho(fresh);
            throw e;
        }
        if (closed.get()) {
            closePaho(fresh);
            return;
        }
        if (failedAttempts > 0) {
            log.info("Reconnected to the MQTT broker at {} after {} failed attempt(s) over {} s; restoring {} "
                    + "subscription(s).", settings.serverUri(), failedAttempts,
                    (System.currentTimeMillis() - failingSinceMillis) / 1000, subscriptions.size());
        } else {
            log.info("Reconnected to the MQTT broker at {}; restoring {} subscription(s).", settings.serverUri(),
                    subscriptions.size());
        }
        if (!resentBySession.isEmpty()) {
            resentBySession.forEach(metrics::resent);
            log.info("The persistent session sends {} unacknowledged publication(s) again.", resentBySession.size());
        }
        reconnectDelayMs = INITIAL_RECONNECT_DELAY_MS;
        failedAttempts = 0;
        reconnectFailureLog.reset(RECONNECT_FAILED);
        metrics.reconnected();
        onConnected();
    }

    private void onReconnectFailed(Throwable failure) {
        try {
            metrics.reconnectFailed();
            if (failedAttempts++ == 0) {
                failingSinceMillis = System.currentTimeMillis();
            }
            String reason = failure instanceof MqttException mqtt ? describe(mqtt) : failure.toString();
            boolean logged = reconnectFailureLog.warn(RECONNECT_FAILED, "Reconnecting to the MQTT broker at {} failed:"
                    + " {} (attempt {}, failing for {} s; trying again in {} ms; this warning repeats at most once a"
                    + " minute).", settings.serverUri(), reason, failedAttempts,
                    (System.currentTimeMillis() - failingSinceMillis) / 1000,
                    Math.min(reconnectDelayMs * 2, options.maxReconnectDelay().toMillis()));
            if (!logged) {
                log.debug("Reconnecting to {} failed: {}", settings.serverUri(), reason);
            }
            if (!(failure instanceof MqttException) && logged) {
                log.warn("The failed reconnect attempt threw:", failure);
            }
        } catch (RuntimeException logging) {
            // never let the report of a failure end the loop
        } finally {
            reconnectDelayMs = Math.min(reconnectDelayMs * 2, options.maxReconnectDelay().toMillis());
            scheduleReconnect();
        }
    }

    /**
     * Every few seconds: a connection Paho reports lost without calling back is marked lost, and a
     * disconnected client without a pending attempt gets one. A safety net under the callbacks.
     */
    private void startWatchdog() {
        if (!watchdogStarted.compareAndSet(false, true)) {
            return;
        }
        try {
            maintenance.scheduleWithFixedDelay(this::watchdog, WATCHDOG_PERIOD_MS, WATCHDOG_PERIOD_MS,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // closed meanwhile
        }
    }

    private void watchdog() {
        try {
            if (closed.get()) {
                return;
            }
            MqttAsyncClient client = paho;
            if (connected.get() && client != null && !client.isConnected()) {
                markDisconnected(client, "the MQTT client reports no connection");
            }
            if (!connected.get()) {
                scheduleReconnect();
            }
        } catch (Throwable unexpected) { // NOPMD - a throwing periodic task would never run again
            log.warn("The MQTT connection watchdog failed: {}", unexpected.toString());
        }
    }

    /** The connection of {@code owner} has ended: note it and reconnect (unless it was replaced). */
    private void markDisconnected(MqttAsyncClient owner, String cause) {
        if (owner != paho || closed.get()) {
            return;
        }
        synchronized (offlineBuffer) {
            if (!connected.getAndSet(false)) {
                return;
            }
        }
        lostAtMillis = System.currentTimeMillis();
        log.warn("Lost the connection to the MQTT broker at {} ({}); reconnecting.", settings.serverUri(), cause);
        scheduleReconnect();
    }

    // ------------------------------------------------------------------ subscribing

    /**
     * Subscribes {@code filter} (wildcards and {@code $share/<group>/} allowed) and hands every
     * message that decodes to {@code handler}. The subscription is restored after every reconnect.
     * A filter that MQTT does not allow ({@link TopicRules#topicFilterProblem}) is refused before
     * Paho sees it: logged, counted ({@code bemcom.mqtt.subscribe.failures{reason=invalid_filter}})
     * and answered with a failed future.
     *
     * @return completes when the broker has confirmed the subscription (at once when not connected;
     *         {@link #connect()} then waits for it); fails for a refused filter
     */
    public <T> CompletableFuture<Void> subscribe(String filter, int qos, Function<byte[], Decoded<T>> decoder,
                                                 InboundHandler<T> handler) {
        Optional<String> problem = TopicRules.topicFilterProblem(filter);
        if (problem.isEmpty() && (qos < 0 || qos > 2)) {
            problem = Optional.of("QoS " + qos + " does not exist");
        }
        if (problem.isPresent()) {
            metrics.subscribeFailed("invalid_filter");
            log.warn("Refused to subscribe to {}: {}.", printable(filter), problem.get());
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "cannot subscribe to " + printable(filter) + ": " + problem.get()));
        }
        String matchFilter = withoutSharePrefix(filter);
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
     * Publishes. A topic that MQTT does not allow ({@link TopicRules#topicNameProblem}) is refused
     * before Paho sees it. A QoS 1/2 publication is kept until the broker acknowledges it and sent
     * again after a reconnect; while disconnected, QoS 1/2 publications are kept (up to
     * {@link ClientOptions#offlineBuffer()}) and sent in order after the reconnect (QoS 0 ones, e.g.
     * heartbeats, are stale by then and are dropped). While {@link ClientOptions#maxInflight()}
     * publications are unacknowledged it waits for the broker to catch up (back-pressure) instead of
     * dropping, for up to {@link ClientOptions#publishTimeout()} (60 s by default).
     *
     * @return false when the message was not accepted (logged and counted in
     *         {@code bemcom.mqtt.publish.failures} with its reason)
     */
    public boolean publish(String topic, int qos, boolean retained, byte[] payload) {
        Optional<String> problem = TopicRules.topicNameProblem(topic);
        if (problem.isEmpty() && (qos < 0 || qos > 2)) {
            problem = Optional.of("QoS " + qos + " does not exist");
        }
        if (problem.isPresent()) {
            metrics.publishFailed(topic, PublishFailure.INVALID_TOPIC);
            log.warn("Refused to publish to {}: {}.", printable(topic), problem.get());
            return false;
        }
        if (closing.get()) {
            return drop(topic, PublishFailure.CLOSED, "the client is closing");
        }
        OfflineBuffer.Publication publication = new OfflineBuffer.Publication(topic, payload, qos, retained);
        synchronized (offlineBuffer) {
            if (!connected.get() || flushing) {
                return keep(publication);
            }
        }
        return send(publication, false);
    }

    /** Keeps a publication for after the reconnect; must be called holding {@code offlineBuffer}. */
    private boolean keep(OfflineBuffer.Publication publication) {
        if (publication.qos() == 0) {
            return drop(publication.topic(), PublishFailure.NOT_CONNECTED,
                    "not connected, and a QoS 0 message is stale by the time the broker is back");
        }
        if (!offlineBuffer.offer(publication)) {
            return drop(publication.topic(), PublishFailure.BUFFER_FULL, "not connected, and the "
                    + options.offlineBuffer() + " publications kept meanwhile fill the buffer");
        }
        return true;
    }

    /** Counts and logs (at most one line per interval and reason) a publication that is dropped. */
    private boolean drop(String topic, PublishFailure reason, String why) {
        metrics.publishFailed(topic, reason);
        dropLog.warn(reason.name(), "Dropped a publication to {}: {} (counted in bemcom.mqtt.publish.failures).",
                printable(topic), why);
        return false;
    }

    /**
     * Hands a publication to Paho, waiting while {@code maxInflight} are unacknowledged. When the
     * connection is gone it is kept for after the reconnect: at the head of the buffer when it came
     * from there ({@code fromBuffer}), else at its end.
     */
    private boolean send(OfflineBuffer.Publication publication, boolean fromBuffer) {
        long deadline = System.nanoTime() + options.publishTimeout().toNanos();
        while (true) {
            MqttAsyncClient client = paho;
            if (!connected.get() || client == null) {
                return keepForReconnect(publication, fromBuffer);
            }
            try {
                if (publication.qos() > 0
                        && !sessionStore.awaitRoom(options.maxInflight(), deadline, connected::get)) {
                    if (!connected.get()) {
                        continue;
                    }
                    return giveUpUnderBackPressure(publication);
                }
                client.publish(publication.topic(), publication.payload(), publication.qos(), publication.retained());
                metrics.published(publication.topic());
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return keepForReconnect(publication, fromBuffer);
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                    if (System.nanoTime() - deadline < 0) {
                        pause();
                        continue;
                    }
                    return giveUpUnderBackPressure(publication);
                }
                if (!connected.get() || CONNECTION_GONE.contains((int) e.getReasonCode())) {
                    return keepForReconnect(publication, fromBuffer);
                }
                metrics.publishFailed(publication.topic(), PublishFailure.ERROR);
                log.warn("Could not publish to {}: {}", printable(publication.topic()), describe(e));
                return false;
            } catch (RuntimeException e) {
                metrics.publishFailed(publication.topic(), PublishFailure.ERROR);
                log.warn("Could not publish to {}: {}", printable(publication.topic()), e.toString());
                return false;
            }
        }
    }

    /** Paho's reasons that mean "this connection is gone", not "this message is wrong". */
    private static final java.util.Set<Integer> CONNECTION_GONE = java.util.Set.of(
            (int) MqttException.REASON_CODE_CLIENT_NOT_CONNECTED, (int) MqttException.REASON_CODE_CLIENT_DISCONNECTING,
            (int) MqttException.REASON_CODE_CLIENT_CLOSED, (int) MqttException.REASON_CODE_CONNECTION_LOST,
            (int) MqttException.REASON_CODE_CLIENT_CONNECTED);

    private boolean keepForReconnect(OfflineBuffer.Publication publication, boolean fromBuffer) {
        synchronized (offlineBuffer) {
            if (fromBuffer) {
                offlineBuffer.requeueFirst(publication);
                return true;
            }
            return keep(publication);
        }
    }

    private boolean giveUpUnderBackPressure(OfflineBuffer.Publication publication) {
        metrics.publishFailed(publication.topic(), PublishFailure.BACKPRESSURE_TIMEOUT);
        log.warn("Dropped a publication to {}: the broker has not acknowledged {} earlier publications for {} ms "
                + "(back-pressure); counted in bemcom.mqtt.publish.failures{reason=backpressure_timeout}.",
                printable(publication.topic()), sessionStore.unacknowledged(), options.publishTimeout().toMillis());
        return false;
    }

    private void flushOfflineBuffer() {
        try {
            while (connected.get()) {
                OfflineBuffer.Publication next;
                synchronized (offlineBuffer) {
                    next = offlineBuffer.poll();
                    if (next == null) {
                        flushing = false;
                        return;
                    }
                }
                send(next, true);
            }
        } catch (RuntimeException unexpected) {
            log.error("Sending the publications kept while disconnected failed; they are sent after the next "
                    + "reconnect.", unexpected);
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

    /** For tests of this package: the store shared by this client's Paho clients. */
    SessionStore sessionStore() {
        return sessionStore;
    }

    /**
     * QoS 1/2 publications accepted and not yet acknowledged by the broker: handed to Paho, or
     * waiting to be (kept while disconnected, or forgotten by a clean session's connection that ended).
     */
    public int unacknowledged() {
        synchronized (offlineBuffer) {
            return offlineBuffer.size() + sessionStore.unacknowledged() + sessionStore.clearedCount();
        }
    }

    /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_DRAIN}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_DRAIN);
    }

    /**
     * Closes the connection after a drain: new publications are refused from now on, and close waits
     * until the broker has acknowledged every QoS 1/2 publication accepted before, for at most
     * {@code drainLimit} (reconnecting meanwhile if the connection drops). What is still
     * unacknowledged then is dropped: logged, and counted in
     * {@code bemcom.mqtt.publish.failures{reason=dropped_at_close}}.
     *
     * @return the number of publications dropped (0 when everything was acknowledged)
     */
    public int close(Duration drainLimit) {
        if (!closing.compareAndSet(false, true)) {
            return 0;
        }
        long started = System.nanoTime();
        awaitDrained(started + drainLimit.toNanos());
        closed.set(true);
        maintenance.shutdownNow();
        try {
            if (!maintenance.awaitTermination(CONNECT_TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS)) {
                log.warn("The MQTT client's maintenance thread did not end within {} s.", CONNECT_TIMEOUT_MS / 1000 + 5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MqttAsyncClient client = paho;
        if (client != null) {
            try {
                if (client.isConnected()) {
                    client.disconnect(1_000).waitForCompletion(3_000);
                }
            } catch (MqttException e) {
                log.debug("Disconnect from the broker failed: {}", describe(e));
            }
            closePaho(client);
        }
        connected.set(false);
        return dropUnacknowledged(drainLimit, (System.nanoTime() - started) / 1_000_000);
    }

    private boolean drained() {
        synchronized (offlineBuffer) {
            return !flushing && unacknowledged() == 0;
        }
    }

    private void awaitDrained(long deadlineNanos) {
        while (!drained() && System.nanoTime() - deadlineNanos < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private int dropUnacknowledged(Duration drainLimit, long waitedMillis) {
        List<OfflineBuffer.Publication> dropped = new ArrayList<>(sessionStore.takeAll());
        synchronized (offlineBuffer) {
            dropped.addAll(offlineBuffer.takeAll());
        }
        if (dropped.isEmpty()) {
            return 0;
        }
        java.util.Set<String> topics = new java.util.TreeSet<>();
        for (OfflineBuffer.Publication publication : dropped) {
            metrics.publishFailed(publication.topic(), PublishFailure.DROPPED_AT_CLOSE);
            if (topics.size() < 10) {
                topics.add(printable(publication.topic()));
            }
        }
        log.warn("Closed with {} publication(s) the broker had not acknowledged after {} ms (drain limit {} ms): "
                + "dropped, counted in bemcom.mqtt.publish.failures{reason=dropped_at_close}. Topics include {}.",
                dropped.size(), waitedMillis, drainLimit.toMillis(), topics);
        return dropped.size();
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

    /** A topic as a log line can show it: control characters escaped, very long ones cut. */
    static String printable(String topic) {
        if (topic == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("'");
        int limit = Math.min(topic.length(), 200);
        for (int i = 0; i < limit; i++) {
            char c = topic.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) || c >= 0xFDD0) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('\'');
        if (topic.length() > limit) {
            out.append(" (cut, ").append(topic.length()).append(" characters)");
        }
        return out.toString();
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
            markDisconnected(owner, cause == null ? "no reason given" : cause.toString());
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
            // Acknowledged publications leave the SessionStore (Paho removes them); nothing to do.
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
