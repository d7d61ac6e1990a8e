package io.bemcom.connector.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP device simulator, seen from the JDK's HTTP client over loopback. */
class HttpDeviceSimulatorTest {

    private final HttpDeviceSimulator device = HttpDeviceSimulator.start();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void close() {
        device.close();
    }

    private HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(device.url(pathAndQuery)))
                .timeout(Duration.ofSeconds(5));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheCannedAnswerOfEachPathAndNotFoundForOthers() throws Exception {
        device.serve("/a", Answer.text("alpha")).serve("/b", request -> Answer.json("{\"q\": \"" + request.query() + "\"}"));

        assertThat(get("/a").body()).isEqualTo("alpha");
        HttpResponse<String> b = get("/b?x=1");
        assertThat(b.body()).isEqualTo("{\"q\": \"x=1\"}");
        assertThat(b.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(get("/c").statusCode()).isEqualTo(404);
    }

    @Test
    void recordsMethodPathQueryHeadersAndBody() throws Exception {
        device.serve("/set", Answer.text("ok"));
        client.send(HttpRequest.newBuilder(URI.create(device.url("/set?k=a.b&k=c%20d&flag&")))
                .header("X-Test", "yes").POST(HttpRequest.BodyPublishers.ofString("a=1&b=2")).build(),
                HttpResponse.BodyHandlers.ofString());

        HttpRequestRecord request = device.requests("/set").get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/set");
        assertThat(request.query()).isEqualTo("k=a.b&k=c%20d&flag&");
        assertThat(request.queryValues("k")).containsExactly("a.b", "c d");
        assertThat(request.queryValues("flag")).containsExactly("");
        assertThat(request.header("x-test")).isEqualTo("yes");
        assertThat(request.bodyText()).isEqualTo("a=1&b=2");
    }

    @Test
    void requiresBasicAuthenticationWhenAsked() throws Exception {
        device.serve("/a", Answer.text("alpha")).requireBasicAuth("glt", "pw");
        String good = "Basic " + Base64.getEncoder().encodeToString("glt:pw".getBytes(StandardCharsets.UTF_8));
        String bad = "Basic " + Base64.getEncoder().encodeToString("glt:other".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> without = get("/a");
        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(without.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"device\"");
        assertThat(get("/a", "Authorization", bad).statusCode()).isEqualTo(401);
        assertThat(get("/a", "Authorization", good).body()).isEqualTo("alpha");
        assertThat(device.requests()).hasSize(3);
    }

    @Test
    void answersEverythingWithAStatusOrGarbageWhenToldAndServesAgainAfterwards() throws Exception {
        device.serve("/a", Answer.text("alpha"));

        device.answerEverythingWith(Answer.status(503, "busy"));
        assertThat(get("/a").statusCode()).isEqualTo(503);
        device.answerEverythingWith(Answer.garbage());
        assertThat(client.send(HttpRequest.newBuilder(URI.create(device.url("/a"))).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body()).contains((byte) 0xff, (byte) 0x00);
        device.answerEverythingWith(null);
        assertThat(get("/a").body()).isEqualTo("alpha");
    }

    @Test
    void answersSlowlyWhenTold() throws Exception {
        device.serve("/a", Answer.text("alpha")).answerSlowly(Duration.ofSeconds(3));
        HttpRequest request = HttpRequest.newBuilder(URI.create(device.url("/a"))).timeout(Duration.ofMillis(300)).build();

        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        device.answerSlowly(Duration.ZERO);
        assertThat(get("/a").body()).isEqualTo("alpha");
    }

    @Test
    void stopsAndRestartsOnTheSamePort() throws Exception {
        device.serve("/a", Answer.text("alpha"));
        int port = device.port();

        device.stop();
        assertThatThrownBy(() -> get("/a")).isInstanceOf(ConnectException.class);
        device.restart();

        assertThat(device.port()).isEqualTo(port);
        assertThat(get("/a").body()).isEqualTo("alpha");
    }

    @Test
    void dropsTheConnectionOfASlowAnswerWhenStopped() throws Exception {
        device.serve("/a", Answer.text("alpha")).answerSlowly(Duration.ofSeconds(30));
        var pending = client.sendAsync(HttpRequest.newBuilder(URI.create(device.url("/a"))).build(),
                HttpResponse.BodyHandlers.ofString());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !device.requests().isEmpty());

        device.stop();

        assertThatThrownBy(() -> pending.get(10, java.util.concurrent.TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
    }
}
