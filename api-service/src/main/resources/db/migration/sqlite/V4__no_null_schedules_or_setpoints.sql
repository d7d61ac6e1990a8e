-- A null schedule or setpoint is no longer stored (the last one stays in force, as in the original,
-- whose column is NOT NULL); remove those an earlier version stored, which clients cannot read.
DELETE FROM datapoint_schedule WHERE schedule = 'null';
DELETE FROM datapoint_setpoint WHERE setpoint = 'null';
DELETE FROM datapoint_last_schedule WHERE schedule = 'null';
DELETE FROM datapoint_last_setpoint WHERE setpoint = 'null';
