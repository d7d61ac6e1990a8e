package io.bemcom.demodevice;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How the original demo device puts a temperature into one register, and reads a setpoint back.
 *
 * <p>Reading: the value is rounded to one decimal (Python's {@code round(value, 1)}), converted to
 * an IEEE 754 half float and stored with its two bytes swapped: pymodbus'
 * {@code BinaryPayloadBuilder(byteorder="<")} packs {@code struct.pack("<e", value)}, low byte
 * first, and the register carries those two bytes in wire order. So 21.0 (half float
 * {@code 0x4D40}) is the register {@code 0x404D}, and a client decodes it with the struct format
 * {@code "<e"} (or {@code "e"} on a little-endian host): the registers as big-endian bytes, then
 * the half float little-endian.
 *
 * <p>Writing is the exact inverse (the original unpacks {@code "!H"} then {@code "<e"}); no
 * rounding.
 */
final class TemperatureEncoding {

    private TemperatureEncoding() {
    }

    /** The register the device answers for {@code celsius}. */
    static int toRegister(double celsius) {
        return swapBytes(HalfFloat.fromDouble(roundToOneDecimal(celsius)));
    }

    /** The temperature a written register stands for (NaN and infinities included). */
    static double fromRegister(int register) {
        return HalfFloat.toDouble(swapBytes(register & 0xFFFF));
    }

    /**
     * Python's {@code round(value, 1)}: the exact binary value rounded half to even, so 21.25 becomes
     * 21.2 and 21.35 (really 21.350000000000001...) becomes 21.4.
     */
    static double roundToOneDecimal(double value) {
        if (!Double.isFinite(value) || value == 0) {
            return value; // BigDecimal has no -0.0
        }
        return new BigDecimal(value).setScale(1, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static int swapBytes(int word) {
        return ((word & 0xFF) << 8) | ((word >>> 8) & 0xFF);
    }
}
