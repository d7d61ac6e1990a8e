package io.bemcom.connector.keba;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.connector.keba.simulator.SimulatedKebaStation;
import io.bemcom.connector.testkit.ConnectorProcesses;
import io.bemcom.testsupport.TestNames;

/** The real {@code main} in a process of its own: exit codes and graceful stop. */
class KebaP30ConnectorMainTest {

    @TempDir
    Path dir;

    private final String name = TestNames.unique("keba-main");

    private Map<String, String> environment(String stations, String pollSeconds) {
        return ConnectorProcesses.environment(name, "POLL_SECONDS", pollSeconds, "KEBA_P30_CHARGE_STATIONS", stations);
    }

    @Test
    void exitsWithCode2AndOneLineNamingTheVariable() throws Exception {
        String output = ConnectorProcesses.exitsWithConfigurationError(KebaP30Connector.class,
                environment("{\"garage\": 192.168.0.99}", "5"), dir);
        assertThat(output).contains("Configuration error: KEBA_P30_CHARGE_STATIONS is no JSON");
    }

    @Test
    void exitsWithCode2WhenPollSecondsIsMissing() throws Exception {
        Map<String, String> env = environment("{\"garage\": \"127.0.0.2\"}", "1");
        env.remove("POLL_SECONDS");
        String output = ConnectorProcesses.exitsWithConfigurationError(KebaP30Connector.class, env, dir);
        assertThat(output).contains("POLL_SECONDS");
    }

    @Test
    void runsUntilSigtermAndThenShutsDownGracefully() throws Exception {
        List<SimulatedKebaStation> stations = SimulatedKebaStation.start("127.0.0.2");
        try (SimulatedKebaStation station = stations.get(0)) {
            Map<String, String> env = environment("{\"garage\": \"127.0.0.2\"}", "0.5");
            env.put("TARGET_PORT", String.valueOf(station.port()));
            env.put("LOCAL_PORT", String.valueOf(SimulatedKebaStation.freePort()));
            ConnectorProcesses.runsUntilSigterm(KebaP30Connector.class, name, env, "garage__report 2__State", dir,
                    process -> { });
        }
    }
}
