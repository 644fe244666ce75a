-- 0009_published_precision for PostgreSQL: the same columns as ../0009_published_precision.sql.
ALTER TABLE documents ADD COLUMN published_precision TEXT;
ALTER TABLE documents ADD COLUMN published_basis TEXT;
ALTER TABLE documents ADD COLUMN crawled TEXT;
ALTER TABLE event_mentions ADD COLUMN date_basis TEXT;
ALTER TABLE event_mentions ADD COLUMN is_main INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event_mentions ADD COLUMN from_title TEXT NOT NULL DEFAULT '[]';
