package io.bemcom.connector.modbus;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Converts between Modbus registers and values, as the original did with Python's struct: the
 * registers are joined as big-endian 16-bit words (high byte first, as on the wire) into one byte
 * string, which the {@link StructFormat} describes; {@link WordOrder} optionally reverses the
 * registers of each multi-register number first.
 */
public final class RegisterCodec {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private final WordOrder wordOrder;

    public RegisterCodec(WordOrder wordOrder) {
        this.wordOrder = wordOrder;
    }

    public WordOrder wordOrder() {
        return wordOrder;
    }

    /**
     * Decodes the registers of one read range (unsigned 16-bit words, 0..65535) into one value
     * per field of {@code format}, addressed by {@link StructFormat#valueAddresses(int)}.
     * Throws {@link IllegalArgumentException} if the registers do not hold exactly the format's
     * bytes or a register is outside 0..65535.
     */
    public List<RegisterValue> decode(int startAddress, StructFormat format, int[] registers) {
        byte[] bytes = toBytes(registers);
        if (bytes.length != format.byteSize()) {
            throw new IllegalArgumentException(format.describe() + " describes " + format.byteSize()
                    + " bytes, but " + registers.length + " registers (" + bytes.length
                    + " bytes) were read");
        }
        List<Integer> addresses = format.valueAddresses(startAddress);
        List<RegisterValue> values = new ArrayList<>(addresses.size());
        for (int i = 0; i < addresses.size(); i++) {
            values.add(new RegisterValue(addresses.get(i), decodeField(bytes, format.fields().get(i), format.byteOrder())));
        }
        return values;
    }

    /**
     * Encodes one actuator value into the registers to send (FC6: the single register; FC16:
     * all of them, in order). The format must describe exactly one value and a whole number of
     * registers. Integer codes take whole numbers (also as strings, e.g. "22"), float codes any
     * finite number (also "21.5"), {@code ?} true/false (or 1/0), {@code s} a string.
     * Out-of-range or mistyped values throw {@link IllegalArgumentException}.
     */
    public int[] encode(StructFormat format, JsonNode value) {
        if (format.fields().size() != 1) {
            throw new IllegalArgumentException(format.describe() + " describes "
                    + format.fields().size() + " values; a write takes exactly one");
        }
        if (format.byteSize() % 2 != 0) {
            throw new IllegalArgumentException(format.describe() + " describes " + format.byteSize()
                    + " bytes, which is not a whole number of registers; pad with 'x'");
        }
        StructFormat.Field field = format.fields().get(0);
        byte[] bytes = new byte[format.byteSize()];
        byte[] encoded = encodeField(field, format.byteOrder(), value);
        swapRegistersIfConfigured(field, encoded);
        System.arraycopy(encoded, 0, bytes, field.byteOffset(), encoded.length);
        return toRegisters(bytes);
    }

    /**
     * Applies a scaling factor as the original did ({@code float(value) * factor}): numbers and
     * booleans become a double; text stays unchanged (Python's float() would fail on it and keep
     * the value).
     */
    public static Object scale(Object value, double factor) {
        if (value instanceof Boolean flag) {
            return (flag ? 1.0 : 0.0) * factor;
        }
        if (value instanceof Number number) {
            return number.doubleValue() * factor;
        }
        return value;
    }

    private Object decodeField(byte[] bytes, StructFormat.Field field, ByteOrder order) {
        byte[] raw = Arrays.copyOfRange(bytes, field.byteOffset(), field.byteOffset() + field.byteSize());
        if (field.isText()) {
            return decodeText(raw);
        }
        swapRegistersIfConfigured(field, raw);
        ByteBuffer buffer = ByteBuffer.wrap(raw).order(order);
        switch (field.code()) {
            case 'b': return (long) buffer.get();
            case 'B': return (long) Byte.toUnsignedInt(buffer.get());
            case '?': return buffer.get() != 0; // Python: any non-zero byte is True
            case 'h': return (long) buffer.getShort();
            case 'H': return (long) Short.toUnsignedInt(buffer.getShort());
            case 'i': case 'l': return (long) buffer.getInt();
            case 'I': case 'L': return Integer.toUnsignedLong(buffer.getInt());
            case 'q': return buffer.getLong();
            case 'Q': return unsigned64(buffer.getLong());
            case 'e': return HalfFloat.toDouble(Short.toUnsignedInt(buffer.getShort()));
            case 'f': return (double) buffer.getFloat();
            case 'd': return buffer.getDouble();
            default: throw new IllegalStateException("unhandled struct code " + field.code());
        }
    }

