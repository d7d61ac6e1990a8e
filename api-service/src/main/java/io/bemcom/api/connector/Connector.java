package io.bemcom.api.connector;

import io.bemcom.protocol.MessageKind;
import io.bemcom.protocol.Topics;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A connector known to the API. Its MQTT topics follow from its name, computed, not stored, so a
 * rename moves all of them.
 */
@Entity
@Table(name = "connector")
public class Connector {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(nullable = false)
    private long added;

    @Column(name = "last_changed", nullable = false)
    private long lastChanged;

    protected Connector() {
    }

    /** A new connector; the name must pass {@link ConnectorNames} (rows of older versions may not). */
    public Connector(String name) {
        this.name = ConnectorNames.require(name);
        this.added = System.currentTimeMillis();
        this.lastChanged = added;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = ConnectorNames.require(name);
        touch();
    }

    public long getAdded() {
        return added;
    }

    public long getLastChanged() {
        return lastChanged;
    }

    public void touch() {
        this.lastChanged = System.currentTimeMillis();
    }

    /** A topic of the connector; throws {@link IllegalArgumentException} for a name that cannot be a topic level. */
    public String topic(MessageKind kind) {
        return Topics.connectorTopic(name, kind);
    }

    /** Why this connector's name (perhaps stored by an older version) cannot be in MQTT topics, or empty. */
    public java.util.Optional<String> nameProblem() {
        return ConnectorNames.problem(name);
    }

    /** {@code <name>/messages/#}: shown for reference, never subscribed. */
    public String datapointMessageWildcardTopic() {
        return name + "/messages/#";
    }

    @Override
    public String toString() {
        return name;
    }
}
