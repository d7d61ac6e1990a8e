package io.bemcom.connector.fronius;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code main} in a process of its own. */
class FroniusModbusConnectorMainTest {

    @TempDir
    Path dir;

    @Test
    void exitsWithCode2NamingTheOffendingPartOfModbusConfig() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FroniusModbusConnector.class.getName());
        builder.environment().clear();
        builder.environment().put("MQTT_BROKER_HOST", "127.0.0.1");
        builder.environment().put("POLL_SECONDS", "1");
        builder.environment().put("MODBUS_MASTER_IP", "127.0.0.1");
        builder.environment().put("MODBUS_CONFIG",
                "{\"write_register\": [{\"address\": 40242, \"unit\": 1, \"datatypes\": \">H\"}]}");
        Path output = dir.resolve("output.txt");
        Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
            assertThat(Files.readString(output, StandardCharsets.UTF_8))
                    .contains("Configuration error: MODBUS_CONFIG.write_register[0].scaling_factor: missing");
        } finally {
            process.destroyForcibly();
        }
    }
}
