package io.bemcom.connector.modbus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one poll cycle read: per read range, the registers (unsigned 16-bit words) or bits as the
 * device returned them. Filled by the poller in poll order; turned into the raw message here and
 * into the parsed message by {@link PollResultParser}.
 */
public final class PollResult {

    /** One range's response; exactly one of {@code registers} and {@code bits} is set. */
    record Entry(ReadRange range, int[] registers, boolean[] bits) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public PollResult addRegisters(ReadRange range, int[] registers) {
        entries.add(new Entry(range, registers.clone(), null));
        return this;
    }

    /** The bits as returned; a library may pad them to a multiple of 8, the extra ones are dropped. */
    public PollResult addBits(ReadRange range, boolean[] bits) {
        entries.add(new Entry(range, null, bits.clone()));
        return this;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    List<Entry> entries() {
        return entries;
    }

    /**
     * The original's raw message: {@code {"<read_function>": {"<range index>": [values...]}}},
     * e.g. {@code {"read_input_registers": {"0": [17259, 1512]}, "read_coils": {"0": [true]}}}.
     */
    public ObjectNode toRawMessage() {
        ObjectNode raw = JsonNodeFactory.instance.objectNode();
        for (Entry entry : entries) {
            ObjectNode byIndex = raw.withObjectProperty(entry.range().function().configKey());
            ArrayNode values = byIndex.putArray(String.valueOf(entry.range().index()));
            if (entry.registers() != null) {
                for (int register : entry.registers()) {
                    values.add(register);
                }
            } else {
                for (boolean bit : entry.bits()) {
                    values.add(bit);
                }
            }
        }
        return raw;
    }

    /**
     * The inverse of {@link #toRawMessage()}: the raw message of a poll of {@code ranges} (as
     * configured when it was read) back into a poll result. Throws
     * {@link IllegalArgumentException} naming the offending part if the message does not have
     * that shape or names a range that {@code ranges} lacks.
     */
    public static PollResult fromRawMessage(JsonNode raw, List<ReadRange> ranges) {
        if (raw == null || !raw.isObject()) {
            throw new IllegalArgumentException("a raw message must be an object of read functions, got "
                    + JsonInput.quote(raw));
        }
        PollResult result = new PollResult();
        for (Map.Entry<String, JsonNode> byFunction : raw.properties()) {
            String function = byFunction.getKey();
            if (!byFunction.getValue().isObject()) {
                throw new IllegalArgumentException("raw message." + function + " must be an object of range indices");
            }
            for (Map.Entry<String, JsonNode> byIndex : byFunction.getValue().properties()) {
                String path = "raw message." + function + "." + byIndex.getKey();
                ReadRange range = ranges.stream()
                        .filter(r -> r.function().configKey().equals(function)
                                && String.valueOf(r.index()).equals(byIndex.getKey()))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(path + ": MODBUS_CONFIG has no such range"));
                JsonNode values = byIndex.getValue();
                if (!values.isArray()) {
                    throw new IllegalArgumentException(path + " must be a list, got " + JsonInput.quote(values));
                }
                if (range.function().usesRegisters()) {
                    int[] registers = new int[values.size()];
                    for (int i = 0; i < registers.length; i++) {
                        JsonNode register = values.get(i);
                        if (!register.isIntegralNumber() || register.longValue() < 0 || register.longValue() > 0xFFFF) {
                            throw new IllegalArgumentException(path + "[" + i + "] must be a register value (0..65535), got "
                                    + JsonInput.quote(register));
                        }
                        registers[i] = register.intValue();
                    }
                    result.addRegisters(range, registers);
                } else {
                    boolean[] bits = new boolean[values.size()];
                    for (int i = 0; i < bits.length; i++) {
                        if (!values.get(i).isBoolean()) {
                            throw new IllegalArgumentException(path + "[" + i + "] must be true or false, got "
                                    + JsonInput.quote(values.get(i)));
                        }
                        bits[i] = values.get(i).booleanValue();
                    }
                    result.addBits(range, bits);
                }
            }
        }
        return result;
    }
}
