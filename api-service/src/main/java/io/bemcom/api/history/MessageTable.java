package io.bemcom.api.history;

import io.bemcom.protocol.MessageKind;

/** The history table and the last-message table of one datapoint message kind. */
public enum MessageTable {
    VALUE("datapoint_value", "datapoint_last_value", "value"),
    SCHEDULE("datapoint_schedule", "datapoint_last_schedule", "schedule"),
    SETPOINT("datapoint_setpoint", "datapoint_last_setpoint", "setpoint");

    private final String history;
    private final String last;
    private final String column;

    MessageTable(String history, String last, String column) {
        this.history = history;
        this.last = last;
        this.column = column;
    }

    public static MessageTable of(MessageKind kind) {
        return switch (kind) {
            case VALUE -> VALUE;
            case SCHEDULE -> SCHEDULE;
            case SETPOINT -> SETPOINT;
            default -> throw new IllegalArgumentException(kind + " has no message table");
        };
    }

    public String history() {
        return history;
    }

    public String last() {
        return last;
    }

    /** The payload column, also the payload key of the message ({@code value}, ...). */
    public String column() {
        return column;
    }
}
