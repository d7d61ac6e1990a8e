package io.bemcom.connector.testkit.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an {@link HttpDeviceSimulator} answers: a status, headers and a body.
 */
public record Answer(int status, Map<String, String> headers, byte[] body) {

    public Answer {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** 200 with {@code body} of the given content type. */
    public static Answer ok(String contentType, byte[] body) {
        return new Answer(200, Map.of("Content-Type", contentType), body);
    }

    /** 200 with a plain-text body in UTF-8. */
    public static Answer text(String body) {
        return ok("text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    /** 200 with a JSON body. */
    public static Answer json(String body) {
        return ok("application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** 200 with an XML body encoded in {@code charset}, whose name the content type carries. */
    public static Answer xml(String body, Charset charset) {
        return ok("text/xml; charset=" + charset.name().toLowerCase(java.util.Locale.ROOT), body.getBytes(charset));
    }

    /** Any status with a plain-text body. */
    public static Answer status(int status, String body) {
        return new Answer(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** 200 with bytes that are no JSON, no XML, no {@code key=value} text and no text of any protocol. */
    public static Answer garbage() {
        return new Answer(200, Map.of("Content-Type", "application/octet-stream"),
                new byte[] {(byte) 0xff, 0x00, '<', '{', (byte) 0x9c, 0x1b, '}', (byte) 0xfe});
    }

    /** The same answer with one more header. */
    public Answer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Answer(status, more, body);
    }
}
