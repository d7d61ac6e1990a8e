package io.bemcom.connector.modbus.tcp;

import java.util.List;
import java.util.Map;

import io.bemcom.connector.modbus.CoilValue;
import io.bemcom.connector.modbus.ModbusClient;
import io.bemcom.connector.modbus.ModbusConfig;
import io.bemcom.connector.modbus.ModbusPollingDevice;
import io.bemcom.connector.modbus.ModbusTcpSettings;
import io.bemcom.connector.modbus.WriteRequest;
import io.bemcom.connector.modbus.WriteTarget;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Modbus/TCP connector's device: polls the read ranges of {@code MODBUS_CONFIG} (see
 * {@link ModbusPollingDevice}), parses them into {@code {"<read_function>": {"<unit>": {"<address>": value}}}}
 * (ids {@code <read_function>__<unit>__<address>}), and writes actuator values with FC5, FC6 or FC16
 * (ids {@code <write_function>__<unit>__<address>}).
 */
public final class ModbusTcpDevice extends ModbusPollingDevice {

    private final ModbusConfig config;

    public ModbusTcpDevice(ModbusConfig config, ModbusTcpSettings settings, ModbusClient client) {
        super(config, settings, client);
        this.config = config;
    }

    /**
     * Builds the device from {@code MODBUS_*}; throws {@link ConfigurationException} naming the
     * variable, or for {@code MODBUS_CONFIG} the offending part (e.g.
     * {@code MODBUS_CONFIG.read_input_registers[0].count: missing}).
     */
    public static ModbusTcpDevice fromEnvironment(Environment env) {
        ModbusTcpSettings settings = ModbusTcpSettings.fromEnvironment(env);
        ModbusConfig config = configFromEnvironment(env, ModbusConfig::parse);
        return new ModbusTcpDevice(config, settings, clientFor(settings));
    }

    public ModbusConfig config() {
        return config;
    }

    @Override
    public JsonNode parse(JsonNode rawMessage) {
        ObjectNode message = decode(rawMessage);
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
}
