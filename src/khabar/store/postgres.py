"""PostgreSQL store: the same tables, migrations and methods as the SQLite store, for teams.

Input: a URL (``postgresql://user@host/db``, setting ``database_url`` or ``KHABAR_DATABASE_URL``)
and the settings. Output: a ``PostgresStore`` with every method of ``SQLiteStore``. The
pipeline, stories, fusion, API and exports write the SQL they always write; a thin connection
wrapper (``PgConnection``) turns its few SQLite spellings into PostgreSQL ones (``?``
placeholders, ``group_concat``, ``instr``, ``BEGIN IMMEDIATE``, PRAGMAs), and rows answer
both by position and by name, as ``sqlite3.Row`` does.

The schema comes from ``store/migrations/postgres/NNNN_name.sql``: the same versions as the
SQLite files, in PostgreSQL's types (identity keys, BYTEA, DOUBLE PRECISION). Full-text search
is done the PostgreSQL way: a ``tsvector`` column generated from the normalised title and body
with a GIN index, and a ``pg_trgm`` trigram index for a fuzzy fall-back when no document has
every word. Writers are safe together: inserts are upserts (``ON CONFLICT``), counters are
incremented in the database, and every write transaction (``BEGIN IMMEDIATE`` in the SQLite
spelling) takes an advisory lock, so two workers ingesting overlapping batches serialise their
commits instead of losing updates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from khabar.errors import StoreError
from khabar.normalize import search_terms, search_words
from khabar.settings import Settings
from khabar.store.sqlite import SQLiteStore, _split_sql, migrations

__all__ = ["PgConnection", "PostgresStore", "is_postgres_url", "to_postgres"]

_INGEST_LOCK = 7_061_999  # advisory lock key of khabar's write transactions
_RUN_LOCK = 7_062_000  # advisory lock class of running ingest runs (the run id is the key)
_RUN_KEY = "(CAST(? AS integer), CAST(? AS integer))"


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def _redacted(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    user = f"{parts.username}@" if parts.username else ""
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit((parts.scheme, f"{user}{host}{port}", parts.path, "", ""))


@lru_cache(maxsize=2048)
def to_postgres(sql: str) -> str | None:
    """The PostgreSQL spelling of a statement written for SQLite (None: nothing to run)."""
    head = sql.lstrip()[:16].upper()
    if head.startswith("PRAGMA"):
        return None
    if head.startswith("BEGIN IMMEDIATE"):
        return f"BEGIN; SELECT pg_advisory_xact_lock({_INGEST_LOCK})"
    out = sql.replace("%", "%%").replace("?", "%s")
    out = re.sub(r"group_concat\((DISTINCT )?([^()]+)\)", r"string_agg(\1\2, ',')", out)
    return re.sub(r"\binstr\(", "strpos(", out)


class _Row(tuple):  # noqa: SLOT001 (rows carry their column index)
    """A result row readable by position and by column name, like ``sqlite3.Row``."""

    _index: dict[str, int]

    def __new__(cls, values: Sequence[Any], index: dict[str, int]) -> _Row:
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_factory(cursor: Any) -> Any:
    names = [c.name for c in cursor.description] if cursor.description else []
    index = {name: i for i, name in enumerate(names)}
    return lambda values: _Row(values, index)


class _Empty:
    rowcount = 0

    def fetchone(self) -> None:
        return None

    def fetchall(self) -> list[Any]:
        return []

    def __iter__(self) -> Iterator[Any]:
        return iter(())


class PgConnection:
    """The part of ``sqlite3.Connection`` khabar uses, over a psycopg connection."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.row_factory = None  # accepted and ignored: rows are always ``_Row``

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        statement = to_postgres(sql)
        if statement is None:
            return _Empty()
        cursor = self.conn.cursor(row_factory=_row_factory)
        if ";" in statement and statement.startswith("BEGIN;"):
            for part in statement.split(";"):
                cursor.execute(part)
            return cursor
        cursor.execute(statement, tuple(params) if params else None)
        return cursor

    def executemany(self, sql: str, seq: Any) -> Any:
        statement = to_postgres(sql)
        cursor = self.conn.cursor(row_factory=_row_factory)
        rows = [tuple(r) for r in seq]
        if statement is not None and rows:
            cursor.executemany(statement, rows)
        return cursor

    def close(self) -> None:
        self.conn.close()


