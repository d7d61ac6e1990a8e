package io.bemcom.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.connector.testkit.ConnectorConformance;
import io.bemcom.connector.testkit.ConnectorRun;
import io.bemcom.connector.testkit.DatapointTopics;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.LogMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.RawMessage;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.testsupport.RestartableBroker;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;
import tools.jackson.databind.JsonNode;

/** The bridge between a remote broker of the test's own (Mosquitto or Moquette) and the BEMCom broker. */
class MqttConnectorTest {

    private static final Duration WAIT = ConnectorRun.waitLimit();

    private final TestBroker broker = TestBrokers.shared();
    private final RestartableBroker remote = TestBrokers.restartable();
    private final String name = TestNames.unique("mqtt-bridge");
    /** The remote topics of this test. */
    private final String site = "site/" + name;
    private final MqttProbe probe = MqttProbe.connect(broker);
    private final Recorded<ValueMessage> values = probe.record(name + "/messages/+/value", MessageCodec::decodeValue);
    private final Recorded<LogMessage> logs = probe.record(Topics.logs(name), MessageCodec::decodeLog);
    private final Recorded<AvailableDatapointsMessage> available = probe.record(Topics.availableDatapoints(name),
            MessageCodec::decodeAvailableDatapoints);
    private MqttProbe device;
    private ConnectorRun run;

    @AfterEach
    void stop() throws Exception {
        BridgeRuns.closeAll(run, device, probe, remote);
    }

    private void start(String mapping, String... variables) {
        run = BridgeRuns.start(name, broker, remote, mapping, variables);
    }

    /** The devices on the remote broker: they publish there and read what the bridge publishes. */
    private MqttProbe device() {
        if (device == null) {
            device = MqttProbe.connect(remote);
        }
        return device;
    }

    private void send(String topic, String payload) {
        device().publishText(topic, payload, false);
    }

