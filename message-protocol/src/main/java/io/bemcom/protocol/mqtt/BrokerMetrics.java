package io.bemcom.protocol.mqtt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.bemcom.protocol.MessageKind;
import io.bemcom.protocol.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of the broker client, tagged by message kind (the topic's last segment, or
 * {@code other}): {@code bemcom.mqtt.messages.received}, {@code .published}, {@code .resent} (sent
 * again after a reconnect), {@code .rejected} (also tagged by reason), and
 * {@code bemcom.mqtt.publish.failures} (tagged by reason: {@link PublishFailure}); besides
 * {@code bemcom.mqtt.subscribe.failures{reason}}, {@code bemcom.mqtt.reconnects} and
 * {@code bemcom.mqtt.reconnect.failures}.
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

    void resent(String topic) {
        counter("bemcom.mqtt.messages.resent", kindOf(topic), null).increment();
    }

    void publishFailed(String topic, PublishFailure reason) {
        publishFailed(topic, reason, 1);
    }

    void publishFailed(String topic, PublishFailure reason, long count) {
        counter("bemcom.mqtt.publish.failures", kindOf(topic), reason.label()).increment(count);
    }

    void subscribeFailed(String reason) {
        counter("bemcom.mqtt.subscribe.failures", null, reason).increment();
    }

    void reconnected() {
        counter("bemcom.mqtt.reconnects", null, null).increment();
    }

    void reconnectFailed() {
        counter("bemcom.mqtt.reconnect.failures", null, null).increment();
    }

    /** Why a publication was not delivered ({@code reason} tag of {@code bemcom.mqtt.publish.failures}). */
    enum PublishFailure {
        /** The topic breaks MQTT's rules ({@link TopicRules}); refused before Paho saw it. */
        INVALID_TOPIC("invalid_topic"),
        /** QoS 0 while disconnected: stale by the time the broker is back. */
        NOT_CONNECTED("not_connected"),
        /** Disconnected and the offline buffer was full. */
        BUFFER_FULL("buffer_full"),
        /** {@code publish} after {@code close()} began. */
        CLOSED("closed"),
        /** The broker acknowledged too little for too long: {@code publish} gave up waiting. */
        BACKPRESSURE_TIMEOUT("backpressure_timeout"),
        /** Accepted, but not acknowledged by the broker when {@code close()} ended its drain. */
        DROPPED_AT_CLOSE("dropped_at_close"),
        /** Paho refused it for another reason. */
        ERROR("error");

        private final String label;

        PublishFailure(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
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
