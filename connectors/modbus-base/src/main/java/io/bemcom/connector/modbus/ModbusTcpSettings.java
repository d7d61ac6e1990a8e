package io.bemcom.connector.modbus;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import io.bemcom.connector.ConnectorSettings;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

/**
 * How the connector talks to its device, read once at start from the environment.
 *
 * @param host                   {@code MODBUS_MASTER_IP}: host name or IP address of the device or gateway
 *                               (required)
 * @param port                   {@code MODBUS_MASTER_PORT}, default 502 (the original required it)
 * @param maxAttempts            {@code MODBUS_MAX_RETRIES}, default 3: attempts per request in total, so 3
 *                               means up to 2 retries; values below 1 mean one attempt, as in the original
 * @param retryWait              {@code MODBUS_RETRY_WAIT_SECONDS}, default 15, between attempts (decimals
 *                               accepted; the original took whole seconds only)
 * @param pollBreak              {@code MODBUS_POLL_BREAK}, default 0: pause after every request
 * @param disconnectBetweenPolls {@code MODBUS_DISCONNECT_BETWEEN_POLLS=TRUE}: close the connection after
 *                               every poll and every write
 * @param wordOrder              {@code MODBUS_LSRF_WORD_ORDER=TRUE}: least significant register first
 * @param timeout                {@code MODBUS_TIMEOUT_SECONDS} (our addition), default 3 as pymodbus:
 *                               longest wait to connect and for each answer
 */
public record ModbusTcpSettings(String host, int port, int maxAttempts, Duration retryWait, Duration pollBreak,
                                boolean disconnectBetweenPolls, WordOrder wordOrder, Duration timeout) {

    public static final int DEFAULT_PORT = 502;
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final double DEFAULT_RETRY_WAIT_SECONDS = 15;
    public static final double DEFAULT_TIMEOUT_SECONDS = 3;

    public ModbusTcpSettings {
        if (host == null || host.isBlank()) {
            throw new ConfigurationException("MODBUS_MASTER_IP is not set: it must hold the host name or IP"
                    + " address of the Modbus device or gateway.");
        }
        if (port < 1 || port > 65_535) {
            throw new ConfigurationException("MODBUS_MASTER_PORT must be a TCP port (1-65535), got " + port + ".");
        }
        maxAttempts = Math.max(1, maxAttempts);
    }

    public static ModbusTcpSettings fromEnvironment(Environment env) {
        return new ModbusTcpSettings(
                env.required("MODBUS_MASTER_IP", "the host name or IP address of the Modbus device or gateway"),
                env.integer("MODBUS_MASTER_PORT", DEFAULT_PORT),
                env.integer("MODBUS_MAX_RETRIES", DEFAULT_MAX_RETRIES),
                nonNegativeSeconds(env, "MODBUS_RETRY_WAIT_SECONDS", DEFAULT_RETRY_WAIT_SECONDS),
                nonNegativeSeconds(env, "MODBUS_POLL_BREAK", 0),
                env.exactTrue("MODBUS_DISCONNECT_BETWEEN_POLLS"),
                env.exactTrue(WordOrder.ENV_VAR) ? WordOrder.LEAST_SIGNIFICANT_REGISTER_FIRST : WordOrder.AS_FORMAT,
                positiveSeconds(env, "MODBUS_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS));
    }

    /**
     * The longest a request may take with all its attempts and waits, for sizing the command
     * timeout: every attempt may wait once to connect and once for the answer, the first one twice
     * (a dead open connection is reopened at once), plus the waits between attempts and the poll break.
     */
    public Duration worstCaseRequest() {
        return timeout.multipliedBy(2L * (maxAttempts + 1)).plus(retryWait.multipliedBy(maxAttempts - 1L))
                .plus(pollBreak);
    }

    /**
     * An actuator command runs under the SDK's timeout ({@code ACTUATOR_COMMAND_TIMEOUT_SECONDS});
     * the warning to log at start when a write's retries could take longer.
     */
    public Optional<String> commandTimeoutWarning(Duration commandTimeout) {
        Duration worstCase = worstCaseRequest();
        if (worstCase.compareTo(commandTimeout) <= 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "A write may take up to %s s (MODBUS_MAX_RETRIES=%d,"
                + " MODBUS_RETRY_WAIT_SECONDS=%s, MODBUS_TIMEOUT_SECONDS=%s), longer than"
                + " ACTUATOR_COMMAND_TIMEOUT_SECONDS=%s, after which it is abandoned. Set"
                + " ACTUATOR_COMMAND_TIMEOUT_SECONDS to at least %d to give every write all its attempts.",
                seconds(worstCase), maxAttempts, seconds(retryWait), seconds(timeout), seconds(commandTimeout),
                (long) Math.ceil(worstCase.toMillis() / 1000.0)));
    }

    private static String seconds(Duration duration) {
        return Double.toString(duration.toMillis() / 1000.0);
    }

    private static Duration nonNegativeSeconds(Environment env, String name, double defaultValue) {
        double seconds = env.decimal(name, defaultValue);
        if (seconds < 0) {
            throw new ConfigurationException(name + " must not be negative, got " + seconds + ".");
        }
        return ConnectorSettings.seconds(seconds);
    }

    private static Duration positiveSeconds(Environment env, String name, double defaultValue) {
        double seconds = env.decimal(name, defaultValue);
        if (seconds <= 0) {
            throw new ConfigurationException(name + " must be positive, got " + seconds + ".");
        }
        return ConnectorSettings.seconds(seconds);
    }
}
