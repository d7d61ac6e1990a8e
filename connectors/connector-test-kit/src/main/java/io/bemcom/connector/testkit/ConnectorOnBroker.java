package io.bemcom.connector.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import io.bemcom.connector.DeviceFactory;
import io.bemcom.protocol.LogMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.RawMessage;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;
import tools.jackson.databind.JsonNode;

/**
 * The broker side of a connector's test, for any protocol: a unique connector name on the shared
 * test broker, an {@link MqttProbe} recording the connector's values, logs and raw messages from the
 * start, the {@link ConnectorRun} of the connector (started with the test kit's fast defaults, the
 * fixture's {@link #withDefaults defaults} and the device's variables), a datapoint map as the API
 * would publish it, commands, and a {@link #close()} for the test's {@code @AfterEach}.
 *
 * <pre>
 * private final ConnectorOnBroker mqtt = new ConnectorOnBroker("knx");
 *
 * &#64;AfterEach
 * void stop() { mqtt.close(); gateway.close(); }
 *
 * ConnectorRun run = mqtt.start(KnxDevice::create, Map.of("KNX_GATEWAY_HOST", "127.0.0.1"), "DEBUG", "TRUE");
 * DatapointTopics topics = mqtt.map(List.of("2/3/111"), List.of("2/3/113"));
 * </pre>
 */
public final class ConnectorOnBroker implements AutoCloseable {

    public static final Duration WAIT = ConnectorRun.waitLimit();

    private final TestBroker broker;
    private final String name;
    private final MqttProbe probe;
    private final Recorded<ValueMessage> values;
    private final Recorded<LogMessage> logs;
    private final Recorded<RawMessage> rawMessages;
    private final Map<String, String> defaults = new LinkedHashMap<>();
    private final Set<String> leftOut = new HashSet<>();

    private DatapointTopics topics = new DatapointTopics(Map.of(), Map.of());
    private ConnectorRun run;
    private boolean closed;

    /** For a connector named {@code <prefix>-<unique>} on the shared test broker. */
    public ConnectorOnBroker(String prefix) {
        this(TestBrokers.shared(), TestNames.unique(prefix));
    }

    public ConnectorOnBroker(TestBroker broker, String name) {
        this.broker = broker;
        this.name = name;
        this.probe = MqttProbe.connect(broker);
        this.values = probe.record(name + "/messages/+/value", MessageCodec::decodeValue);
        this.logs = probe.record(Topics.logs(name), MessageCodec::decodeLog);
        this.rawMessages = probe.record(Topics.rawMessageToDb(name), MessageCodec::decodeRawMessage);
    }

    /**
     * Variables (name, value, name, value, ...) every {@link #start} sets after the test kit's
     * defaults and before the device's, e.g. a shorter time limit of a protocol family.
     */
    public ConnectorOnBroker withDefaults(String... variables) {
        putPairs(defaults, variables);
        return this;
    }

    /**
     * Variables of the test kit's defaults every {@link #start} leaves out, e.g. {@code POLL_SECONDS}
     * for a connector that polls nothing.
     */
    public ConnectorOnBroker without(String... variables) {
        leftOut.addAll(List.of(variables));
        return this;
    }

    public String name() {
        return name;
    }

    public TestBroker broker() {
        return broker;
    }

    /**
     * Starts the connector with the test kit's fast defaults ({@link ConnectorRun#environment}, but
     * those {@link #without left out}), this fixture's defaults, the device's {@code variables} and
     * then {@code extraVariables} (name, value, name, value, ...); later ones win.
     */
    public ConnectorRun start(DeviceFactory<?> factory, Map<String, String> variables, String... extraVariables) {
        Map<String, String> env = ConnectorRun.environment(name, broker);
        env.keySet().removeAll(leftOut);
        env.putAll(defaults);
        env.putAll(variables);
        putPairs(env, extraVariables);
        run = ConnectorRun.start(broker, env, factory);
        return run;
    }

    /** The connector started last; fails if none runs. */
    public ConnectorRun run() {
        if (run == null) {
            throw new IllegalStateException("no connector runs: start one first");
        }
        return run;
    }

    /** Stops the connector started last (if it runs). */
    public void stopConnector() {
        if (run != null) {
            run.close();
            run = null;
        }
    }

    public MqttProbe probe() {
        return probe;
    }

    public Recorded<ValueMessage> values() {
        return values;
    }

    public Recorded<LogMessage> logs() {
        return logs;
    }

    public Recorded<RawMessage> rawMessages() {
        return rawMessages;
    }

    /**
     * Publishes a datapoint map giving every sensor and actuator id a topic of its own
     * ({@link MqttProbe#mapDatapoints}); the ids below refer to this map from now on.
     */
    public DatapointTopics map(Collection<String> sensors, Collection<String> actuators) {
        topics = probe.mapDatapoints(name, sensors, actuators);
        return topics;
    }

    /** The topics of the datapoint map published last. */
    public DatapointTopics topics() {
        return topics;
    }

    /** Waits for a value of sensor {@code id} (mapped before) that satisfies {@code expected}. */
    public ValueMessage awaitValue(String id, Predicate<JsonNode> expected) {
        String topic = topics.sensor(id);
        return values.await(m -> m.topic().equals(topic) && expected.test(m.message().value()), WAIT).message();
    }

    /** Waits for any value of sensor {@code id}. */
    public JsonNode awaitValue(String id) {
        return awaitValue(id, value -> true).value();
    }

    /**
     * Sends {@code value} to actuator {@code id}, again every 300 ms, until {@code arrived} (the
     * connector subscribes once it applied the map).
     */
    public void command(String id, JsonNode value, BooleanSupplier arrived) {
        String topic = topics.actuator(id);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            probe.command(topic, value);
            return arrived.getAsBoolean();
        });
    }

    /** Sends {@code value} to actuator {@code id} once. */
    public void commandOnce(String id, JsonNode value) {
        probe.command(topics.actuator(id), value);
    }

    /** Waits for a log record of {@code level} (e.g. {@link LogMessage#ERROR}) whose text contains {@code text}. */
    public LogMessage awaitLog(int level, String text) {
        return logs.await(m -> m.message().level() == level && m.message().msg().contains(text), WAIT).message();
    }

    /**
     * Stops the connector, clears the datapoint map the test left retained and closes the probe; a
     * second call does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopConnector();
        probe.clearRetained(Topics.datapointMap(name));
        probe.close();
    }

    private static void putPairs(Map<String, String> target, String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("variables come in pairs of name and value, got " + pairs.length);
        }
        for (int i = 0; i < pairs.length; i += 2) {
            target.put(pairs[i], pairs[i + 1]);
        }
    }
}
