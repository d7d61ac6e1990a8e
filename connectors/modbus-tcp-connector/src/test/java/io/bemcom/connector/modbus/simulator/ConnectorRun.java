package io.bemcom.connector.modbus.simulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import io.bemcom.connector.Connector;
import io.bemcom.connector.ConnectorSettings;
import io.bemcom.connector.PollingDevice;
import io.bemcom.connector.testkit.MqttProbe;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.config.Environment;
import io.bemcom.testsupport.TestBroker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A connector under test, built from environment variables exactly as its {@code main} builds it,
 * but in this JVM with its own meter registry. Test defaults keep it fast: polls every 200 ms,
 * heartbeats every second, two attempts 50 ms apart, 1 s Modbus timeout.
 */
public final class ConnectorRun implements AutoCloseable {

    private final String name;
    private final TestBroker broker;
    private final Connector connector;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private ConnectorRun(String name, TestBroker broker, Map<String, String> variables,
                         Function<Environment, ? extends PollingDevice> deviceFactory) {
        this.name = name;
        this.broker = broker;
        Environment env = new Environment(variables);
        connector = Connector.polling(ConnectorSettings.fromEnvironment(env), deviceFactory.apply(env),
                ConnectorSettings.pollInterval(env), registry);
        connector.start();
    }

    /** The test defaults for a connector named {@code name} talking to the device on {@code modbusPort}. */
    public static Map<String, String> environment(String name, TestBroker broker, int modbusPort) {
        Map<String, String> env = new HashMap<>();
        env.put("CONNECTOR_NAME", name);
        env.put("MQTT_BROKER_HOST", broker.host());
        env.put("MQTT_BROKER_PORT", String.valueOf(broker.port()));
        env.put("HEARTBEAT_INTERVAL_SECONDS", "1");
        env.put("ACTUATOR_COMMAND_TIMEOUT_SECONDS", "10");
        env.put("POLL_SECONDS", "0.2");
        env.put("MODBUS_MASTER_IP", "127.0.0.1");
        env.put("MODBUS_MASTER_PORT", String.valueOf(modbusPort));
        env.put("MODBUS_MAX_RETRIES", "2");
        env.put("MODBUS_RETRY_WAIT_SECONDS", "0.05");
        env.put("MODBUS_TIMEOUT_SECONDS", "1");
        return env;
    }

    public static ConnectorRun start(String name, TestBroker broker, Map<String, String> variables,
                                     Function<Environment, ? extends PollingDevice> deviceFactory) {
        return new ConnectorRun(name, broker, variables, deviceFactory);
    }

    public Connector connector() {
        return connector;
    }

    /** The SDK's counter {@code name} with {@code result=<result>}, 0 if never incremented. */
    public double count(String meter, String result) {
        Counter counter = registry.find(meter).tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    public double failedReadings() {
        return count("bemcom.connector.readings", "read_failed");
    }

    public double commands(String result) {
        return count("bemcom.connector.actuator.commands", result);
    }

    /** Stops the connector and clears what it and the test left retained on the broker. */
    @Override
    public void close() {
        connector.stop();
        try (MqttProbe probe = MqttProbe.connect(broker)) {
            probe.clearRetained(Topics.availableDatapoints(name));
            probe.clearRetained(Topics.datapointMap(name));
        }
    }

    public static Duration waitLimit() {
        return Duration.ofSeconds(15);
    }
}
