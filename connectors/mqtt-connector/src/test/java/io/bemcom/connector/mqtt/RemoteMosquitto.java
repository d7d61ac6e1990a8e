package io.bemcom.connector.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.bemcom.testsupport.Leftovers;
import io.bemcom.testsupport.MosquittoProcess;
import io.bemcom.testsupport.RestartableBroker;

/**
 * A remote broker with what {@code TestBrokers.restartable()} does not configure: a Mosquitto that
 * keeps its sessions on disk across a restart ({@link #persistent()}), listens with TLS
 * ({@link #tls}) or wants a password ({@link #withPassword}). Only the configuration is here; the
 * process is test-support's {@link MosquittoProcess} (the test configuration, a free port). Tests
 * that need one assume {@link #installed()}.
 */
final class RemoteMosquitto implements RestartableBroker {

    private static final List<String> DIRECTORIES = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin");

    private final Path files;
    // Started as root, Mosquitto would become the user "mosquitto", who cannot read this test's files.
    private String configuration = MosquittoProcess.testConfiguration() + "\nuser " + System.getProperty("user.name")
            + "\n";
    private MosquittoProcess process;

    private RemoteMosquitto() {
        try {
            files = Files.createTempDirectory("bemcom-remote-mosquitto-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> find(String program) {
        return DIRECTORIES.stream().map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst();
    }

    /** Mosquitto and its mosquitto_passwd are installed. */
    static boolean installed() {
        return MosquittoProcess.available() && find("mosquitto_passwd").isPresent();
    }

    /** A broker that is not started yet; configure it, then {@link #start()}. */
    static RemoteMosquitto configure() {
        return new RemoteMosquitto();
    }

    /** Sessions, their subscriptions and queued messages are saved on stop and restored on start. */
    RemoteMosquitto persistent() {
        configuration = configuration.replace("persistence false", "persistence true\npersistence_location ${DATA}");
        return this;
    }

    /** TLS on the listener with the server's certificate and key files (PEM). */
    RemoteMosquitto tls(Path certificate, Path privateKey) {
        configuration += "certfile " + certificate + "\nkeyfile " + privateKey + "\n";
        return this;
    }

    /** Anonymous clients are refused; {@code user} logs in with {@code password}. */
    RemoteMosquitto withPassword(String user, String password) {
        Path passwords = files.resolve("passwords");
        run(List.of(find("mosquitto_passwd").orElseThrow().toString(), "-c", "-b", passwords.toString(), user,
                password));
        configuration = configuration.replace("allow_anonymous true", "allow_anonymous false\npassword_file " + passwords);
        return this;
    }

    private static void run(List<String> command) {
        try {
            Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(tool.getInputStream().readAllBytes());
            if (!tool.waitFor(30, TimeUnit.SECONDS) || tool.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Launches it the first time (its port is chosen then), starts it again after a {@link #stop()}. */
    @Override
    public synchronized void start() {
        if (process == null) {
            process = MosquittoProcess.launch(configuration);
        } else {
            process.start();
        }
    }

    @Override
    public synchronized void stop() {
        if (process != null) {
            process.stop();
        }
    }

    String log() {
        return process == null ? "(not started)" : process.log();
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.close();
        }
        Leftovers.delete(files);
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public synchronized int port() {
        if (process == null) {
            throw new IllegalStateException("start the remote broker first: its port is chosen when it is launched");
        }
        return process.port();
    }

    @Override
    public String source() {
        return "mosquitto (remote)";
    }
}
