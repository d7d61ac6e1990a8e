package io.bemcom.connector.modbus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The parsed and validated MODBUS_CONFIG: read ranges in poll order (key order of the JSON
 * object, then list order), write targets, the datapoint ids both yield, and the warnings found
 * while parsing (unexpected keys, ignored fields, overlaps), for the caller to log.
 *
 * <p>Everything the original only found at poll time (missing count, count not matching
 * datatypes) or never (write_register of 1 byte) is an error here, at start.
 */
public final class ModbusConfig implements ReadConfig {

    public static final String ENV_VAR = "MODBUS_CONFIG";

    private final List<ReadRange> readRanges;
    private final List<WriteTarget> writeTargets;
    private final List<String> warnings;

    ModbusConfig(List<ReadRange> readRanges, List<WriteTarget> writeTargets, List<String> warnings) {
        this.readRanges = List.copyOf(readRanges);
        this.writeTargets = List.copyOf(writeTargets);
        this.warnings = List.copyOf(warnings);
    }

    /** Parses the MODBUS_CONFIG JSON text; throws {@link ModbusConfigException} naming the offending part. */
    public static ModbusConfig parse(String json) {
        return new ModbusConfigParser().parse(json);
    }

    /** Every read range in poll order. */
    @Override
    public List<ReadRange> readRanges() {
        return readRanges;
    }

    /** Every write entry in config order (a later entry with the same id replaces an earlier one). */
    public List<WriteTarget> writeTargets() {
        return writeTargets;
    }

    /** Problems that do not stop the connector, one message each, for the caller to log as WARNING. */
    @Override
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Every sensor datapoint id the read ranges yield, e.g. {@code read_input_registers__1__19000},
     * in poll order, each once.
     */
    public List<String> sensorDatapointIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (ReadRange range : readRanges) {
            for (int address : range.valueAddresses()) {
                ids.add(range.datapointId(address));
            }
        }
        return new ArrayList<>(ids);
    }

    /** Actuator datapoint id to configured example value, in config order. */
    public Map<String, JsonNode> actuatorExampleValues() {
        Map<String, JsonNode> examples = new LinkedHashMap<>();
        for (WriteTarget target : writeTargets) {
            examples.put(target.datapointId(), target.exampleValue());
        }
        return Collections.unmodifiableMap(examples);
    }

    /** The write entry behind an actuator datapoint id; the last one wins, as in the original. */
    public Optional<WriteTarget> writeTarget(String datapointId) {
        WriteTarget found = null;
        for (WriteTarget target : writeTargets) {
            if (target.datapointId().equals(datapointId)) {
                found = target;
            }
        }
        return Optional.ofNullable(found);
    }
}
