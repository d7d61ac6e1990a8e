package io.bemcom.connector.mqtt;

import io.bemcom.connector.ConnectorMain;

/**
 * {@code main} of the MQTT bridge connector, run by the SDK's {@link ConnectorMain}: SIGTERM/SIGINT
 * stop it gracefully; exit code 1 after a fatal error (the BEMCom broker cannot be reached at
 * start), 2 for a configuration error naming the variable. A remote broker that cannot be reached
 * is no reason to stop: the connector keeps trying.
 */
public final class MqttConnector {

    private MqttConnector() {
    }

    public static void main(String[] args) {
        ConnectorMain.run(MqttBridgeDevice::create);
    }
}
