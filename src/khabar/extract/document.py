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

import re
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TypeVar

from khabar.extract.actors import (
    ActorMention,
    country_rows,
    extract_actors,
    extract_generic_actors,
    extract_world_organisations,
    generic_agents,
    resolve_actor,
    world_actors,
)
from khabar.extract.claims import extract_claims
from khabar.extract.dates import extract_dates, propagate_solar, propose_anchor_repair
from khabar.extract.entities import (
    NER_LANGS,
    EntityMention,
    after_patronym,
    extract_demonyms,
    facility_places,
    heads_organisation,
    in_persons_name,
    inside_known_name,
    inside_organisation,
    institution_names,
    merge_entities,
    named_again,
    person_surnames,
    place_phrases,
    recognise_batch,
    unknown_places,
)
from khabar.extract.entities import load_models as load_entity_models
from khabar.extract.event_types import load_models as load_event_models
from khabar.extract.events import (
    Mentions,
    acled_of_mode,
    cumulative_toll,
    extract_events,
    load_lexicons,
    told_in_court,
)
from khabar.extract.places import (
    PlaceMention,
    distance_km,
    extract_places,
    gazetteer,
    located_sites,
    names_organisation,
    place_cued,
    the_kingdom,
    unsupported,
    with_document_context,
)
from khabar.extract.places import load_tables as load_place_tables
from khabar.model import (
    EVIDENCE,
    Claim,
    DateMention,
    Document,
    EventMention,
    LineRole,
    Span,
    TimeMention,
)
from khabar.settings import Settings

__all__ = ["Extraction", "crawl_day", "extract_document", "iso_day", "iso_time", "load_tables",
           "main_event"]

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
    """The day of an ISO date or datetime string ("2024-04-22T10:00"), or ``None`` (also for a
    year or a month alone: "2024" is never used as a day)."""
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def iso_time(value: str | None) -> datetime | None:
    """The clock time of an ISO datetime string, in the zone it was written in ("2024-03-10T02:00
    +03:00" → 02:00 on the 10th), or ``None`` when the string has no time."""
    if not value or len(value) <= 10:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _shift(span: Span, by: int) -> Span:
    return Span(span.start + by, span.end + by)


@lru_cache(maxsize=16)
def _field_names(cls: type) -> tuple[str, ...]:
    """The names of a dataclass's fields, in order (each one ``__init__`` takes)."""
    return tuple(f.name for f in fields(cls) if f.init)


def _moved(items: list[T], by: int, *fields_: str) -> list[T]:
    """Copies of the dataclasses ``items`` with their spans named ``fields_`` shifted by ``by``
    characters: ``dataclasses.replace``, without its checks of every field of every copy (the
    mentions have no field that ``__init__`` leaves out)."""
    out = []
    for x in items:
        values = {name: getattr(x, name) for name in _field_names(type(x))}
        for f in fields_:
            values[f] = _shift(values[f], by)
        out.append(type(x)(**values))
    return out


