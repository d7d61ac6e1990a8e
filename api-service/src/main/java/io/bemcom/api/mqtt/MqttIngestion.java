package io.bemcom.api.mqtt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import io.bemcom.api.config.ApiSettings;
import io.bemcom.api.connector.ConnectorMessageStore;
import io.bemcom.api.connector.ConnectorNames;
import io.bemcom.api.datapoint.AvailableDatapoints;
import io.bemcom.api.datapoint.Datapoint;
import io.bemcom.api.datapoint.DatapointRegistry;
import io.bemcom.api.deadletter.DeadLetterStore;
import io.bemcom.api.history.MessageStore;
import io.bemcom.api.history.MessageTable;
import io.bemcom.api.history.StoredMessage;
import io.bemcom.api.history.Timestamps;
import io.bemcom.api.live.LiveRelay;
import io.bemcom.api.metadata.MetadataChanged;
import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.BemcomMessage;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.MessageKind;
import io.bemcom.protocol.ScheduleMessage;
import io.bemcom.protocol.SetpointMessage;
import io.bemcom.protocol.TopicAddress;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.ingest.BatchWriter;
import io.bemcom.protocol.logging.RateLimitedLog;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.protocol.mqtt.InboundMessage;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * The api-service on the broker (the original's MqttToDb and ApiMqttIntegration in one): a
 * persistent session that acknowledges only stored messages, subscriptions that follow the
 * connectors in the database, the batched writers, and the datapoint-map and controlled-datapoints
 * publications ({@link MetadataPublisher}). The same session carries what the REST API sends to
 * actuators ({@link MqttPublisher}).
 *
 * <p>Datapoint messages are subscribed per connector ({@code <connector>/messages/+/value} etc.)
 * and filtered here against the active datapoints, instead of one subscription per datapoint
 * topic: same result, far fewer subscriptions to match on every message.
 *
 * <p>With {@code MQTT_SHARED_SUBSCRIPTION_GROUP} several instances share the ingestion
 * (docs/scaling.md): the connectors' topics are subscribed as {@code $share/<group>/...}, so the
 * broker hands each message to one instance. The database stays the only state: every instance
 * also follows the retained datapoint maps (not shared) and reloads its datapoint registry and
 * subscriptions when any instance publishes one, and a message of a datapoint it does not know as
 * active makes it look into the database before the message is skipped.
 */
@Component
public class MqttIngestion implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MqttIngestion.class);
    private static final Duration WRITER_STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHARED_RECONNECT_DELAY = Duration.ofSeconds(1);
    /** How long a stop waits for stored batches to be handed to the client for the live relay. */
    private static final Duration RELAY_DRAIN = Duration.ofSeconds(2);
    private static final RateLimitedLog limitedLog = new RateLimitedLog(log, Duration.ofMinutes(1));

    private final ApiSettings settings;
    private final ConfigurableEnvironment environment;
    private final boolean enabled;
    private final DatapointRegistry registry;
    private final MetadataPublisher publisher;
    private final MqttPublisher actuatorPublisher;
    private final IngestMetrics metrics;
    private final MeterRegistry meterRegistry;
    private final MessageStore store;
    private final TransactionTemplate transactions;
    private final DeadLetterStore deadLetters;
    private final ConnectorMessageStore connectorMessages;
    private final AvailableDatapoints availableDatapoints;
    private final LiveRelay liveRelay;
    private volatile List<BatchWriter<DatapointStorage.Pending>> writers = List.of();
    private volatile BatchWriter<ConnectorStorage.Pending> connectorWriter;
    private final Set<String> subscribed = new HashSet<>();
    private volatile BrokerClient client;
    private volatile boolean running;
    /** Shared mode: reloads the registry after another instance changed metadata (one thread, debounced). */
    private volatile ScheduledExecutorService follower;
    private final AtomicBoolean followUpPending = new AtomicBoolean();
    /** Shared mode: when the registry was last reloaded, and whether a datapoint map arrived since. */
    private volatile long lastReloadNanos = System.nanoTime();
    private volatile boolean mapSeenSinceReload;

    public MqttIngestion(ApiSettings settings, ConfigurableEnvironment environment, DatapointRegistry registry,
                         MetadataPublisher publisher, MqttPublisher actuatorPublisher, IngestMetrics metrics,
                         MeterRegistry meterRegistry, MessageStore store, TransactionTemplate transactions,
                         DeadLetterStore deadLetters, ConnectorMessageStore connectorMessages,
                         AvailableDatapoints availableDatapoints, LiveRelay liveRelay) {
        this.settings = settings;
        this.environment = environment;
        this.enabled = environment.getProperty("bemcom.mqtt.enabled", Boolean.class, true);
        this.registry = registry;
        this.publisher = publisher;
        this.actuatorPublisher = actuatorPublisher;
        this.metrics = metrics;
        this.meterRegistry = meterRegistry;
        this.store = store;
        this.transactions = transactions;
        this.deadLetters = deadLetters;
        this.connectorMessages = connectorMessages;
        this.availableDatapoints = availableDatapoints;
        this.liveRelay = liveRelay;
        metrics.registerQueueDepth(this::queueDepth);
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public synchronized void start() {
        reloadRegistry();
        // Fresh writers at every start: a Spring test context may be paused (stopped) and resumed.
        int threads = settings.writeThreads();
        int perWriter = Math.max(100, settings.ingestQueueCapacity() / threads);
        DatapointStorage datapointStorage = new DatapointStorage(transactions, metrics, deadLetters, store,
                settings.historyExtension());
        List<BatchWriter<DatapointStorage.Pending>> fresh = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            fresh.add(new BatchWriter<>("mqtt-to-db-writer-" + i, perWriter, settings.ingestBatchSize(),
                    datapointStorage, metrics));
        }
        fresh.forEach(BatchWriter::start);
        writers = List.copyOf(fresh);
        connectorWriter = new BatchWriter<>("mqtt-to-db-connectors", Math.max(100, settings.ingestQueueCapacity() / 4),
                500, new ConnectorStorage(transactions, metrics, deadLetters, connectorMessages, availableDatapoints),
                metrics);
        connectorWriter.start();
        synchronized (subscribed) {
            subscribed.clear();
        }
        BrokerSettings brokerSettings = BrokerSettings.fromEnvironment(ApiSettings.environment(environment::getProperty));
        ClientOptions options = ClientOptions.persistent(settings.mqttClientId());
        if (settings.sharesIngestion()) {
            // A restarted broker has forgotten the group's shared subscriptions: what connectors publish
            // before an instance is back reaches nobody, so come back within a second (docs/scaling.md).
            options = options.withMaxReconnectDelay(SHARED_RECONNECT_DELAY);
        }
        client = new BrokerClient(brokerSettings, options, meterRegistry);
        publisher.attach(client);
        actuatorPublisher.attach(client);
        synchronized (subscribed) {
            reconcileSubscriptions();
        }
        if (settings.sharesIngestion()) {
            followUpPending.set(false); // a follow-up scheduled before a stop never ran
            follower = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "mqtt-metadata-follower");
                thread.setDaemon(true);
                return thread;
            });
            // Not shared: every instance must see every datapoint map.
            client.subscribeBytes(Topics.everyConnector(MessageKind.DATAPOINT_MAP), 1, this::onDatapointMap);
            // The live push of the other instances' share (issue 20): on this same session.
            liveRelay.attach(client, settings.mqttSharedGroup(), settings.mqttClientId());
        }
        client.connect();
        if (settings.sharesIngestion()) {
            liveRelay.afterConnect();
        }
        running = true;
        // Restores retained state after a broker reset, as the original does at start.
        publisher.publishAllDatapointMaps();
        publisher.publishAllControlledDatapoints();
        log.info("MQTT integration running: {} connector(s), {} active datapoint(s), {} writer thread(s){}.",
                registry.connectorNames().size(), registry.activeCount(), writers.size(),
                settings.sharesIngestion() ? ", sharing the ingestion in group '" + settings.mqttSharedGroup() + "'"
                        : "");
    }

    @Override
    public synchronized void stop() {
        running = false;
        BrokerClient current = client;
        ScheduledExecutorService currentFollower = follower;
        if (currentFollower != null) {
            currentFollower.shutdownNow();
        }
        if (current != null && settings.sharesIngestion()) {
            leaveTheGroup(current);
            liveRelay.detach(RELAY_DRAIN);
        }
        if (current != null) {
            current.close();
        }
        for (BatchWriter<?> writer : writers) {
            writer.stop(WRITER_STOP_TIMEOUT);
        }
        if (connectorWriter != null) {
            connectorWriter.stop(WRITER_STOP_TIMEOUT);
        }
    }

    /**
     * A graceful stop in a group: unsubscribes the shared filters, so that the broker hands the
     * other instances everything from now on instead of queueing this instance's share, and stores
     * (and acknowledges) what already arrived while still connected. What is left unacknowledged
     * stays in this instance's session and is stored when it comes back.
     */
    private void leaveTheGroup(BrokerClient current) {
        synchronized (subscribed) {
            subscribed.forEach(current::unsubscribe);
            subscribed.clear();
        }
        long deadline = System.nanoTime() + WRITER_STOP_TIMEOUT.toNanos();
        while (queueDepth() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.info("Left the shared subscription group '{}'; {} message(s) still queued here.",
                settings.mqttSharedGroup(), queueDepth());
    }

    @Override
    public boolean isAutoStartup() {
        return enabled;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // After the web server is up? No: before it, so that REST publishes find a client.
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }

    public int queueDepth() {
        BatchWriter<?> current = connectorWriter;
        int depth = current == null ? 0 : current.depth();
        for (BatchWriter<?> writer : writers) {
            depth += writer.depth();
        }
        return depth;
    }

    /** Whether this instance is subscribed to the value messages of {@code connector}. */
    public boolean ingestsValuesOf(String connector) {
        synchronized (subscribed) {
            return subscribed.contains(shared(connector + "/messages/+/" + MessageKind.VALUE.topicSegment()));
        }
    }

    public boolean isConnected() {
        BrokerClient current = client;
        return current != null && current.isConnected();
    }

    // ------------------------------------------------------------------ metadata changes

    @TransactionalEventListener(fallbackExecution = true)
    public void onMetadataChanged(MetadataChanged change) {
        reloadRegistry();
        if (client == null) {
            return;
        }
        synchronized (subscribed) {
            reconcileSubscriptions();
        }
        change.deletedConnectorNames().forEach(publisher::publishClearedDatapointMap);
        change.mapConnectorIds().forEach(publisher::publishDatapointMap);
        change.deletedControllerTopics().forEach(publisher::clearControlledDatapoints);
        if (change.allControllers()) {
            publisher.publishAllControlledDatapoints();
        } else {
            change.controllerIds().forEach(publisher::publishControlledDatapoints);
        }
    }

    /** Alerts raised or cleared: the retained alerts message (see {@link MetadataPublisher#publishAlerts}). */
    @org.springframework.context.event.EventListener
    public void onAlertsChanged(io.bemcom.api.alert.AlertsChanged change) {
        if (client != null && running) {
            publisher.publishAlerts(change.alerts());
        }
    }

    private void reloadRegistry() {
        mapSeenSinceReload = false;
        lastReloadNanos = System.nanoTime();
        registry.reload();
    }

    /**
     * Shared mode: a datapoint map (retained, published by any instance after a change) says the
     * database may hold datapoints or connectors this instance does not know yet. Reloads once
     * for a burst of maps (every instance publishes every map when it starts).
     */
    private void onDatapointMap(InboundMessage<byte[]> inbound) {
        inbound.acknowledge();
        mapSeenSinceReload = true;
        ScheduledExecutorService current = follower;
        if (current == null || !followUpPending.compareAndSet(false, true)) {
            return;
        }
        try {
            current.schedule(this::followOtherInstances, 200, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            followUpPending.set(false);
        }
    }

    private void followOtherInstances() {
        followUpPending.set(false);
        try {
            reloadRegistry();
            if (client != null && running) {
                synchronized (subscribed) {
                    reconcileSubscriptions();
                }
            }
        } catch (RuntimeException e) {
            limitedLog.warn("follow", "Could not reload the datapoints after another instance changed them: {} "
                    + "(tried again with the next datapoint map or unknown datapoint)", e.toString());
        }
    }

    /**
     * Shared mode: the registry is reloaded before a datapoint message is skipped as unknown or
     * inactive, when a datapoint map arrived since the last reload or that reload is more than a
     * second old, because another instance may have activated the datapoint a moment ago (its map
     * can arrive after the first value). Returns whether it reloaded.
     */
    private boolean caughtUpWithOtherInstances() {
        long sinceReload = System.nanoTime() - lastReloadNanos;
        // At most ten reloads a second on the ingestion thread, whatever arrives.
        if (!settings.sharesIngestion() || sinceReload < 100_000_000L
                || (!mapSeenSinceReload && sinceReload < 1_000_000_000L)) {
            return false;
        }
        try {
            reloadRegistry();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The filter as subscribed: in a share group when several instances share the ingestion. */
    private String shared(String filter) {
        return settings.sharesIngestion() ? "$share/" + settings.mqttSharedGroup() + "/" + filter : filter;
    }

    private static String unshared(String filter) {
        if (!filter.startsWith("$share/")) {
            return filter;
        }
        return filter.substring(filter.indexOf('/', "$share/".length()) + 1);
    }

    private void reconcileSubscriptions() {
        Set<String> wanted = new LinkedHashSet<>();
        for (String connector : registry.connectorNames()) {
            Optional<String> problem = ConnectorNames.problem(connector);
            if (problem.isPresent()) {
                // Stored by an older version: one such name must not stop MQTT for every connector.
                limitedLog.warn("name:" + connector, "Connector {} is not subscribed: {} Rename or delete it in the "
                        + "admin UI.", ConnectorNames.quoted(connector), problem.get());
                continue;
            }
            wanted.add(shared(Topics.logs(connector)));
            wanted.add(shared(Topics.heartbeat(connector)));
            wanted.add(shared(Topics.availableDatapoints(connector)));
            for (MessageKind kind : List.of(MessageKind.VALUE, MessageKind.SETPOINT, MessageKind.SCHEDULE)) {
                wanted.add(shared(connector + "/messages/+/" + kind.topicSegment()));
            }
        }
        for (String filter : Set.copyOf(subscribed)) {
            if (!wanted.contains(filter)) {
                client.unsubscribe(filter);
                subscribed.remove(filter);
            }
        }
        List<CompletableFuture<Void>> confirmations = new ArrayList<>();
        for (String filter : wanted) {
            if (subscribed.add(filter)) {
                confirmations.add(subscribe(filter));
            }
        }
        // A client that creates a datapoint and publishes right away must not race the subscription.
        try {
            CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new))
                    .get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Not every new subscription was confirmed by the broker yet: {}", e.toString());
        }
    }

    private CompletableFuture<Void> subscribe(String filter) {
        MessageKind kind = Topics.kindOf(unshared(filter)).orElseThrow();
        return switch (kind) {
            case LOGS -> client.subscribe(filter, 1, MessageCodec::decodeLog, this::onConnectorMessage);
            case HEARTBEAT -> client.subscribe(filter, 1, MessageCodec::decodeHeartbeat, this::onConnectorMessage);
            case AVAILABLE_DATAPOINTS -> client.subscribe(filter, 1, MessageCodec::decodeAvailableDatapoints,
                    this::onConnectorMessage);
            case VALUE -> client.subscribe(filter, 1, MessageCodec::decodeValue, this::onDatapointMessage);
            case SETPOINT -> client.subscribe(filter, 1, MessageCodec::decodeSetpoint, this::onDatapointMessage);
            case SCHEDULE -> client.subscribe(filter, 1, MessageCodec::decodeSchedule, this::onDatapointMessage);
            default -> throw new IllegalStateException("not subscribed: " + kind);
        };
    }

    // ------------------------------------------------------------------ ingestion

    private void onConnectorMessage(InboundMessage<? extends BemcomMessage> inbound) throws InterruptedException {
        Optional<TopicAddress> address = Topics.parse(inbound.topic());
        String kind = address.map(a -> a.kind().label()).orElse("other");
        Optional<Long> connectorId = address.flatMap(a -> registry.connectorId(a.owner()));
        if (connectorId.isEmpty() && caughtUpWithOtherInstances()) {
            connectorId = address.flatMap(a -> registry.connectorId(a.owner()));
        }
        if (connectorId.isEmpty()) {
            skip(inbound, kind, "unknown_connector");
            return;
        }
        metrics.received(inbound.topic(), address.get().owner());
        BemcomMessage message = inbound.message();
        if (message instanceof AvailableDatapointsMessage available) {
            message = AvailableDatapoints.storable(available, key -> {
                metrics.rejected(kind, "key_too_long");
                limitedLog.warn("key_too_long", "Left out an available datapoint on '{}' whose key has {} characters, "
                        + "more than the {} the database can hold: '{}…'", inbound.topic(),
                        key.codePointCount(0, key.length()), Datapoint.MAX_INDEXED_TEXT_LENGTH, key.substring(0, 40));
            });
        }
        connectorWriter.submit(new ConnectorStorage.Pending(connectorId.get(), message, inbound));
    }

    private void onDatapointMessage(InboundMessage<? extends BemcomMessage> inbound) throws InterruptedException {
        Optional<TopicAddress> address = Topics.parse(inbound.topic());
        if (address.isEmpty()) {
            skip(inbound, "other", "unknown_topic");
            return;
        }
        MessageKind kind = address.get().kind();
        long datapointId;
        try {
            datapointId = Long.parseLong(address.get().datapointId());
        } catch (NumberFormatException e) {
            skip(inbound, kind.label(), "unknown_datapoint");
            return;
        }
        Optional<DatapointRegistry.ActiveDatapoint> datapoint = registry.active(datapointId);
        if (datapoint.isEmpty() && caughtUpWithOtherInstances()) {
            datapoint = registry.active(datapointId);
        }
        String owner = address.get().owner();
        // Not subscribed in the original: messages of inactive or unknown datapoints are not stored.
        if (datapoint.isEmpty() && registry.exists(datapointId)) {
            skip(inbound, kind.label(), "inactive_datapoint");
            return;
        }
        if (datapoint.isEmpty() || !owner.equals(datapoint.get().connectorName())) {
            skip(inbound, kind.label(), "unknown_datapoint");
            return;
        }
        if (kind != MessageKind.VALUE && !datapoint.get().isActuator()) {
            skip(inbound, kind.label(), "not_an_actuator");
            return;
        }
        StoredMessage stored = null;
        JsonNode payload = null;
        BemcomMessage message = inbound.message();
        if (message instanceof ValueMessage value) {
            payload = value.value();
            if (datapoint.get().isNumeric() && payload.isContainer()) {
                skip(inbound, kind.label(), "non_numeric_value");
                return;
            }
            stored = StoredMessage.ofValue(datapointId, value.timestamp(), payload);
        } else if (message instanceof ScheduleMessage schedule) {
            if (schedule.schedule() == null) {
                skip(inbound, kind.label(), "null_schedule");
                return;
            }
            payload = MessageCodec.toTree(schedule).get("schedule");
            stored = StoredMessage.ofPayload(datapointId, schedule.timestamp(), payload);
        } else if (message instanceof SetpointMessage setpoint) {
            if (setpoint.setpoint() == null) {
                skip(inbound, kind.label(), "null_setpoint");
                return;
            }
            payload = MessageCodec.toTree(setpoint).get("setpoint");
            stored = StoredMessage.ofPayload(datapointId, setpoint.timestamp(), payload);
        }
        if (stored == null) {
            skip(inbound, kind.label(), "unexpected_message");
            return;
        }
        noteOddities(inbound.topic(), kind, owner, stored.time(), payload);
        metrics.received(inbound.topic(), owner);
        List<BatchWriter<DatapointStorage.Pending>> current = writers;
        BatchWriter<DatapointStorage.Pending> writer = current.get((int) Math.floorMod(datapointId, (long) current.size()));
        writer.submit(new DatapointStorage.Pending(MessageTable.of(kind), stored, inbound));
    }

    /**
     * Messages that are stored although something about them is odd, each with a log line (at
     * most one per minute, connector and oddity): a timestamp the REST API would refuse as
     * implausible (e.g. -1) is stored as sent; a lone surrogate in a string (not a character) is
     * stored as a JSON escape (backslash, u, four hex digits), so it reads back as sent. See the
     * README, "Differences from the original".
     */
    private void noteOddities(String topic, MessageKind kind, String owner, long timestamp, JsonNode payload) {
        String timestampProblem = Timestamps.rangeProblem(timestamp);
        if (timestampProblem != null) {
            limitedLog.warn("timestamp:" + owner, "A {} message on '{}' has an implausible timestamp: {} It is "
                    + "stored as sent.", kind.label(), topic, timestampProblem);
        }
        if (JsonValues.hasLoneSurrogate(payload)) {
            limitedLog.warn("surrogate:" + owner, "A {} message on '{}' holds a lone surrogate (half of a UTF-16 pair, "
                    + "not a character); it is stored with it escaped as \\uXXXX, so it reads back as sent.",
                    kind.label(), topic);
        }
    }

    /**
     * Acknowledges a message that is not stored, counts it and says why (at most one line per
     * minute, connector and reason; as INFO for the expected cases).
     */
    private void skip(InboundMessage<?> inbound, String kind, String reason) {
        metrics.rejected(kind, reason);
        inbound.acknowledge();
        String owner = Topics.parse(inbound.topic()).map(TopicAddress::owner).orElse(inbound.topic());
        String notSubscribed = " (as in the original, which does not subscribe to such topics)";
        String why = switch (reason) {
            case "inactive_datapoint" -> "its datapoint is not active" + notSubscribed;
            case "unknown_datapoint" -> "no datapoint of that id belongs to this connector" + notSubscribed;
            case "not_an_actuator" -> "setpoints and schedules are stored for actuators only" + notSubscribed;
            case "unknown_connector" -> "the connector is not known (deleted?)" + notSubscribed;
            case "non_numeric_value" -> "its datapoint is numeric and the value is a list or an object, which the "
                    + "original cannot store as a number either";
            case "null_setpoint", "null_schedule" -> "it is null: the last " + kind + " stays in force (the original "
                    + "cannot store null either, and its python controller exits on it)";
            default -> reason;
        };
        String line = "Not stored: a {} message on '{}', because {}.";
        if (reason.equals("inactive_datapoint") || reason.equals("unknown_connector")) {
            limitedLog.info(reason + ":" + owner, line, kind, inbound.topic(), why);
        } else {
            limitedLog.warn(reason + ":" + owner, line, kind, inbound.topic(), why);
        }
    }
}
