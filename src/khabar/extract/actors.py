"""Actors: armed groups, state forces, governments, officials, agencies and media, plus the
unnamed sources news relies on ("مصدران أمنيان عراقيان", "a US official", "منبع امنیتی");
and, apart (``extract_generic_actors``), the generic actors news is about (police, gunmen,
protesters, civilians: kind ``generic``, their class as name, from ``resources/agents.tsv``).

Input: original text. Output: ``ActorMention`` objects with span, text as written, the
dictionary id (``resources/actors.tsv``: canonical id, kind, affiliation, ar/fa/en aliases, each
row with its source) or ``None`` for an unresolved name, kind, and for unnamed sources their
description. Names that look like organisations but are not in the dictionary ("كتائب سيد
الشهداء الجدد", "Free Zummar Brigades") are kept as unresolved actors, not dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from khabar.extract.lexicon import (
    AliasHit,
    AliasIndex,
    alias_key,
    find_aliases,
    nisba_plurals,
    quoted_span,
    variants,
    word_spans,
)
from khabar.model import Span
from khabar.normalize import normalize, normalize_with_offsets
from khabar.resources import data_files, derived, read_csv

__all__ = [
    "Actor",
    "ActorMention",
    "actor_dictionary",
    "country_rows",
    "country_sector_actor",
    "extract_actors",
    "agent_spans",
    "extract_generic_actors",
    "extract_world_organisations",
    "generic_agents",
    "open_actor",
    "resolve_actor",
    "world_actors",
    "world_organisations",
]

_LATIN = re.compile(r"^[a-z0-9 .'\-]+$")
_ARABIC_WORD = re.compile(r"^[\u0600-\u06ff]")
_MAX_WORDS = 7
_FUNCTION_WORDS = frozenset(normalize(w) for w in (
    "في من على إلى عن مع أن إن الذي التي الذين و أو ثم قد لم لا ما هذا هذه ذلك تلك بعد قبل عند "
    "در از به با که این آن را برای تا و یا the of in on at to from and or a an by for with"
).split())  # fmt: skip


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str
    affiliation: tuple[str, ...]
    source: str


@dataclass(slots=True)
class ActorMention:
    span: Span
    text: str
    actor_id: str | None  # None: unresolved name or unnamed source
    name: str  # canonical name, or the text for unresolved ones
    kind: str  # armed_group, state_force, official, agency, ..., unresolved_org, anonymous
    source: str = "dictionary"  # what found it: a dictionary, or the generic-actor tagger (model)


@dataclass(frozen=True, slots=True)
class _Dictionary:
    actors: dict[str, Actor]
    index: AliasIndex
    words: dict[str, frozenset[str]]  # pattern kind → normalised words


@lru_cache(maxsize=1)
def actor_dictionary() -> _Dictionary:
    actors: dict[str, Actor] = {}
    index: dict[str, list[str]] = {}
    for r in read_csv("actors.tsv"):
        aff = tuple(a for a in r["affiliation"].strip().split(";") if a)
        actors[r["id"]] = Actor(r["id"], r["name"], r["kind"], aff, r["source"])
        for alias in r["aliases"].split("|"):
            key = alias_key(alias)
            if len(key) >= 2 and r["id"] not in index.setdefault(key, []):
                index[key].append(r["id"])
    words: dict[str, set[str]] = {}
    for r in read_csv("actor_patterns.tsv"):
        words.setdefault(r["kind"], set()).update(normalize(w) for w in r["words"].split())
        words.setdefault(f"{r['kind']}_raw", set()).update(r["words"].split())
    return _Dictionary(actors, AliasIndex({k: tuple(v) for k, v in index.items()}),
                       {k: frozenset(v) for k, v in words.items()})  # fmt: skip


@lru_cache(maxsize=8)
def generic_agents(lang: str | None = None) -> tuple[AliasIndex, dict[str, str]]:
    """The generic-actor lexicon (``resources/agents.tsv``: PETRARCH/Phoenix agents and the
    project's labelled training sentences) of ``lang`` (every language's if None or a language
    the lexicon lacks): alias index → phrase keys, and key → class. Per language, so that a
    word of one is no actor in another (Persian خیر "benefactor" is Arabic "good"). Persian
    without Arabic's rows: they add Arabic-script words Persian news uses otherwise (dev:
    37 more Persian GEN mentions, none right); its own rows lack a few borrowings (معترض).
    Kept between processes (``resources.derived``)."""
    return derived(f"generic-agents-{lang or 'all'}", lambda: _build_generic_agents(lang),
                   data_files())  # fmt: skip


def _build_generic_agents(lang: str | None) -> tuple[AliasIndex, dict[str, str]]:
    index: dict[str, list[str]] = {}
    classes: dict[str, str] = {}
    rows = read_csv("agents.tsv")
    if lang is not None and any(r["lang"] == lang for r in rows):
        rows = [r for r in rows if r["lang"] == lang]
    for r in rows:
        key = alias_key(r["phrase"])
        if len(key) >= 3 and key not in index:
            index[key] = [key]
            classes[key] = r["class"]
    return AliasIndex({k: tuple(v) for k, v in index.items()}), classes


def _accept_alias(hit: AliasHit, original: str, to_original) -> bool:  # type: ignore[no-untyped-def]
    """One-word Latin aliases must be capitalised as written ("AP", "Hamas", not "ap")."""
    if hit.words > 1 or not _LATIN.match(hit.key):
        return True
    start, _ = to_original(hit.start, hit.end)
    return original[start : start + 1].isupper()


def _unresolved_orgs(norm: str, words, taken, d: _Dictionary,  # type: ignore[no-untyped-def]
                     head: str = "org_head") -> list[tuple[int, int]]:
    """Word ranges of organisation-like names not in the dictionary: a ``head`` noun
    ("كتائب", "گروه") followed by one to three content words."""
    heads = d.words.get(head, frozenset())
    starts = d.words.get("name_start", frozenset())
    out = []
    for i, (_, _, w) in enumerate(words):
        if _bare(w) not in heads or any(a <= i < b for a, b in taken) or i + 1 >= len(words):
            continue
        nxt = words[i + 1][2]
        if not (nxt.startswith("ال") or nxt in starts or _LATIN.match(nxt)) or not _adjacent(
            norm, words[i], words[i + 1]
        ):
            continue  # "جماعة عراقية مسلحة" is a description, not a name
        j = i + 1
        while (j < len(words) and j - i <= 3 and words[j][2] not in _FUNCTION_WORDS
               and _adjacent(norm, words[j - 1], words[j])
               and not any(a <= j < b for a, b in taken)):  # fmt: skip
            j += 1
        out.append((i, j))
    return out


def _nisba_actor(words, i: int, j: int, d: _Dictionary) -> tuple[int, str] | None:  # type: ignore[no-untyped-def]
    """After an organisation head at word ``i`` (``_unresolved_orgs``' range ``i``..``j``), the
    longest run of words from ``i + 1`` that, read as an Arabic nisba (``nisba_plurals``), is the
    plural a dictionary actor has as an alias: (the word after it, the actor's id), else None
    (ميليشيا الحوثي أحياء تعز → up to الحوثي, HOUTHI: الحوثيين is the Houthis' alias)."""
    for k in range(j, i + 1, -1):
        key = " ".join(w for _, _, w in words[i + 1 : k])
        for plural in nisba_plurals(key):
            if ids := d.index.get(plural):
                return k, ids[0]
    return None


def _english_orgs(text: str, d: _Dictionary) -> list[re.Match[str]]:
    """Capitalised English names ending in an organisation word: "Free Zummar Brigades"."""
    pattern = _english_org_pattern(d.words.get("org_head_end_raw", frozenset()))
    return list(pattern.finditer(text)) if pattern else []


@lru_cache(maxsize=4)
def _english_org_pattern(ends: frozenset[str]) -> re.Pattern[str] | None:
    """``_english_orgs``' pattern for a dictionary's organisation end words (compiled once)."""
    if not ends:
        return None
    alt = "|".join(re.escape(e) for e in sorted(ends, key=lambda e: (-len(e), e)))
    return re.compile(rf"\b(?:(?:the\s+)?[A-Z][\w'\-]+\s+){{1,4}}(?:{alt})\b")


def _conjunction(word: str) -> int:
    """Letters of an Arabic conjunction (و, ف) joined to a word of more than four: 1 or 0."""
    return int(word[:1] in ("و", "ف") and len(word) > 4)


@lru_cache(maxsize=65536)
def _bare(word: str) -> str:
    """An Arabic word without its conjunction and article: وضابط → ضابط, المسؤول → مسؤول
    (memoised: asked of every word of every paragraph, twice)."""
    w = word[_conjunction(word) :]
    for pre in ("ال", "بال", "لل"):
        if w.startswith(pre) and len(w) > len(pre) + 2:
            return w[len(pre) :]
    return w


def _adjacent(norm: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Only spaces between two words (no comma, colon or quote)."""
    return not norm[a[1] : b[0]].strip()


def _sources(norm: str, d: _Dictionary) -> list[tuple[int, int]]:
    """Character ranges of unnamed sources: a source noun with its qualifiers around it."""
    nouns, mods = (
        d.words.get("source_noun", frozenset()),
        d.words.get("source_modifier", frozenset()),
    )
    words = word_spans(norm)
    bare = [_bare(w) for _, _, w in words]

    def is_mod(k: int) -> bool:
        return words[k][2] in mods or bare[k] in mods

    out = []
    last = 0  # words before this belong to the previous source
    for i in range(len(words)):
        if bare[i] not in nouns or i < last:
            continue
        a = i
        while a > last and is_mod(a - 1) and i - a < 3 and _adjacent(norm, words[a - 1], words[a]):
            a -= 1
        b = i + 1
        while (
            b < len(words) and is_mod(b) and b - i <= 4 and _adjacent(norm, words[b - 1], words[b])
        ):
            b += 1
        last = b
        if b - a >= 2 or bare[i] in ("شهود", "witnesses"):
            first = words[a][2]  # its conjunction stays out ("ومسؤول عراقي" → "مسؤول عراقي")
            peel = _conjunction(first) if first not in nouns | mods else 0
            out.append((words[a][0] + peel, words[b - 1][1]))
    return out


def extract_actors(text: str) -> list[ActorMention]:
    """Known actors, unresolved organisation names and unnamed sources in ``text``.

    Example::

        [m.actor_id for m in extract_actors("نفت كتائب حزب الله في العراق")]  # ['KH', 'IQ'...]
    """
    d = actor_dictionary()
    norm = normalize_with_offsets(text)
    words = word_spans(norm.text)
    hits = find_aliases(norm.text, d.index, max_words=_MAX_WORDS, words=words,
                        accept=lambda h: _accept_alias(h, text, norm.to_original))  # fmt: skip
    out: list[ActorMention] = []

    def add(start: int, end: int, actor_id: str | None, kind: str) -> None:
        # تنظيم "داعش → داعش where داعش names the same actor; كتائب "حزب الله" whole
        a, b = quoted_span(text, *norm.to_original(start, end), keep_inner=lambda x, y:
                           actor_id in d.index.get(alias_key(text[x:y]), ()))  # fmt: skip
        name = d.actors[actor_id].name if actor_id else text[a:b]
        out.append(ActorMention(Span(a, b), text[a:b], actor_id, name, kind))

    for h in hits:
        actor = d.actors[h.ids[0]]
        add(h.start, h.end, actor.id, actor.kind)
    taken = [(h.first_word, h.first_word + h.words) for h in hits]
    for i, j in _unresolved_orgs(norm.text, words, taken, d):
        named = _nisba_actor(words, i, j, d)
        if named is not None:  # ميليشيا الحوثي: the Houthis
            add(words[i][0], words[named[0] - 1][1], named[1], d.actors[named[1]].kind)
        else:
            add(words[i][0], words[j - 1][1], None, "unresolved_org")
        taken.append((i, j))
    for i, j in _unresolved_orgs(norm.text, words, taken, d, "group_head"):
        if (named := _nisba_actor(words, i, j, d)) is not None:  # مليشيات الحوثي
            add(words[i][0], words[named[0] - 1][1], named[1], d.actors[named[1]].kind)
    for m in _english_orgs(text, d):
        if not any(
            x < m.end() and m.start() < y for x, y in ((o.span.start, o.span.end) for o in out)
        ):
            out.append(ActorMention(Span(m.start(), m.end()), m.group(), None, m.group(),
                                    "unresolved_org"))  # fmt: skip
    covered = [(m.span.start, m.span.end) for m in out]
    for start, end in _sources(norm.text, d):
        a, b = norm.to_original(start, end)
        if not any(x < b and a < y for x, y in covered):
            add(start, end, None, "anonymous")
    out.sort(key=lambda m: m.span.start)
    return out


def extract_generic_actors(text: str, named: list[ActorMention], lang: str | None = None,
                           tagged: Sequence[Any] | None = None) -> list[ActorMention]:  # fmt: skip
    """Generic actors in ``text`` (kind ``generic``, their class as name: police, military,
    armed_group, protesters, civilians, ...) that overlap none of the ``named`` actors.

    With ``tagged`` (the generic-actor tagger's mentions of ``text``: ``entities.
    recognise_batch``), the tagger's phrases are the actors ("unidentified gunmen", "Syrian
    refugees", مسلحين حوثيين), each of the class of the lexicon's agent inside it
    (``_head_class``), ``other`` where the lexicon knows none ("investigators"); lexicon hits
    outside every phrase are left out (a noun the tagger does not read as people of the story:
    "the public"). Without it, the hits of the lexicon (``resources/agents.tsv``, the rows of
    ``lang`` when given)."""
    if tagged is not None:
        hits = [(m.span.start, m.span.end, _head_class(m.text, lang)) for m in tagged]
    else:
        hits = _agent_hits(text, lang)
    covered = [(m.span.start, m.span.end) for m in named]
    out = []
    for a, b, cls in hits:
        if not any(x < b and a < y for x, y in covered):
            out.append(ActorMention(Span(a, b), text[a:b], None, cls, "generic",
                                    "dictionary" if tagged is None else "model"))
            covered.append((a, b))
    return out


def agent_spans(text: str, lang: str | None) -> list[tuple[int, int]]:
    """Character spans of the generic-actor lexicon's agents in ``text`` (``resources/
    agents.tsv``, the rows of ``lang``): the words that name kinds of people (المتظاهرين,
    "protesters"), whether or not the tagger reads them as actors of the story."""
    return [(a, b) for a, b, _ in _agent_hits(text, lang)]


def _agent_hits(text: str, lang: str | None) -> list[tuple[int, int, str]]:
    """(start, end, class) of the generic-actor lexicon's agents in ``text``."""
    agents, classes = generic_agents(lang)
    norm = normalize_with_offsets(text)
    return [(*norm.to_original(h.start, h.end), classes[h.ids[0]])
            for h in find_aliases(norm.text, agents, max_words=4, strip_article=True)]  # fmt: skip


# Nouns that count or part a group ("members of", أفراد, عناصر, اعضای): a generic-actor phrase
# headed by one is of the kind of people after it (أفراد الشرطة, "members of the police": police).
# A closed class of each language's grammar, in matching form (``alias_key``), without ال.
_PARTITIVES = {
    "en": frozenset("member members element elements unit units personnel".split()),
    "ar": frozenset(alias_key(w) for w in "أفراد افراد عناصر أعضاء اعضاء منتسبي منتسبو".split()),
    "fa": frozenset(alias_key(w) for w in "اعضای اعضا افراد عناصر".split()),
}


def _head_class(phrase: str, lang: str | None) -> str:
    """The class of a tagged phrase (``extract_generic_actors``): that of the lexicon agent at
    its head, the first in an Arabic or Persian construct (أسر الجنود: families, civilians;
    الجنود والمدنيين: military), the last in English ("Iraqi security forces") or the last
    before "of" ("families of the soldiers": civilians); past a partitive head
    (``_PARTITIVES``: أفراد الشرطة, "members of the police"), the agent after it. ``other``
    when the lexicon knows none in the phrase ("investigators")."""
    parts = _PARTITIVES.get(lang or "", frozenset())
    if lang == "en" and " of " in phrase:
        head, _, after = phrase.partition(" of ")
        phrase = after if head.split()[-1].lower() in parts else head
    hits = _agent_hits(phrase, lang)
    if lang == "en":
        return hits[-1][2] if hits else "other"
    for a, b, cls in hits:
        key = alias_key(phrase[a:b])
        word = key[2:] if key.startswith("ال") else key
        if word not in parts and key not in parts:
            return cls
    return hits[0][2] if hits else "other"


@dataclass(frozen=True, slots=True)
class WorldActor:
    id: str
    name: str
    country: str  # ISO3 of the CAMEO code, or ""
    sector: str  # CAMEO role (GOV, MIL, REB...) or the whole code
    date_from: str  # ISO day or ""
    date_to: str
    kind: str = ""  # person | organisation | country_sector, where the dictionary row says


@lru_cache(maxsize=1)
def world_actors() -> dict[str, tuple[WorldActor, ...]]:
    """Alias key → actors of the open event-data dictionaries (``resources/actors_world.tsv``,
    built by ``training/resources/build_actors.py`` from PETRARCH's Arabic actor dictionary and
    Phoenix's country, international and non-state armed group dictionaries, MIT; Persian and
    Arabic government/military/police names from countries-states-cities). Kept between
    processes (``resources.derived``)."""
    return derived("world-actors", _build_world_actors, data_files())


@lru_cache(maxsize=4096)
def open_actor(actor_id: str) -> WorldActor | None:
    """The open-dictionary actor whose id is ``actor_id`` (its first row in ``world_actors``),
    or None: a scan of the dictionary, memoised per id."""
    return next((a for actors in world_actors().values() for a in actors if a.id == actor_id),
                None)  # fmt: skip


def _build_world_actors() -> dict[str, tuple[WorldActor, ...]]:
    index: dict[str, list[WorldActor]] = {}
    for r in read_csv("actors_world.tsv"):
        actor = WorldActor(r["id"].split("@")[0], r["name"], r["country"], r["sector"],
                           r["date_from"], r["date_to"], r["kind"])  # fmt: skip
        for alias in r["aliases"].split("|"):
            key = alias_key(alias)
            if len(key) >= 3 and actor not in index.setdefault(key, []):
                index[key].append(actor)
    return {k: tuple(v) for k, v in index.items()}


_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{2,7}")  # IAEA, UNHCR, G20: three characters or more
_MINOR = frozenset("of for the and in on at de du des al el la le to".split())  # stay lower case


@lru_cache(maxsize=1)
def world_organisations() -> tuple[AliasIndex, dict[str, str]]:
    """(alias index, id → name) of the organisations of the open event-data dictionaries
    (``resources/actors_world.tsv``: Phoenix's international and non-state actors, PETRARCH's
    Arabic dictionary, MIT) that may be found in text: names of two words or more in any
    script ("International Atomic Energy Agency", خبرگزاری فارس; pieces joined by a ZWNJ count:
    بی‌بی‌سی) and Latin acronyms of three
    capitals or more (IAEA), never one-word names (آژانس "agency", الشباب "the youth"), nor a
    name two organisations share ("Islamic Group"), nor the curated actors (``actors.tsv``,
    which ``extract_actors`` finds; its governments go by their country's name). Kept between
    processes (``resources.derived``)."""
    return derived("world-organisations", _build_world_organisations, data_files())


def _build_world_organisations() -> tuple[AliasIndex, dict[str, str]]:
    curated = actor_dictionary().actors  # found by extract_actors, with its own rules
    index: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for r in read_csv("actors_world.tsv"):
        actor_id = r["id"].split("@")[0]
        # the curated governments go by their country's name (جمهوری اسلامی ایران: Iran)
        if r["kind"] != "organisation" or actor_id in curated:
            continue
        names.setdefault(actor_id, r["name"])
        for alias in r["aliases"].split("|"):
            key = alias_key(alias)
            if key.startswith("the "):  # "The EU": the article is no part of the name
                key, alias = key[4:], alias.strip()[4:]
            # بی‌بی‌سی: pieces joined by a zero-width non-joiner count as words too
            pieces = len(re.split(r"[\s\u200c]+", alias.strip()))
            if max(pieces, len(key.split(" "))) >= 2 or _ACRONYM.fullmatch(alias.strip()):
                if actor_id not in index.setdefault(key, []):
                    index[key].append(actor_id)
    return AliasIndex({k: tuple(v) for k, v in index.items() if len(v) == 1}), names


def extract_world_organisations(text: str, named: list[ActorMention]) -> list[ActorMention]:
    """Organisations of the open dictionaries (``world_organisations``) in ``text`` that
    overlap none of the ``named`` actors: kind ``organisation``, the open dictionary's id. A
    Latin name must be written with its capitals: an acronym all in capitals amid lower-case
    text (not a word of a headline in capitals: "LET US GO"), every word of a name but of, for,
    the... ("Islamic State", not "an Islamic group"); an Arabic-script name of two words or
    more as it comes."""
    index, names = world_organisations()
    norm = normalize_with_offsets(text)
    covered = [(m.span.start, m.span.end) for m in named]

    def written(hit: AliasHit) -> bool:
        a, b = norm.to_original(hit.start, hit.end)
        if not _LATIN.match(hit.key):
            return True
        if hit.words == 1:
            return text[a:b].isupper() and any(c.islower() for c in text[max(0, a - 30) : b + 30])
        return all(w[:1].isupper() or w.lower() in _MINOR for w in text[a:b].split())

    out = []
    for h in find_aliases(norm.text, index, max_words=8, accept=written):
        a, b = norm.to_original(h.start, h.end)
        if not any(x < b and a < y for x, y in covered):
            out.append(ActorMention(Span(a, b), text[a:b], h.ids[0], names[h.ids[0]],
                                    "organisation"))  # fmt: skip
    return out


def resolve_actor(name: str, day: str | None = None) -> WorldActor | None:
    """The actor a recognised person or organisation name refers to: its curated
    (``actors.tsv``) or open-dictionary entry, the one whose dates hold on ``day`` (ISO, the
    publication date) when the dictionary dates its roles, else its undated or latest entry;
    ``None`` for a name no dictionary knows (an unresolved actor of its type)."""
    key = alias_key(name)
    curated = actor_dictionary()
    if key in curated.index:
        a = curated.actors[curated.index[key][0]]
        return WorldActor(a.id, a.name, "", a.kind, "", "")
    forms = [key] + [f for f, n in variants(key) if n] if _ARABIC_WORD.match(key) else [key]
    for form in forms:
        cands = world_actors().get(form)
        if not cands:
            continue
        if day:
            dated = [c for c in cands if (c.date_from or "0") <= day <= (c.date_to or "9")]
            if dated:
                return max(dated, key=lambda c: c.date_from)
        return _as_country_row(max(cands, key=lambda c: (not c.date_to, c.date_from)))
    return country_sector_actor(key)


def _as_country_row(actor: WorldActor) -> WorldActor:
    """A country's government, military or police row of ``actors_world.tsv`` as
    ``country_rows`` gives it (the curated actor where there is one: "حکومت عراق" is IQ-GOV as
    "دولت عراق" is); any other actor as it is."""
    rows, ids = _country_tables()
    key = ids.get(actor.id)
    return rows.get(key, actor) if key else actor


# Nouns that name a country's government, armed forces or police when a nationality word or
# the country's name goes with them ("الحكومة اليمنية", "الجيش المصري", "ارتش آمریکا", "دولت
# ترکیه", "the Turkish army", "Turkish jets"), as alias keys, with their CAMEO sector: a closed
# class of each language's nouns (the sectors of build_actors.py's country rows: GOV, MIL,
# COP), warplanes and warships among the armed forces.
_SECTOR_NOUNS = {
    "ar": {"حكومه": "GOV", "الحكومه": "GOV", "النظام": "GOV", "جيش": "MIL", "الجيش": "MIL",
           "قوات": "MIL", "القوات": "MIL", "القوات المسلحه": "MIL", "الشرطه": "COP",
           "شرطه": "COP", "قوات الامن": "COP",
           # a country's warplanes are its armed forces ("المقاتلات التركية": Turkey's military);
           # not طيران without the article: "طيران اليمنية", "طيران مصر" are airlines
           "مقاتلات": "MIL", "المقاتلات": "MIL", "طائرات": "MIL", "الطائرات": "MIL",
           "الطيران": "MIL", "مروحيات": "MIL", "المروحيات": "MIL", "سلاح الجو": "MIL",
           "القوات الجويه": "MIL", "البحريه": "MIL"},
    "fa": {"دولت": "GOV", "حكومت": "GOV", "رژيم": "GOV", "ارتش": "MIL", "نيروهاي مسلح": "MIL",
           "پليس": "COP"},
    "en": {"government": "GOV", "regime": "GOV", "army": "MIL", "military": "MIL",
           "armed forces": "MIL", "police": "COP", "security forces": "COP", "troops": "MIL",
           "jets": "MIL", "fighter jets": "MIL", "warplanes": "MIL", "air force": "MIL",
           "navy": "MIL"},  # not "forces" alone: the Lebanese Forces are a party
}  # fmt: skip


@lru_cache(maxsize=1)
def _sector_keys() -> dict[str, dict[str, str]]:
    """``_SECTOR_NOUNS`` with each noun as an alias key (ئ is written ء there: الطاءرات)."""
    return {lang: {alias_key(k): v for k, v in nouns.items()}
            for lang, nouns in _SECTOR_NOUNS.items()}  # fmt: skip


def country_sector_actor(key: str) -> WorldActor | None:
    """The government, military or police (``country_rows``: the curated actor, else the
    country's row of ``actors_world.tsv``) that a name (an ``alias_key``) gives as a sector
    noun of ``_SECTOR_NOUNS`` and a country: in Arabic and Persian the noun first, then one
    nationality word (``places.nationality_word``) or a name of the country the gazetteer knows
    ("الجيش المصري", "دولت ترکیه"); in English one nationality word first ("Egyptian army").
    None for any other name."""
    from khabar.extract.places import gazetteer, lower_demonyms, nationality_word

    words = key.split(" ")
    if _ARABIC_WORD.match(key):
        for n in (2, 1):
            sector = _sector_keys()["ar"].get(" ".join(words[:n])) or \
                _sector_keys()["fa"].get(" ".join(words[:n]))  # fmt: skip
            rest = " ".join(words[n:])
            if sector and rest:
                iso2 = next((c for lang in ("ar", "fa") if " " not in rest
                             and (c := nationality_word(rest, lang))), None)  # fmt: skip
                g = gazetteer()
                iso2 = iso2 or next((g.places[i].country for i in g.index.get(rest, ())
                                     if i in g.places and g.places[i].kind == "country"), None)
                return country_rows().get((iso2, sector)) if iso2 else None
        return None
    words = words[1:] if words[0] == "the" else words
    sector = _sector_keys()["en"].get(" ".join(words[1:]))
    if sector and len(words) > 1:
        iso2 = lower_demonyms().get(words[0])
        return country_rows().get((iso2, sector)) if iso2 else None
    return None


_SECTOR_KINDS = {"GOV": "government", "MIL": "state_force", "COP": "state_force"}  # actors.tsv


def country_rows() -> dict[tuple[str, str], WorldActor]:
    """(ISO2 country, sector) → its government, military or police: the curated actor
    (``actors.tsv``: US-MIL, IQ-GOV) that holds one of the names of the country's row of
    ``actors_world.tsv``, else that row (loaded by ingest's warm-up)."""
    return _country_tables()[0]


_CountryTables = tuple[dict[tuple[str, str], WorldActor], dict[str, tuple[str, str]]]


@lru_cache(maxsize=1)
def _country_tables() -> _CountryTables:
    """``country_rows``, and the id of each of those rows of ``actors_world.tsv`` → its (ISO2
    country, sector): one read of the dictionary, kept between processes
    (``resources.derived``: 0.24 s of each process's warm-up to build)."""
    return derived("country-rows", _build_country_tables, data_files())


def _build_country_tables() -> _CountryTables:
    from khabar.acled import iso2_of

    curated = actor_dictionary()
    rows: dict[tuple[str, str], WorldActor] = {}
    ids: dict[str, tuple[str, str]] = {}
    for r in read_csv("actors_world.tsv"):
        iso2 = iso2_of(r["country"]) if r["country"] else None
        if r["kind"] != "country_sector" or r["sector"] not in _SECTOR_KINDS or iso2 is None:
            continue
        # the curated actors of the sector's kind that hold one of the row's names, the one
        # that holds most (the US military's row also holds a name of the Pentagon's)
        held = Counter(i for k in map(alias_key, r["aliases"].split("|"))
                       for i in curated.index.get(k, ())
                       if curated.actors[i].kind == _SECTOR_KINDS[r["sector"]])  # fmt: skip
        a = curated.actors[held.most_common(1)[0][0]] if held else None
        key = (iso2, r["sector"])
        ids[r["id"].split("@")[0]] = key
        rows[key] = (WorldActor(a.id, a.name, "", a.kind, "", "") if a else
                     WorldActor(r["id"].split("@")[0], r["name"], r["country"], r["sector"], "",
                                ""))  # fmt: skip
    return rows, ids
