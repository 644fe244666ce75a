-- 0006_embeddings for PostgreSQL: the same table as ../0006_embeddings.sql, in PostgreSQL's types.
CREATE TABLE embeddings (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id),
    model TEXT NOT NULL, device TEXT NOT NULL,
    title_chars BIGINT NOT NULL, body_end BIGINT NOT NULL,
    dim BIGINT NOT NULL, vector BYTEA NOT NULL, created_at TEXT NOT NULL
);
