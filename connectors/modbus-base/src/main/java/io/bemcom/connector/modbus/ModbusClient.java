package io.bemcom.connector.modbus;

import java.io.IOException;

/**
 * One connection to a Modbus device: the requests the connector sends, nothing more. Not
 * thread-safe; {@link ModbusSession} serialises all use.
 *
 * <p>Every request throws {@link IOException} when the connection fails (refused, reset, timed
 * out, no valid answer) and {@link ModbusExceptionResponse} when the device answers with a
 * Modbus exception.
 */
public interface ModbusClient extends AutoCloseable {

    /** Opens the connection if it is not open. */
    void connect() throws IOException;

    boolean isConnected();

    /** Closes the connection if it is open; the next {@link #connect()} opens a new one. */
    void disconnect();

    /** FC3 or FC4: {@code count} registers as unsigned 16-bit values. */
    int[] readRegisters(ModbusFunction function, int unit, int address, int count)
            throws IOException, ModbusExceptionResponse;

    /** FC1 or FC2: exactly {@code count} bits. */
    boolean[] readBits(ModbusFunction function, int unit, int address, int count)
            throws IOException, ModbusExceptionResponse;

    /** FC5. */
    void writeCoil(int unit, int address, boolean state) throws IOException, ModbusExceptionResponse;

    /** FC6. */
    void writeRegister(int unit, int address, int value) throws IOException, ModbusExceptionResponse;

    /** FC16. */
    void writeRegisters(int unit, int address, int[] values) throws IOException, ModbusExceptionResponse;

    @Override
    default void close() {
        disconnect();
    }
}
