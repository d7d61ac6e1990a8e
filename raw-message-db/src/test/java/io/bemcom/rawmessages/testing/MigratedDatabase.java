package io.bemcom.rawmessages.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.bemcom.rawmessages.storage.DataSources;
import io.bemcom.rawmessages.storage.DatabaseSettings;
import io.bemcom.rawmessages.storage.Dialect;
import io.bemcom.testsupport.TestDatabase;
import io.bemcom.testsupport.TestDatabases;

/**
 * A fresh database of one test, migrated like the service does it: a PostgreSQL database of its
 * own (dropped on close) or a SQLite file in a temporary folder.
 */
public final class MigratedDatabase implements AutoCloseable {

    private final DatabaseSettings settings;
    private final HikariDataSource dataSource;
    private final Runnable cleanup;
    public final JdbcTemplate jdbc;

    private MigratedDatabase(DatabaseSettings settings, Runnable cleanup) {
        this.settings = settings;
        this.cleanup = cleanup;
        this.dataSource = DataSources.create(settings);
        this.jdbc = new JdbcTemplate(dataSource);
        Flyway.configure().dataSource(dataSource).locations(settings.dialect().migrationLocation()).load().migrate();
    }

    public static MigratedDatabase of(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? postgresql() : sqlite();
    }

    /** The settings only, for a service that migrates by itself. */
    public static Map.Entry<DatabaseSettings, Runnable> unmigrated(Dialect dialect) {
        if (dialect == Dialect.POSTGRESQL) {
            TestDatabase database = TestDatabases.create();
            return Map.entry(DatabaseSettings.postgresql(database.host(), database.port(), database.user(),
                    database.password(), database.name()), database::close);
        }
        Path folder = temporaryFolder();
        return Map.entry(DatabaseSettings.sqlite(folder.resolve("raw-messages.sqlite3")), () -> delete(folder));
    }

    /** A database on the TimescaleDB server of {@code TEST_TIMESCALEDB_HOST} (see {@link TestDatabases}). */
    public static MigratedDatabase onTimescaleDb() {
        TestDatabase database = TestDatabases.createOnTimescaleDb();
        return new MigratedDatabase(DatabaseSettings.postgresql(database.host(), database.port(), database.user(),
                database.password(), database.name()), database::close);
    }

    private static MigratedDatabase postgresql() {
        Map.Entry<DatabaseSettings, Runnable> database = unmigrated(Dialect.POSTGRESQL);
        return new MigratedDatabase(database.getKey(), database.getValue());
    }

    private static MigratedDatabase sqlite() {
        Map.Entry<DatabaseSettings, Runnable> database = unmigrated(Dialect.SQLITE);
        return new MigratedDatabase(database.getKey(), database.getValue());
    }

    public DatabaseSettings settings() {
        return settings;
    }

    public Dialect dialect() {
        return settings.dialect();
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public long countMessages() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM raw_message", Long.class);
    }

    public long countRejects() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM raw_message_reject", Long.class);
    }

    /** Runs SQL on a connection of its own, outside the service's pool. */
    public void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(),
                settings.password()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
        cleanup.run();
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("raw-message-db-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path folder) {
        try (var paths = Files.walk(folder)) {
            List<Path> all = new ArrayList<>(paths.toList());
            Collections.reverse(all);
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
