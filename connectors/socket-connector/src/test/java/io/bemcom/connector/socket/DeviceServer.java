package io.bemcom.connector.socket;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * The device's side of the socket connector's tests: a TCP server on loopback that accepts the
 * connector and writes text to it in exactly the pieces a test gives, each piece a write (and a TCP
 * segment) of its own, as a device pushing readings would.
 */
final class DeviceServer implements AutoCloseable {

    private final int port;
    private volatile ServerSocket server;
    private volatile Socket client;
    private volatile int accepted;

    private DeviceServer(ServerSocket server) {
        this.server = server;
        this.port = server.getLocalPort();
        accept(server);
    }

    static DeviceServer start() {
        try {
            return new DeviceServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
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
            closeQuietly(connection);
        }
    }

    /** The device goes away: no more listening, the connection closed. */
    void disappear() {
        closeQuietly(server);
        closeConnection();
    }

    /** The device is back on the same port. */
    void comeBack() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = socket;
            accept(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket listening) {
        Thread acceptor = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket connection = listening.accept();
                    connection.setTcpNoDelay(true);
                    client = connection;
                    accepted++;
                } catch (IOException closed) {
                    return;
                }
            }
        }, "device-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() {
        disappear();
    }
}
