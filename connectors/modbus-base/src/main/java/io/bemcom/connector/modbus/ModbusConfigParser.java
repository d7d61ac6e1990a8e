package io.bemcom.connector.modbus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads MODBUS_CONFIG into a {@link ModbusConfig}; one instance per parse (it collects warnings). */
final class ModbusConfigParser {

    // Quantity limits of the Modbus Application Protocol Specification V1.1b3: FC1/FC2 read
    // 1..2000 bits (6.1, 6.2), FC3/FC4 1..125 registers (6.3, 6.4).
    private static final int MAX_READ_BITS = 2000;
    private static final int MAX_READ_REGISTERS = 125;
    private static final int MAX_LISTED_OVERLAPS = 5;

    private static final Set<String> BIT_READ_FIELDS = Set.of("address", "count", "unit");
    private static final Set<String> REGISTER_READ_FIELDS =
            Set.of("address", "count", "unit", "datatypes", "scaling_factors");
    private static final Set<String> COIL_WRITE_FIELDS = Set.of("address", "unit", "example_value");
    private static final Set<String> REGISTER_WRITE_FIELDS =
            Set.of("address", "unit", "datatypes", "example_value");

    private final List<String> warnings = new ArrayList<>();
    private final List<ReadRange> readRanges = new ArrayList<>();
    private final List<WriteTarget> writeTargets = new ArrayList<>();

