package io.bemcom.controller.control;

import io.bemcom.protocol.ValueMessage;

/** Where the controller's decisions go: in production the actuator's value topic on the broker. */
@FunctionalInterface
public interface ActuatorOutput {

    /** @return false when the value could not be sent (it is then sent again at the next decision) */
    boolean send(String actuatorValueTopic, ValueMessage value);
}
