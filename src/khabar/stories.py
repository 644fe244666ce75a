"""Stories: group documents about the same happening, across languages, as they arrive.

Input: a stored document and its extracted facts. Output, written through the store's story
methods (``SQLiteStore.add_signature``, ``put_in_story``, ``merge_stories``: the SQL lives in
``khabar.store``): rows in ``doc_signature``, ``element_df``, ``story_vectors``, ``stories``,
``story_members``
(with the probability, features and shared elements that made the document join) and
``story_merges``.

A document's **signature** is the set of what its news is made of: the sites, towns and
provinces it names (``place:``), the armed groups, forces and officials (``actor:``), the days
of its non-background events (``date:``), its counts with their weapon and its casualty
figures (``count:``, ``killed:``, ``injured:``), and the countries it names, as places, by
their nationality word ("the Greek parliament") or as the country of a place it names
("Gombe": Nigeria) (``country:``). Places and actors named only in background sentences are
left out, so "2,500 US troops in Iraq" does not tie stories together.
The main event's PLOVER type is there too (``event:``), with the language (``lang:``), the
rarest words of the title and lead (``term:``: ``text_elements``) and their name keys
(``name:``, consonant skeletons that meet the same name written in the other script: "Toshiba",
توشيبا); a main event dated only by
its publication day carries that day as ``pubday:``, which meets a story's day only when both
report the same kind of happening and the day is not common.

**Copies**: a near duplicate, or a document sharing two or more wire paragraphs with a stored
one whose event days fit, joins that document's story (``copy_link``).

**Title vectors** (setting ``story_text_vectors``): each document's title (at least four
words) as a static vector distilled from multilingual-e5-small (``khabar.embed.StaticEngine``:
the mean of its pieces' vectors, fitted to reproduce e5's own vector of real titles; 0.7 ms
against e5's 20 ms), written to ``story_vectors`` with the model's name.

**Candidates** are the stories that share one of the document's rarest places, one of its
countries or one of its name keys in the other script and, when it has event days, have a day in
the window around them, or, for undated reports, were published within ``story_candidate_days``
of it; and the stories with a member published within two days whose title vector is near the
document's (``TitleVector``, setting ``story_text_vectors``), so that a report naming no place
can still join (index look-ups, not a comparison with every story: the work per document is
bounded by the stories of a few days). **Decision**: a candidate is ruled out when their event
days (when both have some) are more than ``story_date_tolerance_days`` apart (same places on
other days are other events), when they share no place, area or country of the story's core that
is not common in the collection nor two name keys in the other script (or one long one), when
both name places and share none nor such keys (same day in other places is another event), or
when they meet on a country alone without a day, figure or name key in common or with main
events of two kinds (``pair``), unless one side names no place, the days fit and the
title vectors are near (``text_only``). Each remaining pair is described by ``FEATURES`` (the
shared places, countries, actors, days and figures, each by how much of the story carries it:
its core, not the union of its members' facts, which chains unrelated events together; the kinds
of their main events; publication days; language; rare title and lead words in common; name keys
met in the other script), and a
logistic model fitted on labelled story dev sets (``JoinModel``, shipped in
``resources/models/stories-decision.json``, card ``stories.md``) gives the join probability. The
document joins the most probable story when the probability passes the model's threshold; every
other story that passes it is merged into that one (a merge needs the same evidence as a join,
by the signature: near titles never bridge two stories), and the merge is recorded. Pairs
without title vectors on both sides are scored by the model fitted without them
(``JoinModel.plain``). Each join keeps its probability as its score and, as its first reason,
what made it ("model: bias +0.70, day 1 +1.76, …", for instance: each feature's value and signed
share of the logit), then the shared elements."""

from __future__ import annotations

import json
import logging
import math
import re
from collections import Counter, deque
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

import numpy as np

from khabar.embed import STATIC_MODEL_NAME, title_engine
from khabar.errors import EmbedError, KhabarError, ResourceError
from khabar.extract.document import Extraction
from khabar.extract.events import weapon_of
from khabar.extract.places import english_nationalities
from khabar.model import DuplicateRecord, SharedParagraph, Span
from khabar.normalize import consonant_skeleton, normalize
from khabar.resources import demonyms, month_names, story_decision, weekday_names, word_counts
from khabar.settings import Settings

log = logging.getLogger(__name__)

__all__ = [
    "FEATURES",
    "JoinModel",
    "StoryDecision",
    "StoryIndex",
    "TextThresholds",
    "TitleVector",
    "copy_link",
    "regroup",
    "signature",
    "signature_from_facts",
    "stored_elements",
    "text_elements",
    "title_text",
    "title_vector",
]

# how much a shared element of each kind says, in the reasons printed with a join (the decision
# itself weighs the pair's FEATURES)
_KIND_WEIGHT = {"place": 1.0, "area": 0.6, "date": 1.0, "count": 0.8, "killed": 0.8,
                "injured": 0.8, "actor": 0.5, "country": 0.15, "pubday": 1.0}  # fmt: skip
_NAME_WEIGHT = 0.5  # a name key met in the other script (``names``), in the join reasons
_WEIGHED = frozenset(_KIND_WEIGHT)  # event type, language and title words are features apart
_LEAD_CHARS = 600  # the title (first line) and the lead: what a report is about
_TERMS = 8  # the rarest words of the title and lead
_MAX_TERMS = 5  # shared title and lead words counted, at most
_TERM_MAX_COUNT = 3000  # in the shipped word counts: rarer words are names and specifics
_CLITICS = ("وال", "بال", "فال", "كال", "لل", "ال")
_NAME_MIN = 3  # consonant classes of a name key (``name:``): shorter ones meet many words
_NAME_LONG = 5  # classes of a name key that alone lets a pair meet without a place in common
_WHERE = ("place", "area")
_LOOKED_UP = (*_WHERE, "country", "name")  # the kinds stories are looked up by
_FIGURES = ("count", "killed", "injured")
# The features of a (document, story) pair that the fitted decision weighs (``StoryIndex.pair``;
# fitted by training/stories/fit_decision.py, shipped in resources/models/stories-decision.json):
# place: the shared places (their areas if no place), each by its share of the story's core,
#   at most 3 (places, countries, actors, days and figures common in the collection are left
#   out)
# area_only / country_only: the pair meets on an area only / on a country only
# country, actor: the shared countries / armed groups, forces and officials, counted alike
# day: a shared event day (or one side's reported day), by its share of the story's core
# figures: shared counts with their weapon, killed and injured figures (at most 3)
# same_kind / other_kind: the main events are of one PLOVER type / of two
# published_apart: the document and the story's members were all published (days known) more
#   than story_publication_days apart (an unknown day is no evidence either way)
# same_lang: the story's core is written in the document's language
# terms, same_lang_no_terms: rare title and lead words shared, each by its share of the story's
#   core (same language; at most 5); none
# names: rare title and lead words in two scripts with one consonant skeleton (``name:``,
#   the same name in Latin and Arabic letters: "Toshiba" and "توشيبا"), each by its share of
#   the story's core (at most 3)
# text_close, text_close_same: the document's title vector is close to that of a member in
#   another language / in its language (``TextThresholds.close_*``: titles of one language are
#   near one another far more often, so the two weigh apart)
# text_only: the pair is ruled out by the rules above, but the title vectors reach the candidate
#   bar (``TextThresholds.near_*``: within one language stricter than ``close_same``, across
#   languages the same as ``close_cross``) and the days fit: every other signature feature is 0
FEATURES = ("place", "area_only", "country_only", "country", "actor", "day", "figures",
            "same_kind", "other_kind", "published_apart", "same_lang", "terms",
            "same_lang_no_terms", "names", "text_close", "text_close_same",
            "text_only")  # fmt: skip
