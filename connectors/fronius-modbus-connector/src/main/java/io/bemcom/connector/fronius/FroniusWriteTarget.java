package io.bemcom.connector.fronius;

import java.math.BigDecimal;

import io.bemcom.connector.modbus.ModbusConfig;
import io.bemcom.connector.modbus.ModbusFunction;
import io.bemcom.connector.modbus.StructFormat;

/**
 * One write entry of the Fronius connector's MODBUS_CONFIG: {@code write_coil} (address, unit) or
 * {@code write_register} (address, unit, datatypes, scaling_factor).
 *
 * @param datatypes     one register's struct format, e.g. {@code ">H"}; {@code null} for a coil
 * @param scalingFactor the value written is the command's value times this; {@code null} for a coil
 */
public record FroniusWriteTarget(ModbusFunction function, int index, int address, int unit, StructFormat datatypes,
                                 BigDecimal scalingFactor) {

    /**
     * The original Fronius connector's id {@code <write_function>__<address>__<unit>} (address before
     * unit, unlike the generic Modbus connector), e.g. {@code write_register__40242__1}.
     */
    public String datapointId() {
        return function.configKey() + "__" + address + "__" + unit;
    }

    public String path() {
        return ModbusConfig.ENV_VAR + "." + function.configKey() + "[" + index + "]";
    }
}
