package io.bemcom.api.datapoint;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;

/**
 * Applies a connector's available-datapoints message: a new (key, type) becomes an inactive
 * datapoint with its example value; a changed example value is updated; datapoints missing from
 * the message are kept. No datapoint map is re-published (nothing active changed).
 */
@Component
public class AvailableDatapoints {

    private final JdbcTemplate jdbc;

    public AvailableDatapoints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What of a message the schema can hold: keys longer than
     * {@link Datapoint#MAX_INDEXED_TEXT_LENGTH} are left out, and each is handed to {@code refused}.
     */
    public static AvailableDatapointsMessage storable(AvailableDatapointsMessage message, Consumer<String> refused) {
        Map<String, JsonNode> sensor = fitting(message.sensor(), refused);
        Map<String, JsonNode> actuator = fitting(message.actuator(), refused);
        if (sensor.size() == message.sensor().size() && actuator.size() == message.actuator().size()) {
            return message;
        }
        return new AvailableDatapointsMessage(sensor, actuator);
    }

    private static Map<String, JsonNode> fitting(Map<String, JsonNode> examples, Consumer<String> refused) {
        Map<String, JsonNode> fitting = new LinkedHashMap<>();
        examples.forEach((key, example) -> {
            if (Datapoint.fitsIndex(key)) {
                fitting.put(key, example);
            } else {
                refused.accept(key);
            }
        });
        return fitting;
    }

    /** Runs in the caller's transaction. */
    public void apply(long connectorId, AvailableDatapointsMessage message) {
        Map<String, Object[]> existing = new HashMap<>();
        jdbc.query("SELECT id, key_in_connector, type, example_value FROM datapoint WHERE connector_id = ?", rs -> {
            existing.put(rs.getString(3) + '\u0000' + rs.getString(2), new Object[] {rs.getLong(1), rs.getString(4)});
        }, connectorId);
        applyType(connectorId, Datapoint.SENSOR, message.sensor(), existing);
        applyType(connectorId, Datapoint.ACTUATOR, message.actuator(), existing);
    }

    private void applyType(long connectorId, String type, Map<String, JsonNode> examples, Map<String, Object[]> existing) {
        examples.forEach((key, example) -> {
            String json = JsonValues.toJson(example);
            Object[] row = existing.get(type + '\u0000' + key);
            if (row == null) {
                jdbc.update("INSERT INTO datapoint (connector_id, key_in_connector, type, is_active, example_value,"
                        + " data_format, description, unit) VALUES (?, ?, ?, ?, ?, 'unknown', '', '')",
                        connectorId, key, type, false, json);
            } else if (!Objects.equals(row[1], json)) {
                jdbc.update("UPDATE datapoint SET example_value = ? WHERE id = ?", json, row[0]);
            }
        });
    }
}
