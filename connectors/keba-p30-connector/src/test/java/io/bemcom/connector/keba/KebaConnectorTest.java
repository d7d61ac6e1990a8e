package io.bemcom.connector.keba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.connector.keba.simulator.SimulatedKebaStation;
import io.bemcom.connector.keba.simulator.SimulatedKebaStation.Received;
import io.bemcom.connector.testkit.DatapointTopics;
import io.bemcom.connector.testkit.ConnectorConformance;
import io.bemcom.connector.testkit.ConnectorOnBroker;
import io.bemcom.connector.testkit.ConnectorRun;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.LogMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.RawMessage;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import tools.jackson.databind.JsonNode;

/** The whole connector: two simulated P30 stations on real UDP sockets on one side, the real broker on the other. */
class KebaConnectorTest {

    private static final Duration WAIT = ConnectorRun.waitLimit();

    private final List<SimulatedKebaStation> stations = SimulatedKebaStation.start("127.0.0.2", "127.0.0.3");
    private final SimulatedKebaStation garage = stations.get(0);
    private final SimulatedKebaStation carport = stations.get(1);
    private final ConnectorOnBroker mqtt = new ConnectorOnBroker("keba");
    private final int localPort = SimulatedKebaStation.freePort();
    private ConnectorRun run;

    @AfterEach
    void stop() {
        mqtt.close();
        stations.forEach(SimulatedKebaStation::close);
    }

    private void start(String... extraVariables) {
        run = mqtt.start(KebaDevice::create, Map.of(
                "KEBA_P30_CHARGE_STATIONS", "{\"garage\": \"127.0.0.2\", \"carport\": \"127.0.0.3\"}",
                "TARGET_PORT", String.valueOf(garage.port()), "LOCAL_PORT", String.valueOf(localPort),
                "READ_TIMEOUT", "0.5", "POLL_SECONDS", "0.5"), extraVariables);
    }

    private ValueMessage awaitValue(String topic, Predicate<JsonNode> expected) {
        return mqtt.values().await(m -> m.topic().equals(topic) && expected.test(m.message().value()), WAIT).message();
    }


    @Test
    void passesTheConformanceChecks() {
        start();
        ConnectorConformance.forConnector(mqtt.name(), mqtt.broker())
                .sensor("garage__report 2__State")
                .sensor("carport__report 3__E pres")
                .actuator("garage__curr", JsonValues.of(20000), () -> garage.currUser() == 20000)
                .actuator("carport__ena", JsonValues.of(1), () -> carport.enableUser() == 1)
                .verify();
    }

    @Test
    void publishesEveryFieldOfTheCapturedReportsUnderTheOriginalIds() {
        long before = System.currentTimeMillis();
        Recorded<AvailableDatapointsMessage> available = mqtt.probe().record(Topics.availableDatapoints(mqtt.name()),
                MessageCodec::decodeAvailableDatapoints);
        start();
        List<String> fields = List.of("report 1__ID", "report 1__Product", "report 1__Serial", "report 1__Firmware",
                "report 1__COM-module", "report 1__Backend", "report 1__timeQ", "report 1__Sec", "report 2__ID",
                "report 2__State", "report 2__Error1", "report 2__Error2", "report 2__Plug", "report 2__AuthON",
                "report 2__Authreq", "report 2__Enable sys", "report 2__Enable user", "report 2__Max curr",
                "report 2__Max curr %", "report 2__Curr HW", "report 2__Curr user", "report 2__Curr FS",
                "report 2__Tmo FS", "report 2__Curr timer", "report 2__Tmo CT", "report 2__Setenergy",
                "report 2__Output", "report 2__Input", "report 2__Serial", "report 2__Sec", "report 3__ID",
                "report 3__U1", "report 3__U2", "report 3__U3", "report 3__I1", "report 3__I2", "report 3__I3",
                "report 3__P", "report 3__PF", "report 3__E pres", "report 3__E total", "report 3__Serial",
                "report 3__Sec");
        List<String> ids = fields.stream().flatMap(field -> List.of("garage__" + field, "carport__" + field).stream())
                .toList();
        available.await(m -> m.message().sensor().keySet().containsAll(ids)
                && m.message().actuator().keySet().containsAll(List.of("garage__ena", "garage__curr",
                        "garage__setenergy", "garage__display", "carport__curr")), WAIT);

        DatapointTopics topics = mqtt.map(ids, List.of());
        for (String id : ids) {
            awaitValue(topics.of(id), v -> true);
        }
        assertThat(awaitValue(topics.of("garage__report 1__Firmware"), v -> true).value().stringValue())
                .isEqualTo("P30 v 3.9.10 (171113-103030)");
        assertThat(awaitValue(topics.of("garage__report 1__Product"), v -> true).value().stringValue())
                .isEqualTo("KC-P30-ES240022-E0R");
        assertThat(awaitValue(topics.of("carport__report 1__ID"), v -> true).value().stringValue()).isEqualTo("1");
        assertThat(awaitValue(topics.of("garage__report 2__Curr user"), v -> true).value().intValue()).isEqualTo(16000);
        assertThat(awaitValue(topics.of("garage__report 2__Max curr %"), v -> true).value().intValue()).isEqualTo(1000);
        assertThat(awaitValue(topics.of("garage__report 3__E pres"), v -> true).value().intValue()).isEqualTo(330130);
        ValueMessage total = awaitValue(topics.of("carport__report 3__E total"), v -> true);
        assertThat(total.value().intValue()).isEqualTo(4781461);
        assertThat(total.timestamp()).as("the time of the reading").isBetween(before, System.currentTimeMillis());
    }

