package io.bemcom.connector.homematic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.connector.homematic.ccu.SimulatedCcu;
import io.bemcom.connector.testkit.ConnectorProcess;
import io.bemcom.testsupport.Ports;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;

/** The real {@code main} in a process of its own: exit codes, one-line configuration errors, graceful stop. */
class HomematicConnectorMainTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("homematic-main");

    private Map<String, String> environment(int ccuPort, int callbackPort) {
        Map<String, String> env = new HashMap<>();
        env.put("CONNECTOR_NAME", name);
        env.put("MQTT_BROKER_HOST", broker.host());
        env.put("MQTT_BROKER_PORT", String.valueOf(broker.port()));
        env.put("CCU_DNS_NAME", "127.0.0.1");
        env.put("CALLBACK_DNS_NAME", "127.0.0.1");
        env.put("CALLBACK_XMLRPC_PORT", String.valueOf(callbackPort));
        env.put("CCU_INTERFACES", "BidCos-RF:" + ccuPort);
        return env;
    }

    @Test
    void exitsWithCode2AndOneLineNamingAMissingVariable() throws Exception {
        Map<String, String> env = environment(2001, 2070);
        env.remove("CALLBACK_DNS_NAME");
        try (ConnectorProcess process = ConnectorProcess.start(HomematicConnector.class, env, dir)) {
            assertThat(process.awaitExit(WAIT)).isEqualTo(2);
            assertThat(process.output()).contains("Configuration error: CALLBACK_DNS_NAME is not set")
                    .doesNotContain("\tat ");
        }
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
