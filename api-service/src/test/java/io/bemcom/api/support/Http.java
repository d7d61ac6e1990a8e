package io.bemcom.api.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;

/** A REST client for tests: real HTTP against the running service, as an external client would talk. */
public final class Http {

    public record Response(int status, String text, HttpResponse<String> raw) {
        public JsonNode json() {
            return JsonValues.parse(text);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final String base;
    private final String authorization;
    private final java.util.Map<String, String> headers;

    private Http(String base, String authorization) {
        this(base, authorization, java.util.Map.of());
    }

    private Http(String base, String authorization, java.util.Map<String, String> headers) {
        this.base = base;
        this.authorization = authorization;
        this.headers = headers;
    }

    /** The same client, sending this header with every request (e.g. {@code Accept}). */
    public Http header(String name, String value) {
        java.util.Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new Http(base, authorization, java.util.Map.copyOf(more));
    }

    /** {@code http://localhost:<port><contextPath>} with no credentials. */
    public static Http at(int port, String contextPath) {
        return new Http("http://localhost:" + port + contextPath, null);
    }

    public Http basic(String username, String password) {
        return new Http(base, "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8)), headers);
    }

    public Http bearer(String token) {
        return new Http(base, "Bearer " + token, headers);
    }

    public Http authorization(String header) {
        return new Http(base, header, headers);
    }

    public Http anonymous() {
        return new Http(base, null, headers);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, String json) {
        return send("POST", path, json);
    }

    public Response put(String path, String json) {
        return send("PUT", path, json);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response send(String method, String path, String json) {
        return send(method, path, json, json == null ? null : "application/json");
    }

    /** A request with a body of any content type ({@code null}: no Content-Type header). */
    public Response send(String method, String path, String body, String contentType) {
        return send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    public Response send(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        }
    }
}