# A document's title vector: (language, the distilled vector of its title, khabar.embed.
# StaticEngine: shape (256,), float32, L2-normalised)
TitleVector = tuple[str, np.ndarray]
# a main event's day assumed from the crawl time is no event day; one assumed from the
# publication day (``pubday:``) matches a day of a story that reports the same kind of
# happening (reports of one happening are published on its day or the next)
_ASSUMED = ("crawl",)
_PARTY_KINDS = frozenset({"armed_group", "state_force", "official", "government", "unresolved_org"})


_TEXT_MEMBERS = 64  # a story's latest members whose title vectors a document is compared with
_TITLE_MIN_WORDS = 4  # shorter titles ("عاجل", an outlet's name, "Live updates") get no vector
_TEXT_SAME_TERMS = 1  # rare title and lead words shared for near titles of one language
# main events whose reports in one language have formulaic titles (attacks, protests, arrests,
# deployments, threats: "مقتل جنديين بانفجار عبوة ناسفة" every day of a war): near titles of
# one language never pair them without a shared place
_FORMULAIC = frozenset(f"event:{t}" for t in ("ASSAULT", "PROTEST", "COERCE", "MOBILIZE",
                                               "THREATEN"))  # fmt: skip
_TEXT_ONLY_REASON = "title vectors near"  # the reason of a pair scored by title alone


class _Shelf:
    """The title vectors of the documents published on one day, in one growing float32 matrix
    (rows: ``docs``), so that a new document is compared with all of them in one product."""

    def __init__(self) -> None:
        self.docs: list[str] = []
        self._langs: list[str] = []
        self._rows = np.zeros((0, 0), dtype=np.float32)
        self._lang_array: np.ndarray | None = None

    def add(self, doc_id: str, vector: TitleVector) -> None:
        n = len(self.docs)
        if n == len(self._rows):  # grow by doubling
            grown = np.zeros((max(8, 2 * n), len(vector[1])), dtype=np.float32)
            if n:
                grown[:n] = self._rows[:n]
            self._rows = grown
        self._rows[n] = vector[1]
        self.docs.append(doc_id)
        self._langs.append(vector[0])
        self._lang_array = None

    def matrix(self) -> np.ndarray:
        return self._rows[: len(self.docs)]

    def langs(self) -> np.ndarray:
        if self._lang_array is None:
            self._lang_array = np.asarray(self._langs)
        return self._lang_array


@dataclass(frozen=True, slots=True)
class TextThresholds:
    """Cosines of two title vectors (``TitleVector``) that count as close, across two languages
    and within one (the distilled vectors, like e5, put any two titles of one language nearer
    than two of different languages): ``close_*`` for the ``text_close`` /
    ``text_close_same`` features, ``near_*`` (within one language stricter; across languages
    the same bar since 2026-12-05) for a story to be a candidate by its title vectors alone,
    among the stories with a member published within ``days`` of the document. Read off the
    story dev sets (``training/stories/text_bars.py``; set in ``fit_decision.py``: ``TEXT``)."""

    close_cross: float = 0.30
    close_same: float = 0.65
    near_cross: float = 0.30
    near_same: float = 0.75
    days: int = 2


