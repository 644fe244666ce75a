-- 0005: clock times written in documents ("21:50 (18:50 ت غ)"), with their spans, so fusion
-- can give events a time of day.
CREATE TABLE time_mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id), seq INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    time TEXT NOT NULL, zone TEXT NOT NULL, utc TEXT,
    PRIMARY KEY (doc_id, seq)
);
