package io.bemcom.api.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.bemcom.api.support.AdminClient;
import io.bemcom.api.support.Http;
import io.bemcom.api.support.PostgresApiTest;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.HeartbeatMessage;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.TestNames;
import tools.jackson.databind.JsonNode;

/**
 * Stale-datapoint and dead-connector alerts (issue 20, item 2) on the real broker and database:
 * raised and cleared in REST ({@code GET /alert/}), {@code /metrics/} and the retained alerts
 * topic. The shared context checks every second, heartbeats without grace.
 */
class AlertsTest extends PostgresApiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aDatapointWithoutAValueWithinItsMaximumAgeRaisesAnAlertThatItsNextValueClears() {
        String connector = TestNames.unique("alert-stale");
        long id = createDatapoint(connector, "temperature", "sensor", "\"max_age_seconds\": 3");
        long other = createDatapoint(connector, "no-limit", "sensor", null);
        assertThat(jdbc.queryForObject("SELECT max_age_seconds FROM datapoint WHERE id = ?", Long.class, id))
                .isEqualTo(3);
        assertThat(admin().get("/datapoint/?id__in=" + id).json().get(0).has("max_age_seconds"))
                .as("the original's eleven keys").isFalse();
        Recorded<String> retained = probe.recordText(ALERTS_TOPIC);

        await("alert raised (no value yet)").atMost(WAIT).until(() -> staleAlert(id) != null);
        assertThat(staleAlert(id).get("since").isNull()).isTrue();
        assertThat(staleAlert(other)).as("a datapoint without maximum age").isNull();
        await("the gauge says stale").atMost(WAIT).until(() -> gauge("bemcom_api_alert_datapoint_stale", "datapoint=\"" + id + "\"", "1.0"));
        assertThat(gauge("bemcom_api_alerts", "kind=\"stale_datapoint\"", "")).isTrue();
        retained.await(message -> message.message().contains("\"datapoint\":" + id), WAIT);

        long now = System.currentTimeMillis();
        probe.publish(Topics.value(connector, id), Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.of(21.5), now));
        await("alert cleared by a value").atMost(WAIT).until(() -> staleAlert(id) == null);
        await("the gauge says fresh").atMost(WAIT).until(() -> gauge("bemcom_api_alert_datapoint_stale", "datapoint=\"" + id + "\"", "0.0"));
        retained.await(message -> !message.message().contains("\"datapoint\":" + id), WAIT);

        // No further value: raised again once the value is older than 3 s, with the time it became due.
        await("alert raised again").atMost(WAIT).until(() -> staleAlert(id) != null);
        assertThat(staleAlert(id).get("since").longValue()).isEqualTo(now + 3_000);

        AdminClient adminUi = AdminClient.at(port(), "");
        adminUi.login(ADMIN, ADMIN_PASSWORD);
        assertThat(adminUi.get("/admin/datapoints/" + id + "/").text()).contains("id=\"stale-alert\"", "3 s");
        assertThat(adminUi.get("/admin/datapoints/?connector="
                + jdbc.queryForObject("SELECT connector_id FROM datapoint WHERE id = ?", Long.class, id)).text()).contains("class=\"stale-alert\"");
    }

    @Test
    void aConnectorWhoseHeartbeatIsOverdueRaisesAnAlertThatTheNextHeartbeatClears() {
        String connector = TestNames.unique("alert-heartbeat");
        createDatapoint(connector, "k", "sensor", null);
        long now = System.currentTimeMillis();
        probe.publish(Topics.heartbeat(connector), Delivery.HEARTBEAT, new HeartbeatMessage(now - 2_000, now - 1_000));
        await("alert raised").atMost(WAIT).until(() -> heartbeatAlert(connector) != null);
        assertThat(heartbeatAlert(connector).get("since").longValue()).isEqualTo(now - 1_000);
        assertThat(gauge("bemcom_api_alert_connector_heartbeat_overdue", "connector=\"" + connector + "\"", "1.0"))
                .isTrue();

        probe.publish(Topics.heartbeat(connector), Delivery.HEARTBEAT, new HeartbeatMessage(now, now + 600_000));
        await("alert cleared").atMost(WAIT).until(() -> heartbeatAlert(connector) == null);
    }

    @Test
    void aMaximumAgeThatIsNotAWholePositiveNumberIsRefused() {
        String connector = TestNames.unique("alert-bad");
        Http.Response response = admin().post("/datapoint/", "[{\"connector\": {\"name\": \"" + connector
                + "\"}, \"key_in_connector\": \"k\", \"type\": \"sensor\", \"max_age_seconds\": 0}]");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text()).contains("max_age_seconds");
    }

    private JsonNode staleAlert(long datapoint) {
        for (JsonNode alert : alerts()) {
            if (alert.get("kind").stringValue().equals("stale_datapoint") && alert.get("datapoint").asLong() == datapoint) {
                return alert;
            }
        }
        return null;
    }

    private JsonNode heartbeatAlert(String connector) {
        for (JsonNode alert : alerts()) {
            if (alert.get("kind").stringValue().equals("overdue_heartbeat")
                    && alert.get("connector").stringValue().equals(connector)) {
                return alert;
            }
        }
        return null;
    }

    private JsonNode alerts() {
        Http.Response response = admin().get("/alert/");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json();
    }

    private String metrics() {
        return admin().get("/metrics/").text();
    }

    /** Whether /metrics/ has a line of {@code name} with the label {@code label} that ends with {@code value}. */
    private boolean gauge(String name, String label, String value) {
        return metrics().lines().anyMatch(line -> line.startsWith(name + "{") && line.contains(label)
                && (value.isEmpty() || line.endsWith(" " + value)));
    }
}
