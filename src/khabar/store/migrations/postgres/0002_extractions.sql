-- 0002_extractions for PostgreSQL: the same tables as ../0002_extractions.sql, in PostgreSQL's types.
CREATE TABLE date_mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id), seq BIGINT NOT NULL,
    start BIGINT NOT NULL, "end" BIGINT NOT NULL, text TEXT NOT NULL,
    value TEXT, precision TEXT NOT NULL, calendar TEXT NOT NULL, anchor TEXT NOT NULL,
    weekday BIGINT, part_of_day TEXT, qualifier TEXT,
    flags TEXT NOT NULL, corrections TEXT NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
CREATE TABLE place_mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id), seq BIGINT NOT NULL,
    start BIGINT NOT NULL, "end" BIGINT NOT NULL, text TEXT NOT NULL,
    place_id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, precision TEXT NOT NULL,
    country TEXT NOT NULL, lat DOUBLE PRECISION NOT NULL, lon DOUBLE PRECISION NOT NULL, relation TEXT,
    alternatives TEXT NOT NULL, reason TEXT NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
CREATE INDEX place_mentions_place ON place_mentions(place_id);
CREATE TABLE actor_mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id), seq BIGINT NOT NULL,
    start BIGINT NOT NULL, "end" BIGINT NOT NULL, text TEXT NOT NULL,
    actor_id TEXT, name TEXT NOT NULL, kind TEXT NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id);
CREATE TABLE event_mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id), seq BIGINT NOT NULL,
    start BIGINT NOT NULL, "end" BIGINT NOT NULL, sentence TEXT NOT NULL,
    trigger TEXT NOT NULL, trigger_start BIGINT NOT NULL, trigger_end BIGINT NOT NULL,
    plover TEXT NOT NULL, acled_type TEXT NOT NULL, acled_subtype TEXT NOT NULL, weapon TEXT,
    date TEXT, date_text TEXT, date_note TEXT, places TEXT NOT NULL,
    places_inherited BIGINT NOT NULL,
    actor TEXT, target TEXT,
    counts TEXT NOT NULL, killed BIGINT, injured BIGINT, victims TEXT, modality TEXT NOT NULL,
    background BIGINT NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
CREATE INDEX event_mentions_date ON event_mentions(date);
CREATE TABLE claims (
    doc_id TEXT NOT NULL REFERENCES documents(id), seq BIGINT NOT NULL,
    start BIGINT NOT NULL, "end" BIGINT NOT NULL, sentence TEXT NOT NULL,
    speaker TEXT, speaker_text TEXT, speaker_kind TEXT, verb TEXT NOT NULL,
    stance TEXT NOT NULL, content TEXT NOT NULL,
    content_start BIGINT NOT NULL, content_end BIGINT NOT NULL, chain TEXT NOT NULL,
    PRIMARY KEY (doc_id, seq)
);
CREATE INDEX claims_speaker ON claims(speaker);
