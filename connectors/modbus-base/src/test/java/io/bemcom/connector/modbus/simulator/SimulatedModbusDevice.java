package io.bemcom.connector.modbus.simulator;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.DigitalIn;
import com.ghgande.j2mod.modbus.procimg.DigitalOut;
import com.ghgande.j2mod.modbus.procimg.FIFO;
import com.ghgande.j2mod.modbus.procimg.File;
import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

import io.bemcom.testsupport.Ports;

/**
 * A Modbus/TCP device for tests: a j2mod server on a free loopback port with, per unit id, 65536
 * coils, discrete inputs, holding and input registers (all zero until set). It records every
 * write with its function code, can refuse requests with Modbus exception 2 (j2mod answers only
 * that code from a process image), and can disappear and come back on the same port.
 */
public final class SimulatedModbusDevice implements AutoCloseable {

    private static final int ADDRESSES = 65_536;

    /** A write as the device saw it. {@code values}: registers, or 1/0 for a coil. */
    public record Write(int functionCode, int unit, int address, List<Integer> values) {
    }

    private final int port;
    private final Map<Integer, Unit> units = new ConcurrentHashMap<>();
    private final List<Write> writes = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger refuseNext = new AtomicInteger();
    private final Map<Integer, Boolean> refusedAddresses = new ConcurrentHashMap<>();
    private ModbusSlave server;

    private SimulatedModbusDevice(int port) {
        this.port = port;
    }

    /** Starts serving units 1 and 2 (more with {@link #unit(int)}). */
    public static SimulatedModbusDevice start() {
        SimulatedModbusDevice device = new SimulatedModbusDevice(Ports.free());
        device.unit(1);
        device.unit(2);
        device.open();
        return device;
    }

    public int port() {
        return port;
    }

    // ------------------------------------------------------------------ data

    public SimulatedModbusDevice holdingRegisters(int unit, int address, int... values) {
        unit(unit).put(unit(unit).holding, address, values);
        return this;
    }

    public SimulatedModbusDevice inputRegisters(int unit, int address, int... values) {
        unit(unit).put(unit(unit).input, address, values);
        return this;
    }

    public SimulatedModbusDevice coils(int unit, int address, boolean... values) {
        Unit u = unit(unit);
        synchronized (u) {
            for (int i = 0; i < values.length; i++) {
                u.coils.set(address + i, values[i]);
            }
        }
        return this;
    }

    public SimulatedModbusDevice discreteInputs(int unit, int address, boolean... values) {
        Unit u = unit(unit);
        synchronized (u) {
            for (int i = 0; i < values.length; i++) {
                u.discrete.set(address + i, values[i]);
            }
        }
        return this;
    }

    public int holdingRegister(int unit, int address) {
        Unit u = unit(unit);
        synchronized (u) {
            return u.holding[address];
        }
    }

    public boolean coil(int unit, int address) {
        Unit u = unit(unit);
        synchronized (u) {
            return u.coils.get(address);
        }
    }

    /** Every write so far, in arrival order. */
    public List<Write> writes() {
        return List.copyOf(writes);
    }

    /** Requests that reached the process image (answered or refused). */
    public int requests() {
        return requests.get();
    }

    // ------------------------------------------------------------------ faults

    /** Answers the next {@code count} requests with Modbus exception 2. */
    public void refuseNextRequests(int count) {
        refuseNext.set(count);
    }

    /** Answers every request touching {@code address} (any table, any unit) with exception 2. */
    public void refuseAddress(int address) {
        refusedAddresses.put(address, true);
    }

    public void stopRefusing() {
        refuseNext.set(0);
        refusedAddresses.clear();
    }

    /** Stops serving: the port refuses connections, open connections end. */
    public synchronized void disappear() {
        if (server != null) {
            ModbusSlaveFactory.close(server);
            server = null;
        }
        Ports.awaitClosed("127.0.0.1", port, java.time.Duration.ofSeconds(10));
    }

