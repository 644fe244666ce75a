-- 0004_fusion for PostgreSQL: the same tables as ../0004_fusion.sql, in PostgreSQL's types.
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    story_id BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    day TEXT,
    plover TEXT NOT NULL,
    acled_type TEXT NOT NULL,
    acled_subtype TEXT,
    background BIGINT NOT NULL,
    country TEXT,
    location TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    actor TEXT,
    target TEXT,
    killed BIGINT,
    injured BIGINT,
    sources BIGINT NOT NULL,
    languages TEXT NOT NULL,
    contradictions BIGINT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX events_story ON events(story_id);
CREATE INDEX events_day ON events(day);
CREATE TABLE contradictions (
    id TEXT PRIMARY KEY,
    story_id BIGINT NOT NULL,
    event_id TEXT,
    kind TEXT NOT NULL,
    field TEXT NOT NULL,
    what TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX contradictions_story ON contradictions(story_id);
CREATE INDEX contradictions_event ON contradictions(event_id);
ALTER TABLE stories ADD COLUMN fused BIGINT NOT NULL DEFAULT 0;