    @Test
    void publishesTheStationsStateWhenItChangesOnItsOwn() {
        start("POLL_SECONDS", "3600");
        String topic = mqtt.map(
                List.of("garage__report 2__State"), List.of()).of("garage__report 2__State");
        awaitValue(topic, v -> v.intValue() == 1);
        long polledAt = System.currentTimeMillis();

        garage.changeState(3);

        ValueMessage state = awaitValue(topic, v -> v.intValue() == 3);
        assertThat(state.timestamp()).as("arrived between polls").isGreaterThanOrEqualTo(polledAt);
    }

    @Test
    void setsTheChargingCurrentOverMqttAndReadsItBackInReport2() {
        start();
        DatapointTopics topics = mqtt.map(
                List.of("garage__report 2__Curr user"), List.of("garage__curr"));
        awaitValue(topics.of("garage__report 2__Curr user"), v -> v.intValue() == 16000);

        mqtt.probe().commandUntil(topics.of("garage__curr"), JsonValues.of("20000"), () -> garage.currUser() == 20000);
        awaitValue(topics.of("garage__report 2__Curr user"), v -> v.intValue() == 20000);

        mqtt.probe().commandUntil(topics.of("garage__curr"), JsonValues.of(12000), () -> garage.currUser() == 12000);
        awaitValue(topics.of("garage__report 2__Curr user"), v -> v.intValue() == 12000);
        assertThat(garage.commands()).containsSubsequence("curr 20000", "curr 12000");
    }

    @Test
    void writesEnaSetenergyAndDisplayAsTheGuideSpellsThemAndKeepsThePacing() {
        start();
        DatapointTopics topics = mqtt.map(
                List.of(), List.of("carport__ena", "carport__setenergy", "carport__display"));

        mqtt.probe().commandUntil(topics.of("carport__ena"), JsonValues.of(1), () -> carport.enableUser() == 1);
        mqtt.probe().commandUntil(topics.of("carport__setenergy"), JsonValues.of("100000"),
                () -> carport.setenergy() == 100000);
        mqtt.probe().commandUntil(topics.of("carport__display"), JsonValues.of("0 0 0 0 Hello$KEBA"),
                () -> carport.display().equals("Hello KEBA"));
        mqtt.probe().commandUntil(topics.of("carport__display"), JsonValues.of("Car full"),
                () -> carport.display().equals("Car full"));
        await().atMost(WAIT).until(() -> run.commands("written") >= 4);

        assertThat(carport.commands()).contains("ena 1", "setenergy 100000", "display 0 0 0 0 Hello$KEBA",
                "display 0 0 0 0 Car$full");
        assertThat(garage.commands()).as("nothing for the other station").isEmpty();
        // Received times: the connector waits from its own send, and a late wake-up of the station's
        // thread lengthens one gap by as much as it shortens the next. So a short gap counts as paced
        // when, together with the gap before it, it still holds both pauses. Without pacing the gaps
        // would be a millisecond or two.
        List<Received> received = carport.received();
        long previousGap = -1;
        long previousRequired = 0;
        for (int i = 1; i < received.size(); i++) {
            long gap = (received.get(i).nanos() - received.get(i - 1).nanos()) / 1_000_000;
            long required = received.get(i - 1).text().startsWith("ena ") ? 2_000 : 100;
            if (gap < required - 50) {
                assertThat(previousGap + gap).as("pause after '%s' (%d ms) with the one before it (%d ms)",
                        received.get(i - 1).text(), gap, previousGap)
                        .isGreaterThanOrEqualTo(previousRequired + required - 50);
            }
            previousGap = gap;
            previousRequired = required;
        }
    }

