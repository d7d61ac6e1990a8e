package io.bemcom.protocol.mqtt;

/**
 * QoS and retain flag of each kind of publication, as in the protocol's delivery table ("Ours"
 * column). Value messages have three rows: a sensor reading is retained, a command never is, and
 * neither is a value re-parsed from a stored raw message (a replay), whose old timestamp must not
 * become the topic's retained "current" value.
 */
public enum Delivery {
    HEARTBEAT(0, false),
    LOG(1, false),
    AVAILABLE_DATAPOINTS(1, true),
    DATAPOINT_MAP(2, true),
    CONTROLLED_DATAPOINTS(2, true),
    SENSOR_VALUE(1, true),
    ACTUATOR_VALUE(1, false),
    REPLAYED_VALUE(1, false),
    SETPOINT(1, true),
    SCHEDULE(1, true),
    RAW_MESSAGE(1, false);

    private final int qos;
    private final boolean retained;

    Delivery(int qos, boolean retained) {
        this.qos = qos;
        this.retained = retained;
    }

    public int qos() {
        return qos;
    }

    public boolean retained() {
        return retained;
    }
}
