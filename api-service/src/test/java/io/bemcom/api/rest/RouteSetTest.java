package io.bemcom.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.bemcom.api.support.Http;

/**
 * The route set of section 8.2 for the flag combinations other than "both" (which the
 * PostgreSQL tests cover): absent routes are 404, present ones with another method 405.
 * These contexts run without a broker ({@code bemcom.mqtt.enabled=false}) on SQLite.
 */
class RouteSetTest {

    abstract static class FlagContext {
        @Autowired
        Environment environment;
        long sensor;

        @DynamicPropertySource
        static void database(DynamicPropertyRegistry registry) throws Exception {
            String path = Files.createTempDirectory("bemcom-routes-").resolve("db.sqlite3").toString();
            registry.add("DJANGOAPIDB_SQLITE_PATH", () -> path);
        }

        Http admin() {
            return Http.at(environment.getProperty("local.server.port", Integer.class), "").basic("admin", "pw");
        }

        @BeforeEach
        void datapoint() {
            Http.Response response = admin().post("/datapoint/", "[{\"connector\": {\"name\": \"routes-"
                    + System.nanoTime() + "\"}, \"key_in_connector\": \"k\", \"type\": \"actuator\", \"is_active\": true}]");
            assertThat(response.status()).as(response.text()).isEqualTo(201);
            sensor = response.json().get(0).get("id").longValue();
        }

        int status(String method, String path) {
            return admin().send(method, path.replace("{id}", Long.toString(sensor)), method.equals("GET") ? null : "[]").status();
        }

        void assertAlwaysPresent() {
            assertThat(status("GET", "/datapoint/")).isEqualTo(200);
            assertThat(status("GET", "/datapoint/last_value/")).isEqualTo(200);
            assertThat(status("GET", "/")).isEqualTo(200);
            assertThat(status("GET", "/metrics/")).isEqualTo(200);
            assertThat(status("POST", "/datapoint/{id}/value/")).isEqualTo(400);
        }

        /** Our controller routes exist only with ACTIVATE_CONTROL_EXTENSION. */
        void assertControllerRoutesAbsent() {
            assertThat(status("GET", "/controller/")).isEqualTo(404);
            assertThat(status("POST", "/controller/")).isEqualTo(404);
            assertThat(status("DELETE", "/controller/1/")).isEqualTo(404);
            assertThat(status("POST", "/controller/1/controlled_datapoint/")).isEqualTo(404);
            assertThat(status("DELETE", "/controller/1/controlled_datapoint/1/")).isEqualTo(404);
        }
    }


    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "DJANGOAPIDB_HOST=", "bemcom.mqtt.enabled=false", "DJANGO_SUPERUSER_USERNAME=admin",
            "DJANGO_SUPERUSER_PASSWORD=pw", "DJANGO_SUPERUSER_EMAIL=a@example.com"})
    class NoExtension extends FlagContext {
        @Test
        void onlyTheBaseRoutesExist() {
            assertAlwaysPresent();
            assertThat(status("GET", "/datapoint/{id}/value/")).isEqualTo(405);
            assertThat(status("PUT", "/datapoint/{id}/value/")).isEqualTo(405);
            assertThat(status("DELETE", "/datapoint/{id}/value/1/")).isEqualTo(404);
            assertThat(status("GET", "/datapoint/last_schedule/")).isEqualTo(404);
            assertThat(status("POST", "/datapoint/{id}/schedule/")).isEqualTo(404);
            assertThat(status("POST", "/datapoint/{id}/setpoint/")).isEqualTo(404);
            assertControllerRoutesAbsent();
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "DJANGOAPIDB_HOST=", "bemcom.mqtt.enabled=false", "DJANGO_SUPERUSER_USERNAME=admin",
            "DJANGO_SUPERUSER_PASSWORD=pw", "DJANGO_SUPERUSER_EMAIL=a@example.com", "ACTIVATE_CONTROL_EXTENSION=true"})
    class ControlOnly extends FlagContext {
        @Test
        void controlAddsLastScheduleSetpointAndTheirPosts() {
            assertAlwaysPresent();
            assertThat(status("GET", "/datapoint/last_schedule/")).isEqualTo(200);
            assertThat(status("GET", "/datapoint/last_setpoint/")).isEqualTo(200);
            assertThat(status("POST", "/datapoint/{id}/schedule/")).isEqualTo(400);
            assertThat(status("GET", "/datapoint/{id}/schedule/")).isEqualTo(405);
            assertThat(status("DELETE", "/datapoint/{id}/setpoint/1/")).isEqualTo(404);
            assertThat(status("GET", "/datapoint/{id}/value/")).isEqualTo(405);
            // Ours: the controller routes come with the control extension.
            assertThat(status("GET", "/controller/")).isEqualTo(200);
            assertThat(status("POST", "/controller/")).isEqualTo(400);
            assertThat(status("PUT", "/controller/")).isEqualTo(405);
            assertThat(status("DELETE", "/controller/999999/")).isEqualTo(404);
            assertThat(status("GET", "/controller/999999/")).isEqualTo(405);
            assertThat(status("POST", "/controller/999999/controlled_datapoint/")).isEqualTo(404);
            assertThat(status("DELETE", "/controller/999999/controlled_datapoint/1/")).isEqualTo(404);
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "DJANGOAPIDB_HOST=", "bemcom.mqtt.enabled=false", "DJANGO_SUPERUSER_USERNAME=admin",
            "DJANGO_SUPERUSER_PASSWORD=pw", "DJANGO_SUPERUSER_EMAIL=a@example.com", "ACTIVATE_HISTORY_EXTENSION=true",
            "ROOT_PATH=bemcom/"})
    class HistoryOnlyUnderARootPath extends FlagContext {
        @Override
        Http admin() {
            return Http.at(environment.getProperty("local.server.port", Integer.class), "/bemcom").basic("admin", "pw");
        }

        @Test
        void historyAddsValueHistoryButNoScheduleRoutes() {
            assertAlwaysPresent();
            assertThat(status("GET", "/datapoint/{id}/value/")).isEqualTo(200);
            assertThat(status("PUT", "/datapoint/{id}/value/")).isEqualTo(200);
            assertThat(status("DELETE", "/datapoint/{id}/value/1/")).isEqualTo(404);
            assertThat(status("GET", "/datapoint/last_schedule/")).isEqualTo(404);
            assertThat(status("POST", "/datapoint/{id}/schedule/")).isEqualTo(404);
            assertThat(status("GET", "/datapoint/{id}/setpoint/")).isEqualTo(404);
            assertControllerRoutesAbsent();
        }
    }
}
