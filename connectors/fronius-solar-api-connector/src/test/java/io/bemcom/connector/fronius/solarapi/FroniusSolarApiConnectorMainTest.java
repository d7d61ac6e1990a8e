package io.bemcom.connector.fronius.solarapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.connector.testkit.ConnectorProcesses;
import io.bemcom.connector.testkit.http.HttpDeviceSimulator;

/** The real {@code main} in a process of its own: exit codes and graceful stop. */
class FroniusSolarApiConnectorMainTest {

    @TempDir
    Path dir;

    @Test
    void exitsWithCode2AndOneLineNamingAMalformedUrl() throws Exception {
        String output = ConnectorProcesses.exitsWithConfigurationError(FroniusSolarApiConnector.class,
                Map.of("POLL_SECONDS", "1", "INVERTER_POWERFLOW_URL", "inverter:80"), dir);

        assertThat(output).contains("Configuration error: INVERTER_POWERFLOW_URL must be an http:// or https:// URL");
    }

    @Test
    void runsAgainstTheInverterUntilSigtermAndThenShutsDownGracefully() throws Exception {
        try (HttpDeviceSimulator inverter = SimulatedFroniusInverter.start()) {
            ConnectorProcesses.runsUntilSigterm(FroniusSolarApiConnector.class,
                    Map.of("INVERTER_POWERFLOW_URL", inverter.url(SimulatedFroniusInverter.PATH)), "P_PV", dir);
        }
    }
}
