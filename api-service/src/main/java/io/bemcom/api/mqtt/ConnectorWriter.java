package io.bemcom.api.mqtt;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.bemcom.api.datapoint.AvailableDatapoints;
import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.BemcomMessage;
import io.bemcom.protocol.HeartbeatMessage;
import io.bemcom.protocol.LogMessage;
import io.bemcom.protocol.mqtt.InboundMessage;

/** Writes the connector-level messages: logs (batched), heartbeats and available datapoints. */
final class ConnectorWriter extends BatchWriter<ConnectorWriter.Pending> {

    record Pending(long connectorId, BemcomMessage message, InboundMessage<?> origin) implements BatchWriter.Item {
        @Override
        public String kind() {
            if (message instanceof LogMessage) {
                return "logs";
            }
            return message instanceof HeartbeatMessage ? "heartbeat" : "available_datapoints";
        }
    }

    private final JdbcTemplate jdbc;
    private final AvailableDatapoints availableDatapoints;

    ConnectorWriter(int capacity, int batchSize, TransactionTemplate transactions, IngestMetrics metrics,
                    JdbcTemplate jdbc, AvailableDatapoints availableDatapoints) {
        super("mqtt-to-db-connectors", capacity, batchSize, transactions, metrics);
        this.jdbc = jdbc;
        this.availableDatapoints = availableDatapoints;
    }

    @Override
    protected void writeBatch(List<Pending> batch) {
        List<Object[]> logs = new ArrayList<>();
        for (Pending pending : batch) {
            if (pending.message() instanceof LogMessage log) {
                logs.add(new Object[] {pending.connectorId(), log.timestamp(), log.msg(), log.emitter(), log.level()});
            }
        }
        if (!logs.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO connector_log_entry (connector_id, timestamp, msg, emitter, level)"
                    + " VALUES (?, ?, ?, ?, ?)", logs);
        }
        for (Pending pending : batch) {
            if (pending.message() instanceof HeartbeatMessage beat) {
                jdbc.update("INSERT INTO connector_heartbeat (connector_id, last_heartbeat, next_heartbeat) VALUES (?, ?, ?)"
                        + " ON CONFLICT (connector_id) DO UPDATE SET last_heartbeat = excluded.last_heartbeat,"
                        + " next_heartbeat = excluded.next_heartbeat",
                        pending.connectorId(), beat.thisHeartbeatsTimestamp(), beat.nextHeartbeatsTimestamp());
            } else if (pending.message() instanceof AvailableDatapointsMessage available) {
                availableDatapoints.apply(pending.connectorId(), available);
            }
        }
    }
}
