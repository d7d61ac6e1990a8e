package io.bemcom.rawmessages.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.bemcom.protocol.JsonValues;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a connector's raw messages for a time range, oldest first, and writes them as NDJSON:
 * one object per line,
 * {@code {"connector": str, "timestamp": int, "raw_message": any, "received_at": int}} plus
 * {@code "connector_version"} when the connector sent one. Rows are streamed with a cursor, so a
 * long range never sits in memory.
 */
public final class RawMessageExport {

    private static final String QUERY = "SELECT connector, message_timestamp, raw_message, connector_version, "
            + "received_at FROM raw_message WHERE connector = ? AND message_timestamp >= ? AND message_timestamp <= ? "
            + "ORDER BY message_timestamp, received_at";
    private static final String REJECTS = "SELECT topic, payload, reason, received_at FROM raw_message_reject "
            + "WHERE received_at >= ? AND received_at <= ? ORDER BY received_at, id";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public RawMessageExport(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        // PostgreSQL streams rows with a cursor only inside a transaction and with a fetch size.
        this.jdbc.setFetchSize(500);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    void write(String connector, TimeRange range, OutputStream out) throws IOException {
        stream(out, QUERY, RawMessageExport::rawMessage, connector, range.from(), range.to());
    }

    /**
     * The rejects received in the range (by {@code received_at}), oldest first:
     * {@code {"topic": str, "payload": str, "reason": str, "received_at": int}} per line.
     */
    void writeRejects(TimeRange range, OutputStream out) throws IOException {
        stream(out, REJECTS, RawMessageExport::reject, range.from(), range.to());
    }

    private interface Line {
        ObjectNode of(ResultSet row) throws SQLException;
    }

    private void stream(OutputStream out, String query, Line line, Object... args) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        RowCallbackHandler lines = row -> writeLine(line.of(row), writer);
        try {
            readOnly.executeWithoutResult(status -> jdbc.query(query, lines, args));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
    }

    private static ObjectNode rawMessage(ResultSet row) throws SQLException {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("connector", row.getString("connector"));
        line.put("timestamp", row.getLong("message_timestamp"));
        line.set("raw_message", JsonValues.parse(row.getString("raw_message")));
        String version = row.getString("connector_version");
        if (version != null) {
            line.put("connector_version", version);
        }
        line.put("received_at", row.getLong("received_at"));
        return line;
    }

    private static ObjectNode reject(ResultSet row) throws SQLException {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("topic", row.getString("topic"));
        line.put("payload", row.getString("payload"));
        line.put("reason", row.getString("reason"));
        line.put("received_at", row.getLong("received_at"));
        return line;
    }

    private static void writeLine(ObjectNode line, Writer writer) {
        try {
            writer.write(JsonValues.toJson(line));
            writer.write('\n');
        } catch (IOException e) {
            // The client went away; stop reading.
            throw new UncheckedIOException(e);
        }
    }
}
