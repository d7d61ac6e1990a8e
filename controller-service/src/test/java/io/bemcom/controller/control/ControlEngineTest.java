package io.bemcom.controller.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.bemcom.controller.decision.Flexibility;
import io.bemcom.controller.decision.SetpointTarget;
import io.bemcom.controller.testing.ManualTime;
import io.bemcom.controller.timeline.Period;
import io.bemcom.controller.timeline.TimedItem;
import io.bemcom.protocol.ControlledDatapoint;
import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * The controller's behaviour without a broker. The first group reproduces, step by step, every
 * scenario of the original's {@code test_controller.py} (services-and-tools.md §1.11); where the
 * original slept 0.25 s for a timer, the clock is advanced by 250 ms here.
 */
class ControlEngineTest {

    private static final String CONNECTOR = "test_connector";

    private final ManualTime time = ManualTime.atOriginalTestsNow();
    private final RecordingOutput output = new RecordingOutput();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ControlEngine engine = new ControlEngine(time.clock(), output, time, new ControllerMetrics(registry));

    // ------------------------------------------------------------------ helpers

    private static ControlledDatapoint pair(int sensor, int actuator) {
        return new ControlledDatapoint(Topics.value(CONNECTOR, sensor), Topics.value(CONNECTOR, actuator),
                Topics.setpoint(CONNECTOR, actuator), Topics.schedule(CONNECTOR, actuator));
    }

    private long now() {
        return time.now();
    }

    private static TimedItem<SetpointTarget> preferred(Long from, Long to, Object preferred) {
        return new TimedItem<>(new Period(from, to), new SetpointTarget(JsonValues.of(preferred), Flexibility.NONE));
    }

    private static TimedItem<SetpointTarget> discrete(Object preferred, Object... acceptable) {
        List<JsonNode> values = acceptable == null ? null : Arrays.stream(acceptable).map(JsonValues::of).toList();
        return new TimedItem<>(Period.ALWAYS,
                new SetpointTarget(JsonValues.of(preferred), new Flexibility.Discrete(values)));
    }

    private static TimedItem<SetpointTarget> continuous(Object preferred, Double min, Double max) {
        return new TimedItem<>(Period.ALWAYS,
                new SetpointTarget(JsonValues.of(preferred), new Flexibility.Continuous(min, max)));
    }

    private static TimedItem<JsonNode> scheduled(Long from, Long to, Object value) {
        return new TimedItem<>(new Period(from, to), JsonValues.of(value));
    }

    private void setpoint(ControlledDatapoint pair, List<TimedItem<SetpointTarget>> items) {
        engine.setpoint(pair.actuatorSetpointTopic(), items);
    }

    private void schedule(ControlledDatapoint pair, List<TimedItem<JsonNode>> items) {
        engine.schedule(pair.actuatorScheduleTopic(), items);
    }

    private void sensor(ControlledDatapoint pair, Object value) {
        engine.sensorValue(pair.sensorValueTopic(), JsonValues.of(value));
    }

    private JsonNode actuatorValue(ControlledDatapoint pair) {
        return output.lastSentTo(pair.actuatorValueTopic());
    }

    private void afterQuarterSecond() {
        time.advanceMillis(250);
    }

    private static JsonNode json(Object value) {
        return JsonValues.of(value);
    }

    // ------------------------------------------------------------------ the original's scenarios

    @Nested
    class OriginalScenarios {

        @Test
        void configMessageSubscribesSensorValueSetpointAndSchedule() {
            // test_config_msg_processed
            SubscriptionChange change = engine.configure(List.of(pair(1, 2)));

            assertThat(change.subscribe()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    Topics.value(CONNECTOR, 1), TopicRole.SENSOR_VALUE,
                    Topics.setpoint(CONNECTOR, 2), TopicRole.ACTUATOR_SETPOINT,
                    Topics.schedule(CONNECTOR, 2), TopicRole.ACTUATOR_SCHEDULE));
            assertThat(change.unsubscribe()).isEmpty();
            // The actuator's value topic is written, never read.
            assertThat(engine.topics()).doesNotContainKey(Topics.value(CONNECTOR, 2));
        }

