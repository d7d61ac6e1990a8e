-- A read-only role for dashboards and database tools (Grafana, pgAdmin): SELECT on the datapoints,
-- their history and last messages, connectors with heartbeats and log entries, controllers and dead
-- letters; nothing of users, passwords, permissions or tokens. It cannot log in: a deployment
-- creates a login role IN ROLE bemcom_readonly (tools/grafana/README.md). Roles belong to the
-- server, not to one database, so an existing role is reused (several databases on one server). A
-- migrating user without CREATEROLE skips the role with a warning (the service starts; grant by hand).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bemcom_readonly') THEN
        BEGIN
            CREATE ROLE bemcom_readonly NOLOGIN;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE WARNING 'Role bemcom_readonly not created (%): create it and run the migrations again, or grant SELECT by hand.', SQLERRM;
            RETURN;
        END;
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO bemcom_readonly', current_database());
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO bemcom_readonly', current_schema());
    GRANT SELECT ON connector, connector_heartbeat, connector_log_entry, datapoint, datapoint_value,
        datapoint_schedule, datapoint_setpoint, datapoint_last_value, datapoint_last_schedule,
        datapoint_last_setpoint, controller, controlled_datapoint, dead_letter TO bemcom_readonly;
END
$$;
