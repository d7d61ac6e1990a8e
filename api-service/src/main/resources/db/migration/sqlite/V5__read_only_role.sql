-- PostgreSQL's V5 creates the read-only role bemcom_readonly. SQLite has no roles: nothing to do;
-- the version is kept so that both histories number alike.
SELECT 1;
