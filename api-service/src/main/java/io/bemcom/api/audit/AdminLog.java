package io.bemcom.api.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The {@code admin_log} table (Django's {@code django_admin_log}): the admin UI records every
 * addition, change and deletion here after it succeeded, and shows the entries as "Recent actions"
 * and per-object "History". Nothing else writes it (REST and MQTT changes are not admin actions,
 * as in Django).
 */
@Repository
public class AdminLog {

    static final int REPR_LENGTH = 200;

    private static final String COLUMNS = "id, action_time, username, content_type, object_id, object_repr,"
            + " action_flag, change_message";
    private static final RowMapper<AdminLogEntry> ROW = (rs, n) -> new AdminLogEntry(rs.getLong("id"),
            rs.getLong("action_time"), rs.getString("username"), rs.getString("content_type"), rs.getString("object_id"),
            rs.getString("object_repr"), rs.getInt("action_flag"), rs.getString("change_message"));

    private final JdbcTemplate jdbc;

    public AdminLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String username, String contentType, Object objectId, String objectRepr, int actionFlag,
                       String changeMessage) {
        String repr = objectRepr.length() > REPR_LENGTH ? objectRepr.substring(0, REPR_LENGTH) : objectRepr;
        jdbc.update("INSERT INTO admin_log (action_time, username, content_type, object_id, object_repr, action_flag,"
                        + " change_message) VALUES (?, ?, ?, ?, ?, ?, ?)", System.currentTimeMillis(), username, contentType,
                String.valueOf(objectId), storable(repr), actionFlag, storable(changeMessage));
    }

    /** A user's newest entries first (the admin index's "Recent actions"). */
    public List<AdminLogEntry> recentOf(String username, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM admin_log WHERE username = ?"
                + " ORDER BY action_time DESC, id DESC LIMIT ?", ROW, username, limit);
    }

    /** Every user's entries for one object, newest first (its "History" page). */
    public List<AdminLogEntry> of(String contentType, Object objectId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM admin_log WHERE content_type = ? AND object_id = ?"
                + " ORDER BY action_time DESC, id DESC", ROW, contentType, String.valueOf(objectId));
    }

    /**
     * Django's change message: "Changed is_active and unit." for the fields whose values differ
     * (in the order of {@code before}), "No fields changed." when none does.
     */
    public static String changeMessage(Map<String, ?> before, Map<String, ?> after) {
        List<String> changed = new ArrayList<>();
        before.forEach((field, value) -> {
            if (!Objects.equals(value, after.get(field))) {
                changed.add(field);
            }
        });
        return changed.isEmpty() ? "No fields changed." : "Changed " + textList(changed) + ".";
    }

    /** Django's {@code get_text_list(items, "and")}: "a", "a and b", "a, b and c". */
    static String textList(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static String storable(String text) {
        return text.replace('\0', '\uFFFD');
    }
}
