package io.bemcom.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A PostgreSQL database of one test's own, dropped on {@link #close()}.
 *
 * @param host     server host
 * @param port     server port
 * @param name     the database's name (unique per test)
 * @param user     a user that owns it
 * @param password that user's password (may be empty)
 */
public record TestDatabase(String host, int port, String name, String user, String password, Runnable dropper)
        implements AutoCloseable {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    @Override
    public void close() {
        dropper.run();
    }

    /**
     * Drops the database when the JVM exits, for a database that a cached Spring test context keeps
     * using until then.
     */
    public TestDatabase dropAtExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                close();
            } catch (RuntimeException ignored) {
                // the server may be gone already
            }
        }, "drop-" + name));
        return this;
    }
}
