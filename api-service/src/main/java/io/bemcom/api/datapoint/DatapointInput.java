package io.bemcom.api.datapoint;

import java.util.List;

/**
 * The metadata of one datapoint to create or update, as read and checked field by field from a
 * {@code POST/PUT /datapoint/} item (by {@code rest.DatapointItems}). Only the fields that were set are
 * applied on update.
 */
public final class DatapointInput {

    public static final List<String> TYPES = List.of(Datapoint.SENSOR, Datapoint.ACTUATOR);

    private String connectorName;
    private String keyInConnector;
    private String type;
    private String dataFormat;
    private boolean hasShortName;
    private String shortName;
    private String description;
    private String unit;
    private boolean hasMinValue;
    private Double minValue;
    private boolean maxAgeGiven;
    private Long maxAgeSeconds;
    private boolean hasMaxValue;
    private Double maxValue;
    private boolean hasAllowedValues;
    private String allowedValues;
    private Boolean active;

    public DatapointInput connectorName(String name) {
        this.connectorName = name;
        return this;
    }

    public DatapointInput keyInConnector(String key) {
        this.keyInConnector = key;
        return this;
    }

    public DatapointInput type(String datapointType) {
        this.type = datapointType;
        return this;
    }

    public DatapointInput dataFormat(String format) {
        this.dataFormat = format;
        return this;
    }

    /** Sets the short name ({@code null}: none). */
    public DatapointInput shortName(String name) {
        this.hasShortName = true;
        this.shortName = name;
        return this;
    }

    public DatapointInput description(String text) {
        this.description = text;
        return this;
    }

    public DatapointInput unit(String text) {
        this.unit = text;
        return this;
    }

    /** Ours: the maximum age of the last value in seconds, null for no alert. */
    public DatapointInput maxAgeSeconds(Long seconds) {
        this.maxAgeGiven = true;
        this.maxAgeSeconds = seconds;
        return this;
    }

    public DatapointInput minValue(Double value) {
        this.hasMinValue = true;
        this.minValue = value;
        return this;
    }

    public DatapointInput maxValue(Double value) {
        this.hasMaxValue = true;
        this.maxValue = value;
        return this;
    }

    /** Sets the allowed values as JSON text ({@code null}: none). */
    public DatapointInput allowedValues(String json) {
        this.hasAllowedValues = true;
        this.allowedValues = json;
        return this;
    }

    public DatapointInput active(Boolean isActive) {
        this.active = isActive;
        return this;
    }

    public String connectorName() {
        return connectorName;
    }

    public String keyInConnector() {
        return keyInConnector;
    }

    public String type() {
        return type;
    }

    /** The short name to set ({@code null}: none, or not set). */
    public String shortName() {
        return shortName;
    }

    /** Writes every field that was sent. */
    void applyTo(Datapoint datapoint) {
        if (keyInConnector != null) {
            datapoint.setKeyInConnector(keyInConnector);
        }
        if (type != null) {
            datapoint.setType(type);
        }
        if (dataFormat != null) {
            datapoint.setDataFormat(dataFormat);
        }
        if (hasShortName) {
            datapoint.setShortName(shortName);
        }
        if (description != null) {
            datapoint.setDescription(description);
        }
        if (maxAgeGiven) {
            datapoint.setMaxAgeSeconds(maxAgeSeconds);
        }
        if (unit != null) {
            datapoint.setUnit(unit);
        }
        if (hasMinValue) {
            datapoint.setMinValue(minValue);
        }
        if (hasMaxValue) {
            datapoint.setMaxValue(maxValue);
        }
        if (hasAllowedValues) {
            datapoint.setAllowedValues(allowedValues);
        }
        if (active != null) {
            datapoint.setActive(active);
        }
    }
}
