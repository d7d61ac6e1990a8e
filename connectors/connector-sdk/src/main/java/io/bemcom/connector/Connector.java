package io.bemcom.connector;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.protocol.DatapointMapMessage;
import io.bemcom.protocol.HeartbeatMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.protocol.mqtt.InboundMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The connector lifecycle of the original Python template, with its defects fixed: heartbeat,
 * log forwarding, available datapoints, datapoint map, sensor flow, raw messages and actuator
 * commands around one {@link Device}, which may be polled, push, call back, or any mix of these.
 *
 * <p>Nothing that arrives over MQTT can stop it: a malformed datapoint map or command is logged
 * and counted; a failed write is logged and counted. It stops on {@link #stop()} (exit code 0), when
 * the device fails for good (exit code 1) or when the device's start finds its configuration wrong
 * (exit code 2).
 */
public final class Connector {

    public static final int EXIT_STOPPED = 0;
    public static final int EXIT_FATAL = 1;
    public static final int EXIT_CONFIGURATION = 2;
    public static final String METRICS_PORT = "METRICS_PORT";

    private static final Logger log = LoggerFactory.getLogger(Connector.class);
    private static final Duration PUSH_RECONNECT_PAUSE = Duration.ofSeconds(5);
    private static final Duration SENSOR_FLOW_DRAIN = Duration.ofSeconds(5);
    /** How long a stop waits for the broker to acknowledge what the connector published. */
    private static final Duration BROKER_DRAIN = Duration.ofSeconds(10);
    /** How long a replay waits for the retained datapoint map. */
    private static final Duration REPLAY_MAP_WAIT = Duration.ofSeconds(10);
    /** How long a replay waits for its last values to be parsed and acknowledged by the broker. */
    private static final Duration REPLAY_DRAIN = Duration.ofSeconds(60);

    private final ConnectorSettings settings;
    private final Clock clock;
    private final ConnectorMetrics metrics;
    private final ConnectorThreads threads;
    private final AtomicReference<DatapointMapMessage> datapointMap = new AtomicReference<>(DatapointMapMessage.EMPTY);
    private final SensorFlow sensorFlow;
    private final ScheduledExecutorService deviceTasks;
    private final ConnectorContext context;
    private final Device device;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicInteger exitCode = new AtomicInteger(EXIT_STOPPED);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<Thread> deviceThreads = new ArrayList<>();

    private final Optional<Integer> metricsPort;
    private final Optional<ReplaySettings> replay;
    private final CountDownLatch mapArrived = new CountDownLatch(1);
    private volatile boolean processOwner;
    private MonitoringServer monitoring;
    private BrokerClient broker;
    private LogForwarder logForwarder;
    private ActuatorCommands commands;
    private ScheduledExecutorService heartbeat;

    private Connector(Environment environment, ConnectorSettings settings, Optional<ReplaySettings> replay, Clock clock,
                      MeterRegistry registry, DeviceFactory<?> factory) throws Exception {
        this.settings = settings;
        this.replay = replay;
        this.metricsPort = metricsPort(environment, registry);
        this.clock = clock;
        this.metrics = new ConnectorMetrics(registry);
        this.threads = new ConnectorThreads(settings.name());
        this.sensorFlow = new SensorFlow(settings, clock, metrics, threads, datapointMap::get);
        this.deviceTasks = threads.scheduler("device-tasks");
        this.context = new ConnectorContext(environment, settings, clock, metrics, sensorFlow, deviceTasks, threads,
                reason -> stopInBackground(EXIT_FATAL, reason));
        // Threads a library starts while the device is built belong to this connector.
        this.device = threads.callAsConnector(() -> factory.create(context));
        if (device instanceof PollingDevice && replay.isEmpty()) {
            settings.requiredPollInterval();
        }
    }

    /**
     * A connector configured from {@code env} ({@code CONNECTOR_NAME}, {@code MQTT_BROKER_*},
     * {@code POLL_SECONDS}, ...) whose device {@code factory} builds; exactly what {@code main} runs.
     * With {@code REPLAY_FROM}/{@code REPLAY_TO} it is a raw-message replay instead ({@link ReplaySettings}).
     *
     * @throws ConfigurationException naming the variable that is missing or wrong
     */
    public static Connector fromEnvironment(Environment env, MeterRegistry registry, DeviceFactory<?> factory)
            throws Exception {
        return new Connector(env, ConnectorSettings.fromEnvironment(env), ReplaySettings.fromEnvironment(env),
                Clock.systemUTC(), registry, factory);
    }

    /**
     * {@code METRICS_PORT} (our addition): unset, no HTTP server; a port serves {@code /metrics} and
     * {@code /health} there (0: any free port, see {@link #monitoringAddress()}).
     */
    private static Optional<Integer> metricsPort(Environment env, MeterRegistry registry) {
        Optional<Integer> port = env.optional(METRICS_PORT).map(text -> env.integer(METRICS_PORT, 0));
        port.ifPresent(value -> {
            if (value < 0 || value > 65_535) {
                throw new ConfigurationException(METRICS_PORT + " must be a TCP port (0-65535), got " + value + ".");
            }
            if (!(registry instanceof PrometheusMeterRegistry)) {
                throw new IllegalArgumentException(METRICS_PORT + " needs a PrometheusMeterRegistry");
            }
        });
        return port;
    }

    /** A connector with the given settings, for tests and launchers; the device sees an empty environment. */
    public static Connector create(ConnectorSettings settings, MeterRegistry registry, DeviceFactory<?> factory)
            throws Exception {
        return new Connector(new Environment(Map.of()), settings, Optional.empty(), Clock.systemUTC(), registry,
                factory);
    }

    public ConnectorSettings settings() {
        return settings;
    }

    /**
     * The connector is its process ({@code main}): log records of threads that belong to no
     * connector (a library thread started from a pool's caller, say) are forwarded as its own too.
     * Without this, as when several connectors share a JVM in tests, only records of threads the
     * connector's code started are.
     */
    void ownTheProcess() {
        processOwner = true;
    }

    /** The device, as the factory built it. */
    public Device device() {
        return device;
    }

    /**
     * Connects to the broker, forwards logs, starts the device, then heartbeat, sensor flow and the
     * device's poll and receive loops. Throws {@link io.bemcom.protocol.mqtt.BrokerException} when
     * the broker cannot be reached; a device that cannot start stops the connector (see
     * {@link #exitCode()}).
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        running.set(true);
        threads.runAsConnector(this::startAsConnector);
    }

    private void startAsConnector() {
        String name = settings.name();
        broker = new BrokerClient(settings.broker(),
                ClientOptions.named(replay.isPresent() ? name + "-replay" : name)
                        .withLogContext(Map.of(ConnectorThreads.MDC_KEY, name)),
                metrics.registry());
        commands = new ActuatorCommands(device, settings.commandTimeout(), metrics, threads);
        // Subscribed before connecting, so the retained map is applied as soon as the broker sends it.
        broker.subscribeBytes(Topics.datapointMap(name), Delivery.DATAPOINT_MAP.qos(), this::onDatapointMap);
        broker.connect();

        logForwarder = new LogForwarder(name, settings.debug(), processOwner,
                message -> broker.publish(Topics.logs(name), Delivery.LOG, message), metrics::logDropped, threads);
        logForwarder.attach(settings.debug());

        if (replay.isPresent()) {
            // The device is built (its parse is needed) but never started, read, received from or written to.
            if (startMonitoring()) {
                sensorFlow.start(broker, device);
                startDeviceThread("replay", () -> replayStoredRawMessages(replay.get()));
            }
            return;
        }
        if (!startMonitoring() || !startDevice()) {
            return;
        }
        sensorFlow.offerActuators(device.actuators());
        sensorFlow.start(broker, device);

        heartbeat = threads.scheduler("heartbeat");
        long intervalMillis = settings.heartbeatInterval().toMillis();
        heartbeat.scheduleAtFixedRate(this::sendHeartbeat, 0, intervalMillis, TimeUnit.MILLISECONDS);

        if (device instanceof PollingDevice polling) {
            startDeviceThread("poll", () -> pollLoop(polling, settings.requiredPollInterval()));
        }
        if (device instanceof PushDevice push) {
            startDeviceThread("receive", () -> receiveLoop(push));
        }
        log.info("Connector online. Entering main loop.");
    }

    private boolean startMonitoring() {
        if (metricsPort.isEmpty()) {
            return true;
        }
        try {
            monitoring = MonitoringServer.start(metricsPort.get(), settings.name(),
                    (PrometheusMeterRegistry) metrics.registry(), this::health, threads);
            log.info("Serving /metrics and /health on port {}.", monitoring.address().getPort());
            return true;
        } catch (RuntimeException e) {
            log.error("{}", e.getMessage());
            shutDown(EXIT_FATAL, null);
            return false;
        }
    }

    private MonitoringServer.Health health() {
        return new MonitoringServer.Health(running.get(), broker != null && broker.isConnected(),
                sensorFlow.lastReadingTimestamp());
    }

    /** Where {@code /metrics} and {@code /health} are served, when {@code METRICS_PORT} is set and the connector runs. */
    public Optional<InetSocketAddress> monitoringAddress() {
        return Optional.ofNullable(monitoring).map(MonitoringServer::address);
    }

    /** Runs the device's start hook; on failure stops the connector and says why in one line. */
    private boolean startDevice() {
        try {
            device.start(context);
            return true;
        } catch (ConfigurationException e) {
            log.error("Configuration error: {}", e.getMessage());
            shutDown(EXIT_CONFIGURATION, null);
        } catch (Exception e) {
            log.error("The device could not be started: {}", e.getMessage());
            log.debug("The device could not be started", e);
            shutDown(EXIT_FATAL, null);
        }
        return false;
    }

    private void startDeviceThread(String role, Runnable loop) {
        Thread thread = threads.newThread(role, loop);
        synchronized (deviceThreads) {
            deviceThreads.add(thread);
        }
        thread.start();
    }

    /** Blocks until the connector has stopped; returns its exit code. */
    public int awaitTermination() throws InterruptedException {
        stopped.await();
        return exitCode.get();
    }

    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int exitCode() {
        return exitCode.get();
    }

    /**
     * Stops gracefully: the device's loops and tasks, actuator commands, heartbeat, the device, what
     * the sensor flow still holds, then the broker connection.
     */
    public void stop() {
        shutDown(EXIT_STOPPED, null);
    }

    /** From a device's own thread: stopping joins that thread, so another one does it. */
    private void stopInBackground(int code, Throwable reason) {
        threads.newThread("stop", () -> shutDown(code, reason)).start();
    }

    private void shutDown(int code, Throwable reason) {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        threads.runAsConnector(() -> {
            if (reason != null) {
                log.error("Connector stops after a fatal device error: {}", reason.getMessage(), reason);
            } else if (code == EXIT_STOPPED && replay.isEmpty()) {
                log.info("Connector received a stop request, shutting down.");
            }
        });
        exitCode.set(code);
        List<Thread> loops;
        synchronized (deviceThreads) {
            loops = List.copyOf(deviceThreads);
        }
        loops.forEach(Thread::interrupt);
        deviceTasks.shutdownNow();
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        if (commands != null) {
            commands.close();
        }
        // Closed before the loops are joined: closing is what ends a read blocked on a socket.
        try {
            device.close();
        } catch (Exception e) {
            log.warn("Closing the device failed: {}", e.toString());
        }
        loops.forEach(Connector::join);
        sensorFlow.drainAndStop(SENSOR_FLOW_DRAIN);
        if (monitoring != null) {
            monitoring.close();
        }
        threads.runAsConnector(() -> log.info("Connector {} shut down completed. Good bye.", settings.name()));
        if (logForwarder != null) {
            logForwarder.detach();
        }
        if (broker != null) {
            // Flushes before disconnecting; what the broker has not acknowledged by then is logged and counted.
            broker.close(BROKER_DRAIN);
        }
        stopped.countDown();
    }

    private static void join(Thread thread) {
        if (thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ heartbeat

    private void sendHeartbeat() {
        long now = clock.millis();
        broker.publish(Topics.heartbeat(settings.name()), Delivery.HEARTBEAT,
                new HeartbeatMessage(now, now + settings.heartbeatInterval().toMillis()));
    }

    // ------------------------------------------------------------------ device side

    private void pollLoop(PollingDevice polling, Duration pollInterval) {
        long intervalNanos = pollInterval.toNanos();
        while (running.get() && !Thread.currentThread().isInterrupted()) {
            long start = System.nanoTime();
            try {
                var raw = polling.read();
                if (raw != null) {
                    sensorFlow.deliver(raw);
                }
            } catch (InterruptedException e) {
                return;
            } catch (FatalDeviceException e) {
                stopInBackground(EXIT_FATAL, e);
                return;
            } catch (Exception e) {
                if (!running.get()) {
                    return; // the device was closed under the read
                }
                metrics.reading("read_failed");
                // Expected while a device is away: one line per poll, the stack trace only at DEBUG.
                log.error("Reading the device failed: {}; trying again at the next poll.", e.getMessage());
                log.debug("Reading the device failed", e);
            }
            long remaining = intervalNanos - (System.nanoTime() - start);
            if (remaining > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(remaining);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void receiveLoop(PushDevice push) {
        while (running.get() && !Thread.currentThread().isInterrupted()) {
            try {
                push.receive(sensorFlow::deliver);
                if (running.get()) {
                    log.info("The device ended its messages.");
                    stopInBackground(EXIT_STOPPED, null);
                }
                return;
            } catch (InterruptedException e) {
                return;
            } catch (FatalDeviceException e) {
                stopInBackground(EXIT_FATAL, e);
                return;
            } catch (Exception e) {
                if (!running.get()) {
                    return; // the device was closed under the receive
                }
                metrics.reading("read_failed");
                log.error("Receiving from the device failed: {}; reconnecting in {} s.", e.getMessage(),
                        PUSH_RECONNECT_PAUSE.toSeconds());
                log.debug("Receiving from the device failed", e);
                try {
                    Thread.sleep(PUSH_RECONNECT_PAUSE.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    // ------------------------------------------------------------------ raw-message replay

    /**
     * Waits for the retained datapoint map, streams the stored raw messages of the range from the
     * raw-message-db through the sensor flow's replay path, waits until the broker has acknowledged
     * every value, logs a summary, and stops the connector: exit code 0, or 1 when the map did not
     * come, the raw-message-db failed or values could not be published.
     */
    private void replayStoredRawMessages(ReplaySettings replay) {
        String name = settings.name();
        RawMessageSource source = new RawMessageSource(replay.rawMessageDb());
        String range = java.time.Instant.ofEpochMilli(replay.from()) + " to " + java.time.Instant.ofEpochMilli(replay.to());
        java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong(-1);
        long count = 0;
        try {
            if (!mapArrived.await(REPLAY_MAP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.error("Replay of {}: no datapoint map arrived on {} within {} s (is the connector registered in the "
                        + "api-service?). Nothing was replayed.", name, Topics.datapointMap(name), REPLAY_MAP_WAIT.toSeconds());
                stopInBackground(EXIT_FATAL, null);
                return;
            }
            if (datapointMap.get().sensor().isEmpty()) {
                log.warn("Replay of {}: the datapoint map has no active sensor datapoints, so there is nothing to "
                        + "replay.", name);
                stopInBackground(EXIT_STOPPED, null);
                return;
            }
            log.info("Replaying the raw messages of {} from {} ({} sensor datapoint(s) mapped) from {}; the device "
                    + "is not contacted.", name, range, datapointMap.get().sensor().size(),
                    source.address(name, replay.from(), replay.to()));
            count = source.stream(name, replay.from(), replay.to(), message -> {
                sensorFlow.replay(message.rawMessage(), message.timestamp());
                last.set(message.timestamp());
            });
        } catch (InterruptedException e) {
            return;
        } catch (java.io.IOException e) {
            log.error("Replay of {} stopped: {}. {}", name, e.getMessage(), last.get() < 0 ? "Nothing was replayed."
                    : "Raw messages up to " + last.get() + " were replayed; the rest needs another run from there.");
            stopInBackground(EXIT_FATAL, null);
            return;
        }
        sensorFlow.drainAndStop(REPLAY_DRAIN);
        long deadline = System.nanoTime() + REPLAY_DRAIN.toNanos();
        while (broker.unacknowledged() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
        long failed = metrics.replayValues("failed") + broker.unacknowledged();
        long parseFailed = metrics.replayReadings("parse_failed");
        String summary = "Replay of " + name + " from " + range + " done: " + count + " raw message(s); "
                + metrics.replayReadings("ok") + " parsed, " + parseFailed + " failed to parse, "
                + metrics.replayReadings("empty") + " without a reading; " + metrics.replayValues("published")
                + " value(s) published, " + metrics.replayValues("unmapped") + " of datapoints not in the datapoint map "
                + "left out, " + failed + " not acknowledged by the broker.";
        if (failed > 0) {
            log.error("{}", summary);
        } else if (parseFailed > 0) {
            log.warn("{}", summary);
        } else {
            log.info("{}", summary);
        }
        stopInBackground(failed > 0 ? EXIT_FATAL : EXIT_STOPPED, null);
    }

    // ------------------------------------------------------------------ broker side

    private void onDatapointMap(InboundMessage<byte[]> inbound) {
        var decoded = MessageCodec.decodeDatapointMap(inbound.message());
        if (!decoded.isValid()) {
            metrics.reading("map_rejected");
            log.error("Rejecting datapoint_map: {}. The current map stays in force.", decoded.error());
            return;
        }
        DatapointMapMessage next = decoded.message();
        DatapointMapMessage previous = datapointMap.getAndSet(next);
        mapArrived.countDown();
        if (replay.isPresent()) {
            return; // a replay takes no commands: it never writes to the device
        }
        Set<String> removed = new HashSet<>(previous.actuator().keySet());
        removed.removeAll(next.actuator().keySet());
        Set<String> added = new HashSet<>(next.actuator().keySet());
        added.removeAll(previous.actuator().keySet());
        removed.forEach(broker::unsubscribe);
        added.forEach(topic -> broker.subscribe(topic, Delivery.ACTUATOR_VALUE.qos(), MessageCodec::decodeValue,
                this::onActuatorValue));
        log.debug("Applied a datapoint map with {} sensor(s) and {} actuator(s); +{} -{} actuator topic(s).",
                next.sensor().size(), next.actuator().size(), added.size(), removed.size());
    }

    private void onActuatorValue(InboundMessage<ValueMessage> inbound) {
        String datapointId = datapointMap.get().actuator().get(inbound.topic());
        if (datapointId == null) {
            metrics.command("unknown_topic");
            log.warn("Ignored a command on '{}': the datapoint map has no actuator for that topic.", inbound.topic());
            return;
        }
        ValueMessage command = inbound.message();
        commands.submit(new ActuatorCommands.Command(datapointId, command.value(), command.timestamp()));
    }
}
