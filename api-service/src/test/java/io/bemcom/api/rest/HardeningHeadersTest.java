package io.bemcom.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bemcom.api.support.AdminClient;
import io.bemcom.api.support.Http;
import io.bemcom.api.support.PostgresApiTest;

/**
 * The original's Django middleware puts {@code X-Frame-Options: DENY}, {@code X-Content-Type-Options:
 * nosniff} and {@code Referrer-Policy: same-origin} on every response; so do we, whatever answers.
 * (The Tomcat-level error pages are checked in {@link ErrorPagesTest}.)
 */
class HardeningHeadersTest extends PostgresApiTest {

    @Test
    void everyKindOfAnswerCarriesTheThreeHeaders() {
        Map<String, Http.Response> answers = new LinkedHashMap<>();
        answers.put("200 list", admin().get("/datapoint/"));
        answers.put("201 create", admin().post("/datapoint/", "[]"));
        answers.put("204 delete", admin().delete("/datapoint/" + createDatapoint("hardening-" + System.nanoTime(),
                "k", "sensor", null) + "/value/1700000000000/"));
        answers.put("301 slash", admin().get("/datapoint"));
        answers.put("400 filter", admin().get("/datapoint/?id__in=x"));
        answers.put("401 anonymous", anonymous().get("/datapoint/"));
        answers.put("404 unknown", admin().get("/nothing/here/"));
        answers.put("405 method", admin().send("PATCH", "/datapoint/", "[]"));
        answers.put("200 metrics", admin().get("/metrics/"));
        answers.put("200 schema", anonymous().get("/schema/"));
        answers.put("200 swagger ui", anonymous().get("/"));
        answers.put("200 health", anonymous().get("/health/"));
        AdminClient browser = AdminClient.at(port(), "");
        answers.put("200 admin login page", browser.get("/admin/login/"));
        answers.put("302 admin login", browser.login(ADMIN, ADMIN_PASSWORD));
        answers.put("200 admin page", browser.get("/admin/datapoints/"));
        answers.put("200 admin asset", browser.get("/admin/assets/admin.css"));
        answers.forEach((what, response) -> assertHardened(what, response));
    }

    static void assertHardened(String what, Http.Response response) {
        assertThat(response.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        assertThat(response.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(response.header("Referrer-Policy")).as(what).isEqualTo("same-origin");
    }
}
