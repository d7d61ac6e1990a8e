-- Hypertables (1-day chunks) for the history tables, only where TimescaleDB can be used; on a
-- plain PostgreSQL this migration changes nothing.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
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
