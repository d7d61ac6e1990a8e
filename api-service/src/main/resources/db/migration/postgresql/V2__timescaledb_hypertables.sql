-- Hypertables (1-day chunks) for the history tables, only where TimescaleDB can be used; on a
-- plain PostgreSQL this migration changes nothing.
-- TimescaleDB can only be used where its library is in shared_preload_libraries: elsewhere its
-- CREATE EXTENSION ends the session with a FATAL error, which no EXCEPTION clause catches. The
-- preloaded library defines the setting timescaledb.max_background_workers (pg_settings lists no
-- mere placeholder of it), so the extension is only tried where that setting exists.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
        NULL; -- plain PostgreSQL
    ELSIF NOT EXISTS (SELECT 1 FROM pg_settings WHERE name = 'timescaledb.max_background_workers') THEN
        RAISE WARNING 'TimescaleDB is installed but not in shared_preload_libraries; plain tables are kept.';
    ELSE
        BEGIN
            CREATE EXTENSION IF NOT EXISTS timescaledb;
            EXECUTE 'SELECT create_hypertable(''datapoint_value'', ''time'', chunk_time_interval => 86400000, if_not_exists => TRUE)';
            EXECUTE 'SELECT create_hypertable(''datapoint_schedule'', ''time'', chunk_time_interval => 86400000, if_not_exists => TRUE)';
            EXECUTE 'SELECT create_hypertable(''datapoint_setpoint'', ''time'', chunk_time_interval => 86400000, if_not_exists => TRUE)';
        EXCEPTION WHEN OTHERS THEN
            RAISE WARNING 'TimescaleDB is available but could not be used (%); plain tables are kept.', SQLERRM;
        END;
    END IF;
END
$$;