        @Test
        void configUpdateSubscribesTheNewTopicsAndDropsTheOldOnes() {
            // test_config_msg_updates
            engine.configure(List.of(pair(1, 2)));

            SubscriptionChange change = engine.configure(List.of(pair(3, 4)));

            assertThat(change.subscribe()).containsOnlyKeys(Topics.value(CONNECTOR, 3),
                    Topics.setpoint(CONNECTOR, 4), Topics.schedule(CONNECTOR, 4));
            assertThat(change.unsubscribe()).containsExactlyInAnyOrder(Topics.value(CONNECTOR, 1),
                    Topics.setpoint(CONNECTOR, 2), Topics.schedule(CONNECTOR, 2));
            assertThat(engine.topics()).containsOnlyKeys(Topics.value(CONNECTOR, 3),
                    Topics.setpoint(CONNECTOR, 4), Topics.schedule(CONNECTOR, 4));
        }

        @Test
        void actuatorValueCorrectOnlySetpoint() {
            // test_actuator_value_correct_only_setpoint (sensor 5, actuator 6)
            ControlledDatapoint pair = pair(5, 6);
            engine.configure(List.of(pair));

            setpoint(pair, List.of(preferred(null, null, 21)));
            assertThat(actuatorValue(pair)).isEqualTo(json(21));

            setpoint(pair, List.of(preferred(now() - 1, null, 22)));
            assertThat(actuatorValue(pair)).isEqualTo(json(22));

            setpoint(pair, List.of(preferred(now() - 3, now() - 2, 23)));
            assertThat(actuatorValue(pair)).isEqualTo(json(22));

            setpoint(pair, List.of(preferred(null, now() + 200, 24), preferred(now() + 200, now() + 400, 25),
                    preferred(now() + 400, null, 26)));
            assertThat(actuatorValue(pair)).isEqualTo(json(24));
            afterQuarterSecond();
            assertThat(actuatorValue(pair)).isEqualTo(json(25));
            afterQuarterSecond();
            assertThat(actuatorValue(pair)).isEqualTo(json(26));

            setpoint(pair, List.of(preferred(null, now() + 200, 27), preferred(now() + 200, now() + 400, 28),
                    preferred(now() + 400, null, 29)));
            assertThat(actuatorValue(pair)).isEqualTo(json(27));
            setpoint(pair, List.of());
            afterQuarterSecond();
            assertThat(actuatorValue(pair)).isEqualTo(json(27));
            afterQuarterSecond();
            assertThat(actuatorValue(pair)).isEqualTo(json(27));
            assertThat(output.valuesSentTo(pair.actuatorValueTopic()))
                    .containsExactly(json(21), json(22), json(24), json(25), json(26), json(27));
        }

        @Test
        void actuatorValueCorrectOnlySchedule() {
            // test_actuator_value_correct_only_schedule (sensor 7, actuator 8)
            ControlledDatapoint pair = pair(7, 8);
            engine.configure(List.of(pair));

            schedule(pair, List.of(scheduled(null, null, 21)));
            assertThat(actuatorValue(pair)).isEqualTo(json(21));

            schedule(pair, List.of(scheduled(now() - 1, null, 22)));
            assertThat(actuatorValue(pair)).isEqualTo(json(22));

            schedule(pair, List.of(scheduled(now() - 3, now() - 2, 23)));
            assertThat(actuatorValue(pair)).isEqualTo(json(22));

            schedule(pair, List.of(scheduled(null, now() + 200, 24), scheduled(now() + 200, now() + 400, 25),
                    scheduled(now() + 400, null, 26)));
            assertThat(actuatorValue(pair)).isEqualTo(json(24));
            afterQuarterSecond();
            assertThat(actuatorValue(pair)).isEqualTo(json(25));
            afterQuarterSecond();
            assertThat(actuatorValue(pair)).isEqualTo(json(26));

            schedule(pair, List.of(scheduled(null, now() + 200, 27), scheduled(now() + 200, now() + 400, 28),
                    scheduled(now() + 400, null, 29)));
            assertThat(actuatorValue(pair)).isEqualTo(json(27));
            schedule(pair, List.of());
            afterQuarterSecond();
            assertThat(actuatorValue(pair)).isEqualTo(json(27));
            afterQuarterSecond();
            assertThat(actuatorValue(pair)).isEqualTo(json(27));
        }

        @Test
        void actuatorValueCorrectNoFlexibility() {
            // test_actuator_value_correct_no_flexibilty (sensor 9, actuator 10)
            ControlledDatapoint pair = pair(9, 10);
            engine.configure(List.of(pair));

            setpoint(pair, List.of(preferred(null, null, 21.0)));
            schedule(pair, List.of(scheduled(now() + 200, null, 22.0)));
            afterQuarterSecond();

            assertThat(actuatorValue(pair)).isEqualTo(json(21.0));
            assertThat(output.valuesSentTo(pair.actuatorValueTopic())).containsExactly(json(21.0));
        }

