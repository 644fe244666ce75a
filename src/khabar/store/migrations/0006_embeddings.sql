-- 0006: one multilingual sentence embedding per document (its title and lead), for "more like
-- this" across languages. title_chars/body_end say exactly which text was embedded: the title
-- and documents.body[0:body_end]. vector: little-endian float32, L2-normalised.
CREATE TABLE embeddings (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id),
    model TEXT NOT NULL, device TEXT NOT NULL,
    title_chars INTEGER NOT NULL, body_end INTEGER NOT NULL,
    dim INTEGER NOT NULL, vector BLOB NOT NULL, created_at TEXT NOT NULL
);
