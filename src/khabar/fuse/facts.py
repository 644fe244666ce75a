"""The facts of one story, read from the store for fusion: documents, event mentions, claims.

Input: a store's open connection (``SQLiteStore.db``; the PostgreSQL store's wrapper answers
the same) and a story id, its rows read through ``khabar.store.story_facts``. Output: a
``StoryFacts`` with each event mention and claim as a small record that knows its document,
span, quoted speaker and **source key**. Two records with one source key are one source:
copies of one wire text (the paragraphs issue 1 linked as shared, near-duplicate documents)
count once, not once per outlet that printed them.

Also here: where a place stands in its sentence (origin of an attack, "from Zummar", or its
target), and the speaker of a claim whose verb has no subject ("وأضاف", "افزود"): the speaker
of the claim before it in the same document, marked as inherited.
"""

from __future__ import annotations

import bisect
import json
import re
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from khabar.extract.actors import actor_dictionary
from khabar.extract.events import parse_number, patron_place, toll_groups, toll_numbers
from khabar.extract.places import Place, gazetteer
from khabar.normalize import normalize
from khabar.resources import read_csv
from khabar.store.story_facts import (
    actor_spans,
    claim_rows,
    date_mention_rows,
    duplicate_links,
    event_mention_rows,
    organisation_spans,
    paragraph_starts,
    place_mention_rows,
    resolved_actor_starts,
    shared_paragraph_links,
    story_documents,
    time_mention_rows,
)

__all__ = ["ClaimFact", "DocFact", "MentionFact", "PlaceRef", "Source", "StoryFacts",
           "fusion_cues", "load_story"]
_OWN_DATE = (None, "text", "title")  # ``EventMention.date_basis`` of a sentence's own day


@dataclass(frozen=True, slots=True)
class Source:
    """Where a value was read: document, outlet, language, span, quote, speaker, source key."""

    doc_id: str
    outlet: str | None
    lang: str
    published: str | None
    start: int
    end: int
    quote: str
    speaker: str | None  # display name of the quoted speaker
    source_key: str
    speaker_id: str | None = None  # actor id, "anonymous" for an unnamed source, or None
    crawled: str | None = None  # when the document was fetched (ISO), where known

    @property
    def reported(self) -> str | None:
        """When the report was out: its publication time, else its crawl time (for ordering
        reports only, never as the event's day)."""
        return self.published or self.crawled

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "outlet": self.outlet, "lang": self.lang,
                "published": self.published, "crawled": self.crawled, "start": self.start,
                "end": self.end, "quote": self.quote, "speaker": self.speaker,
                "speaker_id": self.speaker_id, "source_key": self.source_key}  # fmt: skip


