package io.bemcom.connector.ambus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.connector.testkit.ConnectorProcesses;

/** The real {@code main} in a process of its own: exit codes and graceful stop. */
class AquametroAmbusNetConnectorMainTest {

    @TempDir
    Path dir;

    @Test
    void exitsWithCode2AndOneLineNamingMalformedMeterIds() throws Exception {
        String output = ConnectorProcesses.exitsWithConfigurationError(AquametroAmbusNetConnector.class, Map.of(
                "POLL_SECONDS", "1", "AMBUSNETWS_SOAP_URL", "http://127.0.0.1/a", "METER_IDS", "1, 2"), dir);

        assertThat(output).contains("Configuration error: METER_IDS must be a JSON array of one or more meter ids");
    }

    @Test
    void runsAgainstTheGatewayUntilSigtermAndThenShutsDownGracefully() throws Exception {
        try (SimulatedAmbusNet gateway = new SimulatedAmbusNet()) {
            ConnectorProcesses.runsUntilSigterm(AquametroAmbusNetConnector.class,
                    Map.of("AMBUSNETWS_SOAP_URL", gateway.url(), "METER_IDS", "[2]"), "meter_2__status__0", dir);
        }
    }
}
