"""What fusion reads of one story: the stored rows ``khabar.fuse.facts`` builds its facts from.

Input: an open connection of a store (``SQLiteStore.db``, or the ``PostgresStore`` wrapper: the
SQL here is written once, in the SQLite spelling that ``store.postgres`` translates) and a story
id or document ids. Output: tuples of the columns each function names, or whole rows (the
documents of a story, claims, event mentions) that answer by position and by name as
``sqlite3.Row`` does; in document, paragraph or sentence order. Nothing here writes.

Example::

    with open_store(settings) as store:
        docs = story_documents(store.db, 1)
        mentions = event_mention_rows(store.db, docs[0]["id"])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "actor_spans",
    "claim_rows",
    "date_mention_rows",
    "duplicate_links",
    "event_mention_rows",
    "organisation_spans",
    "paragraph_starts",
    "place_mention_rows",
    "resolved_actor_starts",
    "shared_paragraph_links",
    "story_documents",
    "time_mention_rows",
]


def story_documents(db: Any, story_id: int) -> list[Any]:
    """The documents of a story in the order they were stored: rows of (id, outlet, lang,
    published, raw_text, crawled)."""
    return db.execute(
        "SELECT d.id, d.outlet, d.lang, d.published, d.raw_text, d.crawled FROM story_members m"
        " JOIN documents d ON d.id = m.doc_id WHERE m.story_id = ? ORDER BY d.rowid",
        (story_id,),
    ).fetchall()  # fmt: skip


def paragraph_starts(db: Any, doc_id: str) -> list[tuple[int, int]]:
    """(character offset, paragraph index) of each paragraph of a document, by offset."""
    rows = db.execute("SELECT start, idx FROM paragraphs WHERE doc_id = ? ORDER BY start",
                      (doc_id,)).fetchall()  # fmt: skip
    return [(r[0], r[1]) for r in rows]


def shared_paragraph_links(db: Any, doc_ids: Sequence[str]) -> list[tuple[str, int, str, int]]:
    """(document, paragraph index, other document, its paragraph index) of each paragraph two
    of ``doc_ids`` share (the copies of one wire text that ingest linked)."""
    marks = ",".join("?" * len(doc_ids))
    rows = db.execute(
        f"SELECT doc_id, para_idx, other_id, other_idx FROM shared_paragraphs"
        f" WHERE doc_id IN ({marks}) AND other_id IN ({marks})", (*doc_ids, *doc_ids)
    ).fetchall()  # fmt: skip
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def duplicate_links(db: Any, doc_ids: Sequence[str]) -> list[tuple[str, str]]:
    """(document, the first copy it duplicates) of each duplicate pair among ``doc_ids``."""
    marks = ",".join("?" * len(doc_ids))
    rows = db.execute(
        f"SELECT doc_id, first_id FROM duplicates WHERE doc_id IN ({marks})"
        f" AND first_id IN ({marks})", (*doc_ids, *doc_ids)
    ).fetchall()  # fmt: skip
    return [(r[0], r[1]) for r in rows]


def resolved_actor_starts(db: Any, doc_id: str) -> list[tuple[int, str]]:
    """(character offset, actor id) of each actor mention of a document that the actor
    dictionaries resolved."""
    rows = db.execute(
        "SELECT start, actor_id FROM actor_mentions WHERE doc_id = ? AND actor_id IS NOT NULL",
        (doc_id,),
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def actor_spans(db: Any, doc_id: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of every actor mention of a document."""
    rows = db.execute('SELECT start, "end" FROM actor_mentions WHERE doc_id = ?',
                      (doc_id,)).fetchall()  # fmt: skip
    return [(r[0], r[1]) for r in rows]


def organisation_spans(db: Any, doc_id: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the organisation names (ORG entity mentions) of a
    document."""
    rows = db.execute('SELECT start, "end" FROM entity_mentions WHERE doc_id = ? AND label = ?',
                      (doc_id, "ORG")).fetchall()  # fmt: skip
    return [(r[0], r[1]) for r in rows]


def claim_rows(db: Any, doc_id: str) -> list[Any]:
    """The ``claims`` rows of a document (every column), in sentence order."""
    return db.execute("SELECT * FROM claims WHERE doc_id = ? ORDER BY seq", (doc_id,)).fetchall()


def place_mention_rows(db: Any, doc_id: str) -> list[tuple[int, int, str, str | None, str | None]]:
    """(start, end, text, place id, relation) of each place mention of a document (the place
    id None when the gazetteer resolved none)."""
    rows = db.execute('SELECT start, "end", text, place_id, relation FROM place_mentions'
                      " WHERE doc_id = ?", (doc_id,)).fetchall()  # fmt: skip
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]


def date_mention_rows(
    db: Any, doc_id: str,
) -> list[tuple[str, str, str, str | None, str | None, int, int]]:
    """(text, flags as JSON, corrections as JSON, part of day, anchor, start, end) of each date
    mention of a document."""
    rows = db.execute('SELECT text, flags, corrections, part_of_day, anchor, start, "end"'
                      " FROM date_mentions WHERE doc_id = ?", (doc_id,)).fetchall()  # fmt: skip
    return [(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]


def time_mention_rows(db: Any, doc_id: str) -> list[tuple[int, str, str, str | None]]:
    """(start, time of day, zone, the time in UTC or None) of each clock time of a document."""
    rows = db.execute("SELECT start, time, zone, utc FROM time_mentions WHERE doc_id = ?",
                      (doc_id,)).fetchall()  # fmt: skip
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def event_mention_rows(db: Any, doc_id: str) -> list[Any]:
    """The ``event_mentions`` rows of a document (every column), in sentence order."""
    return db.execute("SELECT * FROM event_mentions WHERE doc_id = ? ORDER BY seq",
                      (doc_id,)).fetchall()  # fmt: skip
