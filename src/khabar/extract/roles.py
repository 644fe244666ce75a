"""The actor and the recipient of an event (PLOVER's terms), chosen by a trained ranker among
the parties its sentence names.

Input: a ``RoleInput``: the paragraph, the sentence's span in it, the span the roles are read
from (``events._role_anchor``: the trigger, or the verb of killing of an English assault), the
sentence's parties (``events._Party``: dictionary actors, recognised persons, organisations,
nationalities, generic actors and countries named as parties, in text order), the actor and
recipient the hand rules give (``events._roles``), the language (ar, fa, en), the PLOVER type,
whether the sentence counts dead or wounded, whether the verb is passive, what typed the event,
and whether the verb is an Arabic verb of receiving. Output: ``(actor, recipient)``, each one
of the parties or ``None`` (the sentence names none); never two parties of one value.

Each role is a choice among the parties and "none". A party's binary features: before or after
the anchor and how many words away, its place among the parties on that side, its kind (the
dictionary's kind or the recogniser's label), side (armed, civilian) and first word, the words
right before and after it (على, "by", "against" before; the Persian object marker را after), a
clitic glued to it (ب, ل) and a role cue of its language before it (the cue lists of
``event_cues.tsv`` as one feature), a word of death or injury before it, a comma between it and
the anchor, the anchor's word, the event's type, a passive verb, the party next to it, and
whether the rules chose it. "None" has its own features (the language, the type, whether the
rules chose nobody, how many parties there are). The weights (``resources/models/roles.json``)
are one conditional logit whose features name their role, fitted by ``training/roles/train.py``
on the project's labelled real-news sentences (model card: ``resources/models/roles.md``); the
actor and recipient are the pair of highest joint probability. After an Arabic verb of
receiving ("تلقى X اتصالا من Y") the rules and the ranker read the verb's subject as the actor;
the pair is then swapped (Y called: the actor).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from khabar.extract import events as _ev
from khabar.model import Span
from khabar.normalize import normalize
from khabar.resources import ranker_weights

if TYPE_CHECKING:
    from khabar.extract.events import _Party

Party: TypeAlias = "_Party | None"  # a party, or None: no party in that role

__all__ = ["NONE_BIAS", "ROLES", "RoleInput", "both_candidates", "candidates", "choose",
           "load_model", "pick", "recording"]

ROLES = ("actor", "recipient")
Candidate = tuple[int | None, tuple[str, ...]]  # (index into the parties or None, features)

# distance buckets in words between a party and the trigger
_NEAR = ((0, "0"), (1, "1"), (2, "2"), (4, "3-4"), (8, "5-8"))
_REACH = 32  # characters read before and after a party for the words beside it


@dataclass(frozen=True, slots=True)
class RoleInput:
    """What the ranker reads of one event (module docstring): character offsets in ``text``;
    ``rule`` the rules' actor and recipient among ``parties`` (or None), read as the grammar
    has them (before the swap of a verb of receiving)."""

    text: str
    sentence: Span
    trigger: Span  # the anchor the roles are read from
    parties: tuple[_Party, ...]
    rule: tuple[Party, Party]
    lang: str
    plover: str
    casualty: bool
    passive: bool
    source: str  # what typed the event: lexicon, cameo, model (``events._Typed.source``)
    received: bool = False  # an Arabic verb of receiving: the final pair is swapped


def _bucket(words: int) -> str:
    for top, name in _NEAR:
        if words <= top:
            return name
    return "far"


def _words(text: str) -> list[str]:
    return normalize(text).lower().split()


def _glued(text: str, start: int, floor: int) -> int:
    """Where the word that holds ``start`` begins (not before ``floor``): ``text[that:start]``
    is a clitic the party's span leaves out (بالجيش, بِالجيش, بـالجيش; marks and tatweel are
    part of the word)."""
    i = start
    while i > floor and (text[i - 1].isalpha() or unicodedata.category(text[i - 1]) == "Mn"):
        i -= 1
    return i


def _cue(before: list[str], lang: str) -> str:
    """Which role cue of the language (``event_cues.tsv``, one word each: agent_cue "by", قبل
    of من قبل, يد of على يد, توسط; target_cue "against", على, ضد, علیه; and an Arabic verb
    that carried the act out, ``events.did_it_before``: agent) is the word right before a
    party, articles apart: agent, target or "-" (one feature for the whole closed class,
    learned from all its words)."""
    words = [w for w in before if w not in _ev._ARTICLES]
    cues = _ev._lexicon().lang_cues
    for kind in ("agent_cue", "target_cue"):
        if words[-1:] and words[-1] in cues.get((kind, lang), frozenset()):
            return kind.split("_")[0]
    if lang == "ar" and _ev.did_it_before(words):
        return "agent"  # "هجمات نفذتها حركة الشباب": the verb's subject, as after "من قبل"
    return "-"




def _hurt_before(before: list[str]) -> str:
    """How many words before a party the nearest word of death or injury stands (the
    ``killed`` and ``injured`` cues of ``event_cues.tsv``), within 5 words of the ``_REACH``
    characters before it ("مقتل عنصرين من الجيش الأمريكي": 3), or "-"."""
    hurt = _ev._lexicon().hurt
    for d, w in enumerate(reversed(before[-5:]), start=1):
        if _ev._bare(w) in hurt or w in hurt:
            return str(d) if d <= 2 else "3-5"
    return "-"


def _adjacent(x: RoleInput, k: int, step: int) -> str:
    """The label of the party right after (``step`` 1) or before (-1) party ``k``, nothing but
    white space between them ("مسلحو طالبان": a word of members, then the group), or "-"."""
    j = k + step
    if not 0 <= j < len(x.parties):
        return "-"
    a, b = (x.parties[k], x.parties[j]) if step > 0 else (x.parties[j], x.parties[k])
    near = a.end <= b.start and not x.text[a.end : b.start].strip()
    return (x.parties[j].label or "?") if near else "-"


def _party_features(x: RoleInput, k: int) -> tuple[str, ...]:
    """The features of party ``k``, without the role's letter (``_of_role`` adds it): the
    same reading of the party serves both roles."""
    p, lang, text, sp, tr = x.parties[k], x.lang, x.text, x.sentence, x.trigger
    r = lang
    if p.end <= tr.start:
        pos, between = "b", text[p.end : tr.start]
        rank = sum(1 for q in x.parties if p.end <= q.start and q.end <= tr.start) + 1
    elif p.start >= tr.end:
        pos, between = "a", text[tr.end : p.start]
        rank = sum(1 for q in x.parties if tr.end <= q.start and q.end <= p.start) + 1
    else:
        pos, between, rank = "in", "", 1
    gap = _bucket(len(between.split()))
    word_start = _glued(text, p.start, sp.start)
    glued = normalize(text[word_start : p.start])
    before = ["<s>", *_words(text[max(sp.start, word_start - _REACH) : word_start])]
    after = _words(text[p.end : min(sp.end, p.end + _REACH)])[:1]
    prev, prev2, cue = before[-1], " ".join(before[-2:]), _cue(before, lang)
    trig = (_words(text[tr.start : tr.end]) or [""])[0]
    label = p.label or "?"
    head = _words(text[p.start : p.end])[:1] or ["?"]
    head = head[0][2:] if lang == "ar" and head[0].startswith("ال") else head[0]
    out = [
        f"{r}|pos={pos}", f"{r}|pos={pos}|d={gap}", f"{r}|pos={pos}|rank={min(rank, 3)}",
        f"{r}|pos={pos}|label={label}", f"{r}|pos={pos}|side={p.side}",
        f"{r}|type={x.plover}|pos={pos}", f"{r}|type={x.plover}|side={p.side}",
        f"{r}|prev={prev}", f"{r}|prev={prev}|pos={pos}", f"{r}|prev2={prev2}",
        f"{r}|next={after[0] if after else '</s>'}", f"{r}|glued={glued}",
        f"{r}|trig={trig}|pos={pos}", f"{r}|passive={x.passive}|pos={pos}",
        f"{r}|casualty={x.casualty}|pos={pos}|side={p.side}",
        f"{r}|comma={',' in between or '،' in between}|pos={pos}",
        f"{r}|first={k == 0}|pos={pos}", f"{r}|src={x.source}|pos={pos}",
        f"{r}|src={x.source}|pos={pos}|d={gap}", f"{r}|head={head}",
        f"{r}|victims={_ev._victims_of(text, p, _ev._lexicon())}|pos={pos}",
        f"{r}|victim_noun={_ev._victim_noun(text, p)}",
        f"{r}|then={_adjacent(x, k, 1)}|label={label}", f"{r}|after={_adjacent(x, k, -1)}",
        f"{r}|cue={cue}|pos={pos}", f"{r}|cue={cue}|side={p.side}",
        f"{r}|hurt_before={_hurt_before(before)}|side={p.side}",
    ]  # fmt: skip
    for name, chosen in zip(ROLES, x.rule, strict=True):
        if chosen is not None and (chosen.start, chosen.end) == (p.start, p.end):
            out += [f"rule={name}", f"{r}|rule={name}", f"{r}|rule={name}|type={x.plover}"]
    return tuple(out)


def _of_role(features: tuple[str, ...], role: str) -> tuple[str, ...]:
    letter = role[0].upper()
    return tuple(f"{letter}|{f}" for f in features)


def candidates(x: RoleInput, role: str) -> list[Candidate]:
    """The candidates of ``role`` (one of ``ROLES``): each party, then "none"."""
    return both_candidates(x)[ROLES.index(role)]


def both_candidates(x: RoleInput) -> tuple[list[Candidate], list[Candidate]]:
    """``candidates`` of the actor and of the recipient, each party read once for both."""
    parties = [_party_features(x, k) for k in range(len(x.parties))]
    out = [[(k, _of_role(fs, role)) for k, fs in enumerate(parties)] + [(None, _none(x, role))]
           for role in ROLES]  # fmt: skip
    return out[0], out[1]


def _none(x: RoleInput, role: str) -> tuple[str, ...]:
    r = f"{role[0].upper()}|{x.lang}"
    chose = x.rule[ROLES.index(role)] is not None
    none = ("NONE", f"{r}|NONE", f"{r}|NONE|type={x.plover}", f"{r}|NONE|ruled={chose}",
            f"{r}|NONE|parties={min(len(x.parties), 4)}",
            f"{r}|NONE|passive={x.passive}")  # fmt: skip
    return none


def _weights() -> dict[str, float]:
    return ranker_weights("roles.json")


def load_model() -> None:
    """Load the ranker's weights and the event lexicon it reads (ingest's warm-up)."""
    _weights()
    _ev._lexicon()


# added to the score of "none": the ranker trained on labels that name no party for a third of
# the roles would otherwise leave many unnamed. Chosen by leave-one-batch-out cross-validation
# on the training labels (``training/roles/train.py --cv --none-bias 0 -0.5 -1``, model card)
# among 0, -0.5 and -1: at -0.5 the ranker names a party where the label names none as often as
# the hand rules did (760 against 758 of 1,862 roles), and recalls the labelled party more
# often than at 0 (actor 0.709 -> 0.729, recipient 0.560 -> 0.604)
NONE_BIAS = -0.5


def _log_probabilities(cands: list[Candidate], weights: dict[str, float],
                       none_bias: float) -> list[float]:  # fmt: skip
    scores = [sum(weights.get(f, 0.0) for f in fs) + (none_bias if k is None else 0.0)
              for k, fs in cands]  # fmt: skip
    top = max(scores)
    total = math.log(sum(math.exp(s - top) for s in scores)) + top
    return [s - total for s in scores]


_RECORDED: ContextVar[list[RoleInput] | None] = ContextVar("roles_recorded", default=None)


@contextmanager
def recording() -> Iterator[list[RoleInput]]:
    """Collect every ``RoleInput`` that ``choose`` is given inside the block, in this thread or
    task (the trainer's view of the extractor: ``training/roles/train.py``); inside it
    ``choose`` gives the rules' pair."""
    seen: list[RoleInput] = []
    token = _RECORDED.set(seen)
    try:
        yield seen
    finally:
        _RECORDED.reset(token)


def choose(x: RoleInput) -> tuple[Party, Party]:
    """``(actor, recipient)``: ``pick`` with the shipped weights, swapped after a verb of
    receiving; ``(None, None)`` without parties. Inside ``recording()`` the rules' pair
    (swapped alike), so that what the trainer records never depends on the shipped weights."""
    seen = _RECORDED.get()
    if seen is not None:
        seen.append(x)
        pair = x.rule
    else:
        pair = pick(x, _weights()) if x.parties else (None, None)
    return (pair[1], pair[0]) if x.received else pair


def pick(x: RoleInput, weights: dict[str, float],
         none_bias: float = NONE_BIAS) -> tuple[Party, Party]:  # fmt: skip
    """The pair of parties (or none) of highest joint probability under ``weights``, "none"
    scored ``none_bias`` less, as the grammar reads them (no swap); never two parties of one
    value (a country named twice)."""
    acts, recs = both_candidates(x)
    pa, pr = (_log_probabilities(c, weights, none_bias) for c in (acts, recs))
    best: tuple[float, int | None, int | None] = (-math.inf, None, None)
    for (a, _), la in zip(acts, pa, strict=True):
        for (r, _), lr in zip(recs, pr, strict=True):
            if a is not None and r is not None and x.parties[a].value == x.parties[r].value:
                continue
            if la + lr > best[0]:
                best = (la + lr, a, r)
    _, a, r = best
    return (x.parties[a] if a is not None else None, x.parties[r] if r is not None else None)
