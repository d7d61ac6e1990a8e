package io.bemcom.connector.modbus;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.connector.ConnectorContext;
import io.bemcom.connector.PollingDevice;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every Modbus connector's device does the same way: at start, log the configuration's
 * warnings and whether an actuator write may outlast the SDK's command timeout; every poll, read
 * the configured ranges over one {@link ModbusSession} into the raw message
 * {@code {"<read_function>": {"<range index>": [values]}}}; decode it with the ranges' datatypes.
 * A connector adds its datapoint ids ({@link #parse}) and its writes ({@link #write}).
 */
public abstract class ModbusPollingDevice implements PollingDevice {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final ModbusTcpSettings settings;
    private final ReadConfig config;
    protected final ModbusSession session;
    protected final RegisterCodec codec;
    private final PollResultParser parser;

    protected ModbusPollingDevice(ReadConfig config, ModbusTcpSettings settings, ModbusClient client) {
        this.config = config;
        this.settings = settings;
        this.session = new ModbusSession(client, settings);
        this.codec = new RegisterCodec(settings.wordOrder());
        this.parser = new PollResultParser(codec);
    }

    /** The client of the device that {@code settings} name: j2mod's Modbus/TCP master. */
    protected static ModbusClient clientFor(ModbusTcpSettings settings) {
        return new J2modTcpClient(settings.host(), settings.port(), settings.timeout());
    }

    /** Reads {@code MODBUS_CONFIG} with {@code parser}; its errors name the part that is wrong. */
    public static <C> C configFromEnvironment(Environment env, ConfigParser<C> parser) {
        String json = env.required(ModbusConfig.ENV_VAR,
                "a JSON object of Modbus functions to ranges, e.g. {\"read_input_registers\": [...]}");
        try {
            return parser.parse(json);
        } catch (ModbusConfigException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    /** A parser of {@code MODBUS_CONFIG} ({@code ModbusConfig::parse}, a connector's own). */
    @FunctionalInterface
    public interface ConfigParser<C> {
        C parse(String json) throws ModbusConfigException;
    }

    @Override
    public void start(ConnectorContext context) {
        config.warnings().forEach(warning -> log.warn("{}", warning));
        settings.commandTimeoutWarning(context.settings().commandTimeout()).ifPresent(log::warn);
    }

    @Override
    public JsonNode read() throws Exception {
        List<ReadRange> ranges = config.readRanges();
        if (ranges.isEmpty()) {
            return null;
        }
        return session.poll(ranges).toRawMessage();
    }

    /**
     * The raw message decoded into {@code {"<read_function>": {"<unit>": {"<address>": value}}}};
     * a range that cannot be decoded is logged and left out.
     */
    protected ObjectNode decode(JsonNode rawMessage) {
        ParsedPoll parsed = parser.parse(PollResult.fromRawMessage(rawMessage, config.readRanges()));
        parsed.errors().forEach(error -> log.error("{}; its values are left out.", error));
        return parsed.parsedMessage();
    }

    @Override
    public void close() {
        session.close();
    }
}
