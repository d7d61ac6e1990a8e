package io.bemcom.connector.modbus;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.io.ModbusTCPTransaction;
import com.ghgande.j2mod.modbus.msg.ExceptionResponse;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadCoilsRequest;
import com.ghgande.j2mod.modbus.msg.ReadCoilsResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.msg.WriteCoilRequest;
import com.ghgande.j2mod.modbus.msg.WriteCoilResponse;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.WriteMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterRequest;
import com.ghgande.j2mod.modbus.msg.WriteSingleRegisterResponse;
import com.ghgande.j2mod.modbus.net.TCPMasterConnection;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;

/**
 * {@link ModbusClient} over j2mod's Modbus/TCP master. The host name is resolved at every
 * connect (a device that is not up yet, or moved, is found at the next attempt); j2mod's own
 * retries are off (one attempt per request), the connector's retries are {@code MODBUS_MAX_RETRIES}.
 * After a connection failure the connection is dropped, so the next request reconnects.
 */
public final class J2modTcpClient implements ModbusClient {

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private TCPMasterConnection connection;
    private ModbusTCPTransaction transaction;

    public J2modTcpClient(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    @Override
    public void connect() throws IOException {
        if (isConnected()) {
            return;
        }
        disconnect();
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IOException("cannot resolve the host name '" + host + "' of the Modbus device", e);
        }
        TCPMasterConnection opening = new TCPMasterConnection(address);
        opening.setPort(port);
        opening.setTimeout(timeoutMillis);
        try {
            opening.connect();
        } catch (Exception e) {
            opening.close();
            throw new IOException("cannot connect to the Modbus device at " + host + ":" + port + ": " + e.getMessage(), e);
        }
        ModbusTCPTransaction opened = new ModbusTCPTransaction(opening);
        opened.setRetries(1);
        opened.setReconnecting(false);
        connection = opening;
        transaction = opened;
    }

    @Override
    public boolean isConnected() {
        return connection != null && connection.isConnected();
    }

    @Override
    public void disconnect() {
        if (connection != null) {
            connection.close();
        }
        connection = null;
        transaction = null;
    }

    @Override
    public int[] readRegisters(ModbusFunction function, int unit, int address, int count)
            throws IOException, ModbusExceptionResponse {
        InputRegister[] registers;
        if (function == ModbusFunction.READ_HOLDING_REGISTERS) {
            registers = execute(new ReadMultipleRegistersRequest(address, count), unit,
                    ReadMultipleRegistersResponse.class).getRegisters();
        } else if (function == ModbusFunction.READ_INPUT_REGISTERS) {
            registers = execute(new ReadInputRegistersRequest(address, count), unit,
                    ReadInputRegistersResponse.class).getRegisters();
        } else {
            throw new IllegalArgumentException(function + " does not read registers");
        }
        int[] values = new int[registers.length];
        for (int i = 0; i < registers.length; i++) {
            values[i] = registers[i].toUnsignedShort();
        }
        return values;
    }

    @Override
    public boolean[] readBits(ModbusFunction function, int unit, int address, int count)
            throws IOException, ModbusExceptionResponse {
        BitVector bits;
        if (function == ModbusFunction.READ_COILS) {
            bits = execute(new ReadCoilsRequest(address, count), unit, ReadCoilsResponse.class).getCoils();
        } else if (function == ModbusFunction.READ_DISCRETE_INPUTS) {
            bits = execute(new ReadInputDiscretesRequest(address, count), unit, ReadInputDiscretesResponse.class)
                    .getDiscretes();
        } else {
            throw new IllegalArgumentException(function + " does not read bits");
        }
        // The response carries whole bytes; the bits past count are padding.
        int available = Math.min(count, bits.size());
        boolean[] values = new boolean[available];
        for (int i = 0; i < available; i++) {
            values[i] = bits.getBit(i);
        }
        return values;
    }

    @Override
    public void writeCoil(int unit, int address, boolean state) throws IOException, ModbusExceptionResponse {
        execute(new WriteCoilRequest(address, state), unit, WriteCoilResponse.class);
    }

    @Override
    public void writeRegister(int unit, int address, int value) throws IOException, ModbusExceptionResponse {
        execute(new WriteSingleRegisterRequest(address, new SimpleRegister(value)), unit,
                WriteSingleRegisterResponse.class);
    }

    @Override
    public void writeRegisters(int unit, int address, int[] values) throws IOException, ModbusExceptionResponse {
        Register[] registers = new Register[values.length];
        for (int i = 0; i < values.length; i++) {
            registers[i] = new SimpleRegister(values[i]);
        }
        execute(new WriteMultipleRegistersRequest(address, registers), unit, WriteMultipleRegistersResponse.class);
    }

    private <R extends ModbusResponse> R execute(ModbusRequest request, int unit, Class<R> expected)
            throws IOException, ModbusExceptionResponse {
        if (!isConnected()) {
            throw new IOException("not connected to the Modbus device at " + host + ":" + port);
        }
        request.setUnitID(unit);
        transaction.setRequest(request);
        try {
            transaction.execute();
        } catch (ModbusSlaveException e) {
            throw new ModbusExceptionResponse(e.getType());
        } catch (ModbusException e) {
            disconnect();
            throw new IOException("no valid answer from the Modbus device at " + host + ":" + port + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            // j2mod signals some malformed frames with unchecked exceptions.
            disconnect();
            throw new IOException("the Modbus device at " + host + ":" + port + " sent an unreadable answer: " + e, e);
        }
        ModbusResponse response = transaction.getResponse();
        if (response instanceof ExceptionResponse exception) {
            throw new ModbusExceptionResponse(exception.getExceptionCode());
        }
        if (!expected.isInstance(response)) {
            disconnect();
            throw new IOException("the Modbus device at " + host + ":" + port + " answered function code "
                    + request.getFunctionCode() + " with " + (response == null ? "nothing" : response.getClass().getSimpleName()));
        }
        return expected.cast(response);
    }
}
