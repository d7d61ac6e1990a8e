package io.bemcom.controller.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.bemcom.controller.decision.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The controller's own meters. Payloads that do not decode are counted by the broker client as
 * {@code bemcom.mqtt.messages.rejected}; what is counted here is what the controller decides and
 * what it refuses after decoding.
 *
 * <ul>
 *   <li>{@code bemcom.controller.decisions} (tag {@code outcome}): evaluations of the decision table</li>
 *   <li>{@code bemcom.controller.actuator.values.sent}: values sent to actuators (only on change)</li>
 *   <li>{@code bemcom.controller.actuator.values.failed}: values the broker client could not take</li>
 *   <li>{@code bemcom.controller.messages.rejected} (tag {@code reason}): decoded messages refused</li>
 *   <li>{@code bemcom.controller.controlled.datapoints} (gauge): pairs under control</li>
 * </ul>
 */
public final class ControllerMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicInteger controlledPairs = new AtomicInteger();

    public ControllerMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("bemcom.controller.controlled.datapoints", controlledPairs, AtomicInteger::get)
                .description("Sensor/actuator pairs under control")
                .register(registry);
    }

    void decided(Decision.Outcome outcome) {
        counter("bemcom.controller.decisions", "outcome", outcome.label()).increment();
    }

    void sent() {
        counter("bemcom.controller.actuator.values.sent", null, null).increment();
    }

    void sendFailed() {
        counter("bemcom.controller.actuator.values.failed", null, null).increment();
    }

    void rejected(String reason) {
        counter("bemcom.controller.messages.rejected", "reason", reason).increment();
    }

    void controlling(int pairs) {
        controlledPairs.set(pairs);
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + '|' + value, key -> {
            Counter.Builder builder = Counter.builder(name);
            if (tag != null) {
                builder.tag(tag, value);
            }
            return builder.register(registry);
        });
    }
}
