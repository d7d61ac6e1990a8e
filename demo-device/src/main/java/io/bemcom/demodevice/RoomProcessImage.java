package io.bemcom.demodevice;

import java.util.BitSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.ghgande.j2mod.modbus.procimg.DigitalIn;
import com.ghgande.j2mod.modbus.procimg.DigitalOut;
import com.ghgande.j2mod.modbus.procimg.FIFO;
import com.ghgande.j2mod.modbus.procimg.File;
import com.ghgande.j2mod.modbus.procimg.IllegalAddressException;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import com.ghgande.j2mod.modbus.procimg.Register;

/**
 * The device's Modbus tables, as the original's pymodbus data blocks answer:
 * <ul>
 *   <li>input register 1: the room temperature (read only);</li>
 *   <li>holding register 1: the setpoint (read/write, FC 3, 6 and 16);</li>
 *   <li>any other register address, or a range wider than register 1: "illegal data address"
 *       (Modbus exception 2);</li>
 *   <li>coils and discrete inputs 0..65535: zeros, as pymodbus' default blocks; coils keep what is
 *       written to them.</li>
 * </ul>
 * Registers are encoded by {@link TemperatureEncoding}. A written NaN is answered with Modbus
 * exception 2 and leaves the setpoint unchanged (j2mod's server turns only
 * {@link IllegalAddressException} from a process image into an exception response).
 */
final class RoomProcessImage implements ProcessImage {

    static final int TEMPERATURE_REGISTER = 1;
    static final int SETPOINT_REGISTER = 1;
    private static final int ADDRESSES = 65_536;
    private static final Logger log = LoggerFactory.getLogger(RoomProcessImage.class);

    private final RoomModel room;
    private final BitSet coils = new BitSet(ADDRESSES);
    private final InputRegister temperature = new TemperatureRegister();
    private final Register setpoint = new SetpointRegister();

    RoomProcessImage(RoomModel room) {
        this.room = room;
    }

    // ------------------------------------------------------------------ registers

    @Override
    public InputRegister[] getInputRegisterRange(int offset, int count) {
        requireRegisterOne(offset, count, "input");
        return new InputRegister[] {temperature};
    }

    @Override
    public InputRegister getInputRegister(int ref) {
        requireRegisterOne(ref, 1, "input");
        return temperature;
    }

    @Override
    public int getInputRegisterCount() {
        return 1;
    }

    @Override
    public Register[] getRegisterRange(int offset, int count) {
        requireRegisterOne(offset, count, "holding");
        return new Register[] {setpoint};
    }

    @Override
    public Register getRegister(int ref) {
        requireRegisterOne(ref, 1, "holding");
        return setpoint;
    }

    @Override
    public int getRegisterCount() {
        return 1;
    }

    private static void requireRegisterOne(int offset, int count, String table) {
        if (offset != 1 || count != 1) {
            throw new IllegalAddressException("only " + table + " register 1 exists, requested " + count
                    + " from " + offset);
        }
    }

    // ------------------------------------------------------------------ bits

    @Override
    public DigitalOut[] getDigitalOutRange(int offset, int count) {
        requireBits(offset, count);
        DigitalOut[] range = new DigitalOut[count];
        for (int i = 0; i < count; i++) {
            range[i] = new Coil(offset + i);
        }
        return range;
    }

    @Override
    public DigitalOut getDigitalOut(int ref) {
        requireBits(ref, 1);
        return new Coil(ref);
    }

    @Override
    public int getDigitalOutCount() {
        return ADDRESSES;
    }

    @Override
    public DigitalIn[] getDigitalInRange(int offset, int count) {
        requireBits(offset, count);
        DigitalIn[] range = new DigitalIn[count];
        for (int i = 0; i < count; i++) {
            range[i] = () -> false;
        }
        return range;
    }

    @Override
    public DigitalIn getDigitalIn(int ref) {
        requireBits(ref, 1);
        return () -> false;
    }

    @Override
    public int getDigitalInCount() {
        return ADDRESSES;
    }

    private static void requireBits(int offset, int count) {
        if (offset < 0 || count < 0 || offset + count > ADDRESSES) {
            throw new IllegalAddressException("bits " + offset + ".." + (offset + count - 1) + " do not exist");
        }
    }

    // ------------------------------------------------------------------ files and FIFOs: none

    @Override
    public File getFile(int ref) {
        throw new IllegalAddressException("no files");
    }

    @Override
    public File getFileByNumber(int ref) {
        throw new IllegalAddressException("no files");
    }

    @Override
    public int getFileCount() {
        return 0;
    }

    @Override
    public FIFO getFIFO(int ref) {
        throw new IllegalAddressException("no FIFOs");
    }

    @Override
    public FIFO getFIFOByAddress(int ref) {
        throw new IllegalAddressException("no FIFOs");
    }

    @Override
    public int getFIFOCount() {
        return 0;
    }

    // ------------------------------------------------------------------ register objects

    private class TemperatureRegister implements InputRegister {

        @Override
        public int getValue() {
            return TemperatureEncoding.toRegister(room.temperature());
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
    }

    private final class SetpointRegister extends TemperatureRegister implements Register {

        @Override
        public int getValue() {
            return TemperatureEncoding.toRegister(room.setpoint());
        }

        @Override
        public void setValue(int value) {
            double written = TemperatureEncoding.fromRegister(value);
            try {
                double inForce = room.setSetpoint(written);
                log.info("New temperature setpoint: {} (written: {})", inForce, written);
            } catch (IllegalArgumentException e) {
                log.warn("Rejected a setpoint write: {}; the setpoint stays {}.", e.getMessage(), room.setpoint());
                throw new IllegalAddressException("setpoint " + written + " rejected");
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

        Coil(int address) {
            this.address = address;
        }

        @Override
        public boolean isSet() {
            synchronized (coils) {
                return coils.get(address);
            }
        }

        @Override
        public void set(boolean state) {
            synchronized (coils) {
                coils.set(address, state);
            }
        }
    }
}
