package io.bemcom.api.history;

import java.sql.SQLException;
import java.util.List;

/** PostgreSQL: TimescaleDB's {@code time_bucket} when the hypertables exist, else {@code date_bin}. */
public final class PostgresDialect implements SqlDialect {

    private final boolean timescale;

    public PostgresDialect(boolean timescale) {
        this.timescale = timescale;
    }

    @Override
    public String name() {
        return timescale ? "TimescaleDB" : "PostgreSQL";
    }

    @Override
    public boolean isSqlite() {
        return false;
    }

    public boolean timescale() {
        return timescale;
    }

    @Override
    public String bucketQuery(String interval, TimeFilter filter, long datapointId, List<Object> args) {
        args.add(interval);
        args.add(datapointId);
        // As the original: TimescaleDB's time_bucket on timestamps (calendar months, weeks from
        // Monday 2000-01-03); without it date_bin from that same origin (no months or years).
        String bucket = timescale
                ? "CAST(extract(epoch FROM time_bucket(CAST(? AS interval), to_timestamp(time / 1000.0))) * 1000 AS BIGINT)"
                : "CAST(extract(epoch FROM date_bin(CAST(? AS interval), to_timestamp(time / 1000.0), "
                        + "TIMESTAMPTZ '2000-01-03 00:00:00+00')) * 1000 AS BIGINT)";
        return "SELECT " + bucket + " AS bucket, avg(value_num) AS avg_value FROM datapoint_value"
                + " WHERE datapoint_id = ?" + filter.sql("time", args) + " GROUP BY 1 ORDER BY 1";
    }

    @Override
    public boolean isInvalidInterval(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // 22xxx: not an interval, not positive, ...; 0A000: date_bin and months or years.
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().equals("0A000"))) {
                return true;
            }
        }
        return false;
    }
}
