package io.bemcom.connector.homematic;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the Homematic connector counts besides the SDK's metrics:
 * {@code bemcom.connector.homematic.ccu.calls{method, result=ok|failed|fault}} (calls to the CCU),
 * {@code bemcom.connector.homematic.callbacks{result=ok|fault|refused}} (calls from the CCU; refused = not
 * XML-RPC, too large, not a POST) and {@code bemcom.connector.homematic.silences{interface}} (registrations
 * renewed because the CCU fell silent). A failed registration or ping also counts as a failed
 * reading ({@code bemcom.connector.readings{result=read_failed}}).
 */
final class HomematicMetrics {

    private final MeterRegistry registry;

    HomematicMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void call(String method, String result) {
        registry.counter("bemcom.connector.homematic.ccu.calls", "method", method, "result", result).increment();
    }

    void callback(String result) {
        registry.counter("bemcom.connector.homematic.callbacks", "result", result).increment();
    }

    void silence(String iface) {
        registry.counter("bemcom.connector.homematic.silences", "interface", iface).increment();
    }

    void readFailed() {
        registry.counter("bemcom.connector.readings", "result", "read_failed").increment();
    }
}
