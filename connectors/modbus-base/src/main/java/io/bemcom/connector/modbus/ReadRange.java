package io.bemcom.connector.modbus;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One range of a read function in MODBUS_CONFIG: {@code count} coils/inputs or registers from
 * {@code address} on unit {@code unit}, polled as one request.
 *
 * @param index          position in the function's list, as in the raw message
 * @param datatypes      how the registers are decoded; {@code null} for coils and discrete inputs
 * @param scalingFactors multiplier per value address (register reads only; empty otherwise)
 */
public record ReadRange(ModbusFunction function, int index, int address, int count, int unit,
                        StructFormat datatypes, Map<Integer, Double> scalingFactors) {

    public ReadRange {
        scalingFactors = Map.copyOf(scalingFactors);
    }

    /**
     * Address of every value the range yields: for registers one per value of the format
     * ({@link StructFormat#valueAddresses(int)}), for bits {@code address .. address+count-1}.
     */
    public List<Integer> valueAddresses() {
        if (function.usesRegisters()) {
            return datatypes.valueAddresses(address);
        }
        return IntStream.range(address, address + count).boxed().toList();
    }

    public String datapointId(int valueAddress) {
        return function.datapointId(unit, valueAddress);
    }

    /** E.g. {@code MODBUS_CONFIG.read_coils[0]}, for messages. */
    public String path() {
        return ModbusConfig.ENV_VAR + "." + function.configKey() + "[" + index + "]";
    }
}
