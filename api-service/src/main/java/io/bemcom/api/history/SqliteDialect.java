package io.bemcom.api.history;

import java.util.List;

/**
 * SQLite: the interval is parsed here (PostgreSQL's syntax) and buckets are integer arithmetic,
 * counted from Monday 2000-01-03 as TimescaleDB's {@code time_bucket} counts them.
 */
public final class SqliteDialect implements SqlDialect {

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    public boolean isSqlite() {
        return true;
    }

    @Override
    public String bucketQuery(String interval, TimeFilter filter, long datapointId, List<Object> args) {
        long width = Intervals.toMillis(interval).orElseThrow(() -> new InvalidIntervalException(interval, null));
        args.add(datapointId);
        // Floor division that also holds for times before the origin.
        String bucket = "(time - ((((time - " + SqlDialect.BUCKET_ORIGIN_MS + ") % " + width + ") + " + width + ") % "
                + width + "))";
        return "SELECT " + bucket + " AS bucket, avg(value_num) AS avg_value FROM datapoint_value"
                + " WHERE datapoint_id = ?" + filter.sql("time", args) + " GROUP BY 1 ORDER BY 1";
    }

    @Override
    public boolean isInvalidInterval(Exception failure) {
        return failure instanceof InvalidIntervalException;
    }
}
