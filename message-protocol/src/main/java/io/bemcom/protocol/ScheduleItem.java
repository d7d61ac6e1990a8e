package io.bemcom.protocol;

import tools.jackson.databind.JsonNode;

/**
 * One period of an optimiser's schedule.
 *
 * @param fromTimestamp start (ms), {@code null} = from now
 * @param toTimestamp   end (ms), {@code null} = until replaced
 * @param value         the value the actuator should take
 */
public record ScheduleItem(Long fromTimestamp, Long toTimestamp, JsonNode value) {

    public ScheduleItem {
        value = JsonValues.copy(value);
    }
}
