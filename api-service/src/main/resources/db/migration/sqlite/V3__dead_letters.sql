-- Messages from the broker that can never be stored (the database refuses them), kept for
-- operators (admin UI: Dead letters) instead of blocking ingestion. Same version as PostgreSQL's.
CREATE TABLE dead_letter (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    topic       TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    failed_at   BIGINT  NOT NULL
);
CREATE INDEX dead_letter_failed_at ON dead_letter (failed_at);
