package io.bemcom.connector.homematic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.connector.homematic.ccu.Fixtures;
import io.bemcom.connector.homematic.ccu.SimulatedCcu;
import io.bemcom.connector.homematic.ccu.SimulatedCcu.Event;
import io.bemcom.connector.homematic.ccu.SimulatedCcu.Write;
import io.bemcom.connector.testkit.ConnectorConformance;
import io.bemcom.connector.testkit.ConnectorOnBroker;
import io.bemcom.connector.testkit.ConnectorRun;
import io.bemcom.connector.testkit.DatapointTopics;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.LogMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.RawMessage;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.testsupport.Ports;
import tools.jackson.databind.JsonNode;

/** The whole connector: a simulated CCU over real HTTP on one side, the real broker on the other. */
class HomematicConnectorTest {

    private static final Duration WAIT = ConnectorRun.waitLimit();
    private static final String SETPOINT = "OEQ1573206:2__SET_TEMPERATURE";
    private static final String TEMPERATURE = "OEQ1573206:2__ACTUAL_TEMPERATURE";
    private static final String HUMIDITY = "OEQ1572982:1__HUMIDITY";

    private final SimulatedCcu ccu = SimulatedCcu.start();
    private final ConnectorOnBroker mqtt = new ConnectorOnBroker("homematic");
    private ConnectorRun run;

    @AfterEach
    void stop() {
        mqtt.close();
        ccu.close();
    }

    private void start(String... extraVariables) {
        run = mqtt.start(HomematicDevice::create, Map.of("CCU_DNS_NAME", "127.0.0.1", "CALLBACK_DNS_NAME", "127.0.0.1",
                "CALLBACK_XMLRPC_PORT", String.valueOf(Ports.free()), "CCU_INTERFACES", "BidCos-RF:" + ccu.port(),
                "CCU_PING_TIMEOUT_SECONDS", "3"), extraVariables);
    }

    private void startRegistered(String... extraVariables) {
        start(extraVariables);
        await().atMost(WAIT).until(ccu::registered);
    }

    /** Sends until a value on {@code topic} satisfies {@code expected}: the map applies asynchronously. */
    private ValueMessage awaitValue(String topic, Predicate<JsonNode> expected, Runnable send) {
        return mqtt.values().awaitSending(send, m -> m.topic().equals(topic) && expected.test(m.message().value()),
                WAIT).message();
    }

    private static Event temperature(double value) {
        return Event.ofDouble("OEQ1573206:2", "ACTUAL_TEMPERATURE", value);
    }

    @Test
    void passesTheConformanceChecks() {
        startRegistered();

        ConnectorConformance.forConnector(mqtt.name(), mqtt.broker())
                .sensor(HUMIDITY)
                .sensor(TEMPERATURE)
                .stimulus(() -> ccu.sendEvents(Event.ofInt("OEQ1572982:1", "HUMIDITY", 52), temperature(21.1)))
                .actuatorOfferedLater(SETPOINT, JsonValues.of(21.5),
                        () -> ccu.writes().contains(new Write("OEQ1573206:2", "SET_TEMPERATURE", "double", "21.5")),
                        () -> ccu.sendEvents(Event.ofDouble("OEQ1573206:2", "SET_TEMPERATURE", 20.5)))
                .verify();
        assertThat(ccu.problems()).isEmpty();
    }

