package io.bemcom.testsupport;

/** Where a test's MQTT broker listens. */
public interface TestBroker {

    String host();

    int port();

    /** Where it came from: {@code environment}, {@code testcontainers}, {@code mosquitto}, {@code embedded}. */
    String source();
}
