package io.bemcom.api.datapoint;

import io.bemcom.protocol.ScheduleMessage;
import io.bemcom.protocol.SetpointMessage;
import io.bemcom.protocol.ValueMessage;

/**
 * Sends messages to an actuator's connector: a value to set, a schedule, a setpoint (what
 * {@code POST /datapoint/{id}/value|schedule|setpoint/} sends). Implemented on the broker by
 * {@code mqtt.MqttPublisher}; the REST API knows only this interface.
 */
public interface ActuatorPublisher {

    /** Whether messages can be handed to the broker now. */
    boolean isConnected();

    /** Each returns whether the message was handed to the broker (false: not connected). */
    boolean publishValue(String connector, long datapointId, ValueMessage message);

    boolean publishSchedule(String connector, long datapointId, ScheduleMessage message);

    boolean publishSetpoint(String connector, long datapointId, SetpointMessage message);
}
