package io.bemcom.rawmessages;

import java.time.Clock;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.transaction.PlatformTransactionManager;

import com.zaxxer.hikari.HikariDataSource;

import io.bemcom.protocol.config.SpringVariables;
import io.bemcom.protocol.mqtt.ClientOptions;
import io.bemcom.rawmessages.export.RawMessageExport;
import io.bemcom.rawmessages.ingest.IngestMetrics;
import io.bemcom.rawmessages.ingest.RawMessageSubscriber;
import io.bemcom.rawmessages.ingest.RawMessageWriter;
import io.bemcom.rawmessages.retention.RetentionJob;
import io.bemcom.rawmessages.storage.DataSources;
import io.bemcom.rawmessages.storage.RawMessageStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Wires the service: database (migrated by Flyway before anything uses it), writer, broker
 * subscription and retention. On shutdown the subscription closes before the writer.
 */
@Configuration(proxyBeanMethods = false)
class RawMessageDbBeans {

    private static final Logger log = LoggerFactory.getLogger(RawMessageDbBeans.class);

    @Bean
    RawMessageDbSettings rawMessageDbSettings(ConfigurableEnvironment spring) {
        return RawMessageDbSettings.fromEnvironment(SpringVariables.of(spring));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(RawMessageDbSettings settings) {
        log.info("Storing raw messages in {}.", settings.database());
        return DataSources.create(settings.database());
    }

    /** One migration history per dialect: db/migration/postgresql or db/migration/sqlite. */
    @Bean
    FlywayConfigurationCustomizer migrationsOfTheDialect(RawMessageDbSettings settings) {
        return configuration -> configuration.locations(settings.database().dialect().migrationLocation());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Whether the broker is connected: part of {@code /actuator/health} and of readiness. */
    @Bean
    HealthIndicator broker(RawMessageSubscriber subscriber) {
        return () -> (subscriber.isConnected() ? Health.up() : Health.down()).build();
    }

    @Bean
    @DependsOnDatabaseInitialization
    RawMessageStore rawMessageStore(DataSource dataSource, RawMessageDbSettings settings) {
        return new RawMessageStore(dataSource, settings.database().dialect());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    RawMessageWriter rawMessageWriter(RawMessageStore store, MeterRegistry registry) {
        return new RawMessageWriter(store, new IngestMetrics(registry));
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    RawMessageSubscriber rawMessageSubscriber(RawMessageDbSettings settings, RawMessageWriter writer, Clock clock,
                                              MeterRegistry registry) {
        return new RawMessageSubscriber(settings.broker(), ClientOptions.persistent(settings.clientId()),
                settings.topicFilter(), writer, clock, registry);
    }

    @Bean
    @DependsOnDatabaseInitialization
    RawMessageExport rawMessageExport(DataSource dataSource, PlatformTransactionManager transactions) {
        return new RawMessageExport(dataSource, transactions);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    RetentionJob retentionJob(RawMessageStore store, Clock clock, RawMessageDbSettings settings,
                              MeterRegistry registry) {
        return new RetentionJob(store, clock, settings.retention(), registry);
    }
}
