package io.bemcom.connector.knx.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import io.bemcom.testsupport.Ports;

/**
 * Debian's knxd as the KNX side of a test: a KNXnet/IP tunnelling server (UDP) on a free port,
 * configured by a generated ini file, with a dummy bus behind it; {@code knxtool} (Debian's
 * knxd-tools), talking to knxd over a Unix socket, is an independent device on that bus that
 * writes group values and listens to them.
 */
public final class Knxd implements AutoCloseable {

    private final Path dir;
    private final Path socket;
    private final int port;
    private final List<Process> listeners = new CopyOnWriteArrayList<>();
    private Process knxd;

    private Knxd(Path dir, int port) {
        this.dir = dir;
        this.socket = dir.resolve("knxd.socket");
        this.port = port;
    }

    /** Whether knxd and knxtool are installed (.ci/run installs them). */
    public static boolean installed() {
        return executable("knxd") && executable("knxtool");
    }

    private static boolean executable(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String folder : path.split(":")) {
            if (Files.isExecutable(Path.of(folder, name))) {
                return true;
            }
        }
        return false;
    }

    /** Starts knxd with its files in {@code dir}, its tunnelling server on a free UDP port. */
    public static Knxd start(Path dir) {
        Knxd knxd = new Knxd(dir, freeUdpPort());
        knxd.run();
        return knxd;
    }

    private static int freeUdpPort() {
        return Ports.free();
    }

    public int port() {
        return port;
    }

    private void run() {
        // knxd.ini(5), see /usr/share/doc/knxd/inifile.rst: an ets_router server with tunnelling only
        // (no routing, so no multicast), knxd's own socket for knxtool, and a bus that discards.
        String ini = """
                [main]
                addr = 0.0.1
                client-addrs = 0.0.2:8
                connections = server,unix,bus
                [server]
                server = ets_router
                tunnel = tunnel
                port = %d
                interface = lo
                [tunnel]
                [unix]
                server = knxd_unix
                path = %s
                [bus]
                driver = dummy
                """.formatted(port, socket);
        try {
            Files.deleteIfExists(socket);
            Path config = dir.resolve("knxd.ini");
            Files.writeString(config, ini);
            knxd = new ProcessBuilder("knxd", config.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("knxd.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(socket)) {
                if (!knxd.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("knxd did not start: " + Files.readString(dir.resolve("knxd.log")));
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops knxd (SIGTERM); its tunnels end without a word to their clients. */
    public void stop() {
        listeners.forEach(Process::destroy);
        listeners.clear();
        if (knxd != null) {
            knxd.destroy();
            try {
                if (!knxd.waitFor(10, TimeUnit.SECONDS)) {
                    knxd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts knxd again on the same port. */
    public void restart() {
        stop();
        run();
    }

    /** {@code knxtool groupwrite}: a GroupValueWrite of the given bytes (hex), e.g. {@code "07", "89"}. */
    public void groupWrite(String groupAddress, String... hexBytes) {
        List<String> command = new ArrayList<>(List.of("knxtool", "groupwrite", url(), groupAddress));
        command.addAll(List.of(hexBytes));
        knxtool(command);
    }

    /** {@code knxtool groupswrite}: a GroupValueWrite of a 6-bit value (hex) in the application header. */
    public void groupSmallWrite(String groupAddress, String hexValue) {
        knxtool(List.of("knxtool", "groupswrite", url(), groupAddress, hexValue));
    }

    /** {@code knxtool groupread}: a GroupValueRead, which carries no value. */
    public void groupRead(String groupAddress) {
        knxtool(List.of("knxtool", "groupread", url(), groupAddress));
    }

    /**
     * {@code knxtool groupsocketlisten}: the group telegrams on the bus from now on, one line each,
     * e.g. {@code Write from 0.0.5 to 1/2/5: 07 89}.
     */
    public List<String> listen() {
        List<String> lines = new CopyOnWriteArrayList<>();
        try {
            Process listener = new ProcessBuilder("knxtool", "groupsocketlisten", url()).redirectErrorStream(true)
                    .start();
            listeners.add(listener);
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(listener.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line.trim());
                    }
                } catch (IOException ended) {
                    // the listener was stopped
                }
            }, "knxtool-listen");
            reader.setDaemon(true);
            reader.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private String url() {
        return "local:" + socket;
    }

    private static void knxtool(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
