-- Turn raw_message into a TimescaleDB hypertable (weekly chunks) when the server offers the
-- extension; otherwise, or when it cannot be created (no privilege), it stays a plain table and
-- this migration only leaves a notice. An extension that is installed but not in
-- shared_preload_libraries is left alone: CREATE EXTENSION then fails with FATAL, which ends the
-- connection instead of raising an error that the block below could catch. Only the preloaded
-- library defines the setting timescaledb.max_background_workers; shared_preload_libraries
-- itself is readable by superusers only.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
       AND EXISTS (SELECT 1 FROM pg_settings WHERE name = 'timescaledb.max_background_workers') THEN
        BEGIN
            CREATE EXTENSION IF NOT EXISTS timescaledb;
            PERFORM create_hypertable('raw_message', 'message_timestamp',
                                      chunk_time_interval => 604800000::BIGINT,
                                      if_not_exists => TRUE, migrate_data => TRUE);
        EXCEPTION WHEN OTHERS THEN
            RAISE NOTICE 'raw_message stays a plain table: TimescaleDB is not usable here (%)', SQLERRM;
        END;
    ELSE
        RAISE NOTICE 'raw_message is a plain table: TimescaleDB is not installed or not preloaded';
    END IF;
END
$$;
