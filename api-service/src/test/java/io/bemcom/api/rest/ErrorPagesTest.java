package io.bemcom.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.bemcom.api.support.PostgresApiTest;
import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;

/**
 * What Tomcat and Spring answer before or beside our controllers — malformed paths, oversized
 * headers, TRACE, protected folders — is in the API's JSON error format too (issue 11, item 7).
 * Raw HTTP over a socket: exactly the bytes a client would send, no client library normalising them.
 */
class ErrorPagesTest extends PostgresApiTest {

    /** A status line, the headers and the body of a raw HTTP/1.1 exchange. */
    record Raw(int status, String head, String body) {
        JsonNode json() {
            return JsonValues.parse(body);
        }
    }

    @Test
    void anEncodedSlashInThePathIsAJson400() throws IOException {
        assertJson(send("GET /admin/..%2fdatapoint/ HTTP/1.1\r\n"), 400);
        assertJson(send("GET /datapoint/..%2F..%2Fdatapoint/ HTTP/1.1\r\n"), 400);
    }

    @Test
    void aNulInThePathIsAJson400() throws IOException {
        assertJson(send("GET /datapoint/%00/ HTTP/1.1\r\n"), 400);
    }

    @Test
    void anOversizedAuthorizationHeaderIsAJson400() throws IOException {
        String huge = Base64.getEncoder().encodeToString(new byte[56_000]); // about 75 KB
        Raw raw = send("GET /datapoint/ HTTP/1.1\r\nAuthorization: Basic " + huge + "\r\n");
        assertJson(raw, 400);
    }

    @Test
    void traceIsAJson405() throws IOException {
        Raw raw = send("TRACE /datapoint/ HTTP/1.1\r\n");
        assertJson(raw, 405);
        assertThat(raw.json().get("detail").stringValue()).isEqualTo("Method \"TRACE\" not allowed.");
    }

    @Test
    void theProtectedWebInfFolderIsAJson404() throws IOException {
        Raw raw = send("GET /WEB-INF/web.xml HTTP/1.1\r\n");
        assertJson(raw, 404);
        assertThat(raw.json().get("detail").stringValue()).isEqualTo("Not found.");
        assertJson(send("GET /META-INF/MANIFEST.MF HTTP/1.1\r\n"), 404);
    }

    private static void assertJson(Raw raw, int status) {
        assertThat(raw.status()).as(raw.head() + raw.body()).isEqualTo(status);
        assertThat(raw.head().toLowerCase()).as(raw.head()).contains("content-type: application/json");
        assertThat(raw.json().has("detail")).as(raw.body()).isTrue();
        assertThat(raw.body()).doesNotContain("<html", "timestamp");
        assertThat(raw.head()).as("the original's hardening headers")
                .contains("X-Frame-Options: DENY", "X-Content-Type-Options: nosniff", "Referrer-Policy: same-origin");
    }

    /** Sends a request line and headers (Host and Connection: close are added) and reads the whole answer. */
    private Raw send(String requestLineAndHeaders) throws IOException {
        try (Socket socket = new Socket("localhost", port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLineAndHeaders + "Host: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            String text = answer.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new Raw(Integer.parseInt(head.substring(9, 12)), head, body);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
