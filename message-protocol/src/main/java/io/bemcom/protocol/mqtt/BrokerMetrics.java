package io.bemcom.protocol.mqtt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.bemcom.protocol.MessageKind;
import io.bemcom.protocol.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of the broker client, tagged by message kind (the topic's last segment, or
 * {@code other}): {@code bemcom.mqtt.messages.received}, {@code .published}, {@code .rejected}
 * (also tagged by reason) and {@code bemcom.mqtt.publish.failures}.
 */
final class BrokerMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    BrokerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void received(String topic) {
        counter("bemcom.mqtt.messages.received", kindOf(topic), null).increment();
    }

    void published(String topic) {
        counter("bemcom.mqtt.messages.published", kindOf(topic), null).increment();
    }

    void rejected(String topic, String reason) {
        counter("bemcom.mqtt.messages.rejected", kindOf(topic), reason).increment();
    }

    void publishFailed(String topic) {
        counter("bemcom.mqtt.publish.failures", kindOf(topic), null).increment();
    }

    void reconnected() {
        counter("bemcom.mqtt.reconnects", null, null).increment();
    }

    private Counter counter(String name, String kind, String reason) {
        String key = name + '|' + kind + '|' + reason;
        return counters.computeIfAbsent(key, k -> {
            Counter.Builder builder = Counter.builder(name);
            if (kind != null) {
                builder.tag("kind", kind);
            }
            if (reason != null) {
                builder.tag("reason", reason);
            }
            return builder.register(registry);
        });
    }

    static String kindOf(String topic) {
        return Topics.kindOf(topic).map(MessageKind::label).orElse("other");
    }
}
