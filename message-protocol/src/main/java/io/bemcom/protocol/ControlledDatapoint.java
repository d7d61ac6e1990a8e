package io.bemcom.protocol;

/**
 * One sensor/actuator pair a controller keeps in line: the topics of the sensor's values and of
 * the actuator's values, setpoints and schedules.
 */
public record ControlledDatapoint(String sensorValueTopic, String actuatorValueTopic,
                                  String actuatorSetpointTopic, String actuatorScheduleTopic) {
}
