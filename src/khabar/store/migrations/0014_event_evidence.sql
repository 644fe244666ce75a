-- 0014: what shows an event mention is an event beyond the sentence classifier's guess (JSON
-- list of trigger, weapon, toll, armed party; NULL for mentions extracted before this column),
-- and whether a canonical event has none of it in any of its mentions (weak: exports and
-- listings leave it out unless asked).
ALTER TABLE event_mentions ADD COLUMN evidence TEXT;
ALTER TABLE events ADD COLUMN weak INTEGER NOT NULL DEFAULT 0;
