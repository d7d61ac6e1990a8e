package io.bemcom.api.connector;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import io.bemcom.protocol.HeartbeatMessage;
import io.bemcom.protocol.LogMessage;

/** Ingestion's writes of connector messages: log entries (batched) and the last heartbeat per connector. */
@Repository
public class ConnectorMessageStore {

    /** A log message of a connector. */
    public record Log(long connectorId, LogMessage message) {
    }

    private final JdbcTemplate jdbc;

    public ConnectorMessageStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs in the caller's transaction. */
    public void insertLogs(List<Log> logs) {
        if (logs.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO connector_log_entry (connector_id, timestamp, msg, emitter, level)"
                + " VALUES (?, ?, ?, ?, ?)", logs, logs.size(), (ps, log) -> {
                    ps.setLong(1, log.connectorId());
                    ps.setLong(2, log.message().timestamp());
                    ps.setString(3, log.message().msg());
                    ps.setString(4, log.message().emitter());
                    ps.setInt(5, log.message().level());
                });
    }

    /** Keeps the newest heartbeat of the connector; runs in the caller's transaction. */
    public void upsertHeartbeat(long connectorId, HeartbeatMessage beat) {
        jdbc.update("INSERT INTO connector_heartbeat (connector_id, last_heartbeat, next_heartbeat) VALUES (?, ?, ?)"
                + " ON CONFLICT (connector_id) DO UPDATE SET last_heartbeat = excluded.last_heartbeat,"
                + " next_heartbeat = excluded.next_heartbeat",
                connectorId, beat.thisHeartbeatsTimestamp(), beat.nextHeartbeatsTimestamp());
    }
}
