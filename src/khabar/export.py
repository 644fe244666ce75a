"""Exports of canonical events: ACLED-style CSV, GeoJSON, JSONL and Parquet.

Input: a store with fused stories (``khabar.fuse``) and ``store.events.EventFilters`` (day
range, story, country, actor, event type; background and undated events are left out unless
asked for).
Output: a file in one of ``FORMATS``:

* ``acled-csv``: one row per real-world event (``merge_records``: the canonical events of two
  stories that report one happening make one row), ACLED's 31 columns with ACLED's names, order
  and types (``ACLED_COLUMNS``; values from ``khabar.acled``), then khabar's provenance and
  contradiction columns (``KHABAR_COLUMNS``). UTF-8, header first. Unknown is empty, never 0:
  a toll no report gives leaves ``fatalities`` empty.
* ``geojson``: a FeatureCollection of the rows that have coordinates (their chosen location,
  else the place the event happened near),
  with every column as a property (unknown: ``null``) and the number of contradictions.
* ``jsonl``: the full record of each canonical event (every field's values with their sources,
  chosen values with their rules) with its contradictions and ``export_row``, the
  ``event_id_cnty`` of the row that holds it.
* ``parquet`` (needs ``pyarrow``, the ``export`` extra): the CSV's columns, typed (integers,
  floats, strings; unknown is null), plus ``records``, the JSON list of the full records of the
  row.

Row ids (``event_id_cnty``): the ISO 3166-1 alpha-3 code of the event's country ("XXX" when it
has none) then the representative event's story id and its sequence number zero-padded to three
digits (IRQ18001, IRQ18010, IRQ1010): unique in an export and the same on every run over an
unchanged store (a story of 1,000 events or more writes ``IRQ18-1000``, which no other id can
be). ``timestamp``: when the stories of the row last changed (Unix seconds; a story is fused
again in the run that changes it), else the time of the export.

Example::

    with open_store(settings) as store:
        export_events(store, "acled-csv", "events.csv", {"country": "IQ", "since": "2024-04-01"})
"""

from __future__ import annotations

import csv
import json
import re
import time
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from khabar import acled
from khabar.errors import ExportError
from khabar.extract.places import country_code, distance_km, unknown_country
from khabar.fuse.events import one_kind, parts_of_day_apart
from khabar.store.events import (
    NO_COUNTRY,
    EventFilters,
    event_evidence,
    event_page,
    no_country,
    stories_changed_at,
)
from khabar.store.sqlite import SQLiteStore

__all__ = [
    "ACLED_COLUMNS",
    "COLUMNS",
    "FORMATS",
    "KHABAR_COLUMNS",
    "acled_rows",
    "export_events",
    "event_type_filter",
    "merge_records",
    "select_events",
    "unknown_event_type",
]

FORMATS = ("acled-csv", "geojson", "jsonl", "parquet")
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
KHABAR_COLUMNS = (
    "khabar_event_ids", "khabar_story_id", "khabar_time", "khabar_date_basis", "khabar_plover",
    "khabar_background", "khabar_injured", "khabar_independent_sources", "khabar_outlets",
    "khabar_languages", "khabar_documents", "khabar_chosen_rules", "khabar_contradictions",
)  # fmt: skip
COLUMNS = ACLED_COLUMNS + KHABAR_COLUMNS
_INTEGER = frozenset({
    "year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
    "fatalities", "timestamp", "khabar_background", "khabar_injured",
    "khabar_independent_sources", "khabar_outlets",
})  # fmt: skip
_FLOAT = frozenset({"latitude", "longitude"})
# ACLED's geo-precision: 1 the town itself, 2 a part of a region or near a town, 3 a province
# or larger (located at its centre)
_GEO_PRECISION = {"site": 1, "town": 1, "district": 2, "province": 3, "country": 3}
_TARGET_NAMES = {7: "Civilians", 6: "Protesters"}


