package io.bemcom.api.support;

import io.bemcom.testsupport.TestDatabase;
import io.bemcom.testsupport.TestDatabases;

/** One PostgreSQL database for the shared Spring context of this JVM; dropped when the JVM exits. */
public final class SharedDatabase {

    private static TestDatabase database;

    private SharedDatabase() {
    }

    public static synchronized TestDatabase get() {
        if (database == null) {
            database = TestDatabases.create().dropAtExit();
        }
        return database;
    }
}
