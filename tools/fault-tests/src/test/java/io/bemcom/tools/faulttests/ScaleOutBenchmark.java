package io.bemcom.tools.faulttests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.ValueMessage;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.MosquittoProcess;
import io.bemcom.testsupport.Ports;
import io.bemcom.testsupport.PostgresCluster;
import io.bemcom.testsupport.TestDatabase;
import io.bemcom.tools.localrunner.ApiClient;
import io.bemcom.tools.localrunner.ServiceProcess;
import io.bemcom.tools.localrunner.ServiceSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Ingestion with 1, 2 and 3 api-service instances in one run (issue 20, item 4; docs/scaling.md):
 * the instances share one database and one Mosquitto (configured as shipped), each with its own
 * fixed client id and {@value #SHARED_GROUP_VARIABLE}, so that the broker hands each value to one
 * of them. Per instance count: one untimed warm-up round, then a timed one; a round is a burst of
 * values from 4 publishers over 1,000 active sensor datapoints, timed from the first publish until
 * every value is a row. Prints {@code SCALE-OUT | ...} lines and appends them to
 * {@code target/scale-out-figures.md}.
 *
 * <p>Opt-in (minutes, and it loads both cores): {@code BEMCOM_BENCH=1}; {@code BEMCOM_BENCH_VALUES}
 * (values per round, default 100,000), {@code BEMCOM_BENCH_INSTANCES} (default {@code 1,2,3}).
 * <pre>
 * BEMCOM_BENCH=1 mvn -B verify -pl tools/fault-tests -am -Dtest=ScaleOutBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfEnvironmentVariable(named = "BEMCOM_BENCH", matches = "1")
class ScaleOutBenchmark {

    /** The api-service's variable that turns shared subscriptions on: the share group's name. */
    static final String SHARED_GROUP_VARIABLE = "MQTT_SHARED_SUBSCRIPTION_GROUP";
    private static final int DATAPOINTS = 1_000;
    private static final int PUBLISHERS = 4;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** A round gives up when the number of rows has not grown for this long. */
    private static final Duration STALL = Duration.ofMinutes(2);
    private static final Path FIGURES = Path.of("target", "scale-out-figures.md");

    private MosquittoProcess broker;
    private PostgresCluster postgres;
    private TestDatabase database;
    private final List<ServiceProcess> instances = new ArrayList<>();
    private long roundBase = 1_700_000_000_000L;

    @Test
    void ingestionWithOneTwoAndThreeInstances(@TempDir Path work) throws Exception {
        assumeTrue(MosquittoProcess.available(), "needs Mosquitto installed");
        assumeTrue(PostgresCluster.available(), "needs PostgreSQL server binaries in /usr/lib/postgresql");
        int values = Integer.parseInt(System.getenv().getOrDefault("BEMCOM_BENCH_VALUES", "100000"));
        int[] counts = Arrays.stream(System.getenv().getOrDefault("BEMCOM_BENCH_INSTANCES", "1,2,3").split(","))
                .mapToInt(text -> Integer.parseInt(text.trim())).toArray();
        broker = ShippedMosquitto.launch();
        postgres = PostgresCluster.start();
        try {
            database = postgres.createDatabase();
            long[] ids = null;
            for (int count : counts) {
                List<ApiClient> rest = startInstances(work, count);
                if (ids == null) {
                    ids = activeDatapoints(rest.get(0));
                }
                awaitProbeStored(ids);
                round(ids, values / 5);                      // warm-up
                Result result = round(ids, values);
                report(count, values, result);
                assertThat(result.stored()).as("rows of the round").isEqualTo(values);
                stopInstances();
            }
        } finally {
            stopInstances();
            Services.stopAll(null, broker, postgres);
        }
    }

    private record Result(long stored, long duplicated, Duration took) {
    }

    private List<ApiClient> startInstances(Path work, int count) throws InterruptedException {
        List<Integer> ports = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int port = Ports.free();
            ServiceSpec base = Services.apiService(work.resolve("api-" + i), broker, database, "scale-api-" + i, port);
            Map<String, String> env = new LinkedHashMap<>(base.environment());
            env.put(SHARED_GROUP_VARIABLE, "bemcom-api");
            env.put("N_MTD_WRITE_THREADS", "4");
            instances.add(Services.start(new ServiceSpec("api-" + i, base.jar(), base.workingDirectory(), env,
                    base.jvmOptions(), base.arguments()), System.out));
            ports.add(port);
        }
        List<ApiClient> rest = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rest.add(Services.awaitApi(instances.get(i), ports.get(i), START_TIMEOUT));
        }
        return rest;
    }

    private void stopInstances() {
        instances.forEach(ServiceProcess::requestStop);
        instances.forEach(instance -> instance.awaitStop(Duration.ofSeconds(30)));
        instances.clear();
    }

    /** {@value #DATAPOINTS} active sensor datapoints of connector {@code scale-out}, created over REST. */
    private long[] activeDatapoints(ApiClient rest) throws Exception {
        return Services.createActiveSensors(rest, "scale-out", DATAPOINTS);
    }

    /** Waits until the instances' subscriptions are live: a probe value on every datapoint is stored. */
    private void awaitProbeStored(long[] ids) throws Exception {
        long probeTime = roundBase++;
        try (BrokerClient probe = BrokerClient.connect(brokerSettings(), ClientOptions.named("scale-probe"),
                new SimpleMeterRegistry())) {
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (rows(ids, probeTime, probeTime + 1)[0] < ids.length) {
                assertThat(System.nanoTime() < deadline).as("the instances store probe values").isTrue();
                for (long id : ids) {
                    probe.publish(Topics.value("scale-out", id), Delivery.SENSOR_VALUE,
                            new ValueMessage(JsonValues.of("probe"), probeTime));
                }
                Thread.sleep(1_000);
            }
        }
    }

    /** {@code values} values from {@value #PUBLISHERS} publishers as fast as the broker takes them; until all are rows. */
    private Result round(long[] ids, int values) throws Exception {
        long base = roundBase;
        roundBase += values + 1_000;
        long started = System.nanoTime();
        ExecutorService publishers = Executors.newFixedThreadPool(PUBLISHERS);
        List<Future<Integer>> dropped = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            int publisher = p;
            dropped.add(publishers.submit(() -> {
                try (BrokerClient client = BrokerClient.connect(brokerSettings(), ClientOptions.named("scale-publisher"),
                        new SimpleMeterRegistry())) {
                    for (int number = publisher; number < values; number += PUBLISHERS) {
                        if (!client.publish(Topics.value("scale-out", ids[number % ids.length]), Delivery.SENSOR_VALUE,
                                new ValueMessage(JsonValues.of(number), base + number))) {
                            throw new IllegalStateException("publish refused value " + number);
                        }
                    }
                    return client.close(Duration.ofMinutes(2));
                }
            }));
        }
        publishers.shutdown();
        long lastCount = -1;
        long lastProgress = System.nanoTime();
        long[] counted;
        while (true) {
            counted = rows(ids, base, base + values);
            if (counted[0] >= values) {
                break;
            }
            if (counted[0] != lastCount) {
                lastCount = counted[0];
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                break;
            }
            Thread.sleep(100);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        for (Future<Integer> publisher : dropped) {
            assertThat(publisher.get()).as("values a publisher dropped at close").isZero();
        }
        return new Result(counted[0], counted[1], took);
    }

    /** Rows of the datapoints with {@code from <= time < to}, and how many of them were written more than once. */
    private long[] rows(long[] ids, long from, long to) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("SELECT count(*), count(*) FILTER (WHERE "
                     + "xmax::text::bigint <> 0) FROM datapoint_value WHERE datapoint_id = ANY (?) AND time >= ? AND time < ?")) {
            query.setArray(1, connection.createArrayOf("bigint", Arrays.stream(ids).boxed().toArray()));
            query.setLong(2, from);
            query.setLong(3, to);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return new long[] {rows.getLong(1), rows.getLong(2)};
            }
        }
    }

    private void report(int count, int values, Result result) throws IOException {
        double seconds = result.took().toNanos() / 1e9;
        String row = String.format("| %d | %,d | %,d | %.1f s | %,.0f values/s | %,d |", count, values, result.stored(),
                seconds, result.stored() / seconds, result.duplicated());
        System.out.println("SCALE-OUT " + row);
        Files.createDirectories(FIGURES.getParent());
        if (!Files.exists(FIGURES)) {
            Files.writeString(FIGURES, "| Instances | Values | Stored | Took | Rate | Written more than once |\n"
                    + "|---|---|---|---|---|---|\n");
        }
        Files.writeString(FIGURES, row + "\n", StandardOpenOption.APPEND);
    }

    private BrokerSettings brokerSettings() {
        return BrokerSettings.of(broker.host(), broker.port());
    }
}
