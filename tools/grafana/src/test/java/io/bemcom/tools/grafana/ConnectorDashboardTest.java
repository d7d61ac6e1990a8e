package io.bemcom.tools.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.bemcom.testsupport.TestDatabase;
import io.bemcom.testsupport.TestDatabases;
import io.bemcom.tools.grafana.GrafanaInterpolation.Variable;
import tools.jackson.databind.JsonNode;

/**
 * Runs every SQL query of the provisioned dashboards — panels and variables — as Grafana would send
 * it (variables and macros expanded, {@link GrafanaInterpolation}), against a PostgreSQL database
 * made by the api-service's own migrations, holding a connector's data, as the read-only role
 * {@code bemcom_readonly} that migration V5 creates. On a TimescaleDB server
 * ({@code TEST_TIMESCALEDB_HOST}) the macros use the real {@code time_bucket}; on a plain PostgreSQL
 * a stand-in with TimescaleDB's semantics for fixed intervals ({@code date_bin} from 2000-01-03) is
 * defined for the data source's TimescaleDB mode, and the plain mode runs as well.
 */
class ConnectorDashboardTest {

    private static final Instant NOW = Instant.now();
    private static final Instant FROM = NOW.minus(Duration.ofHours(6));
    private static final String READ_ONLY = "bemcom_readonly";

    private static TestDatabase database;
    private static boolean realTimescaleDb;
    private static long connector;
    private static long otherConnector;
    private static long temperature;
    private static long setpointActuator;
    private static long inactive;

