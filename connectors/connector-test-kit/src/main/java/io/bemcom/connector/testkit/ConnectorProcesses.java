package io.bemcom.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;

/**
 * The checks of a connector's real {@code main} in a process of its own ({@link ConnectorProcess})
 * that every connector's {@code *ConnectorMainTest} makes: a configuration error is exit code 2
 * without a stack trace; a running connector stops gracefully on SIGTERM.
 */
public final class ConnectorProcesses {

    /** How long a process may take to start, offer its datapoints or exit. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private ConnectorProcesses() {
    }

    /**
     * What a connector process needs to reach the shared test broker as {@code name}
     * ({@code CONNECTOR_NAME}, {@code MQTT_BROKER_HOST}, {@code MQTT_BROKER_PORT}) and then
     * {@code variables} (name, value, name, value, ...); a mutable map (no test-kit defaults: the
     * process runs with the variables a test gives and the connector's own defaults).
     */
    public static Map<String, String> environment(String name, String... variables) {
        if (variables.length % 2 != 0) {
            throw new IllegalArgumentException("variables come in pairs of name and value, got " + variables.length);
        }
        TestBroker broker = TestBrokers.shared();
        Map<String, String> env = new HashMap<>();
        env.put("CONNECTOR_NAME", name);
        env.put("MQTT_BROKER_HOST", broker.host());
        env.put("MQTT_BROKER_PORT", String.valueOf(broker.port()));
        for (int i = 0; i < variables.length; i += 2) {
            env.put(variables[i], variables[i + 1]);
        }
        return env;
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
     * Runs {@code main} against its device ({@code variables}, polled every 0.5 s) until it offers
     * {@code sensor}, then sends SIGTERM and asserts that it came online and stopped gracefully;
     * returns what it printed.
     */
    public static String runsUntilSigterm(Class<?> main, Map<String, String> variables, String sensor, Path dir)
            throws InterruptedException {
        Map<String, String> env = new HashMap<>(variables);
        env.put("POLL_SECONDS", "0.5");
        String output = runsUntilSigterm(main, TestNames.unique(main.getSimpleName().toLowerCase()), env, sensor,
                dir, process -> { });
        assertThat(output).contains("Connector online. Entering main loop.");
        return output;
    }

    /**
     * Runs {@code main} as {@code name} on the shared test broker with the device's {@code variables},
     * lets {@code peer} do what the device must do once the process runs (connect, send a reading),
     * waits until the connector offers {@code sensor}, then sends SIGTERM and asserts the graceful
     * stop ("shut down completed"); returns what it printed. Clears the available datapoints it left
     * retained.
     */
    public static String runsUntilSigterm(Class<?> main, String name, Map<String, String> variables, String sensor,
                                          Path dir, Consumer<ConnectorProcess> peer) throws InterruptedException {
        try (MqttProbe probe = MqttProbe.connect(TestBrokers.shared())) {
            Recorded<AvailableDatapointsMessage> available = probe.record(Topics.availableDatapoints(name),
                    MessageCodec::decodeAvailableDatapoints);
            Map<String, String> env = environment(name);
            env.putAll(variables);
            try (ConnectorProcess process = ConnectorProcess.start(main, env, dir)) {
                peer.accept(process);
                available.await(m -> m.message().sensor().containsKey(sensor), WAIT);
                process.terminate();

                process.awaitExit(WAIT);
                assertThat(process.output()).contains("shut down completed");
                return process.output();
            } finally {
                probe.clearRetained(Topics.availableDatapoints(name));
            }
        }
    }
}
