package io.bemcom.connector.modbus;

import java.io.IOException;
import java.util.Arrays;

/**
 * One write to the device, encoded and ready to send: FC5 (a coil), FC6 (one register) or FC16
 * (several registers).
 */
public final class WriteRequest {

    private final ModbusFunction function;
    private final int unit;
    private final int address;
    private final boolean coil;
    private final int[] registers;

    private WriteRequest(ModbusFunction function, int unit, int address, boolean coil, int[] registers) {
        this.function = function;
        this.unit = unit;
        this.address = address;
        this.coil = coil;
        this.registers = registers;
    }

    /** FC5: switch coil {@code address} on or off. */
    public static WriteRequest coil(int unit, int address, boolean state) {
        return new WriteRequest(ModbusFunction.WRITE_COIL, unit, address, state, null);
    }

    /** FC6: one register, an unsigned 16-bit value. */
    public static WriteRequest register(int unit, int address, int value) {
        requireRegisterValue(value);
        return new WriteRequest(ModbusFunction.WRITE_REGISTER, unit, address, false, new int[] {value});
    }

    /** FC16: consecutive registers from {@code address}, unsigned 16-bit values. */
    public static WriteRequest registers(int unit, int address, int[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("write_registers needs at least one register");
        }
        for (int value : values) {
            requireRegisterValue(value);
        }
        return new WriteRequest(ModbusFunction.WRITE_REGISTERS, unit, address, false, values.clone());
    }

    private static void requireRegisterValue(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("register value " + value + " is not an unsigned 16-bit value");
        }
    }

    public ModbusFunction function() {
        return function;
    }

    public int unit() {
        return unit;
    }

    public int address() {
        return address;
    }

    void sendTo(ModbusClient client) throws IOException, ModbusExceptionResponse {
        switch (function) {
            case WRITE_COIL:
                client.writeCoil(unit, address, coil);
                break;
            case WRITE_REGISTER:
                client.writeRegister(unit, address, registers[0]);
                break;
            default:
                client.writeRegisters(unit, address, registers.clone());
                break;
        }
    }

    /** E.g. {@code write_register (FC6) of 0x404D to unit 1, address 1}, for logs. */
    @Override
    public String toString() {
        String what;
        if (function == ModbusFunction.WRITE_COIL) {
            what = coil ? "on" : "off";
        } else {
            StringBuilder hex = new StringBuilder();
            for (int register : registers) {
                hex.append(hex.length() == 0 ? "" : " ").append(String.format("0x%04X", register));
            }
            what = hex.toString();
        }
        return function + " (FC" + function.functionCode() + ") of " + what + " to unit " + unit + ", address "
                + address;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WriteRequest that && function == that.function && unit == that.unit
                && address == that.address && coil == that.coil && Arrays.equals(registers, that.registers);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * function.hashCode() + unit) + address;
    }
}
