package io.bemcom.connector;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;

/**
 * A connector's stored raw messages, read from the raw-message-db's NDJSON export
 * ({@code GET /raw-messages/{connector}?from=&to=}, oldest first, one
 * {@code {"connector", "timestamp", "raw_message", ...}} per line) as a stream, so that a long range
 * never sits in memory.
 */
final class RawMessageSource {

    /** One stored raw message: what the connector received, and when. */
    record StoredRawMessage(JsonNode rawMessage, long timestamp) {
    }

    @FunctionalInterface
    interface Handler {
        void accept(StoredRawMessage message) throws InterruptedException;
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient http;

    RawMessageSource(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** The export's address for {@code connector} and the range. */
    URI address(String connector, long from, long to) {
        return base.resolve("raw-messages/" + URLEncoder.encode(connector, StandardCharsets.UTF_8).replace("+", "%20")
                + "?from=" + from + "&to=" + to);
    }

    /**
     * Hands every raw message of {@code connector} with {@code from ≤ timestamp ≤ to} to
     * {@code handler}, oldest first; returns how many. Throws when the raw-message-db cannot be
     * reached, answers anything but 200, or the stream breaks (then what was handled stays handled).
     */
    long stream(String connector, long from, long to, Handler handler) throws IOException, InterruptedException {
        URI address = address(connector, from, to);
        HttpRequest request = HttpRequest.newBuilder(address).header("Accept", "application/x-ndjson").GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                String body = lines.lines().limit(5).reduce("", String::concat);
                throw new IOException("the raw-message-db answered " + response.statusCode() + " to GET " + address
                        + ": " + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
            }
            long count = 0;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                handler.accept(parseLine(line, count + 1));
                count++;
            }
            return count;
        }
    }

    private static StoredRawMessage parseLine(String line, long number) throws IOException {
        JsonNode node;
        try {
            node = JsonValues.parse(line);
        } catch (RuntimeException e) {
            throw new IOException("line " + number + " of the export is no JSON: " + e.getMessage(), e);
        }
        JsonNode timestamp = node.get("timestamp");
        if (!node.has("raw_message") || timestamp == null || !timestamp.isIntegralNumber()) {
            throw new IOException("line " + number + " of the export is no raw message (it needs \"raw_message\" and "
                    + "an integer \"timestamp\")");
        }
        return new StoredRawMessage(node.get("raw_message"), timestamp.asLong());
    }
}
