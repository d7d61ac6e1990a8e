package io.bemcom.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.bemcom.api.support.AdminClient;
import io.bemcom.api.support.Http;

/**
 * Brute force (issue 11, item 8) with small limits: 3 failures lock a username out, 8 failures
 * from one client address lock the address out, for 300 s. Every request of this test comes from
 * 127.0.0.1, so the address test runs last.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "DJANGOAPIDB_HOST=", "bemcom.mqtt.enabled=false", "AUTH_FAILURES_PER_USER=3", "AUTH_FAILURES_PER_ADDRESS=8",
        "AUTH_FAILURE_WINDOW_SECONDS=300", "AUTH_LOCKOUT_SECONDS=300",
        "DJANGO_SUPERUSER_USERNAME=admin", "DJANGO_SUPERUSER_PASSWORD=pw", "DJANGO_SUPERUSER_EMAIL=a@example.com"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BruteForceTest {

    @Autowired
    Environment environment;
    @Autowired
    UserService users;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        String path = Files.createTempDirectory("bemcom-brute-force-").resolve("db.sqlite3").toString();
        registry.add("DJANGOAPIDB_SQLITE_PATH", () -> path);
        registry.add("MQTT_BROKER_HOST", () -> "127.0.0.1"); // not used: MQTT is off
    }

    private int port() {
        return environment.getProperty("local.server.port", Integer.class);
    }

    private Http as(String username, String password) {
        return Http.at(port(), "").basic(username, password);
    }

    @Test
    @Order(1)
    void threeWrongBasicPasswordsLockTheUsernameOutEvenForTheRightOne() {
        users.createUser("alice", "alice-pw", "", true);
        users.createUser("bob", "bob-pw", "", true);
        for (int i = 0; i < 3; i++) {
            assertThat(as("alice", "guess-" + i).get("/datapoint/").status()).isEqualTo(401);
        }
        Http.Response locked = as("alice", "alice-pw").get("/datapoint/");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Content-Type")).startsWith("application/json");
        assertThat(locked.json().get("detail").stringValue()).startsWith("Too many failed logins");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 300L);
        // Another user from the same address is not affected (3 of the address's 8 failures so far).
        assertThat(as("bob", "bob-pw").get("/datapoint/").status()).isEqualTo(200);
        assertThat(as("admin", "pw").get("/metrics/").text()).contains("bemcom_api_login_refused_total");
    }

    @Test
    @Order(2)
    void threeWrongAdminLoginsLockTheUsernameOut() {
        users.createUser("carol", "carol-pw", "", true);
        AdminClient browser = AdminClient.at(port(), "");
        for (int i = 0; i < 3; i++) {
            Http.Response refused = browser.login("carol", "guess-" + i);
            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.text()).contains("Please enter the correct username and password");
        }
        Http.Response locked = browser.login("carol", "carol-pw");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.text()).contains("Too many failed logins");
        // Basic auth of the same username is locked out too.
        assertThat(as("carol", "carol-pw").get("/datapoint/").status()).isEqualTo(429);
    }

    @Test
    @Order(3)
    void eightFailuresFromOneAddressLockTheAddressOut() {
        // 6 failures so far; two more for usernames that do not even exist.
        assertThat(as("mallory-1", "x").get("/datapoint/").status()).isEqualTo(401);
        assertThat(as("mallory-2", "x").get("/datapoint/").status()).isEqualTo(401);
        assertThat(as("bob", "bob-pw").get("/datapoint/").status()).isEqualTo(429);
        assertThat(AdminClient.at(port(), "").login("admin", "pw").status()).isEqualTo(429);
    }
}
