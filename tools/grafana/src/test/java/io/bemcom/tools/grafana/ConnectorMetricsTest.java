package io.bemcom.tools.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.bemcom.testsupport.Ports;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;
import io.bemcom.tools.localrunner.ServiceJars;
import io.bemcom.tools.localrunner.ServiceProcess;
import io.bemcom.tools.localrunner.ServiceSpec;
import tools.jackson.databind.JsonNode;

/**
 * Prometheus' scrape targets and the "BEMCom services" dashboard's connector queries: a connector
 * (the Modbus one, as a process from its jar, with {@code METRICS_PORT}) serves every metric that
 * the dashboard queries for the {@code connectors} job, and those queried for every job. The
 * api-service's metrics are checked in its own tests ({@code rest/GrafanaClientsTest}).
 */
class ConnectorMetricsTest {

    private static final Pattern METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

    private static ServiceProcess connector;
    private static int metricsPort;

    @BeforeAll
    static void start() {
        TestBroker broker = TestBrokers.shared();
        metricsPort = Ports.free();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MQTT_BROKER_HOST", broker.host());
        env.put("MQTT_BROKER_PORT", Integer.toString(broker.port()));
        env.put("CONNECTOR_NAME", TestNames.unique("grafana-conn"));
        env.put("METRICS_PORT", Integer.toString(metricsPort));
        env.put("POLL_SECONDS", "60");
        env.put("MODBUS_MASTER_IP", "127.0.0.1");
        env.put("MODBUS_MASTER_PORT", Integer.toString(Ports.free()));
        env.put("MODBUS_CONFIG", "{\"read_input_registers\": [{\"address\": 1, \"count\": 1, \"unit\": 1, \"datatypes\": \"<e\"}]}");
        connector = ServiceProcess.start(new ServiceSpec("modbus-tcp-connector",
                ServiceJars.MODBUS_TCP_CONNECTOR.jar(Repository.root()), Path.of("target/connector").toAbsolutePath(), env,
                List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), List.of()), System.out);
    }

    @AfterAll
    static void stop() {
        if (connector != null) {
            connector.stop(Duration.ofSeconds(15));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesTheServicesThatTheDashboardsQueriesName() {
        Map<String, Object> prometheus = Repository.yaml(Repository.grafana().resolve("prometheus/prometheus.yml"));
        List<String> jobs = new ArrayList<>();
        for (Object job : (List<Object>) prometheus.get("scrape_configs")) {
            jobs.add(((Map<String, Object>) job).get("job_name").toString());
        }
        assertThat(jobs).containsExactly("api-service", "raw-message-db", "controller-service", "connectors");
        for (JsonNode target : Repository.targets(Repository.dashboard("bemcom-services.json"))) {
            String expr = target.path("expr").stringValue();
            assertThat(expr.contains("job=\"api-service\"") || expr.contains("job=\"connectors\"")
                    || expr.contains("job=~\"$job\"")).as(expr).isTrue();
        }
    }

    @Test
    void theConnectorServesEveryMetricTheDashboardQueriesForIt() {
        Set<String> queried = new LinkedHashSet<>();
        for (JsonNode target : Repository.targets(Repository.dashboard("bemcom-services.json"))) {
            String expr = target.path("expr").stringValue();
            Matcher matcher = METRIC.matcher(expr);
            while (matcher.find()) {
                String metric = matcher.group(1);
                if (expr.contains("job=\"connectors\"") || expr.contains("job=~\"$job\"") && !metric.equals("up")) {
                    queried.add(metric);
                }
            }
        }
        assertThat(queried).hasSizeGreaterThanOrEqualTo(4);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        Set<String> served = new LinkedHashSet<>();
        // Counters appear once counted: the publication counter with the connector's first messages.
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .untilAsserted(() -> {
                    assertThat(connector.isAlive()).as("connector running").isTrue();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).isEqualTo(200);
                    served.clear();
                    for (String line : response.body().split("\n")) {
                        if (!line.isBlank() && !line.startsWith("#")) {
                            served.add(line.split("[{ ]", 2)[0]);
                        }
                    }
                    assertThat(served).containsAll(queried);
                });
    }
}