    @BeforeAll
    static void migrateAndFill() throws SQLException {
        realTimescaleDb = TestDatabases.timescaleDbConfigured();
        database = realTimescaleDb ? TestDatabases.createOnTimescaleDb() : TestDatabases.create();
        Flyway.configure().dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations("filesystem:" + Repository.root().resolve("api-service/src/main/resources/db/migration/postgresql"))
                .load().migrate();
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            if (!realTimescaleDb) {
                s.execute("CREATE FUNCTION time_bucket(bucket INTERVAL, ts TIMESTAMPTZ) RETURNS TIMESTAMPTZ"
                        + " LANGUAGE SQL IMMUTABLE AS $$ SELECT date_bin(bucket, ts, TIMESTAMPTZ '2000-01-03 00:00:00+00') $$");
                s.execute("GRANT EXECUTE ON FUNCTION time_bucket(INTERVAL, TIMESTAMPTZ) TO " + READ_ONLY);
            }
            connector = insertConnector(c, "grafana-o'connector");
            otherConnector = insertConnector(c, "grafana-other");
            long now = NOW.toEpochMilli();
            s.execute("INSERT INTO connector_heartbeat VALUES (" + connector + ", " + (now - 10_000) + ", " + (now + 50_000) + ")");
            temperature = insertDatapoint(c, connector, "temp", "sensor", true, "generic_numeric", "T_room");
            long text = insertDatapoint(c, connector, "state", "sensor", true, "generic_text", null);
            long flag = insertDatapoint(c, connector, "on", "sensor", true, "bool", "heating_on");
            setpointActuator = insertDatapoint(c, connector, "setpoint", "actuator", true, "continuous_numeric", "T_set");
            inactive = insertDatapoint(c, connector, "unused", "sensor", false, "generic_numeric", null);
            long foreign = insertDatapoint(c, otherConnector, "temp", "sensor", true, "generic_numeric", "T_other");
            try (PreparedStatement value = c.prepareStatement("INSERT INTO datapoint_value VALUES (?, ?, ?, ?)")) {
                for (int minute = 0; minute < 180; minute++) {
                    long time = now - minute * 60_000L;
                    addValue(value, temperature, time, Double.toString(20 + minute % 5), 20.0 + minute % 5);
                    addValue(value, inactive, time, "1.0", 1.0);
                    addValue(value, foreign, time, "99.0", 99.0);
                    addValue(value, setpointActuator, time, "21.5", 21.5);
                }
                addValue(value, text, now - 5_000, "\"heating\"", null);
                addValue(value, flag, now - 4_000, "true", null);
                // Outside the dashboard's range: must not show.
                addValue(value, text, now - Duration.ofDays(2).toMillis(), "\"old\"", null);
                value.executeBatch();
            }
            for (long id : List.of(temperature, text, flag, setpointActuator, inactive, foreign)) {
                s.execute("INSERT INTO datapoint_last_value SELECT datapoint_id, value, time FROM datapoint_value v"
                        + " WHERE datapoint_id = " + id + " ORDER BY time DESC LIMIT 1");
            }
            s.execute("INSERT INTO datapoint_last_setpoint VALUES (" + setpointActuator
                    + ", '[{\"from_timestamp\":null,\"to_timestamp\":null,\"preferred_value\":21.5,\"min_value\":20.0,\"max_value\":23.0}]', "
                    + (now - 60_000) + ")");
            s.execute("INSERT INTO datapoint_last_schedule VALUES (" + setpointActuator
                    + ", '[{\"from_timestamp\":null,\"to_timestamp\":null,\"value\":21.5}]', " + (now - 60_000) + ")");
            try (PreparedStatement log = c.prepareStatement(
                    "INSERT INTO connector_log_entry (connector_id, timestamp, msg, emitter, level) VALUES (?, ?, ?, ?, ?)")) {
                addLog(log, connector, now - 30_000, "Connector online. Entering main loop.", "main", 20);
                addLog(log, connector, now - 20_000, "Read timed out", "modbus", 30);
                addLog(log, connector, now - 10_000, "Device unreachable", null, 40);
                addLog(log, connector, now - Duration.ofDays(1).toMillis(), "yesterday", "main", 20);
                addLog(log, otherConnector, now - 10_000, "not mine", "main", 40);
                log.executeBatch();
            }
        }
    }

    @AfterAll
    static void drop() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void everyQueryOfEveryDashboardRunsAsTheReadOnlyRoleInBothTimescaleDbModes() throws SQLException {
        int queries = 0;
        for (var file : Repository.dashboards()) {
            JsonNode dashboard = Repository.JSON.readTree(Repository.read(file));
            for (boolean timescaledb : new boolean[] {true, false}) {
                for (JsonNode target : sqlTargets(dashboard)) {
                    for (GrafanaInterpolation interpolation : interpolations(timescaledb)) {
                        run(interpolation.sql(target.path("rawSql").stringValue()));
                        queries++;
                    }
                }
                for (JsonNode variable : dashboard.path("templating").path("list")) {
                    if (isSql(variable.path("datasource"))) {
                        run(interpolations(timescaledb).get(0).sql(variable.path("query").stringValue()));
                        queries++;
                    }
                }
            }
        }
        assertThat(queries).isGreaterThan(20);
    }

    @Test
    void theConnectorVariableOffersEveryConnectorByIdAndTheDatapointVariableItsActiveNumericDatapoints() throws SQLException {
        JsonNode dashboard = Repository.dashboard("bemcom-connector.json");
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        dashboard.path("templating").path("list").forEach(v -> variables.put(v.path("name").stringValue(), v));
        List<Map<String, Object>> connectors = run(interpolation(true, Long.toString(temperature)).sql(
                variables.get("connector").path("query").stringValue()));
        assertThat(connectors).extracting(row -> row.get("__text")).contains("grafana-o'connector", "grafana-other");
        List<Map<String, Object>> datapoints = run(interpolation(true, Long.toString(temperature)).sql(
                variables.get("datapoint").path("query").stringValue()));
        assertThat(datapoints).extracting(row -> row.get("__value")).containsExactly(temperature, setpointActuator);
    }

    @Test
    void panelsShowTheConnectorsHeartbeatLastValuesHistoryAndLogs() throws SQLException {
        JsonNode dashboard = Repository.dashboard("bemcom-connector.json");
        GrafanaInterpolation grafana = interpolation(true, Long.toString(temperature));

        Map<String, Object> age = only(run(grafana.sql(sql(dashboard, "Heartbeat age"))));
        assertThat(((Number) age.get("heartbeat age")).doubleValue()).isBetween(9.0, 600.0);
        assertThat(only(run(grafana.sql(sql(dashboard, "Alive")))).get("alive")).isEqualTo(1);

        List<Map<String, Object>> last = run(grafana.sql(sql(dashboard, "Last values")));
        assertThat(last).extracting(row -> row.get("datapoint")).containsExactly("T_room", "state", "heating_on", "T_set");
        assertThat(last).extracting(row -> row.get("value")).containsExactly("20.0", "\"heating\"", "true", "21.5");

        List<Map<String, Object>> history = run(grafana.sql(sql(dashboard, "Numeric history")));
        assertTimeSeries(history);
        assertThat(history).extracting(row -> row.get("metric")).containsOnly("T_room [" + temperature + "]",
                "T_set [" + setpointActuator + "]");
        // 180 one-minute values averaged into 5-minute buckets: 36 or 37 buckets per datapoint.
        assertThat(history.stream().filter(row -> row.get("metric").equals("T_room [" + temperature + "]")).count())
                .isBetween(36L, 37L);

        List<Map<String, Object>> repeated = run(grafana.sql(sql(dashboard, "$datapoint")));
        assertTimeSeries(repeated);
        assertThat(repeated).extracting(row -> row.get("metric")).containsOnly("T_room [" + temperature + "]");

        List<Map<String, Object>> texts = run(grafana.sql(sql(dashboard, "Text and boolean values in range")));
        assertThat(texts).extracting(row -> row.get("value")).containsExactly("true", "\"heating\"");

        Map<String, Object> control = only(run(grafana.sql(sql(dashboard, "Setpoints and schedules in force"))));
        assertThat(control.get("actuator")).isEqualTo("T_set [" + setpointActuator + "]");
        assertThat((String) control.get("setpoint")).contains("\"preferred_value\":21.5");

        List<Map<String, Object>> logs = run(grafana.sql(sql(dashboard, "Log entries")));
        assertThat(logs).extracting(row -> row.get("level")).containsExactly("error", "warning", "info");
        assertThat(logs).extracting(row -> row.get("body")).containsExactly(": Device unreachable",
                "modbus: Read timed out", "main: Connector online. Entering main loop.");
        assertThat(only(run(grafana.sql(sql(dashboard, "Log entries in range")))))
                .containsEntry("errors", 1L).containsEntry("warnings", 1L).containsEntry("all", 3L);
    }

    @Test
    void theReadOnlyRoleReadsNoUsersOrTokensAndWritesNothing() throws SQLException {
        for (String forbidden : List.of("SELECT * FROM app_user", "SELECT * FROM auth_token",
                "SELECT * FROM app_user_permissions", "DELETE FROM datapoint_value",
                "INSERT INTO connector (name, added, last_changed) VALUES ('x', 0, 0)")) {
            assertThatThrownBy(() -> runWritable(forbidden)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
    }

    // --- helpers

    private static List<JsonNode> sqlTargets(JsonNode dashboard) {
        List<JsonNode> targets = new ArrayList<>();
        for (JsonNode panel : Repository.panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                JsonNode source = target.path("datasource").isMissingNode() ? panel.path("datasource") : target.path("datasource");
                if (isSql(source)) {
                    targets.add(target);
                }
            }
        }
        return targets;
    }

    private static boolean isSql(JsonNode datasource) {
        return datasource.path("uid").stringValue("").equals("bemcom-db");
    }

    private static String sql(JsonNode dashboard, String title) {
        for (JsonNode panel : Repository.panels(dashboard)) {
            if (panel.path("title").stringValue().equals(title)) {
                return panel.path("targets").get(0).path("rawSql").stringValue();
            }
        }
        throw new AssertionError("no panel " + title);
    }

    /** The connector with data, a 5-minute interval; the datapoint variable at "All" and at one datapoint. */
    private static List<GrafanaInterpolation> interpolations(boolean timescaledb) {
        return List.of(
                new GrafanaInterpolation(FROM, NOW, Duration.ofMinutes(5), timescaledb, List.of(
                        Variable.single("connector", Long.toString(connector)),
                        Variable.multi("datapoint", List.of(Long.toString(temperature), Long.toString(setpointActuator))))),
                interpolation(timescaledb, Long.toString(temperature)),
                new GrafanaInterpolation(FROM, NOW, Duration.ofMillis(500), timescaledb, List.of(
                        Variable.single("connector", Long.toString(otherConnector)),
                        Variable.multi("datapoint", List.of("0")))));
    }

    private static GrafanaInterpolation interpolation(boolean timescaledb, String datapoint) {
        return new GrafanaInterpolation(FROM, NOW, Duration.ofMinutes(5), timescaledb, List.of(
                Variable.single("connector", Long.toString(connector)), Variable.multi("datapoint", List.of(datapoint))));
    }

    private static void assertTimeSeries(List<Map<String, Object>> rows) {
        assertThat(rows).isNotEmpty();
        Object previous = null;
        for (Map<String, Object> row : rows) {
            Object time = row.values().iterator().next();
            assertThat(row.keySet().iterator().next()).isEqualTo("time");
            assertThat(time).isInstanceOfAny(java.sql.Timestamp.class, Number.class);
            if (previous != null) {
                assertThat(((Comparable<Object>) previous).compareTo(time)).isLessThanOrEqualTo(0);
            }
            previous = time;
            assertThat(row.get("value")).isInstanceOf(Number.class);
        }
    }

    private static Map<String, Object> only(List<Map<String, Object>> rows) {
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    /** The query in a read-only transaction as the read-only role, as the data source's login role runs it. */
    private static List<Map<String, Object>> run(String sql) throws SQLException {
        try (Connection c = database.connect()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL ROLE " + READ_ONLY);
                s.execute("SET LOCAL TIME ZONE 'UTC'");
                try (ResultSet rs = s.executeQuery(sql)) {
                    return rows(rs);
                } catch (SQLException e) {
                    throw new SQLException(e.getMessage() + "\n--- in query:\n" + sql, e.getSQLState(), e);
                }
            } finally {
                c.rollback();
            }
        }
    }

    private static void runWritable(String sql) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET LOCAL ROLE " + READ_ONLY);
            try {
                s.execute(sql);
            } finally {
                c.rollback();
            }
        }
    }

    private static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.put(meta.getColumnLabel(i), rs.getObject(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static long insertConnector(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO connector (name, added, last_changed) VALUES (?, 0, 0) RETURNING id")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long insertDatapoint(Connection c, long connector, String key, String type, boolean active,
                                        String format, String shortName) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO datapoint (connector_id, key_in_connector, type,"
                + " is_active, data_format, short_name, unit) VALUES (?, ?, ?, ?, ?, ?, '°C') RETURNING id")) {
            s.setLong(1, connector);
            s.setString(2, key);
            s.setString(3, type);
            s.setBoolean(4, active);
            s.setString(5, format);
            s.setString(6, shortName);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void addValue(PreparedStatement s, long datapoint, long time, String value, Double number)
            throws SQLException {
        s.setLong(1, datapoint);
        s.setLong(2, time);
        s.setString(3, value);
        if (number == null) {
            s.setNull(4, Types.DOUBLE);
        } else {
            s.setDouble(4, number);
        }
        s.addBatch();
    }

    private static void addLog(PreparedStatement s, long connector, long time, String msg, String emitter, int level)
            throws SQLException {
        s.setLong(1, connector);
        s.setLong(2, time);
        s.setString(3, msg);
        s.setString(4, emitter);
        s.setInt(5, level);
        s.addBatch();
    }
}
