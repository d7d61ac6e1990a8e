package io.bemcom.api.support;

import io.bemcom.protocol.mqtt.BrokerClient;
import io.bemcom.protocol.mqtt.BrokerSettings;
import io.bemcom.testsupport.TestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Removes a persistent MQTT session from a shared broker, so test runs do not pile up sessions. */
public final class Sessions {

    private Sessions() {
    }

    public static void removeAtExit(TestBroker broker, String clientId) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> remove(broker, clientId), "remove-mqtt-session"));
    }

    public static void remove(TestBroker broker, String clientId) {
        try {
            BrokerClient.endPersistentSession(BrokerSettings.of(broker.host(), broker.port()), clientId,
                    new SimpleMeterRegistry());
        } catch (RuntimeException ignored) {
            // best effort
        }
    }
}
