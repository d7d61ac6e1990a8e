-- BEMCom api-service schema (SQLite). Every timestamp is BIGINT milliseconds since the
-- epoch (UTC), as on the wire; JSON payloads are kept as the exact JSON text received.

CREATE TABLE connector (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT   NOT NULL UNIQUE,
    added        BIGINT NOT NULL,
    last_changed BIGINT NOT NULL
);

CREATE TABLE connector_heartbeat (
    connector_id   BIGINT PRIMARY KEY REFERENCES connector (id) ON DELETE CASCADE,
    last_heartbeat BIGINT NOT NULL,
    next_heartbeat BIGINT NOT NULL
);

CREATE TABLE connector_log_entry (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    connector_id BIGINT   NOT NULL REFERENCES connector (id) ON DELETE CASCADE,
    timestamp    BIGINT   NOT NULL,
    msg          TEXT     NOT NULL DEFAULT '',
    emitter      TEXT,
    level        INTEGER  NOT NULL
);
CREATE INDEX connector_log_entry_connector_time ON connector_log_entry (connector_id, timestamp);

CREATE TABLE datapoint (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    connector_id     BIGINT      NOT NULL REFERENCES connector (id) ON DELETE CASCADE,
    key_in_connector TEXT        NOT NULL,
    type             VARCHAR(8)  NOT NULL,
    is_active        BOOLEAN     NOT NULL DEFAULT FALSE,
    example_value    TEXT,
    short_name       TEXT UNIQUE,
    data_format      VARCHAR(18) NOT NULL DEFAULT 'unknown',
    description      TEXT        NOT NULL DEFAULT '',
    allowed_values   TEXT,
    min_value        REAL,
    max_value        REAL,
    unit             TEXT        NOT NULL DEFAULT '',
    CONSTRAINT datapoint_connector_key_type UNIQUE (connector_id, key_in_connector, type)
);

-- History. value_num holds numeric values once more as a double, for interval averages.
CREATE TABLE datapoint_value (
    datapoint_id BIGINT NOT NULL REFERENCES datapoint (id) ON DELETE CASCADE,
    time         BIGINT NOT NULL,
    value        TEXT   NOT NULL,
    value_num    REAL,
    PRIMARY KEY (datapoint_id, time)
);

CREATE TABLE datapoint_schedule (
    datapoint_id BIGINT NOT NULL REFERENCES datapoint (id) ON DELETE CASCADE,
    time         BIGINT NOT NULL,
    schedule     TEXT   NOT NULL,
    PRIMARY KEY (datapoint_id, time)
);

CREATE TABLE datapoint_setpoint (
    datapoint_id BIGINT NOT NULL REFERENCES datapoint (id) ON DELETE CASCADE,
    time         BIGINT NOT NULL,
    setpoint     TEXT   NOT NULL,
    PRIMARY KEY (datapoint_id, time)
);

-- The message with the newest timestamp per datapoint.
CREATE TABLE datapoint_last_value (
    datapoint_id BIGINT PRIMARY KEY REFERENCES datapoint (id) ON DELETE CASCADE,
    value        TEXT   NOT NULL,
    time         BIGINT NOT NULL
);

CREATE TABLE datapoint_last_schedule (
    datapoint_id BIGINT PRIMARY KEY REFERENCES datapoint (id) ON DELETE CASCADE,
    schedule     TEXT   NOT NULL,
    time         BIGINT NOT NULL
);

CREATE TABLE datapoint_last_setpoint (
    datapoint_id BIGINT PRIMARY KEY REFERENCES datapoint (id) ON DELETE CASCADE,
    setpoint     TEXT   NOT NULL,
    time         BIGINT NOT NULL
);

CREATE TABLE controller (
    id                               INTEGER PRIMARY KEY AUTOINCREMENT,
    name                             TEXT NOT NULL UNIQUE,
    mqtt_topic_controlled_datapoints TEXT NOT NULL UNIQUE
);

CREATE TABLE controlled_datapoint (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    controller_id         BIGINT  NOT NULL REFERENCES controller (id) ON DELETE CASCADE,
    sensor_datapoint_id   BIGINT  NOT NULL REFERENCES datapoint (id) ON DELETE CASCADE,
    actuator_datapoint_id BIGINT  NOT NULL REFERENCES datapoint (id) ON DELETE CASCADE,
    is_active             BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE app_user (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    username     VARCHAR(150) NOT NULL UNIQUE,
    password     TEXT         NOT NULL,
    email        TEXT         NOT NULL DEFAULT '',
    is_active    BOOLEAN      NOT NULL DEFAULT TRUE,
    is_staff     BOOLEAN      NOT NULL DEFAULT FALSE,
    is_superuser BOOLEAN      NOT NULL DEFAULT FALSE,
    date_joined  BIGINT       NOT NULL
);

CREATE TABLE app_group (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    name VARCHAR(150) NOT NULL UNIQUE
);

CREATE TABLE app_user_groups (
    user_id  BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    group_id BIGINT NOT NULL REFERENCES app_group (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, group_id)
);

-- Permissions by the original's codenames, e.g. 'api_main.add_datapointvalue'.
CREATE TABLE app_user_permissions (
    user_id  BIGINT       NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    codename VARCHAR(100) NOT NULL,
    PRIMARY KEY (user_id, codename)
);

CREATE TABLE app_group_permissions (
    group_id BIGINT       NOT NULL REFERENCES app_group (id) ON DELETE CASCADE,
    codename VARCHAR(100) NOT NULL,
    PRIMARY KEY (group_id, codename)
);

CREATE TABLE auth_token (
    token_key VARCHAR(40) PRIMARY KEY,
    user_id   BIGINT NOT NULL UNIQUE REFERENCES app_user (id) ON DELETE CASCADE,
    created   BIGINT NOT NULL
);
