package io.bemcom.tools.backup;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The api-service's REST API, as the backup uses it: JSON in and out, HTTP Basic (or none), and a
 * few retries with a growing pause when the connection fails or the service answers 5xx (an
 * api-service under load or restarting), so a long run survives a short outage.
 */
final class ApiConnection {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ATTEMPTS = 5;

    /** A status and the parsed body (null when the body is empty or not JSON). */
    record Answer(int status, JsonNode body, String text) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final String base;
    private final String authorization;
    private final HttpClient http;

    ApiConnection(String targetUrl, String username, String password) {
        this.base = targetUrl.endsWith("/") ? targetUrl : targetUrl + "/";
        this.authorization = username == null || username.isEmpty() ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    String base() {
        return base;
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(request(path).GET(), ATTEMPTS);
    }

    /** One attempt only: whether the service is there at all. */
    Answer probe(String path) throws IOException, InterruptedException {
        return send(request(path).GET(), 1);
    }

    Answer put(String path, JsonNode body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))), ATTEMPTS);
    }

    Answer post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))), ATTEMPTS);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(5)).header("Accept", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder builder, int attempts) throws IOException, InterruptedException {
        HttpRequest request = builder.build();
        IOException failure = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                byte[] bytes;
                try (InputStream in = response.body()) {
                    bytes = in.readAllBytes();
                }
                if (response.statusCode() >= 500 && attempt < attempts) {
                    pause(attempt);
                    continue;
                }
                return new Answer(response.statusCode(), parse(bytes), new String(bytes, StandardCharsets.UTF_8));
            } catch (IOException e) {
                failure = e;
                if (attempt < attempts) {
                    pause(attempt);
                }
            }
        }
        throw new IOException(request.method() + " " + request.uri() + " failed " + attempts + " times: " + failure.getMessage(),
                failure);
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(bytes);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static void pause(int attempt) throws InterruptedException {
        Thread.sleep(500L << Math.min(attempt, 5));
    }
}
