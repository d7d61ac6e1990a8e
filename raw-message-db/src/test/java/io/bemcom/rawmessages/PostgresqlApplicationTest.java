package io.bemcom.rawmessages;

import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.bemcom.rawmessages.storage.DatabaseSettings;
import io.bemcom.rawmessages.storage.Dialect;
import io.bemcom.rawmessages.testing.MigratedDatabase;

/** The service on PostgreSQL, migrated by Flyway at start. */
class PostgresqlApplicationTest extends RawMessageDbApplicationTests {

    private static final Map.Entry<DatabaseSettings, Runnable> DATABASE =
            MigratedDatabase.unmigrated(Dialect.POSTGRESQL);

    @DynamicPropertySource
    static void variables(DynamicPropertyRegistry registry) {
        brokerVariables(registry);
        databaseVariables(registry, DATABASE.getKey());
    }

    @Override
    void dropDatabase() {
        DATABASE.getValue().run();
    }
}
