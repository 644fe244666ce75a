"""Ingest pipeline: read → clean → identify language → find duplicates → store.

Input: paths (files or folders) and settings. Output: an ``IngestReport`` (counts, the
quarantined inputs with reasons, per-stage timings) and the rows written to the store. The same
input ingested twice changes nothing: document ids come from the normalised cleaned content,
copies seen before are recognised, quarantine rows are keyed by source, place and reason.
One bad input never stops the batch: it becomes a quarantine record.
"""

from __future__ import annotations

import hashlib
import io
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from khabar.clean import clean_article
from khabar.dedup import DuplicateIndex, Signatures
from khabar.embed import Embedder, embed_pending, make_embedder
from khabar.extract.document import Extraction, extract_document, iso_day
from khabar.fuse import fuse_pending, mark_changed
from khabar.langid import detect_language
from khabar.model import (
    Document,
    DuplicateRecord,
    QuarantineRecord,
    RawArticle,
    SharedParagraph,
)
from khabar.normalize import normalize
from khabar.readers import ReadContext, read_paths
from khabar.readers.base import quarantine
from khabar.readers.jsonl import read_jsonl
from khabar.settings import Settings
from khabar.store import SQLiteStore
from khabar.stories import StoryIndex, copy_link, signature

if TYPE_CHECKING:
    from khabar.executors import Executor

