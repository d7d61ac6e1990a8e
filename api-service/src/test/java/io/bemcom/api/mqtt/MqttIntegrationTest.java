package io.bemcom.api.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.bemcom.api.connector.ConnectorService;
import io.bemcom.api.controller.ControllerService;
import io.bemcom.api.support.PostgresApiTest;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.DatapointMapMessage;
import io.bemcom.protocol.HeartbeatMessage;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.LogMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.ScheduleItem;
import io.bemcom.protocol.ScheduleMessage;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.TestNames;

/** A test connector on the real broker against the running service (section 6 and 13). */
class MqttIntegrationTest extends PostgresApiTest {

    @Autowired
    ConnectorService connectors;
    @Autowired
    ControllerService controllers;

    @Test
    void availableDatapointsCreateRowsAndUpdateExamplesWithoutDuplicates() {
        String connector = newConnector();
        probe.publish(Topics.availableDatapoints(connector), Delivery.AVAILABLE_DATAPOINTS, new AvailableDatapointsMessage(
                Map.of("power", JsonValues.of(0.122), "unit", JsonValues.of("kW")), Map.of("switch", JsonValues.of(true))));
        await().atMost(WAIT).until(() -> datapointCount(connector) == 3);
        probe.publish(Topics.availableDatapoints(connector), Delivery.AVAILABLE_DATAPOINTS, new AvailableDatapointsMessage(
                Map.of("power", JsonValues.of(0.5), "unit", JsonValues.of("kW"), "energy", JsonValues.of(1)),
                Map.of("switch", JsonValues.of(true))));
        await().atMost(WAIT).until(() -> datapointCount(connector) == 4);
        await().atMost(WAIT).until(() -> "0.5".equals(example(connector, "power")));
        assertThat(example(connector, "unit")).isEqualTo("\"kW\"");
        assertThat(example(connector, "switch")).isEqualTo("true");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM datapoint d JOIN connector c ON c.id = d.connector_id"
                + " WHERE c.name = ? AND d.is_active", Integer.class, connector)).isZero();
    }

    @Test
    void logsAndHeartbeatsAreStoredIncludingNullEmitters() {
        String connector = newConnector();
        long now = System.currentTimeMillis();
        probe.publish(Topics.logs(connector), Delivery.LOG, new LogMessage(now, "started", "main", LogMessage.INFO));
        probe.publish(Topics.logs(connector), Delivery.LOG, new LogMessage(now + 1, "no emitter", null, LogMessage.WARNING));
        probe.publish(Topics.heartbeat(connector), Delivery.HEARTBEAT, new HeartbeatMessage(now, now + 30_000));
        await().atMost(WAIT).until(() -> jdbc.queryForObject("SELECT count(*) FROM connector_log_entry l JOIN connector c"
                + " ON c.id = l.connector_id WHERE c.name = ?", Integer.class, connector) == 2);
        assertThat(jdbc.queryForList("SELECT emitter FROM connector_log_entry l JOIN connector c ON c.id = l.connector_id"
                + " WHERE c.name = ? ORDER BY timestamp", String.class, connector)).containsExactly("main", null);
        await().atMost(WAIT).until(() -> jdbc.queryForList("SELECT h.next_heartbeat FROM connector_heartbeat h JOIN connector c"
                + " ON c.id = h.connector_id WHERE c.name = ?", Long.class, connector).equals(List.of(now + 30_000)));
    }

    @Test
    void activatingPublishesTheDatapointMapAndDeletingTheConnectorClearsIt() {
        String connector = TestNames.unique("conn");
        Recorded<DatapointMapMessage> maps = probe.record(Topics.datapointMap(connector), MessageCodec::decodeDatapointMap);
        long sensor = createDatapoint(connector, "sensor_key", "sensor", null);
        long actuator = createDatapoint(connector, "actuator_key", "actuator", null);
        DatapointMapMessage expected = new DatapointMapMessage(Map.of("sensor_key", Topics.value(connector, sensor)),
                Map.of(Topics.value(connector, actuator), "actuator_key"));
        InboundCheck.awaitMessage(maps, expected);
        assertThat(MessageCodec.encodeToString(expected)).isEqualTo("{\"sensor\":{\"sensor_key\":\"" + connector + "/messages/"
                + sensor + "/value\"},\"actuator\":{\"" + connector + "/messages/" + actuator + "/value\":\"actuator_key\"}}");
        datapointService.setActive(List.of(sensor), false);
        InboundCheck.awaitMessage(maps, new DatapointMapMessage(Map.of(), Map.of(Topics.value(connector, actuator), "actuator_key")));
        long connectorId = jdbc.queryForObject("SELECT id FROM connector WHERE name = ?", Long.class, connector);
        connectors.delete(connectorId);
        await().atMost(WAIT).until(() -> maps.messages().get(maps.messages().size() - 1).equals(DatapointMapMessage.EMPTY));
    }

    @Test
    void valuesUpdateLastValueByNewestTimestampAndHistoryKeepsEveryJsonType() {
        String connector = TestNames.unique("conn");
        long sensor = createDatapoint(connector, "s", "sensor", null);
        String topic = Topics.value(connector, sensor);
        long now = System.currentTimeMillis();
        probe.publish(topic, Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.of(21.5), now));
        probe.publish(topic, Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.of("23"), now + 1));
        probe.publish(topic, Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.parse("{\"a\": [1, true, null]}"), now + 2));
        probe.publish(topic, Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.of(7), now - 10_000)); // older, arrives last
        await().atMost(WAIT).until(() -> admin().get("/datapoint/" + sensor + "/value/").json().size() == 4);
        assertThat(admin().get("/datapoint/" + sensor + "/value/").text()).isEqualTo("[{\"value\":\"7\",\"timestamp\":"
                + (now - 10_000) + "},{\"value\":\"21.5\",\"timestamp\":" + now + "},{\"value\":\"\\\"23\\\"\",\"timestamp\":"
                + (now + 1) + "},{\"value\":\"{\\\"a\\\":[1,true,null]}\",\"timestamp\":" + (now + 2) + "}]");
        assertThat(admin().get("/datapoint/last_value/?datapoint__id__in=" + sensor).json().get("msgs_by_datapoint_id")
                .get(Long.toString(sensor)).get("timestamp").longValue()).isEqualTo(now + 2);
    }

    @Test
    void schedulesOfActuatorsReachLastScheduleAndInactiveDatapointsAreNotStored() {
        String connector = TestNames.unique("conn");
        long actuator = createDatapoint(connector, "a", "actuator", null);
        long now = System.currentTimeMillis();
        probe.publish(Topics.schedule(connector, actuator), Delivery.SCHEDULE, new ScheduleMessage(
                List.of(new ScheduleItem(null, now + 1000, JsonValues.of(21))), now));
        await().atMost(WAIT).until(() -> admin().get("/datapoint/last_schedule/?datapoint__id__in=" + actuator)
                .json().get("msgs_by_datapoint_id").has(Long.toString(actuator)));
        datapointService.setActive(List.of(actuator), false);
        probe.publish(Topics.value(connector, actuator), Delivery.ACTUATOR_VALUE, new ValueMessage(JsonValues.of(1), now));
        probe.publish(Topics.schedule(connector, actuator), Delivery.SCHEDULE, new ScheduleMessage(List.of(), now + 5));
        sleep(1500);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM datapoint_value WHERE datapoint_id = ?", Integer.class, actuator)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM datapoint_schedule WHERE datapoint_id = ?", Integer.class, actuator)).isEqualTo(1);
    }

    @Test
    void malformedPayloadsOnEverySubscribedTopicAreSkippedAndIngestionCarriesOn() {
        String connector = TestNames.unique("conn");
        long actuator = createDatapoint(connector, "a", "actuator", null);
        for (String topic : List.of(Topics.logs(connector), Topics.heartbeat(connector), Topics.availableDatapoints(connector),
                Topics.value(connector, actuator), Topics.setpoint(connector, actuator), Topics.schedule(connector, actuator),
                connector + "/messages/not-a-number/value", connector + "/messages/999999999/value")) {
            for (String garbage : List.of("not json", "{\"timestamp\": \"x\"}", "[]", "{\"value\": 1}",
                    "{\"setpoint\": [{\"from_timestamp\": null}], \"timestamp\": 1}", "{\"msg\": \"m\", \"level\": \"x\"}")) {
                probe.publishText(topic, garbage, false);
            }
        }
        long now = System.currentTimeMillis();
        probe.publish(connector + "/messages/999999999/value", Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.of(1), now));
        probe.publish(Topics.value(connector, actuator), Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.of(42), now));
        await().atMost(WAIT).until(() -> admin().get("/datapoint/" + actuator + "/value/").json().size() == 1);
        assertThat(admin().get("/datapoint/" + actuator + "/value/").json().get(0).get("value").stringValue()).isEqualTo("42");
        assertThat(admin().get("/metrics/").text()).contains("bemcom_mqtt_messages_rejected_total",
                "bemcom_api_ingest_messages_rejected_total");
    }

    @Test
    void controlledDatapointsHonourIsActiveAndAreEmptiedWithTheController() {
        String connector = TestNames.unique("conn");
        long sensor = createDatapoint(connector, "s", "sensor", null);
        long actuator = createDatapoint(connector, "a", "actuator", null);
        long other = createDatapoint(connector, "b", "actuator", null);
        String topic = TestNames.unique("ctrl") + "/controlled_datapoints";
        Recorded<String> published = probe.recordText(topic);
        long controller = controllers.create(TestNames.unique("ctrl"), topic).getId();
        controllers.addControlledDatapoint(controller, sensor, actuator, true);
        controllers.addControlledDatapoint(controller, sensor, other, false);
        String expected = "[{\"sensor\":{\"value\":\"" + Topics.value(connector, sensor) + "\"},\"actuator\":{\"value\":\""
                + Topics.value(connector, actuator) + "\",\"setpoint\":\"" + Topics.setpoint(connector, actuator)
                + "\",\"schedule\":\"" + Topics.schedule(connector, actuator) + "\"}}]";
        await().atMost(WAIT).until(() -> !published.messages().isEmpty()
                && published.messages().get(published.messages().size() - 1).equals(expected));
        controllers.delete(controller);
        await().atMost(WAIT).until(() -> published.messages().get(published.messages().size() - 1).equals("[]"));
    }

    private String newConnector() {
        String name = TestNames.unique("conn");
        connectors.create(name);
        sleep(300); // the subscription is confirmed asynchronously
        return name;
    }

    private int datapointCount(String connector) {
        return jdbc.queryForObject("SELECT count(*) FROM datapoint d JOIN connector c ON c.id = d.connector_id WHERE c.name = ?",
                Integer.class, connector);
    }

    private String example(String connector, String key) {
        List<String> examples = jdbc.queryForList("SELECT example_value FROM datapoint d JOIN connector c ON c.id = d.connector_id"
                + " WHERE c.name = ? AND d.key_in_connector = ?", String.class, connector, key);
        return examples.isEmpty() ? null : examples.get(0);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class InboundCheck {
        static void awaitMessage(Recorded<DatapointMapMessage> maps, DatapointMapMessage expected) {
            await().atMost(WAIT).until(() -> maps.messages().contains(expected));
        }
    }
}
