package io.bemcom.api.connector;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One log record a connector sent; written by ingestion (JDBC batches), read by the admin views. */
@Entity
@Table(name = "connector_log_entry")
public class ConnectorLogEntry {

    @Id
    private Long id;

    @Column(name = "connector_id", nullable = false)
    private Long connectorId;

    @Column(nullable = false)
    private long timestamp;

    @Column(nullable = false)
    private String msg;

    /** May be null: the protocol allows {@code "emitter": null}. */
    private String emitter;

    @Column(nullable = false)
    private int level;

    protected ConnectorLogEntry() {
    }

    public Long getId() {
        return id;
    }

    public Long getConnectorId() {
        return connectorId;
    }

    public long getTimestamp() {
        return timestamp;
    }

    public String getMsg() {
        return msg;
    }

    public String getEmitter() {
        return emitter;
    }

    public int getLevel() {
        return level;
    }
}
