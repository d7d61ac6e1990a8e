package io.bemcom.connector.knx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.connector.knx.simulator.TcpTunnellingServer;
import io.bemcom.connector.testkit.ConnectorProcess;
import io.bemcom.connector.testkit.ConnectorProcesses;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.LogMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;

/** The real {@code main} in a process of its own: exit codes, a graceful stop, Calimero's records on the logs topic. */
class KnxConnectorMainTest {

    private static final Duration WAIT = ConnectorProcesses.WAIT;

    @TempDir
    Path dir;

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("knx-main");

    @Test
    void exitsWithCode2NamingTheOffendingPartOfKnxDatapointsWithoutAStackTrace() throws Exception {
        Map<String, String> env = ConnectorProcesses.environment(name, "KNX_GATEWAY_HOST", "127.0.0.1",
                "KNX_DATAPOINTS", "{\"sensor\": {\"2/3/111\": \"DPT9\"}, \"actuator\": {}}");
        String output = ConnectorProcesses.exitsWithConfigurationError(KnxConnector.class, env, dir);
        assertThat(output).contains("Configuration error: KNX_DATAPOINTS.sensor[\"2/3/111\"]: 'DPT9' is"
                + " no datapoint type in ETS notation");
    }

    @Test
    void exitsWithCode2NamingAMissingGateway() throws Exception {
        String output = ConnectorProcesses.exitsWithConfigurationError(KnxConnector.class,
                Map.of("MQTT_BROKER_HOST", broker.host(), "MQTT_BROKER_PORT", String.valueOf(broker.port())), dir);
        assertThat(output).contains("Configuration error: KNX_GATEWAY_HOST is not set");
    }

    @Test
    void forwardsCalimerosRecordsAndShutsDownGracefullyOnSigterm() throws Exception {
        try (TcpTunnellingServer gateway = TcpTunnellingServer.start(); MqttProbe probe = MqttProbe.connect(broker)) {
            Recorded<LogMessage> logs = probe.record(Topics.logs(name), MessageCodec::decodeLog);
            try (ConnectorProcess process = ConnectorProcess.start(KnxConnector.class, ConnectorProcesses.environment(
                    name, "KNX_GATEWAY_HOST", "127.0.0.1", "KNX_GATEWAY_PORT", String.valueOf(gateway.port()),
                    "KNX_DATAPOINTS", "{\"sensor\": {\"2/3/111\": \"DPST-9-1\"}, \"actuator\": {}}"), dir)) {
                // Calimero logs through System.Logger, which reaches SLF4J and so the logs topic.
                logs.await(m -> m.message().msg().startsWith("connection established (data endpoint"), WAIT);
                logs.await(m -> m.message().msg().startsWith("Connected to the KNX gateway"), WAIT);
                process.terminate();

                process.awaitExit(WAIT);
                assertThat(process.output()).contains("shut down completed");
            }
            probe.clearRetained(Topics.logs(name));
            probe.clearRetained(Topics.availableDatapoints(name));
        }
    }
}
