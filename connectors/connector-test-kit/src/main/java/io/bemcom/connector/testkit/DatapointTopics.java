package io.bemcom.connector.testkit;

import java.util.Map;

/**
 * The topics of a datapoint map a test published ({@link MqttProbe#mapDatapoints}): where the
 * connector publishes each sensor's values, and where a test sends each actuator's commands.
 */
public record DatapointTopics(Map<String, String> sensors, Map<String, String> actuators) {

    public DatapointTopics {
        sensors = Map.copyOf(sensors);
        actuators = Map.copyOf(actuators);
    }

    /** The topic the connector publishes {@code sensorId}'s values on. */
    public String sensor(String sensorId) {
        return named(sensors, sensorId, "sensor");
    }

    /** The topic a command for {@code actuatorId} goes to. */
    public String actuator(String actuatorId) {
        return named(actuators, actuatorId, "actuator");
    }

    /** The topic of {@code id}, a sensor's or an actuator's; for an id that is both, say which with the two above. */
    public String of(String id) {
        if (sensors.containsKey(id) && actuators.containsKey(id)) {
            throw new IllegalArgumentException("'" + id + "' is a sensor and an actuator: ask for sensor(id) or actuator(id)");
        }
        return sensors.containsKey(id) ? sensors.get(id) : named(actuators, id, "sensor or actuator");
    }

    private static String named(Map<String, String> topics, String id, String kind) {
        String topic = topics.get(id);
        if (topic == null) {
            throw new IllegalArgumentException("no " + kind + " '" + id + "' in the map; mapped: " + topics.keySet());
        }
        return topic;
    }
}
