package io.bemcom.connector.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.connector.testkit.DatapointTopics;
import io.bemcom.connector.testkit.ConnectorConformance;
import io.bemcom.connector.testkit.ConnectorOnBroker;
import io.bemcom.connector.testkit.ConnectorRun;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.LogMessage;
import io.bemcom.protocol.RawMessage;
import tools.jackson.databind.JsonNode;
import io.bemcom.testsupport.Ports;

/** The whole connector: a device's TCP server on loopback on one side, the real broker on the other. */
class SocketConnectorTest {

    private static final Duration WAIT = ConnectorRun.waitLimit();
    /** The original's test payload (its test_main.py), as a device would send it, with CR LF. */
    private static final String READING = "{\"dummy_dp\": {\"sensor_1\": 2.0, \"sensor_2\": true,"
            + " \"sensor_3\": \"A string.\"}}\r\n";

    private final DeviceServer device = DeviceServer.start();
    private final ConnectorOnBroker mqtt = new ConnectorOnBroker("socket");
    private ConnectorRun run;

    @AfterEach
    void stop() {
        mqtt.close();
        device.close();
    }

    private void start(String... extraVariables) {
        run = mqtt.start(SocketDevice::create,
                Map.of("SERVER_IP", "127.0.0.1", "SERVER_PORT", String.valueOf(device.port())), extraVariables);
    }

    /** Maps each sensor id to a value topic of its own; the topics by id. */
    private DatapointTopics map(String... sensors) {
        return mqtt.map(List.of(sensors), List.of());
    }

