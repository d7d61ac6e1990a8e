package io.bemcom.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.bemcom.connector.Connector;
import io.bemcom.protocol.config.Environment;
import io.bemcom.testsupport.RestartableBroker;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;

/** {@code METRICS_PORT}: a connector's Prometheus metrics and health over HTTP. */
class MonitoringTest {

    private static final Duration WAIT = ConnectorRun.waitLimit();

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("monitored");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ConnectorRun run;

    @AfterEach
    void stop() {
        if (run != null) {
            run.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        int port = run.connector().monitoringAddress().orElseThrow().getPort();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesItsCountersInPrometheusFormatAndItsHealth() throws Exception {
        Map<String, String> env = ConnectorRun.environment(name, broker);
        env.put("METRICS_PORT", "0");
        run = ConnectorRun.start(broker, env, context -> new TinyDevice());

        await().atMost(WAIT).until(() -> run.readings("ok") >= 2);
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(metrics.body()).contains("bemcom_connector_readings_total{result=\"ok\"}")
                .contains("bemcom_mqtt_connected");

        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\": \"UP\"").contains("\"broker_connected\": true")
                .containsPattern("\"last_reading_timestamp\": \\d{13}");
        assertThat(get("/anything").statusCode()).isEqualTo(404);
    }

    @Test
    void reportsDownWhileTheBrokerIsAway() throws Exception {
        try (RestartableBroker own = TestBrokers.restartable()) {
            Map<String, String> env = ConnectorRun.environment(name, own);
            env.put("METRICS_PORT", "0");
            run = ConnectorRun.start(own, env, context -> new TinyDevice());
            assertThat(get("/health").statusCode()).isEqualTo(200);

            own.stop();
            await().atMost(WAIT).until(() -> get("/health").statusCode() == 503);
            assertThat(get("/health").body()).contains("\"status\": \"DOWN\"").contains("\"broker_connected\": false");
            assertThat(get("/metrics").statusCode()).as("metrics matter most during an outage").isEqualTo(200);

            own.start();
            await().atMost(WAIT).until(() -> get("/health").statusCode() == 200);
            run.close(); // while its broker is still there
            run = null;
        }
    }

    @Test
    void aMetricsPortThatIsNoPortIsAConfigurationError() {
        int code = io.bemcom.connector.ConnectorMain.run(new Environment(Map.of("MQTT_BROKER_HOST", "127.0.0.1",
                "POLL_SECONDS", "1", "METRICS_PORT", "70000")), context -> new TinyDevice());

        assertThat(code).isEqualTo(Connector.EXIT_CONFIGURATION);
    }
}
