-- 0013_story_vectors for PostgreSQL: the same table as ../0013_story_vectors.sql, in PostgreSQL's types.
CREATE TABLE story_vectors (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id),
    model TEXT NOT NULL, lang TEXT NOT NULL,
    vector BYTEA NOT NULL
);
