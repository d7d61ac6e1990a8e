package io.bemcom.connector;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.bemcom.protocol.AvailableDatapointsMessage;
import tools.jackson.databind.JsonNode;

/**
 * Every datapoint the connector has seen, with its latest example value. Published whole when a
 * new id appears, not when only an example changes (as the original).
 */
final class AvailableDatapoints {

    private final Map<String, JsonNode> sensor = new LinkedHashMap<>();
    private final Map<String, JsonNode> actuator = new LinkedHashMap<>();

    /** Merges examples; returns the message to publish when at least one id is new. */
    synchronized Optional<AvailableDatapointsMessage> offer(Map<String, JsonNode> sensors,
                                                            Map<String, JsonNode> actuators) {
        boolean newId = !sensor.keySet().containsAll(sensors.keySet())
                || !actuator.keySet().containsAll(actuators.keySet());
        sensor.putAll(sensors);
        actuator.putAll(actuators);
        return newId ? Optional.of(snapshot()) : Optional.empty();
    }

    synchronized AvailableDatapointsMessage snapshot() {
        return new AvailableDatapointsMessage(sensor, actuator);
    }
}
