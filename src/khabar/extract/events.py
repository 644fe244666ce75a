"""Event mentions: per sentence, what happened (PLOVER and ACLED type), with what weapon,
where, when, how many, how many killed and injured, how sure, and whether it is background.

Input: original text, an anchor date, and settings. Output: ``EventMention`` objects whose
fields come from the other extractors run on the same sentence (dates, places, actors) and from
data files: ``resources/event_lexicon.tsv`` (trigger → PLOVER/ACLED type, weapon),
``event_cues.tsv`` (killing, injury, negation, hedge, denial, plan, background words) and
``numbers.tsv`` (number words: "خمسة", "الثماني والأربعين", "سه", "five").

Rules, in short: the most specific trigger of a sentence types it (a weapon beats "attack"); a
number next to a killing or injury word gives the count ("مقتل 3 جنود", "3 killed", "سقوط قتيل
وثمانية جرحى"), a negation in front of it gives 0 ("لم تقع إصابات"); negation, hedge, denial
and plan words before the trigger give the modality; a sentence whose date is more than
``background_days`` before the anchor, or that opens with a background marker and has no recent
date, is background.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TypeVar

from khabar.extract.actors import ActorMention, extract_actors
from khabar.extract.dates import extract_dates
from khabar.extract.lexicon import AliasIndex, alias_key, find_aliases, variants, word_spans
from khabar.extract.places import PlaceMention, extract_places
from khabar.model import DateCorrection, DateMention, EventMention, Span
from khabar.normalize import normalize, normalize_with_offsets
from khabar.resources import month_names, read_csv
from khabar.settings import Settings

__all__ = ["Mentions", "extract_events", "parse_number", "sentence_spans", "weapon_of"]

T = TypeVar("T")

_CLOCK = re.compile(r"\d{1,2}:\d{2}")  # "21:50" is a time, not two counts
_NOT_PARTIES = frozenset({"agency", "media", "anonymous", "monitor"})
_STOP_WORDS = frozenset(normalize(w) for w in (
    "في من على إلى عن مع و أو بعد قبل خلال وسط جراء بسبب وفق حسب در از به با و که در را the in "
    "on at of and or after during near by when"
).split())  # fmt: skip
_SENTENCE = re.compile(r"[^.!?؟\n]+(?:[.!?؟]+|$)", re.M)
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    triggers: dict[str, tuple[str, str, str, str]]  # alias → (plover, type, subtype, weapon)
    index: AliasIndex
    cues: dict[str, frozenset[str]]
    numbers: dict[str, int]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    triggers: dict[str, tuple[str, str, str, str]] = {}
    for r in read_csv("event_lexicon.tsv"):
        key = alias_key(r["trigger"])
        triggers[key] = (r["plover"], r["acled_type"], r["acled_subtype"], r["weapon"])
    cues: dict[str, set[str]] = {}
    for r in read_csv("event_cues.tsv"):
        cues.setdefault(r["kind"], set()).update(normalize(w) for w in r["words"].split())
    numbers = {alias_key(r["word"]): int(r["value"]) for r in read_csv("numbers.tsv")}
    return _Lexicon(triggers, AliasIndex({k: (k,) for k in triggers}),
                    {k: frozenset(v) for k, v in cues.items()}, numbers)  # fmt: skip


def sentence_spans(text: str) -> list[Span]:
    """Sentences of ``text`` (split at . ! ? ؟ and line ends), as spans of the original."""
    out = []
    for m in _SENTENCE.finditer(text):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append(Span(a, b))
    return out


def _bare(word: str) -> str:
    for pre in ("وب", "ول", "و", "ب", "ل", "ف"):
        if word.startswith(pre) and len(word) > len(pre) + 2:
            return word[len(pre) :]
    return word


def parse_number(words: list[str], i: int) -> tuple[int, int] | None:
    """The number that starts at ``words[i]`` and how many words it takes, or ``None``.

    Digits, number words, "الثماني والأربعين" (8 + 40), "بیست و پنج" (20 + 5), "بـ33".
    """
    nums = _lexicon().numbers
    w = words[i]
    for pre in ("بـ", "ب", "ل", "و"):
        if w.startswith(pre) and _NUMBER.match(w[len(pre) :]):
            w = w[len(pre) :]
    if _NUMBER.match(w):
        return int(float(w.replace(",", ""))), 1
    value, used = _word_number(words, i, nums)
    if value is None:
        return None
    # "الثماني والأربعين": unit + و + tens; "بیست و پنج": tens + و + unit
    j = i + used
    if j < len(words):
        nxt = words[j]
        tail = nxt[1:] if nxt.startswith("و") and len(nxt) > 2 else None
        if nxt == "و" and j + 1 < len(words):
            second, used2 = _word_number(words, j + 1, nums)
            if second is not None:
                return value + second, used + 1 + used2
        elif tail is not None:
            second, used2 = _word_number([tail, *words[j + 1 :]], 0, nums)
            if second is not None:
                return value + second, used + used2
    return value, used


def _word_number(words: list[str], i: int, nums: dict[str, int]) -> tuple[int | None, int]:
    two = " ".join(words[i : i + 2])
    if two in nums:
        return nums[two], 2
    w = words[i]
    for form in (w, w[2:] if w.startswith("ال") else None, _bare(w)):
        if form and form in nums:
            return nums[form], 1
    return None, 0


def _casualties(words: list[str], lex: _Lexicon) -> tuple[int | None, int | None]:
    """(killed, injured) from killing/injury words and the numbers next to them."""
    found: dict[str, int | None] = {"killed": None, "injured": None}
    for i, w in enumerate(words):
        b = _bare(w)
        kind = (
            "killed" if b in lex.cues["killed"] else "injured" if b in lex.cues["injured"] else None
        )
        if kind is None or found[kind] is not None:
            continue
        before = words[max(0, i - 3) : i]
        if any(x in lex.cues["negation"] for x in before):
            found[kind] = 0
            continue
        found[kind] = _near_number(words, i, singular=b in lex.cues["singular"])
    return found["killed"], found["injured"]


def _near_number(words: list[str], i: int, *, singular: bool) -> int | None:
    """The count of a killing/injury word: a number right before it ("ثمانية جرحى", "3 killed"),
    else right after it ("مقتل 3", "إصابة اثنين", "کشته شدن سه") unless it starts a new
    conjunct ("قتيل وثمانية جرحى"); a singular noun with no number is one ("سقوط قتيل")."""
    if i > 0 and (got := parse_number(words, i - 1)) is not None and not _is_year(words, i - 1):
        return got[0]
    if (got := _number_before_victims(words, i)) is not None:
        return got  # "Three Iraqi soldiers were killed", "پنج سرباز عراقی کشته شدند"
    duals = _lexicon().cues.get("dual", frozenset())
    if _bare(words[i]) in duals:
        return 2  # "سقوط قتيلين"
    if (
        i > 1
        and words[i - 1] in _lexicon().cues.get("classifier", ())
        and (got := parse_number(words, i - 2))
    ):
        return got[0]  # "پنج نفر کشته", "12 نفر زخمی"
    j = i + 1
    while j < len(words) and j <= i + 3 and _is_auxiliary(words[j]):
        j += 1  # "کشته شدن سه", "killed at least three"
    if j < len(words) and not words[j].startswith("و") and (got := parse_number(words, j)):
        return got[0]
    if j < len(words) and words[j] in duals:
        return 2  # "مقتل شخصين", "إصابة عنصرين"
    return 1 if singular else None


def _is_year(words: list[str], i: int) -> bool:
    """A year closing a date ("20 آوریل 2024 کشته شدند"), not a count of the dead."""
    w = words[i]
    return (w.isdigit() and 1300 <= int(w) <= 2100 and i > 0
            and _bare(words[i - 1]) in month_names())  # fmt: skip


def _number_before_victims(words: list[str], i: int) -> int | None:
    """A number a few words before the casualty word, with only words naming the victims
    between them (nouns, nationalities, auxiliaries: ``victim_word`` cues)."""
    victims = _lexicon().cues.get("victim_word", frozenset())
    j = i - 1
    while j >= 0 and i - j <= 4 and _bare(words[j]) in victims:
        j -= 1
    if j == i - 1 or j < 0:
        return None
    got = parse_number(words, j)
    return got[0] if got is not None and not _is_year(words, j) else None


def _is_auxiliary(word: str) -> bool:
    """Words between a casualty word and its number: "کشته شدن سه", "killed at least 3"."""
    return word in {"شدن", "شده", "شدند", "at", "least", "some", "about", "نحو", "قرابة"}


def _victims(sentence: str, norm, spans, lex: _Lexicon) -> str | None:  # type: ignore[no-untyped-def]
    """The words that say who was killed or hurt: after the count that follows a casualty word
    ("مقتل 3 جنود أميركيين", "کشته شدن سه سرباز آمریکایی", "killed three US soldiers")."""
    words = [w for _, _, w in spans]
    cues = lex.cues["killed"] | lex.cues["injured"]
    for i, w in enumerate(words):
        if _bare(w) not in cues:
            continue
        j = i + 1
        while j < len(words) and j <= i + 3 and _is_auxiliary(words[j]):
            j += 1
        got = parse_number(words, j) if j < len(words) else None
        if got is None:
            continue
        start = j + got[1]
        end = start
        while end < len(words) and end - start < 3 and words[end] not in _STOP_WORDS:
            end += 1
        if end > start:
            a, _ = norm.to_original(spans[j][0], spans[j][1])
            _, b = norm.to_original(spans[end - 1][0], spans[end - 1][1])
            return sentence[a:b]
    return None


def weapon_of(word: str) -> str | None:
    """The weapon a counted word names ("صواريخ" → rocket, "موشک" → rocket, "drones" → drone)."""
    lex = _lexicon()
    for form, _ in variants(word, True):
        if form in lex.triggers and lex.triggers[form][3]:
            return lex.triggers[form][3]
    return None


def _counts(words: list[str]) -> list[tuple[int, str]]:
    """Numbers with the word they count ("5 صواريخ"), dates and clock times left out."""
    months = {m for m in month_names()}
    out = []
    for i in range(len(words)):
        got = parse_number(words, i)
        if got is None or i + got[1] >= len(words):
            continue
        what = words[i + got[1]]
        if what in months or (i > 0 and words[i - 1] in months) or got[0] >= 1900:
            continue
        out.append((got[0], what))
    return out


def _modality(words: list[str], trigger_at: int, lex: _Lexicon) -> list[str]:
    before = {_bare(w) for w in words[max(0, trigger_at - 3) : trigger_at]}
    everywhere = {_bare(w) for w in words}
    out = []
    if before & lex.cues["negation"]:
        out.append("negated")
    if everywhere & lex.cues["hedge"]:
        out.append("hedged")
    if everywhere & lex.cues["denial"]:
        out.append("denied")
    if before & lex.cues["plan"]:
        out.append("planned")
    return out


@dataclass(slots=True)
class Mentions:
    """Mentions found in a whole text (spans in that text), shared by the sentence-level
    extractors so that each is computed once."""

    dates: list[DateMention]
    places: list[PlaceMention]
    actors: list[ActorMention]

    @classmethod
    def of(cls, text: str, *, anchor: date | None, settings: Settings) -> Mentions:
        return cls(extract_dates(text, anchor=anchor, settings=settings).dates,
                   extract_places(text), extract_actors(text))  # fmt: skip


def _inside(items: list[T], sp: Span) -> list[T]:
    return [x for x in items if sp.start <= x.span.start and x.span.end <= sp.end]  # type: ignore[attr-defined]


def extract_events(
    text: str, *, anchor: date | None, settings: Settings, mentions: Mentions | None = None
) -> list[EventMention]:
    """Event mentions of every sentence of ``text`` that has an event trigger.

    ``mentions`` (dates, places, actors of the whole ``text``) are computed when not given.

    Example::

        (e,) = extract_events("أسفر هجوم بطائرة مسيرة في 28 يناير عن مقتل 3 جنود أميركيين.",
                              anchor=date(2024, 4, 22), settings=Settings())
        e.acled_subtype, e.date, e.killed  # ('Air/drone strike', '2024-01-28', 3)
    """
    lex = _lexicon()
    found = mentions or Mentions.of(text, anchor=anchor, settings=settings)
    out = []
    for sp in sentence_spans(text):
        ev = _sentence_event(text, sp, anchor, settings, lex, found)
        if ev is not None:
            out.append(ev)
    return out


def _sentence_event(text: str, sp: Span, anchor: date | None, s: Settings, lex: _Lexicon,
                    found: Mentions) -> EventMention | None:  # fmt: skip
    sentence = text[sp.start : sp.end]
    norm = normalize_with_offsets(sentence)
    spans = word_spans(norm.text)
    hits = find_aliases(norm.text, lex.index, max_words=4, words=spans, strip_article=True)
    if not hits:
        return None
    # the most specific trigger types the sentence: one with a subtype (weapon) beats "attack"
    best = max(hits, key=lambda h: (bool(lex.triggers[h.key][2]), bool(lex.triggers[h.key][3])))
    plover, acled, subtype, weapon = lex.triggers[best.key]
    if not subtype:
        subtype = next((lex.triggers[h.key][2] for h in hits if lex.triggers[h.key][2]), "")
    words = [w for _, _, w in spans]
    count_words = _CLOCK.sub(" ", norm.text).split() and [
        m.group() for m in re.finditer(r"\w+", _CLOCK.sub(" ", norm.text))]  # fmt: skip
    killed, injured = _casualties(words, lex)
    victims = _victims(sentence, norm, spans, lex) if killed or injured else None
    a, b = norm.to_original(best.start, best.end)
    t_start, t_end = sp.start + a, sp.start + b  # in ``text``
    dates = [d for d in _inside(found.dates, sp) if d.value or _backed(d)]
    # the date nearest the trigger, day precision first: "وشنت غارات ... فجر الجمعة"
    dated = min(dates, key=lambda d: (d.precision != "day", _distance(d.span, t_start, t_end)),
                default=None)  # fmt: skip
    # reporters and unnamed sources tell of the event; they are not its actor or target
    actors = [x for x in _inside(found.actors, sp) if x.kind not in _NOT_PARTIES]
    actor = next((x.actor_id or x.text for x in actors if x.span.end <= t_start), None)
    target = next((x.actor_id or x.text for x in actors if x.span.start >= t_end), None)
    ev = EventMention(
        span=sp, sentence=sentence, trigger=text[t_start:t_end],
        trigger_span=Span(t_start, t_end), plover=plover,
        acled_type=acled, acled_subtype=subtype, weapon=weapon or _weapon(hits, lex),
        date=_event_date(dated)[0], date_note=_event_date(dated)[1],
        date_text=dated.text if dated else None,
        places=[p.place.id for p in _inside(found.places, sp)], actor=actor, target=target,
        counts=_counts(count_words), killed=killed, injured=injured, victims=victims,
        modality=_modality(words, best.first_word, lex),
    )  # fmt: skip
    ev.background = _is_background(ev, words, anchor, s, lex)
    return ev


def _backed(d: DateMention) -> DateCorrection | None:
    """A Solar Hijri correction of ``d`` that the written weekday supports, if any."""
    return next((c for c in d.corrections
                 if c.calendar == "solar_hijri" and "weekday" in c.reason), None)  # fmt: skip


def _event_date(d: DateMention | None) -> tuple[str | None, str | None]:
    """The event's date: the text's date, or its weekday-backed Solar Hijri reading, said so
    in the note (the date mention itself keeps both)."""
    if d is None:
        return None, None
    if (c := _backed(d)) is not None:
        return c.value, f"corrected from {d.value or 'an undated reading'} ('{d.text}'): {c.reason}"
    return d.value, None


def _distance(span: Span, start: int, end: int) -> int:
    return max(span.start - end, start - span.end, 0)


def _weapon(hits, lex: _Lexicon) -> str | None:  # type: ignore[no-untyped-def]
    return next((lex.triggers[h.key][3] for h in hits if lex.triggers[h.key][3]), None)


def _is_background(ev: EventMention, words: list[str], anchor: date | None, s: Settings,
                   lex: _Lexicon) -> bool:  # fmt: skip
    if ev.date and anchor and len(ev.date) == 10:
        return date.fromisoformat(ev.date) < anchor - timedelta(days=s.background_days)
    if ev.date and anchor and len(ev.date) == 7:
        return ev.date < (anchor - timedelta(days=s.background_days)).isoformat()[:7]
    return bool(words) and _bare(words[0]) in lex.cues["background"] | {
        normalize(w) for w in ("وكانت", "وكان")
    }
