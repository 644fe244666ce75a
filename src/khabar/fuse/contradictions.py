"""Contradictions within a story: typed, explained, each side with its sources.

Input: a story's canonical events (``fuse.events``) and claims (``fuse.facts``). Output:
``Contradiction`` records, each with a kind, the event and field it is about (when known), a
sentence saying what is in dispute, and two or more sides, each with its sources.

Kinds:

* ``field_conflict``: two values of one field of an event that cannot both hold (locations
  far apart, different casualty counts); see ``fuse.events``.
* ``conflicting_claims``: one proposition asserted by one source and denied by another (or by
  the same speaker as reported by another outlet), in two documents that are not copies of one
  text (within one report, assertion and denial are mostly a denial being reported, which
  negation cues misread), or two propositions that exclude each other
  ("the attack failed" / "a rocket fell inside the base").
* ``competing_accounts``: different explanations of one happening: what caused an explosion
  (attack / accident / under investigation / no aircraft overhead), or who or what destroyed a
  launcher or vehicle (a coalition jet / its own rockets / security forces).
* ``denial_of_responsibility``: a denial of responsibility next to claims that it was an attack.
* ``target_dispute``: a group says none of its people were hit while others say it was the target.
* ``date_problem``: the date as written does not hold (weekday mismatch, Solar Hijri month
  rendered as a Gregorian one); the proposed reading is given.

Propositions come from the multilingual cue phrases of ``resources/claim_concepts.tsv``
(Arabic, Persian and English phrases map to one concept, so claims in Persian and in Arabic
are compared with each other) and accounts from ``resources/fusion_cues.tsv``. A truce's
name alone (هدنة, آتش‌بس, "ceasefire") is no cue of a halt of attacks: a truce announced,
rejected or expected to fail asserts none (both contradictions it made on the judged dev news
were false). A
proposition is negated by a negation word just before its cue or by a denial verb. Two claims
are compared when they are about the same canonical event: the event of a mention in the
claim's sentence, else the main event of the claim's report (most claims are not in an event
sentence; a report's claims are about its main event unless they say otherwise). Claims tied
to no event (a proposition such as "the group resumed its attacks") are compared when their
reports came out within ``_CLAIM_DAYS`` days of each other, or when a report's time is
unknown.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from khabar.extract.actors import actor_dictionary
from khabar.extract.document import iso_day
from khabar.fuse.events import CanonicalEvent
from khabar.fuse.facts import ClaimFact, MentionFact, Source, fusion_cues
from khabar.normalize import normalize
from khabar.resources import read_csv

__all__ = ["Contradiction", "Side", "find_contradictions", "propositions"]

_FIXED_POLARITY = {"own_losses_denied", "no_aircraft"}  # their cues carry the negation
_NEEDS_DENIAL = {"deny_responsibility"}
_ABOUT_SPEAKER = {"responsibility"}  # "we did it" vs "we did not": only one speaker conflicts


@dataclass(slots=True)
class Side:
    value: str
    sources: list[Source] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "independent_sources": len({s.source_key for s in
                self.sources}), "sources": [s.to_dict() for s in self.sources]}  # fmt: skip


@dataclass(slots=True)
class Contradiction:
    id: str
    story_id: int
    event_id: str | None
    kind: str
    field: str
    what: str
    sides: list[Side]
    why: str = ""  # why the sides speak of the same event (or proposition)

    @property
    def languages(self) -> list[str]:
        return sorted({s.lang for side in self.sides for s in side.sources})

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "story_id": self.story_id, "event_id": self.event_id,
                "kind": self.kind, "field": self.field, "what": self.what, "why": self.why,
                "languages": self.languages,
                "sides": [s.to_dict() for s in self.sides]}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Proposition:
    concept: str
    positive: bool
    cue: str


@dataclass(frozen=True, slots=True)
class _Concepts:
    cues: dict[str, dict[str, tuple[str, ...]]]  # concept → language → normalised cues
    opposes: dict[str, frozenset[str]]
    about: dict[str, str]
    negation: frozenset[str]


@lru_cache(maxsize=1)
def _concepts() -> _Concepts:
    cues: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    opposes: dict[str, set[str]] = defaultdict(set)
    about: dict[str, str] = {}
    for r in read_csv("claim_concepts.tsv"):
        cues[r["concept"]][r["lang"]] += [normalize(c) for c in r["cues"].split("|") if c.strip()]
        opposes[r["concept"]] |= {o for o in r["opposes"].split("|") if o}
        about[r["concept"]] = r["source"]
    negation = {normalize(w) for r in read_csv("event_cues.tsv") if r["kind"] == "negation"
                for w in r["words"].split()}  # fmt: skip
    # a relation holds both ways even where only one side lists it
    for a, bs in list(opposes.items()):
        for b in bs:
            opposes[b].add(a)
    return _Concepts({k: {lang: tuple(sorted(set(v), key=len, reverse=True))
                          for lang, v in by_lang.items()} for k, by_lang in cues.items()},
                     {k: frozenset(v) for k, v in opposes.items()}, about,
                     frozenset(negation))  # fmt: skip


def _text(claim: ClaimFact) -> str:
    """What the claim says: its content, or its whole sentence when the content is a fragment."""
    return claim.content if len(claim.content.split()) >= 4 else claim.sentence


def _find(cue: str, norm: str) -> int:
    """Where ``cue`` starts in ``norm`` at a word start (after a proclitic و ف ب ل / ال at
    most), or -1."""
    at = norm.find(cue)
    while at >= 0:
        head = norm[max(0, at - 4) : at]
        if not head or not head[-1].isalnum() or _CLITIC_HEAD.search(head):
            return at
        at = norm.find(cue, at + 1)
    return -1


_CUE_LANGUAGES = ("ar", "fa", "en")  # the languages of resources/claim_concepts.tsv
_CLITIC_HEAD = re.compile(r"(?:^|\W)(?:[وفبل]|ال|بال|وال)$")


def propositions(claim: ClaimFact) -> list[Proposition]:
    """The concepts a claim asserts or denies (see the module docstring)."""
    c = _concepts()
    norm = " " + normalize(_text(claim))
    denied = claim.stance == "denies"
    lang = claim.doc.lang
    out = []
    for concept, by_lang in c.cues.items():
        if concept in _NEEDS_DENIAL and not denied:
            continue
        # the cues of the claim's language only: Persian تجاوز "aggression" is Arabic
        # "exceeding", Persian حادثه "accident" Arabic حادثة "incident"; a language the table
        # does not write (neither ar, fa nor en) is read with all of them
        cues = (by_lang.get(lang, ()) if lang in _CUE_LANGUAGES
                else tuple(x for v in by_lang.values() for x in v))  # fmt: skip
        for cue in cues:
            at = _find(cue, norm)
            if at < 0:
                continue
            if concept in _FIXED_POLARITY or concept in _NEEDS_DENIAL:
                positive = True
            else:
                negated = bool(set(norm[:at].split()[-3:]) & c.negation)
                positive = negated == denied
            out.append(Proposition(concept, positive, cue))
            break
    return out


_SENTENCE = "its sentence reports it"
_MAIN = "it is the main event of its report"
_CLAIM_DAYS = 2  # claims tied to no event are compared within this many days of each other


def _comparable(a: ClaimFact, b: ClaimFact) -> bool:
    """Two claims speak of the same thing: the same event, or (one tied to no event: a
    proposition such as "the group resumed its attacks") reports out within two days."""
    if a.event_id is not None and b.event_id is not None:
        return a.event_id == b.event_id
    ra, rb = a.source().reported, b.source().reported
    if not ra or not rb:
        return True
    da, db = iso_day(ra), iso_day(rb)
    return da is None or db is None or abs((da - db).days) <= _CLAIM_DAYS


def _event_of(claims: list[ClaimFact]) -> str | None:
    ids = {c.event_id for c in claims if c.event_id}
    return next(iter(ids)) if len(ids) == 1 else None


def _claims_why(claims: list[ClaimFact]) -> str:
    """Why claims speak of one event: for each outlet, how its claim was tied to it."""
    event = _event_of(claims)
    if event is None:
        days = sorted({(c.source().reported or "")[:10] for c in claims} - {""})
        span = f" ({days[0]} to {days[-1]})" if len(days) > 1 else ""
        return f"one proposition, reported within {_CLAIM_DAYS} days{span}; tied to no event"
    how = sorted({f"{c.doc.outlet or c.doc.id}: {c.event_how}" for c in claims if c.event_id})
    return f"all about event {event} (" + "; ".join(how) + ")"


def _speaker(c: ClaimFact) -> str:
    return c.speaker_label() or "unattributed"


def _told_by(agent: str, claims: list[ClaimFact]) -> str:
    """An account's agent and who tells it, the tellers once: "the speaker's own forces (the
    army)", not "... (the army) (the army)"."""
    names = _names(claims)
    return agent if agent.endswith(f"({names})") else f"{agent} ({names})"


