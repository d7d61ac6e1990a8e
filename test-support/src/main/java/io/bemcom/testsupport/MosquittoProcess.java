package io.bemcom.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto process of the test's own, on a free loopback port: configured like the broker we
 * ship (raised queue and in-flight limits, see {@code mosquitto-test.conf}), or with a
 * configuration the test gives ({@link #launch(String)}).
 *
 * <p>It runs in a process group of its own ({@code setsid}), so that a signal to the test's group
 * (e.g. {@code timeout} around a benchmark) does not take the broker down under the test; the test
 * stops it, and a shutdown hook stops it when the JVM ends first. Besides stop and start on the same
 * port (with the same persistence folder), a test can kill it (SIGKILL, a crash) and pause and
 * resume it (SIGSTOP/SIGCONT: a broker that stops reading).
 */
public final class MosquittoProcess implements RestartableBroker {

    private static final String[] CANDIDATES = {"/usr/sbin/mosquitto", "/usr/bin/mosquitto",
            "/usr/local/sbin/mosquitto", "/usr/local/bin/mosquitto"};
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Path executable;
    private final int port;
    private final Path directory;
    private final Path configFile;
    private final Path logFile;
    private final Thread shutdownHook;
    private Process process;

    private MosquittoProcess(Path executable, int port, String configTemplate) {
        this.executable = executable;
        this.port = port;
        try {
            directory = Files.createTempDirectory("bemcom-mosquitto-");
            Path data = Files.createDirectories(directory.resolve("data"));
            // Started as root, Mosquitto drops to its own user, which must reach and write the data folder.
            allow(directory, "rwxr-xr-x");
            allow(data, "rwxrwxrwx");
            configFile = directory.resolve("mosquitto.conf");
            logFile = directory.resolve("mosquitto.log");
            Files.writeString(configFile, configTemplate.replace("${PORT}", Integer.toString(port))
                    .replace("${DATA}", data + File.separator));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Stops the broker and deletes its folder when the JVM ends before the test closed it.
        shutdownHook = new Thread(() -> {
            stopQuietly();
            Leftovers.delete(directory);
        }, "mosquitto-" + port + "-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private static void allow(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // nothing to do where there are no POSIX permissions
        }
    }

    /** Where Mosquitto is installed, if it is. */
    public static Optional<Path> findExecutable() {
        for (String candidate : CANDIDATES) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    public static boolean available() {
        return findExecutable().isPresent();
    }

    /** Starts a Mosquitto configured like the broker we ship, without persistence ({@code mosquitto-test.conf}). */
    public static MosquittoProcess launch() {
        return launch(testConfiguration());
    }

    /**
     * Starts a Mosquitto with the configuration {@code template}, in which {@code ${PORT}} is
     * replaced by a free port and {@code ${DATA}} by a persistence folder of its own.
     */
    public static MosquittoProcess launch(String template) {
        Path executable = findExecutable().orElseThrow(() -> new IllegalStateException("Mosquitto is not installed"));
        MosquittoProcess broker = new MosquittoProcess(executable, Ports.free(), template);
        broker.start();
        return broker;
    }

    /**
     * Starts a Mosquitto like {@link #launch()} but with persistence on (saved when it stops
     * gracefully, and on {@link #saveNow()}), so that sessions and queued messages survive a restart.
     */
    public static MosquittoProcess launchPersistent() {
        return launch(testConfiguration().replace("persistence false",
                "persistence true\npersistence_location ${DATA}\nautosave_interval 0"));
    }

    /** The test configuration ({@code mosquitto-test.conf}), a template with {@code ${PORT}}. */
    public static String testConfiguration() {
        try (InputStream template = MosquittoProcess.class.getResourceAsStream("/mosquitto-test.conf")) {
            return new String(template.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString()); // not a group leader, so setsid execs Mosquitto in the same process
        }
        command.add(executable.toString());
        command.add("-c");
        command.add(configFile.toString());
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + executable, e);
        }
        try {
            Ports.awaitListening(host(), port, Duration.ofSeconds(10));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; log: " + log(), e);
        }
    }

    /** Stops it gracefully (SIGTERM; Mosquitto saves its persistence), SIGKILL after 5 s. */
    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        resume();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        Ports.awaitClosed(host(), port, Duration.ofSeconds(10));
    }

    /** Kills it (SIGKILL), as a crash would: nothing is saved. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        Ports.awaitClosed(host(), port, Duration.ofSeconds(10));
    }

    /** Freezes it (SIGSTOP): connections stay open, nothing is read or answered. */
    public synchronized void pause() {
        signal("STOP");
    }

    /** Asks it to write its persistence file now (SIGUSR1; it does so in its next loop, within a second). */
    public synchronized void saveNow() {
        signal("USR1");
    }

    /** Lets a paused broker go on (SIGCONT). */
    public synchronized void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The process id while it runs. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("not running");
        }
        return process.pid();
    }

    /** The persistence folder ({@code ${DATA}} of the configuration). */
    public Path dataDirectory() {
        return directory.resolve("data");
    }

    /** Stops it and deletes its folder (configuration, log, persistence). */
    @Override
    public void close() {
        stop();
        Leftovers.discard(shutdownHook, directory);
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            // the JVM is ending; nothing more to do
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
        return "mosquitto";
    }

    /** What Mosquitto logged so far. */
    public String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
