package io.bemcom.connector.modbus;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link ModbusClient} for unit tests: answers register reads with 0, 1, 2, ... and bit reads
 * with alternating bits, records every call, and fails as scripted.
 */
public class FakeModbusClient implements ModbusClient {

    /** What the next request does instead of answering. */
    enum Failure { CONNECTION_LOST, REFUSED }

    public final List<String> calls = new CopyOnWriteArrayList<>();
    final Deque<Failure> failures = new ArrayDeque<>();
    boolean connected;
    boolean refuseConnect;
    int connects;
    int disconnects;
    volatile long requestMillis;

    FakeModbusClient failNext(Failure... next) {
        failures.addAll(Arrays.asList(next));
        return this;
    }

    @Override
    public void connect() throws IOException {
        if (connected) {
            return;
        }
        if (refuseConnect) {
            calls.add("connect refused");
            throw new IOException("connection refused");
        }
        connects++;
        connected = true;
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void disconnect() {
        if (connected) {
            disconnects++;
        }
        connected = false;
    }

    @Override
    public int[] readRegisters(ModbusFunction function, int unit, int address, int count)
            throws IOException, ModbusExceptionResponse {
        request(function + " " + unit + " " + address + " " + count);
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = i;
        }
        return values;
    }

    @Override
    public boolean[] readBits(ModbusFunction function, int unit, int address, int count)
            throws IOException, ModbusExceptionResponse {
        request(function + " " + unit + " " + address + " " + count);
        boolean[] values = new boolean[count];
        for (int i = 0; i < count; i++) {
            values[i] = i % 2 == 0;
        }
        return values;
    }

    @Override
    public void writeCoil(int unit, int address, boolean state) throws IOException, ModbusExceptionResponse {
        request("write_coil " + unit + " " + address + " " + state);
    }

    @Override
    public void writeRegister(int unit, int address, int value) throws IOException, ModbusExceptionResponse {
        request("write_register " + unit + " " + address + " " + value);
    }

    @Override
    public void writeRegisters(int unit, int address, int[] values) throws IOException, ModbusExceptionResponse {
        request("write_registers " + unit + " " + address + " " + Arrays.toString(values));
    }

    private void request(String call) throws IOException, ModbusExceptionResponse {
        if (!connected) {
            throw new IllegalStateException("request while not connected: " + call);
        }
        if (requestMillis > 0) {
            try {
                Thread.sleep(requestMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Failure failure;
        synchronized (failures) {
            failure = failures.poll();
        }
        if (failure == Failure.CONNECTION_LOST) {
            calls.add(call + " -> lost");
            connected = false;
            throw new IOException("connection reset");
        }
        if (failure == Failure.REFUSED) {
            calls.add(call + " -> refused");
            throw new ModbusExceptionResponse(2);
        }
        calls.add(call);
    }
}
