package io.bemcom.connector.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.connector.modbus.simulator.SimulatedModbusDevice;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.connector.testkit.Recorded;
import io.bemcom.protocol.AvailableDatapointsMessage;
import io.bemcom.protocol.MessageCodec;
import io.bemcom.protocol.Topics;
import io.bemcom.testsupport.TestBroker;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;

/** The real {@code main} in a process of its own: exit codes and graceful stop. */
class ModbusTcpConnectorMainTest {

    @TempDir
    Path dir;

    private final TestBroker broker = TestBrokers.shared();
    private final String name = TestNames.unique("modbus-main");
    private Process process;

    @AfterEach
    void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private Process start(Map<String, String> variables) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ModbusTcpConnector.class.getName());
        builder.environment().clear();
        builder.environment().putAll(variables);
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("output.txt").toFile());
        process = builder.start();
        return process;
    }

    private String output() throws IOException {
        return Files.readString(dir.resolve("output.txt"), StandardCharsets.UTF_8);
    }

    @Test
    void exitsWithCode2NamingTheOffendingPartOfModbusConfig() throws Exception {
        start(Map.of("CONNECTOR_NAME", name, "MQTT_BROKER_HOST", broker.host(),
                "MQTT_BROKER_PORT", String.valueOf(broker.port()), "POLL_SECONDS", "1",
                "MODBUS_MASTER_IP", "127.0.0.1",
                "MODBUS_CONFIG", "{\"read_coils\": [{\"address\": 10, \"unit\": 1}]}"));

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output()).contains("Configuration error: MODBUS_CONFIG.read_coils[0].count: missing");
    }

    @Test
    void exitsWithCode2NamingAMissingVariable() throws Exception {
        start(Map.of("MQTT_BROKER_HOST", broker.host(), "POLL_SECONDS", "1",
                "MODBUS_CONFIG", "{\"read_coils\": [{\"address\": 10, \"count\": 1, \"unit\": 1}]}"));

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output()).contains("MODBUS_MASTER_IP is not set");
    }

    @Test
    void runsUntilSigtermAndThenShutsDownGracefully() throws Exception {
        try (SimulatedModbusDevice device = SimulatedModbusDevice.start();
             MqttProbe probe = MqttProbe.connect(broker)) {
            Recorded<AvailableDatapointsMessage> available = probe.record(Topics.availableDatapoints(name),
                    MessageCodec::decodeAvailableDatapoints);
            start(Map.of("CONNECTOR_NAME", name, "MQTT_BROKER_HOST", broker.host(),
                    "MQTT_BROKER_PORT", String.valueOf(broker.port()), "POLL_SECONDS", "0.2",
                    "MODBUS_MASTER_IP", "127.0.0.1", "MODBUS_MASTER_PORT", String.valueOf(device.port()),
                    "MODBUS_CONFIG", "{\"read_coils\": [{\"address\": 10, \"count\": 1, \"unit\": 1}]}"));

            available.await(m -> m.message().sensor().containsKey("read_coils__1__10"), Duration.ofSeconds(30));
            process.destroy();

            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(output()).contains("shut down completed");
            probe.clearRetained(Topics.availableDatapoints(name));
        }
    }
}
