"""The API's listings: documents and claims by filter, what one ingest run stored (its
documents and duplicates), and a document's story.

Input: a store (``SQLiteStore`` or ``PostgresStore``: the SQL here is written once, in the
SQLite spelling that ``store.postgres`` translates) and the filters an API route was given
(days as YYYY-MM-DD). Output: rows as dicts or tuples, in the order the API pages them, and
a story id. Nothing here writes.

Example::

    with open_store(settings) as store:
        rows = document_listing(store, lang="ar", since="2015-08-01")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from khabar.store.sqlite import SQLiteStore

__all__ = [
    "claim_listing",
    "document_listing",
    "run_duplicates",
    "run_locators",
    "story_of",
]


def document_listing(
    store: SQLiteStore, *, lang: str | None = None, outlet: str | None = None,
    since: str | None = None, until: str | None = None,
) -> list[dict[str, Any]]:  # fmt: skip
    """Documents (id, title, lang, outlet, published, url), newest first by publication date
    (undated last, then the last stored first), of a language, an outlet, published from
    ``since`` to ``until`` (days, both included)."""
    where, args = ["1 = 1"], []
    for col, value in (("lang", lang), ("outlet", outlet)):
        if value:
            where.append(f"{col} = ?")
            args.append(value)
    if since:
        where.append("substr(published, 1, 10) >= ?")
        args.append(since)
    if until:
        where.append("substr(published, 1, 10) <= ?")
        args.append(until)
    rows = store.db.execute(
        "SELECT id, title, lang, outlet, published, url FROM documents WHERE "
        f"{' AND '.join(where)} ORDER BY published IS NULL, published DESC, rowid DESC",
        args,
    ).fetchall()
    return [dict(r) for r in rows]


def claim_listing(store: SQLiteStore, *, story: int | None = None, speaker: str | None = None,
                  doc: str | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """Claims (document, seq, span, sentence, speaker id and text, speaker kind, verb, stance,
    content, the document's language) of a story, a speaker (id or text as written) or a
    document, in the order documents were stored and sentences read."""
    where, args = ["1 = 1"], []
    if story is not None:
        where.append("c.doc_id IN (SELECT doc_id FROM story_members WHERE story_id = ?)")
        args.append(story)
    if speaker:
        where.append("(c.speaker = ? OR c.speaker_text = ?)")
        args += [speaker, speaker]
    if doc:
        where.append("c.doc_id = ?")
        args.append(doc)
    rows = store.db.execute(
        'SELECT c.doc_id, c.seq, c.start, c."end", c.sentence, c.speaker, c.speaker_text,'
        " c.speaker_kind, c.verb, c.stance, c.content, d.lang FROM claims c JOIN documents d"
        f" ON d.id = c.doc_id WHERE {' AND '.join(where)} ORDER BY d.rowid, c.seq",
        args,
    ).fetchall()
    return [dict(r) for r in rows]


def run_locators(store: SQLiteStore, run_id: int) -> list[tuple[str, str]]:
    """(document id, locator in its input) of each document the ingest run stored, in order."""
    rows = store.db.execute("SELECT id, locator FROM documents WHERE run_id = ? ORDER BY rowid",
                            (run_id,)).fetchall()  # fmt: skip
    return [(r[0], r[1]) for r in rows]


def run_duplicates(store: SQLiteStore, run_id: int) -> list[tuple[str, str, str, float, str]]:
    """(document id, the first copy's id, kind, score, locator) of each duplicate the ingest run
    found."""
    rows = store.db.execute("SELECT doc_id, first_id, kind, score, locator FROM duplicates"
                            " WHERE run_id = ?", (run_id,)).fetchall()  # fmt: skip
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]


def story_of(store: SQLiteStore, doc_id: str) -> int | None:
    """The story a document is in, or None."""
    row = store.db.execute("SELECT story_id FROM story_members WHERE doc_id = ?",
                           (doc_id,)).fetchone()  # fmt: skip
    return row[0] if row else None
