package io.bemcom.rawmessages.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class DialectTest {

    @Test
    void postgresqlRetriesEverythingButDataErrors() {
        assertThat(Dialect.POSTGRESQL.refusesData(new SQLException("bad byte", "22021"))).isTrue();
        assertThat(Dialect.POSTGRESQL.refusesData(new SQLException("not null", "23502"))).isTrue();
        assertThat(Dialect.POSTGRESQL.refusesData(new SQLException("too big", "54000"))).isTrue();
        assertThat(Dialect.POSTGRESQL.refusesData(new SQLException("connection lost", "08006"))).isFalse();
        assertThat(Dialect.POSTGRESQL.refusesData(new SQLException("no such table", "42P01"))).isFalse();
        assertThat(Dialect.POSTGRESQL.refusesData(new SQLException("admin shutdown", "57P01"))).isFalse();
        assertThat(Dialect.POSTGRESQL.refusesData(new SQLException("unknown"))).isFalse();
    }

    @Test
    void postgresqlLooksIntoBatchUpdateCauses() {
        SQLException batch = new SQLException("Batch entry 0 was aborted", "08000");
        batch.setNextException(new SQLException("bad byte", "22021"));

        assertThat(Dialect.POSTGRESQL.refusesData(batch)).isTrue();
    }

    @Test
    void sqliteRetriesEverythingButDataErrors() {
        assertThat(Dialect.SQLITE.refusesData(new SQLiteException("x", SQLiteErrorCode.SQLITE_CONSTRAINT_NOTNULL)))
                .isTrue();
        assertThat(Dialect.SQLITE.refusesData(new SQLiteException("x", SQLiteErrorCode.SQLITE_TOOBIG))).isTrue();
        assertThat(Dialect.SQLITE.refusesData(new SQLiteException("x", SQLiteErrorCode.SQLITE_BUSY))).isFalse();
        assertThat(Dialect.SQLITE.refusesData(new SQLiteException("no such table", SQLiteErrorCode.SQLITE_ERROR)))
                .isFalse();
        assertThat(Dialect.SQLITE.refusesData(new SQLException("other"))).isFalse();
    }

    @Test
    void eachDialectHasItsMigrations() {
        assertThat(Dialect.POSTGRESQL.migrationLocation()).isEqualTo("classpath:db/migration/postgresql");
        assertThat(Dialect.SQLITE.migrationLocation()).isEqualTo("classpath:db/migration/sqlite");
    }
}
