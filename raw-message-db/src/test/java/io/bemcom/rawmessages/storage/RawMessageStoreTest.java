package io.bemcom.rawmessages.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.bemcom.protocol.ingest.DatabaseFailure;
import io.bemcom.rawmessages.testing.MigratedDatabase;

/** The store on both databases, migrated by the service's Flyway scripts. */
class RawMessageStoreTest {

    private static RawMessageRow row(String connector, long timestamp, String json, long receivedAt) {
        return new RawMessageRow(connector, timestamp, "hash-of-" + json, json, null,
                connector + "/raw_message_to_db", receivedAt);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void writesMessagesAndRejectsInOneCommit(Dialect dialect) throws SQLException {
        try (MigratedDatabase database = MigratedDatabase.of(dialect)) {
            RawMessageStore store = new RawMessageStore(database.dataSource(), dialect);

            WriteResult result = store.write(
                    List.of(new RawMessageRow("meter", 1_700_000_000_000L, "abc", "{\"v\":[1,2]}", "0.8.0",
                            "meter/raw_message_to_db", 1_700_000_000_500L)),
                    List.of(new RejectRow("meter/raw_message_to_db", "{not json", "not valid JSON", 7L)));

            assertThat(result).isEqualTo(new WriteResult(1, 0, 1));
            assertThat(database.jdbc.queryForMap("SELECT * FROM raw_message")).containsAllEntriesOf(Map.of(
                    "connector", "meter", "payload_hash", "abc", "raw_message", "{\"v\":[1,2]}",
                    "connector_version", "0.8.0", "topic", "meter/raw_message_to_db"));
            assertThat(database.jdbc.queryForObject("SELECT message_timestamp FROM raw_message", Long.class))
                    .isEqualTo(1_700_000_000_000L);
            assertThat(database.jdbc.queryForObject("SELECT received_at FROM raw_message", Long.class))
                    .isEqualTo(1_700_000_000_500L);
            assertThat(database.jdbc.queryForMap("SELECT topic, payload, reason FROM raw_message_reject"))
                    .containsAllEntriesOf(Map.of("topic", "meter/raw_message_to_db", "payload", "{not json",
                            "reason", "not valid JSON"));
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void storesAMessageOnlyOnceWhateverHowOftenItArrives(Dialect dialect) throws SQLException {
        try (MigratedDatabase database = MigratedDatabase.of(dialect)) {
            RawMessageStore store = new RawMessageStore(database.dataSource(), dialect);
            store.write(List.of(row("meter", 1, "\"x\"", 10)), List.of());

            WriteResult again = store.write(List.of(row("meter", 1, "\"x\"", 20), row("meter", 1, "\"x\"", 30),
                    row("meter", 2, "\"x\"", 30), row("other", 1, "\"x\"", 30), row("meter", 1, "\"y\"", 30)),
                    List.of());

            assertThat(again).isEqualTo(new WriteResult(3, 2, 0));
            assertThat(database.countMessages()).isEqualTo(4);
            assertThat(database.jdbc.queryForObject("SELECT received_at FROM raw_message WHERE connector = 'meter' "
                    + "AND message_timestamp = 1 AND raw_message = '\"x\"'", Long.class))
                    .as("the first copy is kept").isEqualTo(10L);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void deletesWhatWasReceivedBeforeTheCutoff(Dialect dialect) throws SQLException {
        try (MigratedDatabase database = MigratedDatabase.of(dialect)) {
            RawMessageStore store = new RawMessageStore(database.dataSource(), dialect);
            store.write(List.of(row("meter", 1, "1", 100), row("meter", 2, "2", 200)),
                    List.of(new RejectRow("t", "p", "r", 100), new RejectRow("t", "p", "r", 200)));

            int deleted = store.deleteReceivedBefore(200);

            assertThat(deleted).isEqualTo(2);
            assertThat(database.countMessages()).isEqualTo(1);
            assertThat(database.countRejects()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void indexesMessagesByConnectorAndTimeAndByReceiveTime(Dialect dialect) {
        try (MigratedDatabase database = MigratedDatabase.of(dialect)) {
            String sql = dialect == Dialect.POSTGRESQL
                    ? "SELECT indexdef FROM pg_indexes WHERE tablename IN ('raw_message', 'raw_message_reject')"
                    : "SELECT sql FROM sqlite_master WHERE type IN ('index', 'table') AND sql IS NOT NULL";
            String definitions = String.join("\n", database.jdbc.queryForList(sql, String.class));

            assertThat(definitions).containsIgnoringWhitespaces("(connector, message_timestamp, payload_hash)");
            assertThat(definitions).contains("raw_message_received_at_idx");
            assertThat(definitions).contains("raw_message_reject_received_at_idx");
        }
    }

    @Test
    void postgresqlRefusesDataItCannotHoldAsData() {
        try (MigratedDatabase database = MigratedDatabase.of(Dialect.POSTGRESQL)) {
            RawMessageStore store = new RawMessageStore(database.dataSource(), Dialect.POSTGRESQL);
            RawMessageRow nul = new RawMessageRow("meter", 1, "h", "1", "0.8\u0000", "meter/raw_message_to_db", 1);

            assertThatThrownBy(() -> store.write(List.of(nul), List.of()))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(DatabaseFailure.of(e)).isEqualTo(DatabaseFailure.REFUSED_DATA));
            assertThat(database.countMessages()).isZero();
        }
    }

    @Test
    void postgresqlMigrationsSucceedWithOrWithoutTimescaleDb() {
        try (MigratedDatabase database = MigratedDatabase.of(Dialect.POSTGRESQL)) {
            boolean available = database.jdbc.queryForObject(
                    "SELECT COUNT(*) FROM pg_available_extensions WHERE name = 'timescaledb'", Long.class) > 0;

            assertThat(database.jdbc.queryForObject(
                    "SELECT COUNT(*) FROM flyway_schema_history WHERE success", Long.class)).isEqualTo(2L);
            if (!available) {
                assertThat(database.jdbc.queryForObject(
                        "SELECT COUNT(*) FROM pg_extension WHERE extname = 'timescaledb'", Long.class)).isZero();
            }
            assertThat(database.countMessages()).isZero();
        }
    }
}
