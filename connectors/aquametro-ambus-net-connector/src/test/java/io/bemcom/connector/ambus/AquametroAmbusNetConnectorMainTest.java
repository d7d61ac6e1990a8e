package io.bemcom.connector.ambus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
class AquametroAmbusNetConnectorMainTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("ambus-main");

    @Test
    void exitsWithCode2AndOneLineNamingMalformedMeterIds() throws Exception {
        try (ConnectorProcess process = ConnectorProcess.start(AquametroAmbusNetConnector.class, Map.of(
                "MQTT_BROKER_HOST", broker.host(), "POLL_SECONDS", "1", "AMBUSNETWS_SOAP_URL", "http://127.0.0.1/a",
                "METER_IDS", "1, 2"), dir)) {
            assertThat(process.awaitExit(WAIT)).isEqualTo(2);
            assertThat(process.output())
                    .contains("Configuration error: METER_IDS must be a JSON array of one or more meter ids")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void runsAgainstTheGatewayUntilSigtermAndThenShutsDownGracefully() throws Exception {
        try (SimulatedAmbusNet gateway = new SimulatedAmbusNet();
             MqttProbe probe = MqttProbe.connect(broker)) {
            Recorded<AvailableDatapointsMessage> available = probe.record(Topics.availableDatapoints(name),
                    MessageCodec::decodeAvailableDatapoints);
            try (ConnectorProcess process = ConnectorProcess.start(AquametroAmbusNetConnector.class, Map.of(
                    "CONNECTOR_NAME", name, "MQTT_BROKER_HOST", broker.host(),
                    "MQTT_BROKER_PORT", String.valueOf(broker.port()), "POLL_SECONDS", "0.5",
                    "AMBUSNETWS_SOAP_URL", gateway.url(), "METER_IDS", "[2]"), dir)) {
                available.await(m -> m.message().sensor().containsKey("meter_2__status__0"), WAIT);
                process.terminate();

                process.awaitExit(WAIT);
                assertThat(process.output()).contains("Connector online. Entering main loop.")
                        .contains("shut down completed");
            }
            probe.clearRetained(Topics.availableDatapoints(name));
        }
    }
}