class PostgresStore(SQLiteStore):
    """The store on a PostgreSQL server (see the module docstring)."""

    def __init__(self, url: str, settings: Settings) -> None:  # noqa: D107
        try:
            import psycopg
            from psycopg.types.string import StrDumper
        except ImportError as exc:
            raise StoreError(
                "a postgresql:// database needs psycopg: pip install 'khabar[postgres]'"
            ) from exc
        self.path = _redacted(url)  # type: ignore[assignment]  # named in messages, no password
        self.settings = settings
        self.driver_errors = (psycopg.Error,)
        self.document_errors = ()  # any error aborts the server's transaction: it ends the run
        self._my_runs: set[int] = set()
        try:
            conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {self.path}: {exc}") from exc
        conn.adapters.register_dumper(str, StrDumper)  # text, not 'unknown': length(?) works
        self.db = PgConnection(conn)  # type: ignore[assignment]
        self.migrate()

    def migrate(self) -> list[int]:
        """Apply pending PostgreSQL migrations in order (one server-wide lock while doing so)."""
        db = self.db
        db.execute("SELECT pg_advisory_lock(?)", (_INGEST_LOCK + 1,))
        try:
            db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            done = {r[0] for r in db.execute("SELECT version FROM schema_migrations")}
            applied = []
            for version, name, sql in migrations("postgres"):
                if version in done:
                    continue
                with self.transaction():
                    if _split_sql(sql):  # (a migration may change no table: 0015)
                        self.db.conn.execute(sql)  # type: ignore[attr-defined]  # several
                    db.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                               (version, name, _now()))  # fmt: skip
                applied.append(version)
            self._reindex_after(applied)
            return applied
        finally:
            db.execute("SELECT pg_advisory_unlock(?)", (_INGEST_LOCK + 1,))

    # -- runs: a running run holds a session advisory lock, freed when its process ends --------
    def _claim_run(self, run_id: int) -> None:
        self.db.execute("SELECT pg_advisory_lock" + _RUN_KEY, (_RUN_LOCK, run_id))
        self._my_runs.add(run_id)

    def _release_run(self, run_id: int) -> None:
        if run_id in self._my_runs:
            self.db.execute("SELECT pg_advisory_unlock" + _RUN_KEY, (_RUN_LOCK, run_id))
            self._my_runs.discard(run_id)

    def _owner_gone(self, run_id: int, pid: int | None, host: str | None) -> bool:
        """True when no session holds the run's lock: the process that ran it is gone, on
        whichever machine it ran."""
        if run_id in self._my_runs:
            return False
        free = self.db.execute("SELECT pg_try_advisory_lock" + _RUN_KEY, (_RUN_LOCK, run_id)
                               ).fetchone()[0]  # fmt: skip
        if free:
            self.db.execute("SELECT pg_advisory_unlock" + _RUN_KEY, (_RUN_LOCK, run_id))
        return bool(free)

    # the documents holding every word (ts_rank, best first), and the fall-back when none does:
    # the closest by trigram similarity of the normalised body; each query ranks first and
    # takes its page before any document row is read
    _RANKED = ("SELECT rowid, ts_rank(tsv, to_tsquery('simple', ?)) AS score"
               " FROM documents_fts WHERE tsv @@ to_tsquery('simple', ?)")  # fmt: skip
    _SIMILAR = ("SELECT rowid, word_similarity(?, body) AS score FROM documents_fts"
                " WHERE ? <% body")  # fmt: skip

    def search(
        self, query: str, *, limit: int | None = None, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Documents with every word of ``query`` (normalised), ranked by ``ts_rank``; when
        none has them all, the closest by trigram similarity of the normalised body. The same
        hits' shape as ``SQLiteStore.search`` (snippets of the original text)."""
        words = search_words(query)
        if not words:
            return []
        args = _search_args(query)
        for ranked in (self._RANKED, self._SIMILAR):
            rows = self.db.execute(
                "SELECT d.id, d.title, d.lang, d.published, d.crawled, d.outlet, d.body, top.score"
                " FROM"
                f" ({ranked} ORDER BY score DESC, rowid LIMIT ? OFFSET ?) AS top"
                " JOIN documents d ON d.rowid = top.rowid ORDER BY top.score DESC, d.rowid",
                (args[ranked], args[ranked], limit or self.settings.search_limit, offset),
            ).fetchall()  # fmt: skip
            if rows or (offset and self._count(self._RANKED, args)):
                break
        return [self._hit(r, r["score"], tuple(words)) for r in rows]

    def _count(self, ranked: str, args: dict[str, str]) -> int:
        sql = f"SELECT count(*) FROM ({ranked}) AS hits"
        return int(self.db.execute(sql, (args[ranked], args[ranked])).fetchone()[0])

    def search_count(self, query: str) -> int:
        """How many documents ``search(query)`` finds in all (for a pager's total)."""
        if not search_words(query):
            return 0
        args = _search_args(query)
        return self._count(self._RANKED, args) or self._count(self._SIMILAR, args)

    def stories_matching(self, query: str) -> set[int]:
        """Stories with a member document that ``search(query)`` finds (no ranking, no limit)."""
        if not search_words(query):
            return set()
        args = _search_args(query)
        for ranked in (self._RANKED, self._SIMILAR):
            found = {int(r[0]) for r in self.db.execute(
                f"SELECT DISTINCT m.story_id FROM ({ranked}) AS hits"
                " JOIN documents d ON d.rowid = hits.rowid"
                " JOIN story_members m ON m.doc_id = d.id",
                (args[ranked], args[ranked]))}  # fmt: skip
            if found or self._count(self._RANKED, args):
                return found
        return set()

    def documents_matching(self, query: str, doc_ids: list[str]) -> set[str]:
        """Those of ``doc_ids`` whose ``tsvector`` holds every word of ``query`` (normalised);
        no trigram fall-back here: a watchlist matches the words it names."""
        words = search_words(query)
        out: set[str] = set()
        if not words:
            return out
        for i in range(0, len(doc_ids), 500):
            chunk = doc_ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out |= {r[0] for r in self.db.execute(
                "SELECT d.id FROM documents_fts f JOIN documents d ON d.rowid = f.rowid"
                f" WHERE f.tsv @@ to_tsquery('simple', ?) AND d.id IN ({marks})",
                (_tsquery(query), *chunk))}  # fmt: skip
        return out


def _tsquery(query: str) -> str:
    """A ``to_tsquery`` string for documents holding every term of ``query`` (``search_terms``:
    letters and digits only, so no query syntax comes from the user; a term of several words
    is a phrase of adjacent words)."""
    return " & ".join(t.replace(" ", " <-> ") for t in search_terms(query))


def _search_args(query: str) -> dict[str, str]:
    """The argument each search query takes: the tsquery (``_tsquery``) for the ranked one, the
    normalised words for the trigram one."""
    return {PostgresStore._RANKED: _tsquery(query),
            PostgresStore._SIMILAR: " ".join(search_words(query))}  # fmt: skip


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
