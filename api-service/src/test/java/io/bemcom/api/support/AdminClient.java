package io.bemcom.api.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin UI over real HTTP, as a browser talks to it: a session cookie, and the CSRF token of
 * the last page, which every form post carries. No redirects are followed.
 */
public final class AdminClient {

    private static final Pattern CSRF =
            Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");
    private static final Pattern SESSION = Pattern.compile("bemcom_admin_session=[^;]+");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private String cookie;
    private String csrf;

    private AdminClient(String base) {
        this.base = base;
    }

    /** A client without a session for {@code http://localhost:<port><contextPath>}. */
    public static AdminClient at(int port, String contextPath) {
        return new AdminClient("http://localhost:" + port + contextPath);
    }

    /** Logs in through the login form; the answer is the form's (302 on success, 200 with an error otherwise). */
    public Http.Response login(String username, String password) {
        get("/admin/login/");
        Http.Response answer = post("/admin/login/", "username", username, "password", password);
        if (answer.status() == 302) {
            get("/admin/"); // the token is rotated at login
        }
        return answer;
    }

    public Http.Response get(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        return send(request);
    }

    /** A form post with the current CSRF token; {@code pairs} are names and values. */
    public Http.Response post(String path, String... pairs) {
        StringBuilder body = new StringBuilder("_csrf=").append(encode(csrf == null ? "" : csrf));
        for (int i = 0; i < pairs.length; i += 2) {
            body.append('&').append(encode(pairs[i])).append('=').append(encode(pairs[i + 1]));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        return send(request);
    }

    private Http.Response send(HttpRequest.Builder request) {
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(header -> {
                Matcher session = SESSION.matcher(header);
                if (session.find()) {
                    cookie = session.group();
                }
            });
            Matcher token = CSRF.matcher(response.body());
            if (token.find()) {
                csrf = token.group(1) != null ? token.group(1) : token.group(2);
            }
            return new Http.Response(response.statusCode(), response.body(), response);
        } catch (Exception e) {
            throw new IllegalStateException(request.build().method() + " " + request.build().uri() + " failed: " + e, e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
