package io.bemcom.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import io.bemcom.api.support.Http;
import io.bemcom.api.support.PostgresApiTest;
import io.bemcom.testsupport.TestNames;

/** HTTP Basic, Bearer tokens, model permissions by the original's codenames (section 7). */
class AuthenticationAndPermissionTest extends PostgresApiTest {

    @Test
    void missingOrWrongCredentialsGetTheOriginalAnswers() {
        Http.Response none = anonymous().get("/datapoint/");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.text()).isEqualTo("{\"detail\":\"Authentication credentials were not provided.\"}");
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Basic realm=\"api\"");
        assertThat(anonymous().basic(ADMIN, "wrong").get("/datapoint/").text())
                .isEqualTo("{\"detail\":\"Invalid username/password.\"}");
        assertThat(anonymous().bearer("0123456789abcdef0123456789abcdef01234567").get("/datapoint/").text())
                .isEqualTo("{\"detail\":\"Invalid token.\"}");
        String token = users.token(ADMIN);
        assertThat(anonymous().authorization("Token " + token).get("/datapoint/").text())
                .isEqualTo("{\"detail\":\"Authentication credentials were not provided.\"}");
    }

    @Test
    void bearerTokenAuthenticates() {
        String token = users.token(ADMIN);
        assertThat(token).matches("[0-9a-f]{40}");
        assertThat(anonymous().bearer(token).get("/datapoint/").status()).isEqualTo(200);
    }

    @Test
    void inactiveUsersAreRefused() {
        String name = TestNames.unique("inactive");
        users.createUser(name, "pw", "", false);
        users.grant(name, "api_main.view_datapoint");
        String token = users.token(name);
        users.setActive(name, false);
        assertThat(anonymous().basic(name, "pw").get("/datapoint/").text()).isEqualTo("{\"detail\":\"Invalid username/password.\"}");
        assertThat(anonymous().bearer(token).get("/datapoint/").text()).isEqualTo("{\"detail\":\"User inactive or deleted.\"}");
    }

    @Test
    void permissionsFollowTheModelAndMethod() {
        String name = TestNames.unique("reader");
        users.createUser(name, "pw", "", false);
        Http user = anonymous().basic(name, "pw");
        long sensor = createDatapoint(TestNames.unique("conn"), "s", "sensor", null);
        String forbidden = "{\"detail\":\"You do not have permission to perform this action.\"}";
        assertThat(user.get("/datapoint/").text()).isEqualTo(forbidden);
        assertThat(user.get("/datapoint/" + sensor + "/value/").status()).isEqualTo(403);
        assertThat(user.get("/datapoint/last_value/").status()).isEqualTo(403);
        users.grant(name, "api_main.view_datapoint", "api_main.view_datapointvalue", "api_main.view_datapointlastvalue");
        assertThat(user.get("/datapoint/").status()).isEqualTo(200);
        assertThat(user.get("/datapoint/" + sensor + "/value/").status()).isEqualTo(200);
        assertThat(user.get("/datapoint/last_value/").status()).isEqualTo(200);
        assertThat(user.get("/datapoint/" + sensor + "/schedule/").status()).isEqualTo(403);
        assertThat(user.post("/datapoint/" + sensor + "/value/", "{}").status()).isEqualTo(403);
        // The permission is checked before the method: 403 without it, 405 with it.
        assertThat(user.send("PATCH", "/datapoint/", "[]").status()).isEqualTo(403);
        users.grant(name, "api_main.change_datapoint");
        assertThat(user.send("PATCH", "/datapoint/", "[]").status()).isEqualTo(405);
        assertThat(user.send("PATCH", "/datapoint/", "[]").text()).isEqualTo("{\"detail\":\"Method \\\"PATCH\\\" not allowed.\"}");
    }

    @Test
    void groupPermissionsCount() {
        String name = TestNames.unique("member");
        String group = TestNames.unique("group");
        users.createUser(name, "pw", "", false);
        users.createGroup(group, "api_main.view_datapoint");
        users.addToGroup(name, group);
        assertThat(anonymous().basic(name, "pw").get("/datapoint/").status()).isEqualTo(200);
    }

    @Test
    void metricsNeedViewMetricAndCarryTheOriginalNames() {
        String name = TestNames.unique("scraper");
        users.createUser(name, "pw", "", false);
        Http scraper = anonymous().basic(name, "pw");
        assertThat(scraper.get("/metrics/").status()).isEqualTo(403);
        users.grant(name, "api_rest_interface.view_metric");
        // The log counter has a series once a record was logged after the start (as the original's).
        LoggerFactory.getLogger(AuthenticationAndPermissionTest.class).info("A record for the log counter.");
        Http.Response metrics = scraper.get("/metrics/");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.text()).contains("bemcom_djangoapi_log_messages_received_total", "bemcom_api_ingest_queue_depth",
                "django_http_requests_total_by_method_total", "jvm_memory_used_bytes");
    }

    @Test
    void swaggerUiAndSchemaArePublicButBadCredentialsStillFail() {
        Http.Response root = anonymous().get("/");
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.text()).contains("swagger-ui/swagger-ui-bundle.js").doesNotContain("cdn");
        assertThat(anonymous().get("/swagger-ui/swagger-ui-bundle.js").status()).isEqualTo(200);
        Http.Response schema = anonymous().get("/schema/");
        assertThat(schema.status()).isEqualTo(200);
        assertThat(schema.text()).contains("title: \"BEMCom API\"", "version: \"0.8.6\"", "/datapoint/{dp_id}/value/");
        assertThat(anonymous().get("/schema/?format=json").json().get("info").get("title").stringValue()).isEqualTo("BEMCom API");
        assertThat(anonymous().basic(ADMIN, "wrong").get("/").status()).isEqualTo(401);
    }

    @Test
    void unknownHostsAreRefusedAsByAllowedHosts() throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port() + "/")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
    }
}
