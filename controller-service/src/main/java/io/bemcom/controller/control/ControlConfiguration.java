package io.bemcom.controller.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import io.bemcom.protocol.ControlledDatapoint;

/**
 * A controlled-datapoints message checked for what the controller can act on: the distinct pairs
 * it controls and the role of every topic it must subscribe to.
 *
 * <p>A pair is refused (and reported) when one of its topics is empty or holds an MQTT wildcard,
 * or when one of its topics already has another role in an earlier pair (a sensor topic that is
 * also some actuator's setpoint topic cannot be read both ways).
 */
record ControlConfiguration(List<ControlledDatapoint> pairs, Map<String, TopicRole> roles) {

    static final ControlConfiguration NOTHING = new ControlConfiguration(List.of(), Map.of());

    ControlConfiguration {
        pairs = List.copyOf(pairs);
        roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    }

    /**
     * @param refused told about each refused pair and why
     */
    static ControlConfiguration of(List<ControlledDatapoint> candidates,
                                   BiConsumer<ControlledDatapoint, String> refused) {
        Set<ControlledDatapoint> pairs = new LinkedHashSet<>();
        Map<String, TopicRole> roles = new LinkedHashMap<>();
        for (ControlledDatapoint pair : candidates) {
            String problem = problemOf(pair, roles);
            if (problem != null) {
                refused.accept(pair, problem);
                continue;
            }
            pairs.add(pair);
            roles.put(pair.sensorValueTopic(), TopicRole.SENSOR_VALUE);
            roles.put(pair.actuatorSetpointTopic(), TopicRole.ACTUATOR_SETPOINT);
            roles.put(pair.actuatorScheduleTopic(), TopicRole.ACTUATOR_SCHEDULE);
        }
        return new ControlConfiguration(new ArrayList<>(pairs), roles);
    }

    /** The subscriptions that turn {@code this} into {@code next}. */
    SubscriptionChange changeTo(ControlConfiguration next) {
        Map<String, TopicRole> subscribe = new LinkedHashMap<>();
        next.roles.forEach((topic, role) -> {
            if (roles.get(topic) != role) {
                subscribe.put(topic, role);
            }
        });
        Set<String> unsubscribe = new LinkedHashSet<>();
        roles.forEach((topic, role) -> {
            if (next.roles.get(topic) != role) {
                unsubscribe.add(topic);
            }
        });
        // A topic whose role changed is first unsubscribed, then subscribed with its new role.
        return new SubscriptionChange(subscribe, unsubscribe);
    }

    private static String problemOf(ControlledDatapoint pair, Map<String, TopicRole> roles) {
        String[] topics = {pair.sensorValueTopic(), pair.actuatorValueTopic(), pair.actuatorSetpointTopic(),
                pair.actuatorScheduleTopic()};
        for (String topic : topics) {
            if (topic == null || topic.isEmpty() || topic.contains("+") || topic.contains("#")
                    || topic.indexOf('\0') >= 0) {
                return "topic '" + topic + "' is not a topic name (empty or with an MQTT wildcard)";
            }
        }
        String conflict = conflict(roles, pair.sensorValueTopic(), TopicRole.SENSOR_VALUE);
        if (conflict == null) {
            conflict = conflict(roles, pair.actuatorSetpointTopic(), TopicRole.ACTUATOR_SETPOINT);
        }
        if (conflict == null) {
            conflict = conflict(roles, pair.actuatorScheduleTopic(), TopicRole.ACTUATOR_SCHEDULE);
        }
        if (conflict == null && (pair.sensorValueTopic().equals(pair.actuatorSetpointTopic())
                || pair.sensorValueTopic().equals(pair.actuatorScheduleTopic())
                || pair.actuatorSetpointTopic().equals(pair.actuatorScheduleTopic()))) {
            conflict = "the pair uses one topic for two purposes";
        }
        return conflict;
    }

    private static String conflict(Map<String, TopicRole> roles, String topic, TopicRole role) {
        TopicRole existing = roles.get(topic);
        return existing == null || existing == role ? null
                : "topic '" + topic + "' is already read as " + existing + " by another pair";
    }
}
