-- 0007: named-entity mentions (person, organisation, place, group, generic actor) with the
-- source that found each one (model, gazetteer, dictionary), its score, and the actor or place
-- it names when a dictionary or the gazetteer knows it (ref) with the actor's sector.
CREATE TABLE entity_mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id), seq INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    label TEXT NOT NULL, score REAL NOT NULL, source TEXT NOT NULL, ref TEXT, sector TEXT,
    PRIMARY KEY (doc_id, seq)
);
