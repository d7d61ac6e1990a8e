package io.bemcom.rawmessages.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.bemcom.protocol.Topics;
import io.bemcom.rawmessages.storage.Dialect;
import io.bemcom.rawmessages.testing.MigratedDatabase;
import io.bemcom.rawmessages.testing.Pipeline;
import io.bemcom.rawmessages.testing.Publisher;
import io.bemcom.testsupport.RestartableBroker;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;

/** Ingestion against a real broker and a real database, PostgreSQL and SQLite. */
class RawMessageIngestTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final TestBroker broker = TestBrokers.shared();
    private final String connector = TestNames.unique("raw-test");
    private final String topic = Topics.rawMessageToDb(connector);
    private final String clientId = TestNames.unique("raw-message-db-test");
    private final Publisher publisher = new Publisher(broker);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        publisher.forgetSession(clientId);
        publisher.close();
    }

    private MigratedDatabase database(Dialect dialect) {
        MigratedDatabase database = MigratedDatabase.of(dialect);
        toClose.add(database);
        return database;
    }

    private Pipeline pipeline(MigratedDatabase database) {
        Pipeline pipeline = new Pipeline(database, broker, clientId, topic);
        toClose.add(pipeline);
        return pipeline;
    }

    private static String message(int n) {
        return "{\"raw_message\": \"reading " + n + "\", \"timestamp\": " + (1_700_000_000_000L + n) + "}";
    }

    private void publishMessages(int from, int to) {
        for (int n = from; n < to; n++) {
            publisher.publish(topic, message(n));
        }
    }

    private static void awaitMessages(MigratedDatabase database, long count) {
        await().atMost(PATIENCE).ignoreExceptions()
                .untilAsserted(() -> assertThat(database.countMessages()).isEqualTo(count));
    }

    private static void assertEachStoredOnce(MigratedDatabase database, int count) {
        assertThat(database.countMessages()).isEqualTo(count);
        assertThat(database.jdbc.queryForObject("SELECT COUNT(DISTINCT message_timestamp) FROM raw_message",
                Long.class)).isEqualTo(count);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void storesBothEnvelopes(Dialect dialect) {
        MigratedDatabase database = database(dialect);
        pipeline(database);

        publisher.publish(topic, "{\"raw_message\": \"01 03 02 00 2a\", \"timestamp\": 1700000000000}");
        publisher.publish(topic, "{\"payload\": {\"raw_message\": {\"power\": [1, 2.5]}, \"timestamp\": 1700000000001},"
                + " \"connector_version\": \"0.8.0\"}");

        awaitMessages(database, 2);
        List<Map<String, Object>> rows = database.jdbc.queryForList("SELECT connector, raw_message, connector_version, "
                + "topic FROM raw_message ORDER BY message_timestamp");
        assertThat(rows.get(0)).containsEntry("connector", connector).containsEntry("raw_message", "\"01 03 02 00 2a\"")
                .containsEntry("topic", topic);
        assertThat(rows.get(0).get("connector_version")).isNull();
        assertThat(rows.get(1)).containsEntry("raw_message", "{\"power\":[1,2.5]}")
                .containsEntry("connector_version", "0.8.0");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void storesAMessageThatArrivesTwiceOnce(Dialect dialect) {
        MigratedDatabase database = database(dialect);
        Pipeline pipeline = pipeline(database);

        publisher.publish(topic, message(1));
        publisher.publish(topic, message(1));
        publisher.publish(topic, message(2));

        await().atMost(PATIENCE).until(() -> pipeline.counter("bemcom.rawmessages.ingest.messages.duplicate") == 1.0);
        assertEachStoredOnce(database, 2);
        assertThat(pipeline.counter("bemcom.rawmessages.ingest.messages.stored")).isEqualTo(2.0);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void keepsMalformedPayloadsInTheRejectsTableAndCarriesOn(Dialect dialect) {
        MigratedDatabase database = database(dialect);
        Pipeline pipeline = pipeline(database);

        publisher.publish(topic, "{not json");
        publisher.publish(topic, "{\"raw_message\": 1}");
        publisher.publish(topic, "");
        publisher.publish(topic, "[1, 2]");
        publisher.publish(topic, "{\"payload\": {\"raw_message\": 1}, \"connector_version\": \"0.8.0\"}");
        publisher.publish(topic, message(1));

        awaitMessages(database, 1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(database.countRejects()).isEqualTo(5));
        List<Map<String, Object>> rejects = database.jdbc.queryForList(
                "SELECT topic, payload, reason, received_at FROM raw_message_reject ORDER BY id");
        assertThat(rejects).allSatisfy(reject -> {
            assertThat(reject.get("topic")).isEqualTo(topic);
            assertThat(((Number) reject.get("received_at")).longValue()).isPositive();
        });
        assertThat(rejects).extracting(reject -> reject.get("payload")).contains("{not json", "", "[1, 2]");
        assertThat(rejects).extracting(reject -> reject.get("reason")).contains("'timestamp': missing",
                "'payload.timestamp': missing");
        assertThat(pipeline.counter("bemcom.rawmessages.ingest.messages.rejected")).isEqualTo(5.0);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void losesNothingWhileTheTableCannotBeWritten(Dialect dialect) {
        MigratedDatabase database = database(dialect);
        Pipeline pipeline = pipeline(database);
        publishMessages(0, 5);
        awaitMessages(database, 5);

        database.execute("ALTER TABLE raw_message RENAME TO raw_message_away");
        publishMessages(5, 25);
        await().atMost(PATIENCE).until(() -> pipeline.counter("bemcom.rawmessages.ingest.write.retries") >= 2);
        database.execute("ALTER TABLE raw_message_away RENAME TO raw_message");

        awaitMessages(database, 25);
        assertEachStoredOnce(database, 25);
        assertThat(pipeline.counter("bemcom.rawmessages.ingest.messages.stored")).isEqualTo(25.0);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void storesWhatWasNotAcknowledgedBeforeAStopOnceAfterTheRestart(Dialect dialect) {
        MigratedDatabase database = database(dialect);
        Pipeline first = new Pipeline(database, broker, clientId, topic);
        publishMessages(0, 3);
        awaitMessages(database, 3);
        database.execute("ALTER TABLE raw_message RENAME TO raw_message_away");
        publishMessages(3, 13);
        await().atMost(PATIENCE).until(() -> first.counter("bemcom.rawmessages.ingest.write.retries") >= 1);

        first.close(); // stops with ten messages received but neither stored nor acknowledged
        database.execute("ALTER TABLE raw_message_away RENAME TO raw_message");
        assertThat(database.countMessages()).isEqualTo(3);
        pipeline(database);

        awaitMessages(database, 13);
        assertEachStoredOnce(database, 13);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void storesABurstInBatches(Dialect dialect) {
        // The stock Mosquitto drops beyond 1,000 queued messages per client; a broker configured
        // like the one we ship does not (protocol.md, "Delivery").
        try (RestartableBroker shipped = TestBrokers.restartable();
             Publisher burst = new Publisher(shipped)) {
            MigratedDatabase database = database(dialect);
            Pipeline pipeline = new Pipeline(database, shipped, clientId, topic);
            toClose.add(pipeline);

            for (int n = 0; n < 3000; n++) {
                burst.publish(topic, message(n));
            }

            awaitMessages(database, 3000);
            assertEachStoredOnce(database, 3000);
            assertThat(pipeline.registry.get("bemcom.rawmessages.ingest.write.latency").timer().count())
                    .isLessThan(3000);
            pipeline.close();
        }
    }

    @Test
    void losesNothingWhenPostgresqlDropsItsConnections() {
        MigratedDatabase database = database(Dialect.POSTGRESQL);
        Pipeline pipeline = pipeline(database);
        String terminate = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                + database.settings().databaseName() + "' AND pid <> pg_backend_pid()";

        for (int round = 0; round < 5; round++) {
            publishMessages(round * 20, round * 20 + 20);
            database.execute(terminate);
        }

        awaitMessages(database, 100);
        assertEachStoredOnce(database, 100);
        // A commit whose answer was lost with its connection is written again and found there.
        assertThat(pipeline.counter("bemcom.rawmessages.ingest.messages.stored")
                + pipeline.counter("bemcom.rawmessages.ingest.messages.duplicate"))
                .isGreaterThanOrEqualTo(100.0);
    }

    @Test
    void keepsAMessagePostgresqlRefusesAsARejectAndStoresTheRest() {
        MigratedDatabase database = database(Dialect.POSTGRESQL);
        Pipeline pipeline = pipeline(database);

        publisher.publish(topic, message(1));
        // A NUL character cannot be stored in a PostgreSQL text column.
        publisher.publish(topic, "{\"payload\": {\"raw_message\": \"x\", \"timestamp\": 5}, "
                + "\"connector_version\": \"0.8\\u0000\"}");
        publisher.publish(topic, message(2));

        awaitMessages(database, 2);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(database.countRejects()).isEqualTo(1));
        assertThat(database.jdbc.queryForObject("SELECT reason FROM raw_message_reject", String.class))
                .startsWith("database refused it");
        assertThat(pipeline.registry.get("bemcom.rawmessages.ingest.messages.rejected")
                .tag("reason", "database_refused")
                .counter().count()).isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void keepsAMessageWhoseConnectorNameIsTooLongForTheIndexAsARejectAndStoresTheRest(Dialect dialect) {
        // 12,000 incompressible characters: PostgreSQL could not put the name into the primary
        // key's index (SQLSTATE 54000); the intake refuses it before, on both databases.
        String longTopic = Topics.rawMessageToDb(connector + "-" + incompressible(12_000));
        MigratedDatabase database = database(dialect);
        Pipeline pipeline = new Pipeline(database, broker, clientId, longTopic);
        toClose.add(pipeline);

        publisher.publish(longTopic, message(1));
        publisher.publish(longTopic, message(2));
        awaitRejects(database, 2);
        assertThat(database.jdbc.queryForList("SELECT reason FROM raw_message_reject", String.class))
                .allSatisfy(reason -> assertThat(reason).contains("characters; at most 500"));
        assertThat(database.jdbc.queryForList("SELECT payload FROM raw_message_reject ORDER BY id", String.class))
                .containsExactly(message(1), message(2));
        assertThat(pipeline.registry.get("bemcom.rawmessages.ingest.messages.rejected")
                .tag("reason", "connector_name_too_long")
                .counter().count()).isEqualTo(2.0);
        pipeline.close();

        // The writer is not stuck: what follows on an ordinary topic is stored.
        pipeline(database);
        publishMessages(0, 3);
        awaitMessages(database, 3);
    }

    private static void awaitRejects(MigratedDatabase database, long count) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(database.countRejects()).isEqualTo(count));
    }

    /** Random letters and digits, which PostgreSQL's compression cannot shrink. */
    static String incompressible(int length) {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
