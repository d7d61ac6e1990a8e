package io.bemcom.connector.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.bemcom.testsupport.Ports;
import io.bemcom.testsupport.RestartableBroker;

/**
 * A remote broker with what {@code TestBrokers.restartable()} does not configure: a Mosquitto
 * process on a free loopback port that keeps its sessions on disk across a restart
 * ({@link #persistent()}), listens with TLS ({@link #tls}) or wants a password
 * ({@link #withPassword}). Tests that need one assume {@link #installed()}.
 */
final class RemoteMosquitto implements RestartableBroker {

    private static final List<String> DIRECTORIES = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin");

    private final Path executable;
    private final Path dir;
    private final int port;
    private final List<String> lines = new ArrayList<>();
    private Process process;

    private RemoteMosquitto(Path executable) {
        this.executable = executable;
        this.port = Ports.free();
        try {
            this.dir = Files.createTempDirectory("bemcom-remote-mosquitto-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines.add("listener " + port + " 127.0.0.1");
        // Run as root, Mosquitto would become the user "mosquitto", who cannot read this test's files.
        lines.add("user " + System.getProperty("user.name"));
        lines.add("max_inflight_messages 1000");
        lines.add("max_queued_messages 100000");
        lines.add("log_dest stdout");
        lines.add("log_type error");
        lines.add("log_type warning");
        lines.add("log_type notice");
    }

    private static Optional<Path> find(String program) {
        return DIRECTORIES.stream().map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst();
    }

    /** Mosquitto and its mosquitto_passwd are installed. */
    static boolean installed() {
        return find("mosquitto").isPresent() && find("mosquitto_passwd").isPresent();
    }

    /** A broker that is not started yet; configure it, then {@link #start()}. */
    static RemoteMosquitto configure() {
        return new RemoteMosquitto(find("mosquitto").orElseThrow(() -> new IllegalStateException("no mosquitto")));
    }

    /** Sessions, their subscriptions and queued messages are saved on stop and restored on start. */
    RemoteMosquitto persistent() {
        lines.add("persistence true");
        lines.add("persistence_location " + dir + "/");
        return this;
    }

    /** TLS on the listener with the server's certificate and key files (PEM). */
    RemoteMosquitto tls(Path certificate, Path privateKey) {
        lines.add("certfile " + certificate);
        lines.add("keyfile " + privateKey);
        return this;
    }

    /** Anonymous clients are refused; {@code user} logs in with {@code password}. */
    RemoteMosquitto withPassword(String user, String password) {
        Path passwords = dir.resolve("passwords");
        run(List.of(find("mosquitto_passwd").orElseThrow().toString(), "-c", "-b", passwords.toString(), user,
                password));
        lines.add("allow_anonymous false");
        lines.add("password_file " + passwords);
        return this;
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        if (lines.stream().noneMatch(line -> line.startsWith("allow_anonymous"))) {
            lines.add("allow_anonymous true");
        }
        Path config = dir.resolve("mosquitto.conf");
        try {
            Files.write(config, lines);
            process = new ProcessBuilder(executable.toString(), "-c", config.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Ports.awaitListening(host(), port, Duration.ofSeconds(10));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; log: " + log(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy(); // SIGTERM: Mosquitto saves its persistence file on the way out
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        Ports.awaitClosed(host(), port, Duration.ofSeconds(10));
    }

    String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; left behind at worst
        }
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
        return "mosquitto (remote)";
    }
}
