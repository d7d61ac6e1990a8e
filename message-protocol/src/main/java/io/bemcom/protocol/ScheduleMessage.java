package io.bemcom.protocol;

import java.util.List;

/** An optimiser's schedule for an actuator; {@code schedule == null} clears it. */
public record ScheduleMessage(List<ScheduleItem> schedule, long timestamp) implements BemcomMessage {

    public ScheduleMessage {
        schedule = schedule == null ? null : List.copyOf(schedule);
    }
}
