package io.bemcom.protocol;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * One period of a user's setpoint.
 *
 * <p>Whether {@code acceptable_values}, {@code min_value} and {@code max_value} are present
 * matters, not only their values: the controller derives a datapoint's flexibility from the
 * presence of the keys ({@code "acceptable_values": null} means "any value is acceptable"), so the
 * record keeps presence and the codec writes a present key even when its value is null.
 *
 * @param fromTimestamp            start (ms), {@code null} = from now
 * @param toTimestamp              end (ms), {@code null} = until replaced
 * @param preferredValue           the value the user prefers
 * @param acceptableValues         discrete datapoints: the acceptable values, or {@code null}
 * @param minValue                 continuous datapoints: lower bound, or {@code null}
 * @param maxValue                 continuous datapoints: upper bound, or {@code null}
 * @param acceptableValuesPresent  whether the item has the key {@code acceptable_values}
 * @param minValuePresent          whether the item has the key {@code min_value}
 * @param maxValuePresent          whether the item has the key {@code max_value}
 */
public record SetpointItem(Long fromTimestamp, Long toTimestamp, JsonNode preferredValue,
                           List<JsonNode> acceptableValues, Double minValue, Double maxValue,
                           boolean acceptableValuesPresent, boolean minValuePresent, boolean maxValuePresent) {

    public SetpointItem {
        preferredValue = JsonValues.copy(preferredValue);
        acceptableValues = JsonValues.copyOrNull(acceptableValues);
        acceptableValuesPresent |= acceptableValues != null;
        minValuePresent |= minValue != null;
        maxValuePresent |= maxValue != null;
    }

    /** An item whose optional keys are present exactly when their values are not {@code null}. */
    public SetpointItem(Long fromTimestamp, Long toTimestamp, JsonNode preferredValue,
                        List<JsonNode> acceptableValues, Double minValue, Double maxValue) {
        this(fromTimestamp, toTimestamp, preferredValue, acceptableValues, minValue, maxValue, false, false, false);
    }

    /** Discrete flexibility: the key {@code acceptable_values} is present (even if null). */
    public boolean hasDiscreteFlexibility() {
        return acceptableValuesPresent;
    }

    /** Continuous flexibility: both {@code min_value} and {@code max_value} are present (even if null). */
    public boolean hasContinuousFlexibility() {
        return minValuePresent && maxValuePresent;
    }
}
