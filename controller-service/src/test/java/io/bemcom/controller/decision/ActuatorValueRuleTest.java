package io.bemcom.controller.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.bemcom.controller.decision.Decision.Outcome;
import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.JsonNode;

/** The decision table of services-and-tools.md §1.8, row by row. */
class ActuatorValueRuleTest {

    private static final JsonNode PREFERRED = JsonValues.of(21.0);
    private static final JsonNode SCHEDULED = JsonValues.of(24.0);

    private static Optional<JsonNode> sensor(Object value) {
        return Optional.of(JsonValues.of(value));
    }

    private static SetpointTarget setpoint(Flexibility flexibility) {
        return new SetpointTarget(PREFERRED, flexibility);
    }

    private static Flexibility.Discrete acceptable(Object... values) {
        return new Flexibility.Discrete(Arrays.stream(values).map(JsonValues::of).toList());
    }

    private static Decision decide(Optional<JsonNode> sensor, SetpointTarget setpoint, JsonNode schedule) {
        return ActuatorValueRule.decide(sensor, setpoint, schedule);
    }

    private static void assertDecision(Decision decision, JsonNode value, Outcome outcome) {
        assertThat(decision.value()).contains(value);
        assertThat(decision.outcome()).isEqualTo(outcome);
    }

    @Test
    void leavesTheActuatorAloneWithoutSetpointAndSchedule() {
        Decision decision = decide(sensor(20.0), null, null);

        assertThat(decision.value()).isEmpty();
        assertThat(decision.outcome()).isEqualTo(Outcome.NOTHING_TO_DO);
    }

    @Test
    void takesThePreferredValueWhenOnlyASetpointIsInForce() {
        assertDecision(decide(sensor(30.0), setpoint(acceptable(22.0)), null), PREFERRED, Outcome.SETPOINT_ONLY);
    }

    @Test
    void takesTheScheduledValueWhenOnlyAScheduleIsInForce() {
        assertDecision(decide(Optional.empty(), null, SCHEDULED), SCHEDULED, Outcome.SCHEDULE_ONLY);
    }

    @Test
    void ignoresTheScheduleWhenTheSetpointHasNoFlexibility() {
        assertDecision(decide(sensor(21.0), setpoint(Flexibility.NONE), SCHEDULED), PREFERRED,
                Outcome.NO_FLEXIBILITY);
    }

    @Test
    void publishesAJsonNullPreferredValueAsIs() {
        JsonNode nothing = JsonValues.of(null);
        Decision decision = decide(Optional.empty(), new SetpointTarget(nothing, Flexibility.NONE), null);

        assertThat(decision.value()).contains(nothing);
    }

    @Nested
    class Discrete {

        @Test
        void followsTheScheduleWithoutASensorValue() {
            assertDecision(decide(Optional.empty(), setpoint(acceptable(21.0, 22.0)), SCHEDULED), SCHEDULED,
                    Outcome.NO_SENSOR_VALUE);
        }

        @Test
        void followsTheScheduleWhileTheSensorValueIsAcceptable() {
            assertDecision(decide(sensor(22.0), setpoint(acceptable(21.0, 22.0)), SCHEDULED), SCHEDULED,
                    Outcome.SENSOR_ACCEPTABLE);
        }

        @Test
        void takesThePreferredValueWhenTheSensorValueIsNotAcceptable() {
            assertDecision(decide(sensor(23.0), setpoint(acceptable(21.0, 22.0)), SCHEDULED), PREFERRED,
                    Outcome.SENSOR_NOT_ACCEPTABLE);
        }

        @Test
        void followsTheScheduleWhenAcceptableValuesAreNull() {
            // The original's tests assert this (its documentation says the opposite).
            assertDecision(decide(sensor(23.0), setpoint(new Flexibility.Discrete(null)), SCHEDULED), SCHEDULED,
                    Outcome.ANY_VALUE_ACCEPTABLE);
        }

        @Test
        void takesThePreferredValueWhenNoValueIsAcceptable() {
            assertDecision(decide(sensor(23.0), setpoint(new Flexibility.Discrete(List.of())), SCHEDULED),
                    PREFERRED, Outcome.SENSOR_NOT_ACCEPTABLE);
        }

        @Test
        void comparesAcceptableValuesPublishedAsStringsWithNumericSensorValues() {
            // The API publishes acceptable values as JSON-encoded strings; connectors publish numbers.
            assertDecision(decide(sensor(21.0), setpoint(acceptable("21.0", "22.0")), SCHEDULED), SCHEDULED,
                    Outcome.SENSOR_ACCEPTABLE);
            assertDecision(decide(sensor("22"), setpoint(acceptable(21, 22)), SCHEDULED), SCHEDULED,
                    Outcome.SENSOR_ACCEPTABLE);
        }

