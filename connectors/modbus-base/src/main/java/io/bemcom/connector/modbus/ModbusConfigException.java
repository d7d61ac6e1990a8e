package io.bemcom.connector.modbus;

/**
 * MODBUS_CONFIG is unusable. The message starts with the path of the offending part, e.g.
 * {@code MODBUS_CONFIG.read_input_registers[0].count: missing}.
 */
public class ModbusConfigException extends RuntimeException {

    private final String path;

    public ModbusConfigException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    /** Where in MODBUS_CONFIG the problem is, e.g. {@code MODBUS_CONFIG.write_register[1].datatypes}. */
    public String path() {
        return path;
    }
}
