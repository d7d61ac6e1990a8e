package io.bemcom.api.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The settings bean and the data source chosen by {@code DJANGOAPIDB_HOST}. */
@Configuration(proxyBeanMethods = false)
public class ApiConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApiConfiguration.class);

    @Bean
    public ApiSettings apiSettings(ConfigurableEnvironment environment) {
        return ApiSettings.from(ApiSettings.environment(environment::getProperty));
    }

    /** One migration history per dialect: {@code db/migration/postgresql} or {@code db/migration/sqlite}. */
    @Bean
    public FlywayConfigurationCustomizer bemcomMigrations(ApiSettings settings) {
        return configuration -> configuration.locations(
                "classpath:db/migration/" + (settings.database().isSqlite() ? "sqlite" : "postgresql"));
    }

    @Bean
    public HibernatePropertiesCustomizer bemcomHibernateDialect(ApiSettings settings) {
        return properties -> {
            if (settings.database().isSqlite()) {
                properties.put("hibernate.dialect", "org.hibernate.community.dialect.SQLiteDialect");
            }
        };
    }

    /** The connection pool behind an {@link OutageGuardedDataSource}. */
    @Bean
    public OutageGuardedDataSource dataSource(ApiSettings settings) {
        DatabaseSettings db = settings.database();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.jdbcUrl());
        config.setPoolName("bemcom-api");
        // Fail fast on an outage: ingestion retries the batch, REST answers with an error.
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(60_000);
        if (db.isSqlite()) {
            Path parent = db.sqlitePath().toAbsolutePath().getParent();
            try {
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the folder of the SQLite file " + db.sqlitePath(), e);
            }
            config.setDriverClassName("org.sqlite.JDBC");
            config.setMaximumPoolSize(Math.max(4, settings.writeThreads() + 3));
            log.warn("Using SQLite as database ({}). Not meant for production: use PostgreSQL/TimescaleDB.", db);
        } else {
            config.setDriverClassName("org.postgresql.Driver");
            config.setUsername(db.user());
            config.setPassword(db.password());
            config.setMaximumPoolSize(settings.writeThreads() + 2 + Math.min(16, settings.workerProcesses() * 4));
            log.info("Using {}.", db);
        }
        return new OutageGuardedDataSource(new HikariDataSource(config));
    }
}
