package io.bemcom.testsupport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Free loopback ports and waiting for a port to accept connections. */
public final class Ports {

    /**
     * Ports are handed out below the kernel's ephemeral range (Linux: 32768-60999), from which every
     * outgoing connection and every bind to port 0 takes its port. A port from there could be taken
     * by another process (the build runs modules in parallel) between the moment it is found free and
     * the moment the test binds it, or while a test's server is away and comes back on it.
     */
    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;

    private Ports() {
    }

    /** A port on which nothing listens over TCP nor UDP right now, outside the ephemeral range. */
    public static int free() {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + HIGHEST);
    }

    private static boolean isFree(int port) {
        try (ServerSocket tcp = new ServerSocket(); DatagramSocket udp = new DatagramSocket(null)) {
            tcp.bind(new InetSocketAddress(port));
            udp.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** Waits until {@code host:port} accepts a TCP connection. */
    public static void awaitListening(String host, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new IllegalStateException(host + ":" + port + " did not start listening within " + timeout);
    }

    /** Waits until nothing accepts connections on {@code host:port} any more. */
    public static void awaitClosed(String host, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 200);
                sleep(50);
            } catch (IOException closed) {
                return;
            }
        }
        throw new IllegalStateException(host + ":" + port + " still listening after " + timeout);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
