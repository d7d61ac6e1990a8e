package io.bemcom.connector.modbus;

import tools.jackson.databind.JsonNode;

/**
 * One entry of a write function in MODBUS_CONFIG: an actuator datapoint.
 *
 * @param index        position in the function's list
 * @param datatypes    how the value is encoded; {@code null} for write_coil
 * @param exampleValue shown in the available datapoints message, any JSON as configured
 */
public record WriteTarget(ModbusFunction function, int index, int address, int unit,
                          StructFormat datatypes, JsonNode exampleValue) {

    /** The original's id {@code <write_function>__<unit>__<address>}, e.g. {@code write_coil__1__19}. */
    public String datapointId() {
        return function.datapointId(unit, address);
    }

    /** Registers written (1 for write_register, the format's size for write_registers, 0 for a coil). */
    public int registerCount() {
        return datatypes == null ? 0 : datatypes.byteSize() / 2;
    }

    /** E.g. {@code MODBUS_CONFIG.write_register[0]}, for messages. */
    public String path() {
        return ModbusConfig.ENV_VAR + "." + function.configKey() + "[" + index + "]";
    }
}
