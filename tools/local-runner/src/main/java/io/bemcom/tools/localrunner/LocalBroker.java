package io.bemcom.tools.localrunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;

import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;

/**
 * The embedded MQTT broker (Moquette, as test-support's {@code EmbeddedBroker}) the runner starts
 * when no {@code MQTT_BROKER_HOST} is given. Loopback only, anonymous, in memory: retained
 * messages live as long as the runner, which re-publishes what it needs at every start.
 */
final class LocalBroker implements AutoCloseable {

    private final int port;
    private Server server;

    private LocalBroker(int port) {
        this.port = port;
    }

    static LocalBroker start(int port) {
        LocalBroker broker = new LocalBroker(port);
        Properties properties = new Properties();
        properties.setProperty(IConfig.HOST_PROPERTY_NAME, "127.0.0.1");
        properties.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        properties.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        properties.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        properties.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        properties.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
        Server server = new Server();
        try {
            server.startServer(new MemoryConfig(properties));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded MQTT broker on port " + port, e);
        }
        broker.server = server;
        return broker;
    }

    int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stopServer();
            server = null;
        }
    }
}
