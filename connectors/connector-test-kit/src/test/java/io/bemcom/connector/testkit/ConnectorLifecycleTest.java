package io.bemcom.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.connector.Connector;
import io.bemcom.connector.ConnectorSettings;
import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.DatapointMapMessage;
import io.bemcom.protocol.HeartbeatMessage;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.LogMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.RawMessage;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.protocol.mqtt.InboundMessage;
import io.bemcom.testsupport.RestartableBroker;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The SDK's connector lifecycle, end to end over a real broker, with a tiny in-test device. */
class ConnectorLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("tiny");
    private final TinyDevice device = new TinyDevice();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MqttProbe probe = MqttProbe.connect(broker);
    private Connector connector;

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.stop();
        }
        probe.clearRetained(Topics.datapointMap(name));
        probe.clearRetained(Topics.availableDatapoints(name));
        probe.close();
    }

    @Test
    void passesTheConformanceChecks() {
        start(false, Duration.ofSeconds(30));

        ConnectorConformance.forConnector(name, broker)
                .sensor("room__temperature")
                .actuator("heater__on", JsonValues.of(true),
                        ConnectorConformance.contains(device.writes, w -> w.value().booleanValue()))
                .verify();
    }

    @Test
    void promisesTheNextHeartbeatOneIntervalAhead() {
        Recorded<HeartbeatMessage> heartbeats = probe.record(Topics.heartbeat(name), MessageCodec::decodeHeartbeat);
        start(false, Duration.ofSeconds(30));

        HeartbeatMessage beat = heartbeats.awaitCount(2, WAIT).get(1).message();
        assertThat(beat.nextHeartbeatsTimestamp() - beat.thisHeartbeatsTimestamp()).isEqualTo(1_000);
        assertThat(beat.thisHeartbeatsTimestamp()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5_000L));
    }

    @Test
    void forwardsItsLogRecordsToItsLogsTopic() {
        Recorded<LogMessage> logs = probe.record(Topics.logs(name), MessageCodec::decodeLog);
        start(false, Duration.ofSeconds(30));
        device.nextReadFailure.set(new IOException("no route to device"));

        LogMessage online = logs.await(m -> m.message().msg().equals("Connector online. Entering main loop."), WAIT)
                .message();
        assertThat(online.level()).isEqualTo(LogMessage.INFO);
        assertThat(online.emitter()).isEqualTo("Connector");
        LogMessage failure = logs.await(m -> m.message().msg().startsWith("Reading the device failed"), WAIT).message();
        assertThat(failure.level()).isEqualTo(LogMessage.ERROR);
        assertThat(failure.msg()).contains("no route to device");
    }

    @Test
    void itsLastLogLinesReachTheLogsTopicBeforeItDisconnects() {
        Recorded<LogMessage> logs = probe.record(Topics.logs(name), MessageCodec::decodeLog);
        start(false, Duration.ofSeconds(30));
        logs.await(m -> m.message().msg().equals("Connector online. Entering main loop."), WAIT);

        connector.stop();

        // Queued records are published before the broker client closes, not dropped with the forwarder.
        logs.await(m -> m.message().msg().equals("Connector " + name + " shut down completed. Good bye."), WAIT);
    }

    @Test
    void offersSensorsAndActuatorsAsAvailableDatapointsAndRepublishesOnlyForNewIds() {
        Recorded<AvailableDatapointsMessage> available = probe.record(Topics.availableDatapoints(name),
                MessageCodec::decodeAvailableDatapoints);
        start(false, Duration.ofSeconds(30));

        AvailableDatapointsMessage full = available.await(m -> !m.message().sensor().isEmpty(), WAIT).message();
        assertThat(full.sensor().keySet()).containsExactly("status", "room__temperature", "room__humidity");
        assertThat(full.actuator()).containsEntry("heater__on", JsonValues.of(false));
        await().atMost(WAIT).until(() -> device.reads.get() >= 4);
        assertThat(available.messages()).as("examples changing alone publish nothing").hasSize(2);
    }

    @Test
    void publishesOnlyMappedDatapointsWithOneTimestampPerReading() {
        Recorded<ValueMessage> values = probe.record(name + "/messages/#", MessageCodec::decodeValue);
        start(false, Duration.ofSeconds(30));

        probe.publish(Topics.datapointMap(name), Delivery.DATAPOINT_MAP, new DatapointMapMessage(
                Map.of("room__temperature", Topics.value(name, 1), "status", Topics.value(name, 2)), Map.of()));

        values.awaitOn(Topics.value(name, 1), WAIT);
        values.awaitOn(Topics.value(name, 2), WAIT);
        assertThat(values.topics()).containsOnly(Topics.value(name, 1), Topics.value(name, 2));
        List<InboundMessage<ValueMessage>> all = values.all();
        InboundMessage<ValueMessage> temperature = all.stream()
                .filter(m -> m.topic().equals(Topics.value(name, 1))).findFirst().orElseThrow();
        assertThat(temperature.message().value().doubleValue()).isEqualTo(21.5);
        assertThat(all).filteredOn(m -> m.topic().equals(Topics.value(name, 2)))
                .anyMatch(m -> m.message().timestamp() == temperature.message().timestamp());
    }

    @Test
    void theProbeMapsDatapointsToNumberedTopicsAndRepeatsACommandUntilItArrives() {
        Recorded<ValueMessage> values = probe.record(name + "/messages/#", MessageCodec::decodeValue);
        start(false, Duration.ofSeconds(30));

        DatapointTopics topics = probe.mapDatapoints(name, List.of("room__temperature"), List.of("heater__on"));
        probe.commandUntil(topics.of("heater__on"), JsonValues.of(true), () -> !device.writes.isEmpty());

        assertThat(topics.sensors()).containsExactly(Map.entry("room__temperature", Topics.value(name, 1)));
        assertThat(topics.actuators()).containsExactly(Map.entry("heater__on", Topics.value(name, 2)));
        assertThat(device.writes.get(0).value()).isEqualTo(JsonValues.of(true));
        values.awaitOn(Topics.value(name, 1), WAIT);
    }

    @Test
    void publishesRawMessagesOnlyWhenEnabled() {
        Recorded<RawMessage> raw = probe.record(Topics.rawMessageToDb(name), MessageCodec::decodeRawMessage);
        start(true, Duration.ofSeconds(30));

        RawMessage message = raw.awaitCount(1, WAIT).get(0).message();
        assertThat(message.rawMessage()).isEqualTo(JsonValues.parse("{\"t\": 21.5, \"h\": 40}"));

        Recorded<RawMessage> quiet = probe.record(Topics.rawMessageToDb(TestNames.unique("x")),
                MessageCodec::decodeRawMessage);
        assertThat(quiet.all()).isEmpty();
    }

    @Test
    void executesCommandsInArrivalOrder() {
        start(false, Duration.ofSeconds(30));
        String topic = Topics.value(name, 7);
        mapActuator(topic);

        IntStream.range(0, 20).forEach(i ->
                probe.publish(topic, Delivery.ACTUATOR_VALUE, new ValueMessage(JsonValues.of(i), 1000 + i)));

        await().atMost(WAIT).until(() -> device.writes.size() >= 20);
        List<Integer> written = device.writes.stream().map(w -> w.value().intValue()).toList();
        assertThat(written).containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
        assertThat(device.writes.get(0).timestamp()).isEqualTo(1000);
        assertThat(device.writes).allMatch(w -> w.datapointId().equals("heater__on"));
    }

    @Test
    void aFailedOrHungWriteIsCountedAndTheNextCommandStillRuns() {
        start(false, Duration.ofMillis(300));
        String topic = Topics.value(name, 8);
        mapActuator(topic);

        device.nextWriteFailure.set(new IOException("device refused"));
        probe.publish(topic, Delivery.ACTUATOR_VALUE, new ValueMessage(JsonValues.of("fails"), 1));
        await().atMost(WAIT).until(() -> commands("failed") == 1.0);

        device.writeDelayMillis = 5_000;
        probe.publish(topic, Delivery.ACTUATOR_VALUE, new ValueMessage(JsonValues.of("hangs"), 2));
        await().atMost(WAIT).until(() -> commands("timeout") == 1.0);

        device.writeDelayMillis = 0;
        probe.publish(topic, Delivery.ACTUATOR_VALUE, new ValueMessage(JsonValues.of("works"), 3));
        await().atMost(WAIT).until(() -> device.writes.stream().anyMatch(w -> w.value().asString().equals("works")));
    }

    @Test
    void malformedCommandsAreSkipped() {
        start(false, Duration.ofSeconds(30));
        String topic = Topics.value(name, 9);
        mapActuator(topic);

        probe.publishText(topic, "{\"value\": ", false);
        probe.publishText(topic, "{\"timestamp\": 5}", false);
        probe.publish(topic, Delivery.ACTUATOR_VALUE, new ValueMessage(JsonValues.of("valid"), 6));

        await().atMost(WAIT).until(() -> device.writes.stream().anyMatch(w -> w.value().asString().equals("valid")));
        assertThat(registry.get("bemcom.mqtt.messages.rejected").tags("kind", "value").counters().stream()
                .mapToDouble(c -> c.count()).sum()).isEqualTo(2.0);
    }

    @Test
    void stopsListeningOnActuatorTopicsRemovedFromTheMap() {
        start(false, Duration.ofSeconds(30));
        String topic = Topics.value(name, 10);
        mapActuator(topic);

        probe.publish(Topics.datapointMap(name), Delivery.DATAPOINT_MAP, DatapointMapMessage.EMPTY);
        await().atMost(WAIT).until(() -> !connectorSubscribedTo(topic));
        probe.publish(topic, Delivery.ACTUATOR_VALUE, new ValueMessage(JsonValues.of("late"), 1));

        await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        assertThat(device.writes).noneMatch(w -> w.value().asString().equals("late"));
    }

    @Test
    void aReadErrorIsCountedAndTheNextPollCarriesOn() {
        start(false, Duration.ofSeconds(30));
        await().atMost(WAIT).until(() -> device.reads.get() >= 1);
        device.nextReadFailure.set(new IOException("timeout"));

        int before = device.reads.get();
        await().atMost(WAIT).until(() -> device.reads.get() >= before + 2);
        assertThat(registry.get("bemcom.connector.readings").tag("result", "read_failed").counter().count())
                .isEqualTo(1.0);
        assertThat(connector.exitCode()).isZero();
    }

    @Test
    void aFatalDeviceErrorStopsTheConnectorWithExitCodeOne() throws InterruptedException {
        start(false, Duration.ofSeconds(30));
        device.nextReadFailure.set(TinyDevice.fatal());

        assertThat(connector.awaitTermination(WAIT)).isTrue();
        assertThat(connector.exitCode()).isEqualTo(Connector.EXIT_FATAL);
        assertThat(device.closed).isTrue();
    }

    @Test
    void aStopIsGracefulWithExitCodeZero() throws InterruptedException {
        start(false, Duration.ofSeconds(30));

        connector.stop();

        assertThat(connector.awaitTermination(WAIT)).isTrue();
        assertThat(connector.exitCode()).isEqualTo(Connector.EXIT_STOPPED);
        assertThat(device.closed).isTrue();
    }

    @Test
    void carriesOnAfterTheBrokerRestarts() {
        try (RestartableBroker own = TestBrokers.restartable()) {
            connector = create(settings(own, false, Duration.ofSeconds(30)));
            connector.start();
            try (MqttProbe ownProbe = MqttProbe.connect(own)) {
                ownProbe.publish(Topics.datapointMap(name), Delivery.DATAPOINT_MAP,
                        new DatapointMapMessage(Map.of(), Map.of(Topics.value(name, 11), "heater__on")));
            }

            own.stop();
            own.start(); // a fresh broker: no sessions, no retained map — the connector must re-subscribe

            try (MqttProbe ownProbe = MqttProbe.connect(own)) {
                ownProbe.publish(Topics.datapointMap(name), Delivery.DATAPOINT_MAP,
                        new DatapointMapMessage(Map.of("room__temperature", Topics.value(name, 12)),
                                Map.of(Topics.value(name, 11), "heater__on")));
                Recorded<ValueMessage> values = ownProbe.record(Topics.value(name, 12), MessageCodec::decodeValue);
                values.awaitCount(1, Duration.ofSeconds(20));
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
                    ownProbe.publish(Topics.value(name, 11), Delivery.ACTUATOR_VALUE,
                            new ValueMessage(JsonValues.of("after restart"), 1));
                    return device.writes.stream().anyMatch(w -> w.value().asString().equals("after restart"));
                });
            }
        }
    }

    private void mapActuator(String topic) {
        probe.publish(Topics.datapointMap(name), Delivery.DATAPOINT_MAP,
                new DatapointMapMessage(Map.of(), Map.of(topic, "heater__on")));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            probe.publish(topic, Delivery.ACTUATOR_VALUE, new ValueMessage(JsonValues.of("probe"), 0));
            return !device.writes.isEmpty();
        });
        await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        device.writes.clear();
    }

    private boolean connectorSubscribedTo(String topic) {
        // Observable only through behaviour: a command sent now would reach the device.
        int before = device.writes.size();
        probe.publish(topic, Delivery.ACTUATOR_VALUE, new ValueMessage(JsonValues.of("probe"), 0));
        await().pollDelay(Duration.ofMillis(200)).until(() -> true);
        return device.writes.size() > before;
    }

    private double commands(String result) {
        var counter = registry.find("bemcom.connector.actuator.commands").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private void start(boolean sendRaw, Duration commandTimeout) {
        connector = create(settings(broker, sendRaw, commandTimeout));
        connector.start();
    }

    private Connector create(ConnectorSettings settings) {
        try {
            return Connector.create(settings, registry, context -> device);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ConnectorSettings settings(TestBroker target, boolean sendRaw, Duration commandTimeout) {
        return new ConnectorSettings(name, BrokerSettings.of(target.host(), target.port()), sendRaw, false,
                Duration.ofSeconds(1), commandTimeout, Optional.of(Duration.ofMillis(200)));
    }
}