    @Test
    void publishesEveryValueOfTheCapturedMulticallWithTheOriginalsIdsAndTheTimeItArrived() {
        startRegistered();
        String interfaceId = ccu.registrations().get(0).interfaceId();
        String multicall = new String(Fixtures.bytes("golden/thermostat-multicall.xml"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("homematic-connector_BidCos-RF", interfaceId);
        DatapointTopics topics = mqtt.map(List.of(TEMPERATURE, SETPOINT, HUMIDITY, "NEQ0875312:1__STATE",
                "NEQ0875312:0__LOWBAT"), List.of());

        long before = System.currentTimeMillis();
        ValueMessage temperature = awaitValue(topics.sensor(TEMPERATURE), v -> v.doubleValue() == 21.1,
                () -> ccu.post(multicall));

        assertThat(temperature.timestamp()).isBetween(before, System.currentTimeMillis());
        assertThat(awaitValue(topics.sensor(SETPOINT), v -> true, () -> { }).value().doubleValue()).isEqualTo(20.5);
        assertThat(awaitValue(topics.sensor(HUMIDITY), v -> true, () -> { }).value().intValue()).isEqualTo(52);
        assertThat(awaitValue(topics.sensor("NEQ0875312:1__STATE"), v -> true, () -> { }).value().intValue()).isEqualTo(2);
        assertThat(awaitValue(topics.sensor("NEQ0875312:0__LOWBAT"), v -> true, () -> { }).value().booleanValue()).isFalse();
        assertThat(ccu.problems()).isEmpty();
    }

    @Test
    void takesAPlainEventCallAsWellAsAMulticall() {
        startRegistered();
        String topic = mqtt.map(List.of(TEMPERATURE), List.of()).sensor(TEMPERATURE);

        awaitValue(topic, v -> v.doubleValue() == 19.5, () -> ccu.sendEvent(temperature(19.5)));
    }

    @Test
    void aThermostatsTemperatureArrivesOverMqttAndItsSetpointIsWrittenBackWithSetValue() {
        startRegistered();
        Recorded<AvailableDatapointsMessage> available = mqtt.probe().record(Topics.availableDatapoints(mqtt.name()),
                MessageCodec::decodeAvailableDatapoints);
        ccu.sendEvents(temperature(20.3), Event.ofDouble("OEQ1573206:2", "SET_TEMPERATURE", 20.0));
        available.await(m -> m.message().actuator().containsKey(SETPOINT), WAIT);
        DatapointTopics topics = mqtt.map(List.of(TEMPERATURE, SETPOINT), List.of(SETPOINT));
        awaitValue(topics.sensor(TEMPERATURE), v -> v.doubleValue() == 20.3, () -> ccu.sendEvents(temperature(20.3)));

        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            mqtt.commandOnce(SETPOINT, JsonValues.of("21.5")); // as an API user typed it: a string
            return !ccu.writes().isEmpty();
        });

        assertThat(ccu.writes().get(0)).isEqualTo(new Write("OEQ1573206:2", "SET_TEMPERATURE", "double", "21.5"));
        // The CCU confirms the new setpoint with an event, which is published as the sensor's value.
        awaitValue(topics.sensor(SETPOINT), v -> v.doubleValue() == 21.5, () -> { });
        assertThat(run.commands("written")).isPositive();
    }

