package io.bemcom.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The original's maintenance commands, run the way the jar runs them (on SQLite). */
class MaintenanceCommandsTest {

    @TempDir
    Path folder;

    @Test
    void migrateCreatesTheSchemaAndExitsWithZero() throws SQLException {
        Path database = folder.resolve("db.sqlite3");

        assertThat(MaintenanceCommands.run(args("migrate", database))).isZero();

        assertThat(count(database, "SELECT count(*) FROM flyway_schema_history WHERE success")).isPositive();
        assertThat(count(database, "SELECT count(*) FROM app_user")).isZero();
    }

    @Test
    void createsASuperuserFromTheEnvironmentWithNoInput() throws SQLException {
        Path database = folder.resolve("db.sqlite3");
        String[] args = args("createsuperuser", database, "--no-input", "--DJANGO_SUPERUSER_USERNAME=operator",
                "--DJANGO_SUPERUSER_PASSWORD=s3cret", "--DJANGO_SUPERUSER_EMAIL=operator@example.com");

        assertThat(MaintenanceCommands.run(args)).isZero();
        assertThat(MaintenanceCommands.run(args)).as("a second run: the user exists").isEqualTo(1);

        assertThat(count(database, "SELECT count(*) FROM app_user WHERE username = 'operator' AND is_superuser"))
                .isEqualTo(1);
    }

    @Test
    void createsASuperuserInteractively() throws SQLException {
        Path database = folder.resolve("db.sqlite3");
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("admin\nadmin@example.com\npw-1\npw-1\n"
                    .getBytes(StandardCharsets.UTF_8)));
            assertThat(MaintenanceCommands.run(args("createsuperuser", database))).isZero();
            System.setIn(new ByteArrayInputStream("other\n\npw-1\npw-2\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(MaintenanceCommands.run(args("createsuperuser", database)))
                    .as("passwords that do not match").isEqualTo(1);
        } finally {
            System.setIn(stdin);
        }

        assertThat(count(database, "SELECT count(*) FROM app_user WHERE is_superuser")).isEqualTo(1);
    }

    private static String[] args(String command, Path database, String... more) {
        String[] base = {command, "--DJANGOAPIDB_HOST=", "--DJANGOAPIDB_SQLITE_PATH=" + database,
                "--MQTT_BROKER_HOST=127.0.0.1"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static int count(Path database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
