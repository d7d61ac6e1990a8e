package io.bemcom.protocol.mqtt;

import java.security.GeneralSecurityException;

import javax.net.ssl.SSLException;

import org.eclipse.paho.client.mqttv3.MqttException;

/** The broker could not be reached or refused the connection. */
public class BrokerException extends RuntimeException {

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The variables of a service's own broker ({@code MQTT_BROKER_*}) that decide what failed here:
     * the CA file for a failed TLS handshake, the credentials when the broker refused them, else
     * host and port.
     */
    public String settingVariables() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SSLException || cause instanceof GeneralSecurityException) {
                return "MQTT_BROKER_CA_FILE, MQTT_BROKER_USE_TLS";
            }
            if (cause instanceof MqttException mqtt && (mqtt.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                    || mqtt.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED)) {
                return "MQTT_BROKER_USERNAME, MQTT_BROKER_PASSWORD";
            }
        }
        String message = getMessage();
        return "MQTT_BROKER_HOST, MQTT_BROKER_PORT" + (message != null && message.contains("ssl://") ? ", MQTT_BROKER_USE_TLS" : "");
    }
}
