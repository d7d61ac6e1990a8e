package io.bemcom.api.support;

import org.springframework.test.context.DynamicPropertyRegistry;

import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestDatabase;

/** The api-service's variables for a test's own database and broker. */
public final class ServiceProperties {

    private ServiceProperties() {
    }

    public static void database(DynamicPropertyRegistry registry, TestDatabase database) {
        registry.add("DJANGOAPIDB_HOST", database::host);
        registry.add("DJANGOAPIDB_PORT", database::port);
        registry.add("DJANGOAPIDB_DBNAME", database::name);
        registry.add("DJANGOAPIDB_USER", database::user);
        registry.add("DJANGOAPIDB_PASSWORD", database::password);
    }

    public static void broker(DynamicPropertyRegistry registry, TestBroker broker, String clientId) {
        registry.add("MQTT_BROKER_HOST", broker::host);
        registry.add("MQTT_BROKER_PORT", broker::port);
        registry.add("MQTT_CLIENT_ID", () -> clientId);
    }

    /** The shared broker with a persistent session of {@code clientId}, removed when the JVM exits. */
    public static void sharedBroker(DynamicPropertyRegistry registry, String clientId) {
        TestBroker broker = TestBrokers.shared();
        broker(registry, broker, clientId);
        Sessions.removeAtExit(broker, clientId);
    }
}
