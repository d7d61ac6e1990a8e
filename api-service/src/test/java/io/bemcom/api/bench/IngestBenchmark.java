package io.bemcom.api.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.bemcom.api.ApiServiceApplication;
import io.bemcom.api.security.UserService;
import io.bemcom.api.support.Http;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.RestartableBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestDatabase;
import io.bemcom.testsupport.TestDatabases;
import io.bemcom.testsupport.TestNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Benchmark (not a test): value messages for 1,000 active datapoints through a real Mosquitto
 * (configured like the shipped one) into PostgreSQL and SQLite; the broker alone to a plain
 * subscriber; REST latency of last_value with 10,000 datapoints and of a 100,000-value history.
 * Run (needs Mosquitto installed and PostgreSQL as for the tests):
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -pl api-service -am -Dmdep.includeScope=test \
 *   -Dmdep.outputFile=target/bench.classpath
 * TEST_POSTGRES_HOST=127.0.0.1 TEST_POSTGRES_USER=postgres java -cp \
 *   api-service/target/test-classes:api-service/target/classes:$(cat api-service/target/bench.classpath) \
 *   io.bemcom.api.bench.IngestBenchmark
 * </pre>
 * Optional arguments: messages per run (default 200000), publishers (default 4: connectors are
 * separate processes, each with its own connection), parts to run (default
 * {@code broker,postgresql,sqlite,rest}). Every ingestion measurement is one untimed warm-up
 * round (the JIT compiles the hot paths, as in a service that has been running a while) and three
 * timed rounds. The benchmark's Mosquitto runs in a process group of its own (test-support's
 * {@code MosquittoProcess}). When a publisher refuses or drops a publication, or a count stops
 * growing for two minutes, it stops with exit code 1 and says what was lost.
 */
public final class IngestBenchmark {