    @Test
    void refusesASetpointOutsideTheRangeTheCcuDescribesAndSendsNothing() {
        startRegistered();
        mqtt.map(List.of(), List.of(SETPOINT));

        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            mqtt.commandOnce(SETPOINT, JsonValues.of(35));
            return run.commands("failed") >= 1;
        });

        LogMessage refused = mqtt.logs().await(m -> m.message().msg().contains("accepts 4.5 to 30.5"), WAIT).message();
        assertThat(refused.msg()).contains("got 35");
        assertThat(ccu.calls()).contains("getParamsetDescription").doesNotContain("setValue");
        assertThat(ccu.writes()).isEmpty();
    }

    @Test
    void aSetValueTheCcuAnswersWithAFaultFailsTheCommandAndTheConnectorGoesOn() {
        startRegistered();
        DatapointTopics topics = mqtt.map(List.of(TEMPERATURE), List.of(SETPOINT));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            mqtt.commandOnce(SETPOINT, JsonValues.of(21));
            return !ccu.writes().isEmpty();
        });

        ccu.answerWith(Fixtures.fill("fault-response.xml", Map.of("CODE", "-8", "TEXT", "Not enough DutyCycle")));
        double failedBefore = run.commands("failed");
        mqtt.commandOnce(SETPOINT, JsonValues.of(22));

        await().atMost(WAIT).until(() -> run.commands("failed") > failedBefore);
        mqtt.logs().await(m -> m.message().msg().contains("Not enough DutyCycle"), WAIT);
        ccu.answerWith(null);
        awaitValue(topics.sensor(TEMPERATURE), v -> v.doubleValue() == 18.0, () -> ccu.sendEvents(temperature(18.0)));
    }

    @Test
    void registersAgainWhenTheCcuRestarts() {
        startRegistered();
        String topic = mqtt.map(List.of(TEMPERATURE), List.of()).sensor(TEMPERATURE);
        awaitValue(topic, v -> v.doubleValue() == 20.0, () -> ccu.sendEvents(temperature(20.0)));

        ccu.restart();

        await().atMost(WAIT).until(() -> ccu.inits() >= 2 && ccu.registered());
        awaitValue(topic, v -> v.doubleValue() == 22.0, () -> ccu.sendEvents(temperature(22.0)));
        assertThat(run.connector().exitCode()).isZero();
    }

    @Test
    void registersAgainWhenTheCcuFallsSilent() {
        startRegistered();
        String topic = mqtt.map(List.of(TEMPERATURE), List.of()).sensor(TEMPERATURE);
        awaitValue(topic, v -> v.doubleValue() == 20.0, () -> ccu.sendEvents(temperature(20.0)));

        ccu.forgetRegistrations(); // it keeps answering pings, but no PONG and no event reaches the connector

        await().atMost(WAIT).until(() -> ccu.inits() >= 2 && ccu.registered());
        assertThat(ccu.calls()).contains("ping");
        assertThat(run.registry().get("bemcom.connector.homematic.silences").counter().count()).isPositive();
        mqtt.logs().await(m -> m.message().msg().contains("has not called back"), WAIT);
        awaitValue(topic, v -> v.doubleValue() == 23.0, () -> ccu.sendEvents(temperature(23.0)));
    }

    @Test
    void carriesOnWhileTheCcuIsAwayAndResumesWhenItIsBack() {
        startRegistered();
        String topic = mqtt.map(List.of(TEMPERATURE), List.of()).sensor(TEMPERATURE);
        awaitValue(topic, v -> v.doubleValue() == 20.0, () -> ccu.sendEvents(temperature(20.0)));

        ccu.disappear();
        await().atMost(WAIT).until(() -> run.failedReadings() >= 2);
        LogMessage away = mqtt.logs().await(m -> m.message().level() == LogMessage.ERROR
                && m.message().msg().contains("BidCos-RF interface"), WAIT).message();
        assertThat(away.msg()).contains("registering again until it answers");
        ccu.comeBack();

        await().atMost(WAIT).until(ccu::registered);
        awaitValue(topic, v -> v.doubleValue() == 24.0, () -> ccu.sendEvents(temperature(24.0)));
        assertThat(run.connector().exitCode()).isZero();
        assertThat(mqtt.logs().messages().stream().filter(m -> m.msg().contains("registering again until it answers")))
                .as("one line while the CCU is away, not one per attempt").hasSize(1);
    }

    @Test
    void givesUpOnACcuThatAnswersTooSlowlyAndRegistersOnceItAnswersInTime() {
        ccu.stall(Duration.ofSeconds(3));
        start("CCU_RPC_TIMEOUT_SECONDS", "1");

        await().atMost(WAIT).until(() -> run.failedReadings() >= 1);
        LogMessage slow = mqtt.logs().await(m -> m.message().msg().contains("failed init"), WAIT).message();
        assertThat(slow.msg()).containsIgnoringCase("timed out");
        ccu.stall(Duration.ZERO);

        await().atMost(WAIT).until(() -> ccu.registered() && ccu.problems().isEmpty());
        mqtt.logs().await(m -> m.message().msg().startsWith("Registered at the CCU's BidCos-RF interface"), WAIT);
    }

    @Test
    void registersOnceTheCcuStopsAnsweringGarbage() {
        ccu.answerWith("<html><head><title>502 Bad Gateway</title></head></html>");
        start();

        await().atMost(WAIT).until(() -> run.failedReadings() >= 1);
        mqtt.logs().await(m -> m.message().msg().contains("expected <methodResponse>"), WAIT);
        ccu.answerWith(null);

        await().atMost(WAIT).until(ccu::registered);
    }

    @Test
    void refusesMalformedCallbacksAndExternalEntitiesAndGoesOn() {
        startRegistered();
        String topic = mqtt.map(List.of(TEMPERATURE), List.of()).sensor(TEMPERATURE);

        List<String> garbage = ccu.post("this is not XML");
        List<String> xxe = ccu.post("<?xml version=\"1.0\"?><!DOCTYPE methodCall [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<methodCall><methodName>event</methodName><params><param><value>&xxe;</value></param></params>"
                + "</methodCall>");
        List<String> wrongParameters = ccu.post("<?xml version=\"1.0\"?><methodCall><methodName>event</methodName>"
                + "<params><param><value><i4>1</i4></value></param></params></methodCall>");
        List<String> unknown = ccu.post("<?xml version=\"1.0\"?><methodCall><methodName>getLinks</methodName>"
                + "</methodCall>");

        assertThat(garbage.get(0)).contains("<fault>").contains("-32700");
        assertThat(xxe.get(0)).contains("<fault>").contains("-32700").doesNotContain("root:");
        assertThat(wrongParameters.get(0)).contains("<fault>").contains("-32602");
        assertThat(unknown.get(0)).contains("<fault>").contains("-32601");
        assertThat(run.count("bemcom.connector.homematic.callbacks", "refused")).isEqualTo(2);
        assertThat(run.count("bemcom.connector.homematic.callbacks", "fault")).isEqualTo(2);
        mqtt.logs().await(m -> m.message().msg().contains("DOCTYPE is not accepted"), WAIT);
        awaitValue(topic, v -> v.doubleValue() == 25.0, () -> ccu.sendEvents(temperature(25.0)));
    }

    @Test
    void sendsEachEventAsARawMessageThatParsesAgain() {
        startRegistered("SEND_RAW_MESSAGE_TO_DB", "TRUE");
        Recorded<RawMessage> raw = mqtt.probe().record(Topics.rawMessageToDb(mqtt.name()),
                MessageCodec::decodeRawMessage);

        ccu.sendEvents(temperature(21.7));

        RawMessage message = raw.await(m -> m.message().rawMessage().path("datapoint").asString("")
                .equals("ACTUAL_TEMPERATURE"), WAIT).message();
        assertThat(message.rawMessage()).isEqualTo(JsonValues.parse(
                "{\"iface\": \"BidCos-RF\", \"channel\": \"OEQ1573206:2\", \"datapoint\": \"ACTUAL_TEMPERATURE\", \"value\": 21.7}"));
        JsonNode reading = run.<HomematicDevice>device().parse(message.rawMessage());
        assertThat(reading).isEqualTo(JsonValues.parse("{\"OEQ1573206:2\": {\"ACTUAL_TEMPERATURE\": 21.7}}"));
    }

    @Test
    void registersAtEveryConfiguredInterfaceAndWritesThroughTheOneAChannelCameFrom() {
        try (SimulatedCcu homematicIp = SimulatedCcu.start()) {
            start("CCU_INTERFACES", "BidCos-RF:" + ccu.port() + ",HmIP-RF:" + homematicIp.port());
            await().atMost(WAIT).until(() -> ccu.registered() && homematicIp.registered());
            assertThat(homematicIp.registrations().get(0).interfaceId()).endsWith("_HmIP-RF");
            String setpoint = "OEQ1572982:2__SET_TEMPERATURE";
            DatapointTopics topics = mqtt.map(List.of(setpoint), List.of(setpoint));
            awaitValue(topics.sensor(setpoint), v -> v.doubleValue() == 19.0,
                    () -> homematicIp.sendEvents(Event.ofDouble("OEQ1572982:2", "SET_TEMPERATURE", 19.0)));

            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                mqtt.commandOnce(setpoint, JsonValues.of(20.5));
                return !homematicIp.writes().isEmpty();
            });

            assertThat(homematicIp.writes().get(0)).isEqualTo(new Write("OEQ1572982:2", "SET_TEMPERATURE", "double", "20.5"));
            assertThat(ccu.writes()).isEmpty();
            assertThat(homematicIp.problems()).isEmpty();
        }
    }

    @Test
    void unregistersFromTheCcuWhenItStops() {
        startRegistered();

        mqtt.stopConnector();

        assertThat(ccu.registrations()).isEmpty();
    }
}
