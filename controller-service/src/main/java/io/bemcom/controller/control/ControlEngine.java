package io.bemcom.controller.control;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.controller.decision.ActuatorValueRule;
import io.bemcom.controller.decision.Decision;
import io.bemcom.controller.decision.SetpointTarget;
import io.bemcom.controller.timeline.TimedItem;
import io.bemcom.controller.timeline.Timeline;
import io.bemcom.protocol.ControlledDatapoint;
import io.bemcom.protocol.ValueMessage;
import tools.jackson.databind.JsonNode;

/**
 * The controller without a broker: it keeps, per controlled pair, the sensor's value and the
 * setpoint and schedule timelines, decides the actuator's value with {@link ActuatorValueRule},
 * and sends it when it changes. Time comes from the injected clock (UTC ms, whatever the host's
 * zone); items that start or end later are handled by one wake-up at the next such moment.
 *
 * <p>All methods are synchronized: broker deliveries and wake-ups arrive on different threads.
 */
public final class ControlEngine {

    private static final Logger log = LoggerFactory.getLogger(ControlEngine.class);

    private final Clock clock;
    private final ActuatorOutput output;
    private final WakeUps wakeUps;
    private final ControllerMetrics metrics;

    private ControlConfiguration configuration = ControlConfiguration.NOTHING;
    private final Map<ControlledDatapoint, ControlLoop> loops = new LinkedHashMap<>();
    private final Map<String, JsonNode> sensorValues = new HashMap<>();
    /** Timestamp of the newest reading taken per sensor topic. */
    private final Map<String, Long> sensorTimes = new HashMap<>();
    private final Map<String, Timeline<SetpointTarget>> setpoints = new HashMap<>();
    private final Map<String, Timeline<JsonNode>> schedules = new HashMap<>();

    public ControlEngine(Clock clock, ActuatorOutput output, WakeUps wakeUps, ControllerMetrics metrics) {
        this.clock = clock;
        this.output = output;
        this.wakeUps = wakeUps;
        this.metrics = metrics;
    }

    /**
     * Takes a new list of controlled pairs (an empty list: the controller was deleted, control
     * nothing) and returns how the subscriptions must change. State of topics that are no longer
     * used is dropped; the pairs that stay keep theirs, including the value last sent.
     */
    public synchronized SubscriptionChange configure(List<ControlledDatapoint> pairs) {
        ControlConfiguration next = ControlConfiguration.of(pairs, (pair, problem) -> {
            log.warn("Ignored the controlled datapoint {}: {}.", pair, problem);
            metrics.rejected("invalid_controlled_datapoint");
        });
        SubscriptionChange change = configuration.changeTo(next);
        configuration = next;

        loops.keySet().retainAll(next.pairs());
        next.pairs().forEach(pair -> loops.computeIfAbsent(pair, ControlLoop::new));
        sensorValues.keySet().retainAll(topicsWith(TopicRole.SENSOR_VALUE));
        sensorTimes.keySet().retainAll(topicsWith(TopicRole.SENSOR_VALUE));
        setpoints.keySet().retainAll(topicsWith(TopicRole.ACTUATOR_SETPOINT));
        schedules.keySet().retainAll(topicsWith(TopicRole.ACTUATOR_SCHEDULE));
        metrics.controlling(loops.size());
        log.info("Controlling {} sensor/actuator pair(s); subscribing {} and dropping {} topic(s).", loops.size(),
                change.subscribe().size(), change.unsubscribe().size());

        // A pair that is new but whose topics were already known (a shared sensor) can decide now.
        evaluate(loop -> true);
        return change;
    }

    /** A sensor reading; JSON {@code null} means the value is unknown. */
    public synchronized void sensorValue(String topic, JsonNode value) {
        if (!expect(topic, TopicRole.SENSOR_VALUE)) {
            return;
        }
        accept(topic, value);
    }

    /**
     * A sensor reading taken at {@code timestamp}. One older than the newest already taken on that
     * topic is not the sensor's state: values that a raw-message replay publishes with their old
     * timestamps, or a late redelivery. It is ignored (counted as {@code older_sensor_value}), as the
     * api-service's last value ignores it.
     */
    public synchronized void sensorValue(String topic, JsonNode value, long timestamp) {
        if (!expect(topic, TopicRole.SENSOR_VALUE)) {
            return;
        }
        Long newest = sensorTimes.get(topic);
        if (newest != null && timestamp < newest) {
            log.debug("Ignored a value on '{}' of {}, older than the newest one ({}).", topic, timestamp, newest);
            metrics.rejected("older_sensor_value");
            return;
        }
        if (value == null || value.isNull()) {
            sensorTimes.remove(topic); // unknown: whatever comes next is taken
        } else {
            sensorTimes.put(topic, timestamp);
        }
        accept(topic, value);
    }

