#!/bin/sh
# The login role bemcom_grafana for Grafana and pgAdmin, in the read-only role bemcom_readonly whose
# SELECT grants the api-service's migration V5 gives (it reuses the role created here). Runs once,
# when the data volume is initialised; for an existing database run the two statements by hand
# (tools/grafana/README.md).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v password="${GRAFANA_DB_PASSWORD:?GRAFANA_DB_PASSWORD is not set}" <<'SQL'
CREATE ROLE bemcom_readonly NOLOGIN;
CREATE ROLE bemcom_grafana LOGIN PASSWORD :'password' IN ROLE bemcom_readonly;
SQL
