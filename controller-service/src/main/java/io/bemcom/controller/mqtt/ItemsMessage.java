package io.bemcom.controller.mqtt;

import java.util.List;

import io.bemcom.controller.timeline.TimedItem;

/**
 * A setpoint or schedule message as the controller reads it.
 *
 * @param items the items; {@code null} when the message clears the setpoint or schedule
 *              ({@code "setpoint": null}, or an empty retained message)
 */
record ItemsMessage<T>(List<TimedItem<T>> items) {

    ItemsMessage {
        items = items == null ? null : List.copyOf(items);
    }

    static <T> ItemsMessage<T> cleared() {
        return new ItemsMessage<>(null);
    }
}
