package io.bemcom.protocol;

/** The nine message kinds, each with the last segment of its topic. */
public enum MessageKind {
    LOGS("logs"),
    HEARTBEAT("heartbeat"),
    AVAILABLE_DATAPOINTS("available_datapoints"),
    DATAPOINT_MAP("datapoint_map"),
    RAW_MESSAGE_TO_DB("raw_message_to_db"),
    VALUE("value"),
    SETPOINT("setpoint"),
    SCHEDULE("schedule"),
    CONTROLLED_DATAPOINTS("controlled_datapoints");

    private final String topicSegment;

    MessageKind(String topicSegment) {
        this.topicSegment = topicSegment;
    }

    /** The last segment of the topic, e.g. {@code available_datapoints}. */
    public String topicSegment() {
        return topicSegment;
    }

    /** A lower-case label for metrics and logs. */
    public String label() {
        return topicSegment;
    }
}
