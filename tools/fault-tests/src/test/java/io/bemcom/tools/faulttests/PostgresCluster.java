package io.bemcom.tools.faulttests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
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

import io.bemcom.testsupport.Leftovers;
import io.bemcom.testsupport.Ports;

/**
 * A PostgreSQL cluster of the test's own (never the machine's shared one): {@code initdb} and
 * {@code pg_ctl} of the newest {@code /usr/lib/postgresql/<version>/bin}, a data folder under the
 * temporary folder, a free loopback port, trust authentication. The test may stop it and start it
 * again (a database outage). PostgreSQL refuses to run as root, so as root the commands run as the
 * {@code postgres} user ({@code runuser}).
 */
final class PostgresCluster implements AutoCloseable {

    static final String USER = "postgres";

    private final Path bin;
    private final Path directory;
    private final Path data;
    private final Path logFile;
    private final int port;
    private final Thread shutdownHook;
    private boolean running;

    private PostgresCluster(Path bin) throws IOException {
        this.bin = bin;
        this.directory = Files.createTempDirectory("bemcom-fault-pg-");
        this.data = directory.resolve("data");
        this.logFile = directory.resolve("postgresql.log");
        this.port = Ports.free();
        if (asRoot()) {
            UserPrincipal postgres = directory.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(USER);
            Files.setOwner(directory, postgres);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
        shutdownHook = new Thread(() -> {
            stopQuietly();
            Leftovers.delete(directory);
        }, "postgres-" + port + "-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The newest installed PostgreSQL server binaries, if any. */
    static Optional<Path> findBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
                    .max(Comparator.comparing(dir -> versionNumber(dir.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionNumber(String name) {
        try {
            return Integer.parseInt(name.replaceAll("[^0-9].*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static boolean available() {
        return findBinaries().isPresent();
    }

    /** Creates the cluster ({@code initdb}) and starts it. */
    static PostgresCluster start() {
        Path bin = findBinaries().orElseThrow(() -> new IllegalStateException(
                "No PostgreSQL server binaries in /usr/lib/postgresql/<version>/bin"));
        try {
            PostgresCluster cluster = new PostgresCluster(bin);
            cluster.run(Duration.ofMinutes(2), bin.resolve("initdb").toString(), "-D", cluster.data.toString(),
                    "-U", USER, "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C");
            cluster.startServer();
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server (again) and waits until it accepts connections. */
    synchronized void startServer() {
        if (running) {
            return;
        }
        // fsync off: these tests are about the services, not the disk; a fast stop is still consistent.
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + directory
                + " -c fsync=off -c full_page_writes=off -c max_connections=60";
        run(Duration.ofMinutes(2), bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", logFile.toString(),
                "-o", options, "-w", "-t", "90", "start");
        running = true;
        Ports.awaitListening("127.0.0.1", port, Duration.ofSeconds(30));
    }

    /** Stops the server ({@code pg_ctl stop -m fast}: open connections are ended). */
    synchronized void stopServer() {
        if (!running) {
            return;
        }
        run(Duration.ofMinutes(2), bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w",
                "-t", "90", "stop");
        running = false;
    }

    String host() {
        return "127.0.0.1";
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates an empty database. */
    void createDatabase(String name) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the database " + name, e);
        }
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, "");
    }

    @Override
    public void close() {
        stopQuietly();
        Leftovers.discard(shutdownHook, directory);
    }

    private void stopQuietly() {
        try {
            stopServer();
        } catch (RuntimeException e) {
            // the JVM is ending or the server is gone
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void run(Duration timeout, String... command) {
        List<String> full = new ArrayList<>();
        if (asRoot()) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(full).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("commands.log").toFile()))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " did not end within " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed with exit code " + process.exitValue()
                        + ":\n" + read(directory.resolve("commands.log")) + "\n" + read(logFile));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
