"""The actor and the recipient of an event (PLOVER's terms), chosen by a trained ranker among
the parties its sentence names.

Input: a ``RoleInput``: the paragraph, the sentence's span in it, where the event's trigger
stands, the sentence's parties (``events._parties``: dictionary actors, recognised persons,
organisations, nationalities, generic actors and countries named as parties, in text order),
the actor and recipient the hand rules give (``events._roles``), the language (ar, fa, en),
the PLOVER type and whether the sentence counts dead or wounded. Output: ``(actor,
recipient)``, each one of the parties or ``None`` (the sentence names none); never the same
party twice.

Each role is a choice among the parties and "none". A party's binary features: before or after
the trigger and how many words away, its place among the parties on that side, its kind (the
dictionary's kind or the recogniser's label) and side (armed, civilian), the words right
before and after it and a clitic glued to it (ب, ل, على, "by", "against", را: the cues of each
language, learned rather than listed), a comma between it and the trigger, the trigger's word,
the event's type, a passive verb, and whether the rules chose it. "None" has its own features
(the language, the type, whether the rules chose nobody, how many parties there are). The
weights (``resources/models/roles.json``) are a conditional logit per role fitted by
``training/roles/train.py`` on the project's labelled real-news sentences (model card:
``resources/models/roles.md``); the actor and recipient are the pair of highest joint
probability, the two roles never the same party.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from khabar.extract import events as _ev
from khabar.model import Span
from khabar.normalize import normalize
from khabar.resources import model_path

__all__ = ["ROLES", "RoleInput", "candidates", "choose", "load_model", "recording"]

ROLES = ("actor", "recipient")
Candidate = tuple[int | None, tuple[str, ...]]  # (index into the parties or None, features)

# distance buckets in words between a party and the trigger
_NEAR = ((0, "0"), (1, "1"), (2, "2"), (4, "3-4"), (8, "5-8"))
_REACH = 32  # characters read before and after a party for the words beside it


@dataclass(frozen=True, slots=True)
class RoleInput:
    """What the ranker reads of one event (module docstring); ``parties`` are
    ``events._Party`` values (start, end, value, side, label), ``rule`` the rules' actor and
    recipient among them (or None)."""

    text: str
    sentence: Span
    trigger: Span
    parties: tuple[Any, ...]
    rule: tuple[Any, Any]
    lang: str
    plover: str
    casualty: bool
    passive: bool
    source: str  # what typed the event: lexicon, cameo, model (``events._Typed.source``)


def _bucket(words: int) -> str:
    for top, name in _NEAR:
        if words <= top:
            return name
    return "far"


def _words(text: str) -> list[str]:
    return normalize(text).lower().split()


def _glued(text: str, start: int, floor: int) -> str:
    """The letters glued before ``start``: a clitic the party's span leaves out (بالجيش)."""
    i = start
    while i > floor and text[i - 1].isalpha():
        i -= 1
    return normalize(text[i:start])


def _party_features(x: RoleInput, k: int, role: str) -> tuple[str, ...]:
    p, lang, text, sp, tr = x.parties[k], x.lang, x.text, x.sentence, x.trigger
    r = f"{role[0].upper()}|{lang}"
    if p.end <= tr.start:
        pos, between = "b", text[p.end : tr.start]
        rank = sum(1 for q in x.parties if p.end <= q.start and q.end <= tr.start) + 1
    elif p.start >= tr.end:
        pos, between = "a", text[tr.end : p.start]
        rank = sum(1 for q in x.parties if tr.end <= q.end and q.end <= p.start) + 1
    else:
        pos, between, rank = "in", "", 1
    gap = _bucket(len(between.split()))
    glued = _glued(text, p.start, sp.start)
    before = _words(text[max(sp.start, p.start - _REACH) : p.start - len(glued)])
    after = _words(text[p.end : min(sp.end, p.end + _REACH)])[:1]
    prev = before[-1] if before else "<s>"
    prev2 = " ".join(before[-2:]) if len(before) >= 2 else "<s>"
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
    ]  # fmt: skip
    for name, chosen in zip(ROLES, x.rule, strict=True):
        if chosen is not None and (chosen.start, chosen.end) == (p.start, p.end):
            out += [f"{role[0].upper()}|rule={name}", f"{r}|rule={name}",
                    f"{r}|rule={name}|type={x.plover}"]  # fmt: skip
    return tuple(out)


