package io.bemcom.api.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.springframework.jdbc.core.JdbcTemplate;

import io.bemcom.api.connector.ConnectorService;
import io.bemcom.api.support.Http;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.HeartbeatMessage;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.LogMessage;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.TestNames;
import tools.jackson.databind.JsonNode;

/**
 * Messages the database can never store must not block ingestion (issue 11, item 1): scenarios
 * that the PostgreSQL and the SQLite test contexts both run against the running service.
 */
public final class UnstorableMessages {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Http admin;
    private final MqttProbe probe;
    private final JdbcTemplate jdbc;
    private final ConnectorService connectors;

    public UnstorableMessages(Http admin, MqttProbe probe, JdbcTemplate jdbc, ConnectorService connectors) {
        this.admin = admin;
        this.probe = probe;
        this.jdbc = jdbc;
        this.connectors = connectors;
    }

    /**
     * An available-datapoints message with a 12,000-character incompressible key (PostgreSQL cannot
     * index it: SQLSTATE 54000) leaves that key out, stores the rest, and the heartbeats and logs
     * that follow are stored too.
     */
    public void aKeyTooLongForTheIndexIsLeftOutAndWhatFollowsIsStored() {
        String connector = TestNames.unique("poison");
        connectors.create(connector);
        long now = System.currentTimeMillis();
        Map<String, JsonNode> sensors = new LinkedHashMap<>();
        sensors.put(incompressible(12_000), JsonValues.of(1));
        sensors.put("fine", JsonValues.of(2));
        try {
            probe.publish(Topics.availableDatapoints(connector), Delivery.AVAILABLE_DATAPOINTS,
                    new AvailableDatapointsMessage(sensors, Map.of()));
            probe.publish(Topics.heartbeat(connector), Delivery.HEARTBEAT, new HeartbeatMessage(now, now + 30_000));
            probe.publish(Topics.logs(connector), Delivery.LOG, new LogMessage(now, "after the long key", "test", 20));

            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM connector_log_entry l JOIN connector c"
                    + " ON c.id = l.connector_id WHERE c.name = ?", connector) == 1);
            await().atMost(WAIT).until(() -> count("SELECT count(*) FROM connector_heartbeat h JOIN connector c"
                    + " ON c.id = h.connector_id WHERE c.name = ?", connector) == 1);
            assertThat(jdbc.queryForList("SELECT key_in_connector FROM datapoint d JOIN connector c"
                    + " ON c.id = d.connector_id WHERE c.name = ?", String.class, connector)).containsExactly("fine");
            assertThat(admin.get("/metrics/").text()).containsPattern(
                    "bemcom_api_ingest_messages_rejected_total\\{[^}]*kind=\"available_datapoints\",reason=\"key_too_long\"");
        } finally {
            probe.clearRetained(Topics.availableDatapoints(connector));
        }
    }

    /**
     * A value of a datapoint deleted behind the service's back (the foreign key refuses it) is kept
     * as a dead letter with its topic, payload and reason; the values around it are stored.
     */
    public String aValueTheDatabaseRefusesBecomesADeadLetterAndTheRestIsStored(long kept, long gone, String connector) {
        jdbc.update("DELETE FROM datapoint WHERE id = ?", gone); // the service still takes it for active
        long now = System.currentTimeMillis();
        probe.publish(Topics.value(connector, kept), Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.of(1), now));
        probe.publish(Topics.value(connector, gone), Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.of(2), now));
        probe.publish(Topics.value(connector, kept), Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.of(3), now + 1));

        String topic = Topics.value(connector, gone);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM dead_letter WHERE topic = ?", topic) == 1);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM datapoint_value WHERE datapoint_id = ?", kept) == 2);
        Map<String, Object> letter = jdbc.queryForMap("SELECT kind, payload, reason FROM dead_letter WHERE topic = ?", topic);
        assertThat(letter.get("kind")).isEqualTo("value");
        assertThat(JsonValues.parse((String) letter.get("payload"))).isEqualTo(JsonValues.parse(
                "{\"value\": 2, \"timestamp\": " + now + "}"));
        assertThat(((String) letter.get("reason")).toLowerCase()).contains("foreign key");
        assertThat(admin.get("/metrics/").text()).containsPattern(
                "bemcom_api_ingest_messages_rejected_total\\{[^}]*kind=\"value\",reason=\"dead_letter\"");
        return topic;
    }

    private int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

    /** Random letters and digits, which PostgreSQL's compression cannot shrink. */
    public static String incompressible(int length) {
        Random random = new Random(length);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
