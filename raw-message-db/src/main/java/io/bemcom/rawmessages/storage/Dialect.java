package io.bemcom.rawmessages.storage;

import java.sql.SQLException;
import java.util.Locale;

import org.sqlite.SQLiteException;

/** The two databases the store runs on, and what differs between them. */
public enum Dialect {

    POSTGRESQL {
        @Override
        public boolean refusesData(SQLException e) {
            // SQLSTATE classes 22 data exception, 23 integrity violation, 54 program limit exceeded:
            // the row itself is the problem, so retrying cannot help.
            for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
                String state = cause.getSQLState();
                if (state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"))) {
                    return true;
                }
            }
            return false;
        }
    },

    SQLITE {
        @Override
        public boolean refusesData(SQLException e) {
            if (e instanceof SQLiteException sqlite) {
                String code = sqlite.getResultCode().name();
                return code.startsWith("SQLITE_CONSTRAINT") || code.equals("SQLITE_TOOBIG")
                        || code.equals("SQLITE_MISMATCH");
            }
            return false;
        }
    };

    /**
     * Whether the database refused the rows themselves (bad data) rather than failed to take them
     * now (connection lost, table locked or missing, disk full): the former is not retried.
     */
    public abstract boolean refusesData(SQLException e);

    /** Where this dialect's Flyway migrations are. */
    public String migrationLocation() {
        return "classpath:db/migration/" + name().toLowerCase(Locale.ROOT);
    }
}
