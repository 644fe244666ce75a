-- 0008: an event mention's PLOVER mode (aerial, drone, demo, arrest...) and what typed it
-- (lexicon, classifier, cameo, model) with the classifier's probability of its type.
ALTER TABLE event_mentions ADD COLUMN mode TEXT;
ALTER TABLE event_mentions ADD COLUMN type_source TEXT NOT NULL DEFAULT 'lexicon';
ALTER TABLE event_mentions ADD COLUMN type_score REAL;
