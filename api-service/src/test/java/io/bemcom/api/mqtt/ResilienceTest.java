package io.bemcom.api.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.bemcom.api.support.Http;
import io.bemcom.api.support.ServiceProperties;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.RestartableBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestDatabase;
import io.bemcom.testsupport.TestDatabases;
import io.bemcom.testsupport.TestNames;

/**
 * Nothing is lost: a PostgreSQL outage during ingestion (the database refuses every connection
 * for a while) and a broker restart. Runs against a broker of its own, configured like the one
 * we ship (raised queue limits), and a database of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ACTIVATE_HISTORY_EXTENSION=true", "N_MTD_WRITE_THREADS=2", "DJANGO_SUPERUSER_USERNAME=admin",
        "DJANGO_SUPERUSER_PASSWORD=pw", "DJANGO_SUPERUSER_EMAIL=a@example.com", "INGEST_BATCH_SIZE=500"})
class ResilienceTest {

    static RestartableBroker broker;
    static TestDatabase database;

    @Autowired
    Environment environment;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MqttIngestion mqtt;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        broker = TestBrokers.restartable();
        database = TestDatabases.create().dropAtExit();
        ServiceProperties.database(registry, database);
        ServiceProperties.broker(registry, broker, TestNames.unique("api-resilience"));
    }

    @AfterAll
    static void cleanUp() {
        broker.close();
    }

    private Http admin() {
        return Http.at(environment.getProperty("local.server.port", Integer.class), "").basic("admin", "pw");
    }

    private long activeSensor(String connector) {
        Http.Response response = admin().post("/datapoint/", "[{\"connector\": {\"name\": \"" + connector
                + "\"}, \"key_in_connector\": \"k\", \"type\": \"sensor\", \"is_active\": true}]");
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().get(0).get("id").longValue();
    }

    @Test
    void aDatabaseOutageDuringIngestionLosesNothingAndStoresEachMessageOnce() throws Exception {
        String connector = TestNames.unique("outage");
        long id = activeSensor(connector);
        int count = 3_000;
        long start = System.currentTimeMillis() - 1_000_000;
        try (MqttProbe probe = MqttProbe.connect(broker)) {
            String topic = Topics.value(connector, id);
            for (int i = 0; i < count / 3; i++) {
                probe.publish(topic, Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.of(i), start + i));
            }
            outage(true);
            try {
                for (int i = count / 3; i < count; i++) {
                    probe.publish(topic, Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.of(i), start + i));
                }
                Thread.sleep(6_000);
            } finally {
                outage(false);
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                    jdbc.queryForObject("SELECT count(*) FROM datapoint_value WHERE datapoint_id = ?", Integer.class, id) >= count);
        }
        Thread.sleep(500);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM datapoint_value WHERE datapoint_id = ?", Integer.class, id))
                .isEqualTo(count);
        assertThat(jdbc.queryForObject("SELECT sum(value_num) FROM datapoint_value WHERE datapoint_id = ?", Double.class, id))
                .isEqualTo((double) count * (count - 1) / 2);
        assertThat(jdbc.queryForObject("SELECT value FROM datapoint_last_value WHERE datapoint_id = ?", String.class, id))
                .isEqualTo(Integer.toString(count - 1));
    }

    @Test
    void ingestionResumesAfterABrokerRestart() throws Exception {
        String connector = TestNames.unique("restart");
        long id = activeSensor(connector);
        broker.stop();
        broker.start();
        await().atMost(Duration.ofSeconds(30)).until(mqtt::isConnected);
        Thread.sleep(1_000); // the re-subscription is confirmed asynchronously
        try (MqttProbe probe = MqttProbe.connect(broker)) {
            probe.publish(Topics.value(connector, id), Delivery.SENSOR_VALUE,
                    new ValueMessage(JsonValues.of(5), System.currentTimeMillis()));
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    jdbc.queryForObject("SELECT count(*) FROM datapoint_value WHERE datapoint_id = ?", Integer.class, id) == 1);
        }
    }

    /** Makes the service's database refuse all connections (and drops the open ones), or lets it in again. */
    private static void outage(boolean on) throws Exception {
        String url = "jdbc:postgresql://" + database.host() + ":" + database.port() + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, database.user(), database.password());
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS " + !on);
            if (on) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                        + database.name() + "' AND pid <> pg_backend_pid()");
            }
        }
    }
}
