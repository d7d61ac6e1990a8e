package io.bemcom.controller.control;

import io.bemcom.controller.decision.JsonComparison;
import io.bemcom.protocol.ControlledDatapoint;
import tools.jackson.databind.JsonNode;

/**
 * One controlled sensor/actuator pair and the value last sent to its actuator. Each pair has its
 * own loop, so two actuators that share a sensor never overwrite each other's state (the original
 * keyed its state by the sensor topic).
 */
final class ControlLoop {

    private final ControlledDatapoint pair;
    private JsonNode lastSent;

    ControlLoop(ControlledDatapoint pair) {
        this.pair = pair;
    }

    ControlledDatapoint pair() {
        return pair;
    }

    /** The decision differs from what the actuator got last (numerically, for numbers). */
    boolean isChange(JsonNode value) {
        return lastSent == null || !JsonComparison.sameValue(lastSent, value);
    }

    void sent(JsonNode value) {
        lastSent = value;
    }
}