def event_filters(value: EventFilters | dict[str, Any] | None) -> EventFilters:
    """``EventFilters.of(value)`` with its country given by ISO code or by name in any script
    the gazetteer knows (IQ, Iraq, العراق: ``places.country_code``), as ACLED's own ``country``
    column names it, or ``XXX`` for the events whose country is not known (their rows' id
    prefix). Raises ``ExportError`` for a country khabar does not know, so a filter never
    silently selects nothing."""
    filters = EventFilters.of(value)
    if filters.type is not None:
        words = event_type_filter(filters.type)
        if words is None:
            raise ExportError(unknown_event_type(filters.type))
        filters = replace(filters, type=words)
    if not filters.country:
        return filters
    if no_country(filters.country):  # the rows no country was read for
        return replace(filters, country=NO_COUNTRY)
    code = country_code(filters.country)
    if code is None:
        raise ExportError(unknown_country(filters.country))
    return replace(filters, country=code)


def event_type_filter(words: str) -> str | None:
    """The words an event ``type`` filter matches for ``words`` (``acled.event_type_words``:
    part of an ACLED event type or sub-type, ACLED Codebook 2023, or of a PLOVER type, any
    case; else their English singulars, "attacks"; else a synonym, "airstrike"), or None when
    it could select nothing."""
    from khabar.watch import PLOVER_TYPES

    return acled.event_type_words(words, PLOVER_TYPES)


def unknown_event_type(words: str) -> str:
    """The message for an event ``type`` filter ``event_type_filter`` refuses."""
    return (f"{words!r} is part of no event type: give words of an ACLED event type or "
            "sub-type (Battles, Air/drone strike, Peaceful protest) or a PLOVER type "
            "(ASSAULT, PROTEST, COERCE)")


