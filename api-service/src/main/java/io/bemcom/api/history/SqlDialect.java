package io.bemcom.api.history;

import java.util.List;

/**
 * The per-database SQL of the history: bucketing for {@code interval} (TimescaleDB
 * {@code time_bucket}, PostgreSQL {@code date_bin}, SQLite integer arithmetic). Everything else
 * is the same SQL on every database.
 */
public interface SqlDialect {

    /**
     * Where fixed-length buckets start counting: Monday 2000-01-03 00:00 UTC, TimescaleDB's
     * {@code time_bucket} origin, so that weekly buckets start on Mondays as in the original.
     */
    long BUCKET_ORIGIN_MS = 946_857_600_000L;

    String name();

    boolean isSqlite();

    /**
     * SQL selecting {@code bucket} (bucket start, ms) and {@code avg_value} from
     * {@code datapoint_value} for one datapoint, oldest bucket first. Its arguments are appended
     * to {@code args}: the interval first, then the datapoint id, then the time filter.
     */
    String bucketQuery(String interval, TimeFilter filter, long datapointId, List<Object> args);

    /** Whether a failed bucket query failed because the interval is not valid. */
    boolean isInvalidInterval(Exception failure);
}
