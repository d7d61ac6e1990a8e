package io.bemcom.connector.homematic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.connector.homematic.ccu.SimulatedCcu;
import io.bemcom.connector.testkit.ConnectorProcess;
import io.bemcom.connector.testkit.ConnectorProcesses;
import io.bemcom.testsupport.Ports;
import io.bemcom.testsupport.TestNames;

/** The real {@code main} in a process of its own: exit codes, one-line configuration errors, graceful stop. */
class HomematicConnectorMainTest {

    private static final Duration WAIT = ConnectorProcesses.WAIT;

    @TempDir
    Path dir;

    private final String name = TestNames.unique("homematic-main");

    private Map<String, String> environment(int ccuPort, int callbackPort) {
        return ConnectorProcesses.environment(name, "CCU_DNS_NAME", "127.0.0.1", "CALLBACK_DNS_NAME", "127.0.0.1",
                "CALLBACK_XMLRPC_PORT", String.valueOf(callbackPort), "CCU_INTERFACES", "BidCos-RF:" + ccuPort);
    }

    @Test
    void exitsWithCode2AndOneLineNamingAMissingVariable() throws Exception {
        Map<String, String> env = environment(2001, 2070);
        env.remove("CALLBACK_DNS_NAME");
        String output = ConnectorProcesses.exitsWithConfigurationError(HomematicConnector.class, env, dir);
        assertThat(output).contains("Configuration error: CALLBACK_DNS_NAME is not set");
    }

    @Test
    void exitsWithCode2NamingAMalformedInterfaceList() throws Exception {
        Map<String, String> env = environment(2001, 2070);
        env.put("CCU_INTERFACES", "BidCos-RF:two-thousand");
        try (ConnectorProcess process = ConnectorProcess.start(HomematicConnector.class, env, dir)) {
            assertThat(process.awaitExit(WAIT)).isEqualTo(2);
            assertThat(process.output()).contains("Configuration error: CCU_INTERFACES: the port of BidCos-RF");
        }
    }

    @Test
    void exitsWithCode1WhenTheCallbackPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            try (ConnectorProcess process = ConnectorProcess.start(HomematicConnector.class,
                    environment(Ports.free(), taken.getLocalPort()), dir)) {
                assertThat(process.awaitExit(WAIT)).isEqualTo(1);
                assertThat(process.output()).contains("cannot serve the CCU's callbacks on port " + taken.getLocalPort());
            }
        }
    }

    @Test
    void registersRunsUntilSigtermAndUnregistersOnTheWayOut() throws Exception {
        try (SimulatedCcu ccu = SimulatedCcu.start();
             ConnectorProcess process = ConnectorProcess.start(HomematicConnector.class,
                     environment(ccu.port(), Ports.free()), dir)) {
            await().atMost(WAIT).until(() -> ccu.registered() && process.output().contains("Registered at the CCU"));

            process.terminate();

            process.awaitExit(WAIT);
            assertThat(process.output()).contains("Unregistered from the CCU's BidCos-RF interface")
                    .contains("shut down completed");
            assertThat(ccu.registrations()).isEmpty();
        }
    }
}
