package io.bemcom.connector.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.connector.Flattener;
import io.bemcom.connector.ocpp.simulator.SimulatedChargePoint;
import io.bemcom.connector.ocpp.simulator.SimulatedChargePoint.ReceivedCall;
import io.bemcom.connector.testkit.DatapointTopics;
import io.bemcom.connector.testkit.ConnectorConformance;
import io.bemcom.connector.testkit.ConnectorOnBroker;
import io.bemcom.connector.testkit.ConnectorRun;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.RawMessage;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import tools.jackson.databind.JsonNode;
import io.bemcom.testsupport.Ports;

/**
 * The whole connector: charge points on the JDK's WebSocket client sending the OCPP-J frames of the
 * specification on one side, the real broker on the other.
 */
class OcppConnectorTest {

    private static final Duration WAIT = ConnectorRun.waitLimit();
    static final String BOOT = "{\"chargePointVendor\": \"KEBA\", \"chargePointModel\": \"KC-P30\","
            + " \"firmwareVersion\": \"3.10.16\"}";

    private final int port = freePort();
    /** No POLL_SECONDS: charge points send on their own. */
    private final ConnectorOnBroker mqtt = new ConnectorOnBroker("ocpp").without("POLL_SECONDS");
    private final List<SimulatedChargePoint> chargePoints = new ArrayList<>();
    private ConnectorRun run;

    @AfterEach
    void stop() {
        chargePoints.forEach(SimulatedChargePoint::close);
        mqtt.close();
    }

    static int freePort() {
        return Ports.free();
    }

    private void start(String... extraVariables) {
        run = mqtt.start(OcppDevice::create, Map.of("OCPP_PORT", String.valueOf(port)), extraVariables);
    }

    private SimulatedChargePoint connect(String identity) {
        SimulatedChargePoint chargePoint = SimulatedChargePoint.connect(port, identity);
        chargePoints.add(chargePoint);
        return chargePoint;
    }

    private ValueMessage awaitValue(String topic, Predicate<JsonNode> expected) {
        return mqtt.values().await(m -> m.topic().equals(topic) && expected.test(m.message().value()), WAIT).message();
    }