def candidates(x: RoleInput, role: str) -> list[Candidate]:
    """The candidates of ``role`` (one of ``ROLES``): each party, then "none"."""
    r = f"{role[0].upper()}|{x.lang}"
    chose = x.rule[ROLES.index(role)] is not None
    none = ("NONE", f"{r}|NONE", f"{r}|NONE|type={x.plover}", f"{r}|NONE|ruled={chose}",
            f"{r}|NONE|parties={min(len(x.parties), 4)}",
            f"{r}|NONE|passive={x.passive}")  # fmt: skip
    return [(k, _party_features(x, k, role)) for k in range(len(x.parties))] + [(None, none)]


@lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    data = json.loads(model_path("roles.json").read_text("utf-8"))
    return {k: float(v) for k, v in data["weights"].items()}


def load_model() -> None:
    """Load the ranker's weights (ingest's warm-up)."""
    _weights()


# added to the score of "none": the ranker trained on labels that name no party for a third of
# the roles would otherwise leave many unnamed. Chosen by cross-validation on the training
# labels (``training/roles/train.py --cv``, model card) among 0, -0.5, -1, -1.5: at -0.5 the
# ranker names a party where the label names none about as often as the hand rules did (772
# against 758 of 1,921 roles), and recalls the labelled party more often than at 0 (actor
# 0.71 -> 0.73, recipient 0.56 -> 0.60)
NONE_BIAS = -0.5


def _log_probabilities(cands: list[Candidate], weights: dict[str, float]) -> list[float]:
    scores = [sum(weights.get(f, 0.0) for f in fs) + (NONE_BIAS if k is None else 0.0)
              for k, fs in cands]  # fmt: skip
    top = max(scores)
    total = math.log(sum(math.exp(s - top) for s in scores)) + top
    return [s - total for s in scores]


_RECORDED: list[RoleInput] | None = None


@contextmanager
def recording() -> Iterator[list[RoleInput]]:
    """Collect every ``RoleInput`` that ``choose`` is given inside the block (the trainer's
    view of the extractor: ``training/roles/train.py``)."""
    global _RECORDED
    saved, _RECORDED = _RECORDED, []
    try:
        yield _RECORDED
    finally:
        _RECORDED = saved


def choose(x: RoleInput, weights: dict[str, float] | None = None) -> tuple[Any, Any]:
    """``(actor, recipient)`` of the pair of parties (or none) with the highest joint
    probability, the two roles never the same party; ``(None, None)`` without parties.
    Inside ``recording()`` the rules' pair, so that what the trainer records never depends on
    the shipped weights."""
    if _RECORDED is not None:
        _RECORDED.append(x)
        return x.rule
    if not x.parties:
        return None, None
    return pick(x, weights if weights is not None else _weights())


def pick(x: RoleInput, weights: dict[str, float]) -> tuple[Any, Any]:
    """``choose`` with the given weights (no recording)."""
    acts, recs = (candidates(x, role) for role in ROLES)
    pa, pr = _log_probabilities(acts, weights), _log_probabilities(recs, weights)
    best: tuple[float, int | None, int | None] = (-math.inf, None, None)
    for (a, _), la in zip(acts, pa, strict=True):
        for (r, _), lr in zip(recs, pr, strict=True):
            if a is not None and a == r:
                continue
            if la + lr > best[0]:
                best = (la + lr, a, r)
    _, a, r = best
    return (x.parties[a] if a is not None else None, x.parties[r] if r is not None else None)

