package io.bemcom.demodevice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

class DemoDeviceSettingsTest {

    @Test
    void defaultsToPort502AndLoggingValues() {
        DemoDeviceSettings settings = DemoDeviceSettings.fromEnvironment(new Environment(Map.of()));

        assertThat(settings.port()).isEqualTo(502);
        assertThat(settings.logValues()).isTrue();
    }

    @Test
    void treatsAnEmptyLogValuesAsOnAsTheOriginal() {
        assertThat(DemoDeviceSettings.fromEnvironment(new Environment(Map.of("LOG_VALUES", ""))).logValues())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FALSE", "true", "True", "1", "no"})
    void logsValuesOnlyForExactlyTrue(String value) {
        assertThat(DemoDeviceSettings.fromEnvironment(new Environment(Map.of("LOG_VALUES", value))).logValues())
                .isFalse();
        assertThat(DemoDeviceSettings.fromEnvironment(new Environment(Map.of("LOG_VALUES", "TRUE"))).logValues())
                .isTrue();
    }

    @Test
    void readsTheModbusPort() {
        assertThat(DemoDeviceSettings.fromEnvironment(new Environment(Map.of("MODBUS_PORT", "5020"))).port())
                .isEqualTo(5020);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "70000"})
    void rejectsAPortThatIsNoTcpPort(String value) {
        assertThatThrownBy(() -> DemoDeviceSettings.fromEnvironment(new Environment(Map.of("MODBUS_PORT", value))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("MODBUS_PORT");
    }
}
