package io.bemcom.api.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.bemcom.api.history.MessageTable;

/** Read-only JDBC queries of the admin pages (counts, last messages, paginated history). */
@Component
public class AdminQueries {

    /** A message as the admin shows it: its datapoint, time (ms) and JSON text. */
    public record Row(long datapointId, long time, String json) {
    }

    private final JdbcTemplate jdbc;

    public AdminQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long countDatapoints(long connectorId, boolean activeOnly) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM datapoint WHERE connector_id = ?"
                + (activeOnly ? " AND is_active = ?" : ""), Long.class,
                activeOnly ? new Object[] {connectorId, true} : new Object[] {connectorId});
        return count == null ? 0 : count;
    }

    /** The last message of each given datapoint (active or not), by datapoint id. */
    public Map<Long, Row> last(MessageTable table, Collection<Long> datapointIds) {
        Map<Long, Row> rows = new HashMap<>();
        if (datapointIds.isEmpty()) {
            return rows;
        }
        String sql = "SELECT datapoint_id, time, " + table.column() + " FROM " + table.last() + " WHERE datapoint_id IN ("
                + String.join(",", Collections.nCopies(datapointIds.size(), "?")) + ")";
        jdbc.query(sql, rs -> {
            long time = rs.getLong(2);
            boolean noTime = rs.wasNull();
            rows.put(rs.getLong(1), new Row(rs.getLong(1), noTime ? 0 : time, rs.getString(3)));
        }, datapointIds.toArray());
        return rows;
    }

    /** History newest first, optionally of one datapoint, one page. */
    public List<Row> history(MessageTable table, Long datapointId, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = datapointId == null ? "" : " WHERE datapoint_id = ?";
        if (datapointId != null) {
            args.add(datapointId);
        }
        args.add(size);
        args.add((long) (page - 1) * size);
        return jdbc.query("SELECT datapoint_id, time, " + table.column() + " FROM " + table.history() + where
                + " ORDER BY time DESC, datapoint_id LIMIT ? OFFSET ?",
                (rs, i) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3)), args.toArray());
    }

    public long countHistory(MessageTable table, Long datapointId) {
        Long count = datapointId == null
                ? jdbc.queryForObject("SELECT count(*) FROM " + table.history(), Long.class)
                : jdbc.queryForObject("SELECT count(*) FROM " + table.history() + " WHERE datapoint_id = ?", Long.class,
                        datapointId);
        return count == null ? 0 : count;
    }

    public void updateHistory(MessageTable table, long datapointId, long time, String json, Double numeric) {
        jdbc.update("UPDATE " + table.history() + " SET " + table.column() + " = ?" + (table == MessageTable.VALUE
                ? ", value_num = ?" : "") + " WHERE datapoint_id = ? AND time = ?", table == MessageTable.VALUE
                ? new Object[] {json, numeric, datapointId, time} : new Object[] {json, datapointId, time});
    }

    /** The times of a datapoint's first and last numeric value, or null when it has none. */
    public long[] numericExtent(long datapointId) {
        return jdbc.query("SELECT min(time), max(time) FROM datapoint_value WHERE datapoint_id = ? AND value_num IS NOT NULL",
                rs -> {
                    if (!rs.next()) {
                        return null;
                    }
                    long first = rs.getLong(1);
                    return rs.wasNull() ? null : new long[] {first, rs.getLong(2)};
                }, datapointId);
    }

    /** Numeric values of a datapoint in [from, to], oldest first, thinned to at most {@code max} points. */
    public List<double[]> numericSeries(long datapointId, long from, long to, int max) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM datapoint_value WHERE datapoint_id = ? AND time >= ?"
                + " AND time <= ? AND value_num IS NOT NULL", Long.class, datapointId, from, to);
        long n = count == null ? 0 : count;
        long stride = Math.max(1, (n + max - 1) / max);
        List<double[]> points = new ArrayList<>();
        long[] index = {0};
        jdbc.query("SELECT time, value_num FROM datapoint_value WHERE datapoint_id = ? AND time >= ? AND time <= ?"
                + " AND value_num IS NOT NULL ORDER BY time", rs -> {
                    if (index[0]++ % stride == 0) {
                        points.add(new double[] {rs.getLong(1), rs.getDouble(2)});
                    }
                }, datapointId, from, to);
        return points;
    }
}
