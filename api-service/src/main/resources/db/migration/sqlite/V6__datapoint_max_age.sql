-- Issue 20, item 2: a datapoint may carry a maximum age; when its last value is older, an alert
-- is raised (see the api-service README, "Alerts"). NULL: no alert.
ALTER TABLE datapoint ADD COLUMN max_age_seconds BIGINT;
