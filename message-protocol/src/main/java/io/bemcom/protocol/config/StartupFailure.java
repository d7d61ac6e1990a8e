package io.bemcom.protocol.config;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.bemcom.protocol.mqtt.BrokerException;

/**
 * Why a service could not start, in one line: what it could not reach or use, and which variables
 * set that. The stack trace belongs at DEBUG; an operator needs the cause and the knob.
 *
 * @param databasePrefix the prefix of the service's database variables ({@code DJANGOAPIDB_},
 *                       {@code RAW_MESSAGE_DB_}), or null when it has no database
 * @param portVariable   the variable of the port it serves, or null
 */
public record StartupFailure(String databasePrefix, String portVariable) {

    /** One line naming the cause and the variables that set it, e.g. for {@code log.error}. */
    public String describe(Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable cause : chain) {
            if (cause instanceof ConfigurationException) {
                return "Configuration error: " + oneLine(cause.getMessage());
            }
        }
        for (Throwable cause : chain) {
            if (cause instanceof BrokerException broker) {
                return oneLine(broker.getMessage()) + " (set by " + broker.settingVariables() + ")";
            }
            if (cause.getClass().getSimpleName().equals("PortInUseException")) {
                return oneLine(cause.getMessage()) + (portVariable == null ? "" : " (set by " + portVariable + ")");
            }
        }
        SQLException database = null;
        for (Throwable cause : chain) {
            if (cause instanceof SQLException sql && (database == null || sql.getSQLState() != null)) {
                database = sql;
            }
        }
        if (database != null) {
            return describeDatabase(database);
        }
        Throwable root = chain.get(chain.size() - 1);
        return "Could not start: " + root.getClass().getSimpleName() + ": " + oneLine(root.getMessage());
    }

    private String describeDatabase(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String what;
        String variables;
        if (e.getClass().getName().startsWith("org.sqlite")) {
            what = "Could not open the SQLite database";
            variables = "SQLITE_PATH";
        } else if (state.startsWith("08")) {
            what = "Could not reach the database";
            variables = "HOST, PORT";
        } else if (state.startsWith("28")) {
            what = "The database refused the login";
            variables = "USER, PASSWORD";
        } else if (state.equals("3D000")) {
            what = "The database does not exist";
            variables = "DBNAME";
        } else {
            what = "The database failed";
            variables = "*";
        }
        String set = "";
        if (databasePrefix != null) {
            List<String> names = new ArrayList<>();
            for (String suffix : variables.split(", ")) {
                names.add(databasePrefix + suffix);
            }
            set = " (set by " + String.join(", ", names) + ")";
        }
        return what + set + ": " + oneLine(e.getMessage());
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !chain.contains(cause) && chain.size() < 50;
                cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
