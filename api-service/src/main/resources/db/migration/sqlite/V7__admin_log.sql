-- The admin UI's audit trail, as Django's django_admin_log (see PostgreSQL's V7).
CREATE TABLE admin_log (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    action_time    BIGINT       NOT NULL,
    username       VARCHAR(150) NOT NULL,
    content_type   VARCHAR(100) NOT NULL,
    object_id      TEXT         NOT NULL,
    object_repr    VARCHAR(200) NOT NULL,
    action_flag    SMALLINT     NOT NULL CHECK (action_flag IN (1, 2, 3)),
    change_message TEXT         NOT NULL
);
CREATE INDEX admin_log_user ON admin_log (username, action_time);
CREATE INDEX admin_log_object ON admin_log (content_type, object_id, action_time);