    private static final int DATAPOINTS = 1_000;
    /** Timed rounds after the warm-up round; the report gives their median (the machine is shared). */
    private static final int MEASURED_ROUNDS = 3;
    /** How long a publisher's close waits for the broker's acknowledgements. */
    private static final java.time.Duration PUBLISHER_DRAIN = java.time.Duration.ofMinutes(2);
    /** A round fails when the count has not grown for this long (the publishers delivered everything). */
    private static final long STALL_MILLIS = 120_000;
    private static int publishers = 4;

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception | AssertionError e) {
            System.err.println();
            System.err.println("==== BEMCom api-service benchmark FAILED: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        publishers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        List<String> parts = List.of((args.length > 2 ? args[2] : "broker,postgresql,sqlite,rest").split(","));
        List<String> report = new ArrayList<>();
        try (RestartableBroker broker = TestBrokers.restartable()) {
            if (parts.contains("broker")) {
                report.add(String.format("broker only (QoS 1, %d messages per run, %d publishers, 1 plain subscriber): median %.0f msg/s",
                        messages, publishers, brokerOnly(broker, messages)));
            }
            if (parts.contains("postgresql")) {
                try (TestDatabase database = TestDatabases.create()) {
                    Map<String, Object> pg = new HashMap<>(Map.of("DJANGOAPIDB_HOST", database.host(),
                            "DJANGOAPIDB_PORT", database.port(), "DJANGOAPIDB_DBNAME", database.name(),
                            "DJANGOAPIDB_USER", database.user(), "DJANGOAPIDB_PASSWORD", database.password(),
                            "N_MTD_WRITE_THREADS", "4"));
                    report.addAll(service("PostgreSQL", broker, pg, messages, parts.contains("rest")));
                }
            }
            if (parts.contains("sqlite")) {
                Path folder = Files.createTempDirectory("bemcom-bench-");
                Map<String, Object> sqlite = new HashMap<>(Map.of("DJANGOAPIDB_HOST", "",
                        "DJANGOAPIDB_SQLITE_PATH", folder.resolve("db.sqlite3").toString(), "N_MTD_WRITE_THREADS", "1"));
                report.addAll(service("SQLite", broker, sqlite, messages, false));
            }
        }
        System.out.println();
        System.out.println("==== BEMCom api-service benchmark (" + Runtime.getRuntime().availableProcessors() + " cores) ====");
        report.forEach(System.out::println);
    }

    private static double brokerOnly(RestartableBroker broker, int messages) throws Exception {
        String prefix = TestNames.unique("bench-broker");
        AtomicInteger received = new AtomicInteger();
        try (BrokerClient subscriber = BrokerClient.connect(BrokerSettings.of(broker.host(), broker.port()),
                ClientOptions.named("bench-sub"), new SimpleMeterRegistry())) {
            subscriber.subscribe(prefix + "/messages/+/value", 1, MessageCodec::decodeValue,
                    m -> received.incrementAndGet()).join();
            return median(timedRounds(broker, prefix, null, messages, received::get, 5));
        }
    }

    /** One round's result: how many messages arrived (or were stored), in how long. */
    private record Round(int counted, double seconds, double publishSeconds) {
        double rate() {
            return counted / seconds;
        }
    }

    /**
     * An untimed warm-up round (the JIT compiles the hot paths) and {@link #MEASURED_ROUNDS} timed
     * ones; each is timed from its first publish until {@code counter} has grown by {@code messages}.
     */
    private static List<Round> timedRounds(RestartableBroker broker, String connector, long[] ids, int messages,
                                           IntSupplier counter, long pollMillis) throws InterruptedException {
        List<Round> rounds = new ArrayList<>();
        for (int round = 0; round <= MEASURED_ROUNDS; round++) {
            int before = counter.getAsInt();
            long started = System.nanoTime();
            publishConcurrently(broker, connector, ids, messages, round);
            double publishSeconds = (System.nanoTime() - started) / 1e9;
            int counted = 0;
            int lastCount = -1;
            long lastProgress = System.currentTimeMillis();
            while (counted < messages) {
                Thread.sleep(pollMillis);
                counted = counter.getAsInt() - before;
                if (counted != lastCount) {
                    lastCount = counted;
                    lastProgress = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - lastProgress > STALL_MILLIS) {
                    throw new IllegalStateException(String.format("Round %d: %d of %d messages counted, no progress for "
                            + "%d s although the publishers had every message acknowledged by the broker",
                            round, counted, messages, STALL_MILLIS / 1000));
                }
            }
            if (round > 0) {
                rounds.add(new Round(counted, (System.nanoTime() - started) / 1e9, publishSeconds));
            }
        }
        return rounds;
    }

    /**
     * Splits the datapoints among {@code publishers} connections publishing at the same time. Each
     * publisher closes with a drain of {@link #PUBLISHER_DRAIN}; when any publication was refused or
     * dropped, the benchmark stops here, naming the loss, instead of waiting for rows that cannot come.
     */
    private static void publishConcurrently(RestartableBroker broker, String connector, long[] ids, int messages,
                                            int round) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<String> losses = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int p = 0; p < publishers; p++) {
            int part = p;
            Thread thread = new Thread(() -> {
                BrokerClient publisher = BrokerClient.connect(BrokerSettings.of(broker.host(), broker.port()),
                        ClientOptions.named("bench-pub"), new SimpleMeterRegistry());
                int refused = 0;
                try {
                    refused = publish(publisher, connector, ids, messages, part, round);
                } finally {
                    int dropped = publisher.close(PUBLISHER_DRAIN);
                    if (refused > 0 || dropped > 0) {
                        losses.add(String.format("publisher %d: %d publication(s) refused by publish(), %d dropped "
                                + "unacknowledged at close (drain limit %d s)", part, refused, dropped,
                                PUBLISHER_DRAIN.toSeconds()));
                    }
                }
            }, "bench-publisher-" + part);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!losses.isEmpty()) {
            throw new IllegalStateException("Round " + round + ": the publishers lost messages, so the counts cannot "
                    + "be reached: " + String.join("; ", losses));
        }
    }

    /**
     * Publisher {@code part} sends the messages of the datapoints with index ≡ part (mod publishers);
     * each round has its own timestamps, so that every message is a new history row.
     *
     * @return how many publications {@code publish} refused
     */
    private static int publish(BrokerClient publisher, String connector, long[] ids, int messages, int part, int round) {
        long base = 1_700_000_000_000L + round * 10_000_000_000L;
        int refused = 0;
        for (int i = part; i < messages; i += publishers) {
            int datapoint = i % DATAPOINTS;
            String topic = Topics.value(connector, ids == null ? datapoint : ids[datapoint]);
            if (!publisher.publish(topic, Delivery.SENSOR_VALUE, new ValueMessage(JsonValues.of(i * 0.5), base + i))) {
                refused++;
            }
        }
        return refused;
    }

    private static List<String> service(String label, RestartableBroker broker, Map<String, Object> properties, int messages,
                                        boolean rest) throws Exception {
        properties.put("MQTT_BROKER_HOST", broker.host());
        properties.put("MQTT_BROKER_PORT", broker.port());
        properties.put("MQTT_CLIENT_ID", TestNames.unique("bench-api"));
        properties.put("ACTIVATE_HISTORY_EXTENSION", "true");
        properties.put("server.port", "0");
        properties.put("logging.level.root", "WARN");
        List<String> report = new ArrayList<>();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ApiServiceApplication.class)
                .properties(properties).run()) {
            int port = context.getEnvironment().getProperty("local.server.port", Integer.class);
            UserService users = context.getBean(UserService.class);
            users.createUser("bench", "bench", "", true);
            Http http = Http.at(port, "").bearer(users.token("bench"));
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            String connector = TestNames.unique("bench");
            long[] ids = createDatapoints(http, connector, DATAPOINTS);
            Thread.sleep(1_000);
            List<Round> rounds = timedRounds(broker, connector, ids, messages,
                    () -> jdbc.queryForObject("SELECT count(*) FROM datapoint_value", Integer.class), 20);
            String runs = String.join("; ", rounds.stream().map(round -> String.format("%d in %.1f s, publishing %.1f s",
                    round.counted(), round.seconds(), round.publishSeconds())).toList());
            report.add(String.format("%s: %d values per run for %d active datapoints from %d publishers: median %.0f"
                    + " stored values/s (%s)", label, messages, DATAPOINTS, publishers, median(rounds), runs));
            if (rest) {
                report.addAll(restLatency(http, jdbc, connector));
            }
        }
        return report;
    }

    private static long[] createDatapoints(Http http, String connector, int count) {
        long[] ids = new long[count];
        for (int start = 0; start < count; start += 1000) {
            StringBuilder body = new StringBuilder("[");
            for (int i = start; i < Math.min(count, start + 1000); i++) {
                body.append(i == start ? "" : ",").append("{\"connector\": {\"name\": \"").append(connector)
                        .append("\"}, \"key_in_connector\": \"k").append(i).append("\", \"type\": \"sensor\", \"is_active\": true}");
            }
            Http.Response response = http.post("/datapoint/", body + "]");
            if (response.status() != 201) {
                throw new IllegalStateException(response.text());
            }
            tools.jackson.databind.JsonNode created = response.json();
            for (int i = 0; i < created.size(); i++) {
                ids[start + i] = created.get(i).get("id").longValue();
            }
        }
        return ids;
    }

    private static List<String> restLatency(Http http, JdbcTemplate jdbc, String connector) throws Exception {
        List<String> report = new ArrayList<>();
        // 10,000 active datapoints with a last value each (9,000 more beside the 1,000 above).
        String more = connector + "-more";
        long[] ids = createDatapoints(http, more, 9_000);
        List<Object[]> rows = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (long id : ids) {
            rows.add(new Object[] {id, "21.5", now});
        }
        jdbc.batchUpdate("INSERT INTO datapoint_last_value (datapoint_id, value, time) VALUES (?, ?, ?)", rows);
        int withLast = jdbc.queryForObject("SELECT count(*) FROM datapoint_last_value", Integer.class);
        report.add(String.format("GET /datapoint/last_value/ with %d datapoints (%d with a last value): median %.1f ms",
                jdbc.queryForObject("SELECT count(*) FROM datapoint WHERE is_active", Integer.class), withLast,
                median(http, "/datapoint/last_value/", 20)));
        // One datapoint with 100,000 values, written through the REST bulk upsert.
        long id = ids[0];
        long base = now - 100_000_000L;
        for (int chunk = 0; chunk < 10; chunk++) {
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < 10_000; i++) {
                int n = chunk * 10_000 + i;
                body.append(i == 0 ? "" : ",").append("{\"value\": \"").append(n).append(".5\", \"timestamp\": ")
                        .append(base + n * 1000L).append('}');
            }
            http.put("/datapoint/" + id + "/value/", body + "]");
        }
        report.add(String.format("GET /datapoint/{id}/value/ returning 100,000 values: median %.1f ms",
                median(http, "/datapoint/" + id + "/value/", 5)));
        report.add(String.format("GET /datapoint/{id}/value/?interval=1 hour over 100,000 values: median %.1f ms",
                median(http, "/datapoint/" + id + "/value/?interval=1%20hour", 5)));
        return report;
    }

    private static double median(List<Round> rounds) {
        List<Double> sorted = rounds.stream().map(Round::rate).sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double median(Http http, String path, int runs) {
        http.get(path); // warm-up
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            Http.Response response = http.get(path);
            millis[i] = (System.nanoTime() - started) / 1e6;
            if (response.status() != 200) {
                throw new IllegalStateException(path + ": " + response.status());
            }
        }
        Arrays.sort(millis);
        return millis[runs / 2];
    }

    private IngestBenchmark() {
    }
}
