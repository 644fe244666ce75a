-- 0011: watchlists (issue 8): standing queries matched at the end of each ingest run against
-- the stories the run created or changed (khabar.watch). criteria: the words of the query and
-- the place, actor, PLOVER type and country as given, with the gazetteer and actor ids they
-- resolved to (JSON lists). A match is recorded once per watchlist, story and event (event_id
-- '' for a story matched as a whole), with what it said when it matched (title, summary).
-- An event is known by event_key, its first mention key when it matched, and the mention keys
-- it had then (mentions, JSON): canonical event ids are positions, renumbered by each fusion.
CREATE TABLE watchlists (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    query TEXT,
    place TEXT,
    place_ids TEXT NOT NULL DEFAULT '[]',
    actor TEXT,
    actor_ids TEXT NOT NULL DEFAULT '[]',
    type TEXT,
    country TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE watch_matches (
    watchlist_id INTEGER NOT NULL REFERENCES watchlists(id) ON DELETE CASCADE,
    story_id INTEGER NOT NULL,
    event_id TEXT NOT NULL DEFAULT '',
    event_key TEXT NOT NULL DEFAULT '',
    mentions TEXT NOT NULL DEFAULT '[]',
    run_id INTEGER NOT NULL,
    matched_at TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    PRIMARY KEY (watchlist_id, story_id, event_key)
);
CREATE INDEX watch_matches_time ON watch_matches(watchlist_id, matched_at);
