package io.bemcom.api.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.bemcom.api.support.PostgresApiTest;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.testsupport.TestNames;
import tools.jackson.databind.JsonNode;

/**
 * The live push against the real broker and database: messages published over MQTT arrive over SSE
 * and WebSocket as the REST API returns them; permissions decide who receives what; a client that
 * stops reading is dropped while ingestion and the other clients carry on.
 */
class LivePushTest extends PostgresApiTest {

    @Autowired
    LiveHub hub;

    private String connector;
    private long sensor;
    private long actuator;

    @BeforeEach
    void datapoints() {
        connector = TestNames.unique("live");
        sensor = createDatapoint(connector, "temp", "sensor", "\"data_format\": \"continuous_numeric\"");
        actuator = createDatapoint(connector, "set", "actuator", "\"data_format\": \"continuous_numeric\"");
    }

    private void publishValue(long datapoint, Object value, long timestamp) {
        probe.publish(connector + "/messages/" + datapoint + "/value", Delivery.ACTUATOR_VALUE,
                new ValueMessage(JsonValues.of(value), timestamp));
    }

    private void publishSetpoint(long datapoint, long timestamp) {
        probe.publishText(connector + "/messages/" + datapoint + "/setpoint", "{\"setpoint\": [{\"from_timestamp\": null,"
                + " \"to_timestamp\": null, \"preferred_value\": 21}], \"timestamp\": " + timestamp + "}", false);
    }

    private String adminAuth() {
        return LiveClients.basic(ADMIN, ADMIN_PASSWORD);
    }

    @Test
    void pushesWhatTheRestApiWouldReturnOverSseAndWebSocket() throws Exception {
        try (LiveClients.Sse sse = new LiveClients.Sse(port(), "datapoint__id__in=" + sensor + "," + actuator, adminAuth());
             LiveClients.Socket ws = new LiveClients.Socket(port(), "datapoint__id__in=" + sensor, adminAuth(), true)) {
            assertThat(sse.status).isEqualTo(200);
            await().atMost(WAIT).until(() -> hub.clients() >= 2);
            publishValue(sensor, 21.5, 1_700_000_000_000L);
            String data = sse.nextData(WAIT);
            assertThat(data).isNotNull();
            JsonNode pushed = json(data);
            JsonNode rest = json(admin().get("/datapoint/last_value/?datapoint__id__in=" + sensor).text());
            assertThat(pushed.get("kind").stringValue()).isEqualTo("value");
            assertThat(pushed.get("msgs_by_datapoint_id")).isEqualTo(rest.get("msgs_by_datapoint_id"));
            assertThat(pushed.get("msgs_by_datapoint_id").get(Long.toString(sensor)).get("value").stringValue())
                    .isEqualTo("21.5");
            assertThat(json(ws.frames.poll(15, TimeUnit.SECONDS))).isEqualTo(pushed);

            publishSetpoint(actuator, 1_700_000_000_001L);
            JsonNode setpoint = json(sse.nextData(WAIT));
            assertThat(setpoint.get("kind").stringValue()).isEqualTo("setpoint");
            assertThat(setpoint.get("msgs_by_datapoint_id")).isEqualTo(json(admin()
                    .get("/datapoint/last_setpoint/?datapoint__id__in=" + actuator).text()).get("msgs_by_datapoint_id"));
            assertThat(ws.frames.poll(300, TimeUnit.MILLISECONDS)).as("the socket asked for the sensor only").isNull();
        }
    }

    @Test
    void nobodyReceivesWhatTheyMayNotRead() throws Exception {
        String reader = TestNames.unique("live-reader");
        users.createUser(reader, "pw", "", false);
        users.grant(reader, "api_main.view_datapoint");
        String auth = LiveClients.basic(reader, "pw");
        String ids = "datapoint__id__in=" + sensor + "," + actuator;
        assertThat(anonymous().get("/datapoint/live/?" + ids).status()).isEqualTo(401);
        assertThat(anonymous().basic(reader, "pw").get("/datapoint/live/?" + ids).status())
                .as("view_datapoint alone reads no kind").isEqualTo(403);
        users.grant(reader, "api_main.view_datapointlastvalue");
        assertThat(anonymous().basic(reader, "pw").get("/datapoint/live/?" + ids + "&kind=setpoint").status())
                .isEqualTo(403);
        try (LiveClients.Socket refused = new LiveClients.Socket(port(), ids + "&kind=setpoint", auth, true)) {
            assertThat(refused.closed.get(15, TimeUnit.SECONDS)).startsWith("1008 You do not have permission");
        }
        try (LiveClients.Sse sse = new LiveClients.Sse(port(), ids, auth)) { // default: the kinds it may read
            await().atMost(WAIT).until(() -> hub.clients() >= 1);
            publishSetpoint(actuator, 1_700_000_000_001L);
            publishValue(sensor, 7, 1_700_000_000_002L);
            JsonNode first = json(sse.nextData(WAIT));
            assertThat(first.get("kind").stringValue()).as("the setpoint was not sent").isEqualTo("value");
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedWhileIngestionCarriesOn() throws Exception {
        double droppedBefore = hub.droppedCount();
        String big = "x".repeat(2_000); // fills the socket buffers quickly
        long text = createDatapoint(connector, "text", "sensor", "\"data_format\": \"generic_text\"");
        try (LiveClients.Socket slow = new LiveClients.Socket(port(), "datapoint__id__in=" + text, adminAuth(), false);
             LiveClients.Sse fast = new LiveClients.Sse(port(), "datapoint__id__in=" + sensor, adminAuth())) {
            await().atMost(WAIT).until(() -> hub.clients() >= 2);
            long t = 1_700_000_000_000L;
            int sent = 0;
            while (hub.droppedCount() == droppedBefore && sent < 20_000) {
                for (int i = 0; i < 200; i++) {
                    probe.publish(connector + "/messages/" + text + "/value", Delivery.ACTUATOR_VALUE,
                            new ValueMessage(JsonValues.of(big + sent), t + sent));
                    sent++;
                }
                Thread.sleep(50);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> hub.droppedCount() > droppedBefore);
            // ingestion carries on: a later value is stored and reaches the client that reads
            publishValue(sensor, 42, t + 1_000_000);
            String data = fast.nextData(Duration.ofSeconds(30));
            assertThat(data).isNotNull();
            assertThat(json(data).get("msgs_by_datapoint_id").get(Long.toString(sensor)).get("value").stringValue())
                    .isEqualTo("42.0");
            probe.publish(connector + "/messages/" + text + "/value", Delivery.ACTUATOR_VALUE,
                    new ValueMessage(JsonValues.of("after the drop"), t + 2_000_000));
            await().atMost(Duration.ofSeconds(60)).until(() -> admin().get("/datapoint/last_value/?datapoint__id__in=" + text)
                    .text().contains("after the drop"));
            // the slow client, reading again, finds its connection closed with the reason
            slow.readOn();
            assertThat(slow.closed.get(60, TimeUnit.SECONDS)).startsWith("1008 too slow: more than 1000 messages");
        }
    }

}