    /** Waits until a log message on {@code <name>/logs} contains every one of {@code parts}. */
    private void awaitLog(String... parts) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(mqtt.logs().messages()).anySatisfy(log -> {
            for (String part : parts) {
                assertThat(log.msg()).contains(part);
            }
        }));
    }

    /**
     * Sends Heartbeats until one arrives on the mapped topic of {@code <identity>__Heartbeat}: from
     * then on the connector applies the map just published.
     */
    private void awaitMapApplied(SimulatedChargePoint chargePoint, DatapointTopics topics) {
        String topic = topics.of(chargePoint.identity() + "__Heartbeat");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            chargePoint.call("Heartbeat", "{}");
            return mqtt.values().topics().contains(topic);
        });
    }

    private static List<ReceivedCall> callsOf(SimulatedChargePoint chargePoint, String action) {
        return chargePoint.calls().stream().filter(call -> call.action().equals(action)).toList();
    }

    private static JsonNode json(String text) {
        return JsonValues.parse(text);
    }

    @Test
    void passesTheConformanceChecksWithAChargePointThatConnectsLaterAndIsControlledOverMqtt() {
        start();
        SimulatedChargePoint first = connect("CP_1");
        first.call("BootNotification", BOOT);
        List<SimulatedChargePoint> later = new ArrayList<>();

        ConnectorConformance.forConnector(mqtt.name(), mqtt.broker())
                .sensor("CP_1__BootNotification__charge_point_vendor")
                .sensor("CP_1__Heartbeat")
                .sensor("BootNotification__charge_point_vendor")
                .sensor("Heartbeat")
                .stimulus(() -> {
                    first.call("BootNotification", BOOT);
                    first.call("Heartbeat", "{}");
                })
                .actuator("CP_1__execute_send_charging_profile__", JsonValues.of("11000"),
                        () -> !callsOf(first, "SetChargingProfile").isEmpty())
                .actuatorOfferedLater("CP_LATE__execute_trigger_message__", JsonValues.of(4),
                        () -> !later.isEmpty() && !callsOf(later.get(0), "TriggerMessage").isEmpty(),
                        () -> later.add(connect("CP_LATE")))
                .verify();

        ReceivedCall trigger = callsOf(later.get(0), "TriggerMessage").get(0);
        assertThat(json(trigger.payload())).isEqualTo(json("{\"requestedMessage\": \"MeterValues\", \"connectorId\": 1}"));
        assertThat(callsOf(first, "TriggerMessage")).as("only the addressed charge point").isEmpty();
    }

    @Test
    void publishesEveryMessageOfAChargingSessionUnderTheOriginalsIdsWithAndWithoutTheIdentityAtTheTimeOfTheReading() {
        start();
        // The original's ids literally as in its notes (connectors.md 4.7.3), and each under the identity.
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        expected.put("BootNotification__charge_point_vendor", JsonValues.of("KEBA"));
        expected.put("BootNotification__charge_point_model", JsonValues.of("KC-P30"));
        expected.put("BootNotification__firmware_version", JsonValues.of("3.10.16"));
        expected.put("Heartbeat", JsonValues.of("alive"));
        expected.put("StatusNotification__connector_id", JsonValues.of(1));
        expected.put("StatusNotification__error_code", JsonValues.of("NoError"));
        expected.put("StatusNotification__status", JsonValues.of("Charging"));
        expected.put("Current.Import__L1__A", JsonValues.of("15.9"));
        expected.put("Voltage__L1-N__V", JsonValues.of("231.4"));
        expected.put("Power.Active.Import__W", JsonValues.of("3680"));
        List<String> originalIds = new ArrayList<>(expected.keySet());
        originalIds.add("Energy.Active.Import.Register__Wh");
        List<String> ids = new ArrayList<>(originalIds);
        originalIds.forEach(id -> ids.add("CP_1__" + id));
        DatapointTopics topics = mqtt.map(ids, List.of());
        SimulatedChargePoint chargePoint = connect("CP_1");
        awaitMapApplied(chargePoint, topics);

        chargePoint.call("BootNotification", BOOT);
        chargePoint.call("StatusNotification", "{\"connectorId\": 1, \"errorCode\": \"NoError\", \"status\": \"Charging\","
                + " \"timestamp\": \"2024-05-01T12:00:00Z\"}");
        chargePoint.call("Heartbeat", "{}");
        chargePoint.call("MeterValues", "{\"connectorId\": 1, \"transactionId\": 42, \"meterValue\": ["
                + "{\"timestamp\": \"2024-05-01T12:00:00Z\", \"sampledValue\": [{\"value\": \"1000.0\"}]},"
                + "{\"timestamp\": \"2024-05-01T12:01:00.500\", \"sampledValue\": ["
                + "{\"value\": \"1234.5\", \"measurand\": \"Energy.Active.Import.Register\", \"unit\": \"Wh\"},"
                + "{\"value\": \"15.9\", \"measurand\": \"Current.Import\", \"phase\": \"L1\", \"unit\": \"A\"},"
                + "{\"value\": \"231.4\", \"measurand\": \"Voltage\", \"phase\": \"L1-N\", \"unit\": \"V\"},"
                + "{\"value\": \"3680\", \"context\": \"Sample.Periodic\", \"measurand\": \"Power.Active.Import\","
                + " \"unit\": \"W\"}]}]}");

        for (String prefix : List.of("", "CP_1__")) {
            expected.forEach((id, value) -> assertThat(awaitValue(topics.of(prefix + id), v -> true).value())
                    .as(prefix + id).isEqualTo(value));
            assertThat(awaitValue(topics.of(prefix + "StatusNotification__status"), v -> true).timestamp())
                    .isEqualTo(Instant.parse("2024-05-01T12:00:00Z").toEpochMilli());
            ValueMessage energy = awaitValue(topics.of(prefix + "Energy.Active.Import.Register__Wh"),
                    v -> v.asString().equals("1234.5"));
            assertThat(energy.timestamp()).as("a timestamp without a zone is UTC")
                    .isEqualTo(Instant.parse("2024-05-01T12:01:00.500Z").toEpochMilli());
            ValueMessage earlier = awaitValue(topics.of(prefix + "Energy.Active.Import.Register__Wh"),
                    v -> v.asString().equals("1000.0"));
            assertThat(earlier.timestamp()).as("every meterValue element, each at its time")
                    .isEqualTo(Instant.parse("2024-05-01T12:00:00Z").toEpochMilli());
        }
    }

    @Test
    void answersEveryRequestAsTheOriginalDid() {
        start();
        SimulatedChargePoint chargePoint = connect("CP_1");

        JsonNode boot = json(chargePoint.call("BootNotification", BOOT));
        assertThat(boot.get(0).intValue()).isEqualTo(3);
        assertThat(boot.get(1).stringValue()).isEqualTo("1");
        assertThat(boot.get(2).get("status").stringValue()).isEqualTo("Accepted");
        assertThat(boot.get(2).get("interval").intValue()).isEqualTo(10);
        assertThat(Instant.parse(boot.get(2).get("currentTime").stringValue()))
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60));
        assertThat(json(chargePoint.call("Heartbeat", "{}")).get(2).get("currentTime").stringValue())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(json(chargePoint.call("Authorize", "{\"idTag\": \"04E91C5A123456\"}")).get(2))
                .isEqualTo(json("{\"idTagInfo\": {\"status\": \"Accepted\"}}"));
        JsonNode started = json(chargePoint.call("StartTransaction", "{\"connectorId\": 1, \"idTag\": \"04E91C5A123456\","
                + " \"meterStart\": 4781461, \"timestamp\": \"2024-05-01T12:00:00\"}")).get(2);
        assertThat(started.get("idTagInfo").get("status").stringValue()).isEqualTo("Accepted");
        JsonNode second = json(chargePoint.call("StartTransaction", "{\"connectorId\": 1, \"idTag\": \"A\","
                + " \"meterStart\": 4790000, \"timestamp\": \"2024-05-01T13:00:00Z\", \"reservationId\": 7}")).get(2);
        assertThat(second.get("transactionId").intValue()).as("a new id for every transaction")
                .isGreaterThan(started.get("transactionId").intValue());
        assertThat(json(chargePoint.call("StopTransaction", "{\"transactionId\": " + started.get("transactionId")
                + ", \"meterStop\": 4790000, \"timestamp\": \"2024-05-01T12:30:00Z\", \"reason\": \"EVDisconnected\"}")))
                .isEqualTo(json("[3, \"6\", {}]"));
        assertThat(json(chargePoint.call("StatusNotification", "{\"connectorId\": 0, \"errorCode\": \"NoError\","
                + " \"status\": \"Available\", \"info\": \"ok\", \"vendorErrorCode\": \"0\"}")).get(2)).isEmpty();
        assertThat(json(chargePoint.call("DataTransfer", "{\"vendorId\": \"com.keba\", \"data\": \"x\"}")).get(2))
                .isEqualTo(json("{\"status\": \"UnknownVendorId\"}"));
    }

    @Test
    void answersFramesThatAreNoValidOcppWithCallErrorsAndCarriesOn() {
        start();
        SimulatedChargePoint chargePoint = connect("CP_1");
        String heartbeatTopic = mqtt.map(List.of("CP_1__Heartbeat"), List.of()).of("CP_1__Heartbeat");

        assertThat(json(chargePoint.sendAndAwait("-1", "this is not json")))
                .isEqualTo(json("[4, \"-1\", \"FormationViolation\", \"the message is no JSON\", {}]"));
        assertThat(json(chargePoint.sendAndAwait("a1", "[2, \"a1\", \"Heartbeat\"]")).get(2).stringValue())
                .isEqualTo("FormationViolation");
        assertThat(json(chargePoint.sendAndAwait("a2", "[2, \"a2\", \"Heartbeat\", []]")).get(2).stringValue())
                .isEqualTo("FormationViolation");
        assertThat(json(chargePoint.call("FooBar", "{}"))).isEqualTo(json("[4, \"1\", \"NotImplemented\","
                + " \"Requested Action is not known by receiver\", {}]"));
        JsonNode wrongType = json(chargePoint.call("StatusNotification",
                "{\"connectorId\": \"one\", \"errorCode\": \"NoError\", \"status\": \"Available\"}"));
        assertThat(wrongType.get(2).stringValue()).isEqualTo("TypeConstraintViolation");
        assertThat(wrongType.get(3).stringValue()).contains("connectorId");
        JsonNode missing = json(chargePoint.call("BootNotification", "{\"chargePointVendor\": \"KEBA\"}"));
        assertThat(missing.get(2).stringValue()).isEqualTo("OccurenceConstraintViolation");
        assertThat(missing.get(3).stringValue()).contains("chargePointModel");
        assertThat(json(chargePoint.call("StatusNotification",
                "{\"connectorId\": 1, \"errorCode\": \"NoError\", \"status\": \"Sleeping\"}")).get(2).stringValue())
                .isEqualTo("PropertyConstraintViolation");
        assertThat(json(chargePoint.call("MeterValues", "{\"connectorId\": 1, \"meterValue\": [{\"timestamp\":"
                + " \"yesterday\", \"sampledValue\": [{\"value\": \"1\"}]}]}")).get(2).stringValue())
                .isEqualTo("PropertyConstraintViolation");
        chargePoint.send("[3, \"nobody-asked\", {}]");

        assertThat(run.registry().find("bemcom.connector.ocpp.refused").counters().stream()
                .mapToDouble(c -> c.count()).sum()).isEqualTo(8);
        awaitMapApplied(chargePoint, new DatapointTopics(Map.of("CP_1__Heartbeat", heartbeatTopic), Map.of()));
        awaitLog("Charge point 'CP_1' sent StatusNotification", "TypeConstraintViolation");
        assertThat(chargePoint.isClosed()).isFalse();
    }

    @Test
    void sendsTheOriginalsCommandsAndChecksTheAnswers() {
        start();
        SimulatedChargePoint chargePoint = connect("CP_1");
        chargePoint.call("BootNotification", BOOT);
        DatapointTopics topics = mqtt.map(
                List.of("CP_1__Heartbeat", "CP_1__CompositeSchedule__status",
                        "CP_1__CompositeSchedule__charging_schedule__charging_rate_unit"),
                List.of("CP_1__execute_send_charging_profile__", "CP_1__execute_trigger_message__",
                        "CP_1__execute_unlock_connector__", "CP_1__execute_get_composite_schedule__"));
        chargePoint.answer("GetCompositeSchedule", "{\"status\": \"Accepted\", \"connectorId\": 1, \"scheduleStart\":"
                + " \"2024-05-01T12:00:00Z\", \"chargingSchedule\": {\"chargingRateUnit\": \"W\","
                + " \"chargingSchedulePeriod\": [{\"startPeriod\": 0, \"limit\": 11000.0}]}}");
        awaitMapApplied(chargePoint, topics);

        mqtt.probe().commandUntil(topics.of("CP_1__execute_send_charging_profile__"), JsonValues.of("11000"),
                () -> !callsOf(chargePoint, "SetChargingProfile").isEmpty());
        mqtt.probe().commandUntil(topics.of("CP_1__execute_trigger_message__"), JsonValues.of("4"),
                () -> !callsOf(chargePoint, "TriggerMessage").isEmpty());
        mqtt.probe().commandUntil(topics.of("CP_1__execute_unlock_connector__"), JsonValues.of(0),
                () -> !callsOf(chargePoint, "UnlockConnector").isEmpty());
        mqtt.probe().commandUntil(topics.of("CP_1__execute_get_composite_schedule__"), JsonValues.of("0"),
                () -> !callsOf(chargePoint, "GetCompositeSchedule").isEmpty());

        JsonNode profile = json(callsOf(chargePoint, "SetChargingProfile").get(0).payload());
        assertThat(profile.get("connectorId").intValue()).isEqualTo(1);
        JsonNode charging = profile.get("csChargingProfiles");
        assertThat(charging.get("stackLevel").intValue()).isZero();
        assertThat(charging.get("chargingProfilePurpose").stringValue()).isEqualTo("TxDefaultProfile");
        assertThat(charging.get("chargingProfileKind").stringValue()).isEqualTo("Relative");
        assertThat(charging.get("chargingProfileId").isIntegralNumber()).isTrue();
        assertThat(charging.get("chargingSchedule")).isEqualTo(json("{\"chargingRateUnit\": \"W\","
                + " \"chargingSchedulePeriod\": [{\"startPeriod\": 0, \"limit\": 11000.0}]}"));
        assertThat(json(callsOf(chargePoint, "TriggerMessage").get(0).payload()))
                .isEqualTo(json("{\"requestedMessage\": \"MeterValues\", \"connectorId\": 1}"));
        assertThat(json(callsOf(chargePoint, "UnlockConnector").get(0).payload())).isEqualTo(json("{\"connectorId\": 1}"));
        assertThat(json(callsOf(chargePoint, "GetCompositeSchedule").get(0).payload()))
                .isEqualTo(json("{\"connectorId\": 1, \"duration\": 5, \"chargingRateUnit\": \"W\"}"));
        assertThat(awaitValue(topics.of("CP_1__CompositeSchedule__status"), v -> true).value())
                .isEqualTo(JsonValues.of("Accepted"));
        assertThat(awaitValue(topics.of("CP_1__CompositeSchedule__charging_schedule__charging_rate_unit"), v -> true)
                .value()).isEqualTo(JsonValues.of("W"));
        await().atMost(WAIT).until(() -> run.commands("written") >= 4);

        chargePoint.answer("SetChargingProfile", "{\"status\": \"Rejected\"}");
        chargePoint.answer("UnlockConnector", "[4, \"<id>\", \"NotSupported\", \"no lock\", {}]");
        mqtt.probe().commandUntil(topics.of("CP_1__execute_send_charging_profile__"), JsonValues.of(5000),
                () -> run.commands("failed") >= 1);
        mqtt.probe().commandUntil(topics.of("CP_1__execute_unlock_connector__"), JsonValues.of(1),
                () -> run.commands("failed") >= 2);
        awaitLog("did not carry out SetChargingProfile", "Rejected");
        awaitLog("answered UnlockConnector with the CALLERROR NotSupported: no lock");
    }

    @Test
    void refusesCommandValuesItCannotSendWithoutSendingThem() {
        start();
        SimulatedChargePoint chargePoint = connect("CP_1");
        chargePoint.call("BootNotification", BOOT);
        DatapointTopics topics = mqtt.map(
                List.of(), List.of("CP_1__execute_send_charging_profile__",
                "CP_1__execute_trigger_message__"));

        mqtt.probe().commandUntil(topics.of("CP_1__execute_trigger_message__"), JsonValues.of(9),
                () -> run.commands("failed") >= 1);
        mqtt.probe().commandUntil(topics.of("CP_1__execute_trigger_message__"), JsonValues.of("Heartbeat"),
                () -> run.commands("failed") >= 2);
        mqtt.probe().commandUntil(topics.of("CP_1__execute_send_charging_profile__"), JsonValues.of("full"),
                () -> run.commands("failed") >= 3);
        mqtt.probe().commandUntil(topics.of("CP_1__execute_send_charging_profile__"), JsonValues.of(-1),
                () -> run.commands("failed") >= 4);
        mqtt.probe().commandUntil(topics.of("CP_1__execute_trigger_message__"), JsonValues.of(3),
                () -> !callsOf(chargePoint, "TriggerMessage").isEmpty());

        // Only the valid command reached the charge point (repeated when a loaded machine made the
        // probe send it again before the first one arrived); none of the refused values did.
        assertThat(chargePoint.calls()).extracting(ReceivedCall::action).containsOnly("TriggerMessage");
        assertThat(chargePoint.calls()).extracting(call -> json(call.payload())).containsOnly(
                json(chargePoint.calls().get(0).payload()));
        awaitLog("CP_1__execute_trigger_message__", "got 9; nothing was sent");
    }

    @Test
    void keepsTheIdsOfAChargePointThatReconnectsAndSaysWhenACommandFindsItDisconnected() {
        start();
        Recorded<AvailableDatapointsMessage> available = mqtt.probe().record(Topics.availableDatapoints(mqtt.name()),
                MessageCodec::decodeAvailableDatapoints);
        DatapointTopics topics = mqtt.map(
                List.of("CP_1__Heartbeat"), List.of("CP_1__execute_trigger_message__"));
        SimulatedChargePoint first = connect("CP_1");
        awaitMapApplied(first, topics);
        mqtt.probe().commandUntil(topics.of("CP_1__execute_trigger_message__"), JsonValues.of(3),
                () -> !callsOf(first, "TriggerMessage").isEmpty());
        first.close();

        mqtt.probe().commandUntil(topics.of("CP_1__execute_trigger_message__"), JsonValues.of(3),
                () -> run.commands("failed") >= 1);
        awaitLog("charge point 'CP_1' is not connected; TriggerMessage was not sent");

        mqtt.values().clear();
        SimulatedChargePoint again = connect("CP_1");
        awaitMapApplied(again, topics);
        mqtt.probe().commandUntil(topics.of("CP_1__execute_trigger_message__"), JsonValues.of(5),
                () -> !callsOf(again, "TriggerMessage").isEmpty());
        AvailableDatapointsMessage last = available.messages().get(available.messages().size() - 1);
        assertThat(last.actuator().keySet()).filteredOn(id -> id.startsWith("CP_1"))
                .containsExactlyInAnyOrder("CP_1__execute_send_charging_profile__", "CP_1__execute_trigger_message__",
                        "CP_1__execute_unlock_connector__", "CP_1__execute_get_composite_schedule__");
        assertThat(run.connector().exitCode()).isZero();
    }

    @Test
    void keepsTwoChargePointsApartUnderTheirIdentities() {
        start("OCPP_CONFIG", "[\"execute_send_charging_profile\"]");
        DatapointTopics topics = mqtt.map(List.of("garage__BootNotification__charge_point_vendor",
                        "carport__BootNotification__charge_point_vendor", "garage__Heartbeat", "carport__Heartbeat"),
                List.of("garage__execute_send_charging_profile__", "carport__execute_send_charging_profile__"));
        SimulatedChargePoint garage = connect("garage");
        SimulatedChargePoint carport = connect("carport");
        awaitMapApplied(garage, topics);
        awaitMapApplied(carport, topics);

        garage.call("BootNotification", "{\"chargePointVendor\": \"KEBA\", \"chargePointModel\": \"P30\"}");
        carport.call("BootNotification", "{\"chargePointVendor\": \"ABL\", \"chargePointModel\": \"eMH3\"}");
        assertThat(awaitValue(topics.of("garage__BootNotification__charge_point_vendor"), v -> true).value())
                .isEqualTo(JsonValues.of("KEBA"));
        assertThat(awaitValue(topics.of("carport__BootNotification__charge_point_vendor"), v -> true).value())
                .isEqualTo(JsonValues.of("ABL"));

        mqtt.probe().commandUntil(topics.of("carport__execute_send_charging_profile__"), JsonValues.of(4200),
                () -> !callsOf(carport, "SetChargingProfile").isEmpty());
        assertThat(callsOf(garage, "SetChargingProfile")).isEmpty();
        assertThat(json(callsOf(carport, "SetChargingProfile").get(0).payload())
                .at("/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/limit").doubleValue()).isEqualTo(4200.0);
    }

    @Test
    void sendsTheOriginalsCommandIdsToTheChargePointThatConnectedLastAndPublishesWhateverChargePointSentLast() {
        start();
        DatapointTopics topics = mqtt.map(List.of("garage__Heartbeat", "carport__Heartbeat",
                "BootNotification__charge_point_vendor"), List.of("execute_trigger_message__"));
        SimulatedChargePoint garage = connect("garage");
        awaitMapApplied(garage, topics);
        SimulatedChargePoint carport = connect("carport");
        awaitMapApplied(carport, topics);

        mqtt.probe().commandUntil(topics.of("execute_trigger_message__"), JsonValues.of("3"),
                () -> !callsOf(carport, "TriggerMessage").isEmpty());
        assertThat(callsOf(garage, "TriggerMessage")).as("only the charge point that connected last").isEmpty();
        awaitLog("Charge point 'carport' answered TriggerMessage");

        garage.call("BootNotification", "{\"chargePointVendor\": \"KEBA\", \"chargePointModel\": \"P30\"}");
        awaitValue(topics.of("BootNotification__charge_point_vendor"), v -> v.asString().equals("KEBA"));
        carport.call("BootNotification", "{\"chargePointVendor\": \"ABL\", \"chargePointModel\": \"eMH3\"}");
        awaitValue(topics.of("BootNotification__charge_point_vendor"), v -> v.asString().equals("ABL"));

        carport.close();
        mqtt.probe().commandUntil(topics.of("execute_trigger_message__"), JsonValues.of("5"),
                () -> !callsOf(garage, "TriggerMessage").isEmpty());
        assertThat(json(callsOf(garage, "TriggerMessage").get(0).payload()))
                .as("the last connected of those still connected")
                .isEqualTo(json("{\"requestedMessage\": \"StatusNotification\", \"connectorId\": 1}"));

        garage.close();
        double failed = run.commands("failed");
        mqtt.probe().commandUntil(topics.of("execute_trigger_message__"), JsonValues.of("3"),
                () -> run.commands("failed") > failed);
        awaitLog("no charge point is connected; TriggerMessage was not sent");
    }

    @Test
    void offersOnlyTheIdsUnderTheChargePointsIdentityWhenTheOriginalsIdsAreOff() {
        start("OCPP_ORIGINAL_IDS", "FALSE");
        Recorded<AvailableDatapointsMessage> available = mqtt.probe().record(Topics.availableDatapoints(mqtt.name()),
                MessageCodec::decodeAvailableDatapoints);
        DatapointTopics topics = mqtt.map(List.of("CP_1__Heartbeat", "Heartbeat"),
                List.of("execute_trigger_message__"));
        SimulatedChargePoint chargePoint = connect("CP_1");
        awaitMapApplied(chargePoint, topics);
        chargePoint.call("BootNotification", BOOT);
        chargePoint.call("MeterValues", "{\"connectorId\": 1, \"meterValue\": [{\"timestamp\": \"2024-05-01T12:00:00Z\","
                + " \"sampledValue\": [{\"value\": \"1234.5\"}]}]}");

        AvailableDatapointsMessage offered = available.await(m -> m.message().sensor()
                .containsKey("CP_1__Energy.Active.Import.Register__Wh"), WAIT).message();
        assertThat(offered.sensor().keySet()).contains("CP_1__BootNotification__charge_point_vendor", "CP_1__Heartbeat")
                .allMatch(id -> id.startsWith("CP_1__"));
        assertThat(offered.actuator().keySet()).hasSize(4).allMatch(id -> id.startsWith("CP_1__"));
        mqtt.probe().commandUntil(topics.of("execute_trigger_message__"), JsonValues.of("3"),
                () -> run.commands("failed") >= 1);
        awaitLog("'execute_trigger_message__' is no command of this connector");
        assertThat(chargePoint.calls()).isEmpty();
        assertThat(mqtt.values().topics()).doesNotContain(topics.of("Heartbeat"));
    }

    @Test
    void keepsRawMessagesThatParseAgainIntoTheSameReading() {
        Recorded<RawMessage> raw = mqtt.rawMessages();
        start("SEND_RAW_MESSAGE_TO_DB", "TRUE");
        SimulatedChargePoint chargePoint = connect("CP_1");

        chargePoint.call("MeterValues", "{\"connectorId\": 1, \"meterValue\": [{\"timestamp\": \"2024-05-01T12:00:00\","
                + " \"sampledValue\": [{\"value\": \"7\", \"unit\": \"kWh\"}]}]}");

        RawMessage message = raw.awaitCount(1, WAIT).get(0).message();
        assertThat(message.timestamp()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z").toEpochMilli());
        OcppDevice device = run.device();
        assertThat(Flattener.flatten(device.parse(message.rawMessage()))).as("both id forms").isEqualTo(Map.of(
                "CP_1__Energy.Active.Import.Register__kWh", JsonValues.of("7"),
                "Energy.Active.Import.Register__kWh", JsonValues.of("7")));
    }

    @Test
    void refusesAClientThatDoesNotSpeakOcpp16() throws Exception {
        start();
        var client = java.net.http.HttpClient.newHttpClient();
        var noSubprotocol = client.newWebSocketBuilder().buildAsync(java.net.URI.create("ws://127.0.0.1:" + port + "/CP_X"),
                new java.net.http.WebSocket.Listener() { });
        assertThatThrownBy(() -> noSubprotocol.get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                .cause().isInstanceOfSatisfying(java.net.http.WebSocketHandshakeException.class,
                        refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(404));
        awaitLog("charge point 'CP_X'", "not ocpp1.6");
    }

    @Test
    void acceptsOnlyChargePointsThatAuthenticateAndNeverShowsThePassword() {
        Recorded<String> everything = mqtt.probe().recordText(mqtt.name() + "/#");
        String password = "s3cret-Pa55";
        start("OCPP_CHARGE_POINT_PASSWORDS", "{\"CP_1\": \"" + password + "\"}", "SEND_RAW_MESSAGE_TO_DB", "TRUE",
                "DEBUG", "TRUE");

        SimulatedChargePoint accepted = SimulatedChargePoint.connect(port, "CP_1", "CP_1", password);
        chargePoints.add(accepted);
        assertThat(json(accepted.call("BootNotification", BOOT)).get(2).get("status").stringValue()).isEqualTo("Accepted");

        assertThatThrownBy(() -> SimulatedChargePoint.connect(port, "CP_1", "CP_1", "wrong")).hasMessageContaining("CP_1");
        assertThatThrownBy(() -> SimulatedChargePoint.connect(port, "CP_1", "CP_2", password)).hasMessageContaining("CP_1");
        assertThatThrownBy(() -> SimulatedChargePoint.connect(port, "CP_1")).hasMessageContaining("CP_1");
        assertThatThrownBy(() -> SimulatedChargePoint.connect(port, "CP_2", "CP_2", password)).hasMessageContaining("CP_2");
        awaitLog("charge point 'CP_2'", "did not authenticate");
        accepted.call("Heartbeat", "{}");

        String base64 = java.util.Base64.getEncoder().encodeToString(("CP_1:" + password).getBytes());
        assertThat(everything.messages()).isNotEmpty().noneMatch(text -> text.contains(password) || text.contains(base64));
    }
}