        @Test
        void comparesTextValuesExactly() {
            assertDecision(decide(sensor("eco"), setpoint(acceptable("eco", "comfort")), SCHEDULED), SCHEDULED,
                    Outcome.SENSOR_ACCEPTABLE);
            assertDecision(decide(sensor("Eco"), setpoint(acceptable("eco", "comfort")), SCHEDULED), PREFERRED,
                    Outcome.SENSOR_NOT_ACCEPTABLE);
        }

        @Test
        void isCheckedBeforeContinuousFlexibility() {
            // An item with acceptable values and bounds is discrete, as in the original.
            SetpointTarget both = new SetpointTarget(PREFERRED, Flexibility.of(true,
                    List.of(JsonValues.of(20.0)), true, 0.0, true, 100.0));

            assertDecision(decide(sensor(50.0), both, SCHEDULED), PREFERRED, Outcome.SENSOR_NOT_ACCEPTABLE);
        }
    }

    @Nested
    class Continuous {

        @Test
        void followsTheScheduleWithoutASensorValue() {
            assertDecision(decide(Optional.empty(), setpoint(new Flexibility.Continuous(19.0, 20.0)), SCHEDULED),
                    SCHEDULED, Outcome.NO_SENSOR_VALUE);
        }

        @Test
        void followsTheScheduleWhenBothBoundsAreOpen() {
            assertDecision(decide(sensor(1e9), setpoint(new Flexibility.Continuous(null, null)), SCHEDULED),
                    SCHEDULED, Outcome.ANY_VALUE_ACCEPTABLE);
        }

        @Test
        void treatsBothBoundsAsInclusive() {
            SetpointTarget exactly24 = setpoint(new Flexibility.Continuous(24.0, 24.0));

            assertDecision(decide(sensor(24.0), exactly24, SCHEDULED), SCHEDULED, Outcome.SENSOR_ACCEPTABLE);
            assertDecision(decide(sensor(24.000001), exactly24, SCHEDULED), PREFERRED,
                    Outcome.SENSOR_NOT_ACCEPTABLE);
            assertDecision(decide(sensor(23.999999), exactly24, SCHEDULED), PREFERRED,
                    Outcome.SENSOR_NOT_ACCEPTABLE);
        }

        @Test
        void checksOnlyTheUpperBoundWhenTheLowerIsOpen() {
            SetpointTarget atMost25 = setpoint(new Flexibility.Continuous(null, 25.0));

            assertDecision(decide(sensor(-1e9), atMost25, SCHEDULED), SCHEDULED, Outcome.SENSOR_ACCEPTABLE);
            assertDecision(decide(sensor(1e9), atMost25, SCHEDULED), PREFERRED, Outcome.SENSOR_NOT_ACCEPTABLE);
        }

        @Test
        void checksOnlyTheLowerBoundWhenTheUpperIsOpen() {
            SetpointTarget atLeast25 = setpoint(new Flexibility.Continuous(25.0, null));

            assertDecision(decide(sensor(1e9), atLeast25, SCHEDULED), SCHEDULED, Outcome.SENSOR_ACCEPTABLE);
            assertDecision(decide(sensor(-1e9), atLeast25, SCHEDULED), PREFERRED, Outcome.SENSOR_NOT_ACCEPTABLE);
        }

        @Test
        void comparesANumericStringSensorValueAsANumber() {
            // The original raised TypeError on "20.0" >= 19.0 and died.
            assertDecision(decide(sensor("19.5"), setpoint(new Flexibility.Continuous(19.0, 20.0)), SCHEDULED),
                    SCHEDULED, Outcome.SENSOR_ACCEPTABLE);
            assertDecision(decide(sensor("20.5"), setpoint(new Flexibility.Continuous(19.0, 20.0)), SCHEDULED),
                    PREFERRED, Outcome.SENSOR_NOT_ACCEPTABLE);
        }

        @Test
        void takesThePreferredValueWhenTheSensorValueIsNotANumber() {
            assertDecision(decide(sensor("warm"), setpoint(new Flexibility.Continuous(19.0, 20.0)), SCHEDULED),
                    PREFERRED, Outcome.SENSOR_NOT_COMPARABLE);
            assertDecision(decide(sensor(true), setpoint(new Flexibility.Continuous(19.0, 20.0)), SCHEDULED),
                    PREFERRED, Outcome.SENSOR_NOT_COMPARABLE);
        }
    }

    @Nested
    class FlexibilityByKeys {

        @Test
        void acceptableValuesKeyMakesItDiscreteEvenWhenNull() {
            assertThat(Flexibility.of(true, null, false, null, false, null))
                    .isEqualTo(new Flexibility.Discrete(null));
        }

        @Test
        void eitherBoundKeyMakesItContinuous() {
            assertThat(Flexibility.of(false, null, true, null, true, null))
                    .isEqualTo(new Flexibility.Continuous(null, null));
            assertThat(Flexibility.of(false, null, false, null, true, 25.0))
                    .isEqualTo(new Flexibility.Continuous(null, 25.0));
        }

        @Test
        void noKeyMeansNoFlexibility() {
            assertThat(Flexibility.of(false, null, false, null, false, null)).isEqualTo(Flexibility.NONE);
        }
    }
}
