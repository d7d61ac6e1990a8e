package io.bemcom.connector.modbus;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a {@link PollResult} into the original's parsed message
 * {@code {"<read_function>": {"<unit>": {"<address>": value}}}}, whose flattened keys are the
 * datapoint ids {@code <read_function>__<unit>__<address>}. Register values are decoded with the
 * range's datatypes and scaled by its scaling factors; coils and discrete inputs become booleans
 * for {@code address .. address+count-1}. Overlapping ranges: the later one overwrites, as in the
 * original (ModbusConfig warns about it at start).
 */
public final class PollResultParser {

    private final RegisterCodec codec;

    public PollResultParser(RegisterCodec codec) {
        this.codec = codec;
    }

    /**
     * Parses every range; a range whose response does not fit its configuration (wrong number
     * of registers or bits) is left out and reported in {@link ParsedPoll#errors()}, so one bad
     * response never costs the other values of the poll.
     */
    public ParsedPoll parse(PollResult result) {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        List<String> errors = new ArrayList<>();
        for (PollResult.Entry entry : result.entries()) {
            ReadRange range = entry.range();
            try {
                List<RegisterValue> values = entry.registers() != null
                        ? registerValues(range, entry.registers())
                        : bitValues(range, entry.bits());
                ObjectNode byAddress = message
                        .withObjectProperty(range.function().configKey())
                        .withObjectProperty(String.valueOf(range.unit()));
                for (RegisterValue value : values) {
                    put(byAddress, String.valueOf(value.address()), value.value());
                }
            } catch (IllegalArgumentException e) {
                errors.add(range.path() + ": " + e.getMessage());
            }
        }
        return new ParsedPoll(message, errors);
    }

    private List<RegisterValue> registerValues(ReadRange range, int[] registers) {
        if (!range.function().usesRegisters()) {
            throw new IllegalArgumentException("got registers for a bit function");
        }
        List<RegisterValue> decoded = codec.decode(range.address(), range.datatypes(), registers);
        if (range.scalingFactors().isEmpty()) {
            return decoded;
        }
        List<RegisterValue> scaled = new ArrayList<>(decoded.size());
        for (RegisterValue value : decoded) {
            Double factor = range.scalingFactors().get(value.address());
            scaled.add(factor == null ? value
                    : new RegisterValue(value.address(), RegisterCodec.scale(value.value(), factor)));
        }
        return scaled;
    }

    private static List<RegisterValue> bitValues(ReadRange range, boolean[] bits) {
        if (range.function().usesRegisters()) {
            throw new IllegalArgumentException("got bits for a register function");
        }
        if (bits.length < range.count()) {
            throw new IllegalArgumentException("expected " + range.count() + " bits, got " + bits.length);
        }
        List<RegisterValue> values = new ArrayList<>(range.count());
        for (int i = 0; i < range.count(); i++) {
            values.add(new RegisterValue(range.address() + i, bits[i]));
        }
        return values;
    }

    private static void put(ObjectNode node, String key, Object value) {
        if (value instanceof Long number) {
            node.put(key, number.longValue());
        } else if (value instanceof BigInteger number) {
            node.put(key, number);
        } else if (value instanceof Double number) {
            node.put(key, number.doubleValue());
        } else if (value instanceof Boolean flag) {
            node.put(key, flag.booleanValue());
        } else if (value instanceof String text) {
            node.put(key, text);
        } else {
            throw new IllegalStateException("unexpected decoded value " + value);
        }
    }
}
