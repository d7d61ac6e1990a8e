package io.bemcom.rawmessages.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DialectTest {

    @Test
    void eachDialectHasItsMigrations() {
        assertThat(Dialect.POSTGRESQL.migrationLocation()).isEqualTo("classpath:db/migration/postgresql");
        assertThat(Dialect.SQLITE.migrationLocation()).isEqualTo("classpath:db/migration/sqlite");
    }
}
