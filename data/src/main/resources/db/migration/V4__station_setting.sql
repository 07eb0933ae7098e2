-- Settings of one console that users change at that console and that must survive a restart (the alarm volume).
-- Portable SQL (H2 and PostgreSQL). Keyed by station, so that stations sharing a PostgreSQL store keep their own.
-- Every change also has its audit_log row, written in the same commit.
CREATE TABLE station_setting (
    station       VARCHAR(64)              NOT NULL,
    name          VARCHAR(64)              NOT NULL,
    setting_value VARCHAR(1000)            NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by    VARCHAR(64),
    PRIMARY KEY (station, name)
);
