package io.bemcom.api.history;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;

import io.bemcom.api.config.ApiSettings;

/** Picks the SQL dialect after the migrations ran: SQLite, PostgreSQL, or TimescaleDB. */
@Configuration(proxyBeanMethods = false)
public class HistoryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HistoryConfiguration.class);

    @Bean
    @DependsOn("flywayInitializer")
    public SqlDialect sqlDialect(ApiSettings settings, JdbcTemplate jdbc) {
        if (settings.database().isSqlite()) {
            return new SqliteDialect();
        }
        Boolean hypertables = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')",
                Boolean.class);
        boolean timescale = Boolean.TRUE.equals(hypertables);
        if (timescale) {
            Integer count = jdbc.queryForObject("SELECT count(*) FROM timescaledb_information.hypertables"
                    + " WHERE hypertable_name = 'datapoint_value'", Integer.class);
            timescale = count != null && count > 0;
        }
        log.info("History queries use {} ({}).", timescale ? "TimescaleDB time_bucket" : "PostgreSQL date_bin",
                timescale ? "hypertables present" : "no TimescaleDB");
        return new PostgresDialect(timescale);
    }
}
