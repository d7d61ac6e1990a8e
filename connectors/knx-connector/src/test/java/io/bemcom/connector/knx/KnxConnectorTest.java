package io.bemcom.connector.knx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.connector.knx.simulator.TcpTunnellingServer;
import io.bemcom.connector.knx.simulator.TcpTunnellingServer.Frame;
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
import io.calimero.IndividualAddress;
import tools.jackson.databind.JsonNode;

/**
 * The whole connector over TCP tunnelling (its default, as the original's): a KNXnet/IP gateway
 * simulated with Calimero's frame classes on a real TCP socket on one side, the real broker on the
 * other. Telegram bytes are the KNX standard's encodings, written out here.
 */
class KnxConnectorTest {

    private static final Duration WAIT = ConnectorRun.waitLimit();
    private static final IndividualAddress DEVICE = new IndividualAddress(1, 1, 30);

    private final TcpTunnellingServer gateway = TcpTunnellingServer.start();
    private final ConnectorOnBroker mqtt = new ConnectorOnBroker("knx");
    private ConnectorRun run;

    @AfterEach
    void stop() {
        mqtt.close();
        gateway.close();
    }

    private void start(String datapoints, String... extraVariables) {
        run = mqtt.start(KnxDevice::create, Map.of("KNX_GATEWAY_HOST", "127.0.0.1",
                "KNX_GATEWAY_PORT", String.valueOf(gateway.port()), "KNX_DATAPOINTS", datapoints), extraVariables);
        await().atMost(WAIT).until(() -> gateway.connections() == 1);
    }

