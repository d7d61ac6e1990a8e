package io.bemcom.protocol;

import java.util.List;

/** A user's setpoint for an actuator; {@code setpoint == null} clears it. */
public record SetpointMessage(List<SetpointItem> setpoint, long timestamp) implements BemcomMessage {

    public SetpointMessage {
        setpoint = setpoint == null ? null : List.copyOf(setpoint);
    }
}
