package io.bemcom.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.connector.testkit.http.Answer;
import io.bemcom.connector.testkit.http.HttpDeviceSimulator;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

/** The device HTTP client against a device simulator on loopback. */
class DeviceHttpClientTest {

    private final HttpDeviceSimulator device = HttpDeviceSimulator.start();
    /** Generous, so a loaded machine cannot turn an answer into a timeout; the timeout test has its own. */
    private final DeviceHttpClient client = new DeviceHttpClient(Duration.ofSeconds(15));

    @AfterEach
    void close() {
        device.close();
    }

    private DeviceHttpClient.Answer get(String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(device.url(pathAndQuery))).GET());
    }

    @Test
    void returnsTheAnswerWhateverItsStatusOverHttp11WithoutAnUpgrade() throws Exception {
        device.serve("/a", Answer.text("alpha")).serve("/b", Answer.status(503, "busy"));

        DeviceHttpClient.Answer a = get("/a?k=1");
        assertThat(a.isOk()).isTrue();
        assertThat(a.text(StandardCharsets.UTF_8)).isEqualTo("alpha");
        assertThat(a.from()).isEqualTo(device.url("/a"));
        DeviceHttpClient.Answer b = get("/b");
        assertThat(b.isOk()).isFalse();
        assertThat(b.status()).isEqualTo(503);
        assertThat(device.requests()).allSatisfy(request -> {
            assertThat(request.header("Upgrade")).isNull();
            assertThat(request.header("HTTP2-Settings")).isNull();
        });
    }

    @Test
    void givesUpOnADeviceThatAnswersTooSlowlyNamingItWithoutTheQuery() {
        device.serve("/a", Answer.text("alpha")).answerSlowly(Duration.ofSeconds(5));

        DeviceHttpClient impatient = new DeviceHttpClient(Duration.ofMillis(700));

        assertThatThrownBy(() -> impatient.send(HttpRequest.newBuilder(URI.create(device.url("/a?k=secret"))).GET()))
                .isInstanceOf(HttpTimeoutException.class)
                .hasMessage("no answer from " + device.url("/a") + " within 0.7 s");
    }

    @Test
    void saysWhenTheDeviceCannotBeReached() {
        device.stop();

        assertThatThrownBy(() -> get("/a")).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot connect to " + device.url("/a"));
    }

    @Test
    void sendsBasicCredentialsAsTheHeaderTheDeviceExpects() throws Exception {
        device.serve("/a", Answer.text("alpha")).requireBasicAuth("glt", "pä:ss");

        DeviceHttpClient.Answer answer = client.send(HttpRequest.newBuilder(URI.create(device.url("/a")))
                .header("Authorization", DeviceHttpClient.basicAuthorization("glt", "pä:ss")));

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void readsTheTimeLimitAndUrlVariables() {
        assertThat(DeviceHttpClient.timeoutFromEnvironment(new Environment(Map.of()))).isEqualTo(Duration.ofSeconds(10));
        assertThat(DeviceHttpClient.timeoutFromEnvironment(new Environment(Map.of("HTTP_TIMEOUT_SECONDS", "0.25"))))
                .isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> DeviceHttpClient.timeoutFromEnvironment(new Environment(Map.of("HTTP_TIMEOUT_SECONDS",
                "-1")))).isInstanceOf(ConfigurationException.class).hasMessage("HTTP_TIMEOUT_SECONDS must be positive, got '-1'.");
        assertThat(DeviceHttpClient.requiredUrl(new Environment(Map.of("U", " http://h:81/p ")), "U", "a URL", "http://x/"))
                .isEqualTo(URI.create("http://h:81/p"));
        assertThatThrownBy(() -> DeviceHttpClient.requiredUrl(new Environment(Map.of()), "U", "the URL", "http://x/"))
                .hasMessage("U is not set: it must hold the URL, e.g. http://x/.");
        assertThatThrownBy(() -> DeviceHttpClient.requiredUrl(new Environment(Map.of("U", "h:81/p")), "U", "a URL",
                "http://x/")).hasMessage("U must be an http:// or https:// URL with a host, e.g. http://x/, got 'h:81/p'.");
        assertThatThrownBy(() -> DeviceHttpClient.requiredUrl(new Environment(Map.of("U", "http://u:pw d@h/")), "U",
                "a URL", "http://x/")).hasMessage("U must not contain user information.");
    }
}