    /** Sends a group value until its value reaches {@code topic}: the map may not be applied yet. */
    private JsonNode send(String groupAddress, String tpdu, String topic) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            gateway.sendGroupValue(groupAddress, DEVICE, bytes(tpdu));
            return mqtt.values().topics().contains(topic);
        });
        return mqtt.values().await(m -> m.topic().equals(topic), WAIT).message().value();
    }

    private boolean gatewayReceived(String groupAddress, String tpdu) {
        return gateway.received().stream().anyMatch(frame -> frame.destination().toString().equals(groupAddress)
                && hex(frame.tpdu()).equals(tpdu));
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static String hex(byte[] data) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(data);
    }

    @Test
    void passesTheConformanceChecks() {
        start("""
                {"sensor": {"2/3/111": "DPST-9-1"}, "actuator": {"2/3/113": "DPST-1-1"}}""");

        ConnectorConformance.forConnector(mqtt.name(), mqtt.broker())
                .sensor("2/3/111")
                .stimulus(() -> gateway.sendGroupValue("2/3/111", DEVICE, bytes("00 80 07 89")))
                .actuator("2/3/113", JsonValues.of(true), () -> gatewayReceived("2/3/113", "00 81"))
                .verify();
    }

    @Test
    void publishesTheValueOfEveryConfiguredGroupAddressUnderTheAddressAsConfigured() {
        // The original's README example and test addresses, a two-level and a free-style address, and
        // the types the original could not read (3) or write (10, 11).
        start("""
                {"sensor": {"2/3/111": "DPST-3-7", "2/3/112": "DPST-5-1", "2/3/113": "DPST-1-1", "8/3/0": "DPT-1",
                            "2/1234": "DPST-9-1", "4660": "DPST-14-56", "3/0/10": "DPST-10-1", "3/0/11": "DPST-11-1",
                            "3/0/16": "DPST-16-0", "3/0/17": "DPST-13-10"},
                 "actuator": {"2/3/113": "DPST-1-1"}}""");
        DatapointTopics topics = mqtt.map(List.of("2/3/111", "2/3/112", "2/3/113", "8/3/0", "2/1234", "4660",
                "3/0/10", "3/0/11", "3/0/16", "3/0/17"), List.of());

        assertThat(send("2/3/111", "00 8B", topics.of("2/3/111"))).isEqualTo(JsonValues.of(3));
        assertThat(send("2/3/112", "00 80 80", topics.of("2/3/112")).decimalValue()).isEqualByComparingTo("50.2");
        assertThat(send("2/3/113", "00 81", topics.of("2/3/113"))).isEqualTo(JsonValues.of(true));
        assertThat(send("8/3/0", "00 80", topics.of("8/3/0"))).isEqualTo(JsonValues.of(false));
        // 2/1234 is the address Calimero writes 2/4/210.
        assertThat(send("2/4/210", "00 80 07 89", topics.of("2/1234")).doubleValue()).isEqualTo(19.29);
        assertThat(send("2/2/52", "00 80 3D CC CC CD", topics.of("4660")).doubleValue()).isEqualTo(0.1);
        assertThat(send("3/0/10", "00 80 2D 1E 00", topics.of("3/0/10"))).isEqualTo(JsonValues.of("Mon, 13:30:00"));
        assertThat(send("3/0/11", "00 80 1F 0C 15", topics.of("3/0/11"))).isEqualTo(JsonValues.of("2021-12-31"));
        assertThat(send("3/0/16", "00 80 4B 4E 58 20 69 73 20 4F 4B 00 00 00 00 00", topics.of("3/0/16")))
                .isEqualTo(JsonValues.of("KNX is OK"));
        assertThat(send("3/0/17", "00 80 FF FF FF FE", topics.of("3/0/17"))).isEqualTo(JsonValues.of(-2));
    }

    @Test
    void storesTheOriginalsRawMessageAndSkipsAddressesItDoesNotKnow() {
        Recorded<RawMessage> raw = mqtt.rawMessages();
        Recorded<AvailableDatapointsMessage> available = mqtt.probe().record(Topics.availableDatapoints(mqtt.name()),
                MessageCodec::decodeAvailableDatapoints);
        start("""
                {"sensor": {"8/3/0": "DPT-1", "2/3/111": "DPST-9-1"}, "actuator": {}}""",
                "SEND_RAW_MESSAGE_TO_DB", "TRUE");

        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            gateway.sendGroupValue("1/1/1", DEVICE, bytes("00 81")); // not configured
            gateway.sendGroupValue("8/3/0", DEVICE, bytes("00 81"));
            gateway.sendGroupValue("2/3/111", DEVICE, bytes("00 80 07 89"));
            return raw.all().size() >= 3;
        });

        JsonNode bit = raw.await(m -> m.message().rawMessage().get("destination_address").stringValue()
                .equals("8/3/0"), WAIT).message().rawMessage();
        assertThat(bit.propertyNames()).containsExactly("destination_address", "direction", "payload_value_value",
                "source_address", "timestamp");
        assertThat(bit.get("direction").stringValue()).isEqualTo("Incoming");
        assertThat(bit.get("payload_value_value")).isEqualTo(JsonValues.of(1));
        assertThat(bit.get("source_address").stringValue()).isEqualTo("1.1.30");
        assertThat(bit.get("timestamp").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?");
        JsonNode bytes = raw.await(m -> m.message().rawMessage().get("destination_address").stringValue()
                .equals("2/3/111"), WAIT).message().rawMessage();
        assertThat(bytes.get("payload_value_value")).isEqualTo(JsonValues.parse("[7, 137]"));

        await().atMost(WAIT).until(() -> available.messages().stream()
                .anyMatch(m -> m.sensor().keySet().containsAll(List.of("8/3/0", "2/3/111"))));
        assertThat(available.messages()).allSatisfy(m -> assertThat(m.sensor()).doesNotContainKey("1/1/1"));
    }

    @Test
    void writesActuatorValuesAsGroupValueWritesInTheStandardsEncoding() {
        start("""
                {"sensor": {}, "actuator": {"1/0/1": "DPST-1-1", "1/0/3": "DPST-3-7", "1/0/5": "DPST-5-1",
                 "1/0/9": "DPST-9-1", "1/0/10": "DPST-10-1", "1/0/11": "DPST-11-1", "2/1234": "DPST-9-1"}}""");
        mqtt.map(List.of(), List.of("1/0/1", "1/0/3", "1/0/5", "1/0/9", "1/0/10", "1/0/11",
                "2/1234"));

        mqtt.command("1/0/1", JsonValues.of("false"), () -> gatewayReceived("1/0/1", "00 80"));
        mqtt.command("1/0/3", JsonValues.of(-3), () -> gatewayReceived("1/0/3", "00 83"));
        mqtt.command("1/0/5", JsonValues.of(100), () -> gatewayReceived("1/0/5", "00 80 FF"));
        mqtt.command("1/0/9", JsonValues.of("21.5"), () -> gatewayReceived("1/0/9", "00 80 0C 33"));
        mqtt.command("1/0/10", JsonValues.of("Mon, 13:30:00"), () -> gatewayReceived("1/0/10", "00 80 2D 1E 00"));
        mqtt.command("1/0/11", JsonValues.of("2021-12-31"), () -> gatewayReceived("1/0/11", "00 80 1F 0C 15"));
        mqtt.command("2/1234", JsonValues.of(19.29), () -> gatewayReceived("2/4/210", "00 80 07 89"));
    }

    @Test
    void refusesActuatorValuesTheTypeCannotEncodeAndSendsNothing() {
        start("""
                {"sensor": {}, "actuator": {"1/0/9": "DPST-9-1", "1/0/5": "DPST-5-1", "1/0/99": "DPST-232-600"}}""");
        mqtt.map(List.of(), List.of("1/0/9", "1/0/5", "1/0/99"));

        mqtt.command("1/0/9", JsonValues.of("warm"), () -> run.commands("failed") >= 1);
        mqtt.command("1/0/9", JsonValues.of(-300), () -> run.commands("failed") >= 2);
        mqtt.command("1/0/5", JsonValues.of(101), () -> run.commands("failed") >= 3);
        mqtt.command("1/0/99", JsonValues.of("red"), () -> run.commands("failed") >= 4);
        mqtt.command("1/0/9", JsonValues.of(22), () -> gatewayReceived("1/0/9", "00 80 0C 4C"));

        assertThat(gateway.received()).extracting(frame -> frame.destination().toString())
                .doesNotContain("1/0/5", "1/0/99").containsOnly("1/0/9");
        assertThat(gateway.received()).extracting(Frame::tpdu).extracting(KnxConnectorTest::hex)
                .containsOnly("00 80 0C 4C");
        LogMessage refused = mqtt.logs().await(m -> m.message().msg().contains("Refused \"warm\" for 1/0/9"), WAIT)
                .message();
        assertThat(refused.level()).isEqualTo(LogMessage.ERROR);
        assertThat(refused.msg()).contains("DPST-9-1 cannot encode");
        mqtt.logs().await(m -> m.message().msg().contains("cannot write DPST-232-600"), WAIT);
        mqtt.logs().await(m -> m.message().level() == LogMessage.WARNING
                && m.message().msg().contains("cannot read or write DPST-232-600 (actuator 1/0/99)"), WAIT);
    }

    @Test
    void countsTelegramsThatDoNotFitTheirTypeAndCarriesOn() {
        start("""
                {"sensor": {"2/3/111": "DPST-9-1", "2/3/112": "DPST-232-600"}, "actuator": {}}""");
        String topic = mqtt.map(List.of("2/3/111"), List.of()).of("2/3/111");
        assertThat(send("2/3/111", "00 80 07 89", topic).doubleValue()).isEqualTo(19.29);

        gateway.sendGroupValue("2/3/111", DEVICE, bytes("00 80 07 89 00")); // three bytes for a 2-byte type
        gateway.sendGroupValue("2/3/111", DEVICE, bytes("00 81"));          // a 6-bit value for it
        gateway.sendGroupValue("2/3/111", DEVICE, bytes("00 80 7F FF"));    // the device's "invalid data"
        gateway.sendGroupValue("2/3/112", DEVICE, bytes("00 80 FF 00 00")); // a type without codec
        gateway.sendGroupValue("2/3/111", DEVICE, bytes("00 00"));          // a GroupValueRead

        await().atMost(WAIT).until(() -> run.readings("parse_failed") >= 3);
        await().atMost(WAIT).until(() -> run.registry().get("bemcom.connector.knx.telegrams.skipped").counter().count() >= 1);
        LogMessage error = mqtt.logs().await(m -> m.message().level() == LogMessage.ERROR
                && m.message().msg().contains("7F FF"), WAIT).message();
        assertThat(error.msg()).contains("The telegram to 2/3/111 from 1.1.30");
        mqtt.values().clear();
        assertThat(send("2/3/111", "00 80 0C 33", topic).doubleValue()).isEqualTo(21.5);
        assertThat(gateway.connectRequests()).as("the tunnel stayed up").isEqualTo(1);
        assertThat(run.connector().exitCode()).isZero();
    }

    @Test
    void reconnectsAfterAFrameCalimeroCannotReadAndForwardsCalimerosRecords() {
        start("""
                {"sensor": {"2/3/111": "DPST-9-1"}, "actuator": {}}""");
        String topic = mqtt.map(List.of("2/3/111"), List.of()).of("2/3/111");
        send("2/3/111", "00 80 07 89", topic);
        mqtt.logs().await(m -> m.message().msg().startsWith("connection established (data endpoint"), WAIT);

        // A tunnelling request whose cEMI frame ends inside its additional information: Calimero's
        // receiver logs it and closes the connection (after waiting 10 s for a disconnect response).
        gateway.sendRaw(bytes("06 10 04 20 00 0C 04 01 00 00 29 FF"));

        mqtt.logs().await(m -> m.message().level() == LogMessage.ERROR
                && m.message().msg().startsWith("receiver communication failure"), WAIT);
        await().atMost(WAIT.multipliedBy(2)).until(() -> gateway.connectRequests() == 2 && gateway.connections() == 1);
        mqtt.values().clear();
        assertThat(send("2/3/111", "00 80 0C 33", topic).doubleValue()).isEqualTo(21.5);
        assertThat(run.connector().exitCode()).isZero();
    }

    @Test
    void reconnectsWhenTheGatewayDisappearsAndComesBack() {
        start("""
                {"sensor": {"2/3/111": "DPST-9-1"}, "actuator": {"2/3/113": "DPST-1-1"}}""");
        DatapointTopics topics = mqtt.map(List.of("2/3/111"), List.of("2/3/113"));
        send("2/3/111", "00 80 07 89", topics.of("2/3/111"));

        gateway.disappear();
        mqtt.logs().await(m -> m.message().level() == LogMessage.ERROR
                && m.message().msg().contains("Lost the connection to the KNX gateway 127.0.0.1:" + gateway.port()
                + " over TCP"), WAIT);
        await().atMost(WAIT).until(() -> run.failedReadings() >= 2); // lost, then a refused connection
        mqtt.command("2/3/113", JsonValues.of(true), () -> run.commands("failed") >= 1);
        mqtt.logs().await(m -> m.message().msg().contains("not connected to the KNX gateway"), WAIT);

        gateway.comeBack();
        await().atMost(WAIT).until(() -> gateway.connections() == 1);
        await().atMost(WAIT).until(() -> mqtt.logs().messages().stream().filter(m -> m.msg().equals(
                "Connected to the KNX gateway 127.0.0.1:" + gateway.port() + " over TCP.")).count() == 2);
        mqtt.values().clear();
        assertThat(send("2/3/111", "00 80 0C 33", topics.of("2/3/111")).doubleValue()).isEqualTo(21.5);
        mqtt.command("2/3/113", JsonValues.of(true), () -> gatewayReceived("2/3/113", "00 81"));
        assertThat(run.connector().exitCode()).isZero();
    }
}