    /** Serves again on the same port, with the same data. */
    public synchronized void comeBack() {
        open();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            ModbusSlaveFactory.close(server);
            server = null;
        }
    }

    private synchronized void open() {
        try {
            server = ModbusSlaveFactory.createTCPSlave(null, port, 4, false);
            server.setThreadName("simulated-modbus-" + port);
            units.forEach(server::addProcessImage);
            server.open();
        } catch (ModbusException e) {
            throw new IllegalStateException("cannot serve on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** The unit's data; a unit not yet served is added (also to the running server). */
    public synchronized Unit unit(int id) {
        return units.computeIfAbsent(id, key -> {
            Unit unit = new Unit(key);
            if (server != null) {
                server.addProcessImage(key, unit);
            }
            return unit;
        });
    }

    private void admit(int offset, int count) {
        requests.incrementAndGet();
        if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalAddressException("refused as asked");
        }
        if (offset < 0 || count < 1 || offset + count > ADDRESSES) {
            throw new IllegalAddressException("out of range");
        }
        for (int address = offset; address < offset + count; address++) {
            if (refusedAddresses.containsKey(address)) {
                throw new IllegalAddressException("address " + address + " refused as asked");
            }
        }
    }

    /** One unit id's tables. */
    public final class Unit implements ProcessImage {
        private final int id;
        private final int[] holding = new int[ADDRESSES];
        private final int[] input = new int[ADDRESSES];
        private final BitSet coils = new BitSet(ADDRESSES);
        private final BitSet discrete = new BitSet(ADDRESSES);

        private Unit(int id) {
            this.id = id;
        }

        private synchronized void put(int[] table, int address, int[] values) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] < 0 || values[i] > 0xFFFF) {
                    throw new IllegalArgumentException("register value " + values[i]);
                }
                table[address + i] = values[i];
            }
        }

        @Override
        public DigitalOut[] getDigitalOutRange(int offset, int count) {
            admit(offset, count);
            DigitalOut[] range = new DigitalOut[count];
            for (int i = 0; i < count; i++) {
                range[i] = new Coil(offset + i, 15);
            }
            return range;
        }

        @Override
        public DigitalOut getDigitalOut(int ref) {
            admit(ref, 1);
            return new Coil(ref, 5);
        }

        @Override
        public int getDigitalOutCount() {
            return ADDRESSES;
        }

        @Override
        public DigitalIn[] getDigitalInRange(int offset, int count) {
            admit(offset, count);
            DigitalIn[] range = new DigitalIn[count];
            for (int i = 0; i < count; i++) {
                int address = offset + i;
                range[i] = () -> {
                    synchronized (Unit.this) {
                        return discrete.get(address);
                    }
                };
            }
            return range;
        }

        @Override
        public DigitalIn getDigitalIn(int ref) {
            return getDigitalInRange(ref, 1)[0];
        }

        @Override
        public int getDigitalInCount() {
            return ADDRESSES;
        }

        @Override
        public InputRegister[] getInputRegisterRange(int offset, int count) {
            admit(offset, count);
            InputRegister[] range = new InputRegister[count];
            for (int i = 0; i < count; i++) {
                range[i] = new TableRegister(input, offset + i, null);
            }
            return range;
        }

        @Override
        public InputRegister getInputRegister(int ref) {
            return getInputRegisterRange(ref, 1)[0];
        }

        @Override
        public int getInputRegisterCount() {
            return ADDRESSES;
        }

        /** FC3 reads and FC16 writes come through here; only FC16 sets values. */
        @Override
        public Register[] getRegisterRange(int offset, int count) {
            admit(offset, count);
            MultipleWrite write = new MultipleWrite(offset, count);
            Register[] range = new Register[count];
            for (int i = 0; i < count; i++) {
                range[i] = new TableRegister(holding, offset + i, write);
            }
            return range;
        }

        /** FC6 writes come through here. */
        @Override
        public Register getRegister(int ref) {
            admit(ref, 1);
            return new TableRegister(holding, ref, null);
        }

        @Override
        public int getRegisterCount() {
            return ADDRESSES;
        }

        @Override
        public File getFile(int ref) {
            throw new IllegalAddressException();
        }

        @Override
        public File getFileByNumber(int ref) {
            throw new IllegalAddressException();
        }

        @Override
        public int getFileCount() {
            return 0;
        }

        @Override
        public FIFO getFIFO(int ref) {
            throw new IllegalAddressException();
        }

        @Override
        public FIFO getFIFOByAddress(int ref) {
            throw new IllegalAddressException();
        }

        @Override
        public int getFIFOCount() {
            return 0;
        }

        /** Collects the registers of one FC16 request into one recorded write. */
        private final class MultipleWrite {
            private final int address;
            private final Integer[] values;
            private int set;

            MultipleWrite(int address, int count) {
                this.address = address;
                this.values = new Integer[count];
            }

            synchronized void set(int registerAddress, int value) {
                values[registerAddress - address] = value;
                if (++set == values.length) {
                    writes.add(new Write(16, id, address, List.of(values)));
                }
            }
        }

        private final class TableRegister implements Register {
            private final int[] table;
            private final int address;
            private final MultipleWrite multiple;

            TableRegister(int[] table, int address, MultipleWrite multiple) {
                this.table = table;
                this.address = address;
                this.multiple = multiple;
            }

            @Override
            public int getValue() {
                synchronized (Unit.this) {
                    return table[address];
                }
            }

            @Override
            public int toUnsignedShort() {
                return getValue();
            }

            @Override
            public short toShort() {
                return (short) getValue();
            }

            @Override
            public byte[] toBytes() {
                int value = getValue();
                return new byte[] {(byte) (value >>> 8), (byte) value};
            }

            @Override
            public void setValue(int value) {
                int unsigned = value & 0xFFFF;
                synchronized (Unit.this) {
                    table[address] = unsigned;
                }
                if (multiple == null) {
                    writes.add(new Write(6, id, address, List.of(unsigned)));
                } else {
                    multiple.set(address, unsigned);
                }
            }

            @Override
            public void setValue(short value) {
                setValue(Short.toUnsignedInt(value));
            }

            @Override
            public void setValue(byte[] bytes) {
                setValue(((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF));
            }
        }

        private final class Coil implements DigitalOut {
            private final int address;
            private final int functionCode;

            Coil(int address, int functionCode) {
                this.address = address;
                this.functionCode = functionCode;
            }

            @Override
            public boolean isSet() {
                synchronized (Unit.this) {
                    return coils.get(address);
                }
            }

            @Override
            public void set(boolean state) {
                synchronized (Unit.this) {
                    coils.set(address, state);
                }
                writes.add(new Write(functionCode, id, address, new ArrayList<>(List.of(state ? 1 : 0))));
            }
        }
    }
}
