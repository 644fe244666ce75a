"""Run every extractor on a cleaned document, with spans in the document's original text.

Input: a ``Document`` (its kept paragraphs, language and publication date) and settings.
Output: an ``Extraction`` with the document's dates, times, places, actors, entities (the
recogniser's names merged with gazetteer places and dictionary actors), event mentions and
claims.
Each extractor runs on each kept paragraph (title, summary, headings, body), so nothing from
captions, ads or repeated paragraphs is counted, and every span is shifted to ``raw_text``.
The publication date (if known) anchors relative dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar

from khabar.extract.actors import (
    ActorMention,
    extract_actors,
    extract_generic_actors,
    resolve_actor,
)
from khabar.extract.claims import extract_claims
from khabar.extract.dates import extract_dates, propagate_solar, propose_anchor_repair
from khabar.extract.entities import (
    EntityMention,
    extract_entities_batch,
    inside_known_name,
    merge_entities,
)
from khabar.extract.events import Mentions, extract_events
from khabar.extract.places import PlaceMention, extract_places
from khabar.model import Claim, DateMention, Document, EventMention, Span, TimeMention
from khabar.settings import Settings

__all__ = ["Extraction", "extract_document", "iso_day"]

T = TypeVar("T")


@dataclass(slots=True)
class Extraction:
    dates: list[DateMention] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def iso_day(value: str | None) -> date | None:
    """The day of an ISO date or datetime string ("2024-04-22T10:00"), or ``None``."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _shift(span: Span, by: int) -> Span:
    return Span(span.start + by, span.end + by)


def _moved(items: list[T], by: int, *fields_: str) -> list[T]:
    return [replace(x, **{f: _shift(getattr(x, f), by) for f in fields_}) for x in items]  # type: ignore[type-var]


def extract_document(
    doc: Document,
    settings: Settings,
    *,
    fallback_anchor: date | None = None,
    fallback_label: str = "",
) -> Extraction:
    """All facts of ``doc``, each with its span in ``doc.raw_text``.

    Relative dates are resolved against the publication date; a document without one can be
    given ``fallback_anchor`` (e.g. the publication date of a wire copy it shares paragraphs
    with), recorded on each date it resolves as ``fallback_label``. With neither, a document
    whose dates read as machine-translated Solar Hijri on two independent clues (a weekday that
    fits only that reading, and a month name written like a Persian month) is read against
    that date, labelled as inferred.
    """
    out = _extract(doc, settings, fallback_anchor, fallback_label)
    if iso_day(doc.published) is None and fallback_anchor is None:
        inferred = _solar_anchor(out.dates)
        if inferred is not None:
            day, text = inferred
            out = _extract(doc, settings, day, f"inferred: Solar Hijri reading of '{text}'")
    return out


def _solar_anchor(dates: list[DateMention]) -> tuple[date, str] | None:
    homograph = any(f.startswith("possible_solar_hijri") for d in dates for f in d.flags)
    if not homograph:
        return None
    for d in dates:
        for c in d.corrections:
            if c.calendar == "solar_hijri" and "weekday" in c.reason:
                return date.fromisoformat(c.value), d.text
    return None


def _extract(
    doc: Document, settings: Settings, fallback_anchor: date | None, fallback_label: str
) -> Extraction:
    anchor, label = iso_day(doc.published), "publication"
    if anchor is None and fallback_anchor is not None:
        anchor, label = fallback_anchor, fallback_label or "fallback"
    out = Extraction()
    recognised_by = extract_entities_batch([p.text for p in doc.paragraphs], doc.lang)
    for p, model in zip(doc.paragraphs, recognised_by, strict=True):
        text, at = p.text, p.span.start
        dates = extract_dates(text, anchor=anchor, settings=settings, anchor_label=label)
        recognised = [m.span for m in model if m.label == "LOC"]
        actors = extract_actors(text)
        # a place inside a known actor's name is none (القدس in فيلق القدس, the Quds Force)
        places = [p for p in extract_places(text, recognised)
                  if not inside_known_name(p.span, actors)]  # fmt: skip
        generic = extract_generic_actors(text, actors)
        entities = merge_entities(_resolved(model, doc.published), places, actors + generic)
        found = Mentions(dates.dates, places, actors, entities)
        events = extract_events(text, anchor=anchor, settings=settings, mentions=found,
                                lang=doc.lang)
        out.dates += _moved(found.dates, at, "span")
        out.times += _moved(dates.times, at, "span")
        out.places += _moved(found.places, at, "span")
        out.actors += _moved(found.actors, at, "span")
        out.entities += _moved(entities, at, "span")
        out.events += _moved(events, at, "span", "trigger_span")
        out.claims += _moved(extract_claims(text, actors=found.actors), at, "span", "content_span")
    propagate_solar(out.dates, anchor=anchor, settings=settings)
    propose_anchor_repair(out.dates, anchor=anchor, settings=settings)
    _inherit_places(out.events)
    if anchor is None:
        _background_by_latest(out.events, settings)
    return out


def _resolved(model: list[EntityMention], published: str | None) -> list[EntityMention]:
    """The recogniser's persons and organisations with the actor each names, when a dictionary
    knows it (its entry valid on the publication day); others stay unresolved."""
    day = published[:10] if published else None
    out = []
    for m in model:
        actor = resolve_actor(m.text, day) if m.label in ("PER", "ORG") else None
        out.append(replace(m, ref=actor.id, sector=(actor.country + actor.sector) or None)
                   if actor else m)  # fmt: skip
    return out


def _background_by_latest(events: list[EventMention], settings: Settings) -> None:
    """With no anchor, an event dated long before the document's latest event is background."""
    days = [date.fromisoformat(e.date) for e in events if e.date and len(e.date) == 10]
    if not days:
        return
    latest = max(days)
    for e in events:
        if e.date and len(e.date) == 10:
            if (latest - date.fromisoformat(e.date)).days > settings.background_days:
                e.background = True


def _inherit_places(events: list[EventMention]) -> None:
    """An event sentence that names no place ("سقوط 10 صواريخ داخل القاعدة") takes the places
    of the event before it in the same document, and says so."""
    previous: list[str] = []
    for e in events:
        if e.places:
            previous = e.places
        elif previous:
            e.places, e.places_inherited = list(previous), True
