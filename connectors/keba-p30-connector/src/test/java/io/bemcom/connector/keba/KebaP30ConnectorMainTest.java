package io.bemcom.connector.keba;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.connector.keba.simulator.SimulatedKebaStation;
import io.bemcom.connector.testkit.ConnectorProcess;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;

/** The real {@code main} in a process of its own: exit codes and graceful stop. */
class KebaP30ConnectorMainTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("keba-main");

    private Map<String, String> environment(String stations, String pollSeconds) {
        return Map.of("CONNECTOR_NAME", name, "MQTT_BROKER_HOST", broker.host(),
                "MQTT_BROKER_PORT", String.valueOf(broker.port()), "POLL_SECONDS", pollSeconds,
                "KEBA_P30_CHARGE_STATIONS", stations);
    }

    @Test
    void exitsWithCode2AndOneLineNamingTheVariable() throws Exception {
        try (ConnectorProcess process = ConnectorProcess.start(KebaP30Connector.class,
                environment("{\"garage\": 192.168.0.99}", "5"), dir)) {
            assertThat(process.awaitExit(WAIT)).isEqualTo(2);
            assertThat(process.output()).contains("Configuration error: KEBA_P30_CHARGE_STATIONS is no JSON")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void exitsWithCode2WhenPollSecondsIsMissing() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(environment("{\"garage\": \"127.0.0.2\"}", "1"));
        env.remove("POLL_SECONDS");
        try (ConnectorProcess process = ConnectorProcess.start(KebaP30Connector.class, env, dir)) {
            assertThat(process.awaitExit(WAIT)).isEqualTo(2);
            assertThat(process.output()).contains("POLL_SECONDS").doesNotContain("\tat ");
        }
    }

    @Test
    void runsUntilSigtermAndThenShutsDownGracefully() throws Exception {
        List<SimulatedKebaStation> stations = SimulatedKebaStation.start("127.0.0.2");
        try (SimulatedKebaStation station = stations.get(0); MqttProbe probe = MqttProbe.connect(broker)) {
            Recorded<AvailableDatapointsMessage> available = probe.record(Topics.availableDatapoints(name),
                    MessageCodec::decodeAvailableDatapoints);
            Map<String, String> env = new java.util.HashMap<>(environment("{\"garage\": \"127.0.0.2\"}", "0.5"));
            env.put("TARGET_PORT", String.valueOf(station.port()));
            env.put("LOCAL_PORT", String.valueOf(SimulatedKebaStation.freePort()));
            try (ConnectorProcess process = ConnectorProcess.start(KebaP30Connector.class, env, dir)) {
                available.await(m -> m.message().sensor().containsKey("garage__report 2__State"), WAIT);
                process.terminate();

                process.awaitExit(WAIT);
                assertThat(process.output()).contains("shut down completed");
            }
            probe.clearRetained(Topics.availableDatapoints(name));
        }
    }
}
