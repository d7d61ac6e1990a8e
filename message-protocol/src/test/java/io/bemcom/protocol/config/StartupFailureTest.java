package io.bemcom.protocol.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;

import javax.net.ssl.SSLHandshakeException;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;

import io.bemcom.protocol.mqtt.BrokerException;

class StartupFailureTest {

    private final StartupFailure api = new StartupFailure("DJANGOAPIDB_", "PORT");

    /** As Spring wraps a failure: bean creation exceptions around the cause. */
    private static RuntimeException wrapped(Throwable cause) {
        return new IllegalStateException("Error creating bean with name 'a'\nmore",
                new IllegalStateException("Error creating bean with name 'b'", cause));
    }

    @Test
    void anUnreachableDatabaseNamesHostAndPortVariables() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5999 refused. Check that the hostname and port "
                + "are correct.", "08001", new ConnectException("Connection refused"));
        assertThat(api.describe(wrapped(new RuntimeException("Failed to initialize pool: ...", refused))))
                .isEqualTo("Could not reach the database (set by DJANGOAPIDB_HOST, DJANGOAPIDB_PORT): Connection to "
                        + "127.0.0.1:5999 refused. Check that the hostname and port are correct.");
    }

    @Test
    void aRefusedLoginAndAMissingDatabaseNameTheirVariables() {
        assertThat(api.describe(wrapped(new SQLException("FATAL: password authentication failed", "28P01"))))
                .startsWith("The database refused the login (set by DJANGOAPIDB_USER, DJANGOAPIDB_PASSWORD)");
        assertThat(new StartupFailure("RAW_MESSAGE_DB_", null).describe(
                wrapped(new SQLException("FATAL: database \"x\" does not exist", "3D000"))))
                .startsWith("The database does not exist (set by RAW_MESSAGE_DB_DBNAME)");
    }

    @Test
    void anUnreachableBrokerNamesItsVariablesAndAFailedHandshakeTheCaFile() {
        BrokerException refused = new BrokerException("Could not connect to the MQTT broker at tcp://h:1883: refused",
                new MqttException(MqttException.REASON_CODE_SERVER_CONNECT_ERROR, new ConnectException("refused")));
        assertThat(api.describe(wrapped(refused))).isEqualTo(
                "Could not connect to the MQTT broker at tcp://h:1883: refused (set by MQTT_BROKER_HOST, MQTT_BROKER_PORT)");
        BrokerException handshake = new BrokerException("Could not connect to the MQTT broker at ssl://h:8883: ...",
                new MqttException(MqttException.REASON_CODE_SERVER_CONNECT_ERROR, new SSLHandshakeException("PKIX path")));
        assertThat(api.describe(handshake)).endsWith("(set by MQTT_BROKER_CA_FILE, MQTT_BROKER_USE_TLS)");
        BrokerException login = new BrokerException("Could not connect to the MQTT broker at tcp://h:1883: not authorized",
                new MqttException(MqttException.REASON_CODE_FAILED_AUTHENTICATION));
        assertThat(api.describe(login)).endsWith("(set by MQTT_BROKER_USERNAME, MQTT_BROKER_PASSWORD)");
    }

    @Test
    void aConfigurationErrorKeepsItsMessageAndAnythingElseItsRootCauseInOneLine() {
        assertThat(api.describe(wrapped(new ConfigurationException("MQTT_BROKER_PORT must be a TCP port"))))
                .isEqualTo("Configuration error: MQTT_BROKER_PORT must be a TCP port");
        assertThat(api.describe(wrapped(new IllegalArgumentException("first line\n\tsecond line"))))
                .isEqualTo("Could not start: IllegalArgumentException: first line second line");
    }

    @Test
    void aPortInUseNamesThePortVariable() {
        class PortInUseException extends RuntimeException {
            PortInUseException() {
                super("Port 8080 is already in use");
            }
        }
        assertThat(api.describe(wrapped(new PortInUseException()))).isEqualTo("Port 8080 is already in use (set by PORT)");
    }
}
