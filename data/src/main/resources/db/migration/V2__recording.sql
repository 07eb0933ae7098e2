-- Recording (issue 5): every valid numeric value (about 1 Hz), per-minute aggregates, and every waveform sample
-- (full disclosure) in losslessly compressed blocks. Portable SQL: the same file runs on H2 and PostgreSQL.
-- Device times are epoch microseconds (BIGINT): exact, cheap to index and compare, and the same on both databases.
-- The tables carry no foreign keys: a recording write must never be refused (a bed that is not configured is
-- recorded too). Written by org.vigil.data.recording.Recorder, read by JdbcRecordingReader.

-- The beds that have recorded data: retention walks them bed by bed (a DISTINCT over the big tables would scan).
CREATE TABLE rec_bed (
    bed_id      VARCHAR(64)              NOT NULL PRIMARY KEY,
    first_seen  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per valid value; t_us is the value's own device time (for NIBP: when the cuff measured).
CREATE TABLE rec_numeric (
    bed_id    VARCHAR(64)      NOT NULL,
    code      VARCHAR(100)     NOT NULL,
    t_us      BIGINT           NOT NULL,
    num_value DOUBLE PRECISION NOT NULL,
    unit      VARCHAR(32)      NOT NULL
);
CREATE INDEX rec_numeric_bed_time_idx ON rec_numeric (bed_id, t_us);

-- Median, min, max and count of a code's values in the minute starting at minute_us (device time).
CREATE TABLE rec_minute (
    bed_id       VARCHAR(64)      NOT NULL,
    minute_us    BIGINT           NOT NULL,
    code         VARCHAR(100)     NOT NULL,
    median_value DOUBLE PRECISION NOT NULL,
    min_value    DOUBLE PRECISION NOT NULL,
    max_value    DOUBLE PRECISION NOT NULL,
    value_count  INT              NOT NULL,
    unit         VARCHAR(32)      NOT NULL,
    PRIMARY KEY (bed_id, minute_us, code)
);

-- A block of contiguous samples of one channel (at most 10 s). Sample i of the block is at device time
-- run_t0_us + (first_index + i) / rate seconds: blocks of the same run (same run_t0_us) with consecutive indexes
-- are contiguous; anything else between two blocks is a gap. t0_us/end_us (first sample, just after the last,
-- rounded to the microsecond) serve range queries. samples: org.vigil.data.recording.codec.WaveformCodec.
-- The physical value is wave_offset + scale * sample, in unit.
CREATE TABLE rec_wave_block (
    bed_id       VARCHAR(64)      NOT NULL,
    code         VARCHAR(100)     NOT NULL,
    t0_us        BIGINT           NOT NULL,
    end_us       BIGINT           NOT NULL,
    run_t0_us    BIGINT           NOT NULL,
    first_index  BIGINT           NOT NULL,
    rate         DOUBLE PRECISION NOT NULL,
    unit         VARCHAR(32)      NOT NULL,
    scale        DOUBLE PRECISION NOT NULL,
    wave_offset  DOUBLE PRECISION NOT NULL,
    sample_count INT              NOT NULL,
    samples      BYTEA            NOT NULL
);
CREATE INDEX rec_wave_block_bed_time_idx ON rec_wave_block (bed_id, t0_us);
