package io.bemcom.connector.testkit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.bemcom.connector.Connector;
import io.bemcom.connector.Device;
import io.bemcom.connector.DeviceFactory;
import io.bemcom.protocol.Topics;
import io.bemcom.protocol.config.Environment;
import io.bemcom.testsupport.TestBroker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * A connector under test, built from environment variables exactly as its {@code main} builds it
 * ({@link Connector#fromEnvironment}), but in this JVM with its own meter registry (a Prometheus
 * one, as {@code main}'s, so that {@code METRICS_PORT=0} serves {@code /metrics} on a free port). Any device
 * shape runs: polled, push, callbacks, or a mix. {@link #environment} gives fast test defaults:
 * polls every 200 ms, heartbeats every second, 10 s per actuator command.
 *
 * <pre>
 * Map&lt;String, String&gt; env = ConnectorRun.environment(name, broker);
 * env.put("DEVICE_HOST", "127.0.0.1");
 * try (ConnectorRun run = ConnectorRun.start(broker, env, MyDevice::create)) { ... }
 * </pre>
 */
public final class ConnectorRun implements AutoCloseable {

    private final String name;
    private final TestBroker broker;
    private final Connector connector;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private ConnectorRun(TestBroker broker, Map<String, String> variables, DeviceFactory<?> factory) {
        this.broker = broker;
        Environment env = new Environment(variables);
        try {
            connector = Connector.fromEnvironment(env, registry, factory);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the device could not be built: " + e.getMessage(), e);
        }
        this.name = connector.settings().name();
        connector.start();
    }

    /** The test defaults for a connector named {@code name} on {@code broker}; a mutable map to add to. */
    public static Map<String, String> environment(String name, TestBroker broker) {
        Map<String, String> env = new HashMap<>();
        env.put("CONNECTOR_NAME", name);
        env.put("MQTT_BROKER_HOST", broker.host());
        env.put("MQTT_BROKER_PORT", String.valueOf(broker.port()));
        env.put("HEARTBEAT_INTERVAL_SECONDS", "1");
        env.put("ACTUATOR_COMMAND_TIMEOUT_SECONDS", "10");
        env.put("POLL_SECONDS", "0.2");
        return env;
    }

    /** Builds the connector from {@code variables} and starts it. */
    public static ConnectorRun start(TestBroker broker, Map<String, String> variables, DeviceFactory<?> factory) {
        return new ConnectorRun(broker, variables, factory);
    }

    public Connector connector() {
        return connector;
    }

    /** The device the factory built. */
    @SuppressWarnings("unchecked")
    public <D extends Device> D device() {
        return (D) connector.device();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The counter {@code meter} with {@code result=<result>}, 0 if never incremented. */
    public double count(String meter, String result) {
        Counter counter = registry.find(meter).tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    public double readings(String result) {
        return count("bemcom.connector.readings", result);
    }

    public double failedReadings() {
        return readings("read_failed");
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

    /** How long tests wait for what a running connector should do. */
    public static Duration waitLimit() {
        return Duration.ofSeconds(15);
    }
}
