package io.bemcom.connector.modbus;

import java.math.BigInteger;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading the fields of MODBUS_CONFIG entries, with errors that name the offending part
 * ({@link ModbusConfigException}). Shared by {@link ModbusConfig} and the Fronius connector's
 * configuration, which has the same entries with a few fields of its own.
 */
public final class ModbusConfigFields {

    public static final int MAX_ADDRESS = 0xFFFF;
    public static final int MAX_UNIT = 255;

    // Quantity limit of the Modbus Application Protocol Specification V1.1b3: FC16 writes 1..123 (6.12).
    private static final int MAX_WRITE_REGISTERS = 123;

    // A key given twice is almost surely a mistake; Python's json.loads would keep the last one
    // silently, we say so.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ModbusConfigFields() {
    }

    /** Parses MODBUS_CONFIG text into its top-level object (duplicate keys are an error). */
    public static JsonNode readJson(String json) {
        if (json == null || json.isBlank()) {
            throw new ModbusConfigException(ModbusConfig.ENV_VAR, "missing or empty; it must hold"
                    + " a JSON object with keys such as read_holding_registers");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new ModbusConfigException(ModbusConfig.ENV_VAR, "not valid JSON: " + e.getOriginalMessage());
        }
        if (!root.isObject()) {
            throw new ModbusConfigException(ModbusConfig.ENV_VAR, "must be a JSON object with keys"
                    + " such as read_holding_registers, got " + JsonInput.quote(root));
        }
        return root;
    }

    /**
     * The datatypes of a write entry: exactly one value, a whole number of registers, exactly one
     * register for write_register, at most 123 for write_registers.
     */
    public static StructFormat writeDatatypes(ModbusFunction function, JsonNode entry, String path) {
        StructFormat datatypes = datatypes(entry, path);
        String datatypesPath = path + ".datatypes";
        if (datatypes.fields().size() != 1) {
            throw new ModbusConfigException(datatypesPath, "'" + datatypes + "' describes "
                    + datatypes.fields().size() + " values; a write sends exactly one");
        }
        int bytes = datatypes.byteSize();
        if (function == ModbusFunction.WRITE_REGISTER && bytes != 2) {
            String implied = bytes % 2 == 0
                    ? (bytes / 2) + " registers (" + bytes + " bytes)"
                    : bytes + (bytes == 1 ? " byte" : " bytes");
            throw new ModbusConfigException(datatypesPath, "datatype '" + datatypes + "' implies sending "
                    + implied + " while write_register (function code 6) sends"
                    + " exactly one register (2 bytes); use write_registers for larger values or"
                    + " pad 1-byte values with 'x'");
        }
        if (bytes % 2 != 0) {
            throw new ModbusConfigException(datatypesPath, "'" + datatypes + "' describes " + bytes
                    + " bytes, not a whole number of registers; pad with 'x'");
        }
        if (bytes / 2 > MAX_WRITE_REGISTERS) {
            throw new ModbusConfigException(datatypesPath, "'" + datatypes + "' describes " + (bytes / 2)
                    + " registers; function code 16 writes at most " + MAX_WRITE_REGISTERS);
        }
        return datatypes;
    }

    /** The required {@code datatypes} field of {@code entry} as a struct format. */
    public static StructFormat datatypes(JsonNode entry, String path) {
        JsonNode node = entry.get("datatypes");
        String fieldPath = path + ".datatypes";
        if (node == null) {
            throw new ModbusConfigException(fieldPath, "missing; register functions need a Python"
                    + " struct format such as '>f'");
        }
        if (!node.isString()) {
            throw new ModbusConfigException(fieldPath, "must be a string such as '>f', got " + JsonInput.quote(node));
        }
        try {
            return StructFormat.parse(node.stringValue());
        } catch (IllegalArgumentException e) {
            throw new ModbusConfigException(fieldPath, e.getMessage());
        }
    }

    /** The required whole-number field {@code field} of {@code entry}, within {@code min..max}. */
    public static int integer(JsonNode entry, String field, String path, int min, int max) {
        JsonNode node = entry.get(field);
        String fieldPath = path + "." + field;
        if (node == null) {
            throw new ModbusConfigException(fieldPath, "missing");
        }
        if (!node.isIntegralNumber()) {
            throw new ModbusConfigException(fieldPath, "must be a whole number, got " + JsonInput.quote(node));
        }
        BigInteger value = node.bigIntegerValue();
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new ModbusConfigException(fieldPath, "must be between " + min + " and " + max + ", got " + value);
        }
        return value.intValue();
    }

    /** {@code count} registers or bits from {@code address} stay within the 16-bit address space. */
    public static void requireWithinAddressSpace(int address, int count, String path) {
        if (address + count - 1 > MAX_ADDRESS) {
            throw new ModbusConfigException(path, "address " + address + " + " + count
                    + " registers/bits runs past the last Modbus address " + MAX_ADDRESS);
        }
    }
}
