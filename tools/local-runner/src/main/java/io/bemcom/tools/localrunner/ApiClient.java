package io.bemcom.tools.localrunner;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small REST client of the api-service, authenticated with HTTP Basic. */
public final class ApiClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** One answer: status and parsed body ({@code null} when the body is not JSON). */
    public record Response(int status, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiClient(String baseUrl, String username, String password) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Response get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    /** A GET without credentials (health endpoints). */
    public Response getAnonymously(String path) throws IOException, InterruptedException {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return send(HttpRequest.newBuilder(URI.create(baseUrl + relative)).timeout(Duration.ofSeconds(20)).GET());
    }

    public Response post(String path, Object body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Response put(String path, Object body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Response delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE());
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return HttpRequest.newBuilder(URI.create(baseUrl + relative)).timeout(Duration.ofSeconds(20))
                .header("Authorization", authorization).header("Accept", "application/json");
    }

    private Response send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }
}
