package io.bemcom.tools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.bemcom.testsupport.Ports;

/** What the runner checks before it starts anything: one line naming the variable. */
class StartupChecksTest {

    @TempDir
    Path data;

    private RunnerSettings settings() {
        return TestRunnerSettings.onFreePorts(data);
    }

    @Test
    void anUnreachableBrokerIsNamedWithItsVariablesBeforeAnythingStarts() {
        RunnerSettings settings = settings();
        settings.brokerHost = "127.0.0.1";
        try (LocalApplication application = new LocalApplication(settings, System.out)) {
            assertThatThrownBy(() -> application.start(java.time.Duration.ofSeconds(5)))
                    .hasMessageStartingWith("Cannot reach the MQTT broker at 127.0.0.1:" + settings.brokerPort
                            + " (set by MQTT_BROKER_HOST, MQTT_BROKER_PORT)");
            assertThat(data).isEmptyDirectory();
        }
    }

    @Test
    void anUnreachableDatabaseIsNamedWithItsVariables() {
        RunnerSettings settings = settings();
        settings.rawMessageDbEnvironment.put("RAW_MESSAGE_DB_HOST", "127.0.0.1");
        settings.rawMessageDbEnvironment.put("RAW_MESSAGE_DB_PORT", Integer.toString(Ports.free()));
        LocalApplication application = new LocalApplication(settings, System.out);
        assertThatThrownBy(application::checkReachability).hasMessageContaining(
                "Cannot reach the raw-message-db's database at 127.0.0.1:").hasMessageContaining(
                "(set by RAW_MESSAGE_DB_HOST, RAW_MESSAGE_DB_PORT)");
    }
}
