package io.bemcom.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.DatapointMapMessage;
import io.bemcom.protocol.HeartbeatMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.TestBroker;
import tools.jackson.databind.JsonNode;

/**
 * The checks every connector passes, through MQTT only, against a running connector and its
 * device simulator:
 * <ol>
 *   <li>it publishes its available datapoints, including the named sensor and actuator ids;</li>
 *   <li>after a datapoint map, the sensor's values reach the mapped topic;</li>
 *   <li>a command on the mapped actuator topic reaches the device;</li>
 *   <li>malformed datapoint maps do not stop it: heartbeats and values go on under the old map.</li>
 * </ol>
 * Start the connector with a short heartbeat interval (e.g. {@code HEARTBEAT_INTERVAL_SECONDS=1}).
 */
public final class ConnectorConformance {

    private final String connector;
    private final TestBroker broker;
    private final List<String> sensors;
    private final List<ActuatorCheck> actuators;
    private final Duration timeout;

    private record ActuatorCheck(String datapointId, JsonNode command, Supplier<Boolean> reachedDevice) {
    }

    private ConnectorConformance(Builder builder) {
        this.connector = builder.connector;
        this.broker = builder.broker;
        this.sensors = List.copyOf(builder.sensors);
        this.actuators = List.copyOf(builder.actuators);
        this.timeout = builder.timeout;
    }

    public static Builder forConnector(String connector, TestBroker broker) {
        return new Builder(connector, broker);
    }

    /** Runs every check; fails with an assertion error naming the check that failed. */
    public void verify() {
        try (MqttProbe probe = MqttProbe.connect(broker)) {
            String mapTopic = Topics.datapointMap(connector);
            try {
                verifyWith(probe, mapTopic);
            } finally {
                probe.clearRetained(mapTopic);
            }
        }
    }

    private void verifyWith(MqttProbe probe, String mapTopic) {
        Recorded<AvailableDatapointsMessage> available = probe.record(Topics.availableDatapoints(connector),
                MessageCodec::decodeAvailableDatapoints);
        Recorded<HeartbeatMessage> heartbeats = probe.record(Topics.heartbeat(connector),
                MessageCodec::decodeHeartbeat);
        Recorded<ValueMessage> values = probe.record(connector + "/messages/+/value", MessageCodec::decodeValue);

        // 1. available datapoints
        available.await(message -> message.message().sensor().keySet().containsAll(sensors)
                && message.message().actuator().keySet().containsAll(actuatorIds()), timeout);

        // 2. datapoint map → sensor values on the mapped topics
        Map<String, String> sensorMap = new java.util.LinkedHashMap<>();
        Map<String, String> actuatorMap = new java.util.LinkedHashMap<>();
        int id = 9_000;
        for (String sensor : sensors) {
            sensorMap.put(sensor, Topics.value(connector, id++));
        }
        for (ActuatorCheck actuator : actuators) {
            actuatorMap.put(Topics.value(connector, id++), actuator.datapointId());
        }
        probe.publish(mapTopic, Delivery.DATAPOINT_MAP, new DatapointMapMessage(sensorMap, actuatorMap));
        for (String topic : sensorMap.values()) {
            values.awaitOn(topic, timeout);
        }
        assertThat(values.topics()).as("values are published only on mapped topics")
                .allMatch(topic -> sensorMap.containsValue(topic) || actuatorMap.containsKey(topic));

        // 3. a command reaches the device
        actuatorMap.forEach((topic, datapointId) -> {
            ActuatorCheck check = actuators.stream().filter(a -> a.datapointId().equals(datapointId)).findFirst()
                    .orElseThrow();
            // The connector subscribes when it applies the map; repeat until the device saw it.
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
                probe.publish(topic, Delivery.ACTUATOR_VALUE, new ValueMessage(check.command(),
                        System.currentTimeMillis()));
                return check.reachedDevice().get();
            });
        });

        // 4. malformed maps change nothing
        probe.publishText(mapTopic, "{this is not json", false);
        probe.publishText(mapTopic, "{\"sensor\": {}}", false);
        probe.publishText(mapTopic, "{\"sensor\": [], \"actuator\": {}}", false);
        int heartbeatsBefore = heartbeats.all().size();
        heartbeats.await(message -> heartbeats.all().indexOf(message) >= heartbeatsBefore, timeout);
        if (!sensorMap.isEmpty()) {
            values.clear();
            String firstTopic = sensorMap.values().iterator().next();
            values.awaitOn(firstTopic, timeout);
        }
    }

    private List<String> actuatorIds() {
        return actuators.stream().map(ActuatorCheck::datapointId).toList();
    }

    public static final class Builder {
        private final String connector;
        private final TestBroker broker;
        private final List<String> sensors = new ArrayList<>();
        private final List<ActuatorCheck> actuators = new ArrayList<>();
        private Duration timeout = Duration.ofSeconds(20);

        private Builder(String connector, TestBroker broker) {
            this.connector = connector;
            this.broker = broker;
        }

        /** A sensor datapoint id the connector offers once it has read the device. */
        public Builder sensor(String datapointId) {
            sensors.add(datapointId);
            return this;
        }

        /**
         * An actuator datapoint id, the command to send it, and how to see on the simulator that the
         * command arrived.
         */
        public Builder actuator(String datapointId, JsonNode command, Supplier<Boolean> reachedDevice) {
            actuators.add(new ActuatorCheck(datapointId, command, reachedDevice));
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        public ConnectorConformance build() {
            return new ConnectorConformance(this);
        }

        public void verify() {
            build().verify();
        }
    }

    /** A predicate helper for simulators that record writes. */
    public static <T> Supplier<Boolean> contains(List<T> writes, Predicate<T> expected) {
        return () -> writes.stream().anyMatch(expected);
    }
}
