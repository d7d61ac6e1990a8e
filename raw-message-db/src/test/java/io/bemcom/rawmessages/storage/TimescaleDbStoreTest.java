package io.bemcom.rawmessages.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.bemcom.rawmessages.testing.MigratedDatabase;
import io.bemcom.testsupport.RequiresTimescaleDb;

/**
 * The store on a real TimescaleDB (skipped without {@code TEST_TIMESCALEDB_HOST}): migration V2
 * makes {@code raw_message} a hypertable, and the idempotent write and the retention work on it
 * across chunks.
 */
@ExtendWith(RequiresTimescaleDb.class)
class TimescaleDbStoreTest {

    private static final long WEEK = 604_800_000L;

    @Test
    void rawMessageIsAHypertableThatStoresEachMessageOnceAndForgetsOldOnes() throws SQLException {
        try (MigratedDatabase database = MigratedDatabase.onTimescaleDb()) {
            assertThat(database.jdbc.queryForList("SELECT hypertable_name FROM timescaledb_information.hypertables",
                    String.class)).containsExactly("raw_message");
            RawMessageStore store = new RawMessageStore(database.dataSource(), Dialect.POSTGRESQL);
            List<RawMessageRow> messages = List.of(row(1_700_000_000_000L, "1", 100), row(1_700_000_000_000L + WEEK, "2", 200),
                    row(1_700_000_000_000L + 2 * WEEK, "3", 300));

            assertThat(store.write(messages, List.of())).isEqualTo(new WriteResult(3, 0, 0));
            // The same messages again (a redelivery after a crash): nothing new, in every chunk.
            assertThat(store.write(messages, List.of())).isEqualTo(new WriteResult(0, 3, 0));
            assertThat(database.jdbc.queryForObject("SELECT count(*) FROM timescaledb_information.chunks"
                    + " WHERE hypertable_name = 'raw_message'", Integer.class)).isGreaterThanOrEqualTo(2);

            assertThat(store.deleteReceivedBefore(250)).isEqualTo(2);
            assertThat(database.countMessages()).isEqualTo(1);
        }
    }

    private static RawMessageRow row(long timestamp, String json, long receivedAt) {
        return new RawMessageRow("meter", timestamp, "hash-of-" + json, json, null, "meter/raw_message_to_db",
                receivedAt);
    }
}
