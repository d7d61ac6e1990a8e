package io.bemcom.connector.testkit.http;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.Headers;

/**
 * One request an {@link HttpDeviceSimulator} received, as it arrived.
 *
 * @param method        {@code GET}, {@code POST}, ...
 * @param path          the raw (undecoded) path
 * @param query         the raw query, {@code null} without one
 * @param headers       the request headers (names case-insensitive)
 * @param body          the request body, empty without one
 * @param receivedNanos {@link System#nanoTime()} when it arrived, to compare requests' spacing
 */
public record HttpRequestRecord(String method, String path, String query, Headers headers, byte[] body,
                                long receivedNanos) {

    /** The first value of header {@code name} (any case), or {@code null}. */
    public String header(String name) {
        return headers.getFirst(name);
    }

    public String bodyText(Charset charset) {
        return new String(body, charset);
    }

    public String bodyText() {
        return bodyText(StandardCharsets.UTF_8);
    }

    /**
     * The values of query parameter {@code name} in order, URL-decoded (a parameter without {@code =}
     * has the value {@code ""}).
     */
    public List<String> queryValues(String name) {
        List<String> values = new ArrayList<>();
        if (query == null) {
            return values;
        }
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            String key = decode(equals < 0 ? parameter : parameter.substring(0, equals));
            if (!parameter.isEmpty() && key.equals(name)) {
                values.add(equals < 0 ? "" : decode(parameter.substring(equals + 1)));
            }
        }
        return values;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