def load_tables() -> None:
    """Load every dictionary, gazetteer and model that extraction reads, once per process
    (ingest's warm-up: otherwise the first sentence that needs a table pays for it)."""
    world_actors()  # the open dictionaries that resolve recognised names
    country_rows()  # and their governments, armies and police named by the country
    generic_agents()  # every language's (the casualty readers' and ACLED's)
    for lang in ("ar", "fa", "en"):
        generic_agents(lang)
    load_entity_models()
    load_place_tables()
    load_event_models()
    load_lexicons()


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
    that date, labelled as inferred; any other is read against the latest full date it writes
    out, labelled so. A document with only a crawl time is read against it, or against the day
    before it that the text's weekdays name ("اليوم الخميس").
    """
    out = _extract(doc, settings, fallback_anchor, fallback_label)
    crawl = iso_day(doc.crawled)
    if iso_day(doc.published) is None and fallback_anchor is None and crawl is not None:
        # a crawl day is an upper bound: the text's own weekdays ("اليوم الخميس") say which
        # day before it the report was written, counted from the day its dates were read
        # against (the day before the crawl, for a crawl after midnight: _crawl_anchor)
        read_against, _ = _crawl_anchor(doc.crawled, settings)
        written = propose_anchor_repair(list(out.dates), anchor=read_against, settings=settings)
        if written is not None:
            return _extract(doc, settings, written, f"written weekday (crawled {crawl})")
    if iso_day(doc.published) is None and fallback_anchor is None:
        inferred = _solar_anchor(out.dates)
        if inferred is not None:
            day, text = inferred
            out = _extract(doc, settings, day, f"inferred: Solar Hijri reading of '{text}'")
        elif crawl is None and (latest := _latest_stated(out.dates)) is not None:
            out = _extract(doc, settings, latest, f"inferred: the latest date the text states "
                                                  f"({latest})")  # fmt: skip
    return out


def _crawl_anchor(crawled: str | None, settings: Settings) -> tuple[date | None, str]:
    """What a crawled text's relative dates ("اليوم", "أمس") count from: the crawl day, or the
    day before for a crawl after midnight, before ``settings.crawl_night_hour`` (the page is
    still the previous day's paper)."""
    day, at = iso_day(crawled), iso_time(crawled)
    if day is not None and at is not None and at.hour < settings.crawl_night_hour:
        return day - timedelta(days=1), f"crawl (upper bound; crawled after midnight, {crawled})"
    return day, "crawl (upper bound)"


def crawl_day(crawled: str | None, settings: Settings) -> date | None:
    """The day an undated event of a crawled report most likely happened, by the crawl time
    alone: the crawl day, or the day before for a crawl before ``settings.crawl_morning_hour``
    (a crawl at 02:00 or 08:00 mostly finds reports of the day before). The text's own dates
    are read against the crawl day (the day before only after midnight: ``_crawl_anchor``)."""
    day, at = iso_day(crawled), iso_time(crawled)
    if day is not None and at is not None and at.hour < settings.crawl_morning_hour:
        return day - timedelta(days=1)
    return day


def _latest_stated(dates: list[DateMention]) -> date | None:
    """The latest full date a text writes out (its year included), to read its relative days
    ("أمس", "on Monday") when nothing else dates it; ``None`` when it writes none."""
    days = [d.value for d in dates if d.anchor == "absolute" and d.precision == "day"
            and d.value and not d.corrections]  # fmt: skip
    return date.fromisoformat(max(days)) if days else None


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
    anchor_time = iso_time(doc.published)
    if anchor is None and fallback_anchor is not None:
        anchor, label = fallback_anchor, fallback_label or "fallback"
    if anchor is None and iso_day(doc.crawled) is not None:
        anchor, label = _crawl_anchor(doc.crawled, settings)
    out = Extraction()
    recognised_by, tagged_by = recognise_batch([p.text for p in doc.paragraphs], doc.lang)
    # a name found once is the same name where the document writes it again, and a person
    # named in full is the person where the surname stands alone
    again = named_again([p.text for p in doc.paragraphs], recognised_by, doc.lang)
    recognised_by = [sorted(m + n, key=lambda e: e.span.start)
                     for m, n in zip(recognised_by, again, strict=True)]  # fmt: skip
    located = [[m.span for m in model if m.label == "LOC"] for model in recognised_by]
    gazetteer_places = [extract_places(p.text, recognised, lang=doc.lang,
                                       organisations=[m.span for m in model if m.label == "ORG"])
                        for p, recognised, model in zip(doc.paragraphs, located, recognised_by,
                                                        strict=True)]  # fmt: skip
    gazetteer_places = with_document_context(gazetteer_places)
    gazetteer_places = the_kingdom([p.text for p in doc.paragraphs], located, gazetteer_places)
    # the countries the whole document names places in: a lone word far from home is no place
    countries: dict[str, set[str]] = {}
    for found in gazetteer_places:
        for m in found:
            countries.setdefault(m.place.country, set()).add(m.place.id)
    # Persian and English: a place inside a person's name, or a name standing for a person
    # named in full ("Bolton" after "John Bolton"; the Arabic recogniser's persons hold titles
    # and their provinces: see below)
    surnames = person_surnames(recognised_by) if doc.lang in ("fa", "en") else frozenset()
    paragraphs = zip(doc.paragraphs, recognised_by, located, gazetteer_places, tagged_by,
                     strict=True)  # fmt: skip
    for p, model, recognised, named, tagged in paragraphs:
        text, at = p.text, p.span.start
        dates = extract_dates(text, anchor=anchor, settings=settings, anchor_label=label,
                              anchor_time=anchor_time, lang=doc.lang)
        actors = extract_actors(text)
        generic = extract_generic_actors(text, actors, doc.lang,
                                         tagged if doc.lang in NER_LANGS else None)
        # named organisations of the open dictionaries: entities (and event roles), not yet
        # the actors of claims and fusion, but where one is inside a name the unresolved-name
        # rules found ("جبهة النصرة" of "جبهة النصرة مواقع النظام", "جماعة الإخوان"): then
        # the actor, in that name's place
        world = extract_world_organisations(
            text, [m for m in actors + generic if m.kind != "unresolved_org"])
        actors, world = _known_for_unresolved(actors, world)
        # a place inside a known actor's name is none (القدس in فيلق القدس, the Quds Force),
        # nor in English inside a person's name the recogniser found ("Leon van Biljon"; the
        # Arabic recogniser's persons hold titles and their provinces: "محافظ البصرة أسعد", so
        # in Arabic only after a word of descent: "عبدالله بن محمد السويد"),
        # nor a word the recogniser calls an organisation ("خبرنگار فارس"), unless a curated
        # site (bases: قاعدة عين الأسد) or after a word of kind, nor a country that heads an
        # organisation's name ("the U.S. Senate")
        places = [p for p in named if not inside_known_name(p.span, actors + world)
                  and not (doc.lang in ("en", "fa")
                           and in_persons_name(p.span, text, model, surnames))
                  and not (doc.lang == "ar" and after_patronym(p.span, text, model))
                  and not (inside_organisation(p.span, model) and p.place.precision != "site"
                           and not place_cued(text, p.span.start))
                  and not (p.place.precision == "country" and heads_organisation(p.span, model))
                  and not names_organisation(p)
                  and not unsupported(text, p, recognised, countries, doc.lang)]  # fmt: skip
        # a base, a mosque, a consulate the recogniser found: at the place named right after it
        places = located_sites(text, recognised, places, named)
        entities = merge_entities(_resolved(model, doc.published), places, actors + generic + world,
                                  extract_demonyms(text, doc.lang))  # fmt: skip
        entities = facility_places(place_phrases(unknown_places(entities, text, doc.lang), text,
                                                 doc.lang), text, doc.lang)  # fmt: skip
        entities = institution_names(entities, text, doc.lang)
        found = Mentions(dates.dates, places, actors, entities)
        events = extract_events(text, anchor=anchor, settings=settings, mentions=found,
                                lang=doc.lang)
        out.dates += _moved(found.dates, at, "span")
        out.times += _moved(dates.times, at, "span")
        out.places += _moved(found.places, at, "span")
        out.actors += _moved(found.actors, at, "span")
        out.entities += _moved(entities, at, "span")
        out.events += _moved(events, at, "span", "trigger_span")
        # speakers: dictionary actors and generic ones ("قال الجيش", "ارتش اعلام کرد")
        claims = extract_claims(text, actors=sorted(actors + generic, key=lambda a: a.span.start))
        out.claims += _moved(claims, at, "span", "content_span")
    out.entities = sorted(out.entities + _credited(doc), key=lambda e: (e.span.start, e.span.end))
    propagate_solar(out.dates, anchor=anchor, settings=settings)
    propose_anchor_repair(out.dates, anchor=anchor, settings=settings)
    _inherit_places(out.events)
    title = next((p.span for p in doc.paragraphs if p.role == LineRole.TITLE), None)
    if anchor is None:
        _background_by_latest(out.events, settings)
    _totals_apart(out.events, title)
    lead = next((p.span for p in doc.paragraphs if p.role == LineRole.BODY), None)
    report = _report_day(doc, anchor, label, settings)
    _history_told(out.events, lead or title, report[1], settings, doc.lang)
    out.events = main_event(out.events, title, report,
                            _lead_days(out.dates, lead, report[1], settings))  # fmt: skip
    _inherit_dates(out.events, settings.date_inherit_events)
    return out


def _credited(doc: Document) -> list[EntityMention]:
    """The organisations a credit line names ("خبرگزاري فارس:" above the text, "رويترز" under
    a photo): the cleaner keeps the line out of what every extractor reads (boilerplate,
    ``clean`` rule ``credit_line``), but the agency it credits is a named organisation of the
    document (docs/annotation.md, section 2). Dictionary actors only (``actors.tsv``), as
    entities (ORG, source ``dictionary``): no party of an event or claim, no story element."""
    out = []
    for line in doc.lines:
        if line.rule != "credit_line":
            continue
        at = line.span.start
        out += [EntityMention(Span(at + a.span.start, at + a.span.end), a.text, "ORG", 1.0,
                              "dictionary", a.actor_id)
                for a in extract_actors(line.text)
                if a.actor_id and a.kind not in ("official", "anonymous", "generic")]  # fmt: skip
    return out


_NEAR_KM = 100  # a place this close to one of an event's places speaks of that event's place


def _totals_apart(events: list[EventMention], title: Span | None) -> None:
    """A round-up's toll is no event's toll. When a report tells of two or more events of one
    PLOVER type at places apart (no place of one within ``_NEAR_KM`` of a place of the other:
    al-Masyal in Asir, al-Tuwal in Jazan), a killed or injured count of that type given by a
    title that names no town or province, and that no body sentence gives (as a toll or a
    counted number: "5 شرطيين"), sums them: it moves to the event's ``counts`` as "killed
    (report total)" and leaves the field empty, so fusion never sets it against one event's
    toll (``main_event`` keeps it in the main event's counts). Events at places near each
    other (a city's districts) are left alone, and a body sentence keeps its toll even where
    it names two events' places: places alone cannot tell a lead that sums two attacks from one
    attack at a town and its province (القائم بمحافظة الأنبار)."""
    if title is None:
        return
    for plover in sorted({e.plover for e in events if e.killed or e.injured}):
        local = [(e, _local_places(e)) for e in events
                 if e.plover == plover and not e.background]  # fmt: skip
        placed = [p for _, p in local if p]
        if not any(not _near(a, b) for i, a in enumerate(placed) for b in placed[i + 1 :]):
            continue  # one place, or places near each other
        for e, places in local:
            if places or e.span.start >= title.end or not (e.killed or e.injured):
                continue
            # a title count that no body sentence gives as an event's own
            own = {n for o, _ in local if o is not e
                   for n in (o.killed, o.injured, *(c for c, _ in o.counts))}  # fmt: skip
            if not ({e.killed, e.injured} - {None}) & own:
                for name in ("killed", "injured"):
                    if value := getattr(e, name):
                        e.counts.append((value, f"{name} (report total)"))
                        setattr(e, name, None)


def _local_places(e: EventMention) -> set[str]:
    """The towns, districts, sites and provinces an event's own sentence names (no country,
    nothing inherited from an earlier sentence)."""
    if e.places_inherited:
        return set()
    g = gazetteer()
    return {i for i in e.places if i in g.places and g.places[i].precision != "country"}


def _near(ours: set[str], theirs: set[str]) -> bool:
    """Whether one of ``ours`` is one of ``theirs`` or within ``_NEAR_KM`` of one."""
    return any(a == b or _km(a, b) <= _NEAR_KM for a in ours for b in theirs)


@lru_cache(maxsize=65_536)
def _km(a: str, b: str) -> float:
    """Distance in km between two gazetteer places (by id)."""
    g = gazetteer()
    return distance_km((g.places[a].lat, g.places[a].lon), (g.places[b].lat, g.places[b].lon))


def _inherit_dates(events: list[EventMention], within: int) -> None:
    """An event sentence with no date of its own ("وأسفر الهجوم عن مقتل 5") takes the day of the
    nearest earlier event of the same PLOVER type that its text dates, at most ``within`` event
    mentions before it (``Settings.date_inherit_events``), with ``date_basis`` "document" and
    the earlier sentence's date words as ``date_text``."""
    last: dict[str, tuple[int, EventMention]] = {}
    for i, e in enumerate(sorted(events, key=lambda e: e.span.start)):
        if e.date is None and not e.background and e.plover in last \
                and i - last[e.plover][0] <= within:  # fmt: skip
            src = last[e.plover][1]
            e.date, e.date_text, e.date_basis = src.date, src.date_text, "document"
            e.date_note = src.date_note
        elif e.date and len(e.date) == 10 and e.date_basis in ("text", "title") \
                and not e.background:  # fmt: skip
            last[e.plover] = (i, e)


_FROM_TITLE = ("date", "places", "killed", "injured", "actor", "target", "mode", "weapon")
# the ACLED sub-types an assault gets with no mode (``events.acled_of_mode``: by its parties)
_MODELESS = frozenset({"", "Attack", "Armed clash"})


def main_event(events: list[EventMention], title: Span | None,
               report: tuple[str, date | None],
               lead: list[DateMention] | None = None) -> list[EventMention]:  # fmt: skip
    """Mark the document's main event and give it what only the title says.

    The main event is the title's event when the title reports one that is not background
    (a title recalling history, "محاكمة المتهمين بتفجير ...", reports none), else the first
    event of the body that is not background. When the body reports the title's event (the
    first body event of the same PLOVER type that is not background), the title's mention is
    folded into
    it: each field the body leaves empty (date, places, killed, injured, actor, target, mode,
    weapon; not a toll the body gives as cumulative) is taken from the title and named in
    ``from_title`` (with the title's mode, the ACLED sub-type that mode gives, where the body's
    assault, typed by the classifier or a CAMEO verb, had only the one its parties give:
    ``events.acled_of_mode``; a judicial execution's none), and the title's evidence
    (``EventMention.evidence``) joins the body's. Denied, negated and planned
    events are never main. A main event whose sentence has no date takes the day another
    sentence gives an event of its type (``date_basis`` "document"); with none, the first of
    the ``lead`` days (``_lead_days``: stated by the title or first paragraph, within
    ``background_days`` before the report; ``date_basis`` "lead"); with none, the day its
    report was published (``date_basis`` "publication"; "crawl" when only a crawl day is
    known: an upper bound); a publication date that is only a
    year, or a guess, dates nothing (``report``: the basis and the day the report was written,
    as its dates were read). Returns the events (the folded title mention removed).
    """
    in_title = [e for e in events if title and e.span.start < title.end and _reported(e)]
    body = [e for e in events if not (title and e.span.start < title.end) and _reported(e)]
    main: EventMention | None = None
    if in_title and in_title[0].background:
        in_title = []  # a title recalling history ("محاكمة المتهمين بتفجير") folds into nothing
    if in_title:
        head = in_title[0]
        main = next((e for e in body if e.plover == head.plover and not e.background), None)
        if main is None:
            main = head
        else:
            # a body sentence that tells a cumulative toll ("حصيلة القتلى منذ بدء المواجهات ...
            # بلغت ألفاً") tells what the title's number is: no event's toll
            summed = cumulative_toll(main.sentence)
            for name in _FROM_TITLE:
                if summed and name in ("killed", "injured"):
                    continue
                if getattr(main, name) in (None, []) and getattr(head, name) not in (None, []):
                    setattr(main, name, getattr(head, name))
                    main.from_title.append(name)
            if "date" in main.from_title:
                main.date_text, main.date_note = head.date_text, head.date_note
                main.date_basis = "title"
            told = acled_of_mode(main.plover, main.mode) if "mode" in main.from_title else None
            if told == ("", "") or (told is not None and main.acled_subtype in _MODELESS
                                    and main.type_source != "lexicon"):  # fmt: skip
                # the title's means give the ACLED sub-type the body's assault had none for
                # ("طائرة حربية تسقط ... بعد تنفيذها غارة": an air strike, not an attack), and
                # a judicial execution none; a sub-type the body's trigger gives stays
                # ("اشتباكات": an armed clash)
                main.acled_type, main.acled_subtype = told
            # the title's round-up total stays known, apart from the event's own toll
            main.counts += [c for c in head.counts if c[1].endswith("(report total)")]
            # what shows the title's event is an event shows the one it is folded into
            if main.evidence is not None and head.evidence is not None:
                shown = set(main.evidence) | set(head.evidence)
                main.evidence = [kind for kind in EVIDENCE if kind in shown]
            events = [e for e in events if e is not head]
    else:
        main = next((e for e in body if not e.background), None)
    if main is None:
        return events
    main.main = True
    if main.date is None:
        # the day another sentence gives the same kind of event ("وكان الهجوم وقع مساء الأحد")
        later = next((e for e in body if e is not main and e.plover == main.plover
                      and not e.background and e.date and len(e.date) == 10
                      and e.date_basis != "recalled"), None)  # fmt: skip
        if later is not None:
            main.date, main.date_text, main.date_basis = later.date, later.date_text, "document"
            main.date_note = later.date_note
    day = next(iter(lead or ()), None)
    if main.date is None and day is not None:
        # the first day the title or the first paragraph names ("أمس الأربعاء"), even in another
        # event's sentence: leaving those out (an arrest's day in the lead) lost more right days
        # than wrong ones on the dev reports (report days exact 0.627 -> 0.619)
        main.date, main.date_text, main.date_basis = day.value, day.text, "lead"
    basis, day = report
    if main.date is None and day is not None:
        main.date, main.date_basis = day.isoformat(), basis
    return events


# the modes of a judgement (an execution, a conviction, PLOVER's codebook): a report whose first
# event is one tells the crime it punishes as history
_JUDICIAL = frozenset({"execute", "convict"})


def _history_told(events: list[EventMention], lead: Span | None, report: date | None,
                  settings: Settings, lang: str | None) -> None:
    """Mark the events a report retells as history, from its first event, when that event is
    in its title or first paragraph (up to the end of ``lead``).

    When the first event is one a court case is about (``events.told_in_court``: "القضاء
    الكويتي يستأنف اليوم محاكمة المتهمين بتفجير مسجد الإمام الصادق"), the later events of its
    type retell it (a defendant's account, the video shown in court); when it is another event
    told as history (background and undated: "إحياء للذكرى السبعين لأول هجوم نووي"), the later
    events of its type the text gives no day of (Nagasaki's bomb three days after Hiroshima's)
    retell that history; when it is a judgement
    (``_JUDICIAL``: "تنفيذ حكم القتل قصاصاً في أحد الجناة"), the later assaults that are no
    judgement tell the crime judged ("أقدم ... على قتل ..."). Those are background, and a day
    the text gives them that lies within ``background_days`` of the report (the court
    session's, a weekday read from the report day) is not theirs: dropped (docs/annotation.md
    section 4: "an old event in a court case"). An event placed only in countries the first
    event is not in, or told after a word of another item ("وفي خبر آخر", "Separately":
    ``_ANOTHER_ITEM``), is the report's own news and stays as it is, as does every later one."""
    head = next((e for e in events if _reported(e)), None)
    if head is None or lead is None or head.span.start >= lead.end:
        return
    history = head.background and head.date is None
    court = history and told_in_court(head.sentence, head.trigger, lang)
    judged = head.mode in _JUDICIAL and not head.background
    if not (history or judged):
        return
    limit = report - timedelta(days=settings.background_days) if report else None
    home = _countries(head.places)
    for e in events:
        if e.span.start <= head.span.start or e.background:
            continue
        if _ANOTHER_ITEM.match(e.sentence.lstrip("-–—•*( ")):
            return
        if home and e.places and not e.places_inherited and not _countries(e.places) & home:
            continue
        if history and not court and e.date_basis == "text":
            continue  # after an anniversary, an event the text dates is news of its own
        if (history and e.plover == head.plover) or (
                judged and e.plover == "ASSAULT" and e.mode not in _JUDICIAL):  # fmt: skip
            e.background = True
            if e.date and limit is not None and e.date[:10] >= limit.isoformat()[: len(e.date)]:
                e.date = e.date_text = e.date_note = e.date_basis = None


# words that open another item of a report ("وفي خبر آخر", "في سياق آخر", "من جهة أخرى",
# "Separately", "Meanwhile", "در خبری دیگر"): Arabic, English and Persian news style, a closed
# list
_ANOTHER_ITEM = re.compile(
    r"(?:و?في\s+(?:خبر|سياق|شأن)\s+(?:آخر|اخر)|و?من\s+جهة\s+(?:أخرى|اخرى)|و?على\s+صعيد\s+"
    r"(?:آخر|اخر)|separately|meanwhile|in\s+other\s+news|in\s+a\s+separate|در\s+خبری\s+دیگر|"
    r"در\s+خبري\s+ديگر)", re.IGNORECASE)


def _countries(place_ids: list[str]) -> set[str]:
    """The countries of gazetteer places."""
    places = gazetteer().places
    return {places[p].country for p in place_ids if p in places and places[p].country}


def _lead_days(dates: list[DateMention], lead: Span | None, report: date | None,
               settings: Settings) -> list[DateMention]:  # fmt: skip
    """The full days the title and the first body paragraph (``lead``) state, in order, that
    are at most ``settings.background_days`` before the day the report was written (``report``)
    and not after it: news leads name the day of their news first ("وذكرت الجامعة أمس
    الأربعاء"). None without a first paragraph or a report day (nothing to bound them by)."""
    if lead is None or report is None:
        return []
    out = []
    for d in dates:
        if d.span.start >= lead.end:
            break
        if d.precision != "day" or not d.value or d.corrections or len(d.value) != 10:
            continue
        if 0 <= (report - date.fromisoformat(d.value)).days <= settings.background_days:
            out.append(d)
    return out


def _reported(e: EventMention) -> bool:
    """An event the text says happened: not denied, negated or only planned."""
    return not {"negated", "denied", "planned"} & set(e.modality)


def _report_day(doc: Document, anchor: date | None, label: str,
                settings: Settings) -> tuple[str, date | None]:  # fmt: skip
    """The day an undated main event is given, and its basis, from the day its dates were read
    against (``anchor``, what ``label`` says it is): its publication day (not a guess), a wire
    copy's, or its crawl day (moved to the day its weekdays name; with no such word, by the
    crawl time: ``crawl_day``); nothing for an inferred anchor."""
    if anchor is None or label.startswith("inferred"):
        return "publication", None
    if label.startswith("written weekday"):
        return "crawl", anchor
    if label.startswith("crawl"):
        return "crawl", crawl_day(doc.crawled, settings)
    if label == "publication" and doc.published_basis == "guess":
        return "publication", None
    return "publication", anchor


def _known_for_unresolved(actors: list[ActorMention], world: list[ActorMention]
                          ) -> tuple[list[ActorMention], list[ActorMention]]:  # fmt: skip
    """``actors`` with each unresolved organisation name that an open-dictionary organisation
    of ``world`` overlaps replaced by that organisation (the dictionary knows the name the
    rules could only delimit, and often too widely: "جبهة النصرة مواقع النظام"), and the
    ``world`` organisations that replaced none, in text order."""
    unresolved = [a for a in actors if a.kind == "unresolved_org"]
    known = [w for w in world if any(w.span.overlaps(a.span) for a in unresolved)]
    if not known:
        return actors, world
    kept = [a for a in actors if a.kind != "unresolved_org"
            or not any(a.span.overlaps(w.span) for w in known)]  # fmt: skip
    return (sorted(kept + known, key=lambda a: a.span.start),
            [w for w in world if w not in known])


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
