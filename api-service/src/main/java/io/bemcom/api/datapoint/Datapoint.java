package io.bemcom.api.datapoint;

import io.bemcom.api.connector.Connector;
import io.bemcom.protocol.MessageKind;
import io.bemcom.protocol.Topics;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * One datapoint of a connector (its internal id is {@code keyInConnector}). JSON fields
 * ({@code exampleValue}, {@code allowedValues}) hold JSON text.
 */
@Entity
@Table(name = "datapoint")
public class Datapoint {

    public static final String SENSOR = "sensor";
    public static final String ACTUATOR = "actuator";
    /**
     * Longest {@code key_in_connector} and {@code short_name}, in characters: both are in unique
     * indexes, whose entries PostgreSQL limits to about 2,700 bytes (SQLSTATE 54000 beyond);
     * 500 characters of up to 4 bytes each stay below that.
     */
    public static final int MAX_INDEXED_TEXT_LENGTH = 500;

    /** Whether a key or short name fits {@link #MAX_INDEXED_TEXT_LENGTH}. */
    public static boolean fitsIndex(String text) {
        return text.codePointCount(0, text.length()) <= MAX_INDEXED_TEXT_LENGTH;
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "connector_id", nullable = false)
    private Connector connector;

    @Column(name = "key_in_connector", nullable = false)
    private String keyInConnector;

    @Column(nullable = false, length = 8)
    private String type;

    @Column(name = "is_active", nullable = false)
    private boolean active;

    @Column(name = "example_value")
    private String exampleValue;

    @Column(name = "short_name", unique = true)
    private String shortName;

    @Column(name = "data_format", nullable = false, length = 18)
    private String dataFormat = DataFormat.UNKNOWN;

    @Column(nullable = false)
    private String description = "";

    @Column(name = "allowed_values")
    private String allowedValues;

    @Column(name = "min_value")
    private Double minValue;

    @Column(name = "max_value")
    private Double maxValue;

    @Column(nullable = false)
    private String unit = "";

    /** Ours (issue 20): an alert is raised when the last value is older; null: none. */
    @Column(name = "max_age_seconds")
    private Long maxAgeSeconds;

    protected Datapoint() {
    }

    public Datapoint(Connector connector, String keyInConnector, String type) {
        this.connector = connector;
        this.keyInConnector = keyInConnector;
        this.type = type;
    }

    public String topic(MessageKind kind) {
        return Topics.datapointTopic(connector.getName(), id, kind);
    }

    public boolean isActuator() {
        return ACTUATOR.equals(type);
    }

    public Long getId() {
        return id;
    }

    public Connector getConnector() {
        return connector;
    }

    public void setConnector(Connector connector) {
        this.connector = connector;
    }

    public String getKeyInConnector() {
        return keyInConnector;
    }

    public void setKeyInConnector(String keyInConnector) {
        this.keyInConnector = keyInConnector;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public String getExampleValue() {
        return exampleValue;
    }

    public void setExampleValue(String exampleValue) {
        this.exampleValue = exampleValue;
    }

    public String getShortName() {
        return shortName;
    }

    /** An empty short name is stored as null, so that many datapoints can go without one. */
    public void setShortName(String shortName) {
        this.shortName = shortName == null || shortName.isEmpty() ? null : shortName;
    }

    public String getDataFormat() {
        return dataFormat;
    }

    public void setDataFormat(String dataFormat) {
        this.dataFormat = dataFormat;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getAllowedValues() {
        return allowedValues;
    }

    public void setAllowedValues(String allowedValues) {
        this.allowedValues = allowedValues;
    }

    public Double getMinValue() {
        return minValue;
    }

    public void setMinValue(Double minValue) {
        this.minValue = minValue;
    }

    public Double getMaxValue() {
        return maxValue;
    }

    public void setMaxValue(Double maxValue) {
        this.maxValue = maxValue;
    }

    public String getUnit() {
        return unit;
    }

    public void setUnit(String unit) {
        this.unit = unit;
    }

    public Long getMaxAgeSeconds() {
        return maxAgeSeconds;
    }

    public void setMaxAgeSeconds(Long maxAgeSeconds) {
        this.maxAgeSeconds = maxAgeSeconds;
    }

    @Override
    public String toString() {
        return connector.getName() + "/" + (shortName != null ? shortName : keyInConnector);
    }
}
