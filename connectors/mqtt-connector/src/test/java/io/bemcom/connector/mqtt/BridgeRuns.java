package io.bemcom.connector.mqtt;

import java.util.Map;

import io.bemcom.connector.testkit.ConnectorRun;
import io.bemcom.testsupport.TestBroker;

/** Starting the bridge in a test, and closing what a test opened. */
final class BridgeRuns {

    private BridgeRuns() {
    }

    /**
     * The bridge {@code name} between the BEMCom {@code broker} and {@code remote}, with the topic
     * {@code mapping} and further variables given as name, value, name, value, ...
     */
    static ConnectorRun start(String name, TestBroker broker, TestBroker remote, String mapping, String... variables) {
        Map<String, String> env = ConnectorRun.environment(name, broker);
        env.put("REMOTE_MQTT_BROKER_HOST", remote.host());
        env.put("REMOTE_MQTT_BROKER_PORT", String.valueOf(remote.port()));
        env.put("REMOTE_MQTT_BROKER_TOPIC_MAPPING", mapping);
        for (int i = 0; i < variables.length; i += 2) {
            env.put(variables[i], variables[i + 1]);
        }
        return ConnectorRun.start(broker, env, MqttBridgeDevice::create);
    }

    /** Closes each resource that was opened, in the order given (the connector before its brokers). */
    static void closeAll(AutoCloseable... resources) throws Exception {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                resource.close();
            }
        }
    }
}
