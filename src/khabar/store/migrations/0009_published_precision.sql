-- 0009: a document's publication date keeps its precision (year, month, day, minute, second) and
-- its basis (source, metadata, date line, guess); a crawl time is kept apart from it. An event
-- mention says where its date comes from (text, title, publication, crawl), whether it is its
-- document's main event, and which of its fields came from the title.
ALTER TABLE documents ADD COLUMN published_precision TEXT;
ALTER TABLE documents ADD COLUMN published_basis TEXT;
ALTER TABLE documents ADD COLUMN crawled TEXT;
ALTER TABLE event_mentions ADD COLUMN date_basis TEXT;
ALTER TABLE event_mentions ADD COLUMN is_main INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event_mentions ADD COLUMN from_title TEXT NOT NULL DEFAULT '[]';
