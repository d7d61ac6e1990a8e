package io.bemcom.connector.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.bemcom.protocol.BemcomMessage;
import io.bemcom.protocol.DatapointMapMessage;
import io.bemcom.protocol.Decoded;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.TestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A test's eyes and hands on the broker: records what services publish and publishes what a
 * test needs (well-formed or deliberately malformed), through the real broker client.
 */
public final class MqttProbe implements AutoCloseable {

    private final BrokerClient client;

    private MqttProbe(BrokerClient client) {
        this.client = client;
    }

    public static MqttProbe connect(TestBroker broker) {
        return new MqttProbe(BrokerClient.connect(BrokerSettings.of(broker.host(), broker.port()),
                ClientOptions.named("probe"), new SimpleMeterRegistry()));
    }

    /** Subscribes (waiting for the broker's confirmation) and records every message that decodes. */
    public <T> Recorded<T> record(String filter, Function<byte[], Decoded<T>> decoder) {
        Recorded<T> recorded = new Recorded<>();
        client.subscribe(filter, 2, decoder, recorded::add).join();
        return recorded;
    }

    /** Records raw payloads as text. */
    public Recorded<String> recordText(String filter) {
        return record(filter, bytes -> Decoded.valid(new String(bytes, StandardCharsets.UTF_8)));
    }

    public void publish(String topic, Delivery delivery, BemcomMessage message) {
        client.publish(topic, delivery, message);
    }

    /**
     * Publishes a datapoint map for {@code connector} that gives each sensor and each actuator id a
     * value topic of its own ({@code <connector>/messages/<n>/value}, n counting from 1, sensors
     * first); the topics by id. The connector applies it asynchronously.
     */
    public Map<String, String> mapDatapoints(String connector, Collection<String> sensors,
                                             Collection<String> actuators) {
        Map<String, String> topics = new LinkedHashMap<>();
        Map<String, String> sensorMap = new LinkedHashMap<>();
        Map<String, String> actuatorMap = new LinkedHashMap<>();
        int id = 1;
        for (String sensor : sensors) {
            sensorMap.put(sensor, Topics.value(connector, id));
            topics.put(sensor, Topics.value(connector, id++));
        }
        for (String actuator : actuators) {
            actuatorMap.put(Topics.value(connector, id), actuator);
            topics.put(actuator, Topics.value(connector, id++));
        }
        publish(Topics.datapointMap(connector), Delivery.DATAPOINT_MAP, new DatapointMapMessage(sensorMap, actuatorMap));
        return topics;
    }

    /** Publishes any text, e.g. a malformed payload, with QoS 1. */
    public void publishText(String topic, String payload, boolean retained) {
        client.publish(topic, 1, retained, payload.getBytes(StandardCharsets.UTF_8));
    }

    public void clearRetained(String topic) {
        client.clearRetained(topic);
    }

    public BrokerClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
