package io.bemcom.testsupport;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * {@code @ExtendWith(RequiresTimescaleDb.class)}: skips each test of the class where no TimescaleDB
 * server is configured ({@link TestDatabases#createOnTimescaleDb()}). It runs before the test
 * instance exists, so a Spring context is never started for nothing, and per test rather than per
 * class, so that Surefire reports the tests as skipped instead of not counting them.
 */
public final class RequiresTimescaleDb implements TestInstancePreConstructCallback {

    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
        Assumptions.assumeTrue(TestDatabases.timescaleDbConfigured(), "set TEST_TIMESCALEDB_HOST (and "
                + "TEST_TIMESCALEDB_PORT, default 5432, TEST_TIMESCALEDB_USER, default postgres, "
                + "TEST_TIMESCALEDB_PASSWORD, default empty) to a PostgreSQL server with timescaledb in "
                + "shared_preload_libraries to run this test");
    }
}
