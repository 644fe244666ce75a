"""Canonical events: the event mentions of one story fused into events, field by field.

Input: a story's ``MentionFact`` records (``fuse.facts``). Output: ``CanonicalEvent`` objects.

**Grouping.** A mention with an event day or a place of its own (site, town or province) can
found an event; denied, negated, planned (decided, allowed, threatened: ``events._modality``),
recalled (told by a funeral, condolences or a visit to its wounded: ``events._mourned``,
``events._visited``), tally (a period's toll: ``events._tally``) and place- and day-less
mentions only join one. Mention pairs are linked, strongest first, by a shared place or
places within ``fuse_place_km``, or by one day in one country unless both name towns or sites
in their own sentences, all more than ``_APART_KM`` apart (two happenings: a shooting in Kilis
and another in Diyarbakir the same day; a homonym read for the wrong town splits one happening
so); two groups merge only if they stay one kind of event (one ACLED sub-type at most, a
suicide bomb and an explosive device counting as one: ``_ONE_KIND``; an attack told without
its means fits any kind of attack: ``_unstated``; both background or both not), their
days stay within ``fuse_date_tolerance_days``, and no part of a stated day of one is
``_PARTS_APART`` hours or more from a part of the same day of the other (an attack at dawn and
one in the evening of one day, at one camp, are two events, each with its own toll), and not if
each names its own towns or sites (``_VETO_TOWNS`` at most), all more than ``_APART_KM`` apart
(``_far_apart``: no mention that names no town chains two happenings into one). Repeats
inside a document join like any other; one sentence copied word for word into other documents
of the story (a wire text, at least ``_COPIED_WORDS`` words) links its mentions too.
A story of more than ``_EXACT_FOUNDERS`` founding mentions (only hostile input has so many)
weighs each mention against a bounded number of earlier ones that share its site or town, or its
day and country (``_candidates``), so fusion stays linear in its input.

**Fields.** date, time (a clock time in the sentence, "21:50 local (18:50 UTC)", else the
part of day of its date, "evening"), location, origin, near (a place the event happened near
or in a direction from, "جنوب كابول", "20 km north of Tikrit": never its location), actor,
target, weapon, count (of the weapon), killed, injured: every distinct value reported, each
with its sources (document, outlet, language, span, quoted speaker), the number of independent
sources (copies of one wire text are one source) and of outlets, and a chosen value with the
rule that chose it:
``only value``; ``most specific among consistent values`` (a site over its province, killed 1
with injured 8 over killed 1 alone); ``most specific in the country most sources give`` (places
of several countries that do not conflict: the country the most independent sources place it
in, then the one of most places named, then its most specific place); ``most independent
sources``; ``named or official source over anonymous``; ``earliest report``.

**Conflicts** within a field, only for events that happen at a place (ACLED's political
violence and demonstrations), never for background: two sites or towns of an event's location
farther apart than ``fuse_place_km`` that no sentence names together (places carried over from
the sentence before, marked ``inherited``, never conflict); killed or injured counts that
cannot both hold ("at least 28" fits 32, "about 30" fits 32, "rose to 32" replaces 28),
unless every report of the higher number came out (published, else crawled) at least
``fuse_update_hours`` after every report of the lower one (a toll that rose: its latest report
is chosen). A province next to a site in it, or a missing count
next to a count, is a refinement, not a conflict, and so is a count of a group of people
below a total of no group ("three Emirati soldiers" of "19 killed": ``_totals``; the guideline
docs/annotation-contradictions.md calls a partial count against a total a refinement). Each
side needs a witness: a sentence giving
that value in a document that gives no other value of the field (a round-up or a list of past
attacks gives several, and witnesses nothing), for a toll one that writes none of the event's
other tolls beside its own (two happenings, or a part and its whole, in one sentence), for a
place one that names it after a word of place (``extract.places.placed``: not "Ankara said"),
and the two witnesses must be two documents that are not copies of one text, tell of no
different parts of one stated day (dawn and evening are two happenings: ``_apart_in_time``)
and show they speak of one happening: for tolls, a shared place (a site within
``fuse_site_town_km`` of the other's place counts) and the same stated day or both reports'
main event; for places, the same stated day, kind and main event and the same toll, actor or
target. That evidence is kept as the conflict's ``why``.
In an event of more than ``_EXACT_FOUNDERS`` mentions (hostile input), a field of more than
``_COMPARED_VALUES`` values compares only its most reported ones, each side offers at most
``_WITNESSES`` witnesses, and a rising toll is looked for only among at most
``_COMPARED_VALUES`` values; smaller events, every real one, are weighed whole.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from khabar.acled import civilian_class, sub_event_type
from khabar.extract.actors import actor_dictionary, open_actor
from khabar.extract.document import iso_day
from khabar.extract.events import weapon_of
from khabar.extract.places import Place, distance_km, gazetteer, placed
from khabar.fuse.facts import MentionFact, Source
from khabar.model import EVIDENCE
from khabar.normalize import normalize
from khabar.settings import Settings

__all__ = ["CanonicalEvent", "FieldValue", "build_events", "one_kind", "parts_of_day_apart"]

_PRECISION = {"country": 0, "province": 1, "district": 2, "town": 2, "site": 3}


@dataclass(slots=True)
class FieldValue:
    """One value of one field of an event, with everyone who reported it."""

    value: Any  # the comparable value: a place id, a day, a number, an actor id
    label: str  # for display
    sources: list[Source] = field(default_factory=list)
    detail: dict[str, Any] = field(default_factory=dict)  # coordinates, precision, ...

    @property
    def independent(self) -> int:
        return len({s.source_key for s in self.sources})

    @property
    def outlets(self) -> int:
        return len({s.outlet or f"doc:{s.doc_id}" for s in self.sources})

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "label": self.label, "independent_sources":
                self.independent, "outlets": self.outlets, **self.detail,
                "sources": [s.to_dict() for s in self.sources]}  # fmt: skip


@dataclass(slots=True)
class CanonicalEvent:
    id: str
    story_id: int
    mentions: list[MentionFact]
    fields: dict[str, list[FieldValue]] = field(default_factory=dict)
    chosen: dict[str, tuple[Any, str]] = field(default_factory=dict)  # field → (value, rule)
    conflicts: dict[str, list[tuple[FieldValue, FieldValue]]] = field(default_factory=dict)
    why: dict[tuple[str, Any, Any], str] = field(default_factory=dict)  # conflict → same event

    @property
    def background(self) -> bool:
        return all(m.background for m in self.mentions)

    def _shown(self) -> list[set[str] | None]:
        """What each mention shows of this event (``EventMention.evidence``; None where not
        stored): all of it when the mention tells an event of ACLED's types or the event is
        of none; else (a statement fused into an attack: "condemned the bombing that killed
        20") only a toll or a weapon, never its own trigger word or an armed party it names,
        which show the statement, not the attack."""
        typed = any(m.acled_type for m in self.mentions)
        return [None if m.evidence is None else set(m.evidence) if m.acled_type or not typed
                else set(m.evidence) & {"toll", "weapon"} for m in self.mentions]  # fmt: skip

    @property
    def evidence(self) -> list[str]:
        """What its mentions show it by beyond the sentence classifier's guess
        (``EventMention.evidence``, read by ``_shown``), in ``model.EVIDENCE`` order."""
        shown = {kind for kinds in self._shown() for kind in (kinds or ())}
        return [kind for kind in EVIDENCE if kind in shown]

    @property
    def weak(self) -> bool:
        """Whether every mention was typed by the classifier or a CAMEO verb alone, with no
        word of the event lexicon, weapon, toll or armed party (``EventMention.evidence``: an
        armed party counts where the classifier was at least 0.5 sure of a type it or a CAMEO
        verb gave alone; mentions stored before their evidence was are never weak; a statement
        fused into an attack shows only a toll or a weapon: ``_shown``). Of the 65 ACLED rows of
        400 SaudiNewsNet articles (2015-07-21), 17 were weak: 16 of them told of no political
        violence (a football club's training, a treasury's bond sale, a flag raised in Havana, a
        visit to an eye doctor), one of a lynching; of the 48 others, about 9 still tell of
        none. Rows judged since: ``khabar eval rows`` (docs/accuracy.md)."""
        return all(kinds is not None and not kinds for kinds in self._shown())

    @property
    def subtype(self) -> str | None:
        """The reports' ACLED sub-type: the more specific of one kind (``_ONE_KIND``: a suicide
        bomb over an explosive), else the first stated. An attack stays an attack when at least
        as many English sentences of its reports say it struck civilians
        (``acled.civilian_class`` of the recipient or victims: "a gunman shot shoppers") as
        tell of an armed clash (a sentence is a mention, a report's title too): the police
        who shot the attacker make no armed clash of a stabbing spree (ACLED's codebook: an
        attack on civilians is violence against civilians). Wikinews trial store: the El Paso
        shooting and the Paris and Streatham stabbings are attacks again. Not in Arabic, whose
        generic-actor lexicon holds "others" (آخرون) among civilians: on the contradiction dev
        store 5 of 8 battles it would change were battles. Attacks told without their means
        (``_unstated``) give way to the explosion or strike other sentences tell."""
        told = [m for m in self.mentions if m.subtype]
        stated = [m.subtype for m in told]
        struck = sum(m.subtype == "Attack" and m.doc.lang == "en"
                     and 7 in (civilian_class(m.target), civilian_class(m.victims))
                     for m in self.mentions)  # fmt: skip
        if struck and struck >= stated.count("Armed clash"):
            stated = [t for t in stated if t != "Armed clash"]
        if any(_kind(t) != "fighting" for t in stated):  # attacks told without their means
            stated = [m.subtype for m in told if m.subtype in stated and not _unstated(m)]
        return min((t for t in stated if t in _MORE_SPECIFIC), key=_MORE_SPECIFIC.__getitem__,
                   default=stated[0] if stated else None)  # fmt: skip

    @property
    def acled_type(self) -> str:
        """The ACLED event type of the mention that gives ``subtype``, else the first's."""
        want = self.subtype
        return next((m.acled_type for m in self.mentions if want and m.subtype == want),
                    self.mentions[0].acled_type)  # fmt: skip

    @property
    def acled_subtype(self) -> str | None:
        """ACLED's sub-event type as stored and exported: the reports' own, else the type's
        unstated one (an explosion of unstated cause: ``acled.sub_event_type``); ``subtype``
        keeps what the reports said, for grouping."""
        return sub_event_type(self.acled_type, self.subtype) or None

    @property
    def plover(self) -> str:
        """The PLOVER type of the mention that gives the ACLED sub-type (``acled_type``'s, so
        the two agree), else the type most mentions give (the first of them on a tie): a
        solidarity statement first in a bombing's reports is not the bombing's type."""
        want = self.subtype
        typed = next((m.plover for m in self.mentions if want and m.subtype == want), None)
        if typed is not None:
            return typed
        counts = Counter(m.plover for m in self.mentions)
        return max(counts, key=lambda t: counts[t])  # a tie: the first counted, in order

    def value(self, name: str) -> Any:
        return self.chosen.get(name, (None, ""))[0]

    def chosen_value(self, name: str) -> FieldValue | None:
        want = self.value(name)
        return next((v for v in self.fields.get(name, []) if v.value == want), None)

    @property
    def sources(self) -> list[Source]:
        return [m.source() for m in self.mentions]

    def to_dict(self) -> dict[str, Any]:
        srcs = self.sources
        return {
            "id": self.id, "story_id": self.story_id, "plover": self.plover,
            "acled_type": self.acled_type, "acled_subtype": self.acled_subtype,
            "background": self.background, "evidence": self.evidence, "weak": self.weak,
            "chosen": {k: {"value": v, "rule": r} for k, (v, r) in self.chosen.items()},
            "fields": {k: [v.to_dict() for v in vs] for k, vs in self.fields.items() if vs},
            "independent_sources": len({s.source_key for s in srcs}),
            "outlets": sorted({s.outlet or f"doc:{s.doc_id}" for s in srcs}),
            "languages": sorted({s.lang for s in srcs}),
            "documents": sorted({s.doc_id for s in srcs}),
            "mentions": [m.key for m in self.mentions],
        }  # fmt: skip


# --- grouping --------------------------------------------------------------------------------


def _inherited(m: MentionFact) -> list[Place]:
    places = gazetteer().places
    return [places[i] for i in m.place_ids if i in places]


def _specific(m: MentionFact) -> list[Place]:
    """Sites and towns of a mention: named in its sentence, or inherited from the one before."""
    if m.inherited:
        return [p for p in _inherited(m) if _PRECISION[p.precision] >= 2]
    return [p.place for p in m.places if _PRECISION[p.place.precision] >= 2 and not p.relation]


def _named(m: MentionFact) -> list[Place]:
    """Places of a mention below country level (sites, towns, districts, provinces)."""
    if m.inherited:
        return [p for p in _inherited(m) if p.precision != "country"]
    return [p.place for p in m.places if p.place.precision != "country" and not p.relation]


def _countries(m: MentionFact) -> set[str]:
    """Countries of a mention's places: named in its sentence, or carried over (place ids)."""
    places = gazetteer().places
    carried = {places[pid].country for pid in m.place_ids if pid in places}
    return {p.place.country for p in m.places} | carried | {pid for pid in m.place_ids
                                                            if len(pid) == 2}  # fmt: skip


def _can_found(m: MentionFact) -> bool:
    if {"denied", "negated", "planned", "called", "recalled", "tally"} & set(m.modality):
        return False  # a strike denied, or decided, allowed, threatened, called for, pledged,
        # announced by its organisers (``events._called_for``): no happening yet; or
        # told by its funeral or condolences, after it (``events._mourned``); or a tally of a
        # period's attacks, no one happening (``events._tally``)
    own = [p for p in m.places if p.place.precision != "country" and not p.relation]
    return m.day is not None or bool(own)


def _link(a: MentionFact, b: MentionFact, km: float) -> float:
    """How strongly two mentions look like one event (0: no evidence)."""
    pa, pb = _specific(a), _specific(b)
    shared = {p.id for p in pa} & {p.id for p in pb}
    # the distances of every pair of their places, once (read for "near" and for the veto below)
    apart = [] if shared else [distance_km((x.lat, x.lon), (y.lat, y.lon)) for x in pa for y in pb]
    near = any(d <= km for d in apart)
    same_day = a.day is not None and a.day == b.day
    copied = _copied_sentence(a, b)
    if not (shared or near or copied or (same_day and (_countries(a) & _countries(b)
                                                       or _placeless_twins(a, b)))):  # fmt: skip
        return 0.0
    if apart and not (a.inherited or b.inherited or near or copied) and all(
            d > _APART_KM for d in apart):
        # both name their towns or sites, far apart, in their own sentences: two happenings of
        # one day in one country (a border post's shooting in Kilis and a policeman's in
        # Diyarbakir, 2015-07-23); a place carried over from the sentence before is no such
        # evidence
        return 0.0
    score = 2.0 * len(shared) + (1.0 if near else 0.0) + (2.0 if same_day else 0.0) \
        + (2.0 if copied else 0.0)  # fmt: skip
    if one_kind(a.subtype, b.subtype):
        score += 1.0
    return score


_APART_KM = 150  # towns or sites this far apart tell two happenings, even of one day
_COPIED_WORDS = 6  # fewest words of a sentence whose copy in another report tells one happening


_WORDS = re.compile(r"\w+")


@lru_cache(maxsize=65536)
def _sentence_key(sentence: str) -> tuple[str, ...]:
    """The words of a sentence, normalised, punctuation left out ("الهدنة." is "الهدنة")."""
    return tuple(_WORDS.findall(normalize(sentence)))


def _copied_sentence(a: MentionFact, b: MentionFact) -> bool:
    """Two mentions of a story read from one sentence, word for word once normalised, in two
    documents (a wire text and its copies, which give no place or day the grouping could
    share: four copies of "طالب الرئيس اليمني ... باحترام الهدنة" were four events): one
    happening. A sentence of fewer than ``_COPIED_WORDS`` words ("وأصيب ثلاثة آخرون") may
    tell different happenings in different reports, so it needs other evidence."""
    if a.doc.id == b.doc.id:
        return False
    key = _sentence_key(a.sentence)
    return len(key) >= _COPIED_WORDS and key == _sentence_key(b.sentence)


def _placeless_twins(a: MentionFact, b: MentionFact) -> bool:
    """Two mentions of a story that name no place and give one toll above 0 ("جنديين كوريين جنوبيين
    أصيبا بجروح في انفجار" in two reports of one day): on the day they share, one happening,
    as a shared country would make them."""
    if a.places or b.places or a.place_ids or b.place_ids:
        return False
    tolls = (a.killed, a.injured)
    return any(tolls) and tolls == (b.killed, b.injured)  # a toll of 0 names no happening


# ACLED sub-types that reports of one happening give each other (ACLED's codebook: a suicide
# bombing is an explosion whose bomber is named as such; outlets that do not say so report an
# explosive device; an assault is an armed clash where its recipient is armed, an attack on
# civilians otherwise, and reports name different parties, or none; a battle in which a place
# is taken is an armed clash whose report says so): one kind for grouping, the more specific
# first, in rank (a place taken tells more than a clash; an armed recipient is evidence; an
# attack is also what an unknown recipient gives). Closed.
_ONE_KIND = {"Suicide bomb": "bombing", "Remote explosive/landmine/IED": "bombing",
             "Government regains territory": "fighting",
             "Non-state actor overtakes territory": "fighting",
             "Armed clash": "fighting", "Attack": "fighting"}  # fmt: skip
_MORE_SPECIFIC = {"Government regains territory": 0, "Non-state actor overtakes territory": 0,
                  "Suicide bomb": 1, "Armed clash": 1}  # rank; of one rank, the first stated


# Sub-types an attack told without its means may turn out to be (``_unstated``): fighting and
# explosions by any means but chemical weapons (ACLED's codebook, section 4). Closed.
_ATTACKS = frozenset({"Armed clash", "Attack", "Air/drone strike", "Suicide bomb", "Grenade",
                      "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                      "Government regains territory", "Non-state actor overtakes territory"})
_ANY_ATTACK = "attack of unstated means"  # its sub-type in a group (``_Group``)


def _unstated(m: MentionFact) -> bool:
    """An attack told without its means: an assault typed ``Attack`` with no weapon word and
    no mode, or only the firearms the mode model guesses most often ("21 killed in an attack
    claimed by the Taliban"). Its reports' other sentences may tell a suicide bombing or a
    shelling (ACLED's codebook codes an explosion on civilians as an explosion), so it groups
    with an event of any kind of attack and gives it no kind."""
    return m.subtype == "Attack" and m.mode in (None, "firearms") and m.weapon is None


def _kind(subtype: str) -> str:
    """The kind of an ACLED sub-type for grouping and evidence (``_ONE_KIND``), else itself."""
    return _ONE_KIND.get(subtype, subtype)


def one_kind(a: str | None, b: str | None) -> bool:
    """Whether two stated ACLED sub-types are one kind of event (``_ONE_KIND``: a suicide bomb
    and an explosive device, an armed clash and an attack; else the same sub-type)."""
    return bool(a) and bool(b) and _kind(a or "") == _kind(b or "")


def _kinds(subtypes: set[str]) -> set[str]:
    return {_kind(t) for t in subtypes}


@dataclass(slots=True)
class _Group:
    members: list[MentionFact]
    subtypes: set[str]
    days: set[date]
    background: bool
    hours: dict[str, set[int]]  # stated day -> hours of the parts of it its mentions give
    towns: dict[str, Place]  # id -> the sites, towns, districts its members name (``_own_towns``)

    @classmethod
    def of(cls, m: MentionFact) -> _Group:
        hour = _PART_HOURS.get(m.part_of_day or "")
        return cls([m], {_ANY_ATTACK if _unstated(m) else m.subtype} if m.subtype else set(),
                   {date.fromisoformat(m.day)} if m.day else set(), m.background,
                   {m.day: {hour}} if m.day and hour is not None else {},
                   _own_towns(m))  # fmt: skip

    def fits(self, other: _Group, tolerance: int) -> bool:
        subtypes = self.subtypes | other.subtypes
        stated = subtypes - {_ANY_ATTACK}
        if self.background != other.background or len(_kinds(stated)) > 1:
            return False
        if _ANY_ATTACK in subtypes and stated - _ATTACKS:
            return False  # an attack told without its means is no arrest nor protest
        for day, hours in self.hours.items():
            if _hours_apart(hours, other.hours.get(day, set())):
                return False  # dawn and evening of one stated day: two happenings
        if _far_apart(self.towns, other.towns):
            return False  # each names its own towns or sites, all far apart: two happenings,
            # whatever mention of no town linked them (no chaining: ``_link``'s veto, for groups)
        days = self.days | other.days
        return not days or (max(days) - min(days)).days <= tolerance

    def absorb(self, other: _Group) -> None:
        self.members += other.members
        self.subtypes |= other.subtypes
        self.days |= other.days
        self.towns.update(other.towns)
        for day, hours in other.hours.items():
            self.hours.setdefault(day, set()).update(hours)


_VETO_TOWNS = 4  # groups naming more towns than this (a round-up's) are not held apart by them


def _own_towns(m: MentionFact) -> dict[str, Place]:
    """The sites, towns and districts a mention names in its own sentence, by id: ``_specific``'s,
    none when inherited (not one described as "near"; a dispatch's town counts, as in
    ``_link``'s veto)."""
    return {} if m.inherited else {p.id: p for p in _specific(m)}


def _far_apart(a: dict[str, Place], b: dict[str, Place]) -> bool:
    """Whether two groups' towns (``_Group.towns``, each at most ``_VETO_TOWNS``) share none
    and are all more than ``_APART_KM`` apart."""
    if not a or not b or len(a) > _VETO_TOWNS or len(b) > _VETO_TOWNS or a.keys() & b.keys():
        return False
    return all(_km(x.lat, x.lon, y.lat, y.lon) > _APART_KM for x in a.values() for y in b.values())


@lru_cache(maxsize=65536)
def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return distance_km((lat1, lon1), (lat2, lon2))


# Bounds that keep fusion linear on hostile input (thousands of mentions of one place and day
# in one story); each applies only past _EXACT_FOUNDERS, so real stories are fused exactly:
_EXACT_FOUNDERS = 400  # up to this many founding mentions, every pair is weighed
_BLOCK_LINKS = 24  # beyond it, each mention is weighed against this many before it per block
_JOIN_LOOKS = 200  # a mention that cannot found an event looks at this many members of a group
_COMPARED_VALUES = 12  # a field's values compared for conflicts: its most reported ones
_WITNESSES = 50  # witnesses of each side weighed against each other (the first in the event)


def _candidates(founders: list[MentionFact]) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of founders that may link: all pairs for a story of
    at most ``_EXACT_FOUNDERS``; beyond that, each founder with the ``_BLOCK_LINKS`` founders
    before it that share one of its sites or towns, or its day and a country (linked chains
    still join a whole group; places only near each other are not weighed)."""
    n = len(founders)
    if n <= _EXACT_FOUNDERS:
        return [(i, j) for i in range(n) for j in range(i + 1, n)]
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    out: set[tuple[int, int]] = set()
    for j, m in enumerate(founders):
        keys = [("place", p.id) for p in _specific(m)]
        if m.day is not None:
            keys += [("day", m.day, c) for c in _countries(m)]
        for key in dict.fromkeys(keys):  # a site named twice is one block
            block = blocks[key]
            out.update((i, j) for i in block[-_BLOCK_LINKS:])
            block.append(j)
    return sorted(out)


def _group(mentions: list[MentionFact], settings: Settings) -> list[list[MentionFact]]:
    founders = [m for m in mentions if _can_found(m)]
    groups = {m.key: _Group.of(m) for m in founders}
    owner = {m.key: m.key for m in founders}

    def root(k: str) -> str:
        while owner[k] != k:
            k = owner[k]
        return k

    pairs = sorted(
        ((s, i, j) for i, j in _candidates(founders)
         if (s := _link(founders[i], founders[j], settings.fuse_place_km)) > 0),
        key=lambda t: (-t[0], t[1], t[2]),
    )  # fmt: skip
    for _, i, j in pairs:
        ra, rb = root(founders[i].key), root(founders[j].key)
        if ra != rb and groups[ra].fits(groups[rb], settings.fuse_date_tolerance_days):
            groups[ra].absorb(groups.pop(rb))
            owner[rb] = ra
    looks = _JOIN_LOOKS if len(founders) > _EXACT_FOUNDERS else None
    for m in mentions:  # the rest join the group they fit best, never found one
        if m.key in owner:
            continue
        best = max(
            ((max(_link(m, x, settings.fuse_place_km) for x in g.members[:looks]), k)
             for k, g in groups.items() if g.fits(_Group.of(m), settings.fuse_date_tolerance_days)),
            default=(0.0, ""),
        )  # fmt: skip
        if best[0] > 0:  # its kind counts for the next ones (no attack joins a strike too)
            groups[best[1]].absorb(_Group.of(m))
    ordered = sorted(
        groups.values(), key=lambda g: (min(g.days, default=date.max), g.members[0].key)
    )
    return [g.members for g in ordered]


# --- fields ----------------------------------------------------------------------------------


def _actor_label(actor_id: str) -> str:
    """The name of a curated or open-dictionary actor (``actors.open_actor``), else the id."""
    actor = actor_dictionary().actors.get(actor_id)
    if actor is not None:
        return actor.name
    world = open_actor(actor_id)
    return world.name if world is not None else actor_id


# CAMEO codes (three letters each, joined: IMGMUSALQ) of the open-dictionary actors a fused
# event may name as a side: states' forces, rebels and insurgents, intelligence, militias,
# militarised groups (ACLED's actors of political violence); a country's government too, but no
# organisation of the government sector (ministries and agencies that report, condemn or
# count), and none that is also a company, a medium, an NGO, an international body, a party,
# a court or a school (a review of the first version: a health ministry, a news agency, G8)
_SIDE_CODES = frozenset({"MIL", "COP", "REB", "INS", "SPY", "PMF", "IMG", "UAF"})
_NOT_SIDE_CODES = frozenset({"MNC", "BUS", "MED", "NGO", "IGO", "EDU", "HLH", "JUD", "PTY",
                             "ELI", "CVL", "REF", "LAB", "LEG", "AGR"})  # fmt: skip


def _named_actor(value: str) -> bool:
    """Whether a mention's actor or target is a dictionary actor's id that a fused event
    names: a curated actor (``actors.tsv``), or of the open dictionaries (``actors_world.tsv``:
    PETRARCH, Phoenix) an organisation of a CAMEO code of ``_SIDE_CODES`` (al-Qaeda, Boko
    Haram, the Saudi-led coalition, حركة طالبان) or a country's government, military or police;
    not persons, nor PETRARCH's one-word Arabic entries (ids ``AR_``: names of persons and
    common words among them, سليمان, أفضل), nor a text the rules or the recogniser found."""
    if not value[:1].isupper():
        return False
    if value in actor_dictionary().actors:
        return True
    world = open_actor(value)
    if world is None or world.kind == "person" or (value.startswith("AR_")
                                                    and " " not in world.name.strip()):
        return False
    codes = {world.sector[i : i + 3] for i in range(0, len(world.sector), 3)}
    if codes & _NOT_SIDE_CODES:
        return False
    sides = _SIDE_CODES | ({"GOV"} if world.kind == "country_sector" else frozenset())
    return bool(codes & sides)


def _collect(mentions: list[MentionFact]) -> dict[str, list[FieldValue]]:
    values: dict[str, dict[Any, FieldValue]] = defaultdict(dict)

    def add(name: str, value: Any, label: str, m: MentionFact, **detail: Any) -> None:
        fv = values[name].setdefault(value, FieldValue(value, label, detail=detail))
        src = m.source()
        if src not in fv.sources:
            fv.sources.append(src)

    for m in mentions:
        if m.day:
            add("date", m.day, m.date_text or m.day, m, note=m.date_note)
        for clock in m.times:
            add("time", clock, clock, m, precision="clock")
        if m.part_of_day and not m.times:
            add("time", m.part_of_day, m.part_of_day, m, precision="part of day")
        named = any(p.role == "location" for p in m.places)
        for p in m.places:
            if p.role == "dispatch" and named:
                continue  # a dispatch's place where the sentence names the event's own
            if p.relation and not p.relation.endswith(" part of"):
                if p.role != "origin":  # "south of Kabul": near it, not in it
                    add("near", p.place.id, f"{p.relation} {p.place.name}", m,
                        precision=p.place.precision, country=p.place.country, lat=p.place.lat,
                        lon=p.place.lon, place=p.place.name)  # fmt: skip
                continue
            # "في شمال قطاع غزة" (north part of the Gaza Strip): in it
            add("origin" if p.role == "origin" else "location", p.place.id, p.place.name, m,
                precision=p.place.precision,
                country=p.place.country, lat=p.place.lat, lon=p.place.lon)  # fmt: skip
        if m.inherited and not m.places:  # the place of the sentence before, said so
            for place in _inherited(m):
                add("location", place.id, place.name, m, precision=place.precision,
                    country=place.country, lat=place.lat, lon=place.lon,
                    inherited=True)  # fmt: skip
        # who denies an attack or says it did not happen names no party of it ("CENTCOM
        # denied any responsibility for the explosion": not its actor)
        denied = bool({"denied", "negated"} & set(m.modality))
        # an open-dictionary side only from a report of the deed itself: not a statement
        # (a government that condemned it), nor one that recalls it or asks for it
        deed = bool(m.acled_type) and not {"recalled", "called", "planned"} & set(m.modality)
        for name, value in (("actor", m.actor), ("target", m.target)):
            if value and not denied and _named_actor(value) and (
                    deed or value in actor_dictionary().actors):  # fmt: skip
                add(name, value, _actor_label(value), m)
        # the actor's supporter, from a mention that names the actor too (the export keeps it
        # only beside that actor: ``export._supporter``)
        if m.assoc_actor and not denied and _named_actor(m.assoc_actor) \
                and m.actor and _named_actor(m.actor):  # fmt: skip
            add("assoc_actor", m.assoc_actor, _actor_label(m.assoc_actor), m)
        if m.weapon:
            add("weapon", m.weapon, m.weapon, m)
        trigger = normalize(m.trigger)
        for n, word in m.counts:
            if word == trigger:
                add("count", n, f"{n} {m.trigger}", m)
        for name in ("killed", "injured"):  # an arrest or a statement has no toll of its own:
            if (n := getattr(m, name)) is not None and m.acled_type in _PHYSICAL:  # the
                add(name, n, str(n), m)  # one in its sentence is another event's
    _tidy_places(values)
    return {k: list(v.values()) for k, v in values.items() if v}


def _tidy_places(values: dict[str, dict[Any, FieldValue]]) -> None:
    """A place given as where an attack came from anywhere in the event is its origin; a
    country is a location only when no more specific place is, or it holds one."""
    origin, location = values.get("origin", {}), values.get("location", {})
    for pid in [p for p in location if p in origin]:
        origin[pid].sources += [s for s in location.pop(pid).sources
                                if s not in origin[pid].sources]  # fmt: skip
    specific = {
        v.detail["country"] for v in location.values() if v.detail["precision"] != "country"
    }
    if specific:
        for pid in [p for p, v in location.items()
                    if v.detail["precision"] == "country" and v.value not in specific]:  # fmt: skip
            del location[pid]


def _place_conflict(a: FieldValue, b: FieldValue, km: float, together: set[frozenset]) -> bool:
    if a.detail.get("inherited") or b.detail.get("inherited"):
        return False  # a place carried over from the sentence before is no one's version
    if min(_PRECISION[a.detail["precision"]], _PRECISION[b.detail["precision"]]) < 2:
        return False  # a country or province next to a place in it refines it
    if frozenset((a.value, b.value)) in together:
        return False  # named together in one sentence: several places, not versions
    if a.detail.get("country") != b.detail.get("country"):
        return False  # a capital for its government, a misread word: not one event's place
    return distance_km(_coords(a), _coords(b)) > km


def _coords(fv: FieldValue) -> tuple[float, float]:
    return float(fv.detail["lat"]), float(fv.detail["lon"])


# Event kinds that happen at one place with a toll: ACLED's political violence and
# demonstrations. Statements (ACCUSE, CONSULT ...) have a place only as where someone spoke.
_PHYSICAL = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
             "Riots"}  # fmt: skip


def _conflicts(
    event: CanonicalEvent, km: float, hours: float, site_km: float
) -> dict[str, list[tuple[FieldValue, FieldValue]]]:
    """Pairs of values of one field that sources really disagree on (module docstring), each
    with why both sides speak of the same event (``event.why``). ``km``: two places farther
    apart clash; ``site_km``: a site and a town this close are one place for the witnesses."""
    if event.acled_type not in _PHYSICAL or event.background:
        return {}
    together: set[frozenset] = set()
    at: dict[tuple[str, int], list[tuple[int, MentionFact]]] = defaultdict(list)
    for n, m in enumerate(event.mentions):
        ids = [p.place.id for p in m.places if p.role == "location"]
        together |= {frozenset((x, y)) for x in ids for y in ids if x != y}
        at[(m.doc.id, m.start)].append((n, m))
    big = len(event.mentions) > _EXACT_FOUNDERS
    tolls = frozenset(v.value for n in ("killed", "injured") for v in event.fields.get(n, [])
                      if isinstance(v.value, int))  # fmt: skip
    out: dict[str, list[tuple[FieldValue, FieldValue]]] = {}
    for name in ("location", "killed", "injured"):
        vals = _leading(event.fields.get(name, []), big)

        def clash(a: FieldValue, b: FieldValue, name: str = name) -> bool:
            if name == "location":
                return _place_conflict(a, b, km, together)
            return a.value != b.value

        pairs = []
        for i, a in enumerate(vals):
            for b in vals[i + 1 :]:
                if not clash(a, b) or (name != "location" and _is_update(a, b, hours)):
                    continue
                why = _same_event(at, name, (a, b), site_km, _WITNESSES if big else None,
                                  tolls if name != "location" else frozenset())
                if why:
                    pairs.append((a, b))
                    event.why[(name, a.value, b.value)] = why
        if pairs:
            out[name] = pairs
    return out


def _leading(vals: list[FieldValue], big: bool) -> list[FieldValue]:
    """The values of a field that are compared for conflicts: all of them, or, in a ``big``
    event (hostile input) past ``_COMPARED_VALUES`` values, the most reported ones (most
    independent sources, then first given), in their order."""
    if not big or len(vals) <= _COMPARED_VALUES:
        return vals
    ranked = sorted(range(len(vals)), key=lambda i: (-vals[i].independent, i))
    return [vals[i] for i in sorted(ranked[:_COMPARED_VALUES])]


_Mentions = dict[tuple[str, int], list[tuple[int, MentionFact]]]  # (doc, start) → (order, m)


def _witnesses(at: _Mentions, fv: FieldValue, other: FieldValue,
               tolls: frozenset[int] = frozenset()) -> list[MentionFact]:  # fmt: skip
    """Mentions (of ``at``, the event's by document and start) that give ``fv`` and not
    ``other``'s value in their document (a document giving both is a round-up, an update or two
    versions: see ``_versions``), nor ``other``'s number anywhere in their sentence (a sentence
    giving both numbers mixes two happenings or counts), never from background; in the event's
    order. For a toll, also none whose sentence writes as a toll (``MentionFact.tolls``: a
    number next to a word of death or injury, or of people; not a clock time nor "one of
    them") another of the event's tolls (``tolls``: every killed and injured value reported)
    beside its own killed and injured: a sentence that sets "the Colorado gunman who killed
    12" beside "killed two and wounded 9 in Lafayette" mixes two happenings, one that gives 3
    beside a total of 4 a part and its whole."""
    theirs = {s.doc_id for s in other.sources}
    mine = dict.fromkeys((s.doc_id, s.start) for s in fv.sources)
    found = sorted((n, m) for key in mine for n, m in at.get(key, ()))
    return [m for _, m in found if not m.background
            and not (isinstance(other.value, int) and other.value in m.numbers)
            and not (tolls - {m.killed, m.injured}) & m.tolls
            and (m.doc.id not in theirs or m.speaker)]  # fmt: skip


def _placed_in(m: MentionFact, place_id: str) -> bool:
    """A mention's sentence names the place ``place_id`` as where something is (a preposition
    or word of place before it: ``extract.places.placed``), not as a capital's government
    ("a suicide attack that Ankara attributed to the group") or in passing."""
    return any(p.place.id == place_id and placed(m.doc.raw_text[max(0, p.start - 40) : p.start])
               for p in m.places)  # fmt: skip


def _parts(m: MentionFact, name: str) -> frozenset[int]:
    """Other tolls of the same kind a witness's sentence may give beside its own, when it names
    two or more places (7 at one camp, 6 at another): its numbers, less its own tolls (killed
    and injured) and the counted weapons ("two rockets"); none for a sentence of one place (a
    clock time, an age or "one of them" is no second toll)."""
    if len({p.place.id for p in m.places if not p.relation}) < 2:
        return frozenset()
    weapons = {n for n, word in m.counts if weapon_of(word)}
    return m.numbers - {m.killed, m.injured, getattr(m, name)} - weapons


def _counts_clash(name: str, low: list[MentionFact], high: list[MentionFact]) -> bool:
    """Two tolls, given by the witnesses ``low`` (the lower number) and ``high``, that cannot
    both hold as written: "at least 28" fits 32, "about 30" fits 32 (within a fifth), a higher
    toll given as an update ("rose to 32", "new toll") replaces 28, a part is no total (7 and 6
    in one sentence fit 13), a later report's dead and wounded that add up to an earlier one's
    (``_wounded_died``); 28 does not fit 32."""
    a, b = getattr(low[0], name), getattr(high[0], name)
    said_low = frozenset().union(*(m.toll_words for m in low))
    said_high = frozenset().union(*(m.toll_words for m in high))
    if "at least" in said_low or "update" in said_high:
        return False
    if f"vague {a}" in said_low or f"vague {b}" in said_high:
        return False  # a vague word's value ("العشرات" as 20) is no figure to dispute (the
        # extractor reads vague words as no count since 2026-12-03: a guard for older stores)
    if any(a + n == b for m in low for n in _parts(m, name)):
        return False  # "7 at one front and 6 at another": a part of the 13 the other gives
    if all(_wounded_died(m, n) for m in low for n in high):
        return False  # "injures nine", then "killed one and wounded eight": a wounded man died
    return not ("about" in said_low | said_high and b - a <= max(2, 0.2 * b))


def _wounded_died(x: MentionFact, y: MentionFact) -> bool:
    """Whether two witnesses of two tolls count the same dead and wounded together, the one with
    more dead writing both counts and coming out on a later day than the other: the wounded who
    died since ("injures nine", then five days later "killed one person and wounded eight")."""
    more, fewer = (x, y) if (x.killed or 0) > (y.killed or 0) else (y, x)
    if more.killed is None or more.injured is None or _casualties(more) != _casualties(fewer):
        return False
    later, earlier = _news_day(more), _news_day(fewer)
    return later is not None and earlier is not None and later[0] > earlier[0]


def _casualties(m: MentionFact) -> int:
    """A mention's dead and wounded together (an unknown count as none)."""
    return (m.killed or 0) + (m.injured or 0)


def _totals(low: list[MentionFact], a: int, high: list[MentionFact], b: int) -> list[MentionFact]:
    """The witnesses of the lower toll ``a`` that may give a total against the higher ``b``:
    all of them when a witness of ``b`` counts people of a group too ("3 soldiers" against
    "5 soldiers", or "5 members": group words are too loose to tell two groups apart), else
    those that count ``a`` people of no group ("3 killed", "3 people"). "Three Emirati
    soldiers killed" is a part of "19 killed", not a rival count of them
    (``events.toll_groups``)."""
    if any(v == b for m in high for v, _ in m.groups):
        return low
    return [m for m in low if not any(v == a for v, _ in m.groups)]


def _same_event(
    at: _Mentions, name: str, pair: tuple[FieldValue, FieldValue], site_km: float,
    cap: int | None = None, tolls: frozenset[int] = frozenset(),
) -> str | None:
    """Why two values come from reports of one happening, or None: a witness of each, in two
    documents that are not copies of one text, sharing a place (for tolls) and a stated day or
    being both reports' main event; for places, the same stated day, kind and main event, and
    the same toll, actor or target."""
    # ``cap``: the first witnesses of a big event; ``tolls``: see ``_witnesses``
    xs = _witnesses(at, pair[0], pair[1], tolls)
    ys = _witnesses(at, pair[1], pair[0], tolls)
    if name == "location":  # each side's place named as where it happened
        xs = [m for m in xs if _placed_in(m, pair[0].value)]
        ys = [m for m in ys if _placed_in(m, pair[1].value)]
    if name != "location":  # a count of a group of people witnesses no total
        if pair[0].value < pair[1].value:
            xs = _totals(xs, pair[0].value, ys, pair[1].value)
        else:
            ys = _totals(ys, pair[1].value, xs, pair[0].value)
    xs, ys = xs[:cap], ys[:cap]
    if not xs or not ys:
        return None
    if name != "location":
        low, high = (xs, ys) if pair[0].value < pair[1].value else (ys, xs)
        if not _counts_clash(name, low, high):
            return None
    both = {s.doc_id for s in pair[0].sources} & {s.doc_id for s in pair[1].sources}
    for x in xs:
        for y in ys:
            if x.doc.id == y.doc.id:
                why = _versions(x, y, name)
            elif x.doc.id in both or y.doc.id in both:
                continue
            elif x.source_key == y.source_key:
                continue
            else:
                why = _evidence(x, y, site_km, name)
            if why:
                return why
    return None


def _versions(x: MentionFact, y: MentionFact, name: str) -> str | None:
    """Two speakers' versions of one happening in one report: speakers that differ (not one
    source and its inherited repeat), no two different days, and for tolls a place both
    sentences name; for places, two sites (which base was hit), not towns or regions a report
    names along the way."""
    sx, sy = _voice(x.speaker), _voice(y.speaker)
    if not (sx and sy and sx != sy):
        return None
    if name != "location" and "anonymous" in (x.speaker_id, y.speaker_id):
        return None  # two unnamed sources' tolls in one report: too weak to set against
    if x.day and y.day and x.day != y.day:
        return None
    if name == "location":
        if not all(any(p.place.precision == "site" for p in m.places) for m in (x, y)):
            return None
    elif not ({p.id for p in _named(x)} & {p.id for p in _named(y)}):
        return None
    return (f"{x.doc.outlet or x.doc.id} reports both versions of one "
            f"{(x.subtype or 'event').lower()}: {sx} and {sy}")  # fmt: skip


def _voice(speaker: str | None) -> str | None:
    """A speaker's label without the note that it was carried over from the sentence before."""
    return speaker.split(" (inherited")[0] if speaker else None


# hour of each part of day ``extract.dates`` reads (resources/date_words.tsv, part_of_day)
_PART_HOURS = {"dawn": 5, "morning": 9, "noon": 12, "afternoon": 15, "late afternoon": 17,
               "evening": 19, "night": 23}  # fmt: skip
_PARTS_APART = 10  # hours between two parts of one day that name two happenings


def _hours_apart(a: set[int], b: set[int]) -> bool:
    """Whether an hour of ``a`` and one of ``b`` (parts of one day, ``_PART_HOURS``) are at
    least ``_PARTS_APART`` hours apart, around the clock."""
    return any(min(abs(x - y), 24 - abs(x - y)) >= _PARTS_APART for x in a for y in b)


def parts_of_day_apart(a: str | None, b: str | None) -> bool:
    """Whether two parts of one day ("dawn", "evening": ``_PART_HOURS``; anything else, a
    clock time included, is not compared) are at least ``_PARTS_APART`` hours apart."""
    ha, hb = _PART_HOURS.get(a or ""), _PART_HOURS.get(b or "")
    return ha is not None and hb is not None and _hours_apart({ha}, {hb})


def _apart_in_time(x: MentionFact, y: MentionFact) -> bool:
    """Two mentions give the same stated day and parts of it at least ``_PARTS_APART`` hours
    apart: dawn or morning against evening or night, noon against night (a bombing at dawn
    and one in the evening of one day in one city are two happenings). Clock times are not
    compared: a sentence's clock may be its announcement's, and 12-hour forms ("9:30 مساء")
    are not read as such yet."""
    if x.day is None or x.day != y.day:
        return False  # "Saturday evening" and "early Sunday" may be one night
    return parts_of_day_apart(x.part_of_day, y.part_of_day)


def _evidence(x: MentionFact, y: MentionFact, km: float, name: str) -> str | None:
    """What shows that two mentions in two reports are of one happening, said in words, or
    None (see ``_same_event``)."""
    if name != "location" and x.subtype and y.subtype and not one_kind(x.subtype, y.subtype):
        # a bombing's toll and a shooting's in one town on one day: two events; so too an
        # attack told without its means beside a bombing it was grouped with (``_unstated``):
        # no sign they tell one toll, so their tolls are never set against each other
        return None
    if _apart_in_time(x, y):
        return None  # one at dawn, one in the evening: two events
    said: dict[str, str] = {}
    px, py = _specific(x), _specific(y)
    shared = sorted({p.name for p in _named(x)} & {p.name for p in _named(y)})
    # a site by a town (a base by its city) is one place; two towns are two places
    near = [(p.name, q.name) for p in px for q in py if p.country == q.country
            and "site" in (p.precision, q.precision)
            and distance_km((p.lat, p.lon), (q.lat, q.lon)) <= km]  # fmt: skip
    if shared:
        said["place"] = f"both name {shared[0]}"
    elif near:
        said["place"] = f"{near[0][0]} and {near[0][1]} are within {km:g} km"
    if x.day is not None and x.day == y.day:
        said["day"] = f"both give the day {x.day}"
    if x.main and y.main:
        said["main"] = "it is the main event of both reports"
    if x.subtype and x.subtype == y.subtype:
        said["kind"] = f"both report a {x.subtype.lower()}"
    elif one_kind(x.subtype, y.subtype):
        # a suicide bomb and an explosive: "a bombing"; an armed clash and an attack: "fighting"
        kind = _kind(x.subtype or "")
        said["kind"] = f"both report {'a ' if kind == 'bombing' else ''}{kind}"
    if x.killed is not None and x.killed == y.killed:
        said["toll"] = f"both give {x.killed} killed"
    for role in ("actor", "target"):
        v = getattr(x, role)
        if v and v == getattr(y, role) and v in actor_dictionary().actors:
            said[role] = f"both name {_actor_label(v)} as {role}"
    if name == "location":
        same = {"toll", "actor", "target"} & said.keys()
        ok = {"day", "main", "kind"} <= said.keys() and bool(same)
    else:
        if "day" not in said and "main" in said and not _news_days_meet(x, y):
            del said["main"]  # the main events of reports of two days: two happenings
        ok = "place" in said and bool({"day", "main"} & said.keys())
    if not ok:
        return None
    return f"{x.doc.outlet or x.doc.id} and {y.doc.outlet or y.doc.id}: " + "; ".join(said.values())


def _news_day(m: MentionFact) -> tuple[date, bool] | None:
    """The UTC day a mention's report came out (published, else crawled) and whether the report
    is known only by that day (no time), or None."""
    value = m.doc.published or m.doc.crawled
    t = _instant(value)
    return None if t is None else (t.date(), _day_only(value))


def _news_days_meet(x: MentionFact, y: MentionFact) -> bool:
    """Whether the main events of two reports may be one happening by their days: the day each
    states, else the day its report came out. A report timed to the hour (a web page's
    publication or crawl time) that states no day may tell of the day before it came out
    (today's page, yesterday's bombing), so its day meets the other's day or the day after it;
    a report known only by its day (a portal's summary of the day, as Current Events) dates
    its news by it: two such reports that state no day must be of one day (two of the main
    bombing in Baghdad, a day apart, are two bombings: the Current Events contradiction gold,
    current-dev). Two stated days are left to ``_evidence`` (which gives "day" only when they
    are one; "Saturday evening" and "early Sunday" may be one night). Unknown days meet
    anything."""
    if x.day is not None and y.day is not None:
        return True
    if x.day is None and y.day is None:
        nx, ny = _news_day(x), _news_day(y)
        if nx is None or ny is None:
            return True
        if nx[1] and ny[1]:
            return nx[0] == ny[0]
        return abs((nx[0] - ny[0]).days) <= 1
    stated, unstated = (x, y) if x.day is not None else (y, x)
    news, day = _news_day(unstated), iso_day(stated.day)
    return news is None or day is None or (news[0] - day).days in (0, 1)


def _is_update(a: FieldValue, b: FieldValue, hours: float) -> bool:
    """A toll that rose between reports: every report of the higher number came out (published,
    else crawled) at least ``hours`` after every report of the lower one (tolls rise as bodies
    are found; that is news, not a contradiction). Where a report on either side is known only
    by its day, the days are compared: every report of the higher number came out at least
    ``hours`` rounded up to whole days (one at least) after every report of the lower one (a
    report of the next day is the next day's news: the Current Events contradiction gold's
    annotators judged 15 then 20 police injured in Baltimore, a day apart, an update). Without
    those times nothing is an update."""
    low, high = sorted((a, b), key=lambda v: v.value)
    low_times = [_instant(s.reported) for s in low.sources]
    high_times = [_instant(s.reported) for s in high.sources]
    if not low_times or not high_times or None in low_times or None in high_times:
        return False
    if any(_day_only(s.reported) for v in (low, high) for s in v.sources):
        days = min(t.date() for t in high_times if t) - max(t.date() for t in low_times if t)
        return days.days >= max(1, math.ceil(hours / 24))
    gap = min(t for t in high_times if t) - max(t for t in low_times if t)
    return gap >= timedelta(hours=hours)


def _day_only(value: str | None) -> bool:
    """Whether a publication or crawl time is a day alone (``YYYY-MM-DD``)."""
    return bool(value) and len(str(value)) == 10 and iso_day(value) is not None


def _instant(value: str | None) -> datetime | None:
    """A publication or crawl time as a UTC instant without zone (a time with no zone is taken
    as UTC); a day alone is its start."""
    if not value:
        return None
    if len(value) == 10 and (day := iso_day(value)) is not None:
        return datetime(day.year, day.month, day.day)
    try:
        t = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        day = iso_day(value)
        return None if day is None else datetime(day.year, day.month, day.day)
    return t.replace(tzinfo=None) - (t.utcoffset() or timedelta(0))


def _official(fv: FieldValue) -> int:
    """Sources of a value quoting a named speaker (an actor of the dictionary), not an
    unnamed source."""
    return sum(1 for s in fv.sources if s.speaker_id and s.speaker_id != "anonymous")


def _earliest(fv: FieldValue) -> datetime:
    """When the first report of a value came out (unknown times last)."""
    return min((t for s in fv.sources if (t := _instant(s.reported))), default=datetime.max)


def _choose(name: str, vals: list[FieldValue], conflicting: bool,
            hours: float = 6.0, big: bool = False) -> tuple[Any, str]:  # fmt: skip
    if len(vals) == 1:
        return vals[0].value, "only value"
    if not conflicting and name == "time":  # a clock time refines "evening"
        best = max(vals, key=lambda v: (v.detail["precision"] == "clock", v.independent))
        return best.value, "most specific among consistent values"
    if not conflicting and name in ("location", "origin"):
        # the country first, by the independent sources that place the event in it, then by
        # how many of its places they name (a surname read as a Ukrainian town, "نسرين
        # برواري", beside Mosul, its province and Iraq in one report: Iraq), then the most
        # specific place in it
        sources: dict[str, set[str]] = defaultdict(set)
        named: Counter[str] = Counter()
        for v in vals:
            sources[v.detail["country"]].update(s.source_key for s in v.sources)
            named[v.detail["country"]] += 1
        best = max(vals, key=lambda v: (len(sources[v.detail["country"]]),
                                        named[v.detail["country"]],
                                        _PRECISION[v.detail["precision"]], v.independent))
        if len(sources) > 1:  # places of several countries
            return best.value, "most specific in the country most sources give"
        return best.value, "most specific among consistent values"
    if name in ("location", "origin"):  # versions compete at the most specific level given
        top = max(_PRECISION[v.detail["precision"]] for v in vals)
        vals = [v for v in vals if _PRECISION[v.detail["precision"]] == top]
        if len(vals) == 1:
            return vals[0].value, "only value at the most specific level"
    if name in ("killed", "injured") and not conflicting \
            and (not big or len(vals) <= _COMPARED_VALUES):  # fmt: skip
        # a rising toll: its last report
        rose = [v for v in vals
                if all(_is_update(u, v, hours) for u in vals if u.value < v.value)
                and any(u.value < v.value for u in vals)]  # fmt: skip
        if rose:  # every lower toll was reported hours before: the highest is the latest
            return max(rose, key=lambda v: v.value).value, "latest report of a rising toll"
    ranked = sorted(vals, key=lambda v: (-v.independent, -_official(v), _earliest(v)))
    first, second = ranked[0], ranked[1]
    if first.independent > second.independent:
        rule = "most independent sources"
    elif _official(first) > _official(second):
        rule = "named or official source over anonymous"
    else:
        rule = "earliest report"
    return first.value, rule


def build_events(
    story_id: int, mentions: list[MentionFact], settings: Settings
) -> list[CanonicalEvent]:
    """The canonical events of one story (see the module docstring)."""
    events = []
    for n, members in enumerate(_group(mentions, settings), 1):
        event = CanonicalEvent(f"{story_id}.{n}", story_id, members)
        event.fields = _collect(members)
        if event.acled_type not in _PHYSICAL:  # an arrest, a statement: the tolls its
            for name in ("killed", "injured"):  # sentences give are of the attack they recall
                event.fields.pop(name, None)
        hours = settings.fuse_update_hours
        event.conflicts = _conflicts(event, settings.fuse_place_km, hours,
                                     settings.fuse_site_town_km)  # fmt: skip
        for name, vals in event.fields.items():
            event.chosen[name] = _choose(name, vals, name in event.conflicts, hours,
                                         len(members) > _EXACT_FOUNDERS)  # fmt: skip
        _distinct_parties(event)
        events.append(event)
    return events


def _distinct_parties(event: CanonicalEvent) -> None:
    """One party is never both sides: where the chosen actor is the chosen target (one report
    names the Houthis as the attackers, another as the attacked), the role more independent
    sources give it keeps it (the actor on a tie) and the other takes its next value, or none
    (each report's own pair is never one party twice: ``roles.pick``)."""
    actor, target = event.chosen.get("actor"), event.chosen.get("target")
    if actor is None or target is None or actor[0] != target[0]:
        return

    def support(name: str) -> int:
        return next(v.independent for v in event.fields[name] if v.value == actor[0])

    loser = "target" if support("actor") >= support("target") else "actor"
    rest = [v for v in event.fields[loser] if v.value != actor[0]]
    value = _choose(loser, rest, loser in event.conflicts)[0] if rest else None
    event.chosen[loser] = (value, "next value: the other side is this party" if rest
                           else "none: the other side is the only party named")  # fmt: skip
