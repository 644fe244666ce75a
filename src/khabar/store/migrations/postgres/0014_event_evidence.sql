-- 0014_event_evidence for PostgreSQL: the same columns as ../0014_event_evidence.sql.
ALTER TABLE event_mentions ADD COLUMN evidence TEXT;
ALTER TABLE events ADD COLUMN weak INTEGER NOT NULL DEFAULT 0;
