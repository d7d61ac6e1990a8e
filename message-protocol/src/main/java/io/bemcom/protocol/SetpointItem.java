package io.bemcom.protocol;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One period of a user's setpoint.
 *
 * @param fromTimestamp    start (ms), {@code null} = from now
 * @param toTimestamp      end (ms), {@code null} = until replaced
 * @param preferredValue   the value the user prefers
 * @param acceptableValues discrete datapoints: the acceptable values; {@code null} when absent
 * @param minValue         continuous datapoints: lower bound; {@code null} when absent
 * @param maxValue         continuous datapoints: upper bound; {@code null} when absent
 */
public record SetpointItem(Long fromTimestamp, Long toTimestamp, JsonNode preferredValue,
                           List<JsonNode> acceptableValues, Double minValue, Double maxValue) {

    public SetpointItem {
        preferredValue = JsonValues.copy(preferredValue);
        acceptableValues = JsonValues.copyOrNull(acceptableValues);
    }
}
