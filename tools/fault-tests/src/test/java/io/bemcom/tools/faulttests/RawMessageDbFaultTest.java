package io.bemcom.tools.faulttests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.BitSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.RawMessage;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.protocol.mqtt.Delivery;
import io.bemcom.testsupport.MosquittoProcess;
import io.bemcom.testsupport.PostgresCluster;
import io.bemcom.testsupport.TestDatabase;
import io.bemcom.testsupport.TestNames;
import io.bemcom.tools.localrunner.ServiceProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The raw-message-db jar (persistent session, acknowledges after commit) on a PostgreSQL of the
 * test's own, while a connector's broker client publishes raw messages steadily and the broker (as
 * shipped) restarts. Duplicates cannot be seen here: the store is idempotent (its key is connector,
 * timestamp and payload hash), so a message delivered twice is stored once.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class RawMessageDbFaultTest {

    /** The service\'s working folder (a copy of its jar); deleted after the test. */
    @TempDir
    Path work;

    private static final long BASE_TIME = 1_700_000_000_000L;

    private MosquittoProcess broker;
    private PostgresCluster postgres;
    private TestDatabase database;
    private ServiceProcess rawMessageDb;

    @AfterEach
    void stopEverything() {
        Services.stopAll(rawMessageDb, broker, postgres);
    }

    @Test
    void aBrokerRestartDuringASteadyPublishLosesNoRawMessage() throws Exception {
        assumeTrue(MosquittoProcess.available(), "needs Mosquitto installed");
        assumeTrue(PostgresCluster.available(), "needs PostgreSQL server binaries in /usr/lib/postgresql");
        long started = System.nanoTime();
        broker = ShippedMosquitto.launch();
        postgres = PostgresCluster.start();
        database = postgres.createDatabase();
        rawMessageDb = Services.start(Services.rawMessageDb(work, broker, database,
                TestNames.unique("fault-raw"), "+/raw_message_to_db"), System.out);
        String connector = TestNames.unique("fault-raw-connector");
        awaitStoring(connector);

        SteadyPublisher publisher = new SteadyPublisher(BrokerSettings.of(broker.host(), broker.port()), connector,
                number -> new SteadyPublisher.Outgoing(Topics.rawMessageToDb(connector), Delivery.RAW_MESSAGE,
                        new RawMessage(JsonValues.of("frame " + number), BASE_TIME + number)), 300);
        publisher.start();
        publisher.awaitMore(1_500, Duration.ofMinutes(1));
        broker.stop();
        Thread.sleep(2_000);
        broker.start();
        publisher.awaitMore(3_000, Duration.ofMinutes(2));
        int dropped = publisher.close(Duration.ofMinutes(2));

        FaultReport report = Tally.await("raw-message-db, broker restarted during 300 raw messages/s", publisher,
                () -> stored(connector, BASE_TIME), started, "publisher refused " + publisher.refused() + ", dropped " + dropped
                        + " at close; duplicates absorbed by the idempotent key");
        assertThat(publisher.refused()).isZero();
        assertThat(dropped).isZero();
        assertThat(report.lost()).as("raw messages lost: %s", report).isZero();
    }

    /** Publishes a probe raw message until the service has stored one: it is subscribed and writing. */
    private void awaitStoring(String connector) throws Exception {
        try (BrokerClient probe = BrokerClient.connect(BrokerSettings.of(broker.host(), broker.port()),
                ClientOptions.named("fault-probe"), new SimpleMeterRegistry())) {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (stored(connector, BASE_TIME - 1).numbers().isEmpty()) {
                assertThat(rawMessageDb.isAlive()).as("raw-message-db running").isTrue();
                assertThat(System.nanoTime() < deadline).as("the raw-message-db stores a probe message").isTrue();
                probe.publish(Topics.rawMessageToDb(connector), Delivery.RAW_MESSAGE,
                        new RawMessage(JsonValues.of("probe"), BASE_TIME - 1));
                Thread.sleep(500);
            }
        }
    }

    /** The numbers (timestamp - {@code from}) of the connector's stored raw messages from {@code from} on. */
    private Tally.Stored stored(String connector, long from) {
        BitSet numbers = new BitSet();
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT message_timestamp FROM raw_message WHERE connector = ? AND message_timestamp >= ?")) {
            query.setString(1, connector);
            query.setLong(2, from);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    numbers.set((int) (rows.getLong(1) - from));
                }
            }
        } catch (SQLException notYet) {
            // the service has not created its table yet, or the database is away: nothing counted now
        }
        return new Tally.Stored(numbers, -1);
    }
}
