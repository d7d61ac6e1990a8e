package io.bemcom.api.support;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.bemcom.api.datapoint.DatapointService;
import io.bemcom.api.security.UserService;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.protocol.JsonValues;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;
import tools.jackson.databind.JsonNode;

/**
 * The shared context of most tests: PostgreSQL (no TimescaleDB here: date_bin), the shared
 * broker, both extension flags on, a superuser from DJANGO_SUPERUSER_*. Every test class that
 * extends this runs in the same Spring context; tests isolate themselves by unique connector names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ACTIVATE_CONTROL_EXTENSION=TRUE", "ACTIVATE_HISTORY_EXTENSION=true",
        "DJANGO_SUPERUSER_USERNAME=admin", "DJANGO_SUPERUSER_PASSWORD=admin-pass",
        "DJANGO_SUPERUSER_EMAIL=admin@example.com", "N_MTD_WRITE_THREADS=4", "ALERT_CHECK_SECONDS=1",
        "HEARTBEAT_GRACE_SECONDS=0"})
public abstract class PostgresApiTest {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-pass";
    static final String CLIENT_ID = TestNames.unique("api-pg-test");
    /**
     * The shared context ingests in a share group of its own, alone but for SharedIngestionTest's
     * second instance: one context fewer to start, and every test runs the shared mode's code.
     */
    public static final String SHARE_GROUP = TestNames.unique("api-group");
    /** The shared context's retained alerts topic, its own on the shared broker. */
    public static final String ALERTS_TOPIC = TestNames.unique("alerts") + "/alerts";

    protected static MqttProbe probe;

    @Autowired
    protected Environment environment;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected UserService users;
    @Autowired
    protected DatapointService datapointService;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceProperties.database(registry, SharedDatabase.get());
        ServiceProperties.sharedBroker(registry, CLIENT_ID);
        registry.add("MQTT_SHARED_SUBSCRIPTION_GROUP", () -> SHARE_GROUP);
        registry.add("MQTT_TOPIC_ALERTS", () -> ALERTS_TOPIC);
    }

    @BeforeAll
    static void connectProbe() {
        probe = MqttProbe.connect(TestBrokers.shared());
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    protected int port() {
        return environment.getProperty("local.server.port", Integer.class);
    }

    protected Http admin() {
        return Http.at(port(), "").basic(ADMIN, ADMIN_PASSWORD);
    }

    protected Http anonymous() {
        return Http.at(port(), "");
    }

    protected static JsonNode json(String text) {
        return JsonValues.parse(text);
    }

    protected static final Duration WAIT = Duration.ofSeconds(15);

    /** Creates an active datapoint through the REST API and returns its id. */
    protected long createDatapoint(String connector, String key, String type, String extraJson) {
        String body = "[{\"connector\": {\"name\": \"" + connector + "\"}, \"key_in_connector\": \"" + key
                + "\", \"type\": \"" + type + "\", \"is_active\": true" + (extraJson == null ? "" : ", " + extraJson) + "}]";
        Http.Response response = admin().post("/datapoint/", body);
        if (response.status() != 201) {
            throw new IllegalStateException("could not create datapoint: " + response.status() + " " + response.text());
        }
        return response.json().get(0).get("id").longValue();
    }
}