    private static byte[] encodeField(StructFormat.Field field, ByteOrder order, JsonNode value) {
        char code = field.code();
        String expected = describe(code);
        if (field.isText()) {
            return encodeText(JsonInput.text(value, expected), field.byteSize());
        }
        ByteBuffer buffer = ByteBuffer.allocate(field.byteSize()).order(order);
        switch (code) {
            case '?':
                buffer.put((byte) (JsonInput.bool(value, expected) ? 1 : 0));
                break;
            case 'e':
                buffer.putShort((short) HalfFloat.fromDouble(JsonInput.finiteDouble(value, expected)));
                break;
            case 'f':
                buffer.putFloat(toFloat(JsonInput.finiteDouble(value, expected)));
                break;
            case 'd':
                buffer.putDouble(JsonInput.finiteDouble(value, expected));
                break;
            default:
                putInteger(buffer, code, integerInRange(code, JsonInput.integer(value, expected)));
        }
        return buffer.array();
    }

    private static void putInteger(ByteBuffer buffer, char code, BigInteger value) {
        // Two's complement wrap-around of longValue() gives the right bits for unsigned codes too.
        long bits = value.longValue();
        switch (StructFormat.standardSize(code)) {
            case 1: buffer.put((byte) bits); break;
            case 2: buffer.putShort((short) bits); break;
            case 4: buffer.putInt((int) bits); break;
            default: buffer.putLong(bits); break;
        }
    }

    private static BigInteger integerInRange(char code, BigInteger value) {
        int bits = 8 * StructFormat.standardSize(code);
        boolean signed = Character.isLowerCase(code);
        BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
        BigInteger max = signed
                ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException("value " + value + " is out of range for "
                    + describe(code) + ": allowed is " + min + ".." + max);
        }
        return value;
    }

    /** Python packs 'f' by casting; a finite double that rounds to infinity is an overflow. */
    private static float toFloat(double value) {
        float result = (float) value;
        if (Float.isInfinite(result)) {
            throw new IllegalArgumentException("value " + value + " is too large for "
                    + describe('f') + " (largest finite value " + Float.MAX_VALUE + ")");
        }
        return result;
    }

    private void swapRegistersIfConfigured(StructFormat.Field field, byte[] raw) {
        if (wordOrder != WordOrder.LEAST_SIGNIFICANT_REGISTER_FIRST || field.isText() || raw.length <= 2) {
            return;
        }
        int registers = raw.length / 2;
        for (int i = 0; i < registers / 2; i++) {
            int a = 2 * i;
            int b = 2 * (registers - 1 - i);
            byte high = raw[a];
            byte low = raw[a + 1];
            raw[a] = raw[b];
            raw[a + 1] = raw[b + 1];
            raw[b] = high;
            raw[b + 1] = low;
        }
    }

    /**
     * Text is UTF-8 (ASCII in every device manual we know), ends at the first NUL byte, as
     * SunSpec's NUL-terminated or NUL-padded strings do.
     */
    private static String decodeText(byte[] raw) {
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return new String(raw, 0, end, StandardCharsets.UTF_8);
    }

    private static byte[] encodeText(String text, int length) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > length) {
            throw new IllegalArgumentException("text of " + utf8.length + " bytes does not fit "
                    + describe('s') + " of " + length + " bytes");
        }
        return Arrays.copyOf(utf8, length); // NUL-padded
    }

    private static Object unsigned64(long bits) {
        return bits >= 0 ? (Object) bits : BigInteger.valueOf(bits).add(TWO_TO_64);
    }

    private static byte[] toBytes(int[] registers) {
        byte[] bytes = new byte[registers.length * 2];
        for (int i = 0; i < registers.length; i++) {
            int register = registers[i];
            if (register < 0 || register > 0xFFFF) {
                throw new IllegalArgumentException("register " + i + " holds " + register
                        + ", which is not an unsigned 16-bit value (0..65535)");
            }
            bytes[2 * i] = (byte) (register >>> 8);
            bytes[2 * i + 1] = (byte) register;
        }
        return bytes;
    }

    private static int[] toRegisters(byte[] bytes) {
        int[] registers = new int[bytes.length / 2];
        for (int i = 0; i < registers.length; i++) {
            registers[i] = ((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF);
        }
        return registers;
    }

    /** E.g. "'h' (int16)", for messages. */
    static String describe(char code) {
        String type;
        switch (code) {
            case 'b': type = "int8"; break;
            case 'B': type = "uint8"; break;
            case '?': type = "bool"; break;
            case 'h': type = "int16"; break;
            case 'H': type = "uint16"; break;
            case 'i': case 'l': type = "int32"; break;
            case 'I': case 'L': type = "uint32"; break;
            case 'q': type = "int64"; break;
            case 'Q': type = "uint64"; break;
            case 'e': type = "float16"; break;
            case 'f': type = "float32"; break;
            case 'd': type = "float64"; break;
            case 's': type = "text"; break;
            default: type = "?"; break;
        }
        return "'" + code + "' (" + type + ")";
    }
}
