"""The SQLite store on a real file: migrations, WAL, writes, search folding, reads."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from khabar.errors import NotFoundError, StoreError
from khabar.pipeline import ingest
from khabar.settings import Settings
from khabar.store import SQLiteStore, open_store


def test_new_database_is_migrated_and_in_wal_mode(store: SQLiteStore) -> None:
    assert store.schema_version() >= 1
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "paragraphs", "duplicates", "quarantine", "ingest_runs",
            "shared_paragraphs", "line_decisions", "documents_fts"} <= tables  # fmt: skip


def test_reopening_applies_no_migration_twice(settings: Settings) -> None:
    with open_store(settings) as first:
        version = first.schema_version()
    with open_store(settings) as again:
        assert again.migrate() == [] and again.schema_version() == version


def test_unopenable_path_raises_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot open database"):
        open_store(Settings(database=str(blocker / "sub" / "k.db")))


def test_a_file_that_is_not_sqlite_raises_store_error(tmp_path: Path) -> None:
    bad = tmp_path / "k.db"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError):
        open_store(Settings(database=str(bad)))


@pytest.fixture
def filled(store: SQLiteStore, seeds: Path) -> SQLiteStore:
    ingest([str(seeds)], store)
    return store


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("مسئول", "hamza on ya seat finds hamza on waw seat (مسؤول)"),
        ("الامريكية", "bare alef finds أ"),
        ("مَسْؤولٌ", "harakat in the query are ignored"),
        ("الأمريكيـــة", "tatweel in the query is ignored"),
        ("۲۵۰۰", "Persian digits find ASCII digits"),
        ("٢٥٠٠", "Arabic-Indic digits find ASCII digits"),
        ("حزب‌الله", "ZWNJ in the query is ignored"),
        ("گردانهاي", "Arabic ya finds Persian ye"),
        ("پايگاه", "Arabic ya inside a Persian word"),
    ],
)
def test_search_folds_spelling_variants(filled: SQLiteStore, query: str, why: str) -> None:
    assert filled.search(query), why


def test_search_snippet_shows_the_original_spelling(filled: SQLiteStore) -> None:
    hits = filled.search("مسئول")
    assert any("[مسؤول]" in h["snippet"] for h in hits)


def test_search_with_only_punctuation_returns_nothing(filled: SQLiteStore) -> None:
    assert filled.search("!!! ...") == []


def test_search_handles_quotes_and_fts_syntax_literally(filled: SQLiteStore) -> None:
    assert filled.search('"حزب" OR NEAR(') is not None


def test_document_read_back_has_provenance_and_removed_lines(filled: SQLiteStore) -> None:
    doc_id = filled.db.execute("SELECT id FROM documents WHERE source LIKE '%004_%'").fetchone()[0]
    doc = filled.document(doc_id[:8])
    assert doc["id"] == doc_id and doc["published"] == "2020-03-15T20:25"
    for p in doc["paragraphs"]:
        assert doc["raw_text"][p["start"] : p["end"]] == p["text"]
    rules = {line["rule"] for line in doc["removed_lines"]}
    assert {"masthead", "ad", "counter", "repeated_paragraph", "dateline_line"} <= rules


def test_unknown_document_raises_not_found(filled: SQLiteStore) -> None:
    with pytest.raises(NotFoundError, match="khabar search"):
        filled.document("ffffffffffffffff")


def test_stats_count_what_was_stored(filled: SQLiteStore) -> None:
    stats = filled.stats()
    assert stats["documents"] == 5 and stats["by_language"] == {"ar": 4, "fa": 1}
    assert stats["runs"] == 1 and stats["shared_paragraphs"] >= 5


def test_run_records_inputs_counts_and_settings(filled: SQLiteStore) -> None:
    row = filled.db.execute(
        "SELECT inputs, counts, settings, finished_at FROM ingest_runs"
    ).fetchone()
    assert "seeds" in row["inputs"] and '"ingested": 5' in row["counts"]
    assert "near_dup_threshold" in row["settings"] and row["finished_at"]


def test_failed_write_rolls_back_and_raises_store_error(filled: SQLiteStore) -> None:
    with pytest.raises(StoreError):
        with filled.transaction():
            filled.db.execute("INSERT INTO ingest_runs (id, started_at, inputs, settings)"
                              " VALUES (1, 'x', '[]', '{}')")  # fmt: skip
    assert filled.db.execute("SELECT count(*) FROM ingest_runs").fetchone()[0] == 1


def test_a_savepoint_undoes_its_part_alone_or_says_the_transaction_is_lost(
    store: SQLiteStore,
) -> None:
    with store.transaction():
        store.set_fused(store.new_story(), True)
        with pytest.raises(ValueError), store.savepoint("part"):
            store.new_story()
            raise ValueError("this part fails")
    assert store.story_count() == 1  # the part undone, the rest committed
    store.begin()
    with pytest.raises(StoreError, match="cannot undo part"), store.savepoint("part"):
        store.rollback()  # as SQLite does on a full disk: the whole transaction ends
        raise ValueError("this part fails")


def test_second_process_sees_committed_documents(filled: SQLiteStore) -> None:
    other = sqlite3.connect(filled.path)
    assert other.execute("SELECT count(*) FROM documents").fetchone()[0] == 5
    other.close()


@pytest.mark.parametrize(
    ("words", "text", "marked"),
    [
        (("مسءول",), "وقال مسئولٌ أمريكي إن", ["مسئولٌ"]),  # hamza seat and harakat as written
        (("mosul", "12"), "Near MOSUL, ١٢ people; Mosuls 2012", ["MOSUL", "١٢"]),  # whole words
        (("كتاءب", "حزب"), "كتائب حزب الله", ["كتائب", "حزب"]),
        (("ميگويند",), "آنها می‌گویند که", ["می‌گویند"]),  # ZWNJ deleted by normalisation
        (("ميگويند",), "آنها می گویند که", ["می گویند"]),  # the prefix apart, as indexed
        (("خيابانها",), "خیابان ها بسته شد و خیابان‌ها", ["خیابان ها", "خیابان‌ها"]),  # the suffix
        (("ميدان",), "میدان و می دانند", ["میدان"]),  # a word is not cut at a prefix-like start
    ],
)
def test_snippets_mark_every_spelling_of_the_query_words(
    store: SQLiteStore, words: tuple[str, ...], text: str, marked: list[str]
) -> None:
    from khabar.store.sqlite import _word_patterns

    parts = store._snippet_parts(text, _word_patterns(words))
    assert [t for t, is_match in parts if is_match] == marked
    assert "".join(t for t, _ in parts) == text


def test_a_store_of_the_old_index_form_is_reindexed_once_when_it_migrates(
    filled: SQLiteStore,
) -> None:
    """Migration 0015 marks a new form of the search index: a store filled before it finds a
    word behind the article once opened by this version (no `khabar reindex` needed)."""
    hits = filled.search("امريكية")  # the samples write الأمريكية
    assert hits
    filled.db.execute("DELETE FROM documents_fts")  # as if indexed in an older form
    filled.db.execute("DELETE FROM schema_migrations WHERE version = 15")
    assert filled.search("امريكية") == []
    assert filled.migrate() == [15]
    assert {h["id"] for h in filled.search("امريكية")} == {h["id"] for h in hits}
