package io.bemcom.api.deadletter;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The {@code dead_letter} table: written by ingestion, read and cleared in the admin UI. */
@Repository
public class DeadLetterStore {

    private static final RowMapper<DeadLetter> ROW = (rs, n) -> new DeadLetter(rs.getLong("id"), rs.getString("topic"),
            rs.getString("kind"), rs.getString("payload"), rs.getString("reason"), rs.getLong("failed_at"));

    private final JdbcTemplate jdbc;

    public DeadLetterStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps a message (autocommit: a transaction of its own). NUL characters become U+FFFD. */
    public void add(String topic, String kind, String payload, String reason) {
        jdbc.update("INSERT INTO dead_letter (topic, kind, payload, reason, failed_at) VALUES (?, ?, ?, ?, ?)",
                storable(topic), kind, storable(payload), storable(reason), System.currentTimeMillis());
    }

    /** Newest first. */
    public List<DeadLetter> page(int offset, int limit) {
        return jdbc.query("SELECT id, topic, kind, payload, reason, failed_at FROM dead_letter"
                + " ORDER BY failed_at DESC, id DESC LIMIT ? OFFSET ?", ROW, limit, offset);
    }

    public long count() {
        return jdbc.queryForObject("SELECT count(*) FROM dead_letter", Long.class);
    }

    public boolean delete(long id) {
        return jdbc.update("DELETE FROM dead_letter WHERE id = ?", id) > 0;
    }

    private static String storable(String text) {
        return text.replace('\0', '\uFFFD');
    }
}
