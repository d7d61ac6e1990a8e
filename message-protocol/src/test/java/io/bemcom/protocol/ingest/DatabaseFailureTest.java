package io.bemcom.protocol.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class DatabaseFailureTest {

    @Test
    void postgresqlRefusesDataOfTheClassesDataExceptionIntegrityAndProgramLimit() {
        assertThat(DatabaseFailure.of(new SQLException("bad byte", "22021"))).isEqualTo(DatabaseFailure.REFUSED_DATA);
        assertThat(DatabaseFailure.of(new SQLException("not null", "23502"))).isEqualTo(DatabaseFailure.REFUSED_DATA);
        assertThat(DatabaseFailure.of(new SQLException("index row requires 12016 bytes", "54000")))
                .isEqualTo(DatabaseFailure.REFUSED_DATA);
        assertThat(DatabaseFailure.REFUSED_DATA.isPermanent()).isTrue();
    }

    @Test
    void postgresqlAwayOrBusyIsUnavailable() {
        for (String state : new String[] {"08006", "08001", "57P01", "57P03", "53300", "40001"}) {
            assertThat(DatabaseFailure.of(new SQLException("x", state))).as(state).isEqualTo(DatabaseFailure.UNAVAILABLE);
        }
        assertThat(DatabaseFailure.of(new SQLTransientConnectionException("pool - Connection is not available")))
                .isEqualTo(DatabaseFailure.UNAVAILABLE);
        assertThat(DatabaseFailure.of(new RuntimeException("wrapped", new SQLException("x", null, 0,
                new ConnectException("Connection refused"))))).isEqualTo(DatabaseFailure.UNAVAILABLE);
        assertThat(DatabaseFailure.UNAVAILABLE.isPermanent()).isFalse();
    }

    @Test
    void otherDatabaseErrorsAreRetriedNotRefused() {
        assertThat(DatabaseFailure.of(new SQLException("no such table", "42P01")))
                .isEqualTo(DatabaseFailure.OTHER_DATABASE_ERROR);
        assertThat(DatabaseFailure.of(new SQLException("unknown"))).isEqualTo(DatabaseFailure.OTHER_DATABASE_ERROR);
        assertThat(DatabaseFailure.of(new AssertionError("pgjdbc state"))).isEqualTo(DatabaseFailure.OTHER_DATABASE_ERROR);
        assertThat(DatabaseFailure.OTHER_DATABASE_ERROR.isPermanent()).isFalse();
    }

    @Test
    void aFailureWithoutAnyDatabaseErrorIsPermanent() {
        assertThat(DatabaseFailure.of(new IllegalArgumentException("bad input")))
                .isEqualTo(DatabaseFailure.NOT_A_DATABASE_ERROR);
        assertThat(DatabaseFailure.NOT_A_DATABASE_ERROR.isPermanent()).isTrue();
    }

    @Test
    void looksIntoCausesAndBatchNextExceptionsAndReportsTheDatabasesOwnWords() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT ... was aborted", "08000", new int[0]);
        batch.setNextException(new SQLException("ERROR: index row requires 12016 bytes, maximum size is 8191", "54000"));
        RuntimeException translated = new RuntimeException("PreparedStatementCallback; SQL [...]", batch);

        assertThat(DatabaseFailure.of(translated)).isEqualTo(DatabaseFailure.REFUSED_DATA);
        assertThat(DatabaseFailure.reason(translated)).isEqualTo("ERROR: index row requires 12016 bytes, maximum size is 8191");
        assertThat(DatabaseFailure.reason(new IllegalStateException("boom"))).isEqualTo("java.lang.IllegalStateException: boom");
    }

    @Test
    void sqliteByResultCode() {
        assertThat(DatabaseFailure.of(new SQLiteException("x", SQLiteErrorCode.SQLITE_CONSTRAINT_NOTNULL)))
                .isEqualTo(DatabaseFailure.REFUSED_DATA);
        assertThat(DatabaseFailure.of(new SQLiteException("x", SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY)))
                .isEqualTo(DatabaseFailure.REFUSED_DATA);
        assertThat(DatabaseFailure.of(new SQLiteException("x", SQLiteErrorCode.SQLITE_TOOBIG))).isEqualTo(DatabaseFailure.REFUSED_DATA);
        assertThat(DatabaseFailure.of(new SQLiteException("x", SQLiteErrorCode.SQLITE_BUSY))).isEqualTo(DatabaseFailure.UNAVAILABLE);
        assertThat(DatabaseFailure.of(new SQLiteException("x", SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT)))
                .isEqualTo(DatabaseFailure.UNAVAILABLE);
        assertThat(DatabaseFailure.of(new SQLiteException("x", SQLiteErrorCode.SQLITE_LOCKED))).isEqualTo(DatabaseFailure.UNAVAILABLE);
        assertThat(DatabaseFailure.of(new SQLiteException("no such table", SQLiteErrorCode.SQLITE_ERROR)))
                .isEqualTo(DatabaseFailure.OTHER_DATABASE_ERROR);
        // Another driver's vendor code 19 means nothing here.
        assertThat(DatabaseFailure.of(new SQLException("other", null, 19))).isEqualTo(DatabaseFailure.OTHER_DATABASE_ERROR);
    }

    @Test
    void aLostConnectionIsToldFromAPoolWithoutFreeConnections() {
        assertThat(DatabaseFailure.isConnectionLost(new SQLTransientConnectionException("pool - Connection is not "
                + "available", "08001", new SQLException("Connection to 127.0.0.1:5 refused", "08001")))).isTrue();
        assertThat(DatabaseFailure.isConnectionLost(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(DatabaseFailure.isConnectionLost(new RuntimeException(new ConnectException("refused")))).isTrue();
        assertThat(DatabaseFailure.isConnectionLost(new SQLTransientConnectionException("pool - Connection is not "
                + "available, request timed out after 5000ms"))).isFalse();
        assertThat(DatabaseFailure.isConnectionLost(new SQLException("x", "23505"))).isFalse();
    }
}