    /** Sends {@code pieces} until a value reaches {@code topic} (the map may not be applied yet); that value. */
    private JsonNode sendUntil(String topic, String... pieces) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            device.sendIfConnected(pieces);
            return mqtt.values().topics().contains(topic);
        });
        return mqtt.values().await(m -> m.topic().equals(topic), WAIT).message().value();
    }

    private List<JsonNode> valuesOn(String topic) {
        return mqtt.values().all().stream().filter(m -> m.topic().equals(topic)).map(m -> m.message().value()).toList();
    }

    @Test
    void passesTheConformanceChecks() {
        start();

        ConnectorConformance.forConnector(mqtt.name(), mqtt.broker())
                .sensor("dummy_dp__sensor_1")
                .sensor("dummy_dp__sensor_2")
                .sensor("dummy_dp__sensor_3")
                .stimulus(() -> device.sendIfConnected(READING))
                .verify();
    }

    @Test
    void publishesEverySensorOfTheOriginalsPayloadUnderItsFlattenedId() {
        start();
        DatapointTopics topics = map("dummy_dp__sensor_1", "dummy_dp__sensor_2", "dummy_dp__sensor_3");
        device.awaitConnections(1, WAIT);

        assertThat(sendUntil(topics.of("dummy_dp__sensor_3"), READING)).isEqualTo(JsonValues.of("A string."));
        assertThat(mqtt.values().await(m -> m.topic().equals(topics.of("dummy_dp__sensor_1")), WAIT).message().value()
                .doubleValue()).isEqualTo(2.0);
        assertThat(mqtt.values().await(m -> m.topic().equals(topics.of("dummy_dp__sensor_2")), WAIT).message().value())
                .isEqualTo(JsonValues.of(true));
    }

    @Test
    void splitsAndJoinsDocumentsByTheirContentNotByTheWrites() {
        Recorded<RawMessage> raw = mqtt.rawMessages();
        start("SEND_RAW_MESSAGE_TO_DB", "TRUE", "RECV_BUFSIZE", "8");
        String topic = map("meter__power").of("meter__power");
        device.awaitConnections(1, WAIT);
        sendUntil(topic, "{\"meter\": {\"power\": 0}}\n");
        mqtt.values().clear();

        device.send("{\"meter\": {\"pow", "er\": 1}}\r\n{\"meter\": ", "{\"power\": 2}}\n{\"meter\": {\"power\": 3}}",
                "{\"meter\": {\"power\": 4}}\n{\"meter\": {\"power\": 5}}\n");

        await().atMost(WAIT).until(() -> valuesOn(topic).size() >= 5);
        assertThat(valuesOn(topic)).containsExactly(JsonValues.of(1), JsonValues.of(2), JsonValues.of(3),
                JsonValues.of(4), JsonValues.of(5));
        // The raw message is the document's text as received, to be parsed again on replay.
        assertThat(raw.messages()).extracting(message -> message.rawMessage().stringValue())
                .contains("{\"meter\": {\"power\": 1}}", "{\"meter\": {\"power\": 3}}");
    }

    @Test
    void skipsAMalformedDocumentCountsItAndPublishesTheNextGoodOne() {
        Recorded<RawMessage> raw = mqtt.rawMessages();
        start("SEND_RAW_MESSAGE_TO_DB", "TRUE");
        String topic = map("meter__power").of("meter__power");
        device.awaitConnections(1, WAIT);
        sendUntil(topic, "{\"meter\": {\"power\": 0}}\n");
        mqtt.values().clear();

        device.send("{\"meter\": {\"power\": 1,,}}\n{\"meter\": {\"power\": 2}}\n", "[1, 2]\n",
                "{\"meter\": {\"power\": 3\n", "{\"meter\": {\"power\": 4}}\n");

        await().atMost(WAIT).until(() -> valuesOn(topic).size() >= 2);
        assertThat(valuesOn(topic)).containsExactly(JsonValues.of(2), JsonValues.of(4));
        await().atMost(WAIT).until(() -> run.readings("parse_failed") >= 3);
        LogMessage error = mqtt.logs().await(m -> m.message().level() == LogMessage.ERROR
                && m.message().msg().contains("Malformed JSON from the device"), WAIT).message();
        assertThat(error.msg()).contains("{\"meter\": {\"power\": 1,,}}");
        assertThat(raw.messages()).extracting(message -> message.rawMessage().stringValue())
                .contains("{\"meter\": {\"power\": 1,,}}", "[1, 2]", "{\"meter\": {\"power\": 3");
        assertThat(device.accepted()).as("no reconnect was needed").isEqualTo(1);
    }

    @Test
    void reconnectsWhenTheDeviceClosesTheConnectionOrStaysSilent() {
        start("RECV_TIMEOUT", "1");
        String topic = map("meter__power").of("meter__power");
        device.awaitConnections(1, WAIT);
        sendUntil(topic, "{\"meter\": {\"power\": 1}}\n");

        device.closeConnection();
        mqtt.logs().await(m -> m.message().level() == LogMessage.ERROR && m.message().msg().contains(
                "Connection to device 127.0.0.1:" + device.port() + " lost: it closed the connection"), WAIT);
        device.awaitConnections(2, WAIT);

        // Silent for longer than RECV_TIMEOUT: the original's error, then a new connection.
        mqtt.logs().await(m -> m.message().level() == LogMessage.ERROR && m.message().msg().contains(
                "No data received from device 127.0.0.1:" + device.port() + " in 1 seconds"), WAIT);
        device.awaitConnections(3, WAIT);
        mqtt.values().clear();
        assertThat(sendUntil(topic, "{\"meter\": {\"power\": 2}}\n")).isEqualTo(JsonValues.of(2));
        assertThat(run.failedReadings()).isGreaterThanOrEqualTo(2);
        assertThat(run.connector().exitCode()).isZero();
    }

    @Test
    void carriesOnWhenTheDeviceDisappearsAndComesBack() {
        start();
        String topic = map("meter__power").of("meter__power");
        device.awaitConnections(1, WAIT);
        sendUntil(topic, "{\"meter\": {\"power\": 1}}\n");

        device.disappear();
        await().atMost(WAIT).until(() -> run.failedReadings() >= 2); // the lost connection, a refused one
        mqtt.logs().await(m -> m.message().msg().contains("Connecting to device 127.0.0.1:" + device.port()
                + " failed"), WAIT);
        device.comeBack();

        device.awaitConnections(2, WAIT);
        mqtt.values().clear();
        assertThat(sendUntil(topic, "{\"meter\": {\"power\": 2}}\n")).isEqualTo(JsonValues.of(2));
        assertThat(run.connector().exitCode()).isZero();
    }

    @Test
    void readsYamlDocumentsSeparatedByMarkers() {
        start("PARSE_AS", "YAML");
        DatapointTopics topics = map("room__temperature", "room__window", "room__heating");
        device.awaitConnections(1, WAIT);

        assertThat(sendUntil(topics.of("room__window"), "---\nroom:\n  temperature: 21.5\n",
                "  window: open\n  heating: yes\n...\n")).isEqualTo(JsonValues.of("open"));
        assertThat(valuesOn(topics.of("room__temperature"))).contains(JsonValues.of(21.5));
        assertThat(valuesOn(topics.of("room__heating"))).as("YAML 1.2: yes is a string").contains(JsonValues.of("yes"));
    }

    @Test
    void receivesDocumentsLineByLineOverUdpWhenAsked() throws IOException {
        int port = Ports.free();
        run = mqtt.start(SocketDevice::create, Map.of("UDP_LISTEN_PORT", String.valueOf(port)));
        DatapointTopics topics = map("a__b", "c");
        byte[] datagram = "{\"a\": {\"b\": 1}}\n\n{\"c\": \"two\"}\n".getBytes(StandardCharsets.UTF_8);

        try (DatagramSocket sender = new DatagramSocket()) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                sender.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
                return mqtt.values().topics().containsAll(topics.sensors().values());
            });
        }
        assertThat(valuesOn(topics.of("a__b"))).contains(JsonValues.of(1));
        assertThat(valuesOn(topics.of("c"))).contains(JsonValues.of("two"));
    }
}
