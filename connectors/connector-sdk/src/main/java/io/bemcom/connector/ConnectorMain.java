package io.bemcom.connector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.bemcom.protocol.config.ConfigurationException;
import io.bemcom.protocol.config.Environment;
import io.bemcom.protocol.config.StartupFailure;
import io.bemcom.protocol.mqtt.BrokerException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The {@code main} of every connector: reads the environment, builds the connector, stops it
 * gracefully on SIGTERM/SIGINT and exits with its code — 0 after a stop, 1 after a fatal device or
 * broker error, 2 after a configuration error; a failure to start is one line naming the cause and
 * the variables that set it (the stack trace at DEBUG).
 * After SIGTERM or SIGINT the JVM itself reports 143 or 130 (128 + signal), as every Java process
 * does, once the graceful stop has run.
 *
 * <pre>
 * public static void main(String[] args) {
 *     ConnectorMain.run(context -&gt; new MyDevice(MyConfig.fromEnvironment(context.environment())));
 * }
 * </pre>
 */
public final class ConnectorMain {

    private static final Logger log = LoggerFactory.getLogger(ConnectorMain.class);
    /** A connector has no database and serves no port of its own (METRICS_PORT is reported by name). */
    private static final StartupFailure STARTUP = new StartupFailure(null, null);

    private ConnectorMain() {
    }

    /** Runs the connector of the process environment and exits the JVM with its code. */
    public static void run(DeviceFactory<?> factory) {
        System.exit(run(Environment.system(), factory));
    }

    /** Runs a connector until it stops and returns its exit code; never calls {@code System.exit}. */
    public static int run(Environment env, DeviceFactory<?> factory) {
        Connector connector;
        try {
            connector = Connector.fromEnvironment(env, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), factory);
        } catch (ConfigurationException e) {
            log.error("Configuration error: {}", e.getMessage());
            return Connector.EXIT_CONFIGURATION;
        } catch (Exception e) {
            log.error("The connector could not be created: {} (stack trace with DEBUG=TRUE)", STARTUP.describe(e));
            log.debug("The start-up failure in full:", e);
            return Connector.EXIT_FATAL;
        }
        connector.ownTheProcess();
        try {
            connector.start();
        } catch (BrokerException e) {
            log.error("{} (stack trace with DEBUG=TRUE)", STARTUP.describe(e));
            log.debug("The start-up failure in full:", e);
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
