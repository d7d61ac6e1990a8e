package io.bemcom.connector;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
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
import io.bemcom.protocol.RawMessage;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.protocol.mqtt.InboundMessage;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * The connector lifecycle of the original Python template, with its defects fixed: heartbeat,
 * log forwarding, available datapoints, datapoint map, sensor flow, raw messages and actuator
 * commands around one {@link Device}.
 *
 * <p>Nothing that arrives over MQTT can stop it: a malformed datapoint map or command is logged
 * and counted; a failed write is logged and counted. It stops on {@link #stop()} (exit code 0) or
 * when the device throws {@link FatalDeviceException} (exit code 1).
 */
public final class Connector {

    public static final int EXIT_STOPPED = 0;
    public static final int EXIT_FATAL = 1;
    public static final int EXIT_CONFIGURATION = 2;

    private static final Logger log = LoggerFactory.getLogger(Connector.class);
    private static final Duration PUSH_RECONNECT_PAUSE = Duration.ofSeconds(5);

    private final ConnectorSettings settings;
    private final Device device;
    private final Duration pollInterval;
    private final Clock clock;
    private final ConnectorMetrics metrics;
    private final ConnectorThreads threads;
    private final AvailableDatapoints available = new AvailableDatapoints();
    private final AtomicReference<DatapointMapMessage> datapointMap = new AtomicReference<>(DatapointMapMessage.EMPTY);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger exitCode = new AtomicInteger(EXIT_STOPPED);
    private final CountDownLatch stopped = new CountDownLatch(1);

    private BrokerClient broker;
    private LogForwarder logForwarder;
    private ActuatorCommands commands;
    private ScheduledExecutorService heartbeat;
    private Thread deviceThread;

    private Connector(ConnectorSettings settings, Device device, Duration pollInterval, Clock clock,
                      MeterRegistry registry) {
        this.settings = settings;
        this.device = device;
        this.pollInterval = pollInterval;
        this.clock = clock;
        this.metrics = new ConnectorMetrics(registry);
        this.threads = new ConnectorThreads(settings.name());
    }

    /** A connector that reads {@code device} every {@code pollInterval}. */
    public static Connector polling(ConnectorSettings settings, PollingDevice device, Duration pollInterval,
                                    MeterRegistry registry) {
        return new Connector(settings, device, pollInterval, Clock.systemUTC(), registry);
    }

    /** A connector whose device pushes its messages. */
    public static Connector push(ConnectorSettings settings, PushDevice device, MeterRegistry registry) {
        return new Connector(settings, device, null, Clock.systemUTC(), registry);
    }

    public ConnectorSettings settings() {
        return settings;
    }

    /**
     * Connects to the broker and starts heartbeat, datapoint map handling and the device thread.
     * Throws {@link io.bemcom.protocol.mqtt.BrokerException} when the broker cannot be reached.
     */
    public void start() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("already started");
        }
        threads.runAsConnector(this::startAsConnector);
    }

    private void startAsConnector() {
        String name = settings.name();
        broker = new BrokerClient(settings.broker(),
                ClientOptions.named(name).withLogContext(Map.of(ConnectorThreads.MDC_KEY, name)),
                metrics.registry());
        commands = new ActuatorCommands(device, settings.commandTimeout(), metrics, threads);
        // Subscribed before connecting, so the retained map is applied as soon as the broker sends it.
        broker.subscribeBytes(Topics.datapointMap(name), Delivery.DATAPOINT_MAP.qos(), this::onDatapointMap);
        broker.connect();

        logForwarder = new LogForwarder(name, settings.debug(),
                message -> broker.publish(Topics.logs(name), Delivery.LOG, message), metrics::logDropped, threads);
        logForwarder.attach(settings.debug());

        available.offer(Map.of(), device.actuators())
                .ifPresent(message -> broker.publish(Topics.availableDatapoints(name), Delivery.AVAILABLE_DATAPOINTS,
                        message));

        heartbeat = threads.scheduler("heartbeat");
        long intervalMillis = settings.heartbeatInterval().toMillis();
        heartbeat.scheduleAtFixedRate(this::sendHeartbeat, 0, intervalMillis, TimeUnit.MILLISECONDS);

        deviceThread = threads.newThread("device", pollInterval == null ? this::receiveLoop : this::pollLoop);
        deviceThread.start();
        log.info("Connector online. Entering main loop.");
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

    /** Stops gracefully: device thread, commands, heartbeat, then the broker connection. */
    public void stop() {
        shutDown(EXIT_STOPPED, null);
    }

    private void shutDown(int code, Throwable reason) {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        threads.runAsConnector(() -> {
            if (reason == null) {
                log.info("Connector received a stop request, shutting down.");
            } else {
                log.error("Connector stops after a fatal device error: {}", reason.getMessage(), reason);
            }
        });
        exitCode.set(code);
        if (deviceThread != null && deviceThread != Thread.currentThread()) {
            deviceThread.interrupt();
            join(deviceThread);
        }
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        if (commands != null) {
            commands.close();
        }
        try {
            device.close();
        } catch (Exception e) {
            log.warn("Closing the device failed: {}", e.toString());
        }
        if (logForwarder != null) {
            logForwarder.detach();
        }
        log.info("Connector {} shut down completed. Good bye.", settings.name());
        if (broker != null) {
            broker.close();
        }
        stopped.countDown();
    }

    private static void join(Thread thread) {
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

    private void pollLoop() {
        long intervalNanos = pollInterval.toNanos();
        while (running.get() && !Thread.currentThread().isInterrupted()) {
            long start = System.nanoTime();
            try {
                JsonNode raw = ((PollingDevice) device).read();
                if (raw != null) {
                    handleRawMessage(raw);
                }
            } catch (InterruptedException e) {
                return;
            } catch (FatalDeviceException e) {
                shutDown(EXIT_FATAL, e);
                return;
            } catch (Exception e) {
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

    private void receiveLoop() {
        while (running.get() && !Thread.currentThread().isInterrupted()) {
            try {
                ((PushDevice) device).receive(this::handleRawMessage);
                if (running.get()) {
                    log.info("The device ended its messages.");
                    shutDown(EXIT_STOPPED, null);
                }
                return;
            } catch (InterruptedException e) {
                return;
            } catch (FatalDeviceException e) {
                shutDown(EXIT_FATAL, e);
                return;
            } catch (Exception e) {
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

    /**
     * The sensor flow: one timestamp per reading (taken when the message arrived), raw message to
     * the raw store if enabled, parse, flatten, offer as available datapoints, publish mapped ids.
     */
    void handleRawMessage(JsonNode raw) {
        long timestamp = clock.millis();
        String name = settings.name();
        if (settings.sendRawMessageToDb()) {
            broker.publish(Topics.rawMessageToDb(name), Delivery.RAW_MESSAGE, new RawMessage(raw, timestamp));
        }
        JsonNode reading;
        try {
            reading = device.parse(raw);
        } catch (Exception e) {
            metrics.reading("parse_failed");
            log.error("Parsing a raw message failed: {}; the message is skipped.", e.getMessage(), e);
            return;
        }
        if (reading == null) {
            return;
        }
        metrics.reading("ok");
        Map<String, JsonNode> values = Flattener.flatten(reading);
        available.offer(values, Map.of()).ifPresent(message ->
                broker.publish(Topics.availableDatapoints(name), Delivery.AVAILABLE_DATAPOINTS, message));
        Map<String, String> sensorTopics = datapointMap.get().sensor();
        values.forEach((datapointId, value) -> {
            String topic = sensorTopics.get(datapointId);
            if (topic != null && broker.publish(topic, Delivery.SENSOR_VALUE, new ValueMessage(value, timestamp))) {
                metrics.valuePublished();
            }
        });
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