def _names(claims: list[ClaimFact]) -> str:
    return ", ".join(sorted({_speaker(c) for c in claims}))


def _side(label: str, claims: list[ClaimFact]) -> Side:
    side = Side(label)
    for c in claims:
        if c.source() not in side.sources:
            side.sources.append(c.source())
    return side


class _Finder:
    def __init__(self, story_id: int, events: list[CanonicalEvent], claims: list[ClaimFact]):
        self.story_id, self.events, self.claims = story_id, events, claims
        self.props = {c.key: propositions(c) for c in claims}
        self.found: list[Contradiction] = []

    def add(self, kind: str, field_: str, what: str, sides: list[Side],
            event_id: str | None, why: str = "") -> None:  # fmt: skip
        n = len(self.found) + 1
        self.found.append(
            Contradiction(
                f"{self.story_id}.K{n}", self.story_id, event_id, kind, field_, what, sides, why
            )  # fmt: skip
        )

    def holders(self, concept: str, positive: bool) -> list[ClaimFact]:
        return [c for c in self.claims
                if any(p.concept == concept and p.positive == positive
                       for p in self.props[c.key])]  # fmt: skip

    def polarity(self) -> None:
        """One proposition asserted and denied."""
        about = _concepts().about
        for concept in _concepts().cues:
            yes, no = self.holders(concept, True), self.holders(concept, False)
            pairs = [(a, b) for a in yes for b in no if _comparable(a, b)
                     and a.source_key != b.source_key
                     and (concept not in _ABOUT_SPEAKER or a.speaker == b.speaker)]  # fmt: skip
            if not pairs:
                continue
            yes = list({a.key: a for a, _ in pairs}.values())
            no = list({b.key: b for _, b in pairs}.values())
            said, denied = _names(yes), _names(no)
            self.add("conflicting_claims", concept,
                     f"{about[concept]}: asserted by {said}; denied by {denied}"
                     + (" (one speaker, reported differently)" if said == denied else ""),
                     [_side(f"yes: {about[concept]}", yes), _side(f"no: {about[concept]}", no)],
                     _event_of(yes + no), _claims_why(yes + no))  # fmt: skip

    def opposition(self) -> None:
        """Propositions that exclude each other, from different speakers: one contradiction per
        hub concept (the one with most rivals first), its rivals as further sides."""
        c = _concepts()
        covered: set[frozenset[str]] = set()
        for a in sorted(c.opposes, key=lambda k: (-len(c.opposes[k]), k)):
            mine = self.holders(a, True)
            if not mine:
                continue
            rivals = {b: v for b in sorted(c.opposes[a])
                      if frozenset((a, b)) not in covered
                      and (v := self.holders(b, True)) and self._rival(mine, v)}  # fmt: skip
            if not rivals:
                continue
            covered |= {frozenset((a, b)) for b in rivals}
            groups = {a: mine, **rivals}
            kind = ("denial_of_responsibility" if "deny_responsibility" in groups
                    else "competing_accounts" if a.startswith("cause_")
                    else "conflicting_claims")  # fmt: skip
            what = " vs ".join(f"{c.about[k]} ({', '.join(sorted({_speaker(x) for x in v}))})"
                               for k, v in groups.items())  # fmt: skip
            self.add(
                kind,
                a,
                what,
                [_side(c.about[k], v) for k, v in groups.items()],
                _event_of([x for v in groups.values() for x in v]),
                _claims_why([x for v in groups.values() for x in v]),
            )

    @staticmethod
    def _rival(mine: list[ClaimFact], theirs: list[ClaimFact]) -> bool:
        """Rival accounts: other speakers; within one source, two speakers it quotes (an
        article's own telling set against one speaker's is the article read twice, not two
        accounts: docs/annotation-contradictions.md, ``same_source``)."""
        return any(_comparable(x, y) and x.speaker != y.speaker
                   and (x.source_key != y.source_key or (x.speaker and y.speaker))
                   for x in mine for y in theirs)  # fmt: skip

    def targets(self, mentions: list[MentionFact]) -> None:
        """A group says none of its people were hit; others say its people were the target."""
        for c in self.holders("own_losses_denied", True):
            if not c.speaker:
                continue
            others = [o for o in self.claims if o.speaker != c.speaker and _comparable(c, o)
                      and c.speaker in {a for _, a in o.actors}
                      and any(o.doc.id == m.doc.id and o.start <= m.start < o.end
                              for m in mentions)]  # fmt: skip
            if others:
                name = c.speaker_label() or c.speaker
                self.add("target_dispute", "target",
                         f"{name}: none of its people were hit; "
                         f"{', '.join(sorted({_speaker(o) for o in others}))}: {name} was the "
                         "target", [_side(f"{name} was targeted", others),
                                    _side(f"none of {name}'s people hit", [c])],
                         _event_of(others + [c]), _claims_why(others + [c]))  # fmt: skip

    def accounts(self) -> None:
        """Who or what destroyed a launcher or vehicle, according to each source (claims about
        one event only)."""
        cues = fusion_cues()
        by_event: dict[str, dict[str, list[ClaimFact]]] = defaultdict(lambda: defaultdict(list))
        for claim in self.claims:
            if claim.event_id is None:
                continue
            norm = " " + normalize(_text(claim))
            if not any(_find(x, norm) >= 0 for x in cues["object"]):
                continue
            verb = min((at for x in cues["destroyed"] if (at := _find(x, norm)) >= 0),
                       default=-1)  # fmt: skip
            if verb < 0:
                continue
            by_event[claim.event_id][self._agent(claim, norm, verb)].append(claim)
        for event_id, by_agent in sorted(by_event.items()):
            by_agent.pop("", None)
            if len(by_agent) < 2:
                continue
            sides = [_side(agent, v) for agent, v in sorted(by_agent.items())]
            what = "what destroyed the launcher or vehicle: " + " vs ".join(
                _told_by(agent, v) for agent, v in sorted(by_agent.items()))
            every = [x for v in by_agent.values() for x in v]
            self.add("competing_accounts", "outcome", what, sides, event_id, _claims_why(every))

    @staticmethod
    def _agent(claim: ClaimFact, norm: str, verb: int) -> str:
        cues = fusion_cues()
        if any(_find(x, norm) >= 0 for x in cues["self"]):
            return "its own load exploded"
        if any(_find(x, norm) >= 0 for x in cues["first_person"]):
            return f"the speaker's own forces ({claim.speaker_label() or 'unattributed'})"
        text = _text(claim)
        offset = claim.sentence.find(text) if text != claim.sentence else 0
        base = claim.start + max(offset, 0)
        actors = [(s - base, a) for s, a in claim.actors if a != claim.speaker and s >= base]
        before = [x for x in actors if x[0] <= verb]
        pick = before[-1] if before else (actors[0] if actors else None)
        if pick is None:
            return ""
        actor = actor_dictionary().actors.get(pick[1])
        return actor.name if actor else pick[1]

    def fields(self) -> None:
        """One contradiction per pair of values shown to disagree (``fuse.events``), each with
        its own reason to think both sides speak of the same event."""
        for e in self.events:
            for name, pairs in e.conflicts.items():
                for a, b in pairs:
                    what = f"{name} of the event: " + " vs ".join(
                        f"{v.label} ({v.independent} source{'s' * (v.independent != 1)})"
                        for v in (a, b))  # fmt: skip
                    self.add("field_conflict", name, what,
                             [Side(v.label, list(v.sources)) for v in (a, b)], e.id,
                             e.why.get((name, a.value, b.value), ""))  # fmt: skip

    def dates(self) -> None:
        for e in self.events:
            flagged = [m for m in e.mentions if m.date_problems]
            if not flagged:
                continue
            notes = sorted({n for m in flagged for n in m.date_problems})
            self.add(
                "date_problem",
                "date",
                "; ".join(notes),
                [Side(m.date_text or m.day or "", [m.source()]) for m in flagged],
                e.id,
                "the date as its own sentence writes it, against its written year or the "
                "publication date",
            )


def _link_claims(events: list[CanonicalEvent], claims: list[ClaimFact]) -> None:
    """A claim whose sentence holds a mention of an event is about that event; else about the
    event of its report's main mention (none when the report has no main event here)."""
    where = {(m.doc.id, m.start): e.id for e in events for m in e.mentions}
    main = {m.doc.id: e.id for e in events for m in e.mentions if m.main}
    for c in claims:
        hits = {eid for (doc, start), eid in where.items()
                if doc == c.doc.id and c.start <= start < c.end}  # fmt: skip
        if hits:
            c.event_id = next(iter(hits)) if len(hits) == 1 else None
            c.event_how = _SENTENCE
        else:
            c.event_id = main.get(c.doc.id)
            c.event_how = _MAIN


def find_contradictions(
    story_id: int, events: list[CanonicalEvent], claims: list[ClaimFact],
    mentions: list[MentionFact],
) -> list[Contradiction]:  # fmt: skip
    """Every contradiction of one story (see the module docstring)."""
    _link_claims(events, claims)
    finder = _Finder(story_id, events, claims)
    finder.fields()
    finder.polarity()
    finder.opposition()
    finder.targets(mentions)
    finder.accounts()
    finder.dates()
    return finder.found
