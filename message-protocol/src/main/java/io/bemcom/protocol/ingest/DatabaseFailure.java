package io.bemcom.protocol.ingest;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a failed database write means, for PostgreSQL (by SQLSTATE) and SQLite (by result code;
 * sqlite-jdbc reports the primary result code as the vendor code and no SQLSTATE). One
 * classification for every writer of every service and for the REST API's answers.
 */
public enum DatabaseFailure {

    /**
     * The database refuses the data itself: SQLSTATE classes 22 (data exception, e.g. a NUL
     * character in text), 23 (integrity constraint) and 54 (program limit exceeded, e.g. 54000
     * "index row size exceeds maximum"); SQLite CONSTRAINT, MISMATCH and TOOBIG. Writing the same
     * data again cannot succeed.
     */
    REFUSED_DATA,

    /**
     * The database is away or busy: no connection (SQLSTATE class 08, a refused socket, a pool
     * that timed out), shutting down (57P01–57P03), out of resources (class 53), a serialisation
     * conflict (class 40); SQLite BUSY, LOCKED, IOERR, FULL, CANTOPEN. Waiting and writing again
     * succeeds once it is back.
     */
    UNAVAILABLE,

    /**
     * Any other error the database reported (a missing table, a failed commit, ...): the database
     * answered but did not take the write. Writers retry it, since an operator may fix it.
     */
    OTHER_DATABASE_ERROR,

    /** No database error at all: the caller's own code refused the data before it reached the database. */
    NOT_A_DATABASE_ERROR;

    private static final Set<String> SHUTTING_DOWN = Set.of("57P01", "57P02", "57P03");
    /** SQLite primary result codes. */
    private static final Set<Integer> SQLITE_REFUSED = Set.of(18, 19, 20); // TOOBIG, CONSTRAINT, MISMATCH
    private static final Set<Integer> SQLITE_AWAY = Set.of(5, 6, 10, 13, 14); // BUSY, LOCKED, IOERR, FULL, CANTOPEN

    /** Classifies a failure by every SQL exception in its cause chain (and their next exceptions). */
    public static DatabaseFailure of(Throwable failure) {
        boolean sql = false;
        boolean away = false;
        for (Throwable cause : chain(failure)) {
            if (cause instanceof ConnectException) {
                away = true;
            }
            if (!(cause instanceof SQLException e)) {
                continue;
            }
            sql = true;
            if (refusesData(e)) {
                return REFUSED_DATA;
            }
            away |= isAway(e);
        }
        if (away) {
            return UNAVAILABLE;
        }
        if (sql) {
            return OTHER_DATABASE_ERROR;
        }
        // Drivers check their own state with assertions (pgjdbc, when a connection is killed under it).
        return failure instanceof Error ? OTHER_DATABASE_ERROR : NOT_A_DATABASE_ERROR;
    }

    /**
     * Whether the failure says the server cannot be reached at all: a refused or broken connection
     * (SQLSTATE class 08, a {@link ConnectException}) or a server shutting down (57P01–57P03). A
     * connection pool that merely has no free connection does not count.
     */
    public static boolean isConnectionLost(Throwable failure) {
        for (Throwable cause : chain(failure)) {
            if (cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException e && e.getSQLState() != null
                    && (e.getSQLState().startsWith("08") || SHUTTING_DOWN.contains(e.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether writing the same data again can never succeed (the database or our own code refuses it). */
    public boolean isPermanent() {
        return this == REFUSED_DATA || this == NOT_A_DATABASE_ERROR;
    }

    /**
     * The database's own words: the innermost SQL message (a batch error wraps them in a message
     * quoting the statement), else the failure itself; at most {@value #MAX_REASON_LENGTH}
     * characters, without NUL characters (PostgreSQL text cannot hold them).
     */
    public static String reason(Throwable failure) {
        String reason = null;
        for (Throwable cause : chain(failure)) {
            if (cause instanceof SQLException && cause.getMessage() != null) {
                reason = cause.getMessage();
            }
        }
        String text = (reason != null ? reason : String.valueOf(failure)).replace('\0', '\uFFFD');
        return text.length() > MAX_REASON_LENGTH ? text.substring(0, MAX_REASON_LENGTH) + "…" : text;
    }

    /** Longer reasons (e.g. a statement quoted with its values) are cut. */
    public static final int MAX_REASON_LENGTH = 1_000;

    private static boolean refusesData(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            return state.startsWith("22") || state.startsWith("23") || state.startsWith("54");
        }
        return isSqlite(e) && SQLITE_REFUSED.contains(e.getErrorCode());
    }

    private static boolean isAway(SQLException e) {
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        if (state != null) {
            return state.startsWith("08") || state.startsWith("53") || state.startsWith("40")
                    || SHUTTING_DOWN.contains(state);
        }
        return isSqlite(e) && SQLITE_AWAY.contains(e.getErrorCode());
    }

    private static boolean isSqlite(SQLException e) {
        return e.getClass().getName().startsWith("org.sqlite.");
    }

    /** The failure, its causes and every SQL next-exception, each once. */
    private static Iterable<Throwable> chain(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
        java.util.List<Throwable> all = new java.util.ArrayList<>();
        todo.add(failure);
        while (!todo.isEmpty()) {
            Throwable next = todo.poll();
            if (next == null || seen.put(next, Boolean.TRUE) != null) {
                continue;
            }
            all.add(next);
            if (next.getCause() != null) {
                todo.add(next.getCause());
            }
            if (next instanceof SQLException sql && sql.getNextException() != null) {
                todo.add(sql.getNextException());
            }
        }
        return all;
    }
}
