package io.bemcom.rawmessages;

import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.bemcom.rawmessages.storage.DatabaseSettings;
import io.bemcom.rawmessages.storage.Dialect;
import io.bemcom.rawmessages.testing.MigratedDatabase;

/** The service on an SQLite file: what runs when no database host is configured. */
class SqliteApplicationTest extends RawMessageDbApplicationTests {

    private static final Map.Entry<DatabaseSettings, Runnable> DATABASE = MigratedDatabase.unmigrated(Dialect.SQLITE);

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
