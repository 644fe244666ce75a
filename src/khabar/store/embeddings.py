"""The document embeddings table: what ``khabar.embed`` reads and writes.

Input: a store (``SQLiteStore`` or ``PostgresStore``: the SQL here is written once, in the
SQLite spelling that ``store.postgres`` translates), document ids, and vectors as rows of
little-endian float32 bytes. Output: document ids and texts to embed, the stored vectors and
what describes a document found similar. ``put_vectors`` writes; the rest only reads.

Example::

    with open_store(settings) as store:
        ids = documents_to_embed(store)
        stamp = embeddings_stamp(store)   # (rows, latest write): a cache key
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from khabar.store.sqlite import SQLiteStore

__all__ = [
    "described_documents",
    "documents_to_embed",
    "embedding_of",
    "embeddings_stamp",
    "leads_of",
    "near_copies",
    "put_vectors",
    "stored_vectors",
]

_UPSERT = (
    "INSERT INTO embeddings (doc_id, model, device, title_chars, body_end, dim, vector,"
    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET"
    " model = excluded.model, device = excluded.device, title_chars = excluded.title_chars,"
    " body_end = excluded.body_end, dim = excluded.dim, vector = excluded.vector,"
    " created_at = excluded.created_at"
)


def documents_to_embed(store: SQLiteStore, *, again: bool = False) -> list[str]:
    """Ids of the documents with no embedding yet (of every document with ``again``), in the
    order they were stored."""
    sql = "SELECT d.id FROM documents d"
    if not again:
        sql += " WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.doc_id = d.id)"
    return [row[0] for row in store.db.execute(sql + " ORDER BY d.rowid")]


def leads_of(store: SQLiteStore, doc_ids: Sequence[str]) -> list[Any]:
    """Rows of (id, title, body) of the given documents (by name and by position)."""
    marks = ", ".join("?" * len(doc_ids))
    return store.db.execute(f"SELECT id, title, body FROM documents WHERE id IN ({marks})",
                            list(doc_ids)).fetchall()  # fmt: skip


def put_vectors(store: SQLiteStore, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert or replace embeddings: each row (document id, model, device, title characters,
    end of the body's lead, dimension, vector bytes, written at), in the caller's transaction."""
    store.db.executemany(_UPSERT, list(rows))


def embeddings_stamp(store: SQLiteStore) -> tuple[int, str | None]:
    """(how many embeddings, when the latest was written): unchanged while the table is."""
    count, latest = store.db.execute("SELECT count(*), max(created_at) FROM embeddings").fetchone()
    return int(count), latest


def stored_vectors(store: SQLiteStore) -> list[tuple[str, bytes]]:
    """(document id, vector bytes) of every embedding, by document id."""
    rows = store.db.execute("SELECT doc_id, vector FROM embeddings ORDER BY doc_id").fetchall()
    return [(r[0], bytes(r[1])) for r in rows]


def embedding_of(store: SQLiteStore, doc_id: str) -> bytes | None:
    """The vector bytes of one document's embedding, or None when it has none."""
    row = store.db.execute("SELECT vector FROM embeddings WHERE doc_id = ?", (doc_id,)).fetchone()
    return bytes(row[0]) if row is not None else None


def described_documents(store: SQLiteStore, doc_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Document id → its title, lead (the body's first 120 characters), lang, outlet,
    published and story id, for the given documents."""
    marks = ", ".join("?" * len(doc_ids))
    rows = store.db.execute(
        "SELECT d.id, d.title, substr(d.body, 1, 120) AS lead, d.lang, d.outlet, d.published,"
        " m.story_id FROM documents d"
        f" LEFT JOIN story_members m ON m.doc_id = d.id WHERE d.id IN ({marks})",
        list(doc_ids),
    ).fetchall()
    return {r["id"]: dict(r) for r in rows}


def near_copies(store: SQLiteStore, doc_ids: Sequence[str]) -> dict[str, str]:
    """Document id → the first copy it is a near duplicate of, for those of the given
    documents that are one."""
    marks = ", ".join("?" * len(doc_ids))
    rows = store.db.execute(
        "SELECT doc_id, first_id FROM duplicates WHERE kind = 'near' AND doc_id IN"
        f" ({marks})", list(doc_ids)
    ).fetchall()  # fmt: skip
    return {r[0]: r[1] for r in rows}
