package io.bemcom.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The admin UI behind a reverse proxy on a sub-path with TLS: every link and redirect stays under
 * {@code ROOT_PATH}, and with {@code HTTPS_ONLY} the session cookie is Secure (and always HttpOnly).
 * Plain HTTP, as a browser would send it through the proxy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "DJANGOAPIDB_HOST=", "bemcom.mqtt.enabled=false", "ROOT_PATH=bemcom/", "HTTPS_ONLY=true",
        "DJANGO_SUPERUSER_USERNAME=admin", "DJANGO_SUPERUSER_PASSWORD=pw", "DJANGO_SUPERUSER_EMAIL=a@example.com"})
class AdminUnderRootPathTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        String path = Files.createTempDirectory("bemcom-admin-root-").resolve("db.sqlite3").toString();
        registry.add("DJANGOAPIDB_SQLITE_PATH", () -> path);
    }

    @Test
    void logsInUnderTheRootPathWithSecureHttpOnlyCookies() throws Exception {
        HttpResponse<String> page = http.send(get("/bemcom/admin/login/", null), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"/bemcom/admin/login/\"");
        String cookie = sessionCookie(page);
        String csrf = csrfOf(page.body());

        HttpResponse<String> login = http.send(HttpRequest.newBuilder(uri("/bemcom/admin/login/"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("username", "admin", "password", "pw", "_csrf", csrf)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/bemcom/admin/");
        String session = sessionCookie(login);
        HttpResponse<String> index = http.send(get("/bemcom/admin/", session), HttpResponse.BodyHandlers.ofString());
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("/bemcom/admin/datapoints").doesNotContain("href=\"/admin/");

        // A mistyped admin address gets the admin's HTML 404 page; the assets are still served.
        HttpResponse<String> unknown = http.send(get("/bemcom/admin/no-such-page/", session), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(unknown.body()).contains("404 Not found").contains("/bemcom/admin/no-such-page/");
        HttpResponse<String> css = http.send(get("/bemcom/admin/assets/admin.css", session), HttpResponse.BodyHandlers.ofString());
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(http.send(get("/bemcom/admin/assets/nothing.css", session), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(404);
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() throws Exception {
        HttpResponse<String> page = http.send(get("/bemcom/admin/login/", null), HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> login = http.send(HttpRequest.newBuilder(uri("/bemcom/admin/login/"))
                .header("Cookie", sessionCookie(page)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("username", "admin", "password", "pw")))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(login.statusCode()).isEqualTo(403);
    }

    /** The session cookie as a request header, after checking its flags. */
    private static String sessionCookie(HttpResponse<String> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie");
        String session = cookies.stream().filter(c -> c.startsWith("bemcom_admin_session=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + cookies));
        assertThat(session).containsIgnoringCase("; Secure").containsIgnoringCase("; HttpOnly")
                .contains("Path=/bemcom");
        return session.substring(0, session.indexOf(';'));
    }

    private static String csrfOf(String html) {
        Matcher matcher = CSRF.matcher(html);
        assertThat(matcher.find()).as("a _csrf field in the login form").isTrue();
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    private HttpRequest get(String path, String cookie) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).GET();
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        return builder.build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + environment.getProperty("local.server.port") + path);
    }

    private static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }
}
