-- 0007: named-entity mentions (person, organisation, place, group, generic actor) with the
-- source that found each one (model, gazetteer, dictionary) and its score.
CREATE TABLE entity_mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id), seq INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    label TEXT NOT NULL, score REAL NOT NULL, source TEXT NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