    private void accept(String topic, JsonNode value) {
        if (value == null || value.isNull()) {
            sensorValues.remove(topic);
        } else {
            sensorValues.put(topic, value);
        }
        evaluate(loop -> loop.pair().sensorValueTopic().equals(topic));
    }

    /** A new setpoint; {@code items == null} clears it (nothing in force any more). */
    public synchronized void setpoint(String topic, List<TimedItem<SetpointTarget>> items) {
        if (!expect(topic, TopicRole.ACTUATOR_SETPOINT)) {
            return;
        }
        setpoints.put(topic, advance(setpoints.get(topic), items));
        evaluate(loop -> loop.pair().actuatorSetpointTopic().equals(topic));
    }

    /** A new schedule; {@code items == null} clears it (nothing in force any more). */
    public synchronized void schedule(String topic, List<TimedItem<JsonNode>> items) {
        if (!expect(topic, TopicRole.ACTUATOR_SCHEDULE)) {
            return;
        }
        schedules.put(topic, advance(schedules.get(topic), items));
        evaluate(loop -> loop.pair().actuatorScheduleTopic().equals(topic));
    }

    /** The topics the controller reads, with what each carries. */
    public synchronized Map<String, TopicRole> topics() {
        return configuration.roles();
    }

    /** The pairs under control. */
    public synchronized List<ControlledDatapoint> pairs() {
        return configuration.pairs();
    }

    private synchronized void wakeUp() {
        evaluate(loop -> true);
    }

    private <T> Timeline<T> advance(Timeline<T> current, List<TimedItem<T>> items) {
        long now = clock.millis();
        if (items == null) {
            return Timeline.empty(now);
        }
        return (current == null ? Timeline.<T>empty(now) : current).next(items, now);
    }

    private boolean expect(String topic, TopicRole role) {
        if (configuration.roles().get(topic) == role) {
            return true;
        }
        // A message that was in flight while its topic was unsubscribed; the original crashed here.
        log.debug("Ignored a message on '{}', which is not a configured {} topic.", topic, role);
        metrics.rejected("unconfigured_topic");
        return false;
    }

    private void evaluate(Predicate<ControlLoop> affected) {
        long now = clock.millis();
        for (ControlLoop loop : new ArrayList<>(loops.values())) {
            if (affected.test(loop)) {
                try {
                    decide(loop, now);
                } catch (RuntimeException e) {
                    // One pair's failure must not stop the others nor the next wake-up.
                    log.error("Deciding the value of '{}' failed", loop.pair().actuatorValueTopic(), e);
                    metrics.rejected("decision_error");
                }
            }
        }
        scheduleNextWakeUp(now);
    }

    private void decide(ControlLoop loop, long now) {
        ControlledDatapoint pair = loop.pair();
        Optional<JsonNode> sensor = Optional.ofNullable(sensorValues.get(pair.sensorValueTopic()));
        SetpointTarget setpoint = contentAt(setpoints.get(pair.actuatorSetpointTopic()), now);
        JsonNode schedule = contentAt(schedules.get(pair.actuatorScheduleTopic()), now);

        Decision decision = ActuatorValueRule.decide(sensor, setpoint, schedule);
        metrics.decided(decision.outcome());
        if (decision.value().isEmpty() || !loop.isChange(decision.value().get())) {
            return;
        }
        JsonNode value = decision.value().get();
        if (output.send(pair.actuatorValueTopic(), new ValueMessage(value, now))) {
            loop.sent(value);
            metrics.sent();
            log.debug("Sent {} to '{}' ({}).", value, pair.actuatorValueTopic(), decision.outcome().label());
        } else {
            metrics.sendFailed();
            log.warn("Could not send {} to '{}'; it is sent again at the next decision.", value,
                    pair.actuatorValueTopic());
        }
    }

    private static <T> T contentAt(Timeline<T> timeline, long now) {
        return timeline == null ? null : timeline.contentAt(now).orElse(null);
    }

    private void scheduleNextWakeUp(long now) {
        OptionalLong next = OptionalLong.empty();
        for (Timeline<?> timeline : allTimelines()) {
            OptionalLong change = timeline.nextChangeAfter(now);
            if (change.isPresent() && (next.isEmpty() || change.getAsLong() < next.getAsLong())) {
                next = change;
            }
        }
        if (next.isPresent()) {
            wakeUps.wakeUpAt(next.getAsLong(), this::wakeUp);
        } else {
            wakeUps.cancel();
        }
    }

    private List<Timeline<?>> allTimelines() {
        List<Timeline<?>> all = new ArrayList<>(setpoints.values());
        all.addAll(schedules.values());
        return all;
    }

    private Set<String> topicsWith(TopicRole role) {
        Set<String> topics = new HashSet<>();
        configuration.roles().forEach((topic, candidate) -> {
            if (candidate == role) {
                topics.add(topic);
            }
        });
        return topics;
    }
}
