package io.bemcom.controller.decision;

import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;

/**
 * What one setpoint item asks for: the value the user prefers and how much the schedule may
 * deviate from it.
 */
public record SetpointTarget(JsonNode preferredValue, Flexibility flexibility) {

    public SetpointTarget {
        preferredValue = JsonValues.copy(preferredValue);
        if (flexibility == null) {
            flexibility = Flexibility.NONE;
        }
    }
}
