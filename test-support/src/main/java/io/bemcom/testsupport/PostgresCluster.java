package io.bemcom.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of one test's own, which the test may stop and start (database outages):
 * a fresh cluster ({@code initdb}) in a temporary folder, on a free loopback port, with its socket
 * in that folder. Never the shared server of {@link TestDatabases}. It uses the machine's
 * PostgreSQL ({@code /usr/lib/postgresql/<version>/bin}); PostgreSQL refuses to run as root, so as
 * root the server runs as the user {@code postgres}. Tests skip themselves without it
 * ({@link #available()}).
 */
public final class PostgresCluster implements AutoCloseable {

    private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");
    private static final String SERVICE_USER = "postgres";

    private final Path bin;
    private final Path folder;
    private final Path data;
    private final int port;
    private boolean running;

    private PostgresCluster(Path bin) {
        this.bin = bin;
        this.port = Ports.free();
        try {
            this.folder = Files.createTempDirectory("bemcom-pg-cluster-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.data = folder.resolve("data");
    }

    /** Whether the machine has a PostgreSQL installation to start a cluster from. */
    public static boolean available() {
        return binaries().isPresent();
    }

    /** A new cluster, started; {@link #close()} stops it and deletes its files. */
    public static PostgresCluster start() {
        PostgresCluster cluster = new PostgresCluster(binaries().orElseThrow(() ->
                new IllegalStateException("no PostgreSQL under " + INSTALLATIONS)));
        cluster.initialise();
        cluster.startServer();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "stop-pg-cluster-" + cluster.port));
        return cluster;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String user() {
        return SERVICE_USER;
    }

    public String password() {
        return "";
    }

    /** A new database on this cluster (dropped with the cluster). */
    public TestDatabase createDatabase() {
        String name = TestNames.unique("bemcom_outage").replace('-', '_');
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port
                + "/postgres", user(), password()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
        return new TestDatabase(host(), port, name, user(), password(), () -> { });
    }

    /** Stops the server (fast shutdown: connections are terminated); its data stays. */
    public synchronized void stop() {
        if (running) {
            run(command("pg_ctl", "-D", data.toString(), "-w", "-t", "60", "-m", "fast", "stop"));
            running = false;
            Ports.awaitClosed(host(), port, Duration.ofSeconds(30));
        }
    }

    /** Starts the server again on the same port with the same data. */
    public synchronized void startServer() {
        if (!running) {
            run(command("pg_ctl", "-D", data.toString(), "-l", folder.resolve("server.log").toString(), "-w", "-t",
                    "60", "-o", "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
            running = true;
            Ports.awaitListening(host(), port, Duration.ofSeconds(30));
        }
    }

    @Override
    public synchronized void close() {
        try {
            stop();
        } catch (RuntimeException e) {
            // best effort; the folder goes anyway
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder
        }
    }

    private void initialise() {
        if (isRoot()) {
            run(List.of("chown", SERVICE_USER, folder.toString()));
        }
        run(command("initdb", "-D", data.toString(), "-U", SERVICE_USER, "--auth=trust", "-E", "UTF8", "--locale=C",
                "--no-sync"));
    }

    private List<String> command(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    private void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
            // pg_ctl start leaves the server running; its output goes to the log file, not this pipe.
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output + serverLog());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String serverLog() {
        Path log = folder.resolve("server.log");
        try {
            return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest installation that has initdb and pg_ctl. */
    private static Optional<Path> binaries() {
        if (!Files.isDirectory(INSTALLATIONS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(INSTALLATIONS)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparing(bin -> versionOf(bin.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(String folderName) {
        try {
            return Integer.parseInt(folderName);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
