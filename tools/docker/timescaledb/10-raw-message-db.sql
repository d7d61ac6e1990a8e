-- The raw-message-db keeps its own Flyway history, so it gets a database of its own next to the
-- api-service's (POSTGRES_DB). Runs once, when the data volume is initialised.
CREATE DATABASE bemcom_raw_messages OWNER bemcom;