@dataclass(frozen=True, slots=True)
class DocFact:
    id: str
    outlet: str | None
    lang: str
    published: str | None
    raw_text: str
    crawled: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place named in an event sentence, with its role there."""

    place: Place
    role: str  # "location", "origin" or "dispatch" (``_place_role``)
    relation: str | None  # "north-west of" ...: a description, never a conflicting value
    start: int
    end: int
    text: str


@dataclass(slots=True)
class MentionFact:
    doc: DocFact
    seq: int
    start: int
    end: int
    sentence: str
    plover: str
    acled_type: str
    subtype: str | None
    weapon: str | None
    day: str | None  # YYYY-MM-DD only
    date_text: str | None
    date_note: str | None
    place_ids: list[str]
    inherited: bool
    places: list[PlaceRef]  # named in the sentence itself
    actor: str | None
    target: str | None
    counts: list[tuple[int, str]]
    trigger: str
    killed: int | None
    injured: int | None
    victims: str | None
    modality: list[str]
    background: bool
    speaker: str | None
    source_key: str
    date_problems: list[str] = field(default_factory=list)  # flags of its date as written
    speaker_id: str | None = None
    times: list[str] = field(default_factory=list)  # clock times in its sentence
    part_of_day: str | None = None  # of its date as written ("مساء الأحد" → evening)
    main: bool = False  # the main event of its document (``EventMention.main``)
    toll_words: frozenset[str] = frozenset()  # "at least", "about", "update", "vague 20"...
    numbers: frozenset[int] = frozenset()  # numbers written in its sentence, outside its dates
    tolls: frozenset[int] = frozenset()  # those it writes as tolls (``events.toll_numbers``)
    groups: frozenset[tuple[int, str]] = frozenset()  # people counted by group (``toll_groups``)
    # ``EventMention.evidence``; None for a mention extracted before it was stored (unknown)
    evidence: tuple[str, ...] | None = None
    mode: str | None = None  # PLOVER mode (``EventMention.mode``); None: unstated
    assoc_actor: str | None = None  # ``EventMention.assoc_actor``: who the sentence says helped

    @property
    def key(self) -> str:
        return f"{self.doc.id}:{self.seq}"

    def source(self) -> Source:
        return Source(self.doc.id, self.doc.outlet, self.doc.lang, self.doc.published,
                      self.start, self.end, self.sentence, self.speaker,
                      self.source_key, self.speaker_id, self.doc.crawled)  # fmt: skip


@dataclass(slots=True)
class ClaimFact:
    doc: DocFact
    seq: int
    start: int
    end: int
    sentence: str
    speaker: str | None  # actor id, or the words naming an unnamed source
    speaker_text: str | None
    speaker_kind: str | None
    speaker_inherited: bool
    stance: str
    content: str
    source_key: str
    actors: list[tuple[int, str]] = field(default_factory=list)  # (start, id) in the sentence
    event_id: str | None = None
    event_how: str = ""  # how it was tied to its event: "named in its sentence", "main event"

    @property
    def key(self) -> str:
        return f"{self.doc.id}:{self.seq}"

    def source(self) -> Source:
        return Source(self.doc.id, self.doc.outlet, self.doc.lang, self.doc.published,
                      self.start, self.end, self.sentence, self.speaker_label(),
                      self.source_key, self.speaker_id(), self.doc.crawled)  # fmt: skip

    def speaker_id(self) -> str | None:
        if self.speaker is None:
            return None
        return self.speaker if self.speaker in actor_dictionary().actors else "anonymous"

    def speaker_label(self) -> str | None:
        if self.speaker is None:
            return None
        actor = actor_dictionary().actors.get(self.speaker)
        name = actor.name if actor else self.speaker
        return f"{name} (inherited from the claim before)" if self.speaker_inherited else name


@dataclass(slots=True)
class StoryFacts:
    story_id: int
    docs: dict[str, DocFact]
    mentions: list[MentionFact]
    claims: list[ClaimFact]


@lru_cache(maxsize=1)
def fusion_cues() -> dict[str, tuple[str, ...]]:
    """Normalised cue phrases of ``fusion_cues.tsv`` by kind (object, destroyed, origin...)."""
    out: dict[str, list[str]] = {}
    for r in read_csv("fusion_cues.tsv"):
        out.setdefault(r["kind"], []).extend(normalize(w) for w in r["words"].split("|"))
    return {k: tuple(v) for k, v in out.items()}


def _goes_on(verb: str) -> bool:
    """A verb that goes on quoting the previous speaker ("وأضاف", "افزود", "added")."""
    v = normalize(verb)
    return any(v == c or v.startswith(c + " ") for c in fusion_cues()["continuation"])


def _place_role(raw: str, start: int, window: int) -> str:
    """``origin`` when a word of origin (من / از / from) stands just before the place, with
    place nouns or words of direction between ("من بلدة زمار", "از منطقه ذمار", "من شمال قطاع
    غزة"), within ``window`` words of the place, and no word of distance before it (``near``
    cues: "بالقرب من بلدة سيالكوت" is near Sialkot, where it happened); ``dispatch`` when that
    word closes a dispatch (``_dispatch``: "به گزارش خبرگزاری فرانسه از بغداد"), a place
    fusion takes for the event's location only where its sentence names no other; else
    ``location``."""
    words = normalize(raw[max(0, start - 80) : start]).split()
    cues = fusion_cues()
    between = set(cues["place_noun"]) | set(cues["direction"])
    skipped = 0
    while words and words[-1] in between and skipped < window - 1:
        words.pop()
        skipped += 1
    if not words or words[-1] not in cues["origin"]:
        return "location"
    if len(words) > 1 and words[-2] in cues["near"]:
        return "location"
    return "dispatch" if _dispatch(words[:-1]) else "origin"


def _dispatch(before: list[str]) -> bool:
    """Whether an origin word closes a dispatch ("به گزارش خبرگزاری فرانسه از بغداد", "أفاد
    مراسلنا من بغداد", "reporting from Baghdad"): a ``dispatch`` cue of ``fusion_cues.tsv``
    among the ``_DISPATCH_WORDS`` normalised words before it, no punctuation after the cue.
    The place is where the reporter is: where the reported attack happened far more often than
    where it came from, unless the sentence names where ("به گزارش خبرگزاری فرانسه از بیروت، ...
    در حمله هوایی به شهر دوما": Douma)."""
    cues = fusion_cues()["dispatch"]
    for word in reversed(before[-_DISPATCH_WORDS:]):
        if word[-1:] in _STOPS:
            return False  # "به گزارش فارس، موشک‌ها از غزه": the dispatch ended before
        if word in cues:
            return True
    return False


# at most this many words from a dispatch cue to its origin word: the cue and an agency's name
# ("گزارش شبکه خبری الجزیره")
_DISPATCH_WORDS = 5
_STOPS = frozenset("،,.:;؛")


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class _SourceKeys:
    """Source key of a position in a document: a shared paragraph's is that of the wire story,
    the set of documents that carry it (copies of one wire story are one source, however many
    of its paragraphs tell a fact: a key per paragraph had counted one report telling Cairo in
    four wire paragraphs as four sources); near-duplicate documents share one key; otherwise
    the document itself."""

    def __init__(self, db: sqlite3.Connection, doc_ids: list[str]) -> None:
        self.starts: dict[str, tuple[list[int], list[int]]] = {}
        for doc_id in doc_ids:
            rows = paragraph_starts(db, doc_id)
            self.starts[doc_id] = ([r[0] for r in rows], [r[1] for r in rows])
        self.links = _UnionFind()
        for a, ai, b, bi in shared_paragraph_links(db, doc_ids):
            self.links.union(f"{a}#{ai}", f"{b}#{bi}")
        # the documents that carry each shared paragraph: the paragraphs carried by the same
        # documents are one wire story (a round-up copying one agency's paragraph and another's
        # joins neither story to the other)
        self.carriers: dict[str, set[str]] = {}
        for node in list(self.links.parent):
            self.carriers.setdefault(self.links.find(node), set()).add(node.split("#", 1)[0])
        self.docs = _UnionFind()
        for a, b in duplicate_links(db, doc_ids):
            self.docs.union(a, b)

    def key(self, doc_id: str, pos: int) -> str:
        starts, idxs = self.starts.get(doc_id, ([], []))
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0:
            node = f"{doc_id}#{idxs[i]}"
            if node in self.links.parent:
                return "wire:" + ",".join(sorted(self.carriers[self.links.find(node)]))
        return "doc:" + self.docs.find(doc_id)


def _inside_name(start: int, end: int, names: list[Any]) -> bool:
    """A place inside an actor's name ("فيلق القدس", Quds Force) is not a place of the event."""
    return any(a <= start and end <= b for a, b in names)


def _outside_organisations(refs: list[PlaceRef], organisations: list[tuple[int, int]],
                           ) -> list[PlaceRef]:  # fmt: skip
    """A sentence's places less those inside an organisation's name the recogniser found
    ("جماعة أنصار بيت المقدس": Jerusalem is no place of a strike in Sinai) that lie in a
    country none of the sentence's places outside such names is in; else all of them (the name
    may be all the sentence says of where, "مبنى استانداری تهران"; a police command of Basra
    "في العراق" keeps Basra)."""
    outside = {r.place.country for r in refs if not _inside_name(r.start, r.end, organisations)}
    return [r for r in refs if not (outside and r.place.country not in outside
                                    and _inside_name(r.start, r.end, organisations))]


def _dateline(raw: str, end: int) -> bool:
    """A place opening a paragraph and followed by a dash ("بغداد –") is the dateline."""
    line_start = raw.rfind("\n", 0, end) + 1
    return len(raw[line_start:end].split()) <= 2 and raw[end : end + 3].strip()[:1] in (
        "–",
        "-",
        "—",
        ":",
    )


def _day(value: str | None) -> str | None:
    return value if value and len(value) == 10 else None


def _claim_at(claims: list[ClaimFact], doc_id: str, start: int, end: int) -> ClaimFact | None:
    """The claim whose sentence holds a mention: its speaker is the mention's speaker."""
    return next((c for c in claims if c.doc.id == doc_id and c.start <= start and end <= c.end),
                None)  # fmt: skip


def _load_claims(db: sqlite3.Connection, doc: DocFact, keys: _SourceKeys) -> list[ClaimFact]:
    out: list[ClaimFact] = []
    actors = resolved_actor_starts(db, doc.id)
    previous: ClaimFact | None = None
    for r in claim_rows(db, doc.id):
        speaker, inherited = r["speaker"], r["speaker_kind"] == "inherited"
        if not speaker and previous is not None and previous.speaker and _goes_on(r["verb"]):
            speaker, inherited = previous.speaker, True
        claim = ClaimFact(
            doc, r["seq"], r["start"], r["end"], r["sentence"], speaker or None,
            r["speaker_text"], r["speaker_kind"], inherited, r["stance"], r["content"],
            keys.key(doc.id, r["start"]),
            [(s, a) for s, a in actors if r["start"] <= s < r["end"]],
        )  # fmt: skip
        out.append(claim)
        previous = claim
    return out


def _load_mentions(
    db: sqlite3.Connection, doc: DocFact, keys: _SourceKeys, claims: list[ClaimFact],
    window: int,
) -> list[MentionFact]:  # fmt: skip
    places = gazetteer().places
    names = actor_spans(db, doc.id)
    named = [p for p in place_mention_rows(db, doc.id)
             if not _inside_name(p[0], p[1], names) and not _dateline(doc.raw_text, p[1])]
    organisations = organisation_spans(db, doc.id)
    flagged: dict[str, list[str]] = {}
    part_of_day: dict[str, str] = {}
    date_spans: list[tuple[int, int]] = []
    for text, flags, corrections, pod, anchor, at, until in date_mention_rows(db, doc.id):
        date_spans.append((at, until))
        problems = [f for f in json.loads(flags) if _text_problem(f, anchor)]
        if problems:
            flagged[text] = problems + [
                f"proposed {c[0]} ({c[1]}): {c[2]}"
                for c in json.loads(corrections)
                if c[1] != "gregorian"
            ]
        if pod:
            part_of_day[text] = pod
    clock = [
        (
            at,
            time + (" local" if zone == "local" else f" {zone}") + (f" ({utc} UTC)" if utc else ""),
        )
        for at, time, zone, utc in time_mention_rows(db, doc.id)
    ]
    out = []
    for r in event_mention_rows(db, doc.id):
        said = _claim_at(claims, doc.id, r["start"], r["end"])
        # what the sentence says itself: a day inherited from another sentence, or assumed
        # from the publication or crawl date, is not this mention's word
        own = r["date_basis"] in _OWN_DATE
        date_text = r["date_text"] if own else None
        refs = [
            PlaceRef(places[p[3]], _place_role(doc.raw_text, p[0], window), p[4], p[0], p[1],
                     p[2])
            for p in named if r["start"] <= p[0] < r["end"] and p[3] in places
            and not patron_place(doc.raw_text, p[0], p[1])  # "موالين لروسيا": no place of it
        ]  # fmt: skip
        refs = _outside_organisations(refs, organisations)
        out.append(MentionFact(
            doc, r["seq"], r["start"], r["end"], r["sentence"], r["plover"], r["acled_type"],
            r["acled_subtype"] or None, r["weapon"],
            _day(r["date"]) if own else None, date_text, r["date_note"] if own else None,
            json.loads(r["places"]), bool(r["places_inherited"]), refs,
            r["actor"], r["target"], [tuple(c) for c in json.loads(r["counts"])], r["trigger"],
            r["killed"], r["injured"], r["victims"], json.loads(r["modality"]),
            bool(r["background"]), said.speaker_label() if said else None,
            keys.key(doc.id, r["start"]), flagged.get(date_text or "", []),
            said.speaker_id() if said else None,
            [label for at, label in clock if r["start"] <= at < r["end"]],
            part_of_day.get(date_text or ""), bool(r["is_main"]), _toll_words(r["sentence"]),
            _numbers(undated := _without(doc.raw_text, r["start"], r["end"], date_spans)),
            toll_numbers(undated), toll_groups(undated),
            _evidence(r["evidence"]), r["mode"] or None, r["assoc_actor"],
        ))  # fmt: skip
    return out


def _evidence(stored: str | None) -> tuple[str, ...] | None:
    """A mention's stored evidence (a JSON list), or None where it is not known (NULL or
    null: extracted before it was stored)."""
    kinds = json.loads(stored) if stored is not None else None
    return tuple(kinds) if kinds is not None else None


def _text_problem(flag: str, anchor: str) -> bool:
    """A flag of a date that is a problem of the text as written: a weekday that does not fit
    a date whose year is written or that is counted from the publication date, or a Solar
    Hijri month rendered as a Gregorian one. A weekday that does not fit a day counted from
    the crawl time (the text's own date unknown) is the crawl's artefact; missing anchors and
    approximations are notes, not problems."""
    if flag.startswith("possible_solar_hijri"):
        return True
    return flag.startswith("weekday_mismatch") and anchor in ("absolute", "publication")


def _without(raw: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """The text of ``raw[start:end]`` with the given spans (its dates) blanked out."""
    chars = list(raw[start:end])
    for a, b in spans:
        for i in range(max(a, start), min(b, end)):
            chars[i - start] = " "
    return "".join(chars)


def _numbers(sentence: str) -> frozenset[int]:
    """Every number written in a sentence, in digits or words (``extract.events.parse_number``)."""
    words = normalize(sentence).split()
    out = set()
    for i in range(len(words)):
        found = parse_number(words, i)
        if found is not None:
            out.add(found[0])
    return frozenset(out)


def _toll_words(sentence: str) -> frozenset[str]:
    """How the sentence gives its tolls: ``at least`` (a lower bound: "at least 28", "أكثر
    من", "دست‌کم"), ``about`` (an approximation: "نحو 30", "around 30"), ``update`` (a new
    toll replacing an earlier one: "ارتفعت حصيلة", "rose to"), ``vague N`` (a word such as
    "العشرات" read as N); cue words: ``fusion_cues.tsv`` kinds ``lower_bound``, ``approximate``,
    ``update``, and ``vague_numbers``."""
    plain = _words(sentence)
    words = {label for label, cues in _toll_cues() if any(c in plain for c in cues)}
    words |= {f"vague {n}" for w, n in vague_numbers() if f" {w} " in plain or f" ال{w} " in plain}
    return frozenset(words)


@lru_cache(maxsize=1)
def _toll_cues() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(label, cue phrases as ``_words`` pads them) of the toll words ``_toll_words`` reads."""
    out: dict[str, set[str]] = {}
    for r in read_csv("fusion_cues.tsv"):
        label = _TOLL_KINDS.get(r["kind"])
        if label is None:
            continue
        for cue in r["words"].split("|"):
            forms = [cue] + ([c + cue for c in _AR_CONJUNCTIONS] if r["lang"] == "ar" else [])
            out.setdefault(label, set()).update(_words(f) for f in forms)
    return tuple((label, tuple(sorted(out[label]))) for label in _TOLL_KINDS.values())


_TOLL_KINDS = {"lower_bound": "at least", "approximate": "about", "update": "update"}
# Arabic conjunctions written joined to the word after them ("وارتفع عدد", "فارتفعت الحصيلة");
# Arabic grammar, a closed list
_AR_CONJUNCTIONS = ("و", "ف")


def _words(text: str) -> str:
    """The words of ``text``, normalised, space-separated and padded: cues match whole words
    whatever punctuation stands around them ("(including the shooter)")."""
    return " " + " ".join(re.findall(r"\w+", normalize(text))) + " "


@lru_cache(maxsize=1)
def vague_numbers() -> tuple[tuple[str, int], ...]:
    """Number words that stand for a vague quantity ("dozens" → 20, "عدة" → 3): the rows of
    ``numbers.tsv`` whose source says approximate, normalised."""
    return tuple((normalize(r["word"]), int(r["value"])) for r in read_csv("numbers.tsv")
                 if "approximate" in r["source"])  # fmt: skip


def load_story(db: sqlite3.Connection, story_id: int, *, origin_window: int = 3) -> StoryFacts:
    """Everything fusion needs about one story, in document order."""
    docs = [
        DocFact(r["id"], r["outlet"], r["lang"], r["published"], r["raw_text"], r["crawled"])
        for r in story_documents(db, story_id)
    ]
    keys = _SourceKeys(db, [d.id for d in docs])
    mentions: list[MentionFact] = []
    claims: list[ClaimFact] = []
    for doc in docs:
        doc_claims = _load_claims(db, doc, keys)
        claims.extend(doc_claims)
        mentions.extend(_load_mentions(db, doc, keys, doc_claims, origin_window))
    return StoryFacts(story_id, {d.id: d for d in docs}, mentions, claims)
