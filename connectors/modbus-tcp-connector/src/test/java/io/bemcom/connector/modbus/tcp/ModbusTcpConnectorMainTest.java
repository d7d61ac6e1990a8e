package io.bemcom.connector.modbus.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.connector.modbus.simulator.SimulatedModbusDevice;
import io.bemcom.connector.testkit.ConnectorProcess;
import io.bemcom.connector.testkit.ConnectorProcesses;
import io.bemcom.testsupport.TestBrokers;
import io.bemcom.testsupport.TestNames;

/** The real {@code main} in a process of its own: exit codes and graceful stop. */
class ModbusTcpConnectorMainTest {

    private static final Duration WAIT = ConnectorProcesses.WAIT;

    @TempDir
    Path dir;

    private final String name = TestNames.unique("modbus-main");

    private ConnectorProcess start(Map<String, String> variables) {
        return ConnectorProcess.start(ModbusTcpConnector.class, variables, dir);
    }

    @Test
    void exitsWithCode2NamingTheOffendingPartOfModbusConfig() throws Exception {
        try (ConnectorProcess process = start(ConnectorProcesses.environment(name, "POLL_SECONDS", "1",
                "MODBUS_MASTER_IP", "127.0.0.1",
                "MODBUS_CONFIG", "{\"read_coils\": [{\"address\": 10, \"unit\": 1}]}"))) {
            assertThat(process.awaitExit(WAIT)).isEqualTo(2);
            assertThat(process.output()).contains("Configuration error: MODBUS_CONFIG.read_coils[0].count: missing");
        }
    }

    @Test
    void exitsWithCode2NamingAMissingVariable() throws Exception {
        try (ConnectorProcess process = start(Map.of("MQTT_BROKER_HOST", TestBrokers.shared().host(),
                "POLL_SECONDS", "1",
                "MODBUS_CONFIG", "{\"read_coils\": [{\"address\": 10, \"count\": 1, \"unit\": 1}]}"))) {
            assertThat(process.awaitExit(WAIT)).isEqualTo(2);
            assertThat(process.output()).contains("MODBUS_MASTER_IP is not set");
        }
    }

    @Test
    void runsUntilSigtermAndThenShutsDownGracefully() throws Exception {
        try (SimulatedModbusDevice device = SimulatedModbusDevice.start()) {
            ConnectorProcesses.runsUntilSigterm(ModbusTcpConnector.class, name, Map.of("POLL_SECONDS", "0.2",
                    "MODBUS_MASTER_IP", "127.0.0.1", "MODBUS_MASTER_PORT", String.valueOf(device.port()),
                    "MODBUS_CONFIG", "{\"read_coils\": [{\"address\": 10, \"count\": 1, \"unit\": 1}]}"),
                    "read_coils__1__10", dir, process -> { });
        }
    }
}
