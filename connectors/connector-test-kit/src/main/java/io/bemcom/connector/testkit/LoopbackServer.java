package io.bemcom.connector.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.bemcom.testsupport.Ports;

/**
 * The TCP side of a device simulator: a server on loopback, on a free port, that accepts
 * connections on a thread of its own and hands each to the simulator. It can disappear (it stops
 * listening and closes every connection, as a device switched off) and come back on the same port.
 *
 * <pre>
 * LoopbackServer server = LoopbackServer.start("my-device", socket -&gt; new Thread(() -&gt; serve(socket)).start());
 * env.put("DEVICE_PORT", String.valueOf(server.port()));
 * server.disappear(); ... server.comeBack();
 * </pre>
 */
public final class LoopbackServer implements AutoCloseable {

    private final String name;
    private final Consumer<Socket> onConnection;
    private final int port;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listening;
    private volatile Thread acceptor;

    private LoopbackServer(String name, Consumer<Socket> onConnection, ServerSocket listening) {
        this.name = name;
        this.onConnection = onConnection;
        this.port = listening.getLocalPort();
        accept(listening);
    }

    /** Listens on a free loopback port; {@code onConnection} gets every accepted connection, on the accepting thread. */
    public static LoopbackServer start(String name, Consumer<Socket> onConnection) {
        // A port outside the ephemeral range, so no other process takes it while the server is away.
        for (int attempt = 1; ; attempt++) {
            try {
                return new LoopbackServer(name, onConnection,
                        new ServerSocket(Ports.free(), 50, InetAddress.getLoopbackAddress()));
            } catch (IOException e) {
                if (attempt == 5) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    public int port() {
        return port;
    }

    /** The accepted connections that are still open. */
    public List<Socket> connections() {
        connections.removeIf(Socket::isClosed);
        return List.copyOf(connections);
    }

    /** Stops listening and closes every connection. */
    public void disappear() {
        closeQuietly(listening);
        // The kernel keeps listening until the accepting thread's blocked accept() has returned, which
        // close() only signals: without the join a connection could still succeed, and comeBack()
        // could find the port in use.
        Thread accepting = acceptor;
        if (accepting != null && accepting != Thread.currentThread()) {
            try {
                accepting.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        connections.forEach(LoopbackServer::closeQuietly);
        connections.clear();
    }

    /** Listens again, on the same port. */
    public void comeBack() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            accept(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket socket) {
        listening = socket;
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    connections.add(connection);
                    onConnection.accept(connection);
                } catch (IOException closed) {
                    return;
                }
            }
        }, name + "-accept");
        acceptor.setDaemon(true);
        this.acceptor = acceptor;
        acceptor.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        disappear();
    }
}
