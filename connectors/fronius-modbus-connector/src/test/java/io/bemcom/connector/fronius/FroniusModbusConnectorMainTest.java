package io.bemcom.connector.fronius;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.connector.testkit.ConnectorProcess;

/** The real {@code main} in a process of its own. */
class FroniusModbusConnectorMainTest {

    @TempDir
    Path dir;

    @Test
    void exitsWithCode2NamingTheOffendingPartOfModbusConfig() throws Exception {
        try (ConnectorProcess process = ConnectorProcess.start(FroniusModbusConnector.class, Map.of(
                "MQTT_BROKER_HOST", "127.0.0.1", "POLL_SECONDS", "1", "MODBUS_MASTER_IP", "127.0.0.1",
                "MODBUS_CONFIG", "{\"write_register\": [{\"address\": 40242, \"unit\": 1, \"datatypes\": \">H\"}]}"),
                dir)) {
            assertThat(process.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(process.output())
                    .contains("Configuration error: MODBUS_CONFIG.write_register[0].scaling_factor: missing");
        }
    }
}
