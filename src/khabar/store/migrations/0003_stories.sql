-- 0003: stories (issue 5). Each document's signature elements (place, actor, date, count...)
-- with their document frequency, stories, their members (with the elements that made each
-- join) and the merges of stories that a bridging document revealed.
CREATE TABLE doc_signature (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    element TEXT NOT NULL,
    PRIMARY KEY (doc_id, element)
);
CREATE INDEX doc_signature_element ON doc_signature(element);
CREATE TABLE element_df (
    element TEXT PRIMARY KEY,
    df INTEGER NOT NULL
);
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    merged_into INTEGER REFERENCES stories(id)
);
CREATE TABLE story_members (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id),
    story_id INTEGER NOT NULL REFERENCES stories(id),
    score REAL NOT NULL,
    reasons TEXT NOT NULL,
    joined_at TEXT NOT NULL
);
CREATE INDEX story_members_story ON story_members(story_id);
CREATE TABLE story_merges (
    from_story INTEGER NOT NULL,
    into_story INTEGER NOT NULL,
    bridge_doc TEXT NOT NULL,
    at TEXT NOT NULL
);
