package io.bemcom.connector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import io.bemcom.protocol.mqtt.BrokerException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The {@code main} of every connector: reads the environment, builds the connector, stops it
 * gracefully on SIGTERM/SIGINT and exits with its code — 0 after a stop, 1 after a fatal device or
 * broker error, 2 after a configuration error (the message names the variable). After SIGTERM or
 * SIGINT the JVM itself reports 143 or 130 (128 + signal), as every Java process does, once the
 * graceful stop has run.
 *
 * <pre>
 * public static void main(String[] args) {
 *     ConnectorMain.runPolling(env -> new MyDevice(MyConfig.fromEnvironment(env)));
 * }
 * </pre>
 */
public final class ConnectorMain {

    private static final Logger log = LoggerFactory.getLogger(ConnectorMain.class);

    /** Builds a device from the environment; may throw {@link ConfigurationException}. */
    @FunctionalInterface
    public interface DeviceFactory<D extends Device> {
        D create(Environment env) throws Exception;
    }

    private ConnectorMain() {
    }

    public static void runPolling(DeviceFactory<? extends PollingDevice> factory) {
        System.exit(runPolling(Environment.system(), factory));
    }

    public static void runPush(DeviceFactory<? extends PushDevice> factory) {
        System.exit(runPush(Environment.system(), factory));
    }

    /** Runs a polling connector until it stops and returns its exit code (for tests and launchers). */
    public static int runPolling(Environment env, DeviceFactory<? extends PollingDevice> factory) {
        return run(env, e -> Connector.polling(ConnectorSettings.fromEnvironment(e), factory.create(e),
                ConnectorSettings.pollInterval(e), new SimpleMeterRegistry()));
    }

    /** Runs a push connector until it stops and returns its exit code (for tests and launchers). */
    public static int runPush(Environment env, DeviceFactory<? extends PushDevice> factory) {
        return run(env, e -> Connector.push(ConnectorSettings.fromEnvironment(e), factory.create(e),
                new SimpleMeterRegistry()));
    }

    @FunctionalInterface
    interface ConnectorFactory {
        Connector create(Environment env) throws Exception;
    }

    /** Runs a connector until it stops; returns the exit code. Never calls {@code System.exit}. */
    static int run(Environment env, ConnectorFactory factory) {
        Connector connector;
        try {
            connector = factory.create(env);
        } catch (ConfigurationException e) {
            log.error("Configuration error: {}", e.getMessage());
            return Connector.EXIT_CONFIGURATION;
        } catch (Exception e) {
            log.error("The connector could not be created: {}", e.getMessage(), e);
            return Connector.EXIT_FATAL;
        }
        try {
            connector.start();
        } catch (BrokerException e) {
            log.error("{}", e.getMessage());
            connector.stop();
            return Connector.EXIT_FATAL;
        }
        Thread hook = new Thread(connector::stop, "connector-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return connector.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connector.stop();
            return Connector.EXIT_STOPPED;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // SIGTERM: the hook is running the graceful stop.
            }
        }
    }
}
