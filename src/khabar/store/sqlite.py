"""SQLite store: documents, paragraphs, line decisions, duplicates, quarantine, runs, FTS5.

Input: cleaned ``Document`` objects, quarantine records, duplicate findings. Output: the database
file (WAL mode) and read helpers for the CLI (``document``, ``search``, ``stats``). Versioned
migrations in ``store/migrations/NNNN_name.sql`` are applied in order, each once, recorded in
``schema_migrations``. Driver errors are raised as ``StoreError`` with the file named.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import socket
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from khabar.dedup import paragraph_key
from khabar.errors import ConflictError, NotFoundError, StoreError
from khabar.extract.actors import actor_dictionary, world_actors
from khabar.extract.document import Extraction, iso_day
from khabar.extract.lexicon import PROCLITICS, proclitic_length
from khabar.extract.places import gazetteer
from khabar.model import (
    Document,
    DuplicateRecord,
    LineRole,
    QuarantineRecord,
    RawArticle,
    SharedParagraph,
)
from khabar.normalize import (
    PERSIAN_PREFIX,
    PERSIAN_SUFFIX,
    normalize,
    search_form,
    search_split,
    search_terms,
    search_words,
    tokens,
)
from khabar.resources import word_counts
from khabar.settings import Settings

__all__ = ["STORY_SORTS", "SQLiteStore", "migrations", "open_store"]

_MIGRATION_NAME = re.compile(r"^(\d{4})_(\w+)\.sql$")
_FACT_TABLES = ("date_mentions", "time_mentions", "place_mentions", "actor_mentions",
                "entity_mentions", "event_mentions", "claims")  # fmt: skip


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


# the day a document was published (a value of day precision or finer), else crawled; the same
# rule as ingest's ``iso_day(published) or iso_day(crawled)``
REPORT_DAY = ("CASE WHEN length(published) >= 10 THEN substr(published, 1, 10)"
              " ELSE substr(crawled, 1, 10) END")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _sig_blob(sig: np.ndarray | None) -> bytes | None:
    return None if sig is None else np.asarray(sig, dtype=np.uint32).tobytes()


_log = logging.getLogger(__name__)

# migrations after which the search index is rebuilt (its form changed: ``search_text``)
_REINDEX_AFTER = frozenset({15})


def migrations(dialect: str = "sqlite") -> list[tuple[int, str, str]]:
    """(version, name, SQL) of the schema migrations of ``dialect`` (sqlite or postgres)."""
    folder = resources.files("khabar.store").joinpath("migrations")
    if dialect != "sqlite":
        folder = folder.joinpath(dialect)
    out = []
    for entry in folder.iterdir():
        m = _MIGRATION_NAME.match(entry.name)
        if m:
            out.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(out)


# a story's days: the event days its reports state (not one assumed from a publication or
# crawl day, which still help match reports of one happening)
_STATED_DAY = ("e.background = 0 AND length(e.date) = 10"
               " AND coalesce(e.date_basis, 'text') NOT IN ('publication', 'crawl')")

# how ``story_page`` can order stories (each descending), and the sort key of each
STORY_SORTS = ("last_day", "size", "last_report", "contradictions")
_STORY_KEYS = {
    "last_day": lambda r: (r["last_day"] or "", r["updated"], r["id"]),
    "size": lambda r: (r["size"], r["last_day"] or "", r["id"]),
    "last_report": lambda r: (r["last_report"] or "", r["last_day"] or "", r["id"]),
    "contradictions": lambda r: (r["contradictions"], r["last_day"] or "", r["id"]),
}


class SQLiteStore:
    """The embedded store. Use ``open_store(settings)``; close with ``close()`` or ``with``."""

    driver_errors: tuple[type[Exception], ...] = (sqlite3.Error,)  # raised as StoreError
    # driver errors caused by one document's rows, after which the transaction goes on; any
    # other (locked, disk full, corrupt, connection lost) ends an ingest run
    document_errors: tuple[type[Exception], ...] = (sqlite3.IntegrityError, sqlite3.DataError)

    def __init__(
        self, path: str | Path, settings: Settings, *, check_same_thread: bool = True
    ) -> None:
        self.path = Path(path)
        self.settings = settings
        try:
            if self.path.parent and not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(
                self.path, timeout=settings.sqlite_busy_timeout_ms / 1000, isolation_level=None,
                check_same_thread=check_same_thread,
            )  # fmt: skip
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.migrate()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; rolled back on error, errors raised as ``StoreError``."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except self.driver_errors as exc:
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc
        try:
            yield
        except self.driver_errors as exc:
            self.db.execute("ROLLBACK")
            raise StoreError(f"write to {self.path} failed: {exc}") from exc
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    @contextmanager
    def savepoint(self, name: str) -> Iterator[None]:
        """A part of the open transaction that an error undoes alone (``name``: an SQL
        identifier of the caller's): the error is raised again, the rest of the transaction
        stays. ``StoreError`` instead when the part cannot be undone (the database ended the
        whole transaction itself: a full disk, an I/O error), so that no caller goes on
        writing outside a transaction."""
        self.db.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            try:
                self.db.execute(f"ROLLBACK TO {name}")
                self.db.execute(f"RELEASE {name}")
            except self.driver_errors as exc:
                raise StoreError(f"cannot undo part of a write to {self.path}: {exc}") from exc
            raise
        self.db.execute(f"RELEASE {name}")

    def begin(self) -> None:
        """Open a write transaction by hand, for a writer that commits in batches (ingest):
        ``commit`` ends it, ``rollback`` undoes it; driver errors are raised as they come."""
        self.db.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        """Commit the transaction ``begin`` opened."""
        self.db.execute("COMMIT")

    def rollback(self) -> None:
        """Undo the transaction ``begin`` opened (SQLite raises a driver error when none is
        open)."""
        self.db.execute("ROLLBACK")

    def migrate(self) -> list[int]:
        """Apply pending migrations in order; return the versions applied."""
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.db.execute("SELECT version FROM schema_migrations")}
        applied = []
        for version, name, sql in migrations():
            if version in done:
                continue
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for statement in _split_sql(sql):
                    self.db.execute(statement)
                self.db.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, _now())
                )
            except sqlite3.Error:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
            applied.append(version)
        self._reindex_after(applied)
        return applied

    def _reindex_after(self, applied: list[int]) -> None:
        """Rebuild the search index (``reindex_search``) when one of the ``applied`` migrations
        marks a change of the index's form (``_REINDEX_AFTER``) and the store holds documents:
        a store filled by an earlier version then finds what a new one does."""
        if not set(applied) & _REINDEX_AFTER:
            return
        if self.db.execute("SELECT count(*) FROM documents").fetchone()[0]:
            done = self.reindex_search()
            _log.warning("search index rebuilt in its new form: %d documents", done)

    def schema_version(self) -> int:
        row = self.db.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    # -- runs ------------------------------------------------------------------------------
    def begin_run(self, inputs: list[str]) -> int:
        """Record a new ingest run (status ``running``, this process's id and host); runs whose
        process is gone are marked ``interrupted`` first (``mark_interrupted_runs``)."""
        self.mark_interrupted_runs()
        with self.transaction():
            cur = self.db.execute(
                "INSERT INTO ingest_runs (started_at, inputs, settings, status, pid, host)"
                " VALUES (?, ?, ?, 'running', ?, ?) RETURNING id",
                (_now(), json.dumps(inputs, ensure_ascii=False),
                 json.dumps(self.settings.as_dict(redact=True), ensure_ascii=False), os.getpid(),
                 socket.gethostname()),
            )  # fmt: skip
            run_id = int(cur.fetchone()[0])
        self._claim_run(run_id)
        return run_id

    def finish_run(self, run_id: int, counts: dict[str, Any]) -> None:
        self.end_run(run_id, "finished", counts)

    def end_run(
        self, run_id: int, status: str, counts: dict[str, Any], error: str | None = None
    ) -> None:
        """Record how a run ended: ``finished``, ``failed`` (with ``error``) or
        ``interrupted``, with what it had done (``counts``)."""
        with self.transaction():
            self.db.execute(
                "UPDATE ingest_runs SET finished_at = ?, counts = ?, status = ?, error = ?"
                " WHERE id = ?",
                (_now(), json.dumps(counts, ensure_ascii=False), status, error, run_id),
            )
        self._release_run(run_id)

    def _claim_run(self, run_id: int) -> None:
        """Hold what tells other processes that ``run_id`` is alive (its pid is enough here)."""

    def _release_run(self, run_id: int) -> None:
        """Let go of what ``_claim_run`` holds."""

    def _owner_gone(self, run_id: int, pid: int | None, host: str | None) -> bool:
        """True when the process that runs ``run_id`` is known to be gone: it ran on this host
        and its process id is not alive (a run of another host cannot be checked)."""
        if pid is None or host != socket.gethostname():
            return False
        if pid <= 0:
            return True
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False  # alive, another user's
        return False

    def _gone_runs(self) -> list[int]:
        rows = self.db.execute(
            "SELECT id, pid, host FROM ingest_runs WHERE status = 'running' ORDER BY id"
        ).fetchall()
        return [r[0] for r in rows if self._owner_gone(r[0], r[1], r[2])]

    def mark_interrupted_runs(self) -> list[int]:
        """Mark ``interrupted`` the runs still ``running`` whose process is gone (killed, or
        the machine went down); return their ids."""
        gone = self._gone_runs()
        if gone:
            with self.transaction():
                for run_id in gone:
                    self.db.execute(
                        "UPDATE ingest_runs SET status = 'interrupted', finished_at = ?,"
                        " error = ? WHERE id = ? AND status = 'running'",
                        (_now(), "the process running it ended before it finished (killed?)",
                         run_id),
                    )  # fmt: skip
        return gone

    def run_statuses(self) -> dict[str, int]:
        """How many runs ended each way; a run whose process is gone counts as
        ``interrupted`` even before a new run records it."""
        rows = self.db.execute("SELECT status, count(*) FROM ingest_runs GROUP BY status")
        counts = {r[0]: r[1] for r in rows}
        gone = len(self._gone_runs())
        if gone:
            counts["running"] -= gone
            counts["interrupted"] = counts.get("interrupted", 0) + gone
        return {k: v for k, v in sorted(counts.items()) if v}

    # -- writes (call inside ``transaction()``) ---------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return (
            self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
            is not None
        )

    def add_document(
        self,
        doc: Document,
        *,
        run_id: int,
        minhash: np.ndarray,
        paragraph_minhashes: dict[int, np.ndarray],
    ) -> None:
        """Insert a document with its paragraphs, line decisions and full-text entry."""
        cur = self.db.execute(
            "INSERT INTO documents (id, source, locator, kind, url, outlet, author, title, summary,"
            " raw_text, body, lang, lang_score, lang_evidence, published, published_text,"
            " published_precision, published_basis, crawled,"
            " dateline, agency, encoding, minhash, run_id, ingested_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING rowid",
            (doc.id, doc.source, doc.locator, doc.kind, doc.url, doc.outlet, doc.author,
             doc.title, doc.summary, doc.raw_text, doc.body, doc.lang, doc.lang_score,
             doc.lang_evidence, doc.published, doc.published_text, doc.published_precision,
             doc.published_basis, doc.crawled, doc.dateline, doc.agency,
             doc.encoding, _sig_blob(minhash), run_id, _now()),
        )  # fmt: skip
        rowid = cur.fetchone()[0]
        self.db.executemany(
            'INSERT INTO paragraphs (doc_id, idx, role, start, "end", text, norm_hash, minhash)'
            " VALUES (?,?,?,?,?,?,?,?)",
            [(doc.id, p.index, str(p.role), p.span.start, p.span.end, p.text,
              paragraph_key(p.norm), _sig_blob(paragraph_minhashes.get(p.index)))
             for p in doc.paragraphs],
        )  # fmt: skip
        self.db.executemany(
            'INSERT INTO line_decisions (doc_id, seq, line_no, role, rule, start, "end", text)'
            " VALUES (?,?,?,?,?,?,?,?)",
            [(doc.id, i, d.line_no, str(d.role), d.rule, d.span.start, d.span.end, d.text)
             for i, d in enumerate(doc.lines)],
        )  # fmt: skip
        self._index_search(rowid, doc.title, [p.text for p in doc.paragraphs
                                              if p.role in (LineRole.BODY, LineRole.HEADING)],
                           doc.lang)  # fmt: skip

    def _index_search(self, rowid: int, title: str | None, body: list[str], lang: str) -> None:
        """Write the search index row of one document: ``title`` as stored, ``body`` its body
        and heading paragraphs as written (``search_text`` normalises them)."""
        self.db.execute(
            "INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)",
            (rowid, search_text(title or "", lang), search_text("\n".join(body), lang)),
        )

    def reindex_search(self, *, on_batch: Callable[[int], None] | None = None) -> int:
        """Rebuild every document's search index row from its stored title and body and heading
        paragraphs, as ingest writes it now: a store filled by an earlier version then finds an
        Arabic word behind its proclitics too (``search_text``). ``on_batch`` is called with the
        number of documents of each batch of 500 done. Returns how many documents were indexed;
        raises ``StoreError`` if the store cannot be written."""
        docs = self._dicts("SELECT rowid, id, title, lang FROM documents ORDER BY rowid")
        for i in range(0, len(docs), 500):
            chunk = docs[i : i + 500]
            marks = ",".join("?" * len(chunk))
            body: dict[str, list[str]] = {}
            for r in self._dicts(
                f"SELECT doc_id, text FROM paragraphs WHERE doc_id IN ({marks})"
                " AND role IN (?, ?) ORDER BY doc_id, idx",
                *[d["id"] for d in chunk], str(LineRole.BODY), str(LineRole.HEADING),
            ):  # fmt: skip
                body.setdefault(r["doc_id"], []).append(r["text"].strip())
            with self.transaction():
                for d in chunk:
                    self.db.execute("DELETE FROM documents_fts WHERE rowid = ?", (d["rowid"],))
                    self._index_search(d["rowid"], d["title"], body.get(d["id"], []), d["lang"])
            if on_batch is not None:
                on_batch(len(chunk))
        return len(docs)

    def add_extraction(self, doc_id: str, ex: Extraction) -> None:
        """Replace the extracted facts of ``doc_id`` with ``ex`` (call inside a transaction)."""
        for table in _FACT_TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
        js = _json
        self.db.executemany(
            "INSERT INTO date_mentions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(doc_id, i, d.span.start, d.span.end, d.text, d.value, d.precision, d.calendar,
              d.anchor, d.weekday, d.part_of_day, d.qualifier, js(d.flags),
              js([[c.value, c.calendar, c.reason] for c in d.corrections]))
             for i, d in enumerate(ex.dates)],
        )  # fmt: skip
        self.db.executemany(
            "INSERT INTO time_mentions VALUES (?,?,?,?,?,?,?,?)",
            [(doc_id, i, t.span.start, t.span.end, t.text, t.time, t.zone, t.utc)
             for i, t in enumerate(ex.times)],
        )  # fmt: skip
        self.db.executemany(
            "INSERT INTO place_mentions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(doc_id, i, p.span.start, p.span.end, p.text, p.place.id, p.place.name,
              p.place.kind, p.place.precision, p.place.country, p.place.lat, p.place.lon,
              p.relation, js(p.alternatives), p.reason) for i, p in enumerate(ex.places)],
        )  # fmt: skip
        self.db.executemany(
            "INSERT INTO actor_mentions VALUES (?,?,?,?,?,?,?,?)",
            [(doc_id, i, a.span.start, a.span.end, a.text, a.actor_id, a.name, a.kind)
             for i, a in enumerate(ex.actors)],
        )  # fmt: skip
        self.db.executemany(
            "INSERT INTO entity_mentions VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(doc_id, i, e.span.start, e.span.end, e.text, e.label, e.score, e.source, e.ref,
              e.sector) for i, e in enumerate(ex.entities)],
        )  # fmt: skip
        self.db.executemany(
            "INSERT INTO event_mentions VALUES"
            " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(doc_id, i, e.span.start, e.span.end, e.sentence, e.trigger, e.trigger_span.start,
              e.trigger_span.end, e.plover, e.acled_type, e.acled_subtype, e.weapon, e.date,
              e.date_text, e.date_note, js(e.places), int(e.places_inherited), e.actor,
              e.target,
              js(e.counts), e.killed, e.injured, e.victims,
              js(e.modality), int(e.background), e.mode, e.type_source, e.type_score,
              e.date_basis, int(e.main), js(e.from_title),
              js(e.evidence) if e.evidence is not None else None, e.assoc_actor)
             for i, e in enumerate(ex.events)],
        )  # fmt: skip
        self.db.executemany(
            "INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(doc_id, i, c.span.start, c.span.end, c.sentence, c.speaker, c.speaker_text,
              c.speaker_kind, c.verb, c.stance, c.content, c.content_span.start,
              c.content_span.end, js(c.chain)) for i, c in enumerate(ex.claims)],
        )  # fmt: skip

    def facts(self, doc_id: str) -> dict[str, list[dict[str, Any]]]:
        """The extracted facts of a document, table by table, in text order."""
        return {t: self._dicts(f"SELECT * FROM {t} WHERE doc_id = ? ORDER BY seq", doc_id)
                for t in _FACT_TABLES}  # fmt: skip

    def add_duplicate(
        self, dup: DuplicateRecord, *, source: str, locator: str, run_id: int
    ) -> bool:
        """Record a duplicate; return False if this copy was already recorded."""
        cur = self.db.execute(
            "INSERT INTO duplicates VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
            (dup.doc_id, dup.first_id, dup.kind, dup.score, source, locator, run_id),
        )
        return cur.rowcount > 0

    def add_shared_paragraphs(self, shared: list[SharedParagraph]) -> None:
        self.db.executemany(
            "INSERT INTO shared_paragraphs VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING",
            [(s.doc_id, s.para_index, s.other_id, s.other_index, s.kind, s.score) for s in shared],
        )

    def add_quarantine(self, rec: QuarantineRecord, *, run_id: int) -> bool:
        """Record a quarantined input; return False if the same record already exists."""
        key = hashlib.sha256(
            "\x1f".join([rec.source, rec.locator, rec.stage, rec.reason, rec.detail]).encode()
        ).hexdigest()[:24]
        cur = self.db.execute(
            "INSERT INTO quarantine VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
            (key, rec.source, rec.locator, rec.stage, rec.reason, rec.detail, rec.severity,
             rec.raw, rec.raw_size, rec.raw_sha256, run_id, _now()),
        )  # fmt: skip
        return cur.rowcount > 0

    # -- signatures for the duplicate index ---------------------------------------------------
    def document_signatures(self) -> Iterator[tuple[str, np.ndarray]]:
        """Signatures of first copies (near duplicates are represented by their first copy)."""
        for row in self.db.execute(
            "SELECT id, minhash FROM documents WHERE id NOT IN"
            " (SELECT doc_id FROM duplicates WHERE kind = 'near') ORDER BY rowid"
        ):
            yield row[0], np.frombuffer(row[1], dtype=np.uint32)

    def paragraph_signatures(self) -> Iterator[tuple[str, int, str, np.ndarray]]:
        for row in self.db.execute(
            "SELECT doc_id, idx, norm_hash, minhash FROM paragraphs WHERE minhash IS NOT NULL"
        ):
            yield row[0], row[1], row[2], np.frombuffer(row[3], dtype=np.uint32)

    # -- reads -------------------------------------------------------------------------------
    def _dicts(self, sql: str, *args: Any) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute(sql, args)]

    def document_ids(self) -> list[str]:
        """Every stored document id, in the order the documents came in."""
        return [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY rowid")]

    def stored_from(self, doc_id: str) -> tuple[str, str] | None:
        """(source, locator) a stored document was read from, or None when it is not stored."""
        row = self.db.execute("SELECT source, locator FROM documents WHERE id = ?",
                              (doc_id,)).fetchone()  # fmt: skip
        return (row[0], row[1]) if row is not None else None

    def published_of(self, doc_id: str) -> str | None:
        """The publication date or date-time a stored document gives, or None."""
        row = self.db.execute("SELECT published FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def wire_anchored(self, doc_id: str) -> bool:
        """Whether a stored document's dates were read against a wire copy's date (their
        ``anchor`` names the copy: "wire copy <id>")."""
        return self.db.execute(
            "SELECT 1 FROM date_mentions WHERE doc_id = ? AND anchor LIKE 'wire copy %' LIMIT 1",
            (doc_id,),
        ).fetchone() is not None

    def document_sources(self) -> list[tuple[str, str]]:
        """(document id, the source it was read from: a path or URL) of every document."""
        return [(r[0], r[1]) for r in self.db.execute("SELECT id, source FROM documents")]

    def document_ids_starting(self, prefix: str, *, limit: int = 11) -> list[str]:
        """Stored document ids that begin with ``prefix``, sorted, at most ``limit``."""
        rows = self.db.execute(
            "SELECT id FROM documents WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT ?",
            (len(prefix), prefix, limit),
        ).fetchall()
        return [r[0] for r in rows]

    def resolve_document_id(self, doc_id: str) -> str:
        """The stored id that is ``doc_id`` or the only one beginning with it (any length).

        Raises ``NotFoundError`` when none matches, or when several do (naming up to ten).
        """
        if not doc_id.strip():
            raise NotFoundError("give a document id, or a unique prefix of one")
        if self.has_document(doc_id):
            return doc_id
        shown = 10
        matches = self.document_ids_starting(doc_id, limit=shown + 1)
        if not matches:
            raise NotFoundError(
                f"no document {doc_id!r} in {self.path}; `khabar search` finds ids",
                public=f"no document {doc_id!r}",
            )
        if len(matches) > 1:
            listed = ", ".join(matches[:shown]) + (", ..." if len(matches) > shown else "")
            raise NotFoundError(
                f"{doc_id!r} is ambiguous: the prefix of {listed}; give more characters"
            )
        return matches[0]

    def report_day(self, doc_id: str) -> date | None:
        """The day ``doc_id`` was published (else crawled), or ``None``."""
        row = self.db.execute(f"SELECT {REPORT_DAY} FROM documents WHERE id = ?",
                              (doc_id,)).fetchone()  # fmt: skip
        return iso_day(row[0]) if row else None

    # -- stories: what khabar.stories.StoryIndex keeps in memory, and its writes ------------------
    def element_counts(self) -> dict[str, int]:
        """Signature element → how many stored documents carry it."""
        return dict(self.db.execute("SELECT element, df FROM element_df"))

    def story_of_documents(self) -> dict[str, int]:
        """Document id → its story's id, for every document in a story."""
        return dict(self.db.execute("SELECT doc_id, story_id FROM story_members"))

    def report_days(self) -> Iterator[tuple[str, date | None]]:
        """(document id, the day it was published, else crawled, or ``None``) of every document."""
        for doc_id, value in self.db.execute(f"SELECT id, {REPORT_DAY} FROM documents"):
            yield doc_id, iso_day(value)

    def signature_elements(self) -> Iterator[tuple[str, str]]:
        """(document id, signature element) of every stored signature."""
        yield from self.db.execute("SELECT doc_id, element FROM doc_signature")

    def document_signature(self, doc_id: str) -> set[str]:
        return {r[0] for r in self.db.execute(
            "SELECT element FROM doc_signature WHERE doc_id = ?", (doc_id,))}  # fmt: skip

    def add_story_vector(self, doc_id: str, lang: str, vector: np.ndarray, model: str) -> None:
        """Store a document's title vector (``khabar.stories.TitleVector``: shape ``(dim,)``,
        L2-normalised), its language and the embedding ``model``'s name, replacing one stored
        before."""
        self.db.execute(
            "INSERT INTO story_vectors VALUES (?, ?, ?, ?) ON CONFLICT(doc_id) DO UPDATE"
            " SET model = excluded.model, lang = excluded.lang, vector = excluded.vector",
            (doc_id, model, lang, np.asarray(vector, dtype="<f4").tobytes()),
        )

    def story_vectors(self, model: str) -> Iterator[tuple[str, str, np.ndarray]]:
        """(document id, language, title vector as float32) of every title vector stored by
        embedding ``model`` (vectors of another model are not comparable with its)."""
        rows = self.db.execute(
            "SELECT doc_id, lang, vector FROM story_vectors WHERE model = ?", (model,))
        for doc_id, lang, blob in rows:
            yield doc_id, lang, np.frombuffer(bytes(blob), dtype="<f4")

    def add_signature(self, doc_id: str, elements: Iterable[str]) -> None:
        """Store a new document's signature and count its elements (call once per document:
        the counts grow on every call)."""
        ordered = sorted(elements)
        self.db.executemany("INSERT INTO doc_signature VALUES (?, ?) ON CONFLICT DO NOTHING",
                            [(doc_id, e) for e in ordered])  # fmt: skip
        self._count_elements(ordered)

    def replace_signature(self, doc_id: str, old: set[str], new: set[str]) -> None:
        """Replace a document's stored signature ``old`` by ``new`` (counts follow)."""
        self.db.executemany("UPDATE element_df SET df = df - 1 WHERE element = ?",
                            [(e,) for e in sorted(old - new)])  # fmt: skip
        self._count_elements(sorted(new - old))
        self.db.execute("DELETE FROM doc_signature WHERE doc_id = ?", (doc_id,))
        self.db.executemany("INSERT INTO doc_signature VALUES (?, ?)",
                            [(doc_id, e) for e in sorted(new)])  # fmt: skip

    def _count_elements(self, elements: list[str]) -> None:
        """One more document carries each of ``elements``."""
        self.db.executemany(
            "INSERT INTO element_df VALUES (?, 1)"
            " ON CONFLICT(element) DO UPDATE SET df = element_df.df + 1",
            [(e,) for e in elements],
        )

    def new_story(self) -> int:
        """A new, empty story's id."""
        return int(self.db.execute(
            "INSERT INTO stories (created_at) VALUES (?) RETURNING id", (_now(),)).fetchone()[0])

    def put_in_story(self, doc_id: str, story_id: int, score: float, reasons: list[str]) -> None:
        """Make ``doc_id`` a member of ``story_id`` (replacing its story, if it had one), with
        the join's score and reasons."""
        self.db.execute(
            "INSERT INTO story_members VALUES (?, ?, ?, ?, ?) ON CONFLICT(doc_id) DO UPDATE"
            " SET story_id = excluded.story_id, score = excluded.score,"
            " reasons = excluded.reasons, joined_at = excluded.joined_at",
            (doc_id, story_id, round(score, 3), _json(reasons), _now()),
        )

    def merge_stories(self, from_story: int, into_story: int, bridge: str) -> None:
        """Move every member of ``from_story`` into ``into_story`` and record the merge and the
        document that bridged them."""
        self.db.execute("UPDATE story_members SET story_id = ? WHERE story_id = ?",
                        (into_story, from_story))  # fmt: skip
        self.db.execute("UPDATE stories SET merged_into = ? WHERE id = ?",
                        (into_story, from_story))  # fmt: skip
        self.db.execute("INSERT INTO story_merges VALUES (?, ?, ?, ?)",
                        (from_story, into_story, bridge, _now()))  # fmt: skip

    def clear_stories(self) -> None:
        """Forget every story, membership, merge and signature (before grouping again); the
        title vectors (``story_vectors``) are kept: they are the documents', not the stories'."""
        for table in ("story_members", "story_merges", "stories", "doc_signature", "element_df"):
            self.db.execute(f"DELETE FROM {table}")

    def story_count(self) -> int:
        """Stories not merged into another."""
        return int(self.db.execute(
            "SELECT count(*) FROM stories WHERE merged_into IS NULL").fetchone()[0])

    def story_element_counts(self, story_id: int) -> Counter[str]:
        """How many members of the story carry each signature element (for centrality)."""
        return Counter(r[0] for r in self.db.execute(
            "SELECT s.element FROM doc_signature s JOIN story_members m ON m.doc_id = s.doc_id"
            " WHERE m.story_id = ?", (story_id,)))  # fmt: skip

    def copy_links(self, doc_id: str) -> tuple[DuplicateRecord | None, list[SharedParagraph]]:
        """What ``doc_id`` copies among the documents stored before it: the near-duplicate
        record of its first copy (or ``None``), and the paragraphs it shares with others."""
        row = self.db.execute(
            "SELECT doc_id, first_id, kind, score FROM duplicates"
            " WHERE doc_id = ? AND kind = 'near' AND first_id != doc_id LIMIT 1", (doc_id,)
        ).fetchone()  # fmt: skip
        near = DuplicateRecord(row[0], row[1], row[2], row[3]) if row else None
        shared = [SharedParagraph(*r) for r in self.db.execute(
            "SELECT doc_id, para_idx, other_id, other_idx, kind, score"
            " FROM shared_paragraphs WHERE doc_id = ? ORDER BY para_idx", (doc_id,))]  # fmt: skip
        return near, shared

    def stored_article(self, doc_id: str) -> RawArticle | None:
        """The stored document ``doc_id`` as the article it was read from (its text as read,
        the title as the first line for every kind), to clean and extract again; ``None`` if
        there is none."""
        row = self.db.execute(
            "SELECT source, locator, kind, raw_text, title, published, published_precision,"
            " published_basis, crawled FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()  # fmt: skip
        if row is None:
            return None
        titled = row["kind"] == "txt" or row["title"] is not None  # untitled: none is guessed
        return RawArticle(row["source"], row["locator"], row["kind"], row["raw_text"],
                          title=None if row["kind"] == "txt" else row["title"],
                          published=row["published"],
                          published_precision=row["published_precision"],
                          published_basis=row["published_basis"] or "source",
                          crawled=row["crawled"],
                          title_in_text=titled)  # fmt: skip

    def document(self, doc_id: str) -> dict[str, Any]:
        """A document with paragraphs, removed lines, duplicates and shared paragraphs.

        ``doc_id`` may be a unique prefix of at least 6 characters.
        """
        rows = self.db.execute(
            "SELECT * FROM documents WHERE id = ? OR (length(?) >= 6 AND id LIKE ? || '%') LIMIT 2",
            (doc_id, doc_id, doc_id),
        ).fetchall()
        if not rows:
            raise NotFoundError(
                f"no document {doc_id!r} in {self.path}; `khabar search` finds ids",
                public=f"no document {doc_id!r}",
            )
        if len(rows) > 1:
            raise NotFoundError(f"{doc_id!r} is the prefix of several ids; give more characters")
        doc = {k: rows[0][k] for k in rows[0].keys() if k not in ("minhash", "rowid")}
        did = doc["id"]
        doc["paragraphs"] = self._dicts(
            'SELECT idx, role, start, "end", text FROM paragraphs WHERE doc_id = ? ORDER BY idx',
            did,
        )
        doc["removed_lines"] = self._dicts(
            'SELECT line_no, role, rule, start, "end", text FROM line_decisions WHERE doc_id = ?'
            " AND role IN ('boilerplate', 'repeat', 'published', 'dateline') ORDER BY seq",
            did,
        )
        doc["duplicates"] = self._dicts(
            "SELECT doc_id, kind, score, source, locator FROM duplicates WHERE first_id = ?", did
        )
        doc["facts"] = self.facts(did)
        doc["shared_paragraphs"] = self._dicts(
            "SELECT para_idx, other_id, other_idx, kind, score FROM shared_paragraphs"
            " WHERE doc_id = ? UNION ALL SELECT other_idx, doc_id, para_idx, kind, score"
            " FROM shared_paragraphs WHERE other_id = ? ORDER BY 1",
            did,
            did,
        )
        return doc

    def search(
        self, query: str, *, limit: int | None = None, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Documents matching every word of ``query`` after normalisation, best first (FTS5
        bm25): ``limit`` hits (default ``search_limit``) after skipping ``offset``.

        Matching ignores hamza forms, alef maqsura/ya, kaf/keheh, harakat, tatweel and digit
        scripts, and in Arabic documents a word's proclitics (``search_text``: عدن finds بعدن).
        The index ranks first and only the hits returned are joined to their document
        rows. Each hit: ``id``, ``title``, ``lang``, ``published``, ``crawled`` (the time it was
        fetched, where known), ``outlet``, ``score``
        (higher is better), ``snippet`` (original text around the first match, matches in
        [brackets]) and ``snippet_parts`` (the same text as ``[text, is_match]`` pieces, for a
        UI to mark without parsing brackets). Raises ``StoreError`` if the index cannot be read.
        """
        words = search_words(query)
        if not words:
            return []
        try:
            rows = self.db.execute(
                "SELECT d.id, d.title, d.lang, d.published, d.crawled, d.outlet, d.body, top.score"
                " FROM"
                " (SELECT rowid, rank AS score FROM documents_fts WHERE documents_fts MATCH ?"
                "  ORDER BY rank LIMIT ? OFFSET ?) AS top"
                " JOIN documents d ON d.rowid = top.rowid ORDER BY top.score, d.rowid",
                (_fts_query(search_terms(query)), limit or self.settings.search_limit, offset),
            ).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"search for {query!r} failed: {exc}") from exc
        return [self._hit(r, -r["score"], tuple(words)) for r in rows]

    def search_count(self, query: str) -> int:
        """How many documents ``search(query)`` finds in all (for a pager's total)."""
        words = search_words(query)
        if not words:
            return 0
        try:
            return int(self.db.execute(
                "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?",
                (_fts_query(search_terms(query)),)).fetchone()[0])  # fmt: skip
        except sqlite3.Error as exc:
            raise StoreError(f"search for {query!r} failed: {exc}") from exc

    def stories_matching(self, query: str) -> set[int]:
        """Stories with a member document that ``search(query)`` finds (no ranking, no limit)."""
        words = search_words(query)
        if not words:
            return set()
        try:
            rows = self.db.execute(
                "SELECT DISTINCT m.story_id FROM documents_fts"
                " JOIN documents d ON d.rowid = documents_fts.rowid"
                " JOIN story_members m ON m.doc_id = d.id WHERE documents_fts MATCH ?",
                (_fts_query(search_terms(query)),),
            )
            return {int(r[0]) for r in rows}
        except sqlite3.Error as exc:
            raise StoreError(f"search for {query!r} failed: {exc}") from exc

    def _hit(self, row: Any, score: float, words: tuple[str, ...]) -> dict[str, Any]:
        parts = self._snippet_parts(row["body"], _word_patterns(words, row["lang"] == "ar"))
        return {"id": row["id"], "title": row["title"], "lang": row["lang"],
                "published": row["published"], "crawled": row["crawled"], "outlet": row["outlet"],
                "score": round(float(score), 3),
                "snippet": "".join(f"[{t}]" if hit else t for t, hit in parts),
                "snippet_parts": [[t, hit] for t, hit in parts]}  # fmt: skip

    def _snippet_parts(
        self, body: str, patterns: tuple[re.Pattern[str], ...]
    ) -> list[tuple[str, bool]]:
        """Original text around the first match of the query's first word found (``patterns``
        of ``_word_patterns``, matched on the original spelling; ``snippet_chars`` each side,
        newlines as spaces, "…" where cut) as (text, is_match) pieces; every match inside the
        window is marked. No match (a word only the index form has): the text's start."""
        pad = self.settings.snippet_chars
        first = next((m for p in patterns[:-1] if (m := p.search(body))), None)
        if first is None:
            return [(body[: 2 * pad].replace("\n", " "), False)]
        lo, hi = max(0, first.start() - pad), min(len(body), first.end() + pad)
        parts: list[tuple[str, bool]] = [("…", False)] if lo > 0 else []
        at = lo
        for m in patterns[-1].finditer(body, lo):
            if m.end() > hi:
                break
            if m.start() > at:
                parts.append((body[at : m.start()].replace("\n", " "), False))
            parts.append((m.group().replace("\n", " "), True))
            at = m.end()
        parts.append((body[at:hi].replace("\n", " ") + ("…" if hi < len(body) else ""), False))
        return [(t, hit) for t, hit in parts if t]

    def stories(self, *, limit: int = 50) -> list[dict[str, Any]]:
        """Stories, newest first: size, languages, outlets, time span, a title per language."""
        return self.story_page(limit=limit)[0]

    def story_page(
        self,
        *,
        ids: set[int] | None = None,
        limit: int = 50,
        offset: int = 0,
        sort: str = "last_day",
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of stories (only ``ids`` when given) and how many there are in all.

        ``sort`` (``STORY_SORTS``, each descending): ``last_day`` (default: the last event day
        its reports state, stories without days last), ``size`` (documents), ``last_report``
        (the latest day one of its documents was published, else crawled), ``contradictions``
        (how many). Ties go to the later last day, then the higher id. Each row: ``id``,
        ``size``, ``langs``, ``outlets``, ``updated``, ``first_day``, ``last_day``,
        ``last_report``, ``events``, ``contradictions`` and ``titles`` (one per language,
        worked out for the page only). Raises ``ValueError`` for an unknown ``sort``.
        """
        if sort not in STORY_SORTS:
            raise ValueError(f"sort must be one of {', '.join(STORY_SORTS)}, not {sort!r}")
        rows = self._dicts(
            "SELECT m.story_id AS id, count(*) AS size, group_concat(DISTINCT d.lang) AS langs,"
            " group_concat(DISTINCT d.outlet) AS outlets, max(m.joined_at) AS updated,"
            f" max({REPORT_DAY}) AS last_report,"
            " (SELECT min(e.date) FROM event_mentions e JOIN story_members x"
            f"  ON x.doc_id = e.doc_id WHERE x.story_id = m.story_id AND {_STATED_DAY})"
            "  AS first_day,"
            " (SELECT max(e.date) FROM event_mentions e JOIN story_members x"
            f"  ON x.doc_id = e.doc_id WHERE x.story_id = m.story_id AND {_STATED_DAY})"
            "  AS last_day,"
            " (SELECT count(*) FROM events v WHERE v.story_id = m.story_id) AS events,"
            " (SELECT count(*) FROM contradictions c WHERE c.story_id = m.story_id)"
            "  AS contradictions"
            " FROM story_members m JOIN documents d ON d.id = m.doc_id GROUP BY m.story_id"
        )  # fmt: skip
        if ids is not None:
            rows = [r for r in rows if r["id"] in ids]
        rows.sort(key=_STORY_KEYS[sort], reverse=True)
        page = rows[offset : offset + limit]
        for row in page:
            row["titles"] = self._story_span_and_titles(row["id"])["titles"]
        return page, len(rows)

    def _story_span_and_titles(self, story_id: int) -> dict[str, Any]:
        days = [r[0] for r in self.db.execute(
            "SELECT DISTINCT e.date FROM event_mentions e JOIN story_members m"
            f" ON m.doc_id = e.doc_id WHERE m.story_id = ? AND {_STATED_DAY}"
            " ORDER BY 1", (story_id,))]  # fmt: skip
        counts = self.story_element_counts(story_id)
        members = self._dicts(
            "SELECT d.id, d.lang, d.title, d.summary, d.body FROM story_members m"
            " JOIN documents d ON d.id = m.doc_id WHERE m.story_id = ?",
            story_id,
        )
        titles: dict[str, tuple[int, str]] = {}
        for m in members:  # the most central member of each language gives its title
            centrality = sum(counts[e] for e in self.document_signature(m["id"]))
            text = m["title"] or m["summary"] or m["body"][:120]
            if m["lang"] not in titles or centrality > titles[m["lang"]][0]:
                titles[m["lang"]] = (centrality, text)
        return {"first_day": days[0] if days else None, "last_day": days[-1] if days else None,
                "titles": {k: v[1] for k, v in sorted(titles.items())}}  # fmt: skip

    def document_stories(self) -> list[dict[str, Any]]:
        """Every stored document's story: ``source``, ``locator``, ``story_id`` and the join
        ``reasons`` (parsed), in storing order."""
        rows = self._dicts(
            "SELECT d.id AS doc_id, d.source, d.locator, m.story_id, m.reasons FROM story_members m"
            " JOIN documents d ON d.id = m.doc_id ORDER BY d.rowid"
        )
        for r in rows:
            r["reasons"] = json.loads(r["reasons"])
        return rows

    def story(self, story_id: int) -> dict[str, Any]:
        """One story: members with why each joined, merges, main events, titles, time span."""
        members = self._dicts(
            "SELECT d.id, d.lang, d.outlet, d.published, d.crawled, d.title, m.score, m.reasons"
            " FROM story_members m JOIN documents d ON d.id = m.doc_id WHERE m.story_id = ?"
            " ORDER BY m.joined_at, d.rowid",
            story_id,
        )
        if not members:
            merged = self.db.execute(
                "SELECT merged_into FROM stories WHERE id = ?", (story_id,)
            ).fetchone()
            hint = f"; it was merged into story {merged[0]}" if merged and merged[0] else ""
            raise NotFoundError(
                f"no story {story_id} in {self.path}{hint}; `khabar stories` lists them",
                public=f"no story {story_id}{hint}",
            )
        for m in members:
            m["reasons"] = json.loads(m["reasons"])
        ids = [m["id"] for m in members]
        marks = ",".join("?" * len(ids))
        events = self._dicts(
            "SELECT date, acled_subtype, places, count(*) AS mentions FROM event_mentions"
            f" WHERE doc_id IN ({marks}) AND background = 0 AND date IS NOT NULL"
            " AND coalesce(date_basis, 'text') NOT IN ('publication', 'crawl')"
            " GROUP BY date, acled_subtype, places ORDER BY mentions DESC, date LIMIT 8",
            *ids,
        )
        merges = self._dicts("SELECT * FROM story_merges WHERE into_story = ?", story_id)
        return {"id": story_id, "members": members, "main_events": events, "merges": merges,
                "events": self.events(story_id=story_id),
                "contradictions": self.contradictions(story_id=story_id),
                **self._story_span_and_titles(story_id)}  # fmt: skip

    def write_fusion(self, story_id: int, events: list[tuple[Any, ...]],
                     contradictions: list[tuple[Any, ...]]) -> None:  # fmt: skip
        """Replace the canonical events and contradictions of one story with ``events`` and
        ``contradictions``, rows of the ``events`` and ``contradictions`` tables' columns in
        order (``khabar.fuse`` builds them)."""
        self.db.execute("DELETE FROM events WHERE story_id = ?", (story_id,))
        self.db.execute("DELETE FROM contradictions WHERE story_id = ?", (story_id,))
        self.db.executemany(
            "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", events)
        self.db.executemany("INSERT INTO contradictions VALUES (?,?,?,?,?,?,?)", contradictions)

    def set_fused(self, story_id: int, fused: bool) -> None:
        """Mark a story fused (its rows in ``events`` and ``contradictions`` are current) or to
        be fused again."""
        self.db.execute("UPDATE stories SET fused = ? WHERE id = ?", (int(fused), story_id))

    def mark_story_changed(self, doc_id: str) -> None:
        """The story of ``doc_id`` must be fused again (call in the transaction that changed
        it); nothing when the document is in no story."""
        self.db.execute("UPDATE stories SET fused = 0 WHERE id = (SELECT story_id"
                        " FROM story_members WHERE doc_id = ?)", (doc_id,))  # fmt: skip

    def stories_to_fuse(self) -> list[int]:
        """Ids of the stories with members that changed since they were last fused."""
        return [r[0] for r in self.db.execute(
            "SELECT id FROM stories WHERE fused = 0 AND id IN (SELECT story_id FROM story_members)"
            " ORDER BY id")]  # fmt: skip

    def grouped_story_ids(self) -> list[int]:
        """Ids of every story that has members."""
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT story_id FROM story_members ORDER BY story_id")]  # fmt: skip

    def drop_fusion_of_merged_stories(self) -> None:
        """Delete the canonical events and contradictions of stories left without members (merged
        into another)."""
        for table in ("events", "contradictions"):
            self.db.execute(f"DELETE FROM {table} WHERE story_id NOT IN"
                            " (SELECT story_id FROM story_members)")  # fmt: skip

    def clear_fusion(self) -> None:
        """Delete every canonical event and contradiction (before fusing every story again)."""
        self.db.execute("DELETE FROM events")
        self.db.execute("DELETE FROM contradictions")

    def events(self, *, story_id: int | None = None) -> list[dict[str, Any]]:
        """Canonical event records (``khabar.fuse``), by day, of one story or of all."""
        where, args = ("WHERE story_id = ?", [story_id]) if story_id is not None else ("", [])
        rows = self.db.execute(
            f"SELECT record FROM events {where} ORDER BY day IS NULL, day, story_id, seq", args
        )
        return [json.loads(r[0]) for r in rows]

    def event(self, event_id: str) -> dict[str, Any]:
        row = self.db.execute("SELECT record FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            raise NotFoundError(
                f"no event {event_id!r} in {self.path}; `khabar timeline` lists them",
                public=f"no event {event_id!r}",
            )
        record: dict[str, Any] = json.loads(row[0])
        record["contradictions"] = self.event_contradictions(event_id)
        return record

    def event_contradictions(self, event_id: str) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT record FROM contradictions WHERE event_id = ? ORDER BY id", (event_id,)
        )
        return [json.loads(r[0]) for r in rows]

    def contradictions(self, *, story_id: int | None = None) -> list[dict[str, Any]]:
        """Contradiction records (``khabar.fuse``) of one story or of all."""
        where, args = ("WHERE story_id = ?", [story_id]) if story_id is not None else ("", [])
        rows = self.db.execute(f"SELECT record FROM contradictions {where} ORDER BY story_id, id",
                               args)  # fmt: skip
        return [json.loads(r[0]) for r in rows]

    def holdings(self) -> dict[str, int]:
        """How many documents, stories (with members) and canonical events the store holds (the
        API's health answer; ``stats`` has them among the rest)."""
        q = self.db.execute
        return {
            "documents": q("SELECT count(*) FROM documents").fetchone()[0],
            "stories": q("SELECT count(DISTINCT story_id) FROM story_members").fetchone()[0],
            "events": q("SELECT count(*) FROM events").fetchone()[0],
        }

    def stats(self) -> dict[str, Any]:
        q = self.db.execute
        held = self.holdings()
        by_lang = {r[0]: r[1] for r in q("SELECT lang, count(*) FROM documents GROUP BY lang")}
        by_kind = {r[0]: r[1] for r in q("SELECT kind, count(*) FROM documents GROUP BY kind")}
        reasons = {
            f"{r[0]}/{r[1]}": r[2]
            for r in q("SELECT severity, reason, count(*) FROM quarantine GROUP BY 1, 2")
        }
        return {
            "database": str(self.path),
            "schema_version": self.schema_version(),
            "documents": held["documents"],
            "paragraphs": q("SELECT count(*) FROM paragraphs").fetchone()[0],
            "duplicates": q("SELECT count(*) FROM duplicates").fetchone()[0],
            "shared_paragraphs": q("SELECT count(*) FROM shared_paragraphs").fetchone()[0],
            "quarantined": q("SELECT count(*) FROM quarantine WHERE severity != 'repaired'"
                             ).fetchone()[0],  # fmt: skip
            "repaired_or_warned": q("SELECT count(*) FROM quarantine WHERE severity = 'repaired'"
                                    ).fetchone()[0],  # fmt: skip
            "runs": q("SELECT count(*) FROM ingest_runs").fetchone()[0],
            "runs_by_status": self.run_statuses(),
            "stories": held["stories"],
            "events": held["events"],
            "contradictions": q("SELECT count(*) FROM contradictions").fetchone()[0],
            "by_language": by_lang,
            "by_kind": by_kind,
            "quarantine_reasons": reasons,
        }

    # -- watchlists (khabar.watch) -------------------------------------------------------------
    def add_watchlist(self, values: dict[str, Any]) -> dict[str, Any]:
        """Store a watchlist (``values``: name, query, place, place_ids, actor, actor_ids, type,
        country; the id lists as lists) and return it as ``watchlist`` does. Raises
        ``ConflictError`` when the name is taken."""
        with self.transaction():
            row = self.db.execute(
                "INSERT INTO watchlists (name, query, place, place_ids, actor, actor_ids, type,"
                " country, created_at) VALUES (?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT (name) DO NOTHING RETURNING id",
                (values["name"], values.get("query"), values.get("place"),
                 _json(list(values.get("place_ids") or [])), values.get("actor"),
                 _json(list(values.get("actor_ids") or [])), values.get("type"),
                 values.get("country"), _now()),
            ).fetchone()  # fmt: skip
        if row is None:
            raise ConflictError(
                f"a watchlist named {values['name']!r} exists already; `khabar watch remove "
                f"{values['name']}` first, or choose another name"
            )
        return self.watchlist(values["name"])

    def watchlists(self) -> list[dict[str, Any]]:
        """Every watchlist, by name, with its criteria, ``matches`` and ``last_match`` (time)."""
        rows = self._dicts(
            "SELECT w.id, w.name, w.query, w.place, w.place_ids, w.actor, w.actor_ids, w.type,"
            " w.country, w.created_at, count(m.story_id) AS matches,"
            " max(m.matched_at) AS last_match FROM watchlists w"
            " LEFT JOIN watch_matches m ON m.watchlist_id = w.id"
            " GROUP BY w.id, w.name, w.query, w.place, w.place_ids, w.actor, w.actor_ids,"
            " w.type, w.country, w.created_at ORDER BY w.name"
        )  # fmt: skip
        for r in rows:
            r["place_ids"], r["actor_ids"] = json.loads(r["place_ids"]), json.loads(r["actor_ids"])
            r["matches"] = int(r["matches"])
        return rows

    def watchlist(self, name: str) -> dict[str, Any]:
        """One watchlist (as in ``watchlists``); ``NotFoundError`` when there is none."""
        found = [w for w in self.watchlists() if w["name"] == name]
        if not found:
            raise NotFoundError(
                f"no watchlist {name!r} in {self.path}; `khabar watch list` names them",
                public=f"no watchlist {name!r}",
            )
        return found[0]

    def remove_watchlist(self, name: str) -> int:
        """Delete a watchlist and its matches; return how many matches went with it."""
        wl = self.watchlist(name)
        with self.transaction():
            self.db.execute("DELETE FROM watch_matches WHERE watchlist_id = ?", (wl["id"],))
            self.db.execute("DELETE FROM watchlists WHERE id = ?", (wl["id"],))
        return int(wl["matches"])

    def watch_matches(
        self, watchlist_id: int, *, limit: int | None = None, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]:
        """A page of one watchlist's matches, newest first, and how many it has in all."""
        total = self.db.execute("SELECT count(*) FROM watch_matches WHERE watchlist_id = ?",
                                (watchlist_id,)).fetchone()[0]  # fmt: skip
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        rows = self._dicts(
            "SELECT story_id, event_id, run_id, matched_at, title, summary FROM watch_matches"
            " WHERE watchlist_id = ? ORDER BY matched_at DESC, run_id DESC, story_id DESC,"
            f" event_id{page}", watchlist_id,
        )  # fmt: skip
        for r in rows:
            r["event_id"] = r["event_id"] or None
        return rows, int(total)

    def add_watch_matches(
        self, rows: list[tuple[int, int, str, str, list[str], int, str, str]]
    ) -> list[int]:
        """Record matches (watchlist id, story id, event id or '', event key or '', the event's
        mention keys, run id, title, summary), those already recorded (same watchlist, story and
        key) left as they are; return the watchlist ids of those recorded now (one per new
        match). Call inside the ingest run's transaction."""
        now, added = _now(), []
        for wid, story_id, event_id, key, mentions, run_id, title, summary in rows:
            cur = self.db.execute(
                "INSERT INTO watch_matches (watchlist_id, story_id, event_id, event_key, mentions,"
                " run_id, matched_at, title, summary) VALUES (?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT DO NOTHING",
                (wid, story_id, event_id, key, json.dumps(mentions), run_id, now, title, summary),
            )  # fmt: skip
            if cur.rowcount > 0:
                added.append(wid)
        return added

    def matched_mentions(self, story_ids: list[int]) -> dict[tuple[int, int], set[str]]:
        """The mention keys of the events already matched in ``story_ids``, by (watchlist id,
        story id): an event that grew or was renumbered since is still the one matched."""
        out: dict[tuple[int, int], set[str]] = {}
        for i in range(0, len(story_ids), 500):
            chunk = story_ids[i : i + 500]
            rows = self.db.execute(
                "SELECT watchlist_id, story_id, mentions FROM watch_matches WHERE event_key <> ''"
                f" AND story_id IN ({','.join('?' * len(chunk))})", chunk,
            ).fetchall()  # fmt: skip
            for wid, sid, mentions in rows:
                out.setdefault((int(wid), int(sid)), set()).update(json.loads(mentions))
        return out

    def run_documents(self, run_id: int, doc_ids: list[str]) -> set[str]:
        """Those of ``doc_ids`` that the ingest run ``run_id`` stored."""
        out: set[str] = set()
        for i in range(0, len(doc_ids), 500):
            chunk = doc_ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out |= {r[0] for r in self.db.execute(
                f"SELECT id FROM documents WHERE run_id = ? AND id IN ({marks})", [run_id, *chunk]
            )}  # fmt: skip
        return out

    def documents_matching(self, query: str, doc_ids: list[str]) -> set[str]:
        """Those of ``doc_ids`` that hold every word of ``query`` (normalised, as ``search``)."""
        words = search_words(query)
        out: set[str] = set()
        if not words:
            return out
        fts_query = _fts_query(search_terms(query))
        for i in range(0, len(doc_ids), 500):
            chunk = doc_ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                "SELECT d.id FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
                f" WHERE documents_fts MATCH ? AND d.id IN ({marks})", (fts_query, *chunk),
            )  # fmt: skip
            out |= {r[0] for r in rows}
        return out

    def story_documents(self, story_ids: list[int]) -> dict[int, list[str]]:
        """The member document ids of each of ``story_ids`` (those with members)."""
        out: dict[int, list[str]] = {}
        for i in range(0, len(story_ids), 500):
            chunk = story_ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for sid, doc_id in self.db.execute(
                f"SELECT story_id, doc_id FROM story_members WHERE story_id IN ({marks})"
                " ORDER BY story_id, doc_id", chunk,
            ):  # fmt: skip
                out.setdefault(int(sid), []).append(doc_id)
        return out

    def story_brief(self, story_id: int) -> dict[str, Any]:
        """A story's size, languages, first and last stated event day and a title per
        language (the short form of ``story``)."""
        langs = sorted({r[0] for r in self.db.execute(
            "SELECT d.lang FROM story_members m JOIN documents d ON d.id = m.doc_id"
            " WHERE m.story_id = ?", (story_id,))})  # fmt: skip
        size = self.db.execute("SELECT count(*) FROM story_members WHERE story_id = ?",
                               (story_id,)).fetchone()[0]  # fmt: skip
        return {"id": story_id, "size": int(size), "langs": langs,
                **self._story_span_and_titles(story_id)}  # fmt: skip

    def quarantine_rows(self, *, run_id: int | None = None) -> list[dict[str, Any]]:
        sql = (
            "SELECT id, source, locator, stage, reason, detail, severity, raw_size FROM quarantine"
        )
        if run_id is None:
            return self._dicts(sql + " ORDER BY created_at, source")
        return self._dicts(sql + " WHERE run_id = ? ORDER BY created_at, source", run_id)


# the characters normalisation deletes (harakat, tatweel, ZWNJ...) and, for each character of
# normalised text, every character of the scripts khabar reads that normalises to it (Latin
# with accents and case, Arabic and Persian letter forms, presentation forms, digits)
_SCANNED = [*range(0x20, 0x0250), *range(0x0600, 0x0700), *range(0x200B, 0x2070),
            *range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00), *range(0xFF00, 0xFFF0)]  # fmt: skip


@lru_cache(maxsize=1)
def _spellings() -> tuple[str, dict[str, str]]:
    """(deleted characters, normalised character -> its original spellings) as regex classes."""
    deleted, forms = [], {}
    for code in _SCANNED:
        ch = chr(code)
        out = normalize(ch)
        if out == "":
            deleted.append(ch)
        elif len(out) == 1:
            forms.setdefault(out, []).append(ch)
    return ("[" + re.escape("".join(deleted)) + "]*",
            {k: re.escape("".join(sorted(set(v + [k])))) for k, v in forms.items()})  # fmt: skip


# Where ``index_form`` joins a Persian verb prefix or plural suffix written apart (normalize's
# _PERSIAN_AFFIX, a closed list of Persian grammar): the original may hold one space there.
_JOINED_AFFIX = re.compile(rf"^({PERSIAN_PREFIX})(?=\w)|(?<=\w)({PERSIAN_SUFFIX})$")


def _as_written(word: str) -> str:
    """A regex matching ``word`` (index form) in original text, in any spelling that normalises
    to it: مسئول finds مسؤول, mosul finds Mosul, 12 finds ١٢, ميگويند finds می گویند and
    می‌گویند; marks between letters allowed."""
    deleted, forms = _spellings()

    def letter(c: str) -> str:
        if c == "ء":  # a final hamza may follow a ya in the text (search_form: الطوارىء)
            return f"(?:[يىی]{deleted})?[{forms[c]}]{deleted}"
        return f"[{forms.get(c, re.escape(c))}]{deleted}"

    def letters(text: str) -> str:
        return "".join(map(letter, text))

    pieces, at = [], 0
    for m in _JOINED_AFFIX.finditer(word):
        pieces.append(letters(word[at : m.start()]))
        if m.group(1):  # a prefix: one space may follow it
            pieces.append(letters(m.group(1)) + "[^\\S\\n]?")
        else:  # a suffix: one space may precede it
            pieces.append("[^\\S\\n]?" + letters(m.group(2)))
        at = m.end()
    pieces.append(letters(word[at:]))
    return "".join(pieces)


def search_text(text: str, lang: str) -> str:
    """What the search index holds of original ``text``: the ``search_form`` of its
    ``search_split`` normalised (a ZWNJ parts words: حزب‌الله is found by حزب الله), then, on a
    last line, once each, every word that a ZWNJ joined (حزبالله, so the joined spelling finds it
    too) and, in Arabic text, every word written with a proclitic without it (بعدن → عدن,
    والحوثيين → الحوثيين, للحوثيين → حوثيين and الحوثيين) and every word written with the
    article without it (الأمريكي and بالأمريكي → امريكي), so that a search for a word finds it
    in any of these forms. A query written with the article finds only the article's forms:
    القاعدة finds no قاعدة.
    Where a proclitic splits is the recogniser's rule (``lexicon.proclitic_length``: the rest
    must be a word real Arabic news writes more often than the whole, so بغداد keeps its ب);
    the article is split when at least three letters are left that real Arabic news writes often
    enough on their own and the whole is no place or actor name (``_article_peels``): الله and
    الرياض keep theirs.
    Arabic only: a Persian برای is no ب + رای."""
    split = search_form(normalize(search_split(text)))
    words = dict.fromkeys(tokens(split))
    extra: dict[str, None] = {}
    if "\u200c" in text:
        extra.update((w, None) for w in tokens(search_form(normalize(text))) if w not in words)
    if lang == "ar":
        for word in words:
            extra.update(dict.fromkeys(_arabic_bare_forms(word)))
    return split + "\n" + " ".join(extra) if extra else split


@lru_cache(maxsize=65_536)
def _arabic_bare_forms(word: str) -> tuple[str, ...]:
    """The forms ``search_text`` also indexes an Arabic ``word`` under: without its proclitic,
    without its article (memoised: news repeats its words, and ingest indexes each
    document)."""
    counts = word_counts("ar")
    n = proclitic_length(word)
    forms = [word[n:]] if n else []
    if n and word[:n].endswith("لل"):  # لل is ل + the article
        forms.append("ال" + word[n:])
    for form in [word, *forms]:
        if form.startswith("ال") and len(form) >= 5 and _article_peels(form, counts):
            forms.append(form[2:])
    return tuple(forms)


_ARTICLE_RATIO = 0.1  # how often real news must write a word without ال, against with it


def _article_peels(form: str, counts: dict[str, int]) -> bool:
    """Whether search indexes an Arabic word with the article also without it: the rest is a
    word real news writes at least ``_ARTICLE_RATIO`` as often as the whole (الأمريكي 1,952
    times, أمريكي 352; not الرياض 5,546 and رياض 158, nor التقى 'met' and the name تقي), and
    the whole is no name of the gazetteer or the actor dictionaries (الجزيرة: a search for
    جزيرة should not find Al Jazeera; القاعدة is no alias of its own, تنظيم القاعدة is, so قاعدة
    finds al-Qaeda's reports)."""
    if counts.get(form[2:], 0) < _ARTICLE_RATIO * counts.get(form, 0) or not counts.get(form[2:]):
        return False
    return not (form in gazetteer().index or form in actor_dictionary().index
                or form in world_actors())  # fmt: skip


# a word's start in Arabic text: after no letter, or after a proclitic or the article (or
# both) that follow none, as search_text splits them
_SPLIT_OFF = sorted({*PROCLITICS, "ال", *(c + "ال" for c in PROCLITICS if not c.endswith("ال"))})
_ARABIC_START = "(?:" + "|".join([r"(?<!\w)"] + [rf"(?<=(?<!\w){re.escape(c)})"
                                                 for c in _SPLIT_OFF]) + ")"  # fmt: skip


@lru_cache(maxsize=64)
def _word_patterns(words: tuple[str, ...], arabic: bool = False) -> tuple[re.Pattern[str], ...]:
    """Each of ``words`` (normalised) as a whole word of original text, in query order, then
    any of them; in an Arabic text (``arabic``) a word may follow a proclitic or the article
    (عدن in بعدن, امريكي in الأمريكي, as ``search_text`` indexed them), which is not marked."""
    start = _ARABIC_START if arabic else r"(?<!\w)"
    longest = "|".join(_as_written(w) for w in sorted(set(words), key=len, reverse=True))
    return tuple(re.compile(rf"{start}(?:{w})(?!\w)")
                 for w in [*map(_as_written, words), longest])  # fmt: skip


def _fts_query(words: list[str]) -> str:
    """An FTS5 query for documents holding every one of ``words`` (``search_terms``: a term of
    several words is a phrase), each quoted (no query syntax can come from the user)."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def _split_sql(sql: str) -> list[str]:
    """Statements of a migration file (our migrations have no ``--`` or ``;`` inside literals)."""
    body = "\n".join(re.sub(r"--.*$", "", line) for line in sql.splitlines())
    return [s.strip() for s in body.split(";") if s.strip()]


def open_store(
    settings: Settings, *, create: bool = True, shared_across_threads: bool = False
) -> SQLiteStore:
    """Open (creating and migrating if needed) the database named by ``settings.database``.

    With ``create=False`` a missing file is an error instead (for commands that only read).
    ``shared_across_threads``: the connection may be used from another thread than the one
    that opened it, one thread at a time (a web request's set-up, handler and tear-down).
    """
    if settings.database_url:
        from khabar.store.postgres import PostgresStore, is_postgres_url

        if not is_postgres_url(settings.database_url):
            raise StoreError(
                f"database_url must start with postgresql://, got {settings.database_url!r}"
            )
        return PostgresStore(settings.database_url, settings)
    if not create and not Path(settings.database).exists():
        raise StoreError(
            f"no database at {settings.database}; run `khabar ingest PATH` first or pass --db"
        )
    return SQLiteStore(settings.database, settings, check_same_thread=not shared_across_threads)
