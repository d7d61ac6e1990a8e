package io.bemcom.connector.modbus;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A Python {@code struct} format string as written in the {@code datatypes} field of
 * MODBUS_CONFIG, e.g. {@code ">ffffffffff"}, {@code ">10f"} or {@code "<xbhHq"}.
 *
 * <p>Supported: an optional byte-order prefix, repeat counts, pad bytes {@code x} and the value
 * codes {@code b B ? h H i I l L q Q e f d} with Python's standard sizes, plus {@code s} (a
 * fixed-length text, e.g. {@code 16s}; the count is its length in bytes, as in Python).
 * Rejected with an {@link IllegalArgumentException}: {@code c} and {@code p} (Python yields raw
 * bytes, which are no JSON value, so the original crashed on publish) and the native-only codes
 * {@code n N P}.
 *
 * <p>Byte order: {@code >} and {@code !} are big-endian; {@code <}, {@code =}, {@code @} and no
 * prefix are little-endian. Python's native mode ({@code @} or no prefix) would also insert
 * alignment padding and use native sizes; we do neither, so a native format reads like the same
 * format behind {@code <}. The original's hosts (x86-64, ARM64) are little-endian, so byte order
 * is the same; padding differences always change the total size, which MODBUS_CONFIG checks
 * against {@code count}, so they surface as a configuration error instead of silently
 * different values. The one native size that differs without padding is {@code l}/{@code L}
 * (8 bytes on 64-bit Linux), so in native mode those two codes are rejected and the user states
 * the size explicitly.
 *
 * <p>Datapoint addresses follow from byte offsets, see {@link #valueAddresses(int)}.
 */
public final class StructFormat {

    /**
     * One value of the format: its struct code, where it starts in the byte string and how many
     * bytes it takes (the code's size, or the length of an {@code s} text).
     */
    public record Field(char code, int byteOffset, int byteSize) {

        /** Index of the register the value starts in, counted from the range's first register. */
        public int registerOffset() {
            return byteOffset / 2;
        }

        /** Text rather than a number or boolean; word order never applies to text. */
        public boolean isText() {
            return code == 's';
        }
    }

    /** No format can describe more bytes than the whole 16-bit register address space. */
    static final int MAX_BYTES = 2 * 65536;

    private static final String VALUE_CODES = "bB?hHiIlLqQefd";

    private final String format;
    private final ByteOrder byteOrder;
    private final boolean nativeMode;
    private final int byteSize;
    private final List<Field> fields;

    private StructFormat(String format, ByteOrder byteOrder, boolean nativeMode, int byteSize, List<Field> fields) {
        this.format = format;
        this.byteOrder = byteOrder;
        this.nativeMode = nativeMode;
        this.byteSize = byteSize;
        this.fields = List.copyOf(fields);
    }

    /** Parses a format string; throws {@link IllegalArgumentException} naming format and character. */
    public static StructFormat parse(String format) {
        if (format == null) {
            throw new IllegalArgumentException("datatypes: no format string given");
        }
        return new Parser(format).parse();
    }

    public String format() {
        return format;
    }

    public ByteOrder byteOrder() {
        return byteOrder;
    }

    /** {@code @} or no prefix: where Python would have padded, which we do not. */
    boolean nativeMode() {
        return nativeMode;
    }

    /** Total number of bytes the format describes (Python's {@code struct.calcsize}). */
    public int byteSize() {
        return byteSize;
    }

    /** The value fields in byte order; pad bytes are not listed. */
    public List<Field> fields() {
        return fields;
    }

    /**
     * Modbus address of every value: {@code startAddress + byteOffset / 2}, i.e. the register
     * the value starts in.
     *
     * <p>For every format in which each value really starts in the register the original named
     * it after (1-byte codes paired with one {@code x} pad, as in the upstream test
     * {@code xbxbxBxBhhHHllLLqqQQ}), this equals the original's walk (+1 register per
     * 1-byte/16-bit code, +2 per 32-bit, +4 per 64-bit, pads and digits skipped), so datapoint
     * ids survive the switch of implementation. Where the walk drifted from the bytes (repeat
     * counts, {@code x} pads without a 1-byte value, two 1-byte values in one register) the
     * original's ids named the wrong register; this rule names the right one.
     *
     * <p>Two values starting in the same register would get the same datapoint id, so that is
     * rejected with {@link IllegalArgumentException} (pad each 1-byte value with {@code x}).
     */
    public List<Integer> valueAddresses(int startAddress) {
        List<Integer> addresses = new ArrayList<>(fields.size());
        Field previous = null;
        for (Field field : fields) {
            if (previous != null && previous.registerOffset() == field.registerOffset()) {
                throw new IllegalArgumentException(describe()
                        + ": '" + previous.code() + "' at byte " + previous.byteOffset()
                        + " and '" + field.code() + "' at byte " + field.byteOffset()
                        + " both start in register " + (startAddress + field.registerOffset())
                        + ", so they would share one datapoint id; pad each 1-byte value with"
                        + " 'x' so it has a register of its own (e.g. 'xb' or 'bx')");
            }
            addresses.add(startAddress + field.registerOffset());
            previous = field;
        }
        return addresses;
    }

    String describe() {
        return describe(format);
    }

    private static String describe(String format) {
        return "datatypes '" + format + "'";
    }

    @Override
    public String toString() {
        return format;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StructFormat that && format.equals(that.format);
    }

    @Override
    public int hashCode() {
        return format.hashCode();
    }

    /** Python's standard size of a value code. */
    static int standardSize(char code) {
        switch (code) {
            case 'b': case 'B': case '?': return 1;
            case 'h': case 'H': case 'e': return 2;
            case 'i': case 'I': case 'l': case 'L': case 'f': return 4;
            case 'q': case 'Q': case 'd': return 8;
            default: throw new IllegalArgumentException("not a value code: '" + code + "'");
        }
    }

    /** One pass over the format string, following Python's struct grammar. */
    private static final class Parser {
        private final String format;
        private final List<Field> fields = new ArrayList<>();
        private int position;
        private int offset;
        private boolean nativeMode;

        Parser(String format) {
            this.format = format;
        }

        StructFormat parse() {
            ByteOrder order = readByteOrder();
            while (position < format.length()) {
                char c = format.charAt(position);
                if (Character.isWhitespace(c)) {
                    // Python ignores whitespace between codes (not between a count and its code).
                    position++;
                    continue;
                }
                boolean counted = isDigit(c);
                int count = counted ? readCount() : 1;
                int codePosition = position;
                char code = format.charAt(position++);
                addCode(code, codePosition, count, counted);
            }
            return new StructFormat(format, order, nativeMode, offset, fields);
        }

        private ByteOrder readByteOrder() {
            char first = format.isEmpty() ? 0 : format.charAt(0);
            switch (first) {
                case '>': case '!':
                    position = 1;
                    return ByteOrder.BIG_ENDIAN;
                case '<': case '=':
                    position = 1;
                    return ByteOrder.LITTLE_ENDIAN;
                case '@':
                    position = 1;
                    nativeMode = true;
                    return ByteOrder.LITTLE_ENDIAN;
                default:
                    nativeMode = true;
                    return ByteOrder.LITTLE_ENDIAN;
            }
        }

        private int readCount() {
            int start = position;
            long count = 0;
            while (position < format.length() && isDigit(format.charAt(position))) {
                count = count * 10 + (format.charAt(position) - '0');
                if (count > MAX_BYTES) {
                    throw fail("repeat count at position " + start + " is more than any Modbus range holds");
                }
                position++;
            }
            if (position == format.length() || Character.isWhitespace(format.charAt(position))) {
                throw fail("repeat count at position " + start + " is not followed by a code");
            }
            return (int) count;
        }

        private void addCode(char code, int codePosition, int count, boolean counted) {
            if (code == 'x') {
                grow(count);
            } else if (code == 's') {
                if (count == 0) {
                    throw fail("'0s' at position " + codePosition + " is an empty text");
                }
                fields.add(new Field('s', offset, count));
                grow(count);
            } else if (VALUE_CODES.indexOf(code) >= 0) {
                if (nativeMode && (code == 'l' || code == 'L')) {
                    throw fail("'" + code + "' at position " + codePosition + " in native mode ('@' or"
                            + " no prefix) is 8 bytes in the original (Python's native size on 64-bit"
                            + " Linux) but 4 bytes in standard mode; say which you mean: '<"
                            + code + "' for 4 bytes, '<" + (code == 'l' ? 'q' : 'Q') + "' for 8");
                }
                int size = standardSize(code);
                for (int i = 0; i < count; i++) {
                    fields.add(new Field(code, offset, size));
                    grow(size);
                }
            } else if (code == 'c' || code == 'p') {
                throw fail("code '" + code + "' at position " + codePosition + " is not supported"
                        + " (it yields raw bytes, which are no JSON value); use 'B' for a byte"
                        + " or 's' for text");
            } else if ("<>!=@".indexOf(code) >= 0) {
                throw fail("byte order '" + code + "' at position " + codePosition
                        + " is only allowed as the first character");
            } else if (code == 'n' || code == 'N' || code == 'P') {
                throw fail("code '" + code + "' at position " + codePosition
                        + " is a native-only type without a fixed size; use h/H, i/I or q/Q");
            } else {
                throw fail("unknown code '" + code + "' at position " + codePosition
                        + (counted ? " (after a repeat count)" : ""));
            }
        }

        private void grow(int bytes) {
            offset += bytes;
            if (offset > MAX_BYTES) {
                throw fail("describes more than " + MAX_BYTES + " bytes, more than any Modbus range");
            }
        }

        private IllegalArgumentException fail(String detail) {
            return new IllegalArgumentException(describe(format) + ": " + detail);
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
