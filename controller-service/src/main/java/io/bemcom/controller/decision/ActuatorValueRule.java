package io.bemcom.controller.decision;

import java.math.BigDecimal;
import java.util.Optional;

import io.bemcom.controller.decision.Decision.Outcome;
import tools.jackson.databind.JsonNode;

/**
 * The controller's decision table (services-and-tools.md §1.8): which value an actuator gets from
 * the sensor's value, the active setpoint item and the active schedule item. Pure: no state, no
 * clock, no broker.
 *
 * <table>
 *   <tr><th>inputs</th><th>result</th></tr>
 *   <tr><td>neither setpoint nor schedule</td><td>nothing (the actuator is left alone)</td></tr>
 *   <tr><td>setpoint only</td><td>preferred value</td></tr>
 *   <tr><td>schedule only</td><td>schedule value</td></tr>
 *   <tr><td>both, no flexibility</td><td>preferred value</td></tr>
 *   <tr><td>both, discrete</td><td>schedule value if acceptable values are {@code null}, the sensor
 *       value is unknown or among the acceptable values; else the preferred value</td></tr>
 *   <tr><td>both, continuous</td><td>schedule value if the sensor value is unknown, both bounds are
 *       open, or it lies within the bounds (inclusive); else the preferred value</td></tr>
 * </table>
 */
public final class ActuatorValueRule {

    private ActuatorValueRule() {
    }

    /**
     * @param sensorValue the sensor's last value; empty when none arrived or it was JSON {@code null}
     * @param setpoint    the active setpoint item, or {@code null}
     * @param schedule    the active schedule item's value, or {@code null} when no item is active
     */
    public static Decision decide(Optional<JsonNode> sensorValue, SetpointTarget setpoint, JsonNode schedule) {
        if (setpoint == null && schedule == null) {
            return Decision.nothing();
        }
        if (schedule == null) {
            return Decision.of(setpoint.preferredValue(), Outcome.SETPOINT_ONLY);
        }
        if (setpoint == null) {
            return Decision.of(schedule, Outcome.SCHEDULE_ONLY);
        }
        JsonNode preferred = setpoint.preferredValue();
        Flexibility flexibility = setpoint.flexibility();
        if (flexibility instanceof Flexibility.Discrete discrete) {
            return discrete(sensorValue, discrete, preferred, schedule);
        }
        if (flexibility instanceof Flexibility.Continuous continuous) {
            return continuous(sensorValue, continuous, preferred, schedule);
        }
        return Decision.of(preferred, Outcome.NO_FLEXIBILITY);
    }

    private static Decision discrete(Optional<JsonNode> sensorValue, Flexibility.Discrete flexibility,
                                     JsonNode preferred, JsonNode schedule) {
        if (flexibility.acceptsAnything()) {
            return Decision.of(schedule, Outcome.ANY_VALUE_ACCEPTABLE);
        }
        if (sensorValue.isEmpty()) {
            return Decision.of(schedule, Outcome.NO_SENSOR_VALUE);
        }
        boolean acceptable = flexibility.acceptableValues().stream()
                .anyMatch(candidate -> JsonComparison.sameValue(candidate, sensorValue.get()));
        return acceptable ? Decision.of(schedule, Outcome.SENSOR_ACCEPTABLE)
                : Decision.of(preferred, Outcome.SENSOR_NOT_ACCEPTABLE);
    }

    private static Decision continuous(Optional<JsonNode> sensorValue, Flexibility.Continuous flexibility,
                                       JsonNode preferred, JsonNode schedule) {
        if (sensorValue.isEmpty()) {
            return Decision.of(schedule, Outcome.NO_SENSOR_VALUE);
        }
        if (flexibility.minValue() == null && flexibility.maxValue() == null) {
            return Decision.of(schedule, Outcome.ANY_VALUE_ACCEPTABLE);
        }
        Optional<BigDecimal> sensor = JsonComparison.numberOf(sensorValue.get());
        if (sensor.isEmpty()) {
            // The original crashed here (TypeError). A reading that cannot be placed within the
            // bounds cannot show that the schedule keeps the room acceptable: the user's value wins.
            return Decision.of(preferred, Outcome.SENSOR_NOT_COMPARABLE);
        }
        boolean aboveMin = flexibility.minValue() == null
                || sensor.get().compareTo(BigDecimal.valueOf(flexibility.minValue())) >= 0;
        boolean belowMax = flexibility.maxValue() == null
                || sensor.get().compareTo(BigDecimal.valueOf(flexibility.maxValue())) <= 0;
        return aboveMin && belowMax ? Decision.of(schedule, Outcome.SENSOR_ACCEPTABLE)
                : Decision.of(preferred, Outcome.SENSOR_NOT_ACCEPTABLE);
    }
}
