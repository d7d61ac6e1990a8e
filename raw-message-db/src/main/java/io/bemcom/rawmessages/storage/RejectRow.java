package io.bemcom.rawmessages.storage;

/**
 * A payload on a raw-message topic that is not a raw message, kept for inspection.
 *
 * @param payload    the payload as text (UTF-8; bytes that are not UTF-8 and NUL characters,
 *                   which PostgreSQL text cannot hold, are replaced by U+FFFD, in the reason too)
 * @param reason     why it was refused
 * @param receivedAt when this service received it (ms since the epoch, UTC)
 */
public record RejectRow(String topic, String payload, String reason, long receivedAt) {

    /** Longer reasons (e.g. a database error quoting the statement) are cut. */
    static final int MAX_REASON_LENGTH = 1_000;

    public RejectRow {
        payload = storable(payload);
        reason = storable(reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) + "…" : reason);
    }

    /** PostgreSQL text cannot hold NUL characters. */
    private static String storable(String text) {
        return text.replace('\0', '\uFFFD');
    }
}