    ModbusConfig parse(String json) {
        JsonNode root = ModbusConfigFields.readJson(json);
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            Optional<ModbusFunction> function = ModbusFunction.fromConfigKey(entry.getKey());
            if (function.isEmpty()) {
                // Same wording as the original's WARNING, so existing log searches still match.
                warnings.add("Found unexpected key in MODBUS_CONFIG: " + entry.getKey()
                        + ". It is ignored; its value was: " + JsonInput.quote(entry.getValue()));
                continue;
            }
            parseFunction(function.get(), entry.getValue());
        }
        warnAboutOverlappingReads();
        warnAboutDuplicateWrites();
        return new ModbusConfig(readRanges, writeTargets, warnings);
    }

    private void parseFunction(ModbusFunction function, JsonNode ranges) {
        String path = ModbusConfig.ENV_VAR + "." + function.configKey();
        if (!ranges.isArray()) {
            throw new ModbusConfigException(path, "must be a list of objects, got " + JsonInput.quote(ranges));
        }
        for (int index = 0; index < ranges.size(); index++) {
            JsonNode entry = ranges.get(index);
            String entryPath = path + "[" + index + "]";
            if (!entry.isObject()) {
                throw new ModbusConfigException(entryPath, "must be an object, got " + JsonInput.quote(entry));
            }
            if (function.isRead()) {
                readRanges.add(parseRead(function, index, entry, entryPath));
            } else {
                writeTargets.add(parseWrite(function, index, entry, entryPath));
            }
        }
    }

    private ReadRange parseRead(ModbusFunction function, int index, JsonNode entry, String path) {
        warnAboutUnusedFields(function, entry, path,
                function.usesRegisters() ? REGISTER_READ_FIELDS : BIT_READ_FIELDS);
        int address = ModbusConfigFields.integer(entry, "address", path, 0, ModbusConfigFields.MAX_ADDRESS);
        int maxCount = function.usesRegisters() ? MAX_READ_REGISTERS : MAX_READ_BITS;
        int count = ModbusConfigFields.integer(entry, "count", path, 1, maxCount);
        ModbusConfigFields.requireWithinAddressSpace(address, count, path + ".count");
        int unit = ModbusConfigFields.integer(entry, "unit", path, 0, ModbusConfigFields.MAX_UNIT);
        if (!function.usesRegisters()) {
            return new ReadRange(function, index, address, count, unit, null, Map.of());
        }
        StructFormat datatypes = ModbusConfigFields.datatypes(entry, path);
        String datatypesPath = path + ".datatypes";
        if (datatypes.byteSize() != 2 * count) {
            throw new ModbusConfigException(datatypesPath, "'" + datatypes + "' describes "
                    + datatypes.byteSize() + " bytes, but count " + count + " reads " + (2 * count)
                    + " bytes (" + count + " registers)" + nativeModeHint(datatypes));
        }
        List<Integer> valueAddresses;
        try {
            valueAddresses = datatypes.valueAddresses(address);
        } catch (IllegalArgumentException e) {
            throw new ModbusConfigException(datatypesPath, e.getMessage());
        }
        Map<Integer, Double> scaling = scalingFactors(entry, path, valueAddresses);
        return new ReadRange(function, index, address, count, unit, datatypes, scaling);
    }

    private WriteTarget parseWrite(ModbusFunction function, int index, JsonNode entry, String path) {
        warnAboutUnusedFields(function, entry, path,
                function.usesRegisters() ? REGISTER_WRITE_FIELDS : COIL_WRITE_FIELDS);
        int address = ModbusConfigFields.integer(entry, "address", path, 0, ModbusConfigFields.MAX_ADDRESS);
        int unit = ModbusConfigFields.integer(entry, "unit", path, 0, ModbusConfigFields.MAX_UNIT);
        StructFormat datatypes = null;
        if (function.usesRegisters()) {
            datatypes = ModbusConfigFields.writeDatatypes(function, entry, path);
            ModbusConfigFields.requireWithinAddressSpace(address, datatypes.byteSize() / 2, path + ".address");
        }
        JsonNode example = entry.get("example_value");
        if (example == null) {
            throw new ModbusConfigException(path + ".example_value",
                    "missing; every write_* entry needs one for the available datapoints message");
        }
        return new WriteTarget(function, index, address, unit, datatypes, example);
    }

    private Map<Integer, Double> scalingFactors(JsonNode entry, String path, List<Integer> valueAddresses) {
        JsonNode node = entry.get("scaling_factors");
        if (node == null) {
            return Map.of();
        }
        String fieldPath = path + ".scaling_factors";
        if (!node.isObject()) {
            throw new ModbusConfigException(fieldPath, "must be an object of address to factor,"
                    + " e.g. {\"19002\": 0.1}, got " + JsonInput.quote(node));
        }
        Map<Integer, Double> factors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> factor : node.properties()) {
            String key = factor.getKey();
            String keyPath = fieldPath + "." + key;
            if (!factor.getValue().isNumber() || !Double.isFinite(factor.getValue().doubleValue())) {
                throw new ModbusConfigException(keyPath, "must be a number, got " + JsonInput.quote(factor.getValue()));
            }
            Integer address = canonicalAddress(key);
            // The original compared str(address) with the key, so any other key never matched.
            if (address == null || !valueAddresses.contains(address)) {
                warnings.add(keyPath + ": no value of this range starts at address '" + key
                        + "' (values start at " + abbreviate(valueAddresses) + "); the factor is never applied");
                continue;
            }
            factors.put(address, factor.getValue().doubleValue());
        }
        return factors;
    }

    /** The address a key names in the original's str(address) form, or null. */
    private static Integer canonicalAddress(String key) {
        try {
            int address = Integer.parseInt(key);
            return String.valueOf(address).equals(key) ? address : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String nativeModeHint(StructFormat datatypes) {
        return datatypes.nativeMode() ? "; note: with '@' or no prefix the original (Python's native"
                + " mode) inserted alignment padding, we do not: write the pad bytes as 'x' and"
                + " prefix '<'" : "";
    }

    private void warnAboutUnusedFields(ModbusFunction function, JsonNode entry, String path, Set<String> used) {
        for (String field : entry.propertyNames()) {
            if (!used.contains(field)) {
                String why = field.equals("scaling_factors") && function.isRead()
                        ? "scaling applies to register reads only" : "not used by " + function.configKey();
                warnings.add(path + "." + field + ": " + why + "; ignored");
            }
        }
    }

    /** Overlapping ranges: the later one's values overwrite the earlier one's, as in the original. */
    private void warnAboutOverlappingReads() {
        Map<String, ReadRange> firstReader = new LinkedHashMap<>();
        for (ReadRange range : readRanges) {
            Map<ReadRange, List<Integer>> overlaps = new LinkedHashMap<>();
            for (int address : range.valueAddresses()) {
                ReadRange earlier = firstReader.putIfAbsent(range.datapointId(address), range);
                if (earlier != null) {
                    overlaps.computeIfAbsent(earlier, r -> new ArrayList<>()).add(address);
                }
            }
            overlaps.forEach((earlier, addresses) -> warnings.add(range.path() + ": values at "
                    + abbreviate(addresses) + " on unit " + range.unit() + " are also read by "
                    + earlier.path() + "; the later range's values win"));
        }
    }

    private void warnAboutDuplicateWrites() {
        Map<String, WriteTarget> seen = new LinkedHashMap<>();
        for (WriteTarget target : writeTargets) {
            WriteTarget earlier = seen.put(target.datapointId(), target);
            if (earlier != null) {
                warnings.add(target.path() + ": datapoint " + target.datapointId() + " is also defined by "
                        + earlier.path() + "; the later entry wins");
            }
        }
    }

    private static String abbreviate(List<Integer> addresses) {
        if (addresses.size() <= MAX_LISTED_OVERLAPS) {
            return addresses.toString();
        }
        return addresses.subList(0, MAX_LISTED_OVERLAPS) + " and " + (addresses.size() - MAX_LISTED_OVERLAPS) + " more";
    }
}
