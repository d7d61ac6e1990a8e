package io.bemcom.controller.control;

import java.util.Map;
import java.util.Set;

/**
 * How the controller's subscriptions must change after a new controlled-datapoints message:
 * subscribe the topics that are new (with what each carries), drop those no longer needed.
 */
public record SubscriptionChange(Map<String, TopicRole> subscribe, Set<String> unsubscribe) {

    public SubscriptionChange {
        subscribe = Map.copyOf(subscribe);
        unsubscribe = Set.copyOf(unsubscribe);
    }

    public boolean isEmpty() {
        return subscribe.isEmpty() && unsubscribe.isEmpty();
    }
}
