package io.bemcom.connector.fronius;

import io.bemcom.connector.modbus.ModbusConfigFields;
import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

/**
 * The Fronius connector's own variables (the Modbus ones are {@link io.bemcom.connector.modbus.ModbusTcpSettings}).
 *
 * @param wMaxLimPct {@code MODBUS_W_MAX_LIM_PCT}, default 40242: register of WMaxLimPct, the power
 *                   limit in % of the nominal power; writing it also writes WMaxLim_Ena
 * @param wMaxLimEna {@code MODBUS_W_MAX_LIM_ENA}, default 40246: register of WMaxLim_Ena, set to 1
 *                   after every WMaxLimPct write
 */
public record FroniusSettings(int wMaxLimPct, int wMaxLimEna) {

    public static final int DEFAULT_W_MAX_LIM_PCT = 40242;
    public static final int DEFAULT_W_MAX_LIM_ENA = 40246;

    public FroniusSettings {
        requireAddress("MODBUS_W_MAX_LIM_PCT", wMaxLimPct);
        requireAddress("MODBUS_W_MAX_LIM_ENA", wMaxLimEna);
    }

    /** Empty means the default, as the service reference says ("it can be left blank"). */
    public static FroniusSettings fromEnvironment(Environment env) {
        return new FroniusSettings(env.integer("MODBUS_W_MAX_LIM_PCT", DEFAULT_W_MAX_LIM_PCT),
                env.integer("MODBUS_W_MAX_LIM_ENA", DEFAULT_W_MAX_LIM_ENA));
    }

    private static void requireAddress(String name, int address) {
        if (address < 0 || address > ModbusConfigFields.MAX_ADDRESS) {
            throw new ConfigurationException(name + " must be a register address (0-65535), got " + address + ".");
        }
    }
}
