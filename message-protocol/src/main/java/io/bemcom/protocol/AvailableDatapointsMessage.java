package io.bemcom.protocol;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Every datapoint a connector has seen so far: internal datapoint id → example value,
 * split into sensors and actuators. Key order is kept.
 */
public record AvailableDatapointsMessage(Map<String, JsonNode> sensor, Map<String, JsonNode> actuator)
        implements BemcomMessage {

    public AvailableDatapointsMessage {
        sensor = JsonValues.copyOf(sensor);
        actuator = JsonValues.copyOf(actuator);
    }
}
