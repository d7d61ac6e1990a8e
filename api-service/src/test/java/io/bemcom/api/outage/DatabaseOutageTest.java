package io.bemcom.api.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.bemcom.api.security.UserService;
import io.bemcom.api.support.AdminClient;
import io.bemcom.api.support.Http;
import io.bemcom.api.support.ServiceProperties;
import io.bemcom.testsupport.PostgresCluster;
import io.bemcom.testsupport.TestDatabase;

/**
 * A PostgreSQL outage (issue 11, item 6), on a cluster this test starts and stops itself (never
 * the shared server): every REST route answers 503 in the API's JSON error format, /metrics/ and
 * /health/ keep answering for credentials verified before, the admin UI answers an HTML 503, and
 * everything works again once the database is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bemcom.mqtt.enabled=false", "ACTIVATE_CONTROL_EXTENSION=true", "ACTIVATE_HISTORY_EXTENSION=true",
        "DJANGO_SUPERUSER_USERNAME=admin", "DJANGO_SUPERUSER_PASSWORD=pw", "DJANGO_SUPERUSER_EMAIL=a@example.com"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseOutageTest {

    static PostgresCluster cluster;

    @Autowired
    Environment environment;
    @Autowired
    UserService users;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        assumeTrue(PostgresCluster.available(), "no PostgreSQL installation to start a cluster of the test's own");
        cluster = PostgresCluster.start();
        TestDatabase database = cluster.createDatabase();
        ServiceProperties.database(registry, database);
        registry.add("MQTT_BROKER_HOST", () -> "127.0.0.1"); // not used: MQTT is off
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Http http() {
        return Http.at(environment.getProperty("local.server.port", Integer.class), "");
    }

    @Test
    void everyRouteAnswers503InJsonWhileTheDatabaseIsAwayAndMetricsAndHealthStayUp() {
        users.createUser("scraper", "scraper-pw", "", false);
        users.grant("scraper", "api_rest_interface.view_metric");
        String token = users.token("scraper");
        Http admin = http().basic("admin", "pw");
        Http scraper = http().bearer(token);
        AdminClient browser = AdminClient.at(environment.getProperty("local.server.port", Integer.class), "");
        // Verified while the database is up: remembered for AUTH_CACHE_SECONDS (60 s).
        assertThat(admin.get("/datapoint/").status()).isEqualTo(200);
        assertThat(scraper.get("/metrics/").status()).isEqualTo(200);
        assertThat(browser.login("admin", "pw").status()).isEqualTo(302);
        long id = admin.post("/datapoint/", "[{\"connector\": {\"name\": \"c\"}, \"key_in_connector\": \"k\", "
                + "\"type\": \"actuator\", \"is_active\": true}]").json().get(0).get("id").longValue();

        cluster.stop();
        try {
            for (String[] call : List.of(new String[] {"GET", "/datapoint/"}, new String[] {"GET", "/datapoint/last_value/"},
                    new String[] {"GET", "/datapoint/last_schedule/"}, new String[] {"GET", "/datapoint/" + id + "/value/"},
                    new String[] {"GET", "/controller/"}, new String[] {"DELETE", "/datapoint/" + id + "/value/1/"})) {
                assertUnavailable(admin.send(call[0], call[1], null), call[1]);
            }
            assertUnavailable(admin.post("/datapoint/", "[]"), "POST /datapoint/");
            assertUnavailable(admin.put("/datapoint/", "[]"), "PUT /datapoint/");
            assertUnavailable(admin.post("/datapoint/" + id + "/value/", "{\"value\": \"1\", \"timestamp\": "
                    + System.currentTimeMillis() + "}"), "POST value");
            // Credentials never verified cannot be checked now.
            assertUnavailable(http().basic("someone", "else").get("/datapoint/"), "unknown credentials");

            Http.Response metrics = scraper.get("/metrics/");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.text()).contains("hikaricp_connections");
            assertThat(admin.get("/metrics/").status()).isEqualTo(200);
            Http.Response health = http().get("/health/");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("database").stringValue()).isEqualTo("down");

            Http.Response page = browser.get("/admin/datapoints/");
            assertThat(page.status()).isEqualTo(503);
            assertThat(page.header("Content-Type")).startsWith("text/html");
        } finally {
            cluster.startServer();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/datapoint/").status() == 200);
        assertThat(http().get("/health/").json().get("database").stringValue()).isEqualTo("up");
        assertThat(browser.get("/admin/datapoints/").status()).isEqualTo(200);
    }

    private static void assertUnavailable(Http.Response response, String what) {
        assertThat(response.status()).as(what + ": " + response.text()).isEqualTo(503);
        assertThat(response.header("Content-Type")).as(what).startsWith("application/json");
        assertThat(response.text()).as(what)
                .isEqualTo("{\"detail\":\"The database is not available at the moment; try again later.\"}");
    }
}
