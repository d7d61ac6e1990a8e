package io.bemcom.rawmessages.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

import javax.sql.DataSource;

/**
 * Writes raw messages and rejects in batches, one transaction per batch, and deletes old rows.
 * Both dialects understand {@code ON CONFLICT DO NOTHING} (SQLite since 3.24), which, unlike
 * SQLite's {@code INSERT OR IGNORE}, only skips duplicates and not other constraint violations.
 */
public final class RawMessageStore {

    private static final String INSERT_MESSAGE = "INSERT INTO raw_message (connector, message_timestamp, "
            + "payload_hash, raw_message, connector_version, topic, received_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT DO NOTHING";
    private static final String INSERT_REJECT = "INSERT INTO raw_message_reject (topic, payload, reason, received_at) "
            + "VALUES (?, ?, ?, ?)";

    private final DataSource dataSource;
    private final Dialect dialect;

    public RawMessageStore(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Writes everything or nothing; throws when the database did not commit. */
    public WriteResult write(List<RawMessageRow> messages, List<RejectRow> rejects) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int[] counts = insertMessages(connection, messages);
                insertRejects(connection, rejects);
                connection.commit();
                int stored = 0;
                for (int count : counts) {
                    // SUCCESS_NO_INFO (-2) means the driver did not say; count it as stored.
                    stored += count != 0 ? 1 : 0;
                }
                return new WriteResult(stored, messages.size() - stored, rejects.size());
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    /** Deletes messages and rejects received before {@code receivedBefore}; returns how many. */
    public int deleteReceivedBefore(long receivedBefore) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            int deleted = 0;
            for (String table : List.of("raw_message", "raw_message_reject")) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM " + table + " WHERE received_at < ?")) {
                    delete.setLong(1, receivedBefore);
                    deleted += delete.executeUpdate();
                }
            }
            return deleted;
        }
    }

    private static int[] insertMessages(Connection connection, List<RawMessageRow> messages) throws SQLException {
        if (messages.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_MESSAGE)) {
            for (RawMessageRow row : messages) {
                insert.setString(1, row.connector());
                insert.setLong(2, row.timestamp());
                insert.setString(3, row.payloadHash());
                insert.setString(4, row.rawMessage());
                if (row.connectorVersion() == null) {
                    insert.setNull(5, Types.VARCHAR);
                } else {
                    insert.setString(5, row.connectorVersion());
                }
                insert.setString(6, row.topic());
                insert.setLong(7, row.receivedAt());
                insert.addBatch();
            }
            return insert.executeBatch();
        }
    }

    private static void insertRejects(Connection connection, List<RejectRow> rejects) throws SQLException {
        if (rejects.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_REJECT)) {
            for (RejectRow row : rejects) {
                insert.setString(1, row.topic());
                insert.setString(2, row.payload());
                insert.setString(3, row.reason());
                insert.setLong(4, row.receivedAt());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailed) {
            cause.addSuppressed(rollbackFailed);
        }
    }
}
