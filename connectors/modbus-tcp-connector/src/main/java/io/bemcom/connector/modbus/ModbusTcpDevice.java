package io.bemcom.connector.modbus;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.connector.ConnectorSettings;
import io.bemcom.connector.PollingDevice;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Modbus/TCP connector's device: polls the read ranges of {@code MODBUS_CONFIG} into the raw
 * message {@code {"<read_function>": {"<range index>": [values]}}}, parses it into
 * {@code {"<read_function>": {"<unit>": {"<address>": value}}}} (ids
 * {@code <read_function>__<unit>__<address>}), and writes actuator values with FC5, FC6 or FC16
 * (ids {@code <write_function>__<unit>__<address>}).
 */
public final class ModbusTcpDevice implements PollingDevice {

    private static final Logger log = LoggerFactory.getLogger(ModbusTcpDevice.class);

    private final ModbusConfig config;
    private final ModbusSession session;
    private final RegisterCodec codec;
    private final PollResultParser parser;
    private final AtomicBoolean warningsLogged = new AtomicBoolean();

    public ModbusTcpDevice(ModbusConfig config, ModbusTcpSettings settings, ModbusClient client) {
        this.config = config;
        this.session = new ModbusSession(client, settings);
        this.codec = new RegisterCodec(settings.wordOrder());
        this.parser = new PollResultParser(codec);
    }

    /**
     * Builds the device from {@code MODBUS_*}; throws {@link ConfigurationException} naming the
     * variable, or for {@code MODBUS_CONFIG} the offending part (e.g.
     * {@code MODBUS_CONFIG.read_input_registers[0].count: missing}).
     */
    public static ModbusTcpDevice fromEnvironment(Environment env) {
        ModbusTcpSettings settings = ModbusTcpSettings.fromEnvironment(env);
        ModbusConfig config = parseConfig(env);
        warnIfCommandsMayTimeOut(env, settings);
        return new ModbusTcpDevice(config, settings,
                new J2modTcpClient(settings.host(), settings.port(), settings.timeout()));
    }

    /** Reads and parses {@code MODBUS_CONFIG}; its errors become {@link ConfigurationException}s. */
    public static ModbusConfig parseConfig(Environment env) {
        String json = env.required(ModbusConfig.ENV_VAR,
                "a JSON object of Modbus functions to ranges, e.g. {\"read_input_registers\": [...]}");
        try {
            return ModbusConfig.parse(json);
        } catch (ModbusConfigException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    /**
     * An actuator command runs under the SDK's timeout ({@code ACTUATOR_COMMAND_TIMEOUT_SECONDS});
     * says so at start when the retries could take longer.
     */
    public static void warnIfCommandsMayTimeOut(Environment env, ModbusTcpSettings settings) {
        Duration commandTimeout = ConnectorSettings.seconds(env.decimal("ACTUATOR_COMMAND_TIMEOUT_SECONDS", 30));
        Duration worstCase = settings.worstCaseRequest();
        if (worstCase.compareTo(commandTimeout) > 0) {
            log.warn("A write may take up to {} s (MODBUS_MAX_RETRIES={}, MODBUS_RETRY_WAIT_SECONDS={},"
                    + " MODBUS_TIMEOUT_SECONDS={}), longer than ACTUATOR_COMMAND_TIMEOUT_SECONDS={}, after which it"
                    + " is abandoned. Set ACTUATOR_COMMAND_TIMEOUT_SECONDS to at least {} to give every write all"
                    + " its attempts.", worstCase.toMillis() / 1000.0, settings.maxAttempts(),
                    settings.retryWait().toMillis() / 1000.0, settings.timeout().toMillis() / 1000.0,
                    commandTimeout.toMillis() / 1000.0, (long) Math.ceil(worstCase.toMillis() / 1000.0));
        }
    }

    public ModbusConfig config() {
        return config;
    }

    @Override
    public JsonNode read() throws Exception {
        logConfigWarningsOnce();
        List<ReadRange> ranges = config.readRanges();
        if (ranges.isEmpty()) {
            return null;
        }
        return session.poll(ranges).toRawMessage();
    }

    @Override
    public JsonNode parse(JsonNode rawMessage) {
        ParsedPoll parsed = parser.parse(PollResult.fromRawMessage(rawMessage, config.readRanges()));
        parsed.errors().forEach(error -> log.error("{}; its values are left out.", error));
        ObjectNode message = parsed.parsedMessage();
        return message.isEmpty() ? null : message;
    }

    @Override
    public Map<String, JsonNode> actuators() {
        return config.actuatorExampleValues();
    }

    @Override
    public void write(String datapointId, JsonNode value, long timestamp) throws Exception {
        WriteTarget target = config.writeTarget(datapointId).orElseThrow(() -> new IllegalArgumentException(
                "'" + datapointId + "' is no actuator of MODBUS_CONFIG (it has "
                        + config.actuatorExampleValues().keySet() + ")"));
        session.write(List.of(encode(target, value)));
    }

    /** The request that writes {@code value} to {@code target}, encoded with its datatypes. */
    WriteRequest encode(WriteTarget target, JsonNode value) {
        switch (target.function()) {
            case WRITE_COIL:
                return WriteRequest.coil(target.unit(), target.address(), CoilValue.fromJson(value));
            case WRITE_REGISTER:
                return WriteRequest.register(target.unit(), target.address(), codec.encode(target.datatypes(), value)[0]);
            case WRITE_REGISTERS:
                return WriteRequest.registers(target.unit(), target.address(), codec.encode(target.datatypes(), value));
            default:
                throw new IllegalStateException(target.function() + " is no write function");
        }
    }

    @Override
    public void close() {
        session.close();
    }

    /** At the first poll, when log records already reach the connector's logs topic. */
    private void logConfigWarningsOnce() {
        if (warningsLogged.compareAndSet(false, true)) {
            config.warnings().forEach(warning -> log.warn("{}", warning));
        }
    }
}