    @Test
    void refusesValuesTheStationDoesNotAcceptWithoutSendingThem() {
        start();
        DatapointTopics topics = mqtt.map(
                List.of(), List.of("garage__curr", "garage__ena", "garage__setenergy",
                "garage__display"));

        mqtt.probe().commandUntil(topics.of("garage__curr"), JsonValues.of(5000), () -> run.commands("failed") >= 1);
        mqtt.probe().commandUntil(topics.of("garage__curr"), JsonValues.of("lots"), () -> run.commands("failed") >= 2);
        mqtt.probe().commandUntil(topics.of("garage__ena"), JsonValues.of(2), () -> run.commands("failed") >= 3);
        mqtt.probe().commandUntil(topics.of("garage__setenergy"), JsonValues.of(-1), () -> run.commands("failed") >= 4);
        mqtt.probe().commandUntil(topics.of("garage__display"), JsonValues.of("a text far longer than the display"),
                () -> run.commands("failed") >= 5);
        mqtt.probe().commandUntil(topics.of("garage__curr"), JsonValues.of(63000), () -> garage.currUser() == 63000);

        // Only the valid value reached the station (twice when the probe repeated it on a loaded machine).
        assertThat(garage.commands()).isNotEmpty().containsOnly("curr 63000");
        assertThat(mqtt.logs().messages()).anySatisfy(log -> assertThat(log.msg())
                .contains("garage__curr").contains("expected a current in mA from 6000 to 63000, got 5000"));
    }

    @Test
    void countsACommandTheStationAnswersWithTchErr() {
        start();
        String topic = mqtt.map(List.of(), List.of("garage__curr")).of("garage__curr");
        garage.refuseCommands(true);

        mqtt.probe().commandUntil(topic, JsonValues.of(7000), () -> run.commands("failed") >= 1);

        assertThat(mqtt.logs().messages()).anySatisfy(log -> assertThat(log.msg()).contains("refused 'curr 7000'"));
        assertThat(garage.currUser()).isEqualTo(16000);
    }

    @Test
    void keepsPollingTheOtherStationWhileOneStopsAnsweringAndResumesWhenItComesBack() {
        start();
        DatapointTopics topics = mqtt.map(
                List.of("garage__report 3__E pres", "carport__report 3__E pres"), List.of());
        awaitValue(topics.of("garage__report 3__E pres"), v -> v.intValue() == 330130);

        garage.disappear();
        double failedBefore = run.failedReadings();
        await().atMost(WAIT).until(() -> run.failedReadings() >= failedBefore + 2);
        carport.setEnergyPresent(1000);
        awaitValue(topics.of("carport__report 3__E pres"), v -> v.intValue() == 1000);
        assertThat(mqtt.logs().messages()).anySatisfy(log -> assertThat(log.msg())
                .contains("no answer from station garage (127.0.0.2) to 'report 1'"));

        garage.setEnergyPresent(2000);
        garage.comeBack();
        awaitValue(topics.of("garage__report 3__E pres"), v -> v.intValue() == 2000);
        assertThat(run.connector().exitCode()).isZero();
    }

    @Test
    void ignoresGarbageAndDatagramsFromAddressesThatAreNoStation() throws Exception {
        Recorded<RawMessage> raw = mqtt.rawMessages();
        start("SEND_RAW_MESSAGE_TO_DB", "TRUE");
        String topic = mqtt.map(
                List.of("garage__report 2__State"), List.of()).of("garage__report 2__State");
        awaitValue(topic, v -> v.intValue() == 1);

        garage.sendToLastSender("\u0000\u0001 not a KEBA datagram");
        garage.sendToLastSender("{\"State\": ");
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.4", 0))) {
            byte[] bytes = "{\"State\": 5}".getBytes(StandardCharsets.US_ASCII);
            stranger.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress("127.0.0.1", localPort)));
        }
        await().atMost(WAIT).until(() -> run.count("bemcom.connector.keba.datagrams", "garbage") >= 2
                && run.count("bemcom.connector.keba.datagrams", "unknown_sender") >= 1);
        garage.changeState(2);

        awaitValue(topic, v -> v.intValue() == 2);
        assertThat(mqtt.values().messages()).noneMatch(m -> m.value().isNumber() && m.value().intValue() == 5);
        assertThat(mqtt.logs().messages())
                .anySatisfy(log -> assertThat(log.msg()).contains("Ignored a datagram from /127.0.0.4"));
        assertThat(raw.messages()).anySatisfy(message -> assertThat(message.rawMessage().toString())
                .isEqualTo("{\"garage\":{\"status\":\"{\\\"State\\\": 2}\"}}"));
    }
}
