package io.bemcom.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
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
 *   <li>actuators offered at runtime ({@link Builder#actuatorOfferedLater}) are absent until the
 *       simulator makes the device offer them, then published in grown available datapoints that
 *       still hold every earlier id;</li>
 *   <li>after a datapoint map, the sensors' values reach the mapped topics, and nothing else is
 *       published;</li>
 *   <li>a command on each mapped actuator topic reaches the device;</li>
 *   <li>malformed datapoint maps do not stop it: heartbeats and values go on under the old map.</li>
 * </ol>
 * A push device that sends only when its peer does gets a {@link Builder#stimulus}, which the
 * checks run repeatedly while they wait for readings. Start the connector with a short heartbeat
 * interval (e.g. {@code HEARTBEAT_INTERVAL_SECONDS=1}, as {@link ConnectorRun#environment} does).
 */
public final class ConnectorConformance {

    private final String connector;
    private final TestBroker broker;
    private final List<String> sensors;
    private final List<ActuatorCheck> actuators;
    private final Runnable stimulus;
    private final Duration timeout;

    private record ActuatorCheck(String datapointId, JsonNode command, Supplier<Boolean> reachedDevice,
                                 Runnable offer) {

        boolean offeredLater() {
            return offer != null;
        }
    }

    private ConnectorConformance(Builder builder) {
        this.connector = builder.connector;
        this.broker = builder.broker;
        this.sensors = List.copyOf(builder.sensors);
        this.actuators = List.copyOf(builder.actuators);
        this.stimulus = builder.stimulus;
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
        List<String> fromStart = actuatorIds(false);
        awaitStimulated("available datapoints naming " + sensors + " and " + fromStart,
                () -> available.all().stream().anyMatch(message -> offers(message.message(), sensors, fromStart)));

        // 2. actuators offered at runtime
        List<String> later = actuatorIds(true);
        if (!later.isEmpty()) {
            AvailableDatapointsMessage before = last(available);
            assertThat(before.actuator().keySet()).as("actuators offered only later are not offered yet")
                    .doesNotContainAnyElementsOf(later);
            actuators.stream().filter(ActuatorCheck::offeredLater).forEach(check -> check.offer().run());
            List<String> grown = new ArrayList<>(before.actuator().keySet());
            grown.addAll(later);
            await("grown available datapoints that keep every earlier id").atMost(timeout)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> offers(last(available), before.sensor().keySet(), grown));
        }

        // 3. datapoint map → sensor values on the mapped topics
        Map<String, String> sensorMap = new LinkedHashMap<>();
        Map<String, String> actuatorMap = new LinkedHashMap<>();
        int id = 9_000;
        for (String sensor : sensors) {
            sensorMap.put(sensor, Topics.value(connector, id++));
        }
        for (ActuatorCheck actuator : actuators) {
            actuatorMap.put(Topics.value(connector, id++), actuator.datapointId());
        }
        probe.publish(mapTopic, Delivery.DATAPOINT_MAP, new DatapointMapMessage(sensorMap, actuatorMap));
        for (String topic : sensorMap.values()) {
            awaitStimulated("a value on " + topic, () -> values.topics().contains(topic));
        }
        assertThat(values.topics()).as("values are published only on mapped topics")
                .allMatch(topic -> sensorMap.containsValue(topic) || actuatorMap.containsKey(topic));

        // 4. a command reaches the device
        actuatorMap.forEach((topic, datapointId) -> {
            ActuatorCheck check = actuators.stream().filter(a -> a.datapointId().equals(datapointId)).findFirst()
                    .orElseThrow();
            // The connector subscribes when it applies the map; repeat until the device saw it.
            await("the command for " + datapointId + " reaching the device").atMost(timeout)
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        probe.publish(topic, Delivery.ACTUATOR_VALUE, new ValueMessage(check.command(),
                                System.currentTimeMillis()));
                        return check.reachedDevice().get();
                    });
        });

        // 5. malformed maps change nothing
        probe.publishText(mapTopic, "{this is not json", false);
        probe.publishText(mapTopic, "{\"sensor\": {}}", false);
        probe.publishText(mapTopic, "{\"sensor\": [], \"actuator\": {}}", false);
        int heartbeatsBefore = heartbeats.all().size();
        heartbeats.await(message -> heartbeats.all().indexOf(message) >= heartbeatsBefore, timeout);
        if (!sensorMap.isEmpty()) {
            values.clear();
            String firstTopic = sensorMap.values().iterator().next();
            awaitStimulated("a value on " + firstTopic + " after malformed maps",
                    () -> values.topics().contains(firstTopic));
        }
    }

    /** Waits for {@code condition}, running the stimulus (if any) between looks. */
    private void awaitStimulated(String what, Supplier<Boolean> condition) {
        await(what).atMost(timeout).pollInterval(Duration.ofMillis(stimulus == null ? 20 : 250)).until(() -> {
            if (condition.get()) {
                return true;
            }
            if (stimulus != null) {
                stimulus.run();
            }
            return false;
        });
    }

    private static boolean offers(AvailableDatapointsMessage message, Collection<String> sensorIds,
                                  Collection<String> actuatorIds) {
        return message != null && message.sensor().keySet().containsAll(sensorIds)
                && message.actuator().keySet().containsAll(actuatorIds);
    }

    private static AvailableDatapointsMessage last(Recorded<AvailableDatapointsMessage> available) {
        List<AvailableDatapointsMessage> messages = available.messages();
        return messages.isEmpty() ? null : messages.get(messages.size() - 1);
    }

    private List<String> actuatorIds(boolean offeredLater) {
        return actuators.stream().filter(a -> a.offeredLater() == offeredLater).map(ActuatorCheck::datapointId)
                .toList();
    }

    public static final class Builder {
        private final String connector;
        private final TestBroker broker;
        private final List<String> sensors = new ArrayList<>();
        private final List<ActuatorCheck> actuators = new ArrayList<>();
        private Runnable stimulus;
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
         * An actuator datapoint id the device offers from the start, the command to send it, and how
         * to see on the simulator that the command arrived.
         */
        public Builder actuator(String datapointId, JsonNode command, Supplier<Boolean> reachedDevice) {
            actuators.add(new ActuatorCheck(datapointId, command, reachedDevice, null));
            return this;
        }

        /**
         * An actuator the device offers only at runtime, once {@code offer} has made the simulator do
         * what leads to it (a charge point connects, a thermostat is first seen).
         */
        public Builder actuatorOfferedLater(String datapointId, JsonNode command, Supplier<Boolean> reachedDevice,
                                            Runnable offer) {
            actuators.add(new ActuatorCheck(datapointId, command, reachedDevice, offer));
            return this;
        }

        /**
         * What makes a push device's peer send (a datagram, a callback, a group write); run
         * repeatedly while the checks wait for readings.
         */
        public Builder stimulus(Runnable value) {
            this.stimulus = value;
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
