package io.bemcom.api.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.bemcom.api.connector.ConnectorService;
import io.bemcom.api.history.SqlDialect;
import io.bemcom.api.live.LiveRelay;
import io.bemcom.api.mqtt.UnstorableMessages;
import io.bemcom.api.support.Http;
import io.bemcom.api.support.ServiceProperties;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;
import io.micrometer.core.instrument.MeterRegistry;

/** The SQLite backend (DJANGOAPIDB_HOST empty): ingestion, history, interval by integer arithmetic, upsert and delete. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ACTIVATE_CONTROL_EXTENSION=true", "ACTIVATE_HISTORY_EXTENSION=true", "DJANGOAPIDB_HOST=",
        "DJANGO_SUPERUSER_USERNAME=admin", "DJANGO_SUPERUSER_PASSWORD=pw", "DJANGO_SUPERUSER_EMAIL=a@example.com"})
class SqliteStorageTest {

    static final String CLIENT_ID = TestNames.unique("api-sqlite-test");
    static Path folder;
    static MqttProbe probe;

    @Autowired
    Environment environment;
    @Autowired
    SqlDialect dialect;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ConnectorService connectors;
    @Autowired
    LiveRelay liveRelay;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        folder = Files.createTempDirectory("bemcom-sqlite-");
        registry.add("DJANGOAPIDB_SQLITE_PATH", () -> folder.resolve("db.sqlite3").toString());
        ServiceProperties.sharedBroker(registry, CLIENT_ID);
    }

    @BeforeAll
    static void connect() {
        probe = MqttProbe.connect(TestBrokers.shared());
    }

    @AfterAll
    static void close() {
        probe.close();
    }

    private Http admin() {
        return Http.at(environment.getProperty("local.server.port", Integer.class), "").basic("admin", "pw");
    }

    @Test
    void usesTheSqliteFileAtTheConfiguredPath() {
        assertThat(dialect.isSqlite()).isTrue();
        assertThat(folder.resolve("db.sqlite3")).exists();
    }

    @Test
    void ingestedValuesOfEveryJsonTypeComeBackUnchanged() {
        String connector = TestNames.unique("conn");
        long id = create(connector, "sensor");
        long now = System.currentTimeMillis();
        String topic = Topics.value(connector, id);
        String[] values = {"1", "2.5", "\"23\"", "true", "null", "{\"a\":[1,\"x\"]}", "[1,2]"};
        for (int i = 0; i < values.length; i++) {
            probe.publish(topic, Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.parse(values[i]), now + i));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> admin().get("/datapoint/" + id + "/value/").json().size() == values.length);
        var history = admin().get("/datapoint/" + id + "/value/").json();
        for (int i = 0; i < values.length; i++) {
            assertThat(history.get(i).get("value").stringValue()).isEqualTo(values[i]);
        }
        assertThat(admin().get("/datapoint/last_value/?datapoint__id__in=" + id).json().get("msgs_by_datapoint_id")
                .get(Long.toString(id)).get("value").stringValue()).isEqualTo("[1,2]");
    }

    @Test
    void intervalBucketsWithIntegerArithmetic() {
        long id = create(TestNames.unique("conn"), "sensor");
        long base = Instant.parse("2026-01-01T15:00:00Z").toEpochMilli();
        Http.Response put = admin().put("/datapoint/" + id + "/value/", "[{\"value\": \"1.0\", \"timestamp\": " + base
                + "}, {\"value\": \"3.0\", \"timestamp\": " + (base + 899_000) + "}, {\"value\": \"5\", \"timestamp\": "
                + (base + 900_000) + "}]");
        assertThat(put.text()).isEqualTo("{\"msgs_created\":3,\"msgs_updated\":0}");
        assertThat(admin().get("/datapoint/" + id + "/value/?interval=15%20minutes").text()).isEqualTo(
                "[{\"value\":\"2.0\",\"timestamp\":" + base + "},{\"value\":\"5.0\",\"timestamp\":" + (base + 900_000) + "}]");
        assertThat(admin().get("/datapoint/" + id + "/value/?interval=1%20week").text()).as("weeks start on Mondays")
                .isEqualTo("[{\"value\":\"3.0\",\"timestamp\":" + Instant.parse("2025-12-29T00:00:00Z").toEpochMilli() + "}]");
        assertThat(admin().get("/datapoint/" + id + "/value/?interval=1%20month").status()).isEqualTo(400);
        assertThat(admin().delete("/datapoint/" + id + "/value/" + base + "/").status()).isEqualTo(204);
        assertThat(admin().get("/datapoint/" + id + "/value/").json().size()).isEqualTo(2);
    }

    @Test
    void anIntervalWithoutAUnitCountsSecondsAsPostgreSqlReadsIt() {
        long id = create(TestNames.unique("conn"), "sensor");
        long base = Instant.parse("2026-01-01T15:00:00Z").toEpochMilli();
        admin().put("/datapoint/" + id + "/value/", "[{\"value\": \"1\", \"timestamp\": " + base + "}, {\"value\": \"2\", "
                + "\"timestamp\": " + (base + 999) + "}, {\"value\": \"5\", \"timestamp\": " + (base + 1000) + "}]");
        String expected = "[{\"value\":\"1.5\",\"timestamp\":" + base + "},{\"value\":\"5.0\",\"timestamp\":"
                + (base + 1000) + "}]";
        // The Grafana plugin sends "<n> " when it knows no unit for Grafana's interval; PostgreSQL reads seconds.
        assertThat(admin().get("/datapoint/" + id + "/value/?interval=1%20").text()).isEqualTo(expected);
        assertThat(admin().get("/datapoint/" + id + "/value/?interval=1").text()).isEqualTo(expected);
        assertThat(admin().get("/datapoint/" + id + "/value/?interval=0%20hours%201").text()).isEqualTo(expected);
        assertThat(admin().get("/datapoint/" + id + "/value/?interval=1%202").status()).as("no unit twice").isEqualTo(400);
    }

    @Test
    void aKeyTooLongForTheIndexIsLeftOutAndHeartbeatsAndLogsAreStillStored() {
        new UnstorableMessages(admin(), probe, jdbc, connectors).aKeyTooLongForTheIndexIsLeftOutAndWhatFollowsIsStored();
    }

    @Test
    void aValueTheDatabaseRefusesIsADeadLetterAndTheRestIsStored() {
        String connector = TestNames.unique("conn");
        long kept = create(connector, "kept", "sensor");
        long gone = create(connector, "gone", "sensor");
        new UnstorableMessages(admin(), probe, jdbc, connectors)
                .aValueTheDatabaseRefusesBecomesADeadLetterAndTheRestIsStored(kept, gone, connector);
    }

    @Test
    void putDatapointNeverAnswers500WhileValuesAreStored() throws Exception {
        String connector = TestNames.unique("conn");
        long id = create(connector, "busy", "sensor");
        String topic = Topics.value(connector, id);
        AtomicBoolean publishing = new AtomicBoolean(true);
        long start = System.currentTimeMillis();
        Thread publisher = new Thread(() -> {
            for (long t = start; publishing.get(); t++) {
                probe.publish(topic, Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.of(t), t));
                if (t % 50 == 0) {
                    sleep(5); // a steady stream, not a flood of the shared broker
                }
            }
        }, "value-publisher");
        publisher.start();
        List<String> failures = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> countValues(id) > 0);
            for (int round = 0; round < 60; round++) {
                Http.Response response = admin().put("/datapoint/", "[{\"connector\": {\"name\": \"" + connector
                        + "\"}, \"key_in_connector\": \"busy\", \"description\": \"round " + round + "\"}]");
                if (response.status() != 200) {
                    failures.add(response.status() + " " + response.text());
                }
            }
        } finally {
            publishing.set(false);
            publisher.join();
        }
        assertThat(failures).isEmpty();
        assertThat(countValues(id)).as("values were stored meanwhile").isGreaterThan(100);
    }

    @Test
    void aSingleInstancePublishesNothingForTheLivePushOfOtherInstances() {
        // No MQTT_SHARED_SUBSCRIPTION_GROUP here: the relay stays off (docs/live-push.md).
        String filter = Topics.LIVE_RELAY_PREFIX + "/#";
        Recorded<String> relayed = probe.recordText(filter);
        try {
            String connector = TestNames.unique("conn");
            long id = create(connector, "sensor");
            long timestamp = 1_234_000_000_000L + java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000_000);
            probe.publish(Topics.value(connector, id), Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.of(42), timestamp));
            await().atMost(Duration.ofSeconds(15)).until(() -> countValues(id) == 1);
            // A relay publication would follow the commit at once: a marker sent after it comes later.
            String marker = Topics.LIVE_RELAY_PREFIX + "/" + TestNames.unique("marker");
            probe.publishText(marker, "marker", false);
            relayed.awaitOn(marker, Duration.ofSeconds(15));
            assertThat(relayed.messages()).noneMatch(text -> text.contains(Long.toString(timestamp)));
            assertThat(liveRelay.isActive()).isFalse();
            assertThat(meters.counter("bemcom.api.live.relay.published").count()).isZero();
        } finally {
            probe.client().unsubscribe(filter);
        }
    }

    private int countValues(long id) {
        return jdbc.queryForObject("SELECT count(*) FROM datapoint_value WHERE datapoint_id = ?", Integer.class, id);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long create(String connector, String type) {
        return create(connector, "k", type);
    }

    private long create(String connector, String key, String type) {
        Http.Response response = admin().post("/datapoint/", "[{\"connector\": {\"name\": \"" + connector
                + "\"}, \"key_in_connector\": \"" + key + "\", \"type\": \"" + type + "\", \"is_active\": true}]");
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().get(0).get("id").longValue();
    }
}
