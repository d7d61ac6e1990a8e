package io.bemcom.connector.dachs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.connector.testkit.ConnectorProcesses;

/** The real {@code main} in a process of its own: exit codes, graceful stop, no password in its output. */
class SenertecDachsConnectorMainTest {

    @TempDir
    Path dir;

    @Test
    void exitsWithCode2AndOneLineNamingTheMissingAddress() throws Exception {
        String output = ConnectorProcesses.exitsWithConfigurationError(SenertecDachsConnector.class,
                Map.of("POLL_SECONDS", "1"), dir);

        assertThat(output).contains("Configuration error: DACHS_IP is not set");
    }

    @Test
    void runsAgainstTheDachsUntilSigtermWithoutPrintingThePassword() throws Exception {
        try (SimulatedDachs dachs = new SimulatedDachs()) {
            String output = ConnectorProcesses.runsUntilSigterm(SenertecDachsConnector.class, Map.of("DACHS_IP", "127.0.0.1",
                    "DACHS_PORT", String.valueOf(dachs.port()), "DACHS_GLT_PASSWORD", SimulatedDachs.PASSWORD),
                    "Hka_Bd.bStoerung", dir);

            assertThat(output).doesNotContain(SimulatedDachs.PASSWORD);
        }
    }
}
