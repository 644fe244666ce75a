"""Event queries of the listings and exports: which canonical events (``EventFilters``), a page
of them, their stories, contradictions, and what an export reads beside them.

Input: a store (``SQLiteStore`` or ``PostgresStore``: the SQL here is written once, in the
SQLite spelling that ``store.postgres`` translates) and the filters a CLI command or an API route
was given. Output: event records (``khabar.fuse``), story ids, contradiction records, the date
and party evidence of documents, when stories last changed. The API and ``khabar.export`` read
events only through these functions.

Background events (earlier happenings a report recalls), undated events and weak events (typed by
the sentence classifier alone, with no word of the event lexicon, weapon, toll or armed party (of
a type the classifier was at least 0.5 sure of) in any report:
``khabar.fuse.events.CanonicalEvent.weak``) are left out unless
``include_background`` / ``include_undated`` / ``include_weak`` are set.

Example::

    with open_store(settings) as store:
        records, total = event_page(store, EventFilters(country="IQ"), limit=50)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from khabar.store.sqlite import SQLiteStore

__all__ = [
    "NO_COUNTRY",
    "EventFilters",
    "contradictions_of",
    "event_evidence",
    "event_page",
    "event_story_ids",
    "has_actor",
    "no_country",
    "stories_changed_at",
]


# the country filter of the events whose country is not known: ISO 3166's user-assigned
# code, which the ACLED export's row ids of such events begin with
NO_COUNTRY = "XXX"


def no_country(value: str) -> bool:
    """Whether a country filter ``value`` asks for the events whose country is not known
    (``NO_COUNTRY``, any case, spaces around it)."""
    return value.strip().upper() == NO_COUNTRY


@dataclass(frozen=True, slots=True)
class EventFilters:
    """since, until: YYYY-MM-DD; story: story id; country: ISO 3166-1 alpha-2 code, or
    ``NO_COUNTRY`` for the events whose country is not known; actor: id
    or name, as actor or target (any alias of the actor dictionaries, any script: داعش, ISIS
    and IS meet); type: words of the ACLED type, sub-type or PLOVER type."""

    since: str | None = None
    until: str | None = None
    story: int | None = None
    country: str | None = None
    actor: str | None = None
    type: str | None = None
    include_background: bool = False
    include_undated: bool = False
    include_weak: bool = False

    @classmethod
    def of(cls, value: EventFilters | dict[str, Any] | None, **defaults: Any) -> EventFilters:
        """``value`` as filters: a dict's unknown keys are an error, its ``None`` values take
        the ``defaults`` (then the class defaults)."""
        if isinstance(value, EventFilters):
            return value
        given = {k: v for k, v in (value or {}).items() if v is not None}
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(given) - names)
        if unknown:
            raise TypeError(f"unknown event filters {unknown}; known: {sorted(names)}")
        return cls(**{**defaults, **given})

    def actor_keys(self) -> tuple[str, ...]:
        """The actor as given, then the ids of the dictionary actors it names (``names.
        actors_named``: any alias, any script); () without an actor filter."""
        return _actor_keys(self.actor) if self.actor else ()

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on ``events`` and its parameters (the actor test is only a cheap
        pre-filter here: ``has_actor`` decides)."""
        where, args = ["1 = 1"], []
        for column, value, op in (("day", self.since, ">="), ("day", self.until, "<="),
                                  ("story_id", self.story, "=")):  # fmt: skip
            if value is not None:
                where.append(f"{column} {op} ?")
                args.append(value)
        if self.country == NO_COUNTRY:
            where.append("(country IS NULL OR country = '')")
        elif self.country:
            where.append("country = ?")
            args.append(self.country.upper())
        if self.type:  # lower() on both sides: PostgreSQL's LIKE heeds case, SQLite's not
            where.append("(lower(acled_type) LIKE ? OR lower(acled_subtype) LIKE ?"
                         " OR lower(plover) LIKE ?)")  # fmt: skip
            args += [f"%{self.type.strip().lower()}%"] * 3
        if self.actor:
            keys = self.actor_keys()
            each = "instr(lower(record), lower(?)) > 0"
            where.append("(" + " OR ".join([each] * len(keys)) + ")")
            args += list(keys)
        if not self.include_background:
            where.append("background = 0")
        if not self.include_undated:
            where.append("day IS NOT NULL")
        if not self.include_weak:
            where.append("weak = 0")
        return " AND ".join(where), args


@lru_cache(maxsize=64)
def _actor_keys(actor: str) -> tuple[str, ...]:
    """``EventFilters.actor_keys``, once per name: a query asks for them in its SQL condition
    and again when it reads the rows (about 12 ms a name that is no id: the open dictionaries
    are scanned)."""
    from khabar.names import actors_named

    return tuple(dict.fromkeys([actor, *(a.id for a in actors_named(actor))]))


