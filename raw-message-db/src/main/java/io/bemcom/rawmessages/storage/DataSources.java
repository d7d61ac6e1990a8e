package io.bemcom.rawmessages.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** A connection pool for the configured database. */
public final class DataSources {

    /** How long an SQLite writer waits for a lock before the write fails and is retried. */
    static final int SQLITE_BUSY_TIMEOUT_MS = 5_000;

    private DataSources() {
    }

    public static HikariDataSource create(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("raw-message-db");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setConnectionTimeout(10_000);
        if (settings.dialect() == Dialect.POSTGRESQL) {
            config.setUsername(settings.user());
            config.setPassword(settings.password());
            config.setMaximumPoolSize(5);
        } else {
            createParentDirectory(settings.sqlitePath());
            // WAL lets the export read while the writer writes; SQLite has one writer at a time.
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MS));
            config.setMaximumPoolSize(4);
        }
        return new HikariDataSource(config);
    }

    private static void createParentDirectory(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder of the SQLite file " + file, e);
        }
    }
}
