package io.bemcom.testsupport;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real MQTT broker for tests, from the first source that can serve:
 * <ol>
 *   <li>the environment: {@code TEST_MQTT_BROKER_HOST} (and {@code TEST_MQTT_BROKER_PORT},
 *       default 1883) — what {@code .ci/run} sets, pointing at the machine's Mosquitto;</li>
 *   <li>Testcontainers ({@code eclipse-mosquitto:2.0.21}, the tag docker-compose.yml pins) when Docker is available;</li>
 *   <li>an embedded broker (Moquette) in this JVM.</li>
 * </ol>
 * Tests isolate themselves by unique connector names ({@link TestNames}), not by brokers.
 */
public final class TestBrokers {

    private static final Logger log = LoggerFactory.getLogger(TestBrokers.class);
    private static TestBroker shared;

    private TestBrokers() {
    }

    /** The broker shared by all tests of this JVM. */
    public static synchronized TestBroker shared() {
        if (shared == null) {
            shared = fromEnvironment().or(TestBrokers::fromTestcontainers).orElseGet(TestBrokers::embedded);
            log.info("Tests use the MQTT broker at {}:{} ({}).", shared.host(), shared.port(), shared.source());
        }
        return shared;
    }

    /**
     * A broker of the test's own that it may stop and start (for reconnect tests): a Mosquitto
     * process when Mosquitto is installed, else an embedded broker. The caller closes it.
     */
    public static RestartableBroker restartable() {
        return MosquittoProcess.available() ? MosquittoProcess.launch() : EmbeddedBroker.start(0);
    }

    private static Optional<TestBroker> fromEnvironment() {
        String host = System.getenv("TEST_MQTT_BROKER_HOST");
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        String portText = System.getenv("TEST_MQTT_BROKER_PORT");
        int port = portText == null || portText.isBlank() ? 1883 : Integer.parseInt(portText.trim());
        return Optional.of(new Endpoint(host, port, "environment"));
    }

    private static Optional<TestBroker> fromTestcontainers() {
        if (!dockerAvailable()) {
            return Optional.empty();
        }
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("eclipse-mosquitto:2.0.21"))
                .withExposedPorts(1883)
                .withCommand("mosquitto", "-c", "/mosquitto-no-auth.conf");
        container.start();
        return Optional.of(new Endpoint(container.getHost(), container.getMappedPort(1883), "testcontainers"));
    }

    private static TestBroker embedded() {
        EmbeddedBroker broker = EmbeddedBroker.start(0);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "embedded-broker-stop"));
        return broker;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private record Endpoint(String host, int port, String source) implements TestBroker {
    }
}