def has_actor(record: dict[str, Any], *actors: str) -> bool:
    """Whether one of ``actors`` (ids or names, any case; ``EventFilters.actor_keys``) is an
    actor or target value of ``record``."""
    wanted = {a.casefold() for a in actors}
    return any(
        str(v["value"]).casefold() in wanted or v["label"].casefold() in wanted
        for name in ("actor", "target")
        for v in record["fields"].get(name, [])
    )


def _chunks(items: list[Any], size: int = 500) -> Iterator[list[Any]]:
    """``items`` in runs of at most ``size`` (the bound parameters of one ``IN (...)``)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def event_page(
    store: SQLiteStore, filters: EventFilters, *, limit: int | None = None, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """One page of event records (each with its ``contradictions``) matching ``filters``, by
    day then story and sequence, and how many match in all."""
    where, args = filters.where()
    order = " ORDER BY day IS NULL, day, story_id, seq"
    db = store.db
    if filters.actor:  # decided in Python: page after filtering
        rows = db.execute(f"SELECT record FROM events WHERE {where}{order}", args)
        keys = filters.actor_keys()
        records = [r for r in (json.loads(x[0]) for x in rows) if has_actor(r, *keys)]
        total = len(records)
        records = records[offset : None if limit is None else offset + limit]
    else:
        total = db.execute(f"SELECT count(*) FROM events WHERE {where}", args).fetchone()[0]
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        rows = db.execute(f"SELECT record FROM events WHERE {where}{order}{page}", args)
        records = [json.loads(x[0]) for x in rows]
    found = contradictions_of(store, [r["id"] for r in records])
    for r in records:
        r["contradictions"] = found.get(r["id"], [])
    return records, int(total)


def event_story_ids(store: SQLiteStore, filters: EventFilters) -> set[int]:
    """Stories with an event matching ``filters``."""
    where, args = filters.where()
    if not filters.actor:
        sql = f"SELECT DISTINCT story_id FROM events WHERE {where}"
        return {int(r[0]) for r in store.db.execute(sql, args)}
    rows = store.db.execute(f"SELECT story_id, record FROM events WHERE {where}", args)
    keys = filters.actor_keys()
    return {int(sid) for sid, rec in rows if has_actor(json.loads(rec), *keys)}


def contradictions_of(store: SQLiteStore, event_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The contradiction records of each of ``event_ids`` (those with any)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for chunk in _chunks(event_ids):
        marks = ",".join("?" * len(chunk))
        for event_id, record in store.db.execute(
            f"SELECT event_id, record FROM contradictions WHERE event_id IN ({marks})"
            " ORDER BY id", chunk,
        ):  # fmt: skip
            out.setdefault(event_id, []).append(json.loads(record))
    return out


def event_evidence(
    store: SQLiteStore, doc_ids: list[str]
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """What an export reads beside the event records, per document: its event mentions
    (``seq``, ``start``, ``sentence``, ``trigger_start`` (document offsets), ``acled_type``,
    ``actor``, ``target`` and ``victims`` as written or resolved, ``modality``: a JSON list,
    ``date_basis``) and its day-precise date mentions (``start``, ``end``, ``value``,
    ``anchor``: what the day was counted from, ``qualifier``)."""
    out: dict[str, dict[str, list[dict[str, Any]]]] = {
        d: {"events": [], "dates": []} for d in doc_ids
    }
    queries = (
        ("events", "SELECT doc_id, seq, start, sentence, trigger_start, acled_type, actor,"
                   " target, victims, modality, date_basis FROM event_mentions"
                   " WHERE doc_id IN ({}) ORDER BY doc_id, seq"),
        ("dates", 'SELECT doc_id, start, "end", value, anchor, qualifier FROM date_mentions'
                  " WHERE doc_id IN ({}) AND length(value) = 10 ORDER BY doc_id, seq"),
    )  # fmt: skip
    for chunk in _chunks(sorted(set(doc_ids))):
        marks = ",".join("?" * len(chunk))
        for kind, sql in queries:
            for row in store.db.execute(sql.format(marks), chunk):
                r = {k: row[k] for k in row.keys()}
                out[r.pop("doc_id")][kind].append(r)
    return out


def stories_changed_at(store: SQLiteStore, story_ids: list[int]) -> dict[int, str]:
    """When each story's members last changed (ISO time; a changed story is fused again in the
    same run), for the stories that have members."""
    out: dict[int, str] = {}
    for chunk in _chunks(sorted(set(story_ids))):
        marks = ",".join("?" * len(chunk))
        for sid, at in store.db.execute(
            f"SELECT story_id, max(joined_at) FROM story_members WHERE story_id IN ({marks})"
            " GROUP BY story_id", chunk,
        ):  # fmt: skip
            out[int(sid)] = at
    return out
