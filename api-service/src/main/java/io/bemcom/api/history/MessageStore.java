package io.bemcom.api.history;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.stereotype.Repository;

import io.bemcom.api.config.ApiSettings;

/**
 * Value, schedule and setpoint messages in the database: batched JDBC writes for ingestion and
 * the REST bulk upsert, and the queries of the REST endpoints. No ORM on this path.
 */
@Repository
public class MessageStore {

    private final JdbcTemplate jdbc;
    private final SqlDialect dialect;
    private final ApplicationEventPublisher events;

    public MessageStore(JdbcTemplate jdbc, SqlDialect dialect, ApiSettings settings, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.events = events;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    // ------------------------------------------------------------------ writing

    /**
     * Stores a batch of received messages of one kind, in arrival order: into the history (when
     * enabled; a repeated timestamp overwrites) and into the last-message table, where the message
     * with the newest timestamp wins (on equal timestamps the later arrival). Runs in the caller's
     * transaction, and announces the batch as {@link MessagesStored} (for the live push, after commit).
     */
    public void ingest(MessageTable table, List<StoredMessage> batch, boolean history) {
        if (batch.isEmpty()) {
            return;
        }
        if (history) {
            writeHistory(table, dedupeByTime(batch));
        }
        Map<Long, StoredMessage> newest = new LinkedHashMap<>();
        for (StoredMessage message : batch) {
            newest.merge(message.datapointId(), message, (old, candidate) -> candidate.time() >= old.time() ? candidate : old);
        }
        String sql = "INSERT INTO " + table.last() + " (datapoint_id, " + table.column() + ", time) VALUES (?, ?, ?)"
                + " ON CONFLICT (datapoint_id) DO UPDATE SET " + table.column() + " = excluded." + table.column()
                + ", time = excluded.time WHERE excluded.time >= " + table.last() + ".time";
        jdbc.batchUpdate(sql, newest.values(), newest.size(), (ps, message) -> {
            ps.setLong(1, message.datapointId());
            ps.setString(2, message.json());
            ps.setLong(3, message.time());
        });
        events.publishEvent(new MessagesStored(table, List.copyOf(batch)));
    }

    private void writeHistory(MessageTable table, Collection<StoredMessage> messages) {
        if (table == MessageTable.VALUE) {
            String sql = "INSERT INTO datapoint_value (datapoint_id, time, value, value_num) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (datapoint_id, time) DO UPDATE SET value = excluded.value,"
                    + " value_num = excluded.value_num";
            jdbc.batchUpdate(sql, messages, messages.size(), VALUE_SETTER);
        } else {
            String sql = "INSERT INTO " + table.history() + " (datapoint_id, time, " + table.column()
                    + ") VALUES (?, ?, ?) ON CONFLICT (datapoint_id, time) DO UPDATE SET " + table.column()
                    + " = excluded." + table.column();
            jdbc.batchUpdate(sql, messages, messages.size(), (ps, message) -> {
                ps.setLong(1, message.datapointId());
                ps.setLong(2, message.time());
                ps.setString(3, message.json());
            });
        }
    }

    private static final ParameterizedPreparedStatementSetter<StoredMessage> VALUE_SETTER = (ps, message) -> {
        ps.setLong(1, message.datapointId());
        ps.setLong(2, message.time());
        ps.setString(3, message.json());
        setNullableDouble(ps, 4, message.numeric());
    };

    private static void setNullableDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    /** The last of several messages with the same datapoint and timestamp (one statement may not hit a row twice). */
    private static Collection<StoredMessage> dedupeByTime(List<StoredMessage> batch) {
        Map<String, StoredMessage> unique = new LinkedHashMap<>();
        for (StoredMessage message : batch) {
            String key = message.datapointId() + ":" + message.time();
            unique.remove(key);
            unique.put(key, message);
        }
        return unique.values();
    }

    public record UpsertResult(int created, int updated) {
    }

    /**
     * The REST bulk upsert ({@code PUT /datapoint/{id}/value/}): history only, keyed by timestamp;
     * the last-message table is not touched, as in the original.
     */
    public UpsertResult upsertHistory(MessageTable table, long datapointId, List<StoredMessage> messages) {
        if (messages.isEmpty()) {
            return new UpsertResult(0, 0);
        }
        List<StoredMessage> unique = new ArrayList<>(dedupeByTime(messages));
        Set<Long> existing = new HashSet<>();
        List<Long> times = unique.stream().map(StoredMessage::time).toList();
        if (dialect.isSqlite()) {
            for (int start = 0; start < times.size(); start += 500) {
                List<Long> chunk = times.subList(start, Math.min(times.size(), start + 500));
                String placeholders = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                List<Object> args = new ArrayList<>();
                args.add(datapointId);
                args.addAll(chunk);
                existing.addAll(jdbc.queryForList("SELECT time FROM " + table.history() + " WHERE datapoint_id = ? AND time IN ("
                        + placeholders + ")", Long.class, args.toArray()));
            }
        } else {
            // One array parameter: the index condition stays (datapoint_id, time) also in the generic plan
            // that PostgreSQL uses for a prepared statement after five runs. With a list of 500 parameters
            // that plan read every row of the datapoint and compared it with the list (0.85 s at 50,000 rows).
            existing.addAll(jdbc.query(connection -> {
                java.sql.PreparedStatement statement = connection.prepareStatement(
                        "SELECT time FROM " + table.history() + " WHERE datapoint_id = ? AND time = ANY (?)");
                statement.setLong(1, datapointId);
                statement.setArray(2, connection.createArrayOf("bigint", times.toArray()));
                return statement;
            }, (rs, row) -> rs.getLong(1)));
        }
        for (int start = 0; start < unique.size(); start += 1000) {
            writeHistory(table, unique.subList(start, Math.min(unique.size(), start + 1000)));
        }
        int created = (int) unique.stream().filter(message -> !existing.contains(message.time())).count();
        return new UpsertResult(created, messages.size() - created);
    }

    public boolean deleteHistory(MessageTable table, long datapointId, long time) {
        return jdbc.update("DELETE FROM " + table.history() + " WHERE datapoint_id = ? AND time = ?", datapointId, time) > 0;
    }

    // ------------------------------------------------------------------ reading

    /** History of one datapoint, oldest first. */
    public List<StoredMessage> history(MessageTable table, long datapointId, TimeFilter filter) {
        List<Object> args = new ArrayList<>();
        args.add(datapointId);
        String sql = "SELECT time, " + table.column() + " FROM " + table.history() + " WHERE datapoint_id = ?"
                + filter.sql("time", args) + " ORDER BY time";
        return jdbc.query(sql, (rs, row) -> new StoredMessage(datapointId, rs.getLong(1), rs.getString(2), null),
                args.toArray());
    }

    /** Averages of the numeric values per bucket of {@code interval}; a bucket without numbers has null. */
    public List<Bucket> buckets(long datapointId, String interval, TimeFilter filter) {
        List<Object> args = new ArrayList<>();
        String sql = dialect.bucketQuery(interval, filter, datapointId, args);
        try {
            return jdbc.query(sql, (rs, row) -> {
                double average = rs.getDouble(2);
                boolean none = rs.wasNull();
                return new Bucket(rs.getLong(1), none ? null : average);
            }, args.toArray());
        } catch (RuntimeException e) {
            if (dialect.isInvalidInterval(e)) {
                throw new InvalidIntervalException(interval, e);
            }
            throw e;
        }
    }

    public record Bucket(long start, Double average) {
    }

    /** A last message with the {@code data_format} of its datapoint, which decides how its value is served. */
    public record LastMessage(StoredMessage message, String dataFormat) {
    }

    /** The last message of every active datapoint that has one, by datapoint id. */
    public List<LastMessage> lastMessages(MessageTable table, List<Long> datapointIds, TimeFilter filter) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT l.datapoint_id, l.time, l." + table.column() + ", d.data_format FROM "
                + table.last() + " l JOIN datapoint d ON d.id = l.datapoint_id WHERE d.is_active = ?");
        args.add(true);
        if (datapointIds != null) {
            if (datapointIds.isEmpty()) {
                return List.of();
            }
            sql.append(" AND l.datapoint_id IN (").append(String.join(",", java.util.Collections.nCopies(
                    datapointIds.size(), "?"))).append(')');
            args.addAll(datapointIds);
        }
        sql.append(filter.sql("l.time", args)).append(" ORDER BY l.datapoint_id");
        return jdbc.query(sql.toString(), (rs, row) -> new LastMessage(new StoredMessage(rs.getLong(1), rs.getLong(2),
                rs.getString(3), null), rs.getString(4)), args.toArray());
    }
}
