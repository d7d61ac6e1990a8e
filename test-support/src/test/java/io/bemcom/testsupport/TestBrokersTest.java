package io.bemcom.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TestBrokersTest {

    @Test
    void theSharedBrokerAcceptsConnections() {
        TestBroker broker = TestBrokers.shared();

        Ports.awaitListening(broker.host(), broker.port(), Duration.ofSeconds(5));
        assertThat(broker.source()).isIn("environment", "testcontainers", "embedded");
    }

    @Test
    void aRestartableBrokerStopsAndStartsOnTheSamePort() {
        try (RestartableBroker broker = TestBrokers.restartable()) {
            int port = broker.port();
            broker.stop();
            broker.start();

            assertThat(broker.port()).isEqualTo(port);
            Ports.awaitListening(broker.host(), port, Duration.ofSeconds(5));
        }
    }
}