    private String mapping(List<String> sensorTopics, Map<String, String> actuatorExamples) {
        StringBuilder json = new StringBuilder("{\"sensor_topics\": {");
        json.append(String.join(", ", sensorTopics.stream().map(t -> "\"" + t + "\": {}").toList()));
        json.append("}, \"actuator_topics\": {");
        json.append(String.join(", ", actuatorExamples.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": {\"example_value\": " + e.getValue() + "}").toList()));
        return json.append("}}").toString();
    }

    /** Sends until a value on {@code topic} satisfies {@code expected}: the map applies asynchronously. */
    private ValueMessage awaitValue(String topic, Predicate<JsonNode> expected, Runnable send) {
        return values.awaitSending(send, m -> m.topic().equals(topic) && expected.test(m.message().value()), WAIT)
                .message();
    }

    private void awaitOffered(String... sensorIds) {
        available.await(m -> m.message().sensor().keySet().containsAll(List.of(sensorIds)), WAIT);
    }

    @Test
    void passesTheConformanceChecks() {
        String heater = site + "/heater/set";
        start(mapping(List.of(site + "/+/temperature"), Map.of(heater, "20.0")));
        Recorded<String> published = device().recordText(heater);

        ConnectorConformance.forConnector(name, broker)
                .sensor(site + "/kitchen/temperature")
                .stimulus(() -> send(site + "/kitchen/temperature", "21.5"))
                .actuator(heater, JsonValues.of(22.5), () -> published.messages().contains("22.5"))
                .verify();
    }

    @Test
    void takesEveryConcreteTopicOfItsWildcardFiltersAsADatapointOfItsOwn() {
        start(mapping(List.of(site + "/sensor/topic/1", site + "/sensor/+/wildcard", site + "/multi/#"), Map.of()));

        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            send(site + "/sensor/topic/1", "1");
            send(site + "/sensor/abc/wildcard", "2");
            send(site + "/multi/level/wildcard/x", "3");
            send(site + "/elsewhere", "4");
            return available.all().stream().anyMatch(m -> m.message().sensor().size() == 3);
        });

        AvailableDatapointsMessage last = available.messages().get(available.messages().size() - 1);
        assertThat(last.sensor()).containsOnlyKeys(site + "/sensor/topic/1", site + "/sensor/abc/wildcard",
                site + "/multi/level/wildcard/x");
        assertThat(last.sensor().get(site + "/sensor/abc/wildcard")).isEqualTo(JsonValues.of("2"));
        DatapointTopics topics = probe.mapDatapoints(name, List.of(site + "/multi/level/wildcard/x"), List.of());
        ValueMessage value = awaitValue(topics.sensor(site + "/multi/level/wildcard/x"), v -> v.asString().equals("5"),
                () -> send(site + "/multi/level/wildcard/x", "5"));
        assertThat(value.timestamp()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(WAIT.toMillis()));
    }

    @Test
    void skipsRetainedMessagesAsTheOriginalDoes() {
        device().publishText(site + "/stale", "old", true);
        start(mapping(List.of(site + "/#"), Map.of()));

        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            send(site + "/fresh", "new");
            return available.all().stream().anyMatch(m -> m.message().sensor().containsKey(site + "/fresh"));
        });

        assertThat(available.messages()).allSatisfy(m -> assertThat(m.sensor()).doesNotContainKey(site + "/stale"));
        assertThat(run.count("bemcom.mqtt.bridge.messages", "retained_skipped")).isEqualTo(1);
        device().clearRetained(site + "/stale");
    }

    @Test
    void keepsPayloadsAsTextUnlessAskedToParseJson() {
        start(mapping(List.of(site + "/#"), Map.of()));
        String topic = site + "/meter";
        DatapointTopics topics = probe.mapDatapoints(name, List.of(topic), List.of());

        ValueMessage value = awaitValue(topics.sensor(topic), v -> true, () -> send(topic, "{\"power\": 230.5}"));

        assertThat(value.value()).isEqualTo(JsonValues.of("{\"power\": 230.5}"));
    }

    @Test
    void parsesJsonPayloadsIntoFieldsOfTheTopicWhenAsked() {
        start(mapping(List.of(site + "/#"), Map.of()), "REMOTE_MQTT_BROKER_PARSE_JSON", "TRUE");
        String meter = site + "/meter";

        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            send(meter, "{\"power\": 230.5, \"state\": {\"on\": true, \"phases\": [1, 2, 3]}, \"name\": \"main\"}");
            send(site + "/number", "22.5");
            send(site + "/text", "not json");
            return available.all().stream().anyMatch(m -> m.message().sensor().containsKey(site + "/text"));
        });

        awaitOffered(meter + "__power", meter + "__state__on", meter + "__state__phases", meter + "__name",
                site + "/number", site + "/text");
        Map<String, JsonNode> examples = available.messages().get(available.messages().size() - 1).sensor();
        assertThat(examples.get(meter + "__power")).isEqualTo(JsonValues.of(230.5));
        assertThat(examples.get(meter + "__state__phases")).isEqualTo(JsonValues.parse("[1, 2, 3]"));
        assertThat(examples.get(site + "/number")).isEqualTo(JsonValues.of(22.5));
        assertThat(examples.get(site + "/text")).isEqualTo(JsonValues.of("not json"));
        logs.await(m -> m.message().msg().contains("is not JSON, kept as text: not json"), WAIT);
    }

    @Test
    void sendsEachMessageAsARawMessageThatParsesAgain() {
        start(mapping(List.of(site + "/#"), Map.of()), "SEND_RAW_MESSAGE_TO_DB", "TRUE");
        Recorded<RawMessage> raw = probe.record(Topics.rawMessageToDb(name), MessageCodec::decodeRawMessage);

        RawMessage message = await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            send(site + "/test", "{\"test\": \"value\"}");
            return raw.messages().stream().findFirst().orElse(null);
        }, found -> found != null);

        assertThat(message.rawMessage()).isEqualTo(JsonValues.parse(
                "{\"topic\": \"" + site + "/test\", \"payload\": \"{\\\"test\\\": \\\"value\\\"}\"}"));
        assertThat(run.<MqttBridgeDevice>device().parse(message.rawMessage()))
                .isEqualTo(JsonValues.parse("{\"" + site + "/test\": \"{\\\"test\\\": \\\"value\\\"}\"}"));
    }

    @Test
    void publishesActuatorValuesToTheirRemoteTopics() {
        String setpoint = site + "/actuator/topic/1";
        String mode = site + "/actuator/topic/2";
        start(mapping(List.of(site + "/sensor"), Map.of(setpoint, "\"22.0\"", mode, "\"26.0\"")));
        available.await(m -> m.message().actuator().equals(Map.of(setpoint, JsonValues.of("22.0"),
                mode, JsonValues.of("26.0"))), WAIT);
        Recorded<String> published = device().recordText(site + "/actuator/#");
        DatapointTopics topics = probe.mapDatapoints(name, List.of(), List.of(setpoint, mode));

        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            probe.command(topics.actuator(setpoint), JsonValues.of("21.5"));
            return published.messages().contains("21.5");
        });
        probe.command(topics.actuator(mode), JsonValues.parse("{\"mode\": \"auto\", \"level\": 3}"));
        probe.command(topics.actuator(setpoint), JsonValues.of(23));

        published.await(m -> m.topic().equals(mode) && m.message().equals("{\"mode\":\"auto\",\"level\":3}"), WAIT);
        published.await(m -> m.topic().equals(setpoint) && m.message().equals("23"), WAIT);
        assertThat(published.all()).allSatisfy(m -> assertThat(m.retained()).isFalse());
    }

    @Test
    void aSetpointReachesTheRemoteThermostatAndItsConfirmationComesBack() {
        String set = site + "/heater/set";
        String state = site + "/heater/state";
        start(mapping(List.of(state), Map.of(set, "20")), "REMOTE_MQTT_BROKER_PARSE_JSON", "TRUE");
        // The thermostat on the remote broker takes a setpoint and reports it as its state.
        device().client().subscribeBytes(set, 1, message -> device().client().publish(state, 1, false,
                ("{\"setpoint\": " + new String(message.message(), StandardCharsets.UTF_8) + "}")
                        .getBytes(StandardCharsets.UTF_8))).join();
        DatapointTopics topics = probe.mapDatapoints(name, List.of(state + "__setpoint"), List.of(set));

        ValueMessage confirmed = awaitValue(topics.sensor(state + "__setpoint"), v -> v.doubleValue() == 21.5,
                () -> probe.command(topics.actuator(set), JsonValues.of(21.5)));

        assertThat(confirmed.value().isNumber()).isTrue();
        assertThat(run.commands("written")).isPositive();
    }

    @Test
    void refusesAValueForATopicThatIsNoActuatorOfTheMapping() {
        start(mapping(List.of(site + "/sensor"), Map.of(site + "/set", "1")));
        Recorded<String> published = device().recordText(site + "/#");
        DatapointTopics topics = probe.mapDatapoints(name, List.of(), List.of(site + "/other"));

        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            probe.command(topics.actuator(site + "/other"), JsonValues.of(1));
            return run.commands("failed") >= 1;
        });

        logs.await(m -> m.message().msg().contains("is none of the actuator_topics"), WAIT);
        assertThat(published.topics()).doesNotContain(site + "/other");
    }

    @Test
    void keepsItsSubscriptionsWhenTheRemoteBrokerRestarts() {
        start(mapping(List.of(site + "/+/temperature"), Map.of()));
        String topic = site + "/hall/temperature";
        String mapped = probe.mapDatapoints(name, List.of(topic), List.of()).sensor(topic);
        awaitValue(mapped, v -> v.asString().equals("20"), () -> send(topic, "20"));

        remote.stop();
        remote.start();

        awaitValue(mapped, v -> v.asString().equals("21"), () -> send(topic, "21"));
        assertThat(run.registry().get("bemcom.mqtt.remote.reconnects").counter().count()).isPositive();
        assertThat(run.connector().exitCode()).isZero();
    }

    @Test
    void keepsTryingWhileTheRemoteBrokerIsAwayAtStartAndBridgesOnceItIsThere() {
        remote.stop();
        start(mapping(List.of(site + "/#"), Map.of()));

        LogMessage away = logs.await(m -> m.message().msg().contains("The remote MQTT broker cannot be reached"), WAIT)
                .message();
        assertThat(away.level()).isEqualTo(LogMessage.ERROR);
        assertThat(run.failedReadings()).isPositive();
        remote.start();

        String topic = site + "/late";
        String mapped = probe.mapDatapoints(name, List.of(topic), List.of()).sensor(topic);
        awaitValue(mapped, v -> v.asString().equals("here"), () -> send(topic, "here"));
        logs.await(m -> m.message().msg().contains("answers again"), WAIT);
    }

    @Test
    void skipsAndCountsAPayloadThatIsNotUtf8() {
        start(mapping(List.of(site + "/#"), Map.of()));
        String topic = site + "/binary";
        String mapped = probe.mapDatapoints(name, List.of(topic), List.of()).sensor(topic);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            device().client().publish(topic, 1, false, new byte[] {(byte) 0xC3, (byte) 0x28});
            return run.count("bemcom.mqtt.bridge.messages", "not_utf8") >= 1;
        });

        logs.await(m -> m.message().msg().contains("is not UTF-8 text"), WAIT);
        awaitValue(mapped, v -> v.asString().equals("Wärme"), () -> device().client().publish(topic, 1, false,
                "Wärme".getBytes(StandardCharsets.UTF_8)));
    }
}
