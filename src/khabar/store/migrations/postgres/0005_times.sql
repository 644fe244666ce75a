-- 0005_times for PostgreSQL: the same tables as ../0005_times.sql, in PostgreSQL's types.
CREATE TABLE time_mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id), seq BIGINT NOT NULL,
    start BIGINT NOT NULL, "end" BIGINT NOT NULL, text TEXT NOT NULL,
    time TEXT NOT NULL, zone TEXT NOT NULL, utc TEXT,
    PRIMARY KEY (doc_id, seq)
);
