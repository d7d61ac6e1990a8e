package io.bemcom.api.datapoint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;


/**
 * What ingestion needs to know on its hot path, held in memory: every connector by name and every
 * active datapoint by id, and which datapoint ids exist at all. Rebuilt from the database after each metadata change.
 */
@Component
public class DatapointRegistry {

    public record ActiveDatapoint(long id, long connectorId, String connectorName, String type, String dataFormat) {
        public boolean isActuator() {
            return "actuator".equals(type);
        }

        public boolean isNumeric() {
            return DataFormat.isNumeric(dataFormat);
        }
    }

    private record Snapshot(Map<String, Long> connectors, Map<Long, ActiveDatapoint> active, Set<Long> all) {
    }

    private final JdbcTemplate jdbc;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Set.of());

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
        Set<Long> all = new HashSet<>();
        jdbc.query("SELECT id, connector_id, type, is_active, data_format FROM datapoint", rs -> {
            long connectorId = rs.getLong(2);
            all.add(rs.getLong(1));
            if (rs.getBoolean(4)) {
                active.put(rs.getLong(1), new ActiveDatapoint(rs.getLong(1), connectorId, namesById.get(connectorId),
                        rs.getString(3), rs.getString(5)));
            }
        });
        snapshot = new Snapshot(Map.copyOf(connectors), Map.copyOf(active), Set.copyOf(all));
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

    /** Whether a datapoint of that id exists, active or not. */
    public boolean exists(long datapointId) {
        return snapshot.all().contains(datapointId);
    }

    public int activeCount() {
        return snapshot.active().size();
    }
}
