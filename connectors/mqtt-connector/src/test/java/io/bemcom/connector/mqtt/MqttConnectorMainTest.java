package io.bemcom.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.connector.testkit.ConnectorProcess;
import io.bemcom.testsupport.Ports;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;

/** The real {@code main} in a process of its own: exit codes, one-line configuration errors, graceful stop, secrets. */
class MqttConnectorMainTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "never-print-me-42";

    @TempDir
    Path dir;

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("mqtt-main");

    private Map<String, String> environment(String remoteHost, int remotePort) {
        Map<String, String> env = new HashMap<>();
        env.put("CONNECTOR_NAME", name);
        env.put("MQTT_BROKER_HOST", broker.host());
        env.put("MQTT_BROKER_PORT", String.valueOf(broker.port()));
        env.put("REMOTE_MQTT_BROKER_HOST", remoteHost);
        env.put("REMOTE_MQTT_BROKER_PORT", String.valueOf(remotePort));
        env.put("REMOTE_MQTT_BROKER_TOPIC_MAPPING", "{\"sensor_topics\": {\"a/#\": {}}, \"actuator_topics\": {}}");
        return env;
    }

    /** Logs in with {@link #PASSWORD}, and logs everything it can (DEBUG). */
    private static Map<String, String> withPassword(Map<String, String> env) {
        env.put("REMOTE_MQTT_BROKER_USERNAME", "bridge");
        env.put("REMOTE_MQTT_BROKER_PASSWORD", PASSWORD);
        env.put("DEBUG", "TRUE");
        return env;
    }

    @Test
    void exitsWithCode2AndOneLineNamingAMissingMapping() throws Exception {
        Map<String, String> env = environment("127.0.0.1", 1883);
        env.remove("REMOTE_MQTT_BROKER_TOPIC_MAPPING");
        try (ConnectorProcess process = ConnectorProcess.start(MqttConnector.class, env, dir)) {
            assertThat(process.awaitExit(WAIT)).isEqualTo(2);
            assertThat(process.output()).contains("Configuration error: REMOTE_MQTT_BROKER_TOPIC_MAPPING is not set")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void exitsWithCode2NamingAnActuatorTopicWithAWildcard() throws Exception {
        Map<String, String> env = environment("127.0.0.1", 1883);
        env.put("REMOTE_MQTT_BROKER_TOPIC_MAPPING",
                "{\"sensor_topics\": {}, \"actuator_topics\": {\"heater/+/set\": {\"example_value\": 20}}}");
        try (ConnectorProcess process = ConnectorProcess.start(MqttConnector.class, env, dir)) {
            assertThat(process.awaitExit(WAIT)).isEqualTo(2);
            assertThat(process.output()).contains(
                    "Configuration error: REMOTE_MQTT_BROKER_TOPIC_MAPPING.actuator_topics[\"heater/+/set\"]");
        }
    }

    @Test
    void keepsRunningWithoutItsRemoteBrokerUntilSigtermAndNeverPrintsThePassword() throws Exception {
        try (ConnectorProcess process = ConnectorProcess.start(MqttConnector.class,
                withPassword(environment("127.0.0.1", Ports.free())), dir)) {
            await().atMost(WAIT).until(() -> process.output().contains("The remote MQTT broker cannot be reached"));

            process.terminate();

            process.awaitExit(WAIT);
            assertThat(process.output()).contains("Connector online").contains("shut down completed")
                    .doesNotContain(PASSWORD);
        }
    }

    @Test
    void printsNoPasswordWhenTheRemoteBrokerRefusesTheLogin() throws Exception {
        assumeTrue(RemoteMosquitto.installed(), "Mosquitto is not installed: no broker that wants a password");
        try (RemoteMosquitto remote = RemoteMosquitto.configure().withPassword("bridge", "the-right-one")) {
            remote.start();
            try (ConnectorProcess process = ConnectorProcess.start(MqttConnector.class,
                    withPassword(environment(remote.host(), remote.port())), dir)) {
                await().atMost(WAIT).until(() -> process.output().contains("The remote MQTT broker cannot be reached"));
                process.terminate();
                process.awaitExit(WAIT);

                assertThat(process.output()).contains("Not authorized").doesNotContain(PASSWORD);
            }
        }
    }
}
