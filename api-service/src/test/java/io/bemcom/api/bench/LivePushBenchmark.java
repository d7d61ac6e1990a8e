package io.bemcom.api.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.bemcom.api.live.LiveHub;
import io.bemcom.api.support.Http;
import io.bemcom.api.support.PostgresApiTest;
import io.bemcom.api.support.ServiceProperties;
import io.bemcom.api.support.SharedDatabase;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.MosquittoProcess;
import io.bemcom.testsupport.TestNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Benchmark (opt-in, {@code BEMCOM_BENCH=1}): live push end to end. {@code BENCH_LIVE_CLIENTS}
 * WebSocket clients (default 1000), each subscribed to one of {@code BENCH_LIVE_DATAPOINTS}
 * datapoints (default 1000, client i to datapoint i mod n), while a publisher sends
 * {@code BENCH_LIVE_RATE} values/s (default 5000) for {@code BENCH_LIVE_SECONDS} (default 10) into
 * the service (PostgreSQL, history on, one instance: no share group). The broker is a Mosquitto of
 * the benchmark's own with the limits we ship ({@code mosquitto-test.conf}: a queue of 1,000,000
 * per session), as in {@code IngestBenchmark}, not the shared test broker, whose default queue of
 * 1,000 messages drops what ingestion cannot take at once. Latency = arrival at the client − the
 * message's timestamp, set by the publisher just before publishing (one clock: all in one JVM).
 * <pre>
 * BEMCOM_BENCH=1 mvn -B -q -pl api-service -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=LivePushBenchmark
 * </pre>
 */
@EnabledIfEnvironmentVariable(named = "BEMCOM_BENCH", matches = "1")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ACTIVATE_CONTROL_EXTENSION=TRUE", "ACTIVATE_HISTORY_EXTENSION=true", "N_MTD_WRITE_THREADS=4",
        "DJANGO_SUPERUSER_USERNAME=" + PostgresApiTest.ADMIN, "DJANGO_SUPERUSER_PASSWORD=" + PostgresApiTest.ADMIN_PASSWORD,
        "DJANGO_SUPERUSER_EMAIL=admin@example.com"})
