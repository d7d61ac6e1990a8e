package io.bemcom.connector.knx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.bemcom.protocol.JsonValues;
import io.bemcom.protocol.config.ConfigurationException;
import io.calimero.GroupAddress;
import io.calimero.KNXFormatException;
import tools.jackson.databind.JsonNode;

/**
 * {@code KNX_DATAPOINTS}: the group addresses the connector reads ({@code sensor}) and writes
 * ({@code actuator}), each with its datapoint type in ETS notation:
 * {@code {"sensor": {"2/3/111": "DPST-9-1"}, "actuator": {"2/3/113": "DPST-1-1"}}}.
 *
 * <p>A datapoint's id is its group address exactly as written here, whatever notation it uses
 * ({@code 2/1234} stays {@code 2/1234} although Calimero prints that address as {@code 2/4/210});
 * telegrams are matched by the address itself.
 *
 * @param sensors   configured address → datapoint, in the order of the configuration
 * @param actuators configured address → datapoint, in the order of the configuration
 */
record KnxDatapoints(Map<String, Datapoint> sensors, Map<String, Datapoint> actuators) {

    static final String VARIABLE = "KNX_DATAPOINTS";
    static final String DEFAULT = "{\"sensor\": {}, \"actuator\": {}}";

    /**
     * One configured group address.
     *
     * @param id      the address as configured, the datapoint's id
     * @param address the group address
     * @param ets     the datapoint type as configured
     * @param type    its codec; empty when the type has none here
     */
    record Datapoint(String id, GroupAddress address, String ets, Optional<DatapointType> type) {
    }

    KnxDatapoints {
        sensors = Collections.unmodifiableMap(new LinkedHashMap<>(sensors));
        actuators = Collections.unmodifiableMap(new LinkedHashMap<>(actuators));
    }

    /**
     * Parses {@code KNX_DATAPOINTS}; throws {@link ConfigurationException} naming the offending part,
     * e.g. {@code KNX_DATAPOINTS.sensor["2/3/111"]: 'DPT9' is no datapoint type in ETS notation ...}.
     */
    static KnxDatapoints parse(String json) {
        JsonNode root;
        try {
            root = JsonValues.parse(json);
        } catch (RuntimeException e) {
            throw new ConfigurationException(VARIABLE + " is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigurationException(VARIABLE + " must be a JSON object with the keys \"sensor\" and"
                    + " \"actuator\", got " + json);
        }
        return new KnxDatapoints(section(root, "sensor"), section(root, "actuator"));
    }

    private static Map<String, Datapoint> section(JsonNode root, String key) {
        JsonNode section = root.get(key);
        if (section == null) {
            throw new ConfigurationException(VARIABLE + " has no \"" + key + "\" key; it needs both \"sensor\" and"
                    + " \"actuator\" (each may be {}).");
        }
        if (!section.isObject()) {
            throw new ConfigurationException(VARIABLE + "." + key + " must be an object of group address to"
                    + " datapoint type, got " + section);
        }
        Map<String, Datapoint> datapoints = new LinkedHashMap<>();
        Map<Integer, String> seen = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : section.properties()) {
            String id = entry.getKey();
            String where = VARIABLE + "." + key + "[\"" + id + "\"]";
            GroupAddress address = groupAddress(id, where);
            String previous = seen.put(address.getRawAddress(), id);
            if (previous != null) {
                throw new ConfigurationException(where + ": the same group address as \"" + previous + "\".");
            }
            if (!entry.getValue().isString()) {
                throw new ConfigurationException(where + ": the datapoint type must be a text such as \"DPST-9-1\","
                        + " got " + entry.getValue());
            }
            String ets = entry.getValue().stringValue();
            try {
                datapoints.put(id, new Datapoint(id, address, ets, DatapointType.of(ets)));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(where + ": " + e.getMessage() + ".");
            }
        }
        return datapoints;
    }

    private static GroupAddress groupAddress(String text, String where) {
        try {
            return new GroupAddress(text);
        } catch (KNXFormatException | RuntimeException e) {
            throw new ConfigurationException(where + ": '" + text + "' is no KNX group address (main/middle/sub"
                    + " as 2/3/111, main/sub as 2/1234, or a number 0-65535).");
        }
    }

    /** The sensor datapoint of a telegram's destination, whatever notation configured it. */
    Optional<Datapoint> sensor(GroupAddress destination) {
        return sensors.values().stream().filter(datapoint -> datapoint.address().equals(destination)).findFirst();
    }

    /** The actuator datapoint with this id (its address exactly as configured). */
    Optional<Datapoint> actuator(String id) {
        return Optional.ofNullable(actuators.get(id));
    }

    /** One warning per datapoint type without a codec here, naming its addresses; empty when all have one. */
    List<String> warnings() {
        Map<String, List<String>> unsupported = new TreeMap<>();
        sensors.values().stream().filter(datapoint -> datapoint.type().isEmpty())
                .forEach(datapoint -> unsupported.computeIfAbsent(datapoint.ets(), ets -> new ArrayList<>())
                        .add("sensor " + datapoint.id()));
        actuators.values().stream().filter(datapoint -> datapoint.type().isEmpty())
                .forEach(datapoint -> unsupported.computeIfAbsent(datapoint.ets(), ets -> new ArrayList<>())
                        .add("actuator " + datapoint.id()));
        List<String> warnings = new ArrayList<>();
        unsupported.forEach((ets, where) -> warnings.add(VARIABLE + ": the connector cannot read or write " + ets
                + " (" + String.join(", ", where) + "); telegrams to these addresses are skipped and values for"
                + " them refused."));
        return warnings;
    }
}
