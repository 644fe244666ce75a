"""The data model: plain dataclasses passed between the stages of khabar.

Readers yield ``RawArticle`` (what a source said, decoded, not yet cleaned) or
``QuarantineRecord`` (what could not be read and why). Cleaning turns a ``RawArticle`` into a
``Document`` whose ``lines`` keep every input line with the role cleaning gave it, so nothing is
lost and every paragraph keeps its character span in the original text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Claim",
    "DateCorrection",
    "DateMention",
    "Document",
    "DuplicateRecord",
    "EventMention",
    "LineDecision",
    "LineRole",
    "Paragraph",
    "QuarantineRecord",
    "RawArticle",
    "SharedParagraph",
    "Span",
    "TimeMention",
]


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character span ``[start, end)`` in a document's ``raw_text``."""

    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        """Whether this span and ``other`` share a character."""
        return self.start < other.end and other.start < self.end

    def inside_longer(self, spans: Iterable[Span]) -> bool:
        """Whether this span lies inside a longer one of ``spans`` (القدس in فيلق القدس)."""
        return any(s.start <= self.start and self.end <= s.end
                   and s.end - s.start > self.end - self.start for s in spans)  # fmt: skip


class LineRole(StrEnum):
    """What cleaning decided a line of the input is."""

    TITLE = "title"
    SUMMARY = "summary"  # standfirst / lead under the title
    HEADING = "heading"  # sub-heading inside the body
    BODY = "body"
    PUBLISHED = "published"  # a publication-date line, lifted into Document.published
    DATELINE = "dateline"  # "بغداد - الأناضول:" lifted into dateline/agency
    BOILERPLATE = "boilerplate"  # captions, ads, mastheads, counters, footers, junk
    REPEAT = "repeat"  # a paragraph already seen in this document
    BLANK = "blank"


@dataclass(slots=True)
class LineDecision:
    """One line of the input with its role, the rule that gave it, and its span."""

    line_no: int  # 1-based, as an editor shows it
    text: str  # original text of the line (stripped)
    span: Span
    role: LineRole
    rule: str = ""


@dataclass(slots=True)
class Paragraph:
    """A kept paragraph (title, summary, heading or body) with its span in ``raw_text``."""

    index: int
    text: str
    span: Span
    role: LineRole
    norm: str = ""  # normalised text (khabar.normalize), for matching and indexing


@dataclass(slots=True)
class RawArticle:
    """An article as a reader found it: decoded text plus whatever metadata the source gave."""

    source: str  # file path or URL of the container (the thing the user named)
    locator: str  # where inside it: "" for a file, "line 12" in JSONL, "offset 2048" in WARC
    kind: str  # txt | html | jsonl | feed | warc
    text: str  # decoded article text, original characters (title line included for txt)
    title: str | None = None  # set when the source names it (HTML, JSONL, feeds)
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 when the source gave one: 2024, 2024-05, 2024-05-12,
    # 2024-05-12T10:00+03:00 (zone kept when given); never a guessed day
    published_precision: str | None = None  # year | month | day | minute | second
    published_basis: str = "source"  # source (the record's field), metadata (the page's own
    # meta tags), date line (a visible date line), guess (an extractor's guess)
    published_raw: str | None = None  # the value as the source wrote it (kept when unparsed)
    crawled: str | None = None  # ISO crawl time (SaudiNewsNet's date_extracted): an upper bound
    # of the day of writing, never taken for the publication date
    lang_hint: str | None = None
    encoding: str = "utf-8"
    title_in_text: bool = False  # plain text: the first line of ``text`` is the title
    warnings: list[str] = field(default_factory=list)  # repairs made while reading


@dataclass(slots=True)
class Document:
    """A cleaned article, the unit every later stage works on."""

    id: str
    source: str
    locator: str
    kind: str
    raw_text: str  # the text as read (display and spans refer to it)
    title: str | None
    summary: str | None
    paragraphs: list[Paragraph]
    lines: list[LineDecision]
    lang: str = "und"
    lang_score: float = 0.0
    lang_evidence: str = ""
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date or datetime
    published_text: str | None = None  # as written
    published_precision: str | None = None  # year | month | day | minute | second
    published_basis: str | None = None  # source | metadata | date line | guess (RawArticle)
    crawled: str | None = None  # crawl time: an upper bound of the day of writing
    dateline: str | None = None
    agency: str | None = None
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        """Kept body paragraphs (headings included), original text, blank-line separated."""
        return "\n\n".join(
            p.text for p in self.paragraphs if p.role in (LineRole.BODY, LineRole.HEADING)
        )

    @property
    def boilerplate(self) -> list[LineDecision]:
        return [d for d in self.lines if d.role is LineRole.BOILERPLATE]


@dataclass(slots=True)
class QuarantineRecord:
    """Input that could not be ingested (or was repaired), with the reason and the raw input.

    ``severity`` is ``rejected`` (nothing was ingested) or ``repaired`` (ingested after a fix,
    e.g. a mis-declared encoding; the record says what was done).
    """

    source: str
    locator: str
    stage: str  # read | decode | parse | clean
    reason: str  # short code: empty, binary, too_large, bad_json, ...
    detail: str  # the human explanation
    severity: str = "rejected"
    raw: bytes | None = None  # kept when small enough
    raw_size: int | None = None
    raw_sha256: str | None = None


@dataclass(frozen=True, slots=True)
class DuplicateRecord:
    """``doc_id`` repeats ``first_id`` (``exact`` content or ``near`` with Jaccard ``score``)."""

    doc_id: str
    first_id: str
    kind: str
    score: float


