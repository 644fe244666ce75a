-- 0008_event_modes for PostgreSQL: the same columns as ../0008_event_modes.sql.
ALTER TABLE event_mentions ADD COLUMN mode TEXT;
ALTER TABLE event_mentions ADD COLUMN type_source TEXT NOT NULL DEFAULT 'lexicon';
ALTER TABLE event_mentions ADD COLUMN type_score DOUBLE PRECISION;
