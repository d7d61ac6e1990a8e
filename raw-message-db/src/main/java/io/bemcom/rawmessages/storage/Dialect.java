package io.bemcom.rawmessages.storage;

import java.util.Locale;

/**
 * The two databases the store runs on, and what differs between them. Which of their errors mean
 * "this row can never be stored" is decided in one place for every service:
 * {@link io.bemcom.protocol.ingest.DatabaseFailure}.
 */
public enum Dialect {

    POSTGRESQL,

    SQLITE;

    /** Where this dialect's Flyway migrations are. */
    public String migrationLocation() {
        return "classpath:db/migration/" + name().toLowerCase(Locale.ROOT);
    }
}