        @Test
        void actuatorValueDiscreteFlexibility() {
            // test_actuator_value_discrete_flexibilty (sensor 11, actuator 12)
            ControlledDatapoint pair = pair(11, 12);
            engine.configure(List.of(pair));

            setpoint(pair, List.of(discrete(21.0, 21.0, 22.0)));
            schedule(pair, List.of(scheduled(now() + 200, null, 22.0)));
            afterQuarterSecond();
            assertThat(actuatorValue(pair)).as("no sensor value yet").isEqualTo(json(22.0));

            setpoint(pair, List.of(discrete(23.0, 23.0, 24.0)));
            sensor(pair, 23.0);
            schedule(pair, List.of(scheduled(now() + 200, null, 24.0)));
            afterQuarterSecond();
            assertThat(actuatorValue(pair)).as("sensor value acceptable").isEqualTo(json(24.0));

            setpoint(pair, List.of(discrete(25.0, 25.0, 26.0)));
            sensor(pair, 23.0);
            schedule(pair, List.of(scheduled(now() + 200, null, 26.0)));
            afterQuarterSecond();
            assertThat(actuatorValue(pair)).as("sensor value not acceptable").isEqualTo(json(25.0));

            setpoint(pair, List.of(discrete(27.0, (Object[]) null)));
            sensor(pair, 23.0);
            schedule(pair, List.of(scheduled(now() + 200, null, 28.0)));
            afterQuarterSecond();
            assertThat(actuatorValue(pair)).as("acceptable values null").isEqualTo(json(28.0));
        }

        @Test
        void actuatorValueContinuousFlexibility() {
            // test_actuator_value_continuous_flexibilty (sensor 13, actuator 14)
            ControlledDatapoint pair = pair(13, 14);
            engine.configure(List.of(pair));

            setpoint(pair, List.of(continuous(21.0, 19.0, 20.0)));
            schedule(pair, List.of(scheduled(now() + 200, null, 22.0)));
            afterQuarterSecond();
            assertThat(actuatorValue(pair)).as("no sensor value yet").isEqualTo(json(22.0));

            setpoint(pair, List.of(continuous(23.0, 24.0, 24.0)));
            sensor(pair, 24.0);
            schedule(pair, List.of(scheduled(now() + 200, null, 24.0)));
            afterQuarterSecond();
            assertThat(actuatorValue(pair)).as("bounds are inclusive").isEqualTo(json(24.0));

            setpoint(pair, List.of(continuous(25.0, 25.0, 25.0)));
            sensor(pair, 24.0);
            schedule(pair, List.of(scheduled(now() + 200, null, 26.0)));
            afterQuarterSecond();
            assertThat(actuatorValue(pair)).as("below the range").isEqualTo(json(25.0));
            schedule(pair, List.of(scheduled(now() + 200, null, 26.0)));
            sensor(pair, 26.0);
            afterQuarterSecond();
            assertThat(actuatorValue(pair)).as("above the range").isEqualTo(json(25.0));

            setpoint(pair, List.of(continuous(27.0, null, 25.0)));
            sensor(pair, 1e9);
            schedule(pair, List.of(scheduled(now() + 200, null, 28.0)));
            afterQuarterSecond();
            assertThat(actuatorValue(pair)).as("above max, min open").isEqualTo(json(27.0));
            schedule(pair, List.of(scheduled(now() + 200, null, 28.0)));
            sensor(pair, -1e9);
            afterQuarterSecond();
            assertThat(actuatorValue(pair)).as("below max, min open").isEqualTo(json(28.0));

            setpoint(pair, List.of(continuous(29.0, 25.0, null)));
            sensor(pair, -1e9);
            schedule(pair, List.of(scheduled(now() + 200, null, 30.0)));
            afterQuarterSecond();
            assertThat(actuatorValue(pair)).as("below min, max open").isEqualTo(json(29.0));
            schedule(pair, List.of(scheduled(now() + 200, null, 30.0)));
            sensor(pair, 1e9);
            afterQuarterSecond();
            assertThat(actuatorValue(pair)).as("above min, max open").isEqualTo(json(30.0));
        }

