package io.bemcom.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.bemcom.api.datapoint.DatapointService;
import io.bemcom.api.history.SqlDialect;
import io.bemcom.api.history.TimeFilter;
import io.bemcom.api.security.UserService;
import io.bemcom.api.support.Http;
import io.bemcom.api.support.ServiceProperties;
import io.bemcom.api.support.Sessions;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.RequiresTimescaleDb;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestDatabase;
import io.bemcom.testsupport.TestDatabases;
import io.bemcom.testsupport.TestNames;
import tools.jackson.databind.JsonNode;

/**
 * The PostgreSQL backend on a real TimescaleDB: migration V2 makes the history tables hypertables,
 * {@code ?interval=} is answered with {@code time_bucket}, and history rows go with their datapoint.
 * Runs only where {@code TEST_TIMESCALEDB_HOST} names a server that preloads TimescaleDB (see the
 * api-service README); it creates a database of its own there, dropped when the JVM exits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ACTIVATE_CONTROL_EXTENSION=true", "ACTIVATE_HISTORY_EXTENSION=true",
        "DJANGO_SUPERUSER_USERNAME=admin", "DJANGO_SUPERUSER_PASSWORD=admin-pass",
        "DJANGO_SUPERUSER_EMAIL=admin@example.com", "N_MTD_WRITE_THREADS=2"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(RequiresTimescaleDb.class)
class TimescaleDbTest {

    static final String CLIENT_ID = TestNames.unique("api-tsdb-test");
    static final long HOUR = 3_600_000;
    /** Two hours before midnight, so that the history spans two of the hypertables' 1-day chunks. */
    static final long BASE = Instant.parse("2026-01-01T22:00:00Z").toEpochMilli();

    static TestDatabase database;

    @Autowired
    Environment environment;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SqlDialect dialect;
    @Autowired
    UserService users;
    @Autowired
    DatapointService datapoints;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        if (!TestDatabases.timescaleDbConfigured()) {
            return; // every test is skipped by RequiresTimescaleDb before the context is loaded
        }
        database = TestDatabases.createOnTimescaleDb().dropAtExit();
        ServiceProperties.database(registry, database);
        ServiceProperties.broker(registry, TestBrokers.shared(), CLIENT_ID);
        Sessions.removeAtExit(TestBrokers.shared(), CLIENT_ID);
    }

    @Test
    void migrationMadeTheHistoryTablesHypertablesAndTheServiceUsesTimeBucket() {
        assertThat(jdbc.queryForList("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'", String.class))
                .as("migration V2 created the extension (is timescaledb in shared_preload_libraries of %s:%s?)",
                        database.host(), database.port())
                .hasSize(1);
        assertThat(jdbc.queryForList("SELECT hypertable_name FROM timescaledb_information.hypertables"
                + " WHERE hypertable_schema = current_schema() ORDER BY 1", String.class))
                .containsExactly("datapoint_schedule", "datapoint_setpoint", "datapoint_value");
        assertThat(dialect.name()).isEqualTo("TimescaleDB");
        assertThat(dialect.bucketQuery("1 hour", TimeFilter.NONE, 1, new ArrayList<>()))
                .contains("time_bucket(");
    }

    @Test
    void historyRoundTripsAndIntervalAveragesPerBucket() {
        String connector = TestNames.unique("tsdb");
        long sensor = createDatapoint(connector, "s", "sensor", null);
        String path = "/datapoint/" + sensor + "/value/";
        // Hours 0-4 hold numbers (hour 2 also a text, which no average counts); hour 5 holds only a text.
        TreeMap<Long, String> values = new TreeMap<>();
        long[] minutes = {0, 7, 25, 42, 59};
        for (int hour = 0; hour < 5; hour++) {
            for (int i = 0; i < minutes.length - hour % 2; i++) {
                long offset = i == minutes.length - 1 ? HOUR - 1 : minutes[i] * 60_000;
                values.put(BASE + hour * HOUR + offset, Double.toString(10 + hour * 3 + i * 0.5 + (hour % 2) * 0.125));
            }
        }
        values.put(BASE + 2 * HOUR + 30 * 60_000 + 1, "\"off\"");
        values.put(BASE + 5 * HOUR + 1, "\"standby\"");

        Http.Response put = client().put(path, body(values));
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(put.text()).isEqualTo("{\"msgs_created\":" + values.size() + ",\"msgs_updated\":0}");
        // an upsert of existing rows in both chunks updates them in place
        values.put(BASE, "11.0");
        values.put(BASE + 2 * HOUR + 7 * 60_000, "19.75");
        assertThat(client().put(path, body(Map.of(BASE, "11.0", BASE + 2 * HOUR + 7 * 60_000, "19.75"))).text())
                .isEqualTo("{\"msgs_created\":0,\"msgs_updated\":2}");
        // one more value through MQTT ingestion, in hour 6
        long ingested = BASE + 6 * HOUR + 1_000;
        values.put(ingested, "42.5");
        try (MqttProbe probe = MqttProbe.connect(TestBrokers.shared())) {
            probe.publish(Topics.value(connector, sensor), Delivery.SENSOR_VALUE,
                    new ValueMessage(JsonValues.parse("42.5"), ingested));
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    client().get(path + "?timestamp__gte=" + ingested).json().size() == 1);
        }

        assertThat(jdbc.queryForObject("SELECT count(*) FROM timescaledb_information.chunks"
                + " WHERE hypertable_name = 'datapoint_value'", Integer.class)).isGreaterThanOrEqualTo(2);
        assertThat(client().get(path).text()).isEqualTo(list(values));
        assertThat(client().get(path + "?timestamp__gte=" + (BASE + HOUR) + "&timestamp__lt=" + (BASE + 2 * HOUR)).text())
                .isEqualTo(list(values.subMap(BASE + HOUR, BASE + 2 * HOUR)));

        assertBuckets(client().get(path + "?interval=1%20hour"), expectedBuckets(values, HOUR));
        assertBuckets(client().get(path + "?interval=2%20hours"), expectedBuckets(values, 2 * HOUR));
        assertBuckets(client().get(path + "?interval=00:15:00"), expectedBuckets(values, 15 * 60_000));
        assertBuckets(client().get(path + "?interval=1%20hour&timestamp__gte=" + (BASE + HOUR) + "&timestamp__lt="
                + (BASE + 3 * HOUR)), expectedBuckets(values.subMap(BASE + HOUR, BASE + 3 * HOUR), HOUR));
        assertThat(expectedBuckets(values, HOUR)).hasSize(7).containsEntry(BASE + 5 * HOUR, null);
        // As the original's time_bucket on timestamps: weeks from Monday, calendar months.
        assertBuckets(client().get(path + "?interval=1%20week"),
                oneBucket(values, Instant.parse("2025-12-29T00:00:00Z").toEpochMilli()));
        // Every value lies in January 2026 (22:00 on the 1st to 04:00 on the 2nd): one bucket from
        // the 1st, where 30-day buckets from 1970 would start on 2025-12-08.
        assertBuckets(client().get(path + "?interval=1%20month"),
                oneBucket(values, Instant.parse("2026-01-01T00:00:00Z").toEpochMilli()));
        Http.Response mixed = client().get(path + "?interval=1%20month%202%20days");
        assertThat(mixed.status()).as(mixed.text()).isEqualTo(400);

        for (String invalid : List.of("fortnightly", "0%20hours", "-1%20hour")) {
            Http.Response response = client().get(path + "?interval=" + invalid);
            assertThat(response.status()).as(invalid + ": " + response.text()).isEqualTo(400);
            assertThat(response.json().has("frequency")).as(invalid).isTrue();
        }
    }

    @Test
    void deletingADatapointRemovesItsRowsFromEveryHypertable() {
        String connector = TestNames.unique("tsdb");
        String numeric = "\"data_format\": \"continuous_numeric\"";
        long doomed = createDatapoint(connector, "doomed", "actuator", numeric);
        long kept = createDatapoint(connector, "kept", "actuator", numeric);
        for (long id : new long[] {doomed, kept}) {
            for (long time : new long[] {BASE, BASE + 4 * HOUR}) {
                assertThat(client().put("/datapoint/" + id + "/value/", "[{\"value\": \"21.5\", \"timestamp\": " + time
                        + "}]").status()).isEqualTo(200);
                assertThat(client().put("/datapoint/" + id + "/schedule/", "[{\"schedule\": [{\"from_timestamp\": null,"
                        + " \"to_timestamp\": null, \"value\": \"21\"}], \"timestamp\": " + time + "}]").status())
                        .isEqualTo(200);
                assertThat(client().put("/datapoint/" + id + "/setpoint/", "[{\"setpoint\": [{\"from_timestamp\": null,"
                        + " \"to_timestamp\": null, \"preferred_value\": \"21\", \"min_value\": 20, \"max_value\": 22}],"
                        + " \"timestamp\": " + time + "}]").status()).isEqualTo(200);
            }
        }
        assertThat(historyRows(doomed)).isEqualTo(6);

        datapoints.delete(doomed);

        assertThat(historyRows(doomed)).isZero();
        assertThat(historyRows(kept)).isEqualTo(6);
        assertThat(client().get("/datapoint/" + doomed + "/value/").status()).isEqualTo(404);
    }

    // ------------------------------------------------------------------ helpers

    private Http client() {
        return Http.at(environment.getProperty("local.server.port", Integer.class), "").bearer(users.token("admin"));
    }

    private long createDatapoint(String connector, String key, String type, String extraJson) {
        Http.Response response = client().post("/datapoint/", "[{\"connector\": {\"name\": \"" + connector
                + "\"}, \"key_in_connector\": \"" + key + "\", \"type\": \"" + type + "\", \"is_active\": true"
                + (extraJson == null ? "" : ", " + extraJson) + "}]");
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().get(0).get("id").longValue();
    }

    private int historyRows(long datapointId) {
        int rows = 0;
        for (String table : List.of("datapoint_value", "datapoint_schedule", "datapoint_setpoint")) {
            rows += jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE datapoint_id = ?", Integer.class,
                    datapointId);
        }
        return rows;
    }

    /** The PUT body for {@code values} (timestamp to value text). */
    private static String body(Map<Long, String> values) {
        StringBuilder body = new StringBuilder("[");
        values.forEach((time, value) -> body.append(body.length() == 1 ? "" : ",").append("{\"value\": ")
                .append(JsonValues.toJson(JsonValues.of(value))).append(", \"timestamp\": ").append(time).append('}'));
        return body.append(']').toString();
    }

    /** The GET answer for {@code values}, as the service renders it. */
    private static String list(Map<Long, String> values) {
        StringBuilder list = new StringBuilder("[");
        values.forEach((time, value) -> list.append(list.length() == 1 ? "" : ",").append("{\"value\":")
                .append(JsonValues.toJson(JsonValues.of(value))).append(",\"timestamp\":").append(time).append('}'));
        return list.append(']').toString();
    }

    /** Bucket start (aligned to the epoch, as time_bucket and date_bin align) to the mean of its numbers, or null. */
    private static TreeMap<Long, Double> expectedBuckets(Map<Long, String> values, long width) {
        TreeMap<Long, List<Double>> numbers = new TreeMap<>();
        values.forEach((time, value) -> {
            List<Double> bucket = numbers.computeIfAbsent(Math.floorDiv(time, width) * width, start -> new ArrayList<>());
            if (!value.startsWith("\"")) {
                bucket.add(Double.parseDouble(value));
            }
        });
        TreeMap<Long, Double> averages = new TreeMap<>();
        numbers.forEach((start, list) -> averages.put(start, list.isEmpty() ? null
                : list.stream().mapToDouble(Double::doubleValue).sum() / list.size()));
        return averages;
    }

    /** All numbers of {@code values} averaged into one bucket starting at {@code start}. */
    private static TreeMap<Long, Double> oneBucket(Map<Long, String> values, long start) {
        TreeMap<Long, Double> bucket = new TreeMap<>();
        bucket.put(start, values.values().stream().filter(value -> !value.startsWith("\""))
                .mapToDouble(Double::parseDouble).average().orElseThrow());
        return bucket;
    }

    private static void assertBuckets(Http.Response response, TreeMap<Long, Double> expected) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode buckets = response.json();
        List<Long> starts = new ArrayList<>();
        buckets.forEach(bucket -> starts.add(bucket.get("timestamp").longValue()));
        assertThat(starts).as(response.text()).containsExactlyElementsOf(expected.keySet());
        for (JsonNode bucket : buckets) {
            Double average = expected.get(bucket.get("timestamp").longValue());
            String value = bucket.get("value").stringValue();
            if (average == null) {
                assertThat(value).as(response.text()).isEqualTo("null");
            } else {
                assertThat(Double.parseDouble(value)).as(response.text()).isCloseTo(average, within(1e-9));
            }
        }
    }
}