class LivePushBenchmark {

    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":(\\d+)");
    private static MosquittoProcess broker;

    @Autowired
    Environment environment;
    @Autowired
    JdbcTemplate jdbc;

    /** A context of its own: the benchmark's broker, one instance (no share group), the shared test database. */
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        broker = MosquittoProcess.launch();
        ServiceProperties.database(registry, SharedDatabase.get());
        ServiceProperties.broker(registry, broker, TestNames.unique("bench-live-api"));
    }

    private int port() {
        return environment.getProperty("local.server.port", Integer.class);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Autowired
    LiveHub hub;

    private static int env(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    @Test
    void pushesToManyClients() throws Exception {
        assertThat(environment.getProperty("MQTT_BROKER_PORT")).as("the benchmark's own broker")
                .isEqualTo(Integer.toString(broker.port()));
        assertThat(environment.getProperty("MQTT_SHARED_SUBSCRIPTION_GROUP")).as("one instance, no group").isNull();
        int clients = env("BENCH_LIVE_CLIENTS", 1000);
        int datapoints = env("BENCH_LIVE_DATAPOINTS", 1000);
        int rate = env("BENCH_LIVE_RATE", 5000);
        int seconds = env("BENCH_LIVE_SECONDS", 10);
        String connector = TestNames.unique("bench-live");
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < datapoints; i++) {
            body.append(i == 0 ? "" : ",").append("{\"connector\": {\"name\": \"").append(connector)
                    .append("\"}, \"key_in_connector\": \"k").append(i)
                    .append("\", \"type\": \"sensor\", \"data_format\": \"continuous_numeric\", \"is_active\": true}");
        }
        JsonNode created = Http.at(port(), "").basic(PostgresApiTest.ADMIN, PostgresApiTest.ADMIN_PASSWORD).post("/datapoint/", body.append(']').toString()).json();
        long[] ids = new long[datapoints];
        for (int i = 0; i < datapoints; i++) {
            ids[i] = created.get(i).get("id").longValue();
        }

        long[] latencies = new long[Math.max(1, clients / datapoints + 1) * rate * seconds + 1000];
        AtomicInteger received = new AtomicInteger();
        AtomicLong lost = new AtomicLong();
        String auth = "Basic " + Base64.getEncoder().encodeToString((PostgresApiTest.ADMIN + ":" + PostgresApiTest.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        List<WebSocket> sockets = new ArrayList<>();
        int[] subscribers = new int[datapoints];
        for (int c = 0; c < clients; c++) {
            int d = c % datapoints;
            subscribers[d]++;
            WebSocket.Listener listener = new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                    long now = System.currentTimeMillis();
                    Matcher m = TIMESTAMP.matcher(data);
                    if (m.find()) {
                        int slot = received.getAndIncrement();
                        if (slot < latencies.length) {
                            latencies[slot] = now - Long.parseLong(m.group(1));
                        }
                    }
                    socket.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                    lost.incrementAndGet();
                    return null;
                }
            };
            sockets.add(http.newWebSocketBuilder().header("Authorization", auth)
                    .buildAsync(URI.create("ws://localhost:" + port() + "/datapoint/live/ws/?datapoint__id__in=" + ids[d]),
                            listener).get(30, TimeUnit.SECONDS));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> hub.clients() >= clients);

        BrokerClient publisher = BrokerClient.connect(BrokerSettings.of(broker.host(), broker.port()),
                ClientOptions.named("bench-live-publisher"), new SimpleMeterRegistry());
        long started = System.nanoTime();
        long total = (long) rate * seconds;
        long expectedDeliveries = 0;
        int refused = 0;
        for (long n = 0; n < total; n++) {
            long due = started + n * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 200_000) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int d = (int) (n % datapoints);
            long id = ids[d];
            if (!publisher.publish(Topics.value(connector, id), Delivery.ACTUATOR_VALUE,
                    new ValueMessage(JsonValues.of((double) n), System.currentTimeMillis()))) {
                refused++;
            }
            expectedDeliveries += subscribers[d];
        }
        double publishSeconds = (System.nanoTime() - started) / 1e9;
        publisher.close();
        long goal = expectedDeliveries;
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> received.get() >= goal || hub.droppedCount() > 0 || stalled(received));
        } catch (RuntimeException e) {
            // report what arrived
        }
        double totalSeconds = (System.nanoTime() - started) / 1e9;
        // What ingestion stored: a gap to the deliveries is the push's, a gap to the values sent the broker's/ingestion's.
        int stored = jdbc.queryForObject("SELECT count(*) FROM datapoint_value v JOIN datapoint d ON d.id = v.datapoint_id"
                + " JOIN connector c ON c.id = d.connector_id WHERE c.name = ?", Integer.class, connector);
        int count = Math.min(received.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        System.out.printf("%n==== live push: %d clients, %d datapoints, %d values in %.1f s (%.0f/s offered, %d refused by the publisher), "
                        + "%d stored, %d of %d deliveries in %.1f s; latency broker→client p50 %d ms, p99 %d ms, max %d ms; "
                        + "dropped clients %.0f, closed %d%n",
                clients, datapoints, total, publishSeconds, total / publishSeconds, refused, stored, received.get(), goal, totalSeconds,
                pct(sorted, 0.50), pct(sorted, 0.99), count == 0 ? -1 : sorted[count - 1], hub.droppedCount(), lost.get());
        sockets.forEach(WebSocket::abort);
        assertThat(received.get()).isPositive();
    }

    private static int lastSeen = -1;
    private static long lastChange = System.nanoTime();

    /** True when nothing has arrived for 15 s (the rest is not coming). */
    private static boolean stalled(AtomicInteger received) {
        int now = received.get();
        if (now != lastSeen) {
            lastSeen = now;
            lastChange = System.nanoTime();
            return false;
        }
        return System.nanoTime() - lastChange > 15_000_000_000L;
    }

    private static long pct(long[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}
