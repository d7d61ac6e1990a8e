package io.bemcom.controller.control;

/** What the controller reads from a topic it subscribes to. */
public enum TopicRole {
    SENSOR_VALUE,
    ACTUATOR_SETPOINT,
    ACTUATOR_SCHEDULE
}