        @Test
        void noRedundantActuatorMessages() {
            // test_no_redudant_actuator_messages (sensor 15, actuator 16)
            ControlledDatapoint pair = pair(15, 16);
            engine.configure(List.of(pair));

            schedule(pair, List.of(scheduled(null, now() + 200, 24), scheduled(now() + 200, now() + 400, 24)));
            assertThat(output.valuesSentTo(pair.actuatorValueTopic())).containsExactly(json(24));
            output.sent.clear();
            afterQuarterSecond();

            assertThat(output.sent).isEmpty();
        }
    }

    // ------------------------------------------------------------------ beyond the original

    @Nested
    class Expiry {

        @Test
        void leavesTheActuatorAloneWhenTheOnlyItemEnds() {
            ControlledDatapoint pair = pair(1, 2);
            engine.configure(List.of(pair));
            setpoint(pair, List.of(preferred(null, now() + 200, 21)));

            time.advanceMillis(400);

            assertThat(output.valuesSentTo(pair.actuatorValueTopic())).containsExactly(json(21));
            assertThat(time.pendingWakeUp()).isEqualTo(-1);
        }

        @Test
        void followsTheScheduleOnceTheSetpointEnds() {
            ControlledDatapoint pair = pair(1, 2);
            engine.configure(List.of(pair));
            schedule(pair, List.of(scheduled(null, null, 24)));
            setpoint(pair, List.of(preferred(null, now() + 200, 21)));
            assertThat(actuatorValue(pair)).isEqualTo(json(21));

            time.advanceMillis(199);
            assertThat(actuatorValue(pair)).isEqualTo(json(21));
            time.advanceMillis(1);

            assertThat(actuatorValue(pair)).isEqualTo(json(24));
        }

        @Test
        void returnsToTheInterruptedItemWhenALaterOneEnds() {
            ControlledDatapoint pair = pair(1, 2);
            engine.configure(List.of(pair));
            long start = now();
            schedule(pair, List.of(scheduled(start - 100, null, "A"), scheduled(start - 50, start + 50, "B")));
            assertThat(actuatorValue(pair)).isEqualTo(json("B"));

            time.advanceMillis(50);

            assertThat(output.valuesSentTo(pair.actuatorValueTopic())).containsExactly(json("B"), json("A"));
        }

        @Test
        void schedulesTheNextWakeUpAtTheNextStartOrEnd() {
            ControlledDatapoint pair = pair(1, 2);
            engine.configure(List.of(pair));
            long start = now();

            schedule(pair, List.of(scheduled(start + 500, start + 900, 1)));
            setpoint(pair, List.of(preferred(null, start + 300, 2)));

            assertThat(time.pendingWakeUp()).isEqualTo(start + 300);
            time.advanceMillis(300);
            assertThat(time.pendingWakeUp()).isEqualTo(start + 500);
        }
    }

    @Nested
    class ClearingAndConfiguration {

        @Test
        void aNullSetpointClearsTheItemInForce() {
            ControlledDatapoint pair = pair(1, 2);
            engine.configure(List.of(pair));
            schedule(pair, List.of(scheduled(null, null, 24)));
            setpoint(pair, List.of(preferred(null, null, 21)));
            assertThat(actuatorValue(pair)).isEqualTo(json(21));

            setpoint(pair, null);

            assertThat(actuatorValue(pair)).isEqualTo(json(24));
        }

        @Test
        void anUnknownSensorValueLetsTheScheduleDecide() {
            ControlledDatapoint pair = pair(1, 2);
            engine.configure(List.of(pair));
            setpoint(pair, List.of(discrete(21, 21)));
            schedule(pair, List.of(scheduled(null, null, 22)));
            sensor(pair, 30);
            assertThat(actuatorValue(pair)).isEqualTo(json(21));

            engine.sensorValue(pair.sensorValueTopic(), JsonValues.of(null));

            assertThat(actuatorValue(pair)).isEqualTo(json(22));
        }

        @Test
        void aSensorValueOlderThanTheNewestOneIsIgnoredAsAReplayedValueMustNotSteerTheDevice() {
            ControlledDatapoint pair = pair(1, 2);
            engine.configure(List.of(pair));
            setpoint(pair, List.of(discrete(21, 21, 22)));
            schedule(pair, List.of(scheduled(null, null, 22)));
            engine.sensorValue(pair.sensorValueTopic(), json(21), 2_000);
            assertThat(actuatorValue(pair)).isEqualTo(json(22));

            // A raw-message replay publishes yesterday's readings, re-parsed, with their timestamps.
            engine.sensorValue(pair.sensorValueTopic(), json(30), 1_000);
            assertThat(actuatorValue(pair)).isEqualTo(json(22));
            assertThat(registry.get("bemcom.controller.messages.rejected").tag("reason", "older_sensor_value")
                    .counter().count()).isEqualTo(1.0);

            // Same timestamp (the replayed value of the newest reading) and newer ones are taken.
            engine.sensorValue(pair.sensorValueTopic(), json(30), 2_000);
            assertThat(actuatorValue(pair)).isEqualTo(json(21));
            // Unknown clears the order: the next reading is taken whatever its time.
            engine.sensorValue(pair.sensorValueTopic(), JsonValues.of(null), Long.MAX_VALUE);
            engine.sensorValue(pair.sensorValueTopic(), json(30), 500);
            assertThat(actuatorValue(pair)).isEqualTo(json(21));
        }

        @Test
        void anEmptyConfigurationControlsNothing() {
            ControlledDatapoint pair = pair(1, 2);
            engine.configure(List.of(pair));

            SubscriptionChange change = engine.configure(List.of());
            setpoint(pair, List.of(preferred(null, null, 21)));

            assertThat(change.unsubscribe()).hasSize(3);
            assertThat(engine.pairs()).isEmpty();
            assertThat(output.sent).isEmpty();
            assertThat(registry.get("bemcom.controller.messages.rejected").tag("reason", "unconfigured_topic")
                    .counter().count()).isEqualTo(1.0);
        }

        @Test
        void aRemovedPairIsNoLongerControlledAndItsTimersAreGone() {
            ControlledDatapoint removed = pair(1, 2);
            ControlledDatapoint kept = pair(3, 4);
            engine.configure(List.of(removed, kept));
            setpoint(removed, List.of(preferred(now() + 100, null, 21)));

            engine.configure(List.of(kept));
            time.advanceMillis(200);

            assertThat(output.sent).isEmpty();
            assertThat(time.pendingWakeUp()).isEqualTo(-1);
        }

        @Test
        void aPairThatStaysKeepsItsStateAcrossAConfigurationChange() {
            ControlledDatapoint kept = pair(1, 2);
            engine.configure(List.of(kept));
            setpoint(kept, List.of(preferred(null, null, 21)));

            SubscriptionChange change = engine.configure(List.of(kept, pair(3, 4)));

            assertThat(change.subscribe()).hasSize(3);
            assertThat(change.unsubscribe()).isEmpty();
            assertThat(output.valuesSentTo(kept.actuatorValueTopic())).containsExactly(json(21));
        }

        @Test
        void refusesAPairWithAWildcardTopicAndKeepsTheOthers() {
            ControlledDatapoint wildcard = new ControlledDatapoint("c/messages/+/value", "c/messages/2/value",
                    "c/messages/2/setpoint", "c/messages/2/schedule");

            engine.configure(List.of(wildcard, pair(3, 4)));

            assertThat(engine.pairs()).containsExactly(pair(3, 4));
            assertThat(registry.get("bemcom.controller.messages.rejected")
                    .tag("reason", "invalid_controlled_datapoint").counter().count()).isEqualTo(1.0);
        }

        @Test
        void refusesAPairThatReadsATopicInAnotherRoleThanAnEarlierPair() {
            ControlledDatapoint first = pair(1, 2);
            ControlledDatapoint conflicting = new ControlledDatapoint(first.actuatorSetpointTopic(),
                    Topics.value(CONNECTOR, 9), Topics.setpoint(CONNECTOR, 9), Topics.schedule(CONNECTOR, 9));

            engine.configure(List.of(first, conflicting));

            assertThat(engine.pairs()).containsExactly(first);
        }

        @Test
        void aNewConfigurationAloneSendsNothing() {
            engine.configure(List.of(pair(1, 2)));

            assertThat(output.sent).isEmpty();
        }
    }

    @Nested
    class Independence {

        @Test
        void twoActuatorsSharingASensorAreControlledIndependently() {
            // The original keyed its state by the sensor topic: both setpoints ended up on a2.
            ControlledDatapoint first = pair(1, 2);
            ControlledDatapoint second = pair(1, 3);
            engine.configure(List.of(first, second));

            setpoint(first, List.of(continuous(21, 19.0, 23.0)));
            setpoint(second, List.of(continuous(0, 19.0, 21.0)));
            schedule(first, List.of(scheduled(null, null, 18)));
            schedule(second, List.of(scheduled(null, null, 1)));
            assertThat(actuatorValue(first)).isEqualTo(json(18));
            assertThat(actuatorValue(second)).isEqualTo(json(1));

            sensor(first, 22.0);

            assertThat(actuatorValue(first)).isEqualTo(json(18));
            assertThat(actuatorValue(second)).isEqualTo(json(0));
        }

        @Test
        void aSharedSensorTopicIsSubscribedOnce() {
            SubscriptionChange change = engine.configure(List.of(pair(1, 2), pair(1, 3)));

            assertThat(change.subscribe()).hasSize(5);
        }
    }

    @Nested
    class ValuesAndTypes {

        @Test
        void doesNotResendTheSameNumberInAnotherForm() {
            ControlledDatapoint pair = pair(1, 2);
            engine.configure(List.of(pair));

            setpoint(pair, List.of(preferred(null, null, 21)));
            setpoint(pair, List.of(preferred(null, null, 21.0)));
            setpoint(pair, List.of(preferred(null, null, "21.0")));
            setpoint(pair, List.of(preferred(null, null, 22)));

            assertThat(output.valuesSentTo(pair.actuatorValueTopic())).containsExactly(json(21), json(22));
        }

        @Test
        void sendsValuesOfEveryJsonTypeUnchanged() {
            ControlledDatapoint pair = pair(1, 2);
            engine.configure(List.of(pair));
            JsonNode object = JsonValues.parse("{\"mode\":\"eco\",\"levels\":[1,2]}");

            schedule(pair, List.of(scheduled(null, null, "on")));
            schedule(pair, List.of(scheduled(null, null, true)));
            schedule(pair, List.of(new TimedItem<>(Period.ALWAYS, object)));
            schedule(pair, List.of(scheduled(null, null, null)));

            assertThat(output.valuesSentTo(pair.actuatorValueTopic()))
                    .containsExactly(json("on"), json(true), object, json(null));
        }

        @Test
        void stampsTheValueWithTheClocksTime() {
            ControlledDatapoint pair = pair(1, 2);
            engine.configure(List.of(pair));

            setpoint(pair, List.of(preferred(null, null, 21)));

            assertThat(output.sent.get(0).message().timestamp()).isEqualTo(now());
        }

        @Test
        void sendsAgainAtTheNextDecisionWhenSendingFailed() {
            ControlledDatapoint pair = pair(1, 2);
            engine.configure(List.of(pair));
            output.failing = true;
            setpoint(pair, List.of(preferred(null, null, 21)));
            output.failing = false;

            sensor(pair, 20.0);

            assertThat(output.valuesSentTo(pair.actuatorValueTopic())).containsExactly(json(21));
            assertThat(registry.get("bemcom.controller.actuator.values.failed").counter().count()).isEqualTo(1.0);
        }

        @Test
        void countsDecisionsAndSentValues() {
            ControlledDatapoint pair = pair(1, 2);
            engine.configure(List.of(pair));

            setpoint(pair, List.of(preferred(null, null, 21)));
            sensor(pair, 20.0);

            assertThat(registry.get("bemcom.controller.decisions").tag("outcome", "setpoint_only").counter().count())
                    .isEqualTo(2.0);
            assertThat(registry.get("bemcom.controller.actuator.values.sent").counter().count()).isEqualTo(1.0);
            assertThat(registry.get("bemcom.controller.controlled.datapoints").gauge().value()).isEqualTo(1.0);
        }

        @Test
        void judgesTimeInUtcMillisecondsWhateverTheHostsZone() {
            TimeZone original = TimeZone.getDefault();
            try {
                TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
                long now = 1_700_000_000_000L;
                Clock zoned = Clock.fixed(Instant.ofEpochMilli(now), ZoneId.of("Pacific/Kiritimati"));
                RecordingOutput sent = new RecordingOutput();
                ControlEngine zonedEngine = new ControlEngine(zoned, sent, new ManualTime(now),
                        new ControllerMetrics(new SimpleMeterRegistry()));
                ControlledDatapoint pair = pair(1, 2);
                zonedEngine.configure(List.of(pair));

                zonedEngine.schedule(pair.actuatorScheduleTopic(), List.of(scheduled(now, now + 1, "in force"),
                        scheduled(now + 1, null, "not yet")));

                assertThat(sent.lastSentTo(pair.actuatorValueTopic())).isEqualTo(json("in force"));
                assertThat(sent.sent.get(0).message().timestamp()).isEqualTo(now);
            } finally {
                TimeZone.setDefault(original);
            }
        }
    }
}
