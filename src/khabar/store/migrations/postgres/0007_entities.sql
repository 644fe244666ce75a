-- 0007_entities for PostgreSQL: the same table as ../0007_entities.sql, in PostgreSQL's types.
CREATE TABLE entity_mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id), seq BIGINT NOT NULL,
    start BIGINT NOT NULL, "end" BIGINT NOT NULL, text TEXT NOT NULL,
    label TEXT NOT NULL, score DOUBLE PRECISION NOT NULL, source TEXT NOT NULL, ref TEXT,
    sector TEXT,
    PRIMARY KEY (doc_id, seq)
);
