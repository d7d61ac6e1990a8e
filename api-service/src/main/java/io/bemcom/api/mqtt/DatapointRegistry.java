package io.bemcom.api.mqtt;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What ingestion needs to know on its hot path, held in memory: every connector by name and every
 * active datapoint by id. Rebuilt from the database after each metadata change.
 */
@Component
public class DatapointRegistry {

    public record ActiveDatapoint(long id, long connectorId, String connectorName, String type) {
        public boolean isActuator() {
            return "actuator".equals(type);
        }
    }

    private record Snapshot(Map<String, Long> connectors, Map<Long, ActiveDatapoint> active) {
    }

    private final JdbcTemplate jdbc;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());

    public DatapointRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public synchronized void reload() {
        Map<Long, String> namesById = new HashMap<>();
        Map<String, Long> connectors = new HashMap<>();
        jdbc.query("SELECT id, name FROM connector", rs -> {
            namesById.put(rs.getLong(1), rs.getString(2));
            connectors.put(rs.getString(2), rs.getLong(1));
        });
        Map<Long, ActiveDatapoint> active = new HashMap<>();
        jdbc.query("SELECT id, connector_id, type FROM datapoint WHERE is_active = ?", rs -> {
            long connectorId = rs.getLong(2);
            active.put(rs.getLong(1), new ActiveDatapoint(rs.getLong(1), connectorId, namesById.get(connectorId),
                    rs.getString(3)));
        }, true);
        snapshot = new Snapshot(Map.copyOf(connectors), Map.copyOf(active));
    }

    public Optional<Long> connectorId(String name) {
        return Optional.ofNullable(snapshot.connectors().get(name));
    }

    public java.util.Set<String> connectorNames() {
        return snapshot.connectors().keySet();
    }

    public Optional<ActiveDatapoint> active(long datapointId) {
        return Optional.ofNullable(snapshot.active().get(datapointId));
    }

    public int activeCount() {
        return snapshot.active().size();
    }
}