def select_events(
    store: SQLiteStore, filters: EventFilters | dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Every canonical event record (with its contradictions) matching ``filters``, by day then
    story and sequence. A dict's keys are the fields of ``store.events.EventFilters``; the
    country may be a name (``event_filters``)."""
    return event_page(store, event_filters(filters))[0]


# --- one row per real-world event ------------------------------------------------------------


def _chosen(record: dict[str, Any], name: str) -> dict[str, Any] | None:
    want = record["chosen"].get(name, {}).get("value")
    return next((v for v in record["fields"].get(name, []) if v["value"] == want), None)


def _supporter(record: dict[str, Any], actor: dict[str, Any]) -> dict[str, Any] | None:
    """The supporter of ``actor`` (a chosen value of ``record``'s actor field) that the record's
    reports name: a value of its ``assoc_actor`` field told by a sentence that tells ``actor``
    too (same document, same sentence start), the chosen one first; None when no such report
    names one (another report's actor may have had that supporter)."""
    told = {(s["doc_id"], s["start"]) for s in actor.get("sources", [])}
    chosen = _chosen(record, "assoc_actor")
    values = [chosen] if chosen else []
    values += [v for v in record["fields"].get("assoc_actor", []) if v is not chosen]
    return next((v for v in values
                 if told & {(s["doc_id"], s["start"]) for s in v.get("sources", [])}), None)


def _value(record: dict[str, Any], name: str) -> Any:
    return record["chosen"].get(name, {}).get("value")


def _order(record: dict[str, Any]) -> tuple[int, int]:
    return int(record["story_id"]), int(str(record["id"]).rsplit(".", 1)[1])


def _place_gap(a: dict[str, Any] | None, b: dict[str, Any] | None, *,
               within: bool = False) -> float | None:  # fmt: skip
    """km between two chosen locations (0 for one place id, and with ``within`` for a country
    and a place in it); ``None`` when unknown."""
    if a is None or b is None:
        return None
    if a["value"] == b["value"]:
        return 0.0
    if within and "country" in (a.get("precision"), b.get("precision")) and (
            a.get("country") == b.get("country")):  # fmt: skip
        return 0.0
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return None
    return distance_km((a["lat"], a["lon"]), (b["lat"], b["lon"]))


def merge_records(records: list[dict[str, Any]], place_km: float) -> list[list[dict[str, Any]]]:
    """The canonical event records grouped into real-world events.

    Events are fused per story, so a happening that story grouping split over two stories has
    an event in each. Two records of different stories are one happening when they are of one
    kind (one kind of ACLED sub-type, or two violent types with the same stated toll: see
    ``_one_kind``), on the same day and not at parts of it ten hours apart (dawn and evening:
    ``fuse.events.parts_of_day_apart``), and at the same place (one place id, or chosen locations at
    most ``place_km`` apart: setting ``fuse_place_km``; with one toll, a country and a place in
    it), and both are background or both not. Links are taken closest first (one place id, then
    by distance, then by event order) and join groups only while a group holds at most one
    event of each story (fusion kept a story's events apart on purpose), unless the link is one
    toll: two events of one story on one day and place with the same dead are one happening
    that fusion typed two ways. Reports dated days apart of one recalled toll (``_recalls``) or
    of one big toll in one country (``_echoes``) are linked too; no link joins two countries'
    events. Each group is ordered representative first: most
    independent sources, then the earliest event (story id, then sequence); groups come in the
    order of their first record in ``records``. Deterministic: the same records in any order
    give the same groups. Nothing is added up here; ``acled_rows`` takes each count from one
    record.
    """
    buckets: dict[tuple[Any, ...], list[int]] = {}
    for i in sorted(range(len(records)), key=lambda i: _order(records[i])):
        r = records[i]
        day = _value(r, "date")
        if day and (r.get("acled_subtype") or _value(r, "killed")):
            buckets.setdefault((day, bool(r["background"])), []).append(i)
    links = []
    for bucket in buckets.values():
        for x, i in enumerate(bucket):
            for j in bucket[x + 1 :]:
                if not _one_kind(records[i], records[j]):
                    continue
                if parts_of_day_apart(_value(records[i], "time"), _value(records[j], "time")):
                    continue  # dawn and evening of one day: two happenings, as fusion says
                if records[i]["story_id"] == records[j]["story_id"] and not _same_toll(
                        records[i], records[j]):
                    continue  # fusion kept a story's events apart; one toll joins them again
                toll = _same_toll(records[i], records[j])
                gap = _place_gap(_chosen(records[i], "location"), _chosen(records[j], "location"),
                                 within=toll)
                if gap is not None and gap <= place_km:
                    links.append((gap, _order(records[i]), _order(records[j]), i, j, toll, None))
    links += _recalls(records) + _echoes(records)
    group_of = {i: i for i in range(len(records))}
    members = {i: [i] for i in range(len(records))}
    for *_, i, j, toll, days in sorted(links, key=lambda link: link[:5]):
        gi, gj = group_of[i], group_of[j]
        stories = [{records[k]["story_id"] for k in members[g]} for g in (gi, gj)]
        if gi == gj or (stories[0] & stories[1] and not toll):
            continue
        if len(_countries(records, members[gi]) | _countries(records, members[gj])) > 1:
            continue  # a link never joins two countries' events
        if days is not None and (_days_spanned(records, members[gi] + members[gj]) > days or
                                 not _echo_places_agree(records, members[gi] + members[gj])):
            continue  # an echo never chains reports beyond its days, nor far towns
        members[gi] += members.pop(gj)
        for k in members[gi]:
            group_of[k] = gi
    return [
        sorted((records[k] for k in ks), key=lambda r: (-r["independent_sources"], *_order(r)))
        for _, ks in sorted((min(ks), ks) for ks in members.values())
    ]


_VIOLENCE = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


_RECALL_DAYS = 10  # a later report recalling "the bombing that killed 32" within this window


def _recalls(records: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Links (as ``merge_records`` takes them, after every same-day link) from the earliest
    event of a sub-type, place id and toll to the later ones within ``_RECALL_DAYS``: a report
    days later that recalls "the bombing in Suruç that killed 32" in a sentence it dates by its
    own day is the same bombing, not a new one with the same dead in the same town."""
    seen: dict[tuple[Any, ...], tuple[date, int]] = {}
    links = []
    for i in sorted(range(len(records)), key=lambda i: (_value(records[i], "date") or "",
                                                        _order(records[i]))):  # fmt: skip
        r = records[i]
        day, killed, loc = _value(r, "date"), _value(r, "killed"), _chosen(r, "location")
        if not (day and killed and loc and r.get("acled_subtype")) or r["background"]:
            continue
        if loc.get("precision") == "country":
            continue
        key = (r["acled_subtype"], loc["value"], killed)
        when = date.fromisoformat(day[:10])
        first = seen.setdefault(key, (when, i))
        if first[1] != i and (when - first[0]).days <= _RECALL_DAYS and not (
                when == first[0] and parts_of_day_apart(_value(records[first[1]], "time"),
                                                        _value(r, "time"))):  # fmt: skip
            links.append((float("inf"), _order(records[first[1]]), _order(r), first[1], i, True,
                          None))  # fmt: skip
    return links


_ECHO_DAYS = 3  # reports days apart that date one happening by their own days
_ECHO_TOLL = 20  # a toll this high, in one country, within those days, is one happening's
_ECHO_COUNTRY_TOLL = 5  # ... and this one, of one sub-type, where one report names the country
_ECHO_KM = 150  # the places of such reports lie this close (Suruç and Şanlıurfa: 40 km)


def _countries(records: list[dict[str, Any]], members: list[int]) -> set[str]:
    return {c for k in members if (loc := _chosen(records[k], "location")) and
            (c := loc.get("country"))}  # fmt: skip


def _days_spanned(records: list[dict[str, Any]], members: list[int]) -> int:
    days = [date.fromisoformat(d[:10]) for k in members if (d := _value(records[k], "date"))]
    return (max(days) - min(days)).days if days else 0


def _echoes(records: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Links (as ``merge_records`` takes them) between events of one country at most
    ``_ECHO_DAYS`` apart, their places within ``_ECHO_KM`` (or one of them placed in the
    country alone), that give one toll of ``_ECHO_TOLL`` or more (``_same_toll``), or of
    ``_ECHO_COUNTRY_TOLL`` or more, of one stated sub-type, where one of them is placed in the
    country alone: the reports of the Suruç bombing were dated by a crawl
    day or by "أمس" from the day before, and placed in Turkey, Şanlıurfa, Suruç or (a wrong
    reading) Istanbul, each with 32 dead; the Gombe bombing's 49 were in Gombe and in Dukku, 73
    km apart. Events with no country are never linked so (a toll of 30 was Suruç's in one report
    and three Nigerian villages' in another), and a group they join spans ``_ECHO_DAYS`` at
    most (no chain of reports day after day)."""
    dated = []
    for i, r in enumerate(records):
        day, killed, loc = _value(r, "date"), _value(r, "killed"), _chosen(r, "location")
        if day and killed and loc and loc.get("country") and not r["background"]:
            dated.append((date.fromisoformat(day[:10]), i, loc))
    dated.sort(key=lambda x: (x[0], _order(records[x[1]])))
    links = []
    for x in range(len(dated)):
        when, i, loc = dated[x]
        for y in range(x + 1, len(dated)):
            later, j, other = dated[y]
            if (later - when).days > _ECHO_DAYS:
                break
            a, b = records[i], records[j]
            if loc["country"] != other["country"] or not _same_toll(a, b):
                continue
            broad = "country" in (loc.get("precision"), other.get("precision"))
            gap = None if broad else _place_gap(loc, other)
            if not broad and (gap is None or gap > _ECHO_KM):
                continue  # two towns far apart: two happenings, whatever the toll
            killed = _value(a, "killed")
            one_kind = bool(a.get("acled_subtype")) and a.get("acled_subtype") == b.get(
                "acled_subtype")  # fmt: skip
            if killed >= _ECHO_TOLL or (killed >= _ECHO_COUNTRY_TOLL and broad and one_kind):
                links.append((float("inf"), _order(a), _order(b), i, j, True, _ECHO_DAYS))
    return links


def _echo_places_agree(records: list[dict[str, Any]], members: list[int]) -> bool:
    """Whether the places below country level of a group an echo link would make lie within
    ``_ECHO_KM`` of each other (a country-level report is no hub between two far towns)."""
    locs = [loc for k in members if (loc := _chosen(records[k], "location"))
            and loc.get("precision") != "country"]  # fmt: skip
    return all((gap := _place_gap(p, q)) is not None and gap <= _ECHO_KM
               for x, p in enumerate(locs) for q in locs[x + 1 :])  # fmt: skip


def _same_toll(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Both violent, and one stated toll above 0."""
    killed = _value(a, "killed")
    return (bool(killed) and killed == _value(b, "killed")
            and {a.get("acled_type"), b.get("acled_type")} <= _VIOLENCE)  # fmt: skip


def _one_kind(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two events can be one happening: one kind of ACLED sub-type (the same, or a suicide
    bomb and an explosive device, an armed clash and an attack: ``fuse.events.one_kind``; a
    trial's Abha mosque bombing was a suicide bomb in one story and a device in another), or
    two violent types with one stated toll (above 0): reports type one car bomb as an attack
    or as an explosion, and a border shooting as a clash or as shelling, but give it the same
    dead."""
    if one_kind(a.get("acled_subtype"), b.get("acled_subtype")):
        return True
    return _same_toll(a, b)


def _first(group: list[dict[str, Any]], name: str) -> Any:
    """The chosen value of ``name`` of the first record of the group that has one."""
    return next((v for r in group if (v := _value(r, name)) is not None), None)


def _row_id(iso3: str, record: dict[str, Any]) -> str:
    story, seq = _order(record)
    return f"{iso3}{story}{seq:03d}" if seq < 1000 else f"{iso3}{story}-{seq}"


def _date_evidence(
    group: list[dict[str, Any]], day: str | None, evidence: dict[str, dict[str, list[dict]]]
) -> tuple[list[tuple[str, str | None]], list[str]]:
    """(anchor, qualifier) of the date mentions that gave ``day``, and "basis: anchor" notes."""
    anchors: list[tuple[str, str | None]] = []
    notes: set[str] = set()
    for r in group:
        value = _chosen(r, "date")
        if value is None or value["value"] != day:
            continue
        for src in value["sources"]:
            ev = evidence.get(src["doc_id"], {"events": [], "dates": []})
            basis = next((e["date_basis"] for e in ev["events"] if e["start"] == src["start"]),
                         None) or "text"  # fmt: skip
            dates = [d for d in ev["dates"] if d["value"] == day
                     and src["start"] <= d["start"] < src["end"]]  # fmt: skip
            if not dates:  # the title's day, or the sentence's date read elsewhere
                dates = [d for d in ev["dates"] if d["value"] == day]
            for d in dates:
                anchor = d["anchor"] or "none"
                anchors.append((anchor, d["qualifier"]))
                notes.add(f"{basis}: {anchor}")
            if not dates:
                notes.add(basis)
    return anchors, sorted(notes)


def _target(
    group: list[dict[str, Any]], where: str | None, evidence: dict[str, dict[str, list[dict]]],
    country_name: str,
) -> tuple[str, int | None]:  # fmt: skip
    """actor2 and its ACLED type: the chosen target, else civilians or protesters when every
    report's target or victims (as written) that names a generic actor names that type."""
    for r in group:
        chosen = _chosen(r, "target")
        if chosen is not None and not acled.is_messenger(str(chosen["value"])):
            return chosen["label"], acled.actor_inter(str(chosen["value"]), where)
    codes: set[int] = set()
    for r in group:
        for key in r.get("mentions", []):
            doc_id, _, seq = key.rpartition(":")
            for e in evidence.get(doc_id, {"events": []})["events"]:
                if str(e["seq"]) == seq:
                    codes |= {c for t in (e["target"], e["victims"])
                              if (c := acled.civilian_class(t)) is not None}  # fmt: skip
    if len(codes) == 1:
        code = codes.pop()
        name = _TARGET_NAMES[code]
        return (f"{name} ({country_name})" if country_name else name), code
    return "", None


# "by" and the words that may stand between it and an agent ("shot dead by two masked
# gunmen"): those ``acled.unnamed_actor`` reads past, and digits
_BY = re.compile(r"\bby\s+(?:(?:" + "|".join(sorted(acled.BEFORE_UNNAMED)) + r"|\d+)\s+)*$",
                 re.I)


def _whole(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.I)


def _acts(e: dict[str, Any]) -> bool:
    """Whether an event mention's actor phrase reads as the one who acts: in Latin script, not
    among its victims (as a whole phrase: "police" is not in "two policemen"), and, at its first
    whole-word match in the sentence, before the trigger or after "by" ("shot dead by the
    police"): after the trigger an English phrase is mostly a bystander ("after the shooting
    fled when police arrived", "an operation involving 500 police officers")."""
    actor, sentence = e["actor"], e["sentence"] or ""
    if not actor.isascii() or actor == e["target"]:
        return False
    whole = _whole(actor)
    if whole.search(e["victims"] or ""):
        return False
    found = whole.search(sentence)
    return found is not None and (found.start() < e["trigger_start"] - e["start"]
                                  or _BY.search(sentence[: found.start()]) is not None)


def _unnamed_actor(
    group: list[dict[str, Any]], event_type: str, evidence: dict[str, dict[str, list[dict]]],
    country_name: str, inter2: int | None,
) -> tuple[str | None, int | None]:  # fmt: skip
    """actor1 and its ACLED type when no report names a dictionary actor: the unnamed actor
    ("gunmen", "police") that the reports of the event's ACLED type whose actor acts
    (``_acts``) agree on (``acled.unnamed_actor``); none when they disagree, or any report
    of that type names an actor of another kind or by name ("حركة الشباب"), or denies one.
    State forces against civilians or protesters (``inter2`` 7 or 6) need a report in which
    they strike those: "the attacker was shot dead by police" in a stabbing of passers-by is
    not the police's attack on civilians."""
    found: set[tuple[str, int]] = set()
    struck: set[int | None] = set()  # ACLED types of what the kept reports' actors struck
    for r in group:
        for key in r.get("mentions", []):
            doc_id, _, seq = key.rpartition(":")
            for e in evidence.get(doc_id, {"events": []})["events"]:
                if str(e["seq"]) != seq or not e["actor"] or e["acled_type"] != event_type:
                    continue  # a mention of another kind merged in (an arrest, a search)
                if {"denied", "negated"} & set(json.loads(e["modality"] or "[]")):
                    return None, None
                unnamed = acled.unnamed_actor(e["actor"], event_type, country_name)
                if unnamed is None:
                    return None, None  # an actor of another kind, or named: not guessed
                if _acts(e):
                    found.add(unnamed)
                    struck |= {acled.civilian_class(t) for t in (e["target"], e["victims"])}
    if len(found) != 1:
        return None, None
    name, code = found.pop()
    if code == 1 and inter2 in (6, 7) and inter2 not in struck:
        return None, None
    return name, code


def _geo_precision(loc: dict[str, Any] | None, near: bool) -> int | None:
    """ACLED's geo-precision of a chosen place (``_GEO_PRECISION``), at least 2 for a place the
    event happened near ("south of Kabul": ACLED's codebook codes the town at precision 2)."""
    if loc is None:
        return None
    code = _GEO_PRECISION.get(loc.get("precision"), 3)
    return max(code, 2) if near else code


def _unix(at: str | None) -> int | None:
    return int(datetime.fromisoformat(at).timestamp()) if at else None


# the fields whose sentence the notes quote first; then any other field's (an undated clash
# known by its origin and target alone had empty notes)
_TOLD_BY = ("killed", "injured", "weapon", "date", "location")


def quoted_source(record: dict[str, Any]) -> dict[str, Any] | None:
    """The source a row's notes quote (``doc_id``, ``start``, ``quote``...): a sentence that
    tells of the happening itself, the toll's, the weapon's, else the day's or the place's (a
    statement of solidarity may name the day too), else any field's; None when no field has
    a source."""
    told = next((v for name in (*_TOLD_BY, *record["fields"])
                 if (v := _chosen(record, name)) and v["sources"]), None)  # fmt: skip
    return told["sources"][0] if told else None


def _row(
    group: list[dict[str, Any]], evidence: dict[str, dict[str, list[dict]]],
    changed: dict[int, str], now: int,
) -> dict[str, Any]:  # fmt: skip
    rep = group[0]
    loc = next((v for r in group if (v := _chosen(r, "location")) is not None), None)
    near = loc is None  # ACLED's geo-precision 2: near a town, or in a part of a region
    if near:
        loc = next((v for r in group if (v := _chosen(r, "near")) is not None), None)
    cc = loc["country"] if loc else None
    where = acled.country(cc)
    country_name = where.name if where else (cc or "")
    day = _value(rep, "date")
    anchors, basis = _date_evidence(group, day, evidence)
    actor, assoc = next(((v, _supporter(r, v)) for r in group
                         if (v := _chosen(r, "actor")) is not None
                         and not acled.is_messenger(str(v["value"]))), (None, None))  # fmt: skip
    actor2, inter2 = _target(group, cc, evidence, country_name)
    if actor:
        actor1, inter1 = actor["label"], acled.actor_inter(str(actor["value"]), cc)
    else:
        actor1, inter1 = _unnamed_actor(group, rep["acled_type"], evidence, country_name,
                                        inter2)  # fmt: skip
        if actor1 is None:  # a demonstration's first actor is its demonstrators
            actor1, inter1 = acled.demonstrators(rep["acled_type"], country_name) or (None, None)
            if actor1 is not None and actor1 == actor2:  # protesters struck: no second guess
                actor1, inter1 = None, None
    # who the reports say supported actor1's deed ("بدعم من طيران التحالف", "backed by"): from
    # the record actor1 comes from, and never actor1 or actor2 themselves
    assoc_actor_1 = assoc["label"] if assoc and assoc["label"] not in (actor1, actor2) else None
    admin1, admin2, admin3 = acled.admin_levels(loc["value"] if loc else None)
    quoted = quoted_source(rep)
    quote = quoted["quote"] if quoted else ""
    outlets = sorted({o for r in group for o in r["outlets"] if not o.startswith("doc:")})
    stories = sorted({int(r["story_id"]) for r in group})
    times = [t for s in stories if (t := _unix(changed.get(s))) is not None]
    contradictions = [f"{c['kind']}: {c['what']}" for r in group
                      for c in r.get("contradictions", [])]  # fmt: skip
    return {
        "event_id_cnty": _row_id(where.iso3 if where else NO_COUNTRY, rep),
        "event_date": day, "year": int(day[:4]) if day else None,
        "time_precision": acled.time_precision(day, anchors),
        "disorder_type": acled.disorder_type(rep["acled_type"], rep["acled_subtype"]),
        "event_type": rep["acled_type"],
        "sub_event_type": rep["acled_subtype"],
        "actor1": actor1, "assoc_actor_1": assoc_actor_1, "inter1": inter1,
        "actor2": actor2 or None, "assoc_actor_2": None, "inter2": inter2,
        "interaction": acled.interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if inter2 == 7 else None,
        "iso": where.isonumeric if where else None, "region": where.region if where else None,
        "country": country_name or None,
        "admin1": admin1 or None, "admin2": admin2 or None, "admin3": admin3 or None,
        "location": loc.get("place", loc["label"]) if loc else None,
        "latitude": loc.get("lat") if loc else None, "longitude": loc.get("lon") if loc else None,
        "geo_precision": _geo_precision(loc, near),
        "source": "; ".join(outlets) or None, "source_scale": None, "notes": quote or None,
        "fatalities": _first(group, "killed"), "tags": None,
        "timestamp": max(times) if times else now,
        "khabar_event_ids": ",".join(r["id"] for r in sorted(group, key=_order)),
        "khabar_story_id": ",".join(map(str, stories)),
        "khabar_time": _value(rep, "time"), "khabar_date_basis": "; ".join(basis) or None,
        "khabar_plover": rep["plover"], "khabar_background": int(rep["background"]),
        "khabar_injured": _first(group, "injured"),
        "khabar_independent_sources": max(r["independent_sources"] for r in group),
        "khabar_outlets": len(outlets),
        "khabar_languages": ",".join(sorted({x for r in group for x in r["languages"]})),
        "khabar_documents": ",".join(sorted({x for r in group for x in r["documents"]})),
        "khabar_chosen_rules": json.dumps({k: v["rule"] for k, v in rep["chosen"].items()},
                                          ensure_ascii=False),
        "khabar_contradictions": json.dumps(contradictions, ensure_ascii=False),
    }  # fmt: skip


def acled_rows(
    store: SQLiteStore, records: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """The export rows of ``records`` (``COLUMNS``, unknown values ``None``), each with the
    records merged into it (representative first), in the order of ``records``."""
    records = [r for r in records if r.get("acled_type")]  # statements have no ACLED type
    groups = merge_records(records, store.settings.fuse_place_km)
    docs = sorted({d for r in records for d in r["documents"]})
    evidence = event_evidence(store, docs)
    changed = stories_changed_at(store, sorted({int(r["story_id"]) for r in records}))
    now = int(time.time())
    return [(_row(g, evidence, changed, now), g) for g in groups]


# --- writers -----------------------------------------------------------------------------------


def _feature(row: dict[str, Any], group: list[dict[str, Any]]) -> dict[str, Any] | None:
    if row["latitude"] is None or row["longitude"] is None:
        return None
    props = dict(row)
    props["contradictions"] = sum(len(r.get("contradictions", [])) for r in group)
    point = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
    return {"type": "Feature", "id": row["event_id_cnty"], "properties": props, "geometry": point}


def _write_parquet(rows: list[tuple[dict[str, Any], list[dict[str, Any]]]], path: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ExportError("Parquet export needs pyarrow: pip install 'khabar[export]'") from exc

    def kind(c: str) -> Any:
        return pa.int64() if c in _INTEGER else pa.float64() if c in _FLOAT else pa.string()

    columns: dict[str, list[Any]] = {c: [row[c] for row, _ in rows] for c in COLUMNS}
    columns["records"] = [json.dumps(g, ensure_ascii=False) for _, g in rows]
    schema = pa.schema([(c, kind(c)) for c in COLUMNS] + [("records", pa.string())])
    pq.write_table(pa.table(columns, schema=schema), path)


def _write_jsonl(
    records: list[dict[str, Any]], rows: list[tuple[dict[str, Any], list[dict[str, Any]]]],
    path: Path,
) -> int:  # fmt: skip
    owner = {r["id"]: row["event_id_cnty"] for row, group in rows for r in group}
    with path.open("w", encoding="utf-8") as fh:
        for r in records:  # a statement (no ACLED type) goes to no ACLED row: export_row null
            fh.write(json.dumps(r | {"export_row": owner.get(r["id"])}, ensure_ascii=False)
                     + "\n")  # fmt: skip
    return len(records)


def export_events(
    store: SQLiteStore, fmt: str, path: str | Path,
    filters: EventFilters | dict[str, Any] | None = None,
) -> int:  # fmt: skip
    """Write the events matching ``filters`` to ``path`` as ``fmt``; returns how many rows
    (JSONL: records; GeoJSON: features) were written. Raises ``ExportError`` for an unknown
    format or a path that cannot be written (its folder missing, no permission)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(path)
    if not out.parent.is_dir():
        raise ExportError(f"cannot write {out}: the folder {out.parent} does not exist")
    records = select_events(store, filters)
    rows = acled_rows(store, records)
    try:
        return _write(fmt, records, rows, out)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc


def _write(fmt: str, records: list[Any], rows: list[Any], out: Path) -> int:
    """``export_events``' writing of ``fmt`` to ``out``: how many rows were written."""
    if fmt == "jsonl":
        return _write_jsonl(records, rows, out)
    if fmt == "acled-csv":
        with out.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(row for row, _ in rows)
    elif fmt == "geojson":
        features = [f for row, g in rows if (f := _feature(row, g)) is not None]
        out.write_text(json.dumps({"type": "FeatureCollection", "features": features},
                                  ensure_ascii=False), encoding="utf-8")  # fmt: skip
        return len(features)
    else:
        _write_parquet(rows, out)
    return len(rows)
