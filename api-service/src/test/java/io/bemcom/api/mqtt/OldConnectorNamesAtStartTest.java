package io.bemcom.api.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.bemcom.api.config.DatabaseSettings;
import io.bemcom.api.support.Http;
import io.bemcom.api.support.ServiceProperties;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;

/**
 * A database written by an older version holds connectors whose names cannot be MQTT topic levels
 * (TAB, NUL, '/', '+', '#', an emoji, a C1 control), one with an active actuator in a controller's
 * pair. The service must start, stay connected and store the other connectors' messages; the
 * broken ones are skipped with a log line.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ACTIVATE_CONTROL_EXTENSION=true", "ACTIVATE_HISTORY_EXTENSION=true", "DJANGOAPIDB_HOST=",
        "DJANGO_SUPERUSER_USERNAME=admin", "DJANGO_SUPERUSER_PASSWORD=pw", "DJANGO_SUPERUSER_EMAIL=a@example.com"})
class OldConnectorNamesAtStartTest {

    static final String CLIENT_ID = TestNames.unique("api-old-names");
    static final List<String> OLD_NAMES = List.of("tab\there", "nul\u0000", "a/b", "plus+", "hash#", "emoji\ud83d\ude00",
            "c1\u0085");

    @Autowired
    Environment environment;
    @Autowired
    MqttIngestion mqtt;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempDirectory("bemcom-old-names-").resolve("db.sqlite3");
        String url = new DatabaseSettings(null, 0, null, null, null, file).jdbcUrl();
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/sqlite").load().migrate();
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO connector (name, added, last_changed) VALUES (?, 0, 0)");
             Statement statement = connection.createStatement()) {
            for (String name : OLD_NAMES) {
                insert.setString(1, name);
                insert.executeUpdate();
            }
            statement.execute("INSERT INTO datapoint (connector_id, key_in_connector, type, is_active) VALUES (1, 'a', 'actuator', 1)");
            statement.execute("INSERT INTO datapoint (connector_id, key_in_connector, type, is_active) VALUES (1, 's', 'sensor', 1)");
            statement.execute("INSERT INTO controller (name, mqtt_topic_controlled_datapoints) VALUES ('old-ctrl', '"
                    + TestNames.unique("old-ctrl") + "/controlled_datapoints')");
            statement.execute("INSERT INTO controlled_datapoint (controller_id, sensor_datapoint_id, actuator_datapoint_id)"
                    + " VALUES (1, 2, 1)");
        }
        registry.add("DJANGOAPIDB_SQLITE_PATH", file::toString);
        ServiceProperties.sharedBroker(registry, CLIENT_ID);
    }

    private Http admin() {
        return Http.at(environment.getProperty("local.server.port", Integer.class), "").basic("admin", "pw");
    }

    @Test
    void theServiceStaysConnectedAndStoresTheValuesOfOtherConnectors() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM connector", Integer.class)).isEqualTo(OLD_NAMES.size());
        String connector = TestNames.unique("good");
        Http.Response created = admin().post("/datapoint/", "[{\"connector\": {\"name\": \"" + connector
                + "\"}, \"key_in_connector\": \"k\", \"type\": \"sensor\", \"is_active\": true}]");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.json().get(0).get("id").longValue();

        try (MqttProbe probe = MqttProbe.connect(TestBrokers.shared())) {
            probe.publish(Topics.value(connector, id), Delivery.SENSOR_VALUE,
                    new ValueMessage(JsonValues.of(21.5), System.currentTimeMillis()));
        }

        await().atMost(Duration.ofSeconds(20)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM datapoint_value WHERE datapoint_id = ?", Integer.class, id) == 1);
        assertThat(mqtt.isConnected()).isTrue();
        assertThat(admin().get("/metrics/").text()).contains("bemcom_mqtt_connected{application=\"api-service\"} 1.0");
    }

    @Test
    void sendingToAnActuatorOfABrokenConnectorIsA400() {
        Http.Response answer = admin().post("/datapoint/1/value/", "{\"value\": \"1\", \"timestamp\": "
                + System.currentTimeMillis() + "}");
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.json().get(0).stringValue()).contains("cannot be part of MQTT topics");
    }
}
