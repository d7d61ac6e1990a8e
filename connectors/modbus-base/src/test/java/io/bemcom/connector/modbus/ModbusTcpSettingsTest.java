package io.bemcom.connector.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

class ModbusTcpSettingsTest {

    private static ModbusTcpSettings settings(String... keysAndValues) {
        Map<String, String> env = new HashMap<>();
        env.put("MODBUS_MASTER_IP", "device.local");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return ModbusTcpSettings.fromEnvironment(new Environment(env));
    }

    @Test
    void hasTheOriginalsDefaults() {
        ModbusTcpSettings settings = settings();

        assertThat(settings.host()).isEqualTo("device.local");
        assertThat(settings.port()).isEqualTo(502);
        assertThat(settings.maxAttempts()).isEqualTo(3);
        assertThat(settings.retryWait()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.pollBreak()).isEqualTo(Duration.ZERO);
        assertThat(settings.disconnectBetweenPolls()).isFalse();
        assertThat(settings.wordOrder()).isEqualTo(WordOrder.AS_FORMAT);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void readsEveryVariable() {
        ModbusTcpSettings settings = settings("MODBUS_MASTER_PORT", "5020", "MODBUS_MAX_RETRIES", "5",
                "MODBUS_RETRY_WAIT_SECONDS", "2", "MODBUS_POLL_BREAK", "0.1", "MODBUS_DISCONNECT_BETWEEN_POLLS", "TRUE",
                "MODBUS_LSRF_WORD_ORDER", "TRUE", "MODBUS_TIMEOUT_SECONDS", "0.5");

        assertThat(settings.port()).isEqualTo(5020);
        assertThat(settings.maxAttempts()).isEqualTo(5);
        assertThat(settings.retryWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.pollBreak()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.disconnectBetweenPolls()).isTrue();
        assertThat(settings.wordOrder()).isEqualTo(WordOrder.LEAST_SIGNIFICANT_REGISTER_FIRST);
        assertThat(settings.timeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void acceptsFractionalRetryWaits() {
        assertThat(settings("MODBUS_RETRY_WAIT_SECONDS", "0.25").retryWait()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void turnsFlagsOnOnlyForExactlyTrue() {
        ModbusTcpSettings settings = settings("MODBUS_DISCONNECT_BETWEEN_POLLS", "true", "MODBUS_LSRF_WORD_ORDER", "1");

        assertThat(settings.disconnectBetweenPolls()).isFalse();
        assertThat(settings.wordOrder()).isEqualTo(WordOrder.AS_FORMAT);
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "-2, 1", "1, 1"})
    void makesOneAttemptForRetriesBelowOneAsTheOriginal(String value, int attempts) {
        assertThat(settings("MODBUS_MAX_RETRIES", value).maxAttempts()).isEqualTo(attempts);
    }

    @ParameterizedTest
    @CsvSource({
            "MODBUS_MASTER_PORT, abc",
            "MODBUS_MASTER_PORT, 0",
            "MODBUS_MASTER_PORT, 65536",
            "MODBUS_MAX_RETRIES, three",
            "MODBUS_RETRY_WAIT_SECONDS, -1",
            "MODBUS_RETRY_WAIT_SECONDS, soon",
            "MODBUS_POLL_BREAK, -0.5",
            "MODBUS_TIMEOUT_SECONDS, 0"})
    void namesTheVariableOfABadValue(String name, String value) {
        assertThatThrownBy(() -> settings(name, value)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(name);
    }

    @Test
    void requiresTheDevicesAddress() {
        assertThatThrownBy(() -> ModbusTcpSettings.fromEnvironment(new Environment(Map.of())))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("MODBUS_MASTER_IP");
    }

    @Test
    void estimatesTheLongestAWriteMayTakeWithAllItsAttempts() {
        // 3 attempts: (3 + 1) * (connect + answer) * 3 s + 2 waits * 15 s.
        assertThat(settings().worstCaseRequest()).isEqualTo(Duration.ofSeconds(54));
        assertThat(settings("MODBUS_MAX_RETRIES", "1", "MODBUS_TIMEOUT_SECONDS", "1", "MODBUS_POLL_BREAK", "0.5")
                .worstCaseRequest()).isEqualTo(Duration.ofMillis(4_500));
    }
}
