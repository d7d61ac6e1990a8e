package io.bemcom.api.config;

import java.nio.file.Path;

/**
 * Where the data lives: PostgreSQL (TimescaleDB when the extension is available) when
 * {@code DJANGOAPIDB_HOST} is set, else a SQLite file at {@code sqlitePath}.
 */
public record DatabaseSettings(String host, int port, String user, String password, String dbName,
                               Path sqlitePath) {

    public boolean isSqlite() {
        return host == null || host.isBlank();
    }

    public String jdbcUrl() {
        if (isSqlite()) {
            // WAL lets REST reads run while the writer commits; busy_timeout makes writers queue
            // instead of failing with SQLITE_BUSY.
            return "jdbc:sqlite:" + sqlitePath.toAbsolutePath()
                    + "?journal_mode=WAL&busy_timeout=30000&foreign_keys=true&synchronous=NORMAL";
        }
        return "jdbc:postgresql://" + host + ":" + port + "/" + dbName + "?reWriteBatchedInserts=true";
    }

    @Override
    public String toString() {
        return isSqlite() ? "SQLite at " + sqlitePath.toAbsolutePath()
                : "PostgreSQL at " + host + ":" + port + "/" + dbName + " as " + user;
    }
}
