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
            // WAL lets reads outside transactions run while a writer commits; busy_timeout makes
            // writers queue instead of failing with SQLITE_BUSY. Transactions begin IMMEDIATE, i.e.
            // take the write lock first (waiting up to busy_timeout for it): a deferred transaction
            // that reads and then writes fails with SQLITE_BUSY_SNAPSHOT whenever another connection
            // (ingestion) committed in between, which no waiting cures. So transactions are
            // serialised, reads in a transaction included; SQLite has one writer anyway.
            return "jdbc:sqlite:" + sqlitePath.toAbsolutePath()
                    + "?journal_mode=WAL&busy_timeout=30000&foreign_keys=true&synchronous=NORMAL"
                    + "&transaction_mode=IMMEDIATE";
        }
        return "jdbc:postgresql://" + host + ":" + port + "/" + dbName + "?reWriteBatchedInserts=true";
    }

    @Override
    public String toString() {
        return isSqlite() ? "SQLite at " + sqlitePath.toAbsolutePath()
                : "PostgreSQL at " + host + ":" + port + "/" + dbName + " as " + user;
    }
}
