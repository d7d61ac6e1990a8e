package io.bemcom.api.connector;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The last heartbeat of a connector; written by ingestion (JDBC), read by the admin views. */
@Entity
@Table(name = "connector_heartbeat")
public class ConnectorHeartbeat {

    @Id
    @Column(name = "connector_id")
    private Long connectorId;

    @Column(name = "last_heartbeat", nullable = false)
    private long lastHeartbeat;

    @Column(name = "next_heartbeat", nullable = false)
    private long nextHeartbeat;

    protected ConnectorHeartbeat() {
    }

    public Long getConnectorId() {
        return connectorId;
    }

    public long getLastHeartbeat() {
        return lastHeartbeat;
    }

    public long getNextHeartbeat() {
        return nextHeartbeat;
    }

    /** The original's "alive": now ≤ the promised next heartbeat. */
    public boolean isAlive(long nowMillis) {
        return nowMillis <= nextHeartbeat;
    }
}
