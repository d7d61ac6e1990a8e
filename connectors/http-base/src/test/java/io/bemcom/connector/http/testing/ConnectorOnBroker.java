package io.bemcom.connector.http.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import io.bemcom.connector.DeviceFactory;
import io.bemcom.connector.testkit.ConnectorRun;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.DatapointMapMessage;
import io.bemcom.protocol.LogMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.RawMessage;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;
import tools.jackson.databind.JsonNode;

/**
 * The broker side of an HTTP connector's test, on the shared test broker: runs the connector under
 * a unique name, records its values, logs and raw messages from the start, maps datapoint ids to
 * topics as the API would, and sends commands.
 */
public final class ConnectorOnBroker implements AutoCloseable {

    public static final Duration WAIT = ConnectorRun.waitLimit();

    private final TestBroker broker;
    private final String name;
    private final MqttProbe probe;
    private final Recorded<ValueMessage> values;
    private final Recorded<LogMessage> logs;
    private final Recorded<RawMessage> rawMessages;
    private final Map<String, String> topics = new LinkedHashMap<>();

    private ConnectorRun run;

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

    public String name() {
        return name;
    }

    public TestBroker broker() {
        return broker;
    }

    /**
     * Starts the connector with the test kit's fast defaults, a 1 s HTTP time limit, the device's
     * {@code variables} and then {@code extraVariables} (name, value, name, value, ...).
     */
    public ConnectorRun start(DeviceFactory<?> factory, Map<String, String> variables, String... extraVariables) {
        Map<String, String> env = ConnectorRun.environment(name, broker);
        env.put("HTTP_TIMEOUT_SECONDS", "1");
        env.putAll(variables);
        for (int i = 0; i < extraVariables.length; i += 2) {
            env.put(extraVariables[i], extraVariables[i + 1]);
        }
        run = ConnectorRun.start(broker, env, factory);
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

    /** Publishes a datapoint map giving every sensor and actuator id a topic of its own. */
    public void map(List<String> sensors, List<String> actuators) {
        Map<String, String> sensorMap = new LinkedHashMap<>();
        Map<String, String> actuatorMap = new LinkedHashMap<>();
        int id = 1;
        for (String sensor : sensors) {
            String topic = Topics.value(name, id++);
            sensorMap.put(sensor, topic);
            topics.put(sensor, topic);
        }
        for (String actuator : actuators) {
            String topic = Topics.value(name, id++);
            actuatorMap.put(topic, actuator);
            topics.put(actuator, topic);
        }
        probe.publish(Topics.datapointMap(name), Delivery.DATAPOINT_MAP, new DatapointMapMessage(sensorMap, actuatorMap));
    }

    /** Waits for a value of sensor {@code id} (mapped before) that satisfies {@code expected}. */
    public ValueMessage awaitValue(String id, Predicate<JsonNode> expected) {
        String topic = topic(id);
        return values.await(m -> m.topic().equals(topic) && expected.test(m.message().value()), WAIT).message();
    }

    /** Waits for any value of sensor {@code id}. */
    public JsonNode awaitValue(String id) {
        return awaitValue(id, value -> true).value();
    }

    /** Sends {@code value} to actuator {@code id} until {@code arrived} (the connector subscribes once it applied the map). */
    public void command(String id, JsonNode value, BooleanSupplier arrived) {
        String topic = topic(id);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            probe.publish(topic, Delivery.ACTUATOR_VALUE, new ValueMessage(value, System.currentTimeMillis()));
            return arrived.getAsBoolean();
        });
    }

    /** Sends {@code value} to actuator {@code id} once. */
    public void commandOnce(String id, JsonNode value) {
        probe.publish(topic(id), Delivery.ACTUATOR_VALUE, new ValueMessage(value, System.currentTimeMillis()));
    }

    /** Waits for a log record of {@code level} (e.g. {@link LogMessage#ERROR}) whose text contains {@code text}. */
    public LogMessage awaitLog(int level, String text) {
        return logs.await(m -> m.message().level() == level && m.message().msg().contains(text), WAIT).message();
    }

    public String topic(String id) {
        String topic = topics.get(id);
        if (topic == null) {
            throw new IllegalArgumentException(id + " was not mapped");
        }
        return topic;
    }

    @Override
    public void close() {
        stopConnector();
        probe.clearRetained(Topics.datapointMap(name));
        probe.close();
    }
}
