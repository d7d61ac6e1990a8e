package io.bemcom.connector.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.awaitility.Awaitility;

import io.bemcom.protocol.BemcomMessage;
import io.bemcom.protocol.DatapointMapMessage;
import io.bemcom.protocol.Decoded;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.TestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.JsonNode;

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

    /** Publishes any text, e.g. a malformed payload, with QoS 1. */
    public void publishText(String topic, String payload, boolean retained) {
        client.publish(topic, 1, retained, payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Publishes the datapoint map of {@code connector}: each sensor id to
     * {@code <connector>/messages/<n>/value} (n from 1), then each actuator likewise. The connector
     * applies it asynchronously: send, or wait, until it shows.
     */
    public DatapointTopics mapDatapoints(String connector, Collection<String> sensors,
                                         Collection<String> actuators) {
        Map<String, String> sensorTopics = new LinkedHashMap<>();
        Map<String, String> actuatorTopics = new LinkedHashMap<>();
        int id = 1;
        for (String sensor : sensors) {
            sensorTopics.put(sensor, Topics.value(connector, id++));
        }
        for (String actuator : actuators) {
            actuatorTopics.put(actuator, Topics.value(connector, id++));
        }
        Map<String, String> actuatorMap = new LinkedHashMap<>();
        actuatorTopics.forEach((actuator, topic) -> actuatorMap.put(topic, actuator));
        publish(Topics.datapointMap(connector), Delivery.DATAPOINT_MAP, new DatapointMapMessage(sensorTopics, actuatorMap));
        return new DatapointTopics(sensorTopics, actuatorTopics);
    }

    /** Sends {@code value} as a command (now) on {@code topic}. */
    public void command(String topic, JsonNode value) {
        publish(topic, Delivery.ACTUATOR_VALUE, new ValueMessage(value, System.currentTimeMillis()));
    }

    /**
     * Sends {@code value} on an actuator topic, again every 0.7 s, until {@code arrived} holds (at
     * most {@link ConnectorRun#waitLimit()}): a connector listens on the topic only once it has applied
     * the map that names it, so the first commands may find nobody listening.
     */
    public void commandUntil(String topic, JsonNode value, BooleanSupplier arrived) {
        Awaitility.await("a command on " + topic + " with the value " + value).atMost(ConnectorRun.waitLimit())
                .pollInterval(Duration.ofMillis(700)).until(() -> {
                    command(topic, value);
                    return arrived.getAsBoolean();
                });
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
