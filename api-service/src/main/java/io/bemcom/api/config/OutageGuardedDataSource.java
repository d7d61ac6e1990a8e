package io.bemcom.api.config;

import java.io.Closeable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import io.bemcom.protocol.ingest.DatabaseFailure;

/**
 * The data source in front of the connection pool that answers at once while the database cannot
 * be reached. Once a connection attempt fails because the server is away (refused, broken,
 * shutting down: {@link DatabaseFailure#isConnectionLost}), every further request for a connection
 * fails immediately with SQLSTATE 08001, instead of waiting for the pool's timeout (5 s) each time,
 * and a background check tries the pool every second until a connection works again. So during an
 * outage REST answers 503 at once and ingestion waits without piling up threads. A busy pool or a
 * SQLite file never trips it.
 */
public final class OutageGuardedDataSource extends DelegatingDataSource implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(OutageGuardedDataSource.class);
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "database-availability-check");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean away;
    private volatile String reason = "";

    public OutageGuardedDataSource(DataSource pool) {
        super(pool);
    }

    /** Whether the last connection attempt reached the database (no outage noticed). */
    public boolean isAvailable() {
        return !away;
    }

    @Override
    public Connection getConnection() throws SQLException {
        refuseWhileAway();
        try {
            return super.getConnection();
        } catch (SQLException e) {
            noticeOutage(e);
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        refuseWhileAway();
        try {
            return super.getConnection(username, password);
        } catch (SQLException e) {
            noticeOutage(e);
            throw e;
        }
    }

    private void refuseWhileAway() throws SQLTransientConnectionException {
        if (away) {
            throw new SQLTransientConnectionException("The database cannot be reached (" + reason
                    + "); checked again every " + CHECK_INTERVAL.toSeconds() + " s.", "08001");
        }
    }

    private void noticeOutage(SQLException failure) {
        if (!DatabaseFailure.isConnectionLost(failure)) {
            return;
        }
        synchronized (this) {
            if (away) {
                return;
            }
            reason = DatabaseFailure.reason(failure);
            away = true;
        }
        log.warn("The database cannot be reached ({}); requests that need it are answered with 503 at once until "
                + "it is back.", reason);
        checks.schedule(this::check, CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        try (Connection connection = super.getConnection()) {
            if (connection.isValid(2)) {
                away = false;
                log.info("The database can be reached again.");
                return;
            }
        } catch (SQLException | RuntimeException stillAway) {
            reason = DatabaseFailure.reason(stillAway);
        }
        if (!checks.isShutdown()) {
            checks.schedule(this::check, CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the checks and closes the pool. */
    @Override
    public void close() throws IOException {
        checks.shutdownNow();
        if (getTargetDataSource() instanceof Closeable pool) {
            pool.close();
        }
    }
}