__all__ = ["IngestReport", "Prepared", "build_document", "document_id", "ingest", "ingest_jsonl",
           "prepare", "prepare_safely", "wire_anchor"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    run_id: int
    ingested: int = 0
    unchanged: int = 0  # already in the store from the same source (re-run)
    duplicates: list[DuplicateRecord] = field(default_factory=list)
    quarantined: list[QuarantineRecord] = field(default_factory=list)
    repaired: list[QuarantineRecord] = field(default_factory=list)
    shared_paragraphs: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    seconds: Counter[str] = field(default_factory=Counter)
    fuse_failures: list[str] = field(default_factory=list)  # stories left for the next run
    extracted_again: int = 0  # undated documents anchored on a dated copy, in the driver
    embedded: int = 0  # documents embedded at the end of the run (setting embed_on_ingest)
    embed_error: str = ""  # why embedding failed (the documents are stored; run khabar embed)

    @property
    def exact_duplicates(self) -> int:
        return sum(1 for d in self.duplicates if d.kind == "exact")

    @property
    def near_duplicates(self) -> int:
        return sum(1 for d in self.duplicates if d.kind == "near")

    def counts(self) -> dict[str, object]:
        reasons = Counter(q.reason for q in self.quarantined)
        return {
            "ingested": self.ingested,
            "unchanged": self.unchanged,
            "exact_duplicates": self.exact_duplicates,
            "near_duplicates": self.near_duplicates,
            "quarantined": len(self.quarantined),
            "repaired": sum(1 for q in self.repaired if q.reason != "unparsed_date"),
            "unparsed_dates": sum(1 for q in self.repaired if q.reason == "unparsed_date"),
            "shared_paragraphs": self.shared_paragraphs,
            "quarantine_reasons": dict(reasons),
            "skipped": dict(self.skipped),
            "fuse_failures": list(self.fuse_failures),
            "extracted_again": self.extracted_again,
            "embedded": self.embedded,
            "embed_error": self.embed_error,
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
        }


def document_id(title: str | None, body: str) -> str:
    """Stable id: SHA-256 of the normalised title and body, whitespace-collapsed (16 hex)."""
    return _id_from_norm([normalize(title or ""), normalize(body)])


def _id_from_norm(parts: list[str]) -> str:
    """``document_id`` from already normalised pieces (normalisation is per character, so
    normalising the pieces equals normalising the whole once whitespace is collapsed)."""
    key = " ".join(" ".join(parts).split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@contextmanager
def _timed(report: IngestReport, stage: str) -> Iterator[None]:
    t0 = time.perf_counter()
    try:
        yield
    finally:
        report.seconds[stage] += time.perf_counter() - t0


def with_title(raw: RawArticle) -> RawArticle:
    """``raw`` with a title its source gives apart (JSONL, HTML, feeds, WARC) written as the
    first line of its text, so that the title is cleaned, extracted and cited like any line:
    spans count from it. Newlines inside the title become spaces (offsets unchanged)."""
    if not raw.title or not raw.title.strip() or raw.title_in_text:
        return raw
    title = raw.title.strip().replace("\r", " ").replace("\n", " ")
    if raw.text.strip() == title:
        return raw  # a feed entry whose text is its title: the text stays the body
    first = next((ln.strip() for ln in raw.text.splitlines() if ln.strip()), "")
    if first == title:  # the text starts with its title already: that line is the title
        return replace(raw, title=title, title_in_text=True)
    return replace(raw, text=f"{title}\n\n{raw.text}", title=title, title_in_text=True)


def build_document(raw: RawArticle, settings: Settings) -> Document:
    """Clean ``raw`` (its title first, see ``with_title``) and identify its language; the
    document is not stored."""
    raw = with_title(raw)
    cleaned = clean_article(raw, settings)
    body_parts = [p.text for p in cleaned.paragraphs if p.role != "title"]
    body = "\n\n".join(body_parts)
    lang = detect_language(f"{cleaned.title or ''}\n{body}", settings)
    evidence = lang.evidence
    published, precision, basis = raw.published, raw.published_precision, raw.published_basis
    # a date line of the text beats a value that is no day (a year-only guess, nothing)
    from_line = cleaned.published is not None and iso_day(published) is None
    if from_line:
        published, basis = cleaned.published, "date line"
        precision = "minute" if "T" in (cleaned.published or "") else "day"
    elif published and precision is None:
        precision = "minute" if "T" in published else ("day" if len(published) >= 10 else None)
    if not published:
        basis = None  # nothing read: no basis (the value as written stays in published_text)
    if raw.lang_hint and raw.lang_hint != lang.lang:
        evidence += f"; source says {raw.lang_hint}"
    doc = Document(
        id=_id_from_norm(
            [normalize(cleaned.title or "")]
            + [p.norm for p in cleaned.paragraphs if p.role != "title"]
        ),
        source=raw.source,
        locator=raw.locator,
        kind=raw.kind,
        raw_text=raw.text,
        title=cleaned.title,
        summary=cleaned.summary,
        paragraphs=cleaned.paragraphs,
        lines=cleaned.lines,
        lang=lang.lang,
        lang_score=lang.score,
        lang_evidence=evidence,
        url=raw.url,
        outlet=raw.outlet or cleaned.outlet_hint,
        author=raw.author or cleaned.author,
        published=published,
        published_text=cleaned.published_text if from_line else (
            raw.published_raw or cleaned.published_text),
        published_precision=precision,
        published_basis=basis,
        crawled=raw.crawled,
        dateline=cleaned.dateline,
        agency=cleaned.agency,
        encoding=raw.encoding,
        warnings=list(raw.warnings),
    )
    return doc


_UNREAD_DATE = ("is not a date khabar reads", "could not be read")


def _warning_kind(warning: str) -> tuple[str, str]:
    """(stage, reason) of a reader's warning: a date value it could not read (kept as written,
    never compared as a date) is ``read``/``unparsed_date``; any other is a ``decode`` repair."""
    if "date" in warning and any(w in warning for w in _UNREAD_DATE):
        return "read", "unparsed_date"
    return "decode", "repaired"


@dataclass(slots=True)
class Prepared:
    """A document after the steps that need nothing but itself (clean, language, MinHash
    signatures, extraction without a wire anchor): they can run on any worker. Prepared in
    process, a document is signed and extracted only once the driver knows it is new
    (``sigs`` is None until then)."""

    raw: RawArticle
    doc: Document | None  # None when preparing failed (then ``error`` says why)
    sigs: Signatures | None
    extraction: Extraction | None
    seconds: dict[str, float]
    error: Exception | None = None

    def sign(self, settings: Settings) -> None:
        """Compute the MinHash signatures (no-op when already done)."""
        if self.sigs is not None or self.doc is None:
            return
        t0 = time.perf_counter()
        self.sigs = _signer(settings).signatures(self.doc)
        self.seconds["dedup"] = self.seconds.get("dedup", 0.0) + time.perf_counter() - t0

    def complete(self, settings: Settings) -> None:
        """Sign and extract the document (no-op when already done)."""
        if self.sigs is not None or self.doc is None:
            return
        self.sign(settings)
        t0 = time.perf_counter()
        self.extraction = extract_document(self.doc, settings) if settings.extract else None
        self.seconds["extract"] = self.seconds.get("extract", 0.0) + time.perf_counter() - t0


@lru_cache(maxsize=4)
def _signer(settings: Settings) -> DuplicateIndex:
    return DuplicateIndex(settings)  # only its MinHash permutations are used


def prepare(raw: RawArticle, settings: Settings, *, complete: bool = True) -> Prepared:
    """Clean and identify the language of one article, then (``complete``) sign and extract
    it: a pure function of the article and the settings, so executors may run it in other
    processes or machines."""
    t0 = time.perf_counter()
    doc = build_document(raw, settings)
    p = Prepared(raw, doc, None, None, {"clean+langid": time.perf_counter() - t0})
    if complete and len(doc.body) >= settings.min_text_chars:
        p.complete(settings)
    return p


def prepare_safely(item: RawArticle | QuarantineRecord, settings: Settings) -> Any:
    """``prepare`` for an executor: a quarantine record passes through; an error is carried
    back to the driver, which quarantines the article (one bad document never stops a batch)."""
    if isinstance(item, QuarantineRecord):
        return item
    try:
        return prepare(item, settings)
    except Exception as exc:
        log.exception("preparing %s %s failed", item.source, item.locator)
        return Prepared(item, None, None, None, {}, error=exc)


def wire_anchor(
    doc: Document,
    near: DuplicateRecord | None,
    shared: list[SharedParagraph],
    published_of: Callable[[str], str | None],
) -> tuple[date | None, str]:
    """For a document with no publication date: the date of a stored copy of its text (its
    near duplicate, or a document it shares wire paragraphs with) and a label saying so."""
    if iso_day(doc.published) is not None:
        return None, ""
    others = ([near.first_id] if near else []) + [x.other_id for x in shared]
    for other in dict.fromkeys(others):
        if (day := iso_day(published_of(other))) is not None:
            return day, f"wire copy {other}"
    return None, ""


class _Ingestor:
    def __init__(
        self, store: SQLiteStore, settings: Settings, report: IngestReport, ctx: ReadContext
    ) -> None:
        self.store, self.settings, self.report = store, settings, report
        self.index = DuplicateIndex(settings)
        with _timed(report, "load_index"):
            for doc_id, sig in store.document_signatures():
                self.index.add_document(doc_id, sig)
            for doc_id, idx, key, sig in store.paragraph_signatures():
                self.index.add_paragraph(doc_id, idx, key, sig)
            self.stories = StoryIndex(store.db, settings)
        self.ctx = ctx

    def _quarantine(self, rec: QuarantineRecord) -> None:
        self.store.add_quarantine(rec, run_id=self.report.run_id)
        (self.report.repaired if rec.severity == "repaired" else self.report.quarantined).append(
            rec
        )

    def _raw_bytes(self, raw: RawArticle) -> bytes:
        return raw.text.encode("utf-8")

    def process(self, raw: RawArticle) -> None:
        self.process_prepared(prepare(raw, self.settings, complete=False))

    def process_prepared(self, p: Prepared) -> None:
        """The sequential steps of one prepared document: duplicates, the wire anchor (the
        document is extracted again here only when an earlier dated copy anchors it), store,
        story, fusion mark."""
        r, s, raw = self.report, self.settings, p.raw
        self._count_seconds(p)
        if p.error is not None or p.doc is None:
            raise p.error or RuntimeError("document was not prepared")
        doc = p.doc
        if len(doc.body) < s.min_text_chars:
            self._quarantine(quarantine(
                self.ctx, source=raw.source, locator=raw.locator, stage="clean", reason="no_text",
                detail=f"only {len(doc.body)} characters of article text remain after cleaning "
                f"(minimum {s.min_text_chars})", raw=self._raw_bytes(raw),
            ))  # fmt: skip
            return
        for warning in doc.warnings:
            stage, reason = _warning_kind(warning)
            self._quarantine(quarantine(
                self.ctx, source=raw.source, locator=raw.locator, stage=stage,
                reason=reason, detail=f"ingested as {doc.id}: {warning}",
                severity="repaired", raw_size=len(raw.text),
            ))  # fmt: skip
        with _timed(r, "store"):
            existing = self.store.db.execute(
                "SELECT source, locator FROM documents WHERE id = ?", (doc.id,)
            ).fetchone()
        if existing is not None:
            if (existing[0], existing[1]) == (raw.source, raw.locator):
                r.unchanged += 1
                return
            dup = DuplicateRecord(doc.id, doc.id, "exact", 1.0)
            if self.store.add_duplicate(dup, source=raw.source, locator=raw.locator,
                                        run_id=r.run_id):  # fmt: skip
                r.duplicates.append(dup)
            else:
                r.unchanged += 1
            return
        if p.sigs is None:  # prepared here: signed now that it is new, extracted below
            p.sign(s)
            self._count_seconds(p)
        sigs = p.sigs
        assert sigs is not None
        with _timed(r, "dedup"):
            near = self.index.near_duplicate(doc.id, sigs.document)
            shared = self.index.shared_paragraphs(doc.id, sigs)
        extraction = p.extraction
        if s.extract:
            fallback, label = wire_anchor(doc, near, shared, self._published)
            if fallback is not None and extraction is not None:
                r.extracted_again += 1  # extracted elsewhere before its anchor was known
            if fallback is not None or extraction is None:
                with _timed(r, "extract"):
                    extraction = extract_document(doc, s, fallback_anchor=fallback,
                                                  fallback_label=label)  # fmt: skip
        linked = {link.para_index for link in shared}
        canonical = {i: sig for i, sig in sigs.paragraphs.items() if i not in linked}
        with _timed(r, "store"):
            self.store.add_document(
                doc, run_id=r.run_id, minhash=sigs.document, paragraph_minhashes=canonical
            )
            if extraction is not None:
                self.store.add_extraction(doc.id, extraction)
                self.stories.assign(doc.id, signature(extraction), copy_link(near, shared),
                                    iso_day(doc.published) or iso_day(doc.crawled))
                mark_changed(self.store, doc.id)
            if s.extract and doc.published:
                self._backfill_anchor(doc, near, shared)
            if near is not None:
                self.store.add_duplicate(near, source=raw.source, locator=raw.locator,
                                         run_id=r.run_id)  # fmt: skip
                r.duplicates.append(near)
            self.store.add_shared_paragraphs(shared)
        r.shared_paragraphs += len(shared)
        if near is None:
            self.index.add_document(doc.id, sigs.document)
        for idx, sig in canonical.items():
            self.index.add_paragraph(doc.id, idx, sigs.paragraph_keys[idx], sig)
        r.ingested += 1

    def _count_seconds(self, p: Prepared) -> None:
        """Add the prepare step's timings to the report (once each)."""
        for stage, seconds in p.seconds.items():
            self.report.seconds[stage] += seconds
        p.seconds.clear()

    def _backfill_anchor(
        self, doc: Document, near: DuplicateRecord | None, shared: list[SharedParagraph]
    ) -> None:
        """Earlier copies with no publication date are re-extracted, anchored on the first
        dated copy of their text to arrive (once: a later dated copy changes nothing)."""
        anchor = iso_day(doc.published)
        if anchor is None:
            return
        others = ([near.first_id] if near else []) + [x.other_id for x in shared]
        for other in dict.fromkeys(others):
            raw = self.store.stored_article(other)
            if raw is None or iso_day(raw.published) or self._wire_anchored(other):
                continue
            earlier = build_document(raw, self.settings)
            if earlier.id != other:
                continue  # cleaning changed since it was stored: its facts stay as they are
            again = extract_document(earlier, self.settings, fallback_anchor=anchor,
                                     fallback_label=f"wire copy {doc.id}")  # fmt: skip
            self.store.add_extraction(other, again)
            self.stories.refresh(other, signature(again))
            mark_changed(self.store, other)

    def _wire_anchored(self, doc_id: str) -> bool:
        """Whether the document's dates were already read against a wire copy's date."""
        row = self.store.db.execute(
            "SELECT 1 FROM date_mentions WHERE doc_id = ? AND anchor LIKE 'wire copy %' LIMIT 1",
            (doc_id,),
        ).fetchone()
        return row is not None

    def _published(self, doc_id: str) -> str | None:
        row = self.store.db.execute(
            "SELECT published FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        return row[0] if row else None

    def handle(self, item: RawArticle | QuarantineRecord | Prepared) -> None:
        if isinstance(item, QuarantineRecord):
            self._quarantine(item)
            return
        raw = item.raw if isinstance(item, Prepared) else item
        try:
            if isinstance(item, Prepared):
                self.process_prepared(item)
            else:
                self.process(item)
        except Exception as exc:  # one bad document must not stop the batch: record it
            log.exception("processing %s %s failed", raw.source, raw.locator)
            self._quarantine(quarantine(
                self.ctx, source=raw.source, locator=raw.locator, stage="process",
                reason="internal_error", detail=f"{type(exc).__name__}: {exc} (please report)",
                raw=self._raw_bytes(raw),
            ))  # fmt: skip


def _fuse(store: SQLiteStore, report: IngestReport) -> None:
    """Fuse the stories this run changed (and any a crashed run left unfused), inside the last
    transaction: committed documents whose story is not fused yet are fused by the next run."""
    if store.settings.extract:
        with _timed(report, "fuse"):
            fuse_pending(store, failures=report.fuse_failures)


def _embed(store: SQLiteStore, report: IngestReport, embedder: Embedder | None) -> None:
    """Embed the documents that have no vector yet, after the run's last commit. A failure
    leaves the stored documents as they are and is reported (``khabar embed`` retries)."""
    if embedder is None:
        return
    try:
        with _timed(report, "embed"):
            report.embedded = embed_pending(store, embedder).embedded
    except Exception as exc:
        log.exception("embedding after ingest failed")
        report.embed_error = f"{type(exc).__name__}: {exc} (documents are stored; run khabar embed)"


def ingest(
    paths: Iterable[str],
    store: SQLiteStore,
    *,
    on_item: Callable[[str], None] | None = None,
    executor: Executor | None = None,
) -> IngestReport:
    """Ingest every article under ``paths`` into ``store``; see the module docstring.

    Example::

        with open_store(settings) as store:
            report = ingest(["samples/"], store)
            print(report.counts())
    """
    paths = [str(p) for p in paths]
    ctx = ReadContext(store.settings)
    items: Iterator[Any] = read_paths(list(paths), ctx)
    if executor is not None:  # the per-document steps elsewhere, in input order
        items = executor.prepare(items, store.settings)
    return _run(items, ctx, store, paths, on_item)


def ingest_jsonl(source: str, data: bytes, store: SQLiteStore) -> IngestReport:
    """Ingest JSON-lines bytes (one article object per line, as ``.jsonl`` files) received
    from elsewhere (the API): same validation, quarantine and pipeline as ``ingest``."""
    ctx = ReadContext(store.settings)
    return _run(read_jsonl(source, io.BytesIO(data), ctx), ctx, store, [source], None)


def _run(
    items: Iterator[Any],
    ctx: ReadContext,
    store: SQLiteStore,
    inputs: list[str],
    on_item: Callable[[str], None] | None,
) -> IngestReport:
    settings = store.settings
    embedder = make_embedder(settings) if settings.embed_on_ingest else None  # fails early
    report = IngestReport(run_id=store.begin_run(inputs))
    ingestor = _Ingestor(store, settings, report, ctx)
    pending = 0
    store.db.execute("BEGIN IMMEDIATE")
    try:
        while True:
            with _timed(report, "read"):
                item = next(items, None)
            if item is None:
                break
            ingestor.handle(item)
            if on_item is not None:
                on_item(item.raw.source if isinstance(item, Prepared) else item.source)
            pending += 1
            if pending >= settings.commit_every:
                store.db.execute("COMMIT")
                store.db.execute("BEGIN IMMEDIATE")
                pending = 0
        _fuse(store, report)
        store.db.execute("COMMIT")
    except BaseException:
        store.db.execute("ROLLBACK")
        raise
    _embed(store, report, embedder)
    report.skipped.update(ctx.skipped)
    store.finish_run(report.run_id, report.counts())
    return report
