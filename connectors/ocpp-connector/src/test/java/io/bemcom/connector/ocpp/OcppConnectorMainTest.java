package io.bemcom.connector.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.connector.ocpp.simulator.SimulatedChargePoint;
import io.bemcom.connector.testkit.ConnectorProcess;
import io.bemcom.connector.testkit.ConnectorProcesses;
import io.bemcom.testsupport.TestNames;

/** The real {@code main} in a process of its own: exit codes, secrets in its output, graceful stop. */
class OcppConnectorMainTest {

    private static final Duration WAIT = ConnectorProcesses.WAIT;

    @TempDir
    Path dir;

    private final String name = TestNames.unique("ocpp-main");

    private Map<String, String> environment(int port) {
        return ConnectorProcesses.environment(name, "OCPP_PORT", String.valueOf(port));
    }

    @Test
    void exitsWithCode2OnAMalformedPasswordVariableWithoutShowingIt() throws Exception {
        Map<String, String> env = environment(OcppConnectorTest.freePort());
        env.put("OCPP_CHARGE_POINT_PASSWORDS", "{\"CP_1\": s3cret-Pa55}");
        String output = ConnectorProcesses.exitsWithConfigurationError(OcppConnector.class, env, dir);
        assertThat(output).contains("Configuration error: OCPP_CHARGE_POINT_PASSWORDS is no JSON")
                .doesNotContain("s3cret");
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
        List<SimulatedChargePoint> connected = new ArrayList<>();
        ConnectorProcesses.runsUntilSigterm(OcppConnector.class, name, environment(port),
                "CP_1__BootNotification__charge_point_vendor", dir, process -> {
                    SimulatedChargePoint chargePoint = org.awaitility.Awaitility.await().atMost(WAIT)
                            .pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                            .until(() -> SimulatedChargePoint.connect(port, "CP_1"), cp -> cp != null);
                    connected.add(chargePoint);
                    chargePoint.call("BootNotification", OcppConnectorTest.BOOT);
                });
        connected.forEach(SimulatedChargePoint::close);
    }
}
