package io.bemcom.tools.faulttests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.BitSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.protocol.HeartbeatMessage;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.LogMessage;
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
import io.bemcom.testsupport.TestNames;
import io.bemcom.tools.localrunner.ApiClient;
import io.bemcom.tools.localrunner.ServiceProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Faults on the path connector → broker → api-service → PostgreSQL, with every part a real process
 * on loopback: the api-service jar, a Mosquitto configured as shipped, a PostgreSQL cluster of the
 * test's own. A connector's broker client publishes sensor values steadily (QoS 1, retained, clean
 * session); a fault hits mid-stream; then every value that {@code publish} accepted must be in
 * {@code datapoint_value}. Duplicates are rows written more than once (PostgreSQL marks a row that
 * {@code ON CONFLICT DO UPDATE} rewrote with a transaction id in {@code xmax}); a message delivered
 * twice within one batch is merged before writing and not counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class ApiServiceFaultTest {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final int DATAPOINTS = 10;
    private static final int RATE = 400;
    private static final long BASE_TIME = 1_700_000_000_000L;
    private static final String SHARE_GROUP = "bemcom-api";

    /** The services' working folders (copies of their jars); deleted after the class. */
    private Path work;
    private MosquittoProcess broker;
    private PostgresCluster postgres;
    private TestDatabase database;
    private int apiPort;
    private ServiceProcess api;
    private ApiClient rest;

    @BeforeAll
    void startTheApplication(@TempDir Path folder) throws Exception {
        assumeTrue(MosquittoProcess.available(), "needs Mosquitto installed");
        assumeTrue(PostgresCluster.available(), "needs PostgreSQL server binaries in /usr/lib/postgresql");
        work = folder;
        broker = ShippedMosquitto.launch();
        postgres = PostgresCluster.start();
        database = postgres.createDatabase();
        apiPort = Ports.free();
        api = Services.start(Services.apiService(work, broker, database, TestNames.unique("fault-api"), apiPort),
                System.out);
        rest = Services.awaitApi(api, apiPort, START_TIMEOUT);
    }

    @AfterAll
    void stopTheApplication() {
        Services.stopAll(api, broker, postgres);
    }

    @Test
    void aBrokerRestartDuringASteadyPublishLosesNoValue() throws Exception {
        steadyPublishWith("broker restarted (SIGTERM, start) during 400 values/s", this::restartTheBroker);
    }

    /** SIGTERM, 2 s away, start again with the same persistence. */
    private void restartTheBroker(SteadyPublisher publisher) throws InterruptedException {
        broker.stop();
        Thread.sleep(2_000);
        broker.start();
    }

    /**
     * A crash of the broker: the client loses nothing (it sends again what the broker had not
     * acknowledged). The broker may: it acknowledges a message when it has it in memory, and a
     * SIGKILL loses what it had acknowledged and neither delivered nor saved - at most what arrived
     * since its last save (every 2 s as shipped). So values may be missing only from around the
     * kill: none from before the last two save intervals, at most {@link #RATE} × 4 s in all.
     */
    @Test
    void aBrokerKilledDuringASteadyPublishLosesNoValueButWhatTheBrokerHadNotSaved() throws Exception {
        int[] killedAt = new int[1];
        FaultReport report = steadyPublishWith("broker killed (SIGKILL) and started during 400 values/s", publisher -> {
            killedAt[0] = publisher.published();
            broker.kill();
            Thread.sleep(2_000);
            broker.start();
        }, false);
        int window = RATE * 4;
        assertThat(report.lost()).as("values lost: %s", report).isLessThanOrEqualTo(window);
        assertThat(report.lostNumbers().stream()).as("lost values, killed at value %d", killedAt[0])
                .allMatch(number -> number > killedAt[0] - window && number < killedAt[0] + RATE);
    }

    @Test
    void theApiServiceKilledAndRestartedWithTheSameClientIdLosesNoValue() throws Exception {
        steadyPublishWith("api-service killed (SIGKILL), restarted with the same client id", publisher -> {
            api.kill();
            Thread.sleep(2_000);
            api.start();
            rest = Services.awaitApi(api, apiPort, START_TIMEOUT);
        });
    }

    /**
     * Issue 20, item 4: two instances in a share group, on a database of their own (so the class's
     * instance, which knows none of its connectors, takes no part), share the values; the second
     * one is killed mid-stream and restarted with its client id, and the share the broker kept for
     * its session is stored then.
     */
    @Test
    void oneOfTwoInstancesSharingTheIngestionKilledAndRestartedLosesNoValue() throws Exception {
        inAGroup(List.of("api-2", "api-3"), (instances, ports) -> {
            ServiceProcess second = instances.get(1);
            steadyPublishWith("one of two instances sharing the ingestion killed (SIGKILL), restarted with its "
                    + "client id", publisher -> {
                second.kill();
                Thread.sleep(2_000);
                second.start();
                Services.awaitApi(second, ports.get(1), START_TIMEOUT);
            });
        });
    }

    /**
     * A measurement, not a check (opt-in: {@code BEMCOM_BENCH=1}): a broker restart with the
     * ingestion in a share group (of one instance). Mosquitto does not restore shared subscriptions
     * after a restart, so what the publisher sends between the broker's return and the instance's
     * re-subscription reaches nobody; the report gives how much (docs/scaling.md). The instance
     * logs the window ("Shared subscriptions restored after a lost connection ...").
     */
    @Test
    void aBrokerRestartWithTheIngestionInAGroupMeasured() throws Exception {
        assumeTrue("1".equals(System.getenv("BEMCOM_BENCH")), "a measurement: BEMCOM_BENCH=1");
        inAGroup(List.of("api-group"), (instances, ports) -> {
            FaultReport report = steadyPublishWith("broker restarted (SIGTERM, start after 2 s) during 400 values/s, "
                    + "ingestion in a share group", this::restartTheBroker, false);
            System.out.println("==== shared ingestion, broker restart: " + report.lost() + " of " + report.sent()
                    + " values not stored; lost numbers " + report.lostNumbers());
        });
    }

    /** What runs while the instances of {@link #inAGroup} are up. */
    @FunctionalInterface
    private interface GroupScenario {
        void run(List<ServiceProcess> instances, List<Integer> ports) throws Exception;
    }

    /**
     * Api-service instances (one per working folder name) in the share group, on a database of their
     * own (so the class's instance, which knows none of their connectors, takes no part); the
     * scenario's REST calls go to the first. Stops them and restores the class's database after.
     */
    private void inAGroup(List<String> folders, GroupScenario scenario) throws Exception {
        TestDatabase classDatabase = database;
        ApiClient classRest = rest;
        database = postgres.createDatabase();
        List<ServiceProcess> instances = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (String folder : folders) {
                int port = Ports.free();
                ports.add(port);
                instances.add(Services.start(Services.sharing(Services.apiService(work.resolve(folder), broker,
                        database, TestNames.unique("fault-" + folder), port), SHARE_GROUP), System.out));
            }
            for (int i = 0; i < instances.size(); i++) {
                ApiClient client = Services.awaitApi(instances.get(i), ports.get(i), START_TIMEOUT);
                if (i == 0) {
                    rest = client;
                }
            }
            scenario.run(instances, ports);
        } finally {
            for (ServiceProcess instance : instances) {
                instance.requestStop();
                instance.awaitStop(Duration.ofSeconds(30));
            }
            database = classDatabase;
            rest = classRest;
        }
    }

    @Test
    void aDatabaseStoppedForTwentySecondsLosesNoValue() throws Exception {
        // Four times the pool's 5 s connection timeout, so writers fail, retry and queue up several times.
        steadyPublishWith("PostgreSQL stopped for 20 s during 400 values/s", publisher -> {
            postgres.stop();
            Thread.sleep(20_000);
            postgres.startServer();
        });
    }

    @Test
    void aBurstThatThePublisherClosesRightAfterLosesNoValue() throws Exception {
        long started = System.nanoTime();
        String connector = TestNames.unique("fault-burst");
        long[] ids = activeDatapoints(connector);
        SteadyPublisher publisher = publisher(connector, ids);
        int burst = 50_000;
        assertThat(publisher.burst(burst, Duration.ofMinutes(5))).isEqualTo(burst);
        int dropped = publisher.close(Duration.ofMinutes(2)); // right after the burst, as a connector that stops

        FaultReport report = report("a burst of 50,000 values, the publisher closed right after", publisher, ids, started,
                "publisher dropped " + dropped + " at close");
        assertThat(dropped).as("dropped at close").isZero();
        assertNothingLost(report, publisher);
    }

    /**
     * Issue 11's poison, sent over MQTT and REST in the middle of a steady publish: an incompressible
     * 12,000-character key in a retained available_datapoints message (past the schema's limit: left
     * out, the message's other keys stored), a log entry the database refuses (a NUL in its text: kept
     * as a dead letter), malformed payloads, and connector names and keys that cannot be topics or
     * stored. The service keeps its broker connection, stores the poisoned connector's later
     * heartbeat and log, answers 400 to the names and the key, and loses no value.
     */
    @Test
    void poisonMessagesAndNamesStopNothingAndLoseNoValue() throws Exception {
        String poisoned = TestNames.unique("fault-poison");
        long[] poisonedIds = activeDatapoints(poisoned); // the connector exists: its heartbeats and logs have a row
        String hugeKey = incompressible(12_000);
        long heartbeat = System.currentTimeMillis();
        steadyPublishWith("poison messages and names during 400 values/s", publisher -> {
            try (BrokerClient poisoner = BrokerClient.connect(brokerSettings(), ClientOptions.named("fault-poisoner"),
                    new SimpleMeterRegistry())) {
                poisoner.publish(Topics.availableDatapoints(poisoned), 1, true, ("{\"sensor\": {\"" + hugeKey
                        + "\": 1, \"beside_the_poison\": 2}, \"actuator\": {}}").getBytes(StandardCharsets.UTF_8));
                poisoner.publish(Topics.logs(poisoned), Delivery.LOG,
                        new LogMessage(heartbeat, "a NUL \u0000 in a log entry", "fault-test", LogMessage.ERROR));
                for (String topic : List.of(Topics.heartbeat(poisoned), Topics.logs(poisoned),
                        Topics.value(poisoned, poisonedIds[0]))) {
                    for (String payload : List.of("{not json", "", "[]", "{\"value\": 1}", "{\"timestamp\": \"soon\"}",
                            "{\"this_heartbeats_timestamp\": \"a\", \"next_heartbeats_timestamp\": null}")) {
                        poisoner.publish(topic, 1, false, payload.getBytes(StandardCharsets.UTF_8));
                    }
                }
                poisoner.publish(Topics.heartbeat(poisoned), Delivery.HEARTBEAT,
                        new HeartbeatMessage(heartbeat, heartbeat + 30_000));
                poisoner.publish(Topics.logs(poisoned), Delivery.LOG,
                        new LogMessage(heartbeat, "stored after the poison", "fault-test", LogMessage.INFO));
            }
            for (String name : List.of("tab\tname", "nul\u0000name", "slash/name", "plus+name", "hash#name")) {
                ApiClient.Response answer = rest.post("datapoint/", List.of(sensor(name, "value")));
                assertThat(answer.status()).as("POST /datapoint/ for connector %s: %s", name, answer.body())
                        .isEqualTo(400);
            }
            ApiClient.Response hugeKeyAnswer = rest.post("datapoint/", List.of(sensor(poisoned, hugeKey)));
            assertThat(hugeKeyAnswer.status()).as(hugeKeyAnswer.body()).isEqualTo(400);
        });

        org.awaitility.Awaitility.await("the poisoned connector's heartbeat, log, other key and dead letter")
                .atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("SELECT count(*) FROM connector_heartbeat h JOIN connector c ON c.id = h.connector_id"
                        + " WHERE c.name = ? AND h.last_heartbeat = " + heartbeat, poisoned) == 1
                        && count("SELECT count(*) FROM connector_log_entry l JOIN connector c ON c.id = l.connector_id"
                        + " WHERE c.name = ? AND l.msg = 'stored after the poison'", poisoned) == 1
                        && count("SELECT count(*) FROM datapoint d JOIN connector c ON c.id = d.connector_id"
                        + " WHERE c.name = ? AND d.key_in_connector = 'beside_the_poison'", poisoned) == 1
                        && count("SELECT count(*) FROM dead_letter WHERE topic = ?", Topics.logs(poisoned)) == 1);
        assertThat(count("SELECT count(*) FROM datapoint d JOIN connector c ON c.id = d.connector_id"
                + " WHERE c.name = ? AND length(d.key_in_connector) > 500", poisoned)).isZero();
        assertThat(metrics()).containsPattern("(?m)^bemcom_mqtt_connected(\\{[^}]*\\})? 1\\.0$");
        assertThat(api.isAlive()).isTrue();
        try (BrokerClient cleaner = BrokerClient.connect(brokerSettings(), ClientOptions.named("fault-cleaner"),
                new SimpleMeterRegistry())) {
            cleaner.clearRetained(Topics.availableDatapoints(poisoned));
        }
    }

    /** The api-service's /metrics/ in Prometheus' text format (the REST client asks for JSON). */
    private String metrics() throws Exception {
        String credentials = java.util.Base64.getEncoder().encodeToString(
                (Services.SUPERUSER + ":" + Services.PASSWORD).getBytes(StandardCharsets.UTF_8));
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + apiPort + "/metrics/"))
                        .header("Authorization", "Basic " + credentials).header("Accept", "text/plain").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static Map<String, Object> sensor(String connector, String key) {
        Map<String, Object> datapoint = new LinkedHashMap<>();
        datapoint.put("connector", Map.of("name", connector));
        datapoint.put("key_in_connector", key);
        datapoint.put("type", "sensor");
        return datapoint;
    }

    /** Random letters and digits, which PostgreSQL cannot compress below its index row limit. */
    private static String incompressible(int length) {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** A fault in the middle of a steady publish; afterwards every accepted value must be stored. */
    private void steadyPublishWith(String scenario, Fault fault) throws Exception {
        steadyPublishWith(scenario, fault, true);
    }

    /** A fault in the middle of a steady publish; the report, with zero losses asserted when {@code nothingLost}. */
    private FaultReport steadyPublishWith(String scenario, Fault fault, boolean nothingLost) throws Exception {
        long started = System.nanoTime();
        String connector = TestNames.unique("fault-steady");
        long[] ids = activeDatapoints(connector);
        SteadyPublisher publisher = publisher(connector, ids);
        publisher.start();
        publisher.awaitMore(2_000, Duration.ofMinutes(1));
        fault.run(publisher);
        publisher.awaitMore(4_000, Duration.ofMinutes(2));
        int dropped = publisher.close(Duration.ofMinutes(2));

        FaultReport report = report(scenario, publisher, ids, started,
                "publisher refused " + publisher.refused() + ", dropped " + dropped + " at close");
        assertThat(publisher.refused()).as("publications refused").isZero();
        assertThat(dropped).as("dropped at close").isZero();
        assertThat(report.sent()).as("sent").isEqualTo(publisher.published());
        if (nothingLost) {
            assertThat(report.lost()).as("values lost: %s", report).isZero();
        }
        return report;
    }

    private SteadyPublisher publisher(String connector, long[] ids) {
        return new SteadyPublisher(brokerSettings(), connector, number -> new SteadyPublisher.Outgoing(
                Topics.value(connector, ids[number % ids.length]), Delivery.SENSOR_VALUE,
                new ValueMessage(JsonValues.of(number), BASE_TIME + number)), RATE);
    }

    private BrokerSettings brokerSettings() {
        return BrokerSettings.of(broker.host(), broker.port());
    }

    /**
     * Creates {@value #DATAPOINTS} active sensor datapoints of {@code connector} over REST and waits
     * until the api-service stores a value for them (its subscription is live).
     */
    private long[] activeDatapoints(String connector) throws Exception {
        long[] ids = Services.createActiveSensors(rest, connector, DATAPOINTS);
        try (BrokerClient probe = BrokerClient.connect(brokerSettings(), ClientOptions.named("fault-probe"),
                new SimpleMeterRegistry())) {
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (storedRows(ids, BASE_TIME - 1) == 0) {
                assertThat(System.nanoTime() < deadline).as("the api-service stores a probe value").isTrue();
                probe.publish(Topics.value(connector, ids[0]), Delivery.SENSOR_VALUE,
                        new ValueMessage(JsonValues.of("probe"), BASE_TIME - 1));
                Thread.sleep(500);
            }
        }
        return ids;
    }

    private FaultReport report(String scenario, SteadyPublisher publisher, long[] ids, long startedNanos, String note)
            throws Exception {
        return Tally.await(scenario, publisher, () -> stored(ids), startedNanos, note);
    }

    private static void assertNothingLost(FaultReport report, SteadyPublisher publisher) {
        assertThat(report.sent()).as("sent").isEqualTo(publisher.published());
        assertThat(report.lost()).as("values lost: %s", report).isZero();
    }

    /**
     * The stored message numbers (time - BASE_TIME) of these datapoints, and how many rows were written
     * more than once ({@code xmax} set by {@code ON CONFLICT DO UPDATE}).
     */
    private Tally.Stored stored(long[] ids) {
        BitSet numbers = new BitSet();
        int rewritten = 0;
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("SELECT time, xmax::text::bigint <> 0 FROM "
                     + "datapoint_value WHERE datapoint_id = ANY (?) AND time >= ?")) {
            query.setArray(1, connection.createArrayOf("bigint", java.util.Arrays.stream(ids).boxed().toArray()));
            query.setLong(2, BASE_TIME);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    numbers.set((int) (rows.getLong(1) - BASE_TIME));
                    if (rows.getBoolean(2)) {
                        rewritten++;
                    }
                }
            }
        } catch (SQLException databaseAway) {
            return new Tally.Stored(new BitSet(), 0);
        }
        return new Tally.Stored(numbers, rewritten);
    }

    private int storedRows(long[] ids, long time) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM datapoint_value WHERE datapoint_id = ANY (?) AND time = ?")) {
            query.setArray(1, connection.createArrayOf("bigint", java.util.Arrays.stream(ids).boxed().toArray()));
            query.setLong(2, time);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    @FunctionalInterface
    private interface Fault {
        void run(SteadyPublisher publisher) throws Exception;
    }
}
