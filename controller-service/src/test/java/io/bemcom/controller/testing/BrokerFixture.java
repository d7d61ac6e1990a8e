package io.bemcom.controller.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.bemcom.protocol.ControlledDatapoint;
import io.bemcom.protocol.ControlledDatapointsMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.TestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * The API's side and the connector's side of a test: publishes what the API and the sensors
 * publish, records what reaches the actuators' value topics, and clears its retained messages.
 */
public final class BrokerFixture implements AutoCloseable {

    public record Received(String topic, ValueMessage message) {
    }

    private final BrokerClient publisher;
    private final BrokerClient observer;
    private final Set<String> retainedTopics = ConcurrentHashMap.newKeySet();
    public final List<Received> received = new CopyOnWriteArrayList<>();

    public BrokerFixture(TestBroker broker, String connector, ClientOptions options) {
        BrokerSettings settings = BrokerSettings.of(broker.host(), broker.port());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        publisher = BrokerClient.connect(settings, options, registry);
        observer = new BrokerClient(settings, options.withClientId(options.clientId() + "-observer"), registry);
        observer.subscribe(connector + "/messages/+/value", 1, MessageCodec::decodeValue,
                message -> received.add(new Received(message.topic(), message.message())));
        observer.connect();
    }

    public void controlledDatapoints(String topic, ControlledDatapoint... pairs) {
        publishRetained(topic, Delivery.CONTROLLED_DATAPOINTS,
                MessageCodec.encode(new ControlledDatapointsMessage(List.of(pairs))));
    }

    public void clearControlledDatapoints(String topic) {
        publisher.clearRetained(topic);
    }

    public void setpoint(ControlledDatapoint pair, String itemsJson) {
        publishRetained(pair.actuatorSetpointTopic(), Delivery.SETPOINT,
                bytes("{\"setpoint\": " + itemsJson + ", \"timestamp\": 1}"));
    }

    public void schedule(ControlledDatapoint pair, String itemsJson) {
        publishRetained(pair.actuatorScheduleTopic(), Delivery.SCHEDULE,
                bytes("{\"schedule\": " + itemsJson + ", \"timestamp\": 1}"));
    }

    public void sensor(ControlledDatapoint pair, String valueJson) {
        publishRetained(pair.sensorValueTopic(), Delivery.SENSOR_VALUE,
                bytes("{\"value\": " + valueJson + ", \"timestamp\": 1}"));
    }

    /** A payload as is, not retained (so it never clobbers what a later subscriber should get). */
    public void raw(String topic, String payload) {
        publisher.publish(topic, 1, false, bytes(payload));
    }

    public List<JsonNode> valuesSentTo(ControlledDatapoint pair) {
        return received.stream().filter(r -> r.topic().equals(pair.actuatorValueTopic()))
                .map(r -> r.message().value()).toList();
    }

    public JsonNode lastSentTo(ControlledDatapoint pair) {
        List<JsonNode> values = valuesSentTo(pair);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    public boolean isConnected() {
        return publisher.isConnected() && observer.isConnected();
    }

    private void publishRetained(String topic, Delivery delivery, byte[] payload) {
        retainedTopics.add(topic);
        publisher.publish(topic, delivery, payload);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        retainedTopics.forEach(publisher::clearRetained);
        observer.close();
        publisher.close();
    }
}
