package io.bemcom.connector.fronius;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.bemcom.connector.modbus.JsonInput;
import io.bemcom.connector.modbus.ModbusConfig;
import io.bemcom.connector.modbus.ModbusConfigException;
import io.bemcom.connector.modbus.ModbusConfigFields;
import io.bemcom.connector.modbus.ModbusFunction;
import io.bemcom.connector.modbus.ReadConfig;
import io.bemcom.connector.modbus.ReadRange;
import io.bemcom.connector.modbus.StructFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Fronius connector's MODBUS_CONFIG. The read functions are exactly the Modbus/TCP
 * connector's ({@link ModbusConfig}); the write functions are the original Fronius connector's:
 * {@code write_coil} entries with {@code address} and {@code unit}, {@code write_register}
 * entries with {@code address}, {@code unit}, {@code datatypes} (one register) and
 * {@code scaling_factor}. There is no {@code write_registers}; like any other unknown key it is
 * ignored with a warning, as in the original.
 */
public final class FroniusConfig implements ReadConfig {

    private static final Set<String> COIL_FIELDS = Set.of("address", "unit");
    private static final Set<String> REGISTER_FIELDS = Set.of("address", "unit", "datatypes", "scaling_factor");

    private final ModbusConfig reads;
    private final List<FroniusWriteTarget> writes;
    private final List<String> warnings;

    private FroniusConfig(ModbusConfig reads, List<FroniusWriteTarget> writes, List<String> warnings) {
        this.reads = reads;
        this.writes = List.copyOf(writes);
        this.warnings = List.copyOf(warnings);
    }

    /** Parses the MODBUS_CONFIG text; throws {@link ModbusConfigException} naming the offending part. */
    public static FroniusConfig parse(String json) {
        JsonNode root = ModbusConfigFields.readJson(json);
        ObjectNode readPart = JsonNodeFactory.instance.objectNode();
        List<FroniusWriteTarget> writes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            Optional<ModbusFunction> function = ModbusFunction.fromConfigKey(entry.getKey());
            if (function.isPresent() && function.get().isRead()) {
                readPart.set(entry.getKey(), entry.getValue());
            } else if (function.isPresent() && function.get() != ModbusFunction.WRITE_REGISTERS) {
                writes.addAll(parseWrites(function.get(), entry.getValue(), warnings));
            } else {
                warnings.add("Found unexpected key in MODBUS_CONFIG: " + entry.getKey()
                        + ". It is ignored; its value was: " + JsonInput.quote(entry.getValue()));
            }
        }
        ModbusConfig reads = ModbusConfig.parse(readPart.toString());
        warnings.addAll(reads.warnings());
        warnAboutCollidingSensorIds(reads, warnings);
        warnAboutDuplicateWrites(writes, warnings);
        return new FroniusConfig(reads, writes, warnings);
    }

    private static List<FroniusWriteTarget> parseWrites(ModbusFunction function, JsonNode entries, List<String> warnings) {
        String path = ModbusConfig.ENV_VAR + "." + function.configKey();
        if (!entries.isArray()) {
            throw new ModbusConfigException(path, "must be a list of objects, got " + JsonInput.quote(entries));
        }
        List<FroniusWriteTarget> targets = new ArrayList<>();
        for (int index = 0; index < entries.size(); index++) {
            JsonNode entry = entries.get(index);
            String entryPath = path + "[" + index + "]";
            if (!entry.isObject()) {
                throw new ModbusConfigException(entryPath, "must be an object, got " + JsonInput.quote(entry));
            }
            Set<String> used = function == ModbusFunction.WRITE_COIL ? COIL_FIELDS : REGISTER_FIELDS;
            for (String field : entry.propertyNames()) {
                if (!used.contains(field)) {
                    warnings.add(entryPath + "." + field + ": not used by the Fronius connector's "
                            + function.configKey() + "; ignored");
                }
            }
            int address = ModbusConfigFields.integer(entry, "address", entryPath, 0, ModbusConfigFields.MAX_ADDRESS);
            int unit = ModbusConfigFields.integer(entry, "unit", entryPath, 0, ModbusConfigFields.MAX_UNIT);
            if (function == ModbusFunction.WRITE_COIL) {
                targets.add(new FroniusWriteTarget(function, index, address, unit, null, null));
                continue;
            }
            StructFormat datatypes = ModbusConfigFields.writeDatatypes(function, entry, entryPath);
            if (datatypes.fields().get(0).isText()) {
                throw new ModbusConfigException(entryPath + ".datatypes", "'" + datatypes
                        + "' is text, which cannot be scaled; use a number code such as '>H'");
            }
            targets.add(new FroniusWriteTarget(function, index, address, unit, datatypes,
                    scalingFactor(entry, entryPath)));
        }
        return targets;
    }

    private static BigDecimal scalingFactor(JsonNode entry, String path) {
        JsonNode factor = entry.get("scaling_factor");
        String fieldPath = path + ".scaling_factor";
        if (factor == null) {
            throw new ModbusConfigException(fieldPath, "missing; the value written is the command's value times"
                    + " this factor, e.g. 100 for WMaxLimPct or 1");
        }
        if (!factor.isNumber() || !Double.isFinite(factor.doubleValue())) {
            throw new ModbusConfigException(fieldPath, "must be a number, got " + JsonInput.quote(factor));
        }
        return factor.decimalValue();
    }

    /** The original published {@code <function>__<address>} without the unit: two units can collide. */
    private static void warnAboutCollidingSensorIds(ModbusConfig reads, List<String> warnings) {
        Map<String, ReadRange> first = new LinkedHashMap<>();
        Set<String> reported = new LinkedHashSet<>();
        for (ReadRange range : reads.readRanges()) {
            for (int address : range.valueAddresses()) {
                String id = sensorId(range, address);
                ReadRange earlier = first.putIfAbsent(id, range);
                if (earlier != null && earlier.unit() != range.unit() && reported.add(range.path() + earlier.path())) {
                    warnings.add(range.path() + ": unit " + range.unit() + " and " + earlier.path() + ": unit "
                            + earlier.unit() + " both yield datapoints such as " + id
                            + " (the Fronius ids carry no unit); the later range's values win");
                }
            }
        }
    }

    private static void warnAboutDuplicateWrites(List<FroniusWriteTarget> writes, List<String> warnings) {
        Map<String, FroniusWriteTarget> seen = new LinkedHashMap<>();
        for (FroniusWriteTarget target : writes) {
            FroniusWriteTarget earlier = seen.put(target.datapointId(), target);
            if (earlier != null) {
                warnings.add(target.path() + ": datapoint " + target.datapointId() + " is also defined by "
                        + earlier.path() + "; the later entry wins");
            }
        }
    }

    /** The original Fronius connector's sensor id {@code <read_function>__<address>}, e.g. {@code read_holding_registers__40071}. */
    static String sensorId(ReadRange range, int address) {
        return range.function().configKey() + "__" + address;
    }

    @Override
    public List<ReadRange> readRanges() {
        return reads.readRanges();
    }

    public List<FroniusWriteTarget> writeTargets() {
        return writes;
    }

    /** The write entry behind an actuator id; the last one wins, as in the original. */
    public Optional<FroniusWriteTarget> writeTarget(String datapointId) {
        FroniusWriteTarget found = null;
        for (FroniusWriteTarget target : writes) {
            if (target.datapointId().equals(datapointId)) {
                found = target;
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public List<String> warnings() {
        return warnings;
    }
}
