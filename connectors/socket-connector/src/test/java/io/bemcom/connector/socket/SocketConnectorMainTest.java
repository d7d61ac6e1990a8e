package io.bemcom.connector.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.connector.testkit.ConnectorProcess;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;

/** The real {@code main} in a process of its own: exit codes and a graceful stop. */
class SocketConnectorMainTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("socket-main");

    private ConnectorProcess start(Map<String, String> variables) {
        return ConnectorProcess.start(SocketConnector.class, variables, dir);
    }

    @Test
    void exitsWithCode2NamingTheVariableWithoutAStackTrace() throws Exception {
        try (ConnectorProcess process = start(Map.of("CONNECTOR_NAME", name, "MQTT_BROKER_HOST", broker.host(),
                "MQTT_BROKER_PORT", String.valueOf(broker.port()), "SERVER_IP", "127.0.0.1", "SERVER_PORT", "587",
                "PARSE_AS", "XML"))) {
            assertThat(process.awaitExit(WAIT)).isEqualTo(2);
            assertThat(process.output()).contains("Configuration error: PARSE_AS must be JSON or YAML, got 'XML'.")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void runsUntilSigtermAndThenShutsDownGracefully() throws Exception {
        try (DeviceServer device = DeviceServer.start(); MqttProbe probe = MqttProbe.connect(broker)) {
            Recorded<AvailableDatapointsMessage> available = probe.record(Topics.availableDatapoints(name),
                    MessageCodec::decodeAvailableDatapoints);
            try (ConnectorProcess process = start(Map.of("CONNECTOR_NAME", name, "MQTT_BROKER_HOST", broker.host(),
                    "MQTT_BROKER_PORT", String.valueOf(broker.port()), "SERVER_IP", "127.0.0.1",
                    "SERVER_PORT", String.valueOf(device.port())))) {
                device.awaitConnections(1, WAIT);
                device.send("{\"meter\": {\"power\": 1}}\n");
                available.await(m -> m.message().sensor().containsKey("meter__power"), WAIT);
                process.terminate();

                process.awaitExit(WAIT);
                assertThat(process.output()).contains("shut down completed");
            }
            probe.clearRetained(Topics.availableDatapoints(name));
            probe.clearRetained(Topics.logs(name));
        }
    }
}
