package io.bemcom.connector.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.connector.testkit.ConnectorProcesses;
import io.bemcom.testsupport.TestNames;

/** The real {@code main} in a process of its own: exit codes and a graceful stop. */
class SocketConnectorMainTest {

    private static final Duration WAIT = ConnectorProcesses.WAIT;

    @TempDir
    Path dir;

    private final String name = TestNames.unique("socket-main");

    @Test
    void exitsWithCode2NamingTheVariableWithoutAStackTrace() throws Exception {
        String output = ConnectorProcesses.exitsWithConfigurationError(SocketConnector.class,
                ConnectorProcesses.environment(name, "SERVER_IP", "127.0.0.1", "SERVER_PORT", "587", "PARSE_AS", "XML"),
                dir);
        assertThat(output).contains("Configuration error: PARSE_AS must be JSON or YAML, got 'XML'.");
    }

    @Test
    void runsUntilSigtermAndThenShutsDownGracefully() throws Exception {
        try (DeviceServer device = DeviceServer.start()) {
            ConnectorProcesses.runsUntilSigterm(SocketConnector.class, name,
                    Map.of("SERVER_IP", "127.0.0.1", "SERVER_PORT", String.valueOf(device.port())), "meter__power", dir,
                    process -> {
                        device.awaitConnections(1, WAIT);
                        device.send("{\"meter\": {\"power\": 1}}\n");
                    });
        }
    }
}
