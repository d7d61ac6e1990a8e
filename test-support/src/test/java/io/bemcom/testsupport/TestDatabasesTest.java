package io.bemcom.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class TestDatabasesTest {

    @Test
    void givesEachTestAFreshDatabaseAndDropsItOnClose() throws SQLException {
        String name;
        try (TestDatabase first = TestDatabases.create(); TestDatabase second = TestDatabases.create()) {
            name = first.name();
            assertThat(first.name()).isNotEqualTo(second.name());
            try (Connection connection = first.connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE reading (value double precision)");
                statement.execute("INSERT INTO reading VALUES (21.5)");
                try (ResultSet rows = statement.executeQuery("SELECT value FROM reading")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getDouble(1)).isEqualTo(21.5);
                }
            }
            try (Connection connection = second.connect(); Statement statement = connection.createStatement();
                 ResultSet tables = statement.executeQuery(
                         "SELECT count(*) FROM information_schema.tables WHERE table_name = 'reading'")) {
                tables.next();
                assertThat(tables.getInt(1)).as("databases do not share tables").isZero();
            }
        }
        try (TestDatabase other = TestDatabases.create(); Connection connection = other.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            rows.next();
            assertThat(rows.getInt(1)).as("dropped on close").isZero();
        }
    }
}
