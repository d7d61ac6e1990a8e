package io.bemcom.rawmessages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.Topics;
import io.bemcom.rawmessages.ingest.RawMessageWriter;
import io.bemcom.rawmessages.ingest.RawMessageSubscriber;
import io.bemcom.rawmessages.storage.DatabaseSettings;
import io.bemcom.rawmessages.testing.Publisher;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;
import tools.jackson.databind.JsonNode;

/**
 * The whole service as it runs, configured by its variables: ingestion from the broker and the
 * NDJSON export over HTTP. One subclass per database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
abstract class RawMessageDbApplicationTests {

    static final TestBroker BROKER = TestBrokers.shared();
    static final String CLIENT_ID = TestNames.unique("raw-message-db-app");

    private final String connector = TestNames.unique("app-meter");
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private RawMessageSubscriber subscriber;

    @Autowired
    private RawMessageWriter writer;

    /** The variables every subclass sets; the database ones are each subclass's. */
    static void brokerVariables(DynamicPropertyRegistry registry) {
        registry.add("MQTT_BROKER_HOST", BROKER::host);
        registry.add("MQTT_BROKER_PORT", BROKER::port);
        registry.add("MQTT_CLIENT_ID", () -> CLIENT_ID);
    }

    static void databaseVariables(DynamicPropertyRegistry registry, DatabaseSettings database) {
        if (database.host() != null) {
            registry.add("RAW_MESSAGE_DB_HOST", database::host);
            registry.add("RAW_MESSAGE_DB_PORT", database::port);
            registry.add("RAW_MESSAGE_DB_USER", database::user);
            registry.add("RAW_MESSAGE_DB_PASSWORD", database::password);
            registry.add("RAW_MESSAGE_DB_DBNAME", database::databaseName);
        } else {
            registry.add("RAW_MESSAGE_DB_SQLITE_PATH", () -> database.sqlitePath().toString());
        }
    }

    /** Removes what the service leaves behind once it is stopped: its database and broker session. */
    abstract void dropDatabase();

    @AfterAll
    void stopAndCleanUp() {
        // Stop ingesting first: the broker session can only be removed while nobody uses it.
        subscriber.close();
        writer.close();
        try (Publisher publisher = new Publisher(BROKER)) {
            publisher.forgetSession(CLIENT_ID);
        }
        dropDatabase();
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long stored(String connectorName) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM raw_message WHERE connector = ?", Long.class, connectorName);
    }

    @Test
    void storesWhatConnectorsPublishAndExportsItAsNdjson() throws Exception {
        try (Publisher publisher = new Publisher(BROKER)) {
            publisher.publish(Topics.rawMessageToDb(connector), "{\"raw_message\": \"b\", \"timestamp\": 2000}");
            publisher.publish(Topics.rawMessageToDb(connector), "{\"payload\": {\"raw_message\": {\"w\": 1.5}, "
                    + "\"timestamp\": 1000}, \"connector_version\": \"0.8.0\"}");
            publisher.publish(Topics.rawMessageToDb(connector), "{\"raw_message\": [3], \"timestamp\": 3000}");
            publisher.publish(Topics.rawMessageToDb(connector + "-other"), "{\"raw_message\": 0, \"timestamp\": 2000}");
            await().atMost(Duration.ofSeconds(20)).until(() -> stored(connector) == 3 && stored(connector + "-other") == 1);
        }

        HttpResponse<String> all = get("/raw-messages/" + connector);
        HttpResponse<String> middle = get("/raw-messages/" + connector + "?from=1500&to=3000");

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-ndjson"));
        List<JsonNode> lines = all.body().lines().map(JsonValues::parse).toList();
        assertThat(lines).extracting(line -> line.get("timestamp").longValue()).containsExactly(1000L, 2000L, 3000L);
        assertThat(lines.get(0).get("raw_message")).isEqualTo(JsonValues.parse("{\"w\": 1.5}"));
        assertThat(lines.get(0).get("connector_version").stringValue()).isEqualTo("0.8.0");
        assertThat(lines.get(1).get("raw_message")).isEqualTo(JsonValues.of("b"));
        assertThat(lines.get(1).has("connector_version")).isFalse();
        assertThat(lines.get(2).get("connector").stringValue()).isEqualTo(connector);
        assertThat(lines.get(2).get("received_at").longValue()).isPositive();
        assertThat(all.body()).endsWith("\n");
        assertThat(middle.body().lines().map(JsonValues::parse).map(line -> line.get("timestamp").longValue()))
                .containsExactly(2000L, 3000L);
    }

    @Test
    void exportsNothingForAConnectorWithoutRawMessages() throws Exception {
        HttpResponse<String> response = get("/raw-messages/" + TestNames.unique("nobody"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void answersABadTimeRangeWith400NamingTheParameter() throws Exception {
        HttpResponse<String> notANumber = get("/raw-messages/" + connector + "?from=yesterday");
        HttpResponse<String> reversed = get("/raw-messages/" + connector + "?from=5&to=4");

        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(JsonValues.parse(notANumber.body()).get("from").get(0).stringValue()).contains("yesterday");
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(JsonValues.parse(reversed.body()).has("to")).isTrue();
    }

    @Test
    void keepsMalformedPayloadsAsRejects() {
        String topic = Topics.rawMessageToDb(connector);
        try (Publisher publisher = new Publisher(BROKER)) {
            publisher.publish(topic, "{\"raw_message\": \"no timestamp\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM raw_message_reject WHERE topic = ?", Long.class, topic) == 1);
        }

        Map<String, Object> reject = jdbc.queryForMap("SELECT payload, reason FROM raw_message_reject WHERE topic = ?",
                topic);
        assertThat(reject).containsEntry("payload", "{\"raw_message\": \"no timestamp\"}")
                .containsEntry("reason", "'timestamp': missing");
    }

    @Test
    void exportsTheRejectsAsNdjson() throws Exception {
        String topic = Topics.rawMessageToDb(connector + "-rejects");
        long before = System.currentTimeMillis();
        try (Publisher publisher = new Publisher(BROKER)) {
            publisher.publish(topic, "not json at all");
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM raw_message_reject WHERE topic = ?", Long.class, topic) == 1);
        }

        HttpResponse<String> response = get("/raw-message-rejects?from=" + before);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-ndjson"));
        JsonNode line = response.body().lines().map(JsonValues::parse)
                .filter(json -> json.get("topic").stringValue().equals(topic)).findFirst().orElseThrow();
        assertThat(line.get("payload").stringValue()).isEqualTo("not json at all");
        assertThat(line.get("reason").stringValue()).isNotBlank();
        assertThat(line.get("received_at").longValue()).isGreaterThanOrEqualTo(before);
        assertThat(get("/raw-message-rejects?to=x").statusCode()).isEqualTo(400);
    }
}
