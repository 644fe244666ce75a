-- 0004: fusion (issue 6). Canonical events of each story with every field's values and their
-- sources (record: JSON, see khabar.fuse), and the contradictions found in each story.
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    story_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    day TEXT,
    plover TEXT NOT NULL,
    acled_type TEXT NOT NULL,
    acled_subtype TEXT,
    background INTEGER NOT NULL,
    country TEXT,
    location TEXT,
    lat REAL,
    lon REAL,
    actor TEXT,
    target TEXT,
    killed INTEGER,
    injured INTEGER,
    sources INTEGER NOT NULL,
    languages TEXT NOT NULL,
    contradictions INTEGER NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX events_story ON events(story_id);
CREATE INDEX events_day ON events(day);
CREATE TABLE contradictions (
    id TEXT PRIMARY KEY,
    story_id INTEGER NOT NULL,
    event_id TEXT,
    kind TEXT NOT NULL,
    field TEXT NOT NULL,
    what TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX contradictions_story ON contradictions(story_id);
CREATE INDEX contradictions_event ON contradictions(event_id);
-- a story whose members changed since it was last fused has fused = 0 (set in the same
-- transaction as the change, so a crash never leaves a story fused on stale members)
ALTER TABLE stories ADD COLUMN fused INTEGER NOT NULL DEFAULT 0;
