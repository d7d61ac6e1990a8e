package io.bemcom.connector.http.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.bemcom.connector.testkit.ConnectorProcess;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;

/** The checks of a connector's real {@code main} in a process of its own that every HTTP connector passes. */
public final class ConnectorProcesses {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private ConnectorProcesses() {
    }

    /**
     * Runs {@code main} with {@code variables} (plus a broker) and asserts that it exits with code 2
     * and prints no stack trace; returns what it printed.
     */
    public static String exitsWithConfigurationError(Class<?> main, Map<String, String> variables, Path dir)
            throws InterruptedException {
        Map<String, String> env = new HashMap<>(variables);
        env.putIfAbsent("MQTT_BROKER_HOST", TestBrokers.shared().host());
        try (ConnectorProcess process = ConnectorProcess.start(main, env, dir)) {
            assertThat(process.awaitExit(WAIT)).isEqualTo(2);
            assertThat(process.output()).doesNotContain("\tat ");
            return process.output();
        }
    }

    /**
     * Runs {@code main} against its device ({@code variables}) until it offers {@code sensor}, then
     * sends SIGTERM and asserts the graceful stop; returns what it printed.
     */
    public static String runsUntilSigterm(Class<?> main, Map<String, String> variables, String sensor, Path dir)
            throws InterruptedException {
        TestBroker broker = TestBrokers.shared();
        String name = TestNames.unique(main.getSimpleName().toLowerCase());
        try (MqttProbe probe = MqttProbe.connect(broker)) {
            Recorded<AvailableDatapointsMessage> available = probe.record(Topics.availableDatapoints(name),
                    MessageCodec::decodeAvailableDatapoints);
            Map<String, String> env = new HashMap<>(variables);
            env.putAll(Map.of("CONNECTOR_NAME", name, "MQTT_BROKER_HOST", broker.host(),
                    "MQTT_BROKER_PORT", String.valueOf(broker.port()), "POLL_SECONDS", "0.5"));
            try (ConnectorProcess process = ConnectorProcess.start(main, env, dir)) {
                available.await(m -> m.message().sensor().containsKey(sensor), WAIT);
                process.terminate();

                process.awaitExit(WAIT);
                assertThat(process.output()).contains("Connector online. Entering main loop.")
                        .contains("shut down completed");
                return process.output();
            } finally {
                probe.clearRetained(Topics.availableDatapoints(name));
            }
        }
    }
}
