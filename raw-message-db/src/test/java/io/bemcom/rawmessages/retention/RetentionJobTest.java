package io.bemcom.rawmessages.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.bemcom.rawmessages.storage.Dialect;
import io.bemcom.rawmessages.storage.RawMessageRow;
import io.bemcom.rawmessages.storage.RawMessageStore;
import io.bemcom.rawmessages.storage.RejectRow;
import io.bemcom.rawmessages.testing.MigratedDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class RetentionJobTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final long DAY = Duration.ofDays(1).toMillis();
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    private static void fill(RawMessageStore store) throws SQLException {
        store.write(List.of(
                        new RawMessageRow("m", 1, "a", "1", null, "m/raw_message_to_db", NOW - 3 * DAY),
                        new RawMessageRow("m", 2, "b", "2", null, "m/raw_message_to_db", NOW - 2 * DAY + 1),
                        new RawMessageRow("m", 3, "c", "3", null, "m/raw_message_to_db", NOW)),
                List.of(new RejectRow("m/raw_message_to_db", "x", "y", NOW - 5 * DAY)));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void deletesWhatWasReceivedBeforeTheRetention(Dialect dialect) throws SQLException {
        try (MigratedDatabase database = MigratedDatabase.of(dialect)) {
            RawMessageStore store = new RawMessageStore(database.dataSource(), dialect);
            fill(store);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            RetentionJob job = new RetentionJob(store, clock, Optional.of(Duration.ofDays(2)), registry);

            assertThat(job.runOnce()).isEqualTo(2);

            assertThat(database.jdbc.queryForList("SELECT message_timestamp FROM raw_message ORDER BY 1", Long.class))
                    .containsExactly(2L, 3L);
            assertThat(database.countRejects()).isZero();
            assertThat(registry.get("bemcom.rawmessages.retention.deleted").counter().count()).isEqualTo(2.0);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void keepsEverythingWhenRetentionIsOff(Dialect dialect) throws SQLException {
        try (MigratedDatabase database = MigratedDatabase.of(dialect)) {
            RawMessageStore store = new RawMessageStore(database.dataSource(), dialect);
            fill(store);
            RetentionJob job = new RetentionJob(store, clock, Optional.empty(), new SimpleMeterRegistry());

            job.start();

            assertThat(job.runOnce()).isZero();
            assertThat(database.countMessages()).isEqualTo(3);
            job.close();
        }
    }
}