@dataclass(frozen=True, slots=True)
class JoinModel:
    """The story decision: a logistic model over a (document, story) pair's ``FEATURES``.

    ``probability`` is 1 / (1 + exp(-(bias + weights · features))); a document joins the
    candidate story of highest probability when it is at least ``threshold``. ``text`` holds
    the cosine bars of the title-vector features; ``without_text`` is the model fitted with no
    title vectors, which scores the pairs where either side has none (the setting
    ``story_text_vectors`` off, a title too short, a store from before them): with a
    ``text_close`` of 0 that only means "no vector", the model fitted with vectors would read
    it as a title unlike the story's. Fitted on labelled story dev sets by
    ``training/stories/fit_decision.py`` (card: ``resources/models/stories.md``)."""

    weights: tuple[float, ...]
    bias: float
    threshold: float
    text: TextThresholds = TextThresholds()
    without_text: JoinModel | None = None

    def plain(self) -> JoinModel:
        """The model for pairs without title vectors on both sides."""
        return self.without_text or self

    @classmethod
    def packaged(cls) -> JoinModel:
        """The shipped model (``resources.story_decision``; ``ResourceError`` if it is
        missing, broken, or fitted for other features than ``FEATURES``)."""
        model = story_decision()
        if tuple(model["features"]) != FEATURES:
            raise ResourceError("stories-decision.json was fitted for other features; "
                                "retrain with training/stories/fit_decision.py")  # fmt: skip
        try:
            text = TextThresholds(**model.get("text", {}))
            plain = _numbers(model["without_text"], "without_text")
        except (TypeError, KeyError) as exc:
            raise ResourceError(f"stories-decision.json lacks a part: {exc}") from exc
        bars = (text.close_cross, text.close_same, text.near_cross, text.near_same)
        if not all(0.0 < x <= 1.0 for x in bars) or text.days < 0:
            raise ResourceError(f"stories-decision.json's text thresholds are out of range: {text}")
        return cls(*_numbers(model, "weights"), text, cls(*plain, text))

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(w * features[f] for f, w in zip(FEATURES, self.weights, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def explain(self, features: dict[str, float]) -> str:
        """What made the join probability (stored as the join's score), for instance "model:
        bias +0.70, day 1 +1.76, same_lang 1 -2.97, …": each feature that is not 0 with its
        value and its share of the logit (weight × value, signed), in ``FEATURES`` order."""
        parts = [f"{f} {features[f]:.3g} {w * features[f]:+.2f}"
                 for f, w in zip(FEATURES, self.weights, strict=True) if features[f]]  # fmt: skip
        return f"model: bias {self.bias:+.2f}, " + ", ".join(parts)


def _numbers(part: dict[str, Any], name: str) -> tuple[tuple[float, ...], float, float]:
    """(weights, bias, threshold) of a part of ``stories-decision.json``, checked."""
    try:
        numbers = [float(w) for w in (*part["weights"], part["bias"], part["threshold"])]
    except (TypeError, ValueError, KeyError) as exc:
        raise ResourceError(f"stories-decision.json's {name}: {exc}") from exc
    if len(numbers) != len(FEATURES) + 2 or not all(math.isfinite(x) for x in numbers):
        raise ResourceError(f"stories-decision.json's {name}: a weight missing or not finite")
    return tuple(numbers[:-2]), numbers[-2], numbers[-1]


@dataclass(slots=True)
class StoryDecision:
    story_id: int
    score: float
    reasons: list[str]
    merged: list[int]


def signature(ex: Extraction) -> set[str]:
    """The signature elements of a document (see the module docstring)."""
    background = [e.span for e in ex.events if e.background]

    def in_background(span: Any) -> bool:
        return any(b.start <= span.start and span.end <= b.end for b in background)

    out: set[str] = set()
    for p in ex.places:
        if in_background(p.span):
            continue
        if p.place.precision == "country":
            out.add(f"country:{p.place.id}")
            continue
        out.add(f"place:{p.place.id}")
        out.add(_area(p.place.lat, p.place.lon))  # nearby readings of one place meet here
        if p.place.country:  # "Gombe" names Nigeria as "نيجيريا" does
            out.add(f"country:{p.place.country}")
    for a in ex.actors:
        if a.actor_id and a.kind in _PARTY_KINDS and not in_background(a.span):
            out.add(f"actor:{a.actor_id}")
    for n in ex.entities:  # "the Greek parliament", "a Nigerian city": the country, as named
        if n.label in _NAMING_LABELS and not in_background(n.span):
            country = _named_country(n.text, n.label)
            if country:
                out.add(f"country:{country}")
    for e in ex.events:
        if e.background:
            continue
        if getattr(e, "main", False):
            out.add(f"event:{e.plover}")  # what kind of happening the report is about
        basis = getattr(e, "date_basis", None)
        if e.date and len(e.date) == 10 and basis not in _ASSUMED:
            # a main event's day assumed from its publication day is a day reported, not stated
            out.add(f"{'pubday' if basis == 'publication' else 'date'}:{e.date}")
        for n, what in e.counts:
            weapon = weapon_of(what)  # "5 صواريخ" counts rockets; "۲ منبع" counts sources
            if weapon and 1 < n < 1000:
                out.add(f"count:{n}:{weapon}")
        if e.killed:
            out.add(f"killed:{e.killed}")
        if e.injured:
            out.add(f"injured:{e.injured}")
    return out


# entities whose nationality word names a country: a nationality ("Nigerian"), and in English an
# organisation or a generic actor it qualifies ("the Tunisian parliament", "Indian police",
# "the Saudi-led coalition", which the recogniser tags whole)
_NAMING_LABELS = frozenset({"NORP", "ORG", "GEN"})


def _named_country(text: str, label: str) -> str | None:
    """The ISO2 country an English entity's nationality word names (``demonyms``): the whole
    text of a NORP, else the first nationality word (one or two words: "South Sudanese") of an
    ORG or GEN (``places.english_nationalities``: "Saudi" of "Saudi-led", "Tunisian" of "the
    Tunisian parliament"); None for Arabic and
    Persian entities (their nationality words, ``places.nationality_word``, added cross-lingual
    dev 0.851 -> 0.852 and moved a story floor)."""
    if label == "NORP":
        return demonyms().get(text)
    return next((c for _, _, c in english_nationalities(text)), None)


def text_elements(raw_text: str, lang: str) -> set[str]:
    """The language (``lang:``), the rarest words of the title and lead (``term:``: at most
    ``_TERMS`` words below ``_TERM_MAX_COUNT`` in the shipped word counts of real news,
    ``resources/wordfreq``; Arabic article and clitics peeled), which reports of one happening
    in one language share and same-day reports of others do not, and their name keys
    (``name:``: ``consonant_skeleton`` of at least ``_NAME_MIN`` classes; in English, of the
    rare words written with a capital only), which meet the same name in another script."""
    out = {f"lang:{lang}"}
    try:
        counts = word_counts(lang)
    except KhabarError:
        return out
    lead = raw_text[:_LEAD_CHARS]
    words = _rare_words(lead, lang)
    rare = sorted(words, key=lambda w: (counts.get(w, 0), w))[:_TERMS]
    out |= {f"term:{lang}:{w}" for w in rare}
    if lang == "en":  # names: the rarest words written with a capital inside a sentence
        rare = sorted(words & _capitalised(lead), key=lambda w: (counts.get(w, 0), w))[:_TERMS]
    else:  # and every rare word of the title, where the names are
        rare += sorted(_rare_words(lead.split("\n", 1)[0], lang))
    keys = (consonant_skeleton(w) for w in rare if w not in _date_words() and not _country_word(w))
    script = _script(f"lang:{lang}")
    return out | {f"name:{script}:{k}" for k in keys if len(k) >= _NAME_MIN}


# Arabic and Persian endings of a nisba adjective (إسرائيلية, عراقيون, ایرانی), normalised:
# Arabic and Persian grammar, a closed list, longest first
_NISBA_ENDINGS = ("يين", "يون", "يه", "ي")


_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
_TITLE_CASE = 0.6  # share of capitalised words that makes a line a Title Case headline


def _capitalised(lead: str) -> set[str]:
    """English words written with a capital inside a sentence (normalised): names, not the
    first word of a sentence nor the words of a Title Case headline (a first line whose words
    are mostly capitalised)."""
    title, _, body = lead.partition("\n")
    words = re.findall(r"[A-Za-z]+", title)
    if words and sum(w[0].isupper() for w in words) >= _TITLE_CASE * len(words):
        title = ""
    out = set()
    for part in (title, body):
        for m in _CAPITALISED.finditer(part):
            before = part[: m.start()].rstrip()
            if before and before[-1] not in ".!?:\"“\n":  # not a sentence's first word
                out.add(normalize(m.group()))
    return out


def _country_word(word: str) -> bool:
    """A country or its people, by the gazetteer (``extract.places.gazetteer``) and the
    demonyms (``resources/demonyms``): left out of the name keys, as a country's name would
    meet every report of it (the signature holds it as ``country:``)."""
    from khabar.extract.entities import is_country_name
    from khabar.extract.lexicon import alias_key
    from khabar.extract.places import gazetteer

    gaz, key = gazetteer(), alias_key(word)
    if word in _demonym_words() or key in gaz.nisba:
        return True
    stems = [key, *(key[: -len(end)] for end in _NISBA_ENDINGS if key.endswith(end))]
    return any(is_country_name(stem, gaz) for stem in stems)


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    """Month and weekday names (normalised): no name keys."""
    return frozenset(month_names().keys() | weekday_names().keys())


@lru_cache(maxsize=1)
def _demonym_words() -> frozenset[str]:
    return frozenset(normalize(w) for w in demonyms())


def _rare_words(text: str, lang: str) -> set[str]:
    """The words of ``text`` (normalised; Arabic article and clitics peeled; no number) of at
    least three letters that real news in ``lang`` writes at most ``_TERM_MAX_COUNT`` times,
    with or without the article (the shipped counts keep الحرمين, 5,264 times, not حرمين: a word
    is as frequent as its forms together). A language with no word counts raises
    ``KhabarError`` (``resources.word_counts``) once a word is looked up."""
    found = (_rare_word(w, lang) for w in re.findall(r"\w+", normalize(text)))
    return {w for w in found if w is not None}


@lru_cache(maxsize=65_536)
def _rare_word(written: str, lang: str) -> str | None:
    """``written`` (a normalised word) peeled, if it is a rare word (``_rare_words``), else
    None (memoised: news repeats its words)."""
    if written.isdigit():
        return None
    w = written
    for pre in _CLITICS:
        if w.startswith(pre) and len(w) - len(pre) >= 3:
            w = w[len(pre) :]
            break
    counts = word_counts(lang)
    forms = {written, w, f"ال{w}"}
    if len(w) >= 3 and sum(counts.get(f, 0) for f in forms) <= _TERM_MAX_COUNT:
        return w
    return None


def signature_from_facts(facts: dict[str, list[dict[str, Any]]]) -> set[str]:
    """``signature`` of a stored document, from the rows of ``SQLiteStore.facts``."""

    def span(row: dict[str, Any]) -> Span:
        return Span(row["start"], row["end"])

    ex = SimpleNamespace(
        places=[SimpleNamespace(span=span(r), place=SimpleNamespace(
            id=r["place_id"], precision=r["precision"], lat=r["lat"], lon=r["lon"],
            country=r["country"]))
            for r in facts["place_mentions"]],
        actors=[SimpleNamespace(span=span(r), actor_id=r["actor_id"], kind=r["kind"])
                for r in facts["actor_mentions"]],
        entities=[SimpleNamespace(span=span(r), text=r["text"], label=r["label"])
                  for r in facts["entity_mentions"]],
        events=[SimpleNamespace(span=span(r), background=bool(r["background"]), date=r["date"],
                                date_basis=r["date_basis"], main=bool(r["is_main"]),
                                plover=r["plover"],
                                counts=[tuple(c) for c in json.loads(r["counts"])],
                                killed=r["killed"], injured=r["injured"])
                for r in facts["event_mentions"]],
    )  # fmt: skip
    return signature(ex)  # type: ignore[arg-type]


def regroup(store: Any, settings: Settings, decision: JoinModel | None = None, *,
            elements: dict[str, set[str]] | None = None) -> int:
    """Forget every story and group all stored documents again, in the order they came in
    (after a change of settings), with ``decision`` (default: the shipped model). A document
    without a title vector of the shipped build (a store from before it, or from before title
    vectors) gets one now, when the setting ``story_text_vectors`` is on. ``elements``: the
    documents' ``stored_elements`` by id, filled as they are read; pass one dict to regroup an
    unchanged store many times (the story decision's fit) and each is read once. Returns the
    number of stories."""
    known = {} if elements is None else elements
    engine: Any = None
    with store.transaction():
        store.clear_stories()
        index = StoryIndex(store, settings, decision)
        for doc_id in store.document_ids():
            near, shared = store.copy_links(doc_id)
            vector = index.vectors.get(doc_id)
            if vector is None and settings.story_text_vectors and engine is not False:
                engine = engine or _title_engine_or_none()
                vector = _stored_title_vector(store, doc_id, engine) if engine else None
            if doc_id not in known:
                known[doc_id] = stored_elements(store, doc_id)
            index.assign(doc_id, known[doc_id], copy_link(near, shared),
                         store.report_day(doc_id), vector)  # fmt: skip
    return store.story_count()


def _title_engine_or_none() -> Any:
    """The title-vector engine, or ``False`` (with a warning) when it cannot load."""
    try:
        return title_engine()
    except (EmbedError, ResourceError) as exc:
        log.warning("title vectors off for this regroup (stories decided without): %s", exc)
        return False


def _stored_title_vector(store: Any, doc_id: str, engine: Any) -> TitleVector | None:
    doc = store.document(doc_id)
    return title_vector(engine, doc["title"], doc["raw_text"], doc["lang"])


_TITLE_CHARS = 200  # of the text, when a document has no title of its own


def title_text(title: str | None, raw_text: str) -> str:
    """What a document's title vector embeds: its title, else the first line of its text, at
    most 200 characters (a Wikipedia Current Events item is one sentence; a longer "title" is
    a page's text, which would cost seconds to embed)."""
    return ((title or "").strip() or raw_text.strip().split("\n", 1)[0])[:_TITLE_CHARS]


def title_vector(embedder: Any, title: str | None, raw_text: str,
                 lang: str) -> TitleVector | None:  # fmt: skip
    """A document's ``TitleVector``: ``embedder`` (``khabar.embed.title_engine``, static
    vectors distilled from e5; any ``Embedder``: shape ``(dims,)``, float32, L2-normalised)
    over ``title_text``; ``None`` for a title of fewer than four words (a generic title,
    "عاجل" or an outlet's name, would meet every other one) and for one the embedder has no
    vector for (a zero row: no known piece), so that the model without title vectors decides.
    Raises what the embedder raises."""
    text = title_text(title, raw_text)
    if len(re.findall(r"\w+", text)) < _TITLE_MIN_WORDS:
        return None
    vector = embedder.encode([text])[0]
    return (lang, vector) if vector.any() else None


def stored_elements(store: Any, doc_id: str) -> set[str]:
    """The signature and text elements of a stored document, from its stored facts and text
    (``signature_from_facts`` | ``text_elements``), as ``regroup`` places it."""
    doc = store.document(doc_id)
    return signature_from_facts(store.facts(doc_id)) | text_elements(doc["raw_text"], doc["lang"])


def _area(lat: float, lon: float) -> str:
    """A half-degree grid cell (about 55 km): the city and the province of one name, or a base
    and the town beside it, share it."""
    return f"area:{math.floor(lat * 2) / 2}:{math.floor(lon * 2) / 2}"


def _kind(element: str) -> str:
    return element.partition(":")[0]


@lru_cache(maxsize=16)
def _by_kind(elements: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """A signature's elements by kind, each kind's in sorted order: read once for a document,
    not once for each of its candidate stories."""
    out: dict[str, list[str]] = {}
    for e in sorted(elements):
        out.setdefault(_kind(e), []).append(e)
    return {kind: tuple(v) for kind, v in out.items()}


def _script(lang_element: str) -> str:
    """The script a language (``lang:`` element) is written in: Latin for English, Arabic
    letters for Arabic and Persian."""
    return "latin" if lang_element == "lang:en" else "arabic"


def _in_other_script(name: str) -> str:
    """A name key (``name:latin:tsb``) as the other script writes it (``name:arabic:tsb``):
    what a story's members in that script carry for the same name."""
    _, script, key = name.split(":", 2)
    return f"name:{'arabic' if script == 'latin' else 'latin'}:{key}"


def _dates(elements: set[str]) -> list[date]:
    """Event days of a signature, stated (``date:``) or reported (``pubday:``)."""
    kinds = _by_kind(frozenset(elements))
    return [date.fromisoformat(e.partition(":")[2])
            for e in (*kinds.get("date", ()), *kinds.get("pubday", ()))]  # fmt: skip


class StoryIndex:
    """In-memory view of the stories (element → stories, story → elements, document
    frequencies), loaded once from the store and kept in step with it, so that placing a
    document costs a few dictionary look-ups, not a scan of the stories."""

    def __init__(self, store: Any, settings: Settings, decision: JoinModel | None = None) -> None:
        self.store, self.s = store, settings
        self.decision = decision or JoinModel.packaged()
        self.df: Counter[str] = Counter(store.element_counts())
        self.story_of: dict[str, int] = store.story_of_documents()
        self.elements: dict[int, Counter[str]] = {}
        self.days: dict[int, set[date]] = {}  # event days of each story
        self.members: dict[int, set[str]] = {}
        self.stories_on: dict[date, set[int]] = {}  # stories with an event on each day
        self.undated: set[int] = set()  # stories with no event day yet
        # latest stories naming each place: look-ups by place stay bounded as stories pile up
        self.recent_with: dict[str, deque[int]] = {}
        self.stories_with: dict[str, set[int]] = {}  # every story naming each place
        self.events_of: dict[int, set[str]] = {}  # the main-event types (event:) of each story
        self.docs = len(self.story_of)
        self.published: dict[int, set[date]] = {}  # days the members were published
        self.published_on: dict[date, set[int]] = {}  # stories with a member published each day
        self.vectors: dict[str, TitleVector] = {}  # title vectors (setting story_text_vectors)
        self.with_vectors: dict[int, list[str]] = {}  # members with a title vector, as they came
        self.vectors_on: dict[date, _Shelf] = {}  # title vectors of members, by publication day
        self._near_cache: tuple[tuple[int, date, int], set[int]] | None = None
        if settings.story_text_vectors:
            rows = store.story_vectors(STATIC_MODEL_NAME)
            self.vectors = {doc: (lang, vector) for doc, lang, vector in rows}
        for doc_id, story in self.story_of.items():
            self.members.setdefault(story, set()).add(doc_id)
        for doc_id, day in store.report_days():
            story = self.story_of.get(doc_id)
            if story is not None and day is not None:
                self._published(story, {day})
            if story is not None:
                self._shelve(doc_id, story, day)
        for doc_id, element in store.signature_elements():
            story = self.story_of.get(doc_id)
            if story is not None:
                self._add(story, {element})

    def _add(self, story: int, elements: set[str]) -> None:
        self.elements.setdefault(story, Counter()).update(elements)
        days = self.days.setdefault(story, set())
        for e in elements:
            if e.startswith(("date:", "pubday:")):
                day = date.fromisoformat(e.split(":", 1)[1])
                days.add(day)
                self.stories_on.setdefault(day, set()).add(story)
            elif _kind(e) == "event":
                self.events_of.setdefault(story, set()).add(e)
            elif _kind(e) in _LOOKED_UP:
                recent = self.recent_with.setdefault(e, deque(maxlen=self.s.story_candidate_recent))
                if not recent or recent[-1] != story:
                    recent.append(story)
                self.stories_with.setdefault(e, set()).add(story)
        if days:
            self.undated.discard(story)
        else:
            self.undated.add(story)

    def _days_fit(self, elements: set[str], story: int) -> bool:
        """Event days of the document and the story are within the tolerance (or one has none)."""
        mine, theirs = _dates(elements), self.days.get(story, set())
        if not mine or not theirs:
            return True
        tolerance = self.s.story_date_tolerance_days
        return any(day + timedelta(days=k) in theirs for day in mine
                   for k in range(-tolerance, tolerance + 1))  # fmt: skip

    def _published(self, story: int, days: set[date]) -> None:
        self.published.setdefault(story, set()).update(days)
        for day in days:
            self.published_on.setdefault(day, set()).add(story)

    def _around(self, index: dict[date, set[int]], days: list[date], k: int) -> set[int]:
        """Stories of ``index`` (by event day or by publication day) on a day within ``k``
        days of one of ``days``."""
        window: set[int] = set()
        for day in days:
            for shift in range(-k, k + 1):
                window |= index.get(day + timedelta(days=shift), set())
        return window

    def _naming(self, where: list[str], window: set[int], common: float) -> set[int]:
        """Stories of ``window`` that name one of the places or countries ``where`` that are
        not common (a story sharing only common ones cannot be joined: ``pair``)."""
        found: set[int] = set()
        for e in where:
            if self.df[e] <= common:  # the smaller set is iterated: stories naming e, or the window
                named = self.stories_with.get(e, set()) & window
                found |= {st for st in named if self.elements[st][e]}
        return found

    def _candidates(self, elements: set[str], common: float, day: date | None = None,
                    text: TitleVector | None = None) -> set[int]:  # fmt: skip
        """Stories that share one of the document's places or countries that are not common,
        looked up in time windows so that the work per document does not grow with the
        collection:

        - a dated document: the stories with an event day within ``story_date_tolerance_days``
          of one of its days, and the undated stories below;
        - an undated document, or an undated story: the stories with a member published within
          ``story_candidate_days`` of the document's publication ``day``; with no publication
          day on either side, the latest ``story_candidate_recent`` stories naming each of the
          document's rarest places (``story_candidate_elements``) and its countries;
        - with a title vector ``text`` and a publication ``day``: also the stories of a member
          published within ``TextThresholds.days`` whose title vector is near it
          (``_text_candidates``), so that a report naming no place can still join."""
        where = [_in_other_script(e) if _kind(e) == "name" else e for e in elements
                 if _kind(e) in _LOOKED_UP]  # fmt: skip
        limit = self.s.story_candidate_max_df
        # places seen in some other document (df counts this one too), rarest first; a name key
        # is looked up only in the windows below, as the other script writes it
        usable = [e for e in where if 2 <= self.df[e] <= limit and _kind(e) in _WHERE]
        rare = sorted(usable, key=lambda e: (self.df[e], e))[: self.s.story_candidate_elements]
        rare += [e for e in where if _kind(e) == "country" and 2 <= self.df[e] <= limit]
        recent = {st for e in rare for st in self.recent_with.get(e, ())
                  if st in self.elements and not (day and self.published.get(st))}  # fmt: skip
        if day is not None:
            near = self._around(self.published_on, [day], self.s.story_candidate_days)
            recent |= self._naming(where, near, common)
        by_title = self._text_candidates(text, day) if text is not None and day else set()
        days = _dates(elements)
        if not days:
            return recent | by_title
        window = self._around(self.stories_on, days, self.s.story_date_tolerance_days)
        return self._naming(where, window, common) | (recent & self.undated) | by_title

    def _text_candidates(self, text: TitleVector, day: date) -> set[int]:
        """Stories with a member published within ``TextThresholds.days`` of ``day`` whose
        title vector is near ``text`` (``TextThresholds.near_*``). The work is bounded by the
        documents of those days (one matrix product a day), and the last answer is kept for
        the pairs of the same document."""
        key = (id(text[1]), day, len(self.story_of))
        if self._near_cache is not None and self._near_cache[0] == key:
            return self._near_cache[1]
        found = self._near_stories(text, day)
        self._near_cache = (key, found)
        return found

    def _near_stories(self, text: TitleVector, day: date) -> set[int]:
        bars = self.decision.text
        found: set[int] = set()
        for shift in range(-bars.days, bars.days + 1):
            shelf = self.vectors_on.get(day + timedelta(days=shift))
            if shelf is None:
                continue
            cosines = shelf.matrix() @ text[1]
            same = shelf.langs() == text[0]
            hits = np.flatnonzero(cosines >= np.where(same, bars.near_same, bars.near_cross))
            found |= {self.story_of[shelf.docs[i]] for i in hits}
        return found

    def _text_close(self, text: TitleVector | None, story_id: int) -> tuple[bool, bool]:
        """Whether one of the story's latest ``_TEXT_MEMBERS`` members with a title vector, in
        another language / in the document's language, has one close to ``text``
        (``TextThresholds.close_*``); (False, False) without vectors."""
        if text is None:
            return False, False
        members = self.with_vectors.get(story_id, [])[-_TEXT_MEMBERS:]
        if not members:
            return False, False
        bars = self.decision.text
        cosines = np.stack([self.vectors[m][1] for m in members]) @ text[1]
        close = [(self.vectors[m][0] == text[0], cos) for m, cos in zip(members, cosines,
                                                                         strict=True)]  # fmt: skip
        return (any(not same and cos >= bars.close_cross for same, cos in close),
                any(same and cos >= bars.close_same for same, cos in close))

    def pairs(
        self, elements: set[str], day: date | None = None, exclude: int | None = None,
        text: TitleVector | None = None,
    ) -> list[tuple[int, dict[str, float], list[str]]]:
        """Every candidate story the document could be one event with (``pair`` is not
        ``None``), in id order: (story id, features, shared elements)."""
        out = []
        for story_id in sorted(self._candidates(elements, self._common(), day, text) - {exclude}):
            pair = self.pair(elements, story_id, day, text)
            if pair is not None:
                out.append((story_id, *pair))
        return out

    def _scored(
        self, elements: set[str], exclude: int | None = None, day: date | None = None,
        text: TitleVector | None = None,
    ) -> list[tuple[float, int, list[str]]]:
        """Candidate stories the document may join (join probability at least the model's
        threshold), best first, each with its probability and, as reasons, the pair's features
        and the shared elements with their weights."""
        scored = []
        for story_id, features, shared in self.pairs(elements, day, exclude, text):
            both = text is not None and bool(self.with_vectors.get(story_id))
            model = self.decision if both else self.decision.plain()
            p = model.probability(features)
            if p >= model.threshold:
                scored.append((p, story_id, [model.explain(features), *shared]))
        return sorted(scored, reverse=True)

    def _common(self) -> float:
        """Document frequency above which an element is common in the collection."""
        return max(self.s.story_common_min_df, self.s.story_common_share * self.docs)

    def _idf(self, element: str) -> float:
        return math.log((self.docs + 1) / (self.df[element] + 1)) + 1

    def pair(
        self, elements: set[str], story_id: int, day: date | None = None,
        text: TitleVector | None = None,
    ) -> tuple[dict[str, float], list[str]] | None:
        """``_signature_pair``'s features of a document and a story, with the title-vector
        features (``text``: the document's ``TitleVector``, or ``None``): ``text_close``; and,
        for a pair the signature rules out, ``text_only`` (every other feature 0 but
        ``same_lang`` and ``published_apart``) when all of these hold, else ``None``:

        - a member published within ``TextThresholds.days`` of the document has a title vector
          near its own (``TextThresholds.near_*``: ``_text_candidates``);
        - the story's core is in another language, or it carries ``_TEXT_SAME_TERMS`` of the
          document's rare title and lead words (``term:``) too: within one language, titles of
          one week's attacks are near whatever happened ("قصف تركي على ريف دهوك" and a drone
          attack on Ain al-Asad), while five reports of "ناسا تعلن اكتشاف كوكب جديد يشبه الأرض",
          which name no place, share كوكب;
        - the event days fit, and the main events are not of two kinds;
        - one side names no place, and one side names no country or they share one (two sides
          naming other places or other countries are other events, whatever their titles
          say)."""
        out = self._signature_pair(elements, story_id, day)
        if out is not None:
            features, shared = out
            cross, same = self._text_close(text, story_id)
            features["text_close"], features["text_close_same"] = float(cross), float(same)
            features["text_only"] = 0.0
            return features, shared
        if not self._text_only(elements, story_id, day, text):
            return None
        features = dict.fromkeys(FEATURES, 0.0)
        lang = _by_kind(frozenset(elements)).get("lang", (None,))[0]
        features["same_lang"] = float(lang is not None and self._core(story_id, lang))
        features["published_apart"] = float(self._published_apart(day, story_id))
        features["text_close"] = features["text_only"] = 1.0
        return features, [_TEXT_ONLY_REASON]

    def _text_only(self, elements: set[str], story_id: int, day: date | None,
                   text: TitleVector | None) -> bool:  # fmt: skip
        """Whether a pair the signature rules out may be scored by its title vectors
        (``pair``)."""
        if text is None or day is None or not self._days_fit(elements, story_id):
            return False
        if story_id not in self._text_candidates(text, day):  # cached for the document
            return False
        core = self._core_elements(story_id)
        if f"lang:{text[0]}" in core and not self._same_words(elements, core):
            return False  # one language: near titles are too common (same wording, same week)
        mine = _by_kind(frozenset(elements)).keys()
        if mine & set(_WHERE) and any(_kind(e) in _WHERE for e in core):
            return False  # both name places: other places
        countries = {e for e in core if _kind(e) == "country"}
        if "country" in mine and countries and not countries & elements:
            return False  # both name countries and share none
        events = {e for e in core if _kind(e) == "event"}
        if events and any(_kind(e) == "event" for e in elements) and not events & elements:
            return False  # main events of two kinds
        return True

    @staticmethod
    def _same_words(elements: set[str], core: set[str]) -> bool:
        """Whether near titles of one language may stand for one happening: the story's core
        carries ``_TEXT_SAME_TERMS`` of the document's rare title and lead words, and neither
        side tells of violence (``_FORMULAIC``) or gives a toll or count (one paper's reports
        of a week's bombings share their titles' words: "مقتل جنديين بانفجار عبوة ناسفة")."""
        both = elements | core
        if any(e in both for e in _FORMULAIC) or any(_kind(e) in _FIGURES for e in both):
            return False
        return sum(_kind(e) == "term" and e in core for e in elements) >= _TEXT_SAME_TERMS

    def _support(self, story_id: int) -> float:
        """How many members carry an element of the story's core in full
        (``story_support_share`` of them, at least 1)."""
        return self.s.story_support_share * len(self.members.get(story_id, ())) or 1.0

    def _core(self, story_id: int, element: str) -> bool:
        """``element`` belongs to the story's core (``story_core_min`` of ``_support``)."""
        return self.elements[story_id][element] / self._support(story_id) >= self.s.story_core_min

    def _core_elements(self, story_id: int) -> set[str]:
        support = self._support(story_id)
        return {e for e, n in self.elements[story_id].items()
                if n > 0 and n / support >= self.s.story_core_min}  # fmt: skip

    def _signature_pair(
        self, elements: set[str], story_id: int, day: date | None = None
    ) -> tuple[dict[str, float], list[str]] | None:
        """The signature features (``FEATURES`` but ``text_*``) of a document (its signature
        ``elements``, published on ``day``) and a story, with the shared elements that are not
        common as reasons ("place:GN-98182 (2.31)": kind weight × rarity × share of the story's
        core carrying it); ``None`` when they cannot be one event whatever the model says:

        - their event days are apart (same places on other days are other events);
        - they share no place, area or country of the story's core that is not common in the
          collection, nor two name keys (or one of ``_NAME_LONG`` classes) that the story's
          core carries in the other script (same day in other places is another event);
        - they share no place or area, nor such name keys, while both name places (other
          places, other events);
        - they meet on a country alone with no day, figure or name key in common, or with main
          events of two kinds (a country holds many happenings a day: who and where alone are
          a topic).

        A story's element counts in proportion to the share of its members carrying it
        (``story_support_share``), so a large story is met on its core, not on the union of
        its members' facts."""
        if not self._days_fit(elements, story_id):
            return None
        story_elements = self.elements[story_id]
        support = self._support(story_id)
        central, common = self.s.story_core_min, self._common()
        by_kind = _by_kind(frozenset(elements))

        def core(e: str) -> float:
            return min(1.0, story_elements[e] / support)

        shared = {e for e in elements & story_elements.keys() if story_elements[e] > 0}
        same_kind = any(_kind(e) == "event" and core(e) >= central for e in shared)
        reported = (self._reported_day(elements, story_elements, support, common)
                    if same_kind else None)  # fmt: skip
        # a reported day (pubday:) meets only a day of a story of the same kind (``reported``)
        usable = {e for e in shared if self.df[e] <= common and _kind(e) in _WEIGHED
                  and _kind(e) != "pubday"}  # fmt: skip
        if reported is not None and self.df[reported] <= common:
            usable.add(reported)

        def mass(*kinds: str) -> float:
            return min(3.0, sum(core(e) for e in sorted(usable) if _kind(e) in kinds))

        where = [e for e in usable if _kind(e) in _WHERE and core(e) >= central]
        lang = by_kind.get("lang", (None,))[0]
        same_lang = lang is not None and core(lang) >= central
        # name keys that members in the other script carry (within one script, the shared words
        # are ``terms``; Arabic and Persian share many words, whose keys meet too)
        met = sorted(o for o in map(_in_other_script, by_kind.get("name", ()))
                     if core(o) >= central and self.df[o] <= common)  # fmt: skip
        names = min(3.0, sum(core(o) for o in met))
        # two keys, or one long one, say "the same name" where places do not (a place the
        # recogniser missed or resolved apart); one short key stands in for a day or figure only
        named = len(met) >= 2 or any(len(o.rsplit(":", 1)[1]) >= _NAME_LONG for o in met)
        if not where and not named and not any(_kind(e) == "country" and core(e) >= central
                                               for e in usable):  # fmt: skip
            return None
        if not where and not named and "place" in by_kind and any(
                _kind(e) == "place" and core(e) >= central for e in story_elements):  # fmt: skip
            return None  # both name places and share none (nor a name): other events

        places, figures = mass("place"), mass(*_FIGURES)
        on_day = max((core(e) for e in usable if _kind(e) in ("date", "pubday")), default=0.0)
        # rare title and lead words the story's core wrote too (the union of a large story's
        # words would meet anything)
        terms = sum(core(e) for e in by_kind.get("term", ()) if e in shared)
        other_kind = not same_kind and "event" in by_kind and any(
            core(e) >= central for e in self.events_of.get(story_id, ()))  # fmt: skip
        if not where and (other_kind or not (on_day or figures or names)):
            return None  # a country alone: the same day, figure or name, and the same kind
        features = {
            "place": places or mass("area"),
            "area_only": float(not places and bool(where)),
            "country_only": float(not where),
            "country": mass("country"),
            "actor": mass("actor"),
            "day": on_day,
            "figures": figures,
            "same_kind": float(same_kind),
            "other_kind": float(other_kind),
            "published_apart": float(self._published_apart(day, story_id)),
            "same_lang": float(same_lang),
            "terms": min(terms, _MAX_TERMS) if same_lang else 0.0,
            "same_lang_no_terms": float(same_lang and not terms),
            "names": names,
        }
        weights = {e: _KIND_WEIGHT[_kind(e)] * self._idf(e) * core(e) for e in usable}
        weights |= {e: _NAME_WEIGHT * self._idf(e) * core(e) for e in met}
        ranked = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
        return features, [f"{e} ({w:.2f})" for e, w in ranked]

    def _reported_day(self, elements: set[str], story_elements: Counter[str],
                      support: float, common: float) -> str | None:  # fmt: skip
        """The story's day (stated or reported) that a day of the document meets, when one
        side only reports it (``pubday:``): the element of the story, or ``None``. Days common
        in the collection (a crawl day given as the publication day) meet nothing."""
        for e in sorted(elements):
            kind, _, day = e.partition(":")
            if kind not in ("date", "pubday") or self.df[e] > common:
                continue
            for other in ("date", "pubday"):
                if "pubday" not in (kind, other):
                    continue  # two stated days are an ordinary shared element
                hit = f"{other}:{day}"
                if story_elements[hit] / support >= self.s.story_core_min:
                    return hit
        return None

    def _published_apart(self, day: date | None, story_id: int) -> bool:
        """The document was published more than ``story_publication_days`` from every member
        of the story (``False`` when a publication day is unknown or the setting is below 0)."""
        days = self.published.get(story_id, set())
        if day is None or not days or self.s.story_publication_days < 0:
            return False
        k = self.s.story_publication_days
        return not any(day + timedelta(days=d) in days for d in range(-k, k + 1))

    def assign(
        self, doc_id: str, elements: set[str], copy_of: tuple[str, str] | None = None,
        day: date | None = None, text: TitleVector | None = None,
    ) -> StoryDecision:
        """Record ``doc_id``'s signature and put it in a story (call inside a transaction).

        ``copy_of`` is (document id, why) of a stored document this one copies (``copy_link``):
        the document joins that document's story, whatever its signature says. ``day`` is the
        day the document was published (or crawled), for ``story_publication_days``; ``text``
        its title vector (``TitleVector``), stored with it."""
        self.record(doc_id, elements, text)
        copied = self.copy_target(elements, copy_of)
        if copy_of is not None and copied is not None:
            self.join(doc_id, copied, 1.0, [copy_of[1]], elements, day)
            return StoryDecision(copied, 1.0, [copy_of[1]], [])
        scored = self._scored(elements, day=day, text=text)
        if not scored:
            story_id = self.new_story()
            self.join(doc_id, story_id, 0.0, ["first document of the story"], elements, day)
            return StoryDecision(story_id, 0.0, [], [])
        score, story_id, reasons = scored[0]
        merged = [other for other in _mergeable(scored[1:]) if other != story_id]
        for other in merged:
            self._merge(other, story_id, doc_id)
        self.join(doc_id, story_id, score, reasons, elements, day)
        return StoryDecision(story_id, score, reasons, merged)

    def copy_target(self, elements: set[str], copy_of: tuple[str, str] | None) -> int | None:
        """The story a document joins as a copy (``copy_link``): its copy's story, when the
        event days fit; ``None`` otherwise (wire paragraphs, a background or a footer, shared
        by another event)."""
        copied = self.story_of.get(copy_of[0]) if copy_of else None
        return copied if copied is not None and self._days_fit(elements, copied) else None

    def record(self, doc_id: str, elements: set[str], text: TitleVector | None = None) -> None:
        """Store a new document's signature (and title vector) and count its elements in the
        collection."""
        self.store.add_signature(doc_id, elements)
        if text is not None and self.s.story_text_vectors:
            if self.vectors.get(doc_id) is not text:  # regroup passes the stored one back
                self.store.add_story_vector(doc_id, text[0], text[1], STATIC_MODEL_NAME)
            self.vectors[doc_id] = text
        self.df.update(elements)
        self.docs += 1

    def new_story(self) -> int:
        """A new, empty story's id."""
        return int(self.store.new_story())

    def refresh(self, doc_id: str, elements: set[str]) -> list[int]:
        """Replace a document's signature (after re-extraction). The document keeps its story,
        and every other story the new signature would have joined is merged into it (recorded
        as a merge bridged by the document), as when a bridging article arrives. Returns the
        ids of the stories merged."""
        old = self.store.document_signature(doc_id)
        self.store.replace_signature(doc_id, old, elements)
        self.df.subtract(old - elements)
        self.df.update(elements - old)
        story = self.story_of.get(doc_id)
        if story is None:
            return []
        self.elements[story].subtract(old - elements)
        self._add(story, elements - old)
        day = self.store.report_day(doc_id)
        scored = self._scored(elements, exclude=story, day=day, text=self.vectors.get(doc_id))
        merged = _mergeable(scored)
        for other in merged:
            self._merge(other, story, doc_id)
        return merged

    def join(self, doc_id: str, story_id: int, score: float, reasons: list[str],
             elements: set[str], day: date | None = None) -> None:  # fmt: skip
        """Put a recorded document in a story, with the score and reasons of the join."""
        self.store.put_in_story(doc_id, story_id, score, reasons)
        self.story_of[doc_id] = story_id
        self.members.setdefault(story_id, set()).add(doc_id)
        if day is not None:
            self._published(story_id, {day})
        self._shelve(doc_id, story_id, day)
        self._add(story_id, elements)

    def _shelve(self, doc_id: str, story_id: int, day: date | None) -> None:
        """Index a member's title vector by story and by publication day."""
        vector = self.vectors.get(doc_id)
        if vector is None:
            return
        self.with_vectors.setdefault(story_id, []).append(doc_id)
        if day is not None:
            self.vectors_on.setdefault(day, _Shelf()).add(doc_id, vector)

    def _merge(self, from_story: int, into_story: int, bridge: str) -> None:
        self.store.merge_stories(from_story, into_story, bridge)
        self.undated.discard(from_story)
        moved = self.elements.pop(from_story, Counter())
        self._add(into_story, set(moved))
        self.elements[into_story].update(moved)  # _add counted each element once already
        self.elements[into_story].subtract(set(moved))
        self.events_of.pop(from_story, None)
        for day in self.days.pop(from_story, set()):
            self.stories_on.get(day, set()).discard(from_story)
        for e in moved:
            self.stories_with.get(e, set()).discard(from_story)
        self.with_vectors.setdefault(into_story, []).extend(self.with_vectors.pop(from_story, []))
        moved_days = self.published.pop(from_story, set())
        for day in moved_days:
            self.published_on.get(day, set()).discard(from_story)
        self._published(into_story, moved_days)
        for doc in self.members.pop(from_story, set()):
            self.story_of[doc] = into_story
            self.members.setdefault(into_story, set()).add(doc)


def _mergeable(scored: list[tuple[float, int, list[str]]]) -> list[int]:
    """The scored stories a document may merge: a merge needs the evidence of a join by the
    signature, so a pair scored by title vectors alone (``text_only``) joins a report to one
    story and never bridges two."""
    return [story for _, story, why in scored if _TEXT_ONLY_REASON not in why]


def copy_link(near: DuplicateRecord | None,
              shared: list[SharedParagraph]) -> tuple[str, str] | None:  # fmt: skip
    """The stored document a new one copies, and why: its near duplicate's first copy, else
    the document it shares the most wire paragraphs with, when that is two or more (one is
    often a footer or a background paragraph); ``None`` when it copies none. (The join also
    needs the event days to fit: ``StoryIndex.assign``.)"""
    if near is not None:
        return near.first_id, f"near copy of {near.first_id} ({near.score:.2f})"
    counts = Counter(x.other_id for x in shared)
    if not counts:
        return None
    other, n = max(sorted(counts.items()), key=lambda kv: kv[1])
    if n < 2:
        return None  # one shared paragraph is often a footer or a background paragraph
    return other, f"shares {n} wire paragraphs with {other}"
