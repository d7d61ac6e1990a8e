package io.bemcom.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;

class ControllerSettingsTest {

    @Test
    void readsTheOriginalVariables() {
        ControllerSettings settings = ControllerSettings.fromEnvironment(new Environment(Map.of(
                "MQTT_BROKER_HOST", "broker.example", "MQTT_BROKER_PORT", "1884",
                "MQTT_TOPIC_CONTROLLED_DATAPOINTS", "heating/controlled_datapoints")));

        assertThat(settings.broker().serverUri()).isEqualTo("tcp://broker.example:1884");
        assertThat(settings.controlledDatapointsTopic()).isEqualTo("heating/controlled_datapoints");
    }

    @Test
    void defaultsToThePortAndTopicOfTheOriginalsExamples() {
        ControllerSettings settings = ControllerSettings.fromEnvironment(new Environment(Map.of(
                "MQTT_BROKER_HOST", "broker.example")));

        assertThat(settings.broker().port()).isEqualTo(1883);
        assertThat(settings.controlledDatapointsTopic()).isEqualTo("python_controller/controlled_datapoints");
    }

    @Test
    void readsOurBrokerLoginAndTlsAdditions() {
        ControllerSettings settings = ControllerSettings.fromEnvironment(new Environment(Map.of(
                "MQTT_BROKER_HOST", "broker.example", "MQTT_BROKER_USERNAME", "controller",
                "MQTT_BROKER_PASSWORD", "secret", "MQTT_BROKER_USE_TLS", "TRUE", "MQTT_BROKER_PORT", "8883")));

        assertThat(settings.broker().serverUri()).isEqualTo("ssl://broker.example:8883");
        assertThat(settings.broker().username()).isEqualTo("controller");
    }

    @Test
    void refusesAMissingBrokerHostAndAWildcardTopic() {
        assertThatThrownBy(() -> ControllerSettings.fromEnvironment(new Environment(Map.of())))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("MQTT_BROKER_HOST");
        assertThatThrownBy(() -> ControllerSettings.fromEnvironment(new Environment(Map.of(
                "MQTT_BROKER_HOST", "b", "MQTT_TOPIC_CONTROLLED_DATAPOINTS", "+/controlled_datapoints"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("MQTT_TOPIC_CONTROLLED_DATAPOINTS");
    }
}
