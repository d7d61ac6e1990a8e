package io.bemcom.connector.modbus;

import java.util.Optional;

/**
 * The Modbus functions MODBUS_CONFIG may name, keyed by the original's config keys (which are
 * pymodbus method names and the first part of every datapoint id).
 */
public enum ModbusFunction {
    READ_COILS("read_coils", 1),
    READ_DISCRETE_INPUTS("read_discrete_inputs", 2),
    READ_HOLDING_REGISTERS("read_holding_registers", 3),
    READ_INPUT_REGISTERS("read_input_registers", 4),
    WRITE_COIL("write_coil", 5),
    WRITE_REGISTER("write_register", 6),
    WRITE_REGISTERS("write_registers", 16);

    private final String configKey;
    private final int functionCode;

    ModbusFunction(String configKey, int functionCode) {
        this.configKey = configKey;
        this.functionCode = functionCode;
    }

    public static Optional<ModbusFunction> fromConfigKey(String key) {
        for (ModbusFunction function : values()) {
            if (function.configKey.equals(key)) {
                return Optional.of(function);
            }
        }
        return Optional.empty();
    }

    public String configKey() {
        return configKey;
    }

    public int functionCode() {
        return functionCode;
    }

    public boolean isRead() {
        return configKey.startsWith("read_");
    }

    /** Registers (FC3, FC4, FC6, FC16) rather than bits (FC1, FC2, FC5). */
    public boolean usesRegisters() {
        return configKey.endsWith("_register") || configKey.endsWith("_registers");
    }

    /** The original's internal datapoint id {@code <function>__<unit>__<address>}. */
    public String datapointId(int unit, int address) {
        return configKey + "__" + unit + "__" + address;
    }

    @Override
    public String toString() {
        return configKey;
    }
}
