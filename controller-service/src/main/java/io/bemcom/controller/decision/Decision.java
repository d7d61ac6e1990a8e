package io.bemcom.controller.decision;

import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * The outcome of the decision table for one actuator at one moment.
 *
 * @param value   the value the actuator should take; empty when there is nothing to decide
 *                (neither setpoint nor schedule) and the actuator is left alone
 * @param outcome which row of the decision table chose it (a metrics tag)
 */
public record Decision(Optional<JsonNode> value, Outcome outcome) {

    public enum Outcome {
        NOTHING_TO_DO("nothing_to_do"),
        SETPOINT_ONLY("setpoint_only"),
        SCHEDULE_ONLY("schedule_only"),
        NO_FLEXIBILITY("no_flexibility"),
        NO_SENSOR_VALUE("no_sensor_value"),
        ANY_VALUE_ACCEPTABLE("any_value_acceptable"),
        SENSOR_ACCEPTABLE("sensor_acceptable"),
        SENSOR_NOT_ACCEPTABLE("sensor_not_acceptable"),
        SENSOR_NOT_COMPARABLE("sensor_not_comparable");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    static Decision nothing() {
        return new Decision(Optional.empty(), Outcome.NOTHING_TO_DO);
    }

    static Decision of(JsonNode value, Outcome outcome) {
        return new Decision(Optional.of(value), outcome);
    }
}
