package io.bemcom.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto process of the test's own, on a free loopback port, configured like the broker we
 * ship (raised queue and in-flight limits, see {@code mosquitto-test.conf}).
 */
final class MosquittoProcess implements RestartableBroker {

    private static final String[] CANDIDATES = {"/usr/sbin/mosquitto", "/usr/bin/mosquitto",
            "/usr/local/sbin/mosquitto", "/usr/local/bin/mosquitto"};

    private final Path executable;
    private final int port;
    private final Path configFile;
    private final Path logFile;
    private Process process;

    private MosquittoProcess(Path executable, int port) {
        this.executable = executable;
        this.port = port;
        try {
            Path dir = Files.createTempDirectory("bemcom-mosquitto-");
            this.configFile = dir.resolve("mosquitto.conf");
            this.logFile = dir.resolve("mosquitto.log");
            try (InputStream template = MosquittoProcess.class.getResourceAsStream("/mosquitto-test.conf")) {
                String config = new String(template.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("${PORT}", Integer.toString(port));
                Files.writeString(configFile, config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<Path> findExecutable() {
        for (String candidate : CANDIDATES) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    static MosquittoProcess startNew(Path executable) {
        MosquittoProcess broker = new MosquittoProcess(executable, Ports.free());
        broker.start();
        return broker;
    }

    @Override
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(executable.toString(), "-c", configFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + executable, e);
        }
        try {
            Ports.awaitListening(host(), port, Duration.ofSeconds(10));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; log: " + readLog(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
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
        return "mosquitto";
    }

    private String readLog() {
        try {
            File file = logFile.toFile();
            return file.exists() ? Files.readString(logFile) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
