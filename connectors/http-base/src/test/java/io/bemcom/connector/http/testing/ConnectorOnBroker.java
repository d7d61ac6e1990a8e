package io.bemcom.connector.http.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

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
import tools.jackson.databind.JsonNode;

/**
 * The broker side of an HTTP connector's test: records the connector's values, logs and raw
 * messages from the start, maps datapoint ids to topics as the API would, and sends commands.
 */
public final class ConnectorOnBroker implements AutoCloseable {

    public static final Duration WAIT = ConnectorRun.waitLimit();

    private final String name;
    private final MqttProbe probe;
    private final Recorded<ValueMessage> values;
    private final Recorded<LogMessage> logs;
    private final Recorded<RawMessage> rawMessages;
    private final Map<String, String> topics = new LinkedHashMap<>();

    public ConnectorOnBroker(TestBroker broker, String name) {
        this.name = name;
        this.probe = MqttProbe.connect(broker);
        this.values = probe.record(name + "/messages/+/value", MessageCodec::decodeValue);
        this.logs = probe.record(Topics.logs(name), MessageCodec::decodeLog);
        this.rawMessages = probe.record(Topics.rawMessageToDb(name), MessageCodec::decodeRawMessage);
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
        probe.clearRetained(Topics.datapointMap(name));
        probe.close();
    }
}
