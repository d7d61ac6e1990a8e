package io.bemcom.controller;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import io.bemcom.protocol.mqtt.BrokerSettings;

/**
 * The controller's configuration, read once from the environment.
 *
 * @param broker                    {@code MQTT_BROKER_HOST}, {@code MQTT_BROKER_PORT} and our
 *                                  {@code MQTT_BROKER_USERNAME/PASSWORD/USE_TLS/CA_FILE}
 * @param controlledDatapointsTopic {@code MQTT_TOPIC_CONTROLLED_DATAPOINTS}: where the API
 *                                  publishes the pairs this controller controls
 */
public record ControllerSettings(BrokerSettings broker, String controlledDatapointsTopic) {

    /**
     * The original has no default (it crashed without the variable); its reference and its tests
     * use this value, so it is ours.
     */
    public static final String DEFAULT_CONTROLLED_DATAPOINTS_TOPIC = "python_controller/controlled_datapoints";

    public ControllerSettings {
        if (controlledDatapointsTopic == null || controlledDatapointsTopic.isBlank()
                || controlledDatapointsTopic.contains("+") || controlledDatapointsTopic.contains("#")) {
            throw new ConfigurationException("MQTT_TOPIC_CONTROLLED_DATAPOINTS must be one topic, without MQTT "
                    + "wildcards, got '" + controlledDatapointsTopic + "'.");
        }
    }

    public static ControllerSettings fromEnvironment(Environment env) {
        return new ControllerSettings(BrokerSettings.fromEnvironment(env),
                env.string("MQTT_TOPIC_CONTROLLED_DATAPOINTS", DEFAULT_CONTROLLED_DATAPOINTS_TOPIC));
    }
}
