package io.bemcom.connector;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What a connector counts: {@code bemcom.connector.readings{result}} (ok, read_failed,
 * parse_failed, map_rejected, dropped), {@code bemcom.connector.values.published},
 * {@code bemcom.connector.actuator.commands{result}} (written, failed, timeout, unknown_topic,
 * queue_full), {@code bemcom.connector.tasks{result}} (ok, failed),
 * {@code bemcom.connector.logs.dropped}, and in a raw-message replay
 * {@code bemcom.connector.replay.readings{result}} (ok, parse_failed, empty) and
 * {@code bemcom.connector.replay.values{result}} (published, unmapped, failed).
 */
final class ConnectorMetrics {

    private final MeterRegistry registry;
    private final Counter valuesPublished;

    ConnectorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.valuesPublished = Counter.builder("bemcom.connector.values.published").register(registry);
    }

    void reading(String result) {
        readings(result, 1);
    }

    void readings(String result, int count) {
        registry.counter("bemcom.connector.readings", "result", result).increment(count);
    }

    void valuePublished() {
        valuesPublished.increment();
    }

    void logDropped() {
        registry.counter("bemcom.connector.logs.dropped").increment();
    }

    void command(String result) {
        registry.counter("bemcom.connector.actuator.commands", "result", result).increment();
    }

    void task(String result) {
        registry.counter("bemcom.connector.tasks", "result", result).increment();
    }

    void replayReading(String result) {
        registry.counter("bemcom.connector.replay.readings", "result", result).increment();
    }

    void replayValues(String result, int count) {
        registry.counter("bemcom.connector.replay.values", "result", result).increment(count);
    }

    long replayReadings(String result) {
        return (long) registry.counter("bemcom.connector.replay.readings", "result", result).count();
    }

    long replayValues(String result) {
        return (long) registry.counter("bemcom.connector.replay.values", "result", result).count();
    }

    MeterRegistry registry() {
        return registry;
    }
}
