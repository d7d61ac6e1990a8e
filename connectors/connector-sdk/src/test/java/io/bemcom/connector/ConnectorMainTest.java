package io.bemcom.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.bemcom.protocol.config.Environment;
import tools.jackson.databind.JsonNode;
import io.bemcom.testsupport.Ports;

/** Exit codes of a connector process, without a broker. */
class ConnectorMainTest {

    private static final PollingDevice NOTHING = new PollingDevice() {
        @Override
        public JsonNode read() {
            return null;
        }

        @Override
        public JsonNode parse(JsonNode rawMessage) {
            return rawMessage;
        }
    };

    @Test
    void exitsWithTwoOnAConfigurationError() {
        int code = ConnectorMain.run(new Environment(Map.of("POLL_SECONDS", "5")), context -> NOTHING);

        assertThat(code).isEqualTo(Connector.EXIT_CONFIGURATION);
    }

    @Test
    void exitsWithTwoWhenAPollingDeviceHasNoPollSeconds() {
        int code = ConnectorMain.run(new Environment(Map.of("MQTT_BROKER_HOST", "127.0.0.1")), context -> NOTHING);

        assertThat(code).isEqualTo(Connector.EXIT_CONFIGURATION);
    }

    @Test
    void exitsWithTwoWhenTheDeviceFactoryFindsAVariableWrong() {
        int code = ConnectorMain.run(new Environment(Map.of("MQTT_BROKER_HOST", "127.0.0.1")), context -> {
            throw new io.bemcom.protocol.config.ConfigurationException("DEVICE_HOST is not set.");
        });

        assertThat(code).isEqualTo(Connector.EXIT_CONFIGURATION);
    }

    @Test
    void exitsWithOneWhenTheBrokerCannotBeReached() throws Exception {
        int closedPort = Ports.free();
        Environment env = new Environment(Map.of("MQTT_BROKER_HOST", "127.0.0.1",
                "MQTT_BROKER_PORT", Integer.toString(closedPort), "POLL_SECONDS", "1"));

        int code = ConnectorMain.run(env, context -> NOTHING);

        assertThat(code).isEqualTo(Connector.EXIT_FATAL);
    }
}
