package io.bemcom.connector.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.connector.ocpp.simulator.SimulatedChargePoint;
import io.bemcom.connector.testkit.ConnectorProcess;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;

/** The real {@code main} in a process of its own: exit codes, secrets in its output, graceful stop. */
class OcppConnectorMainTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("ocpp-main");

    private Map<String, String> environment(int port) {
        Map<String, String> env = new HashMap<>(Map.of("CONNECTOR_NAME", name, "MQTT_BROKER_HOST", broker.host(),
                "MQTT_BROKER_PORT", String.valueOf(broker.port()), "OCPP_PORT", String.valueOf(port)));
        return env;
    }

    @Test
    void exitsWithCode2OnAMalformedPasswordVariableWithoutShowingIt() throws Exception {
        Map<String, String> env = environment(OcppConnectorTest.freePort());
        env.put("OCPP_CHARGE_POINT_PASSWORDS", "{\"CP_1\": s3cret-Pa55}");
        try (ConnectorProcess process = ConnectorProcess.start(OcppConnector.class, env, dir)) {
            assertThat(process.awaitExit(WAIT)).isEqualTo(2);
            assertThat(process.output()).contains("Configuration error: OCPP_CHARGE_POINT_PASSWORDS is no JSON")
                    .doesNotContain("s3cret").doesNotContain("\tat ");
        }
    }

    @Test
    void exitsWithCode1WhenItsPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            try (ConnectorProcess process = ConnectorProcess.start(OcppConnector.class,
                    environment(taken.getLocalPort()), dir)) {
                assertThat(process.awaitExit(WAIT)).isEqualTo(1);
                assertThat(process.output()).contains("The device could not be started: the OCPP server cannot listen"
                        + " on port " + taken.getLocalPort());
            }
        }
    }

    @Test
    void runsUntilSigtermAndThenShutsDownGracefully() throws Exception {
        int port = OcppConnectorTest.freePort();
        try (MqttProbe probe = MqttProbe.connect(broker)) {
            Recorded<AvailableDatapointsMessage> available = probe.record(Topics.availableDatapoints(name),
                    MessageCodec::decodeAvailableDatapoints);
            try (ConnectorProcess process = ConnectorProcess.start(OcppConnector.class, environment(port), dir)) {
                SimulatedChargePoint chargePoint = org.awaitility.Awaitility.await().atMost(WAIT)
                        .pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                        .until(() -> SimulatedChargePoint.connect(port, "CP_1"), cp -> cp != null);
                chargePoint.call("BootNotification", OcppConnectorTest.BOOT);
                available.await(m -> m.message().sensor().containsKey("CP_1__BootNotification__charge_point_vendor"), WAIT);
                process.terminate();

                process.awaitExit(WAIT);
                assertThat(process.output()).contains("shut down completed");
                chargePoint.close();
            }
            probe.clearRetained(Topics.availableDatapoints(name));
        }
    }
}
