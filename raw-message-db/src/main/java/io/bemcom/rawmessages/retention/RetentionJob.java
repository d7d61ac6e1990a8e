package io.bemcom.rawmessages.retention;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.rawmessages.storage.RawMessageStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Deletes raw messages and rejects received longer ago than {@code RAW_MESSAGE_RETENTION_DAYS}:
 * at start and then every hour. Off when no retention is configured (the original kept
 * everything).
 */
public final class RetentionJob implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final RawMessageStore store;
    private final Clock clock;
    private final Optional<Duration> retention;
    private final Counter deleted;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "raw-message-retention");
        thread.setDaemon(true);
        return thread;
    });

    public RetentionJob(RawMessageStore store, Clock clock, Optional<Duration> retention, MeterRegistry registry) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
        this.deleted = Counter.builder("bemcom.rawmessages.retention.deleted").register(registry);
    }

    public void start() {
        if (retention.isEmpty()) {
            log.info("Retention is off: raw messages are kept for good.");
            return;
        }
        log.info("Raw messages are kept for {} day(s).", retention.get().toDays());
        timer.scheduleWithFixedDelay(this::runSafely, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Deletes what is older than the retention now; returns how many rows. */
    public int runOnce() throws SQLException {
        if (retention.isEmpty()) {
            return 0;
        }
        long cutoff = clock.millis() - retention.get().toMillis();
        int rows = store.deleteReceivedBefore(cutoff);
        deleted.increment(rows);
        if (rows > 0) {
            log.info("Deleted {} raw message(s) and reject(s) received before {}.", rows,
                    Instant.ofEpochMilli(cutoff));
        }
        return rows;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (SQLException | RuntimeException e) {
            log.warn("Deleting old raw messages failed ({}); trying again in {}.", e.toString(), INTERVAL);
        }
    }
}
