-- 0001: documents, paragraphs, line decisions, duplicates, quarantine, ingest runs, full-text index.
CREATE TABLE ingest_runs (
    id            INTEGER PRIMARY KEY,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    inputs        TEXT NOT NULL,          -- JSON list of paths as given
    counts        TEXT,                   -- JSON: ingested / duplicate / quarantined / ...
    settings      TEXT NOT NULL           -- JSON snapshot of the settings used
);

CREATE TABLE documents (
    rowid         INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,   -- stable id from normalised content
    source        TEXT NOT NULL,          -- file path or URL of the container
    locator       TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL,          -- txt | html | jsonl | feed | warc
    url           TEXT,
    outlet        TEXT,
    author        TEXT,
    title         TEXT,
    summary       TEXT,
    raw_text      TEXT NOT NULL,          -- original text as read; spans refer to it
    body          TEXT NOT NULL,          -- kept paragraphs, original characters
    lang          TEXT NOT NULL,
    lang_score    REAL NOT NULL,
    lang_evidence TEXT NOT NULL DEFAULT '',
    published     TEXT,
    published_text TEXT,
    dateline      TEXT,
    agency        TEXT,
    encoding      TEXT NOT NULL,
    minhash       BLOB NOT NULL,          -- uint32 MinHash signature of the body
    run_id        INTEGER NOT NULL REFERENCES ingest_runs(id),
    ingested_at   TEXT NOT NULL
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_lang ON documents(lang);

CREATE TABLE paragraphs (
    doc_id        TEXT NOT NULL REFERENCES documents(id),
    idx           INTEGER NOT NULL,
    role          TEXT NOT NULL,          -- title | summary | heading | body
    start         INTEGER NOT NULL,       -- span in documents.raw_text
    "end"         INTEGER NOT NULL,
    text          TEXT NOT NULL,
    norm_hash     TEXT NOT NULL,          -- hash of the normalised word sequence
    minhash       BLOB,                   -- uint32 signature, NULL for short paragraphs
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX paragraphs_hash ON paragraphs(norm_hash);

CREATE TABLE line_decisions (
    doc_id        TEXT NOT NULL REFERENCES documents(id),
    seq           INTEGER NOT NULL,
    line_no       INTEGER NOT NULL,
    role          TEXT NOT NULL,
    rule          TEXT NOT NULL,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    text          TEXT NOT NULL,
    PRIMARY KEY (doc_id, seq)
);

CREATE TABLE duplicates (
    doc_id        TEXT NOT NULL,          -- the later copy (not stored as a document)
    first_id      TEXT NOT NULL REFERENCES documents(id),
    kind          TEXT NOT NULL,          -- exact | near
    score         REAL NOT NULL,
    source        TEXT NOT NULL,
    locator       TEXT NOT NULL DEFAULT '',
    run_id        INTEGER NOT NULL,
    PRIMARY KEY (doc_id, source, locator)
);
CREATE INDEX duplicates_first ON duplicates(first_id);

CREATE TABLE shared_paragraphs (
    doc_id        TEXT NOT NULL,
    para_idx      INTEGER NOT NULL,
    other_id      TEXT NOT NULL,
    other_idx     INTEGER NOT NULL,
    kind          TEXT NOT NULL,          -- exact | near
    score         REAL NOT NULL,
    PRIMARY KEY (doc_id, para_idx, other_id, other_idx)
);
CREATE INDEX shared_paragraphs_other ON shared_paragraphs(other_id);

CREATE TABLE quarantine (
    id            TEXT PRIMARY KEY,       -- hash of source + locator + stage + reason
    source        TEXT NOT NULL,
    locator       TEXT NOT NULL DEFAULT '',
    stage         TEXT NOT NULL,
    reason        TEXT NOT NULL,
    detail        TEXT NOT NULL,
    severity      TEXT NOT NULL,          -- rejected | repaired
    raw           BLOB,                   -- the input itself when small enough
    raw_size      INTEGER,
    raw_sha256    TEXT,
    run_id        INTEGER NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX quarantine_reason ON quarantine(reason);

-- Normalised title and body (khabar.normalize); rowid = documents.rowid.
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, body, tokenize='unicode61 remove_diacritics 2'
);
