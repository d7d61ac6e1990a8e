package io.bemcom.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;

import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;

/** An in-JVM MQTT broker (Moquette) on a loopback port: for machines without Mosquitto or Docker. */
public final class EmbeddedBroker implements RestartableBroker {

    private final int port;
    private Server server;

    private EmbeddedBroker(int port) {
        this.port = port;
    }

    /** Starts a broker on {@code port} (0 = a free one). */
    public static EmbeddedBroker start(int port) {
        EmbeddedBroker broker = new EmbeddedBroker(port == 0 ? Ports.free() : port);
        broker.start();
        return broker;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        Properties properties = new Properties();
        properties.setProperty(IConfig.HOST_PROPERTY_NAME, "127.0.0.1");
        properties.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        properties.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        properties.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        properties.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        properties.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
        Server newServer = new Server();
        try {
            newServer.startServer(new MemoryConfig(properties));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded MQTT broker on port " + port, e);
        }
        server = newServer;
        Ports.awaitListening(host(), port, Duration.ofSeconds(10));
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stopServer();
            server = null;
            Ports.awaitClosed(host(), port, Duration.ofSeconds(10));
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String source() {
        return "embedded";
    }
}
