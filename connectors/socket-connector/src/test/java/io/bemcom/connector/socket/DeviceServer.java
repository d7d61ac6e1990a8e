package io.bemcom.connector.socket;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import io.bemcom.connector.testkit.LoopbackServer;

/**
 * The device's side of the socket connector's tests: a TCP server on loopback that accepts the
 * connector and writes text to it in exactly the pieces a test gives, each piece a write (and a TCP
 * segment) of its own, as a device pushing readings would.
 */
final class DeviceServer implements AutoCloseable {

    private final LoopbackServer server;
    private volatile Socket client;
    private volatile int accepted;

    private DeviceServer() {
        server = LoopbackServer.start("device-server", connection -> {
            try {
                connection.setTcpNoDelay(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            client = connection;
            accepted++;
        });
    }

    static DeviceServer start() {
        return new DeviceServer();
    }

    int port() {
        return server.port();
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted;
    }

    /** Waits until the connector has connected {@code count} times in all. */
    void awaitConnections(int count, Duration limit) {
        Awaitility.await().atMost(limit).until(() -> accepted >= count && client != null && !client.isClosed());
    }

    /** Writes each piece separately (UTF-8), with a short pause between, so each is a read of its own. */
    void send(String... pieces) {
        Socket connection = client;
        if (connection == null) {
            throw new IllegalStateException("the connector is not connected");
        }
        try {
            OutputStream out = connection.getOutputStream();
            for (String piece : pieces) {
                out.write(piece.getBytes(StandardCharsets.UTF_8));
                out.flush();
                TimeUnit.MILLISECONDS.sleep(30);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends when connected; does nothing otherwise (for a stimulus that runs before the connection). */
    void sendIfConnected(String... pieces) {
        if (client != null && !client.isClosed()) {
            send(pieces);
        }
    }

    /** Closes the connector's connection; the server goes on listening, as a device that restarts its session. */
    void closeConnection() {
        Socket connection = client;
        client = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    /** The device goes away: no more listening, the connection closed. */
    void disappear() {
        client = null;
        server.disappear();
    }

    /** The device is back on the same port. */
    void comeBack() {
        server.comeBack();
    }

    @Override
    public void close() {
        disappear();
    }
}