@dataclass(frozen=True, slots=True)
class SharedParagraph:
    """Paragraph ``para_index`` of ``doc_id`` is also paragraph ``other_index`` of ``other_id``."""

    doc_id: str
    para_index: int
    other_id: str
    other_index: int
    kind: str  # exact | near
    score: float


@dataclass(frozen=True, slots=True)
class DateCorrection:
    """Another reading of a date, proposed (never applied silently) with its reason."""

    value: str  # ISO date
    calendar: str
    reason: str


@dataclass(slots=True)
class DateMention:
    """A date expression resolved to an absolute date (as far as the text allows).

    ``value`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` by ``precision`` (day, month, year), or
    ``None`` when it cannot be resolved (e.g. a weekday with no anchor date). ``anchor`` says what
    it was resolved against: ``absolute`` (the text gives the year), ``publication``, or
    ``date:YYYY-MM-DD`` (another date in the text).
    """

    span: Span  # in the original text
    text: str  # as written
    value: str | None
    precision: str
    calendar: str  # gregorian | solar_hijri | hijri
    anchor: str
    weekday: int | None = None  # as written (Monday = 0)
    part_of_day: str | None = None  # morning, evening, dawn, night...
    qualifier: str | None = None  # early, mid, late (of a month)
    flags: list[str] = field(default_factory=list)
    corrections: list[DateCorrection] = field(default_factory=list)


@dataclass(slots=True)
class TimeMention:
    """A clock time with its zone ("21:50 (18:50 ت غ)" → 21:50 local, 18:50 UTC)."""

    span: Span
    text: str
    time: str  # HH:MM as written
    zone: str  # local | UTC | +03:30 ...
    utc: str | None = None  # HH:MM in UTC when the text gives it


@dataclass(slots=True)
class EventMention:
    """One event reported in one sentence, with each field as the sentence gives it.

    ``killed`` / ``injured`` are ``None`` when the sentence says nothing, ``0`` when it says
    nobody ("لم تقع إصابات"). ``modality`` lists negated / hedged / denied / planned /
    called (asked for by a call, a pledge or an organiser's announcement: it joins, never
    founds) / recalled (told by its funeral, condolences or a visit to its wounded: it joins
    an event in fusion, never founds one) / tally (told with a toll over a period, "منذ
    بداية الشهر": it joins, never founds).
    ``background`` marks past events recalled for context.
    """

    span: Span  # the sentence, in the original text
    sentence: str
    trigger: str
    trigger_span: Span
    plover: str
    acled_type: str
    acled_subtype: str
    weapon: str | None = None
    date: str | None = None  # ISO value of the sentence's date mention
    date_text: str | None = None
    date_note: str | None = None  # set when ``date`` is a flagged correction of the text's date
    places: list[str] = field(default_factory=list)  # gazetteer ids, in order
    places_inherited: bool = False  # no place in the sentence: those of the previous event
    actor: str | None = None  # actor id (or text) before the trigger
    target: str | None = None  # actor id (or text) after the trigger
    # a party the sentence names as supporting the deed ("بدعم من طيران التحالف", "backed by":
    # ``events._supporting``), actor id (or text): ACLED's associated actor of the actor
    assoc_actor: str | None = None
    counts: list[tuple[int, str]] = field(default_factory=list)  # (number, what) "5 صواريخ"
    killed: int | None = None
    injured: int | None = None
    victims: str | None = None  # who was killed or hurt, as written ("3 جنود أميركيين")
    modality: list[str] = field(default_factory=list)
    background: bool = False
    mode: str | None = None  # PLOVER mode (aerial, drone, demo, arrest...), when known
    type_source: str = "lexicon"  # what typed it: lexicon, classifier (retyped), cameo, model
    type_score: float | None = None  # the classifier's probability of ``plover``
    # where ``date`` comes from: text (the sentence's own words), title (the title's date
    # words), document (another sentence's date for an event of the same type), publication
    # (no date words: the day the report was published), crawl (no publication date: the crawl
    # day, an upper bound), lead (the lead's day), recalled (the days a frame of an earlier
    # event counts back from the news: "بعد ثلاثة ايام على الهجوم"); None when there is no date
    date_basis: str | None = None
    main: bool = False  # the document's main event: the one its title (else its lead) reports
    from_title: list[str] = field(default_factory=list)  # fields filled from the title's facts
    # what shows it is an event beyond the sentence classifier's guess (``EVIDENCE``): a word of
    # the event lexicon ("trigger"), a weapon, a toll, an armed party (where the classifier
    # alone typed it, only when at least 0.5 sure of the type: ``events._unsure_guess``); []
    # for an event the classifier or a CAMEO verb alone typed, which exports leave out unless
    # asked; None when not known (never weak)
    evidence: list[str] | None = None


# the kinds of ``EventMention.evidence``, in order
EVIDENCE = ("trigger", "weapon", "toll", "armed party")


@dataclass(slots=True)
class Claim:
    """An attributed statement: who said it (an actor id, or the unnamed source as written),
    with which verb and stance, what exactly (the quoted or reported span), and through whom
    (``chain``: outermost reporter first, e.g. Reuters → three security sources)."""

    span: Span  # the sentence
    sentence: str
    speaker: str | None  # actor id, or the speaker's text when unresolved / unnamed
    speaker_text: str | None
    speaker_kind: str | None
    verb: str
    stance: str  # asserts | denies
    content: str
    content_span: Span
    chain: list[str] = field(default_factory=list)
