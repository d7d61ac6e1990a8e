-- Every raw message a connector published on <connector>/raw_message_to_db.
-- The key makes storing idempotent: a message the broker delivers again is not stored twice.
-- Timestamps are milliseconds since the epoch (UTC), as on the wire.
CREATE TABLE raw_message (
    connector         TEXT    NOT NULL,
    message_timestamp INTEGER NOT NULL,
    payload_hash      TEXT    NOT NULL,
    raw_message       TEXT    NOT NULL,
    connector_version TEXT,
    topic             TEXT    NOT NULL,
    received_at       INTEGER NOT NULL,
    CONSTRAINT raw_message_pk PRIMARY KEY (connector, message_timestamp, payload_hash)
);

-- The primary key serves exports by connector and time; this one serves retention.
CREATE INDEX raw_message_received_at_idx ON raw_message (received_at);

-- Payloads on raw-message topics that were not raw messages, kept for inspection.
CREATE TABLE raw_message_reject (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    topic       TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    received_at INTEGER NOT NULL
);

CREATE INDEX raw_message_reject_received_at_idx ON raw_message_reject (received_at);
