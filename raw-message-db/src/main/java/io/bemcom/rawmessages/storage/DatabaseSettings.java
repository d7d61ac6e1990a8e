package io.bemcom.rawmessages.storage;

import java.nio.file.Path;

import io.bemcom.protocol.config.Environment;

/**
 * Where the raw messages are stored, by the api-service's pattern ({@code DJANGOAPIDB_*}): a
 * PostgreSQL server when a host is given, otherwise a SQLite file.
 *
 * @param host       {@code RAW_MESSAGE_DB_HOST}; {@code null} = SQLite
 * @param sqlitePath {@code RAW_MESSAGE_DB_SQLITE_PATH}, used only without a host
 */
public record DatabaseSettings(String host, int port, String user, String password, String databaseName,
                               Path sqlitePath) {

    public static final int DEFAULT_PORT = 5432;
    public static final String DEFAULT_NAME = "bemcom";
    public static final Path DEFAULT_SQLITE_PATH = Path.of("./data/raw-messages.sqlite3");

    public static DatabaseSettings fromEnvironment(Environment env) {
        return new DatabaseSettings(
                env.optional("RAW_MESSAGE_DB_HOST").orElse(null),
                env.integer("RAW_MESSAGE_DB_PORT", DEFAULT_PORT),
                env.string("RAW_MESSAGE_DB_USER", DEFAULT_NAME),
                env.string("RAW_MESSAGE_DB_PASSWORD", DEFAULT_NAME),
                env.string("RAW_MESSAGE_DB_DBNAME", DEFAULT_NAME),
                Path.of(env.string("RAW_MESSAGE_DB_SQLITE_PATH", DEFAULT_SQLITE_PATH.toString())));
    }

    public static DatabaseSettings postgresql(String host, int port, String user, String password, String name) {
        return new DatabaseSettings(host, port, user, password, name, DEFAULT_SQLITE_PATH);
    }

    public static DatabaseSettings sqlite(Path file) {
        return new DatabaseSettings(null, DEFAULT_PORT, DEFAULT_NAME, DEFAULT_NAME, DEFAULT_NAME, file);
    }

    public Dialect dialect() {
        return host == null ? Dialect.SQLITE : Dialect.POSTGRESQL;
    }

    public String jdbcUrl() {
        return dialect() == Dialect.POSTGRESQL
                ? "jdbc:postgresql://" + host + ":" + port + "/" + databaseName
                : "jdbc:sqlite:" + sqlitePath;
    }

    @Override
    public String toString() {
        // Never print the password.
        return dialect() == Dialect.POSTGRESQL ? "PostgreSQL " + user + "@" + host + ":" + port + "/" + databaseName
                : "SQLite " + sqlitePath.toAbsolutePath().normalize();
    }
}
