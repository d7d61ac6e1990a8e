package io.bemcom.protocol;

import java.util.Map;

/**
 * Which datapoints the API has activated, sent to a connector.
 *
 * @param sensor   internal datapoint id → value topic the connector publishes to
 * @param actuator value topic the connector listens on → internal datapoint id (inverted on purpose,
 *                 as in the original: a connector looks commands up by the topic they arrive on)
 */
public record DatapointMapMessage(Map<String, String> sensor, Map<String, String> actuator)
        implements BemcomMessage {

    public static final DatapointMapMessage EMPTY = new DatapointMapMessage(Map.of(), Map.of());

    public DatapointMapMessage {
        sensor = JsonValues.copyOfStrings(sensor);
        actuator = JsonValues.copyOfStrings(actuator);
    }
}
