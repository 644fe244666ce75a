"""Story listings: which stories match a set of filters, and one sorted page of them.

Input: a store (``SQLiteStore`` or ``PostgresStore``: the SQL here is written once, in the
SQLite spelling ``store.postgres`` translates) and ``StoryFilters`` from a CLI command or an
API route. Output: ``StoryList`` (the page's rows as ``SQLiteStore.story_page`` gives them, the
total, and what each place or actor name resolved to).

Places and actors are filtered by id, never by guessing at strings: the name given is looked up
in the gazetteer's names and aliases or in the actor dictionaries (``khabar.names``), so
``place="Aden"`` and ``place="عدن"`` both find the stories whose documents name GeoNames place
415189, in whichever script they wrote it. A name that resolves to nothing matches no story
(``resolved`` says so).

Example::

    with open_store(settings) as store:
        found = story_list(store, StoryFilters(place="Aden"), sort="size", limit=50)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from khabar.names import NamedRef, actors_named, places_named
from khabar.store.events import EventFilters, event_story_ids

if TYPE_CHECKING:
    from khabar.store.sqlite import SQLiteStore

__all__ = [
    "StoryFilters",
    "StoryList",
    "stories_at_places",
    "stories_with_actors",
    "story_ids",
    "story_list",
]

_CHUNK = 500  # bound parameters of one IN (...)


@dataclass(frozen=True, slots=True)
class StoryFilters:
    """q: words a member document holds (as search); lang, outlet: of a member document; since,
    until: YYYY-MM-DD, country: ISO code, type: words of the event type, of one of its
    canonical events; place: a place's name in any language or script, or its gazetteer id,
    named in a member document; actor: an actor's name (any alias) or id, named in a member
    document or an actor or target of one of its events."""

    q: str | None = None
    lang: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    country: str | None = None
    actor: str | None = None
    type: str | None = None
    place: str | None = None


@dataclass(slots=True)
class StoryList:
    """A page of stories (``SQLiteStore.story_page`` rows), how many match in all, and for
    ``place`` / ``actor`` filters what the name resolved to (``NamedRef`` dicts; empty: the
    name is in no gazetteer or dictionary, so no story matches)."""

    items: list[dict[str, Any]]
    total: int
    resolved: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _stories_naming(store: SQLiteStore, sql: str, ids: list[str]) -> set[int]:
    """Stories returned by ``sql`` (each ``{}`` in it stands for the marks of the ids) over
    ``ids``, in chunks."""
    out: set[int] = set()
    for chunk in _chunks(sorted(set(ids))):
        marks = ",".join("?" * len(chunk))
        rows = store.db.execute(sql.replace("{}", marks), chunk * sql.count("{}"))
        out |= {int(r[0]) for r in rows}
    return out


def stories_at_places(store: SQLiteStore, place_ids: list[str]) -> set[int]:
    """Stories with a member document naming one of ``place_ids`` (``place_mentions``)."""
    return _stories_naming(store, (
        "SELECT DISTINCT m.story_id FROM place_mentions p JOIN story_members m"
        " ON m.doc_id = p.doc_id WHERE p.place_id IN ({})"), place_ids)  # fmt: skip


def stories_with_actors(store: SQLiteStore, actor_ids: list[str]) -> set[int]:
    """Stories with a member document naming one of ``actor_ids``: an actor mention, or an
    entity the recogniser found and a dictionary resolved (places' refs left out: the country
    id IS is no actor), or with a canonical event whose actor or target is one of them."""
    return _stories_naming(store, (
        "SELECT m.story_id FROM actor_mentions a JOIN story_members m ON m.doc_id = a.doc_id"
        " WHERE a.actor_id IN ({})"
        " UNION SELECT m.story_id FROM entity_mentions e JOIN story_members m"
        " ON m.doc_id = e.doc_id WHERE e.label != 'LOC' AND e.ref IN ({})"
        " UNION SELECT story_id FROM events WHERE actor IN ({}) OR target IN ({})"),
        actor_ids)  # fmt: skip


def story_ids(
    store: SQLiteStore, filters: StoryFilters
) -> tuple[set[int] | None, dict[str, list[NamedRef]]]:
    """Stories matching every filter (None when no filter is given: all of them), and what the
    ``place`` / ``actor`` names resolved to."""
    found: set[int] | None = None
    resolved: dict[str, list[NamedRef]] = {}

    def narrow(ids: set[int]) -> None:
        nonlocal found
        found = ids if found is None else found & ids

    if filters.q:
        narrow(store.stories_matching(filters.q))
    doc_where = [(k, v) for k, v in (("lang", filters.lang), ("outlet", filters.outlet)) if v]
    if doc_where:
        sql = " AND ".join(f"d.{k} = ?" for k, _ in doc_where)
        narrow({int(r[0]) for r in store.db.execute(
            "SELECT DISTINCT m.story_id FROM story_members m JOIN documents d"
            f" ON d.id = m.doc_id WHERE {sql}", [v for _, v in doc_where])})  # fmt: skip
    event_filters = {"since": filters.since, "until": filters.until,
                     "country": filters.country, "type": filters.type}  # fmt: skip
    if any(event_filters.values()):
        every = EventFilters.of(event_filters, include_background=True, include_undated=True,
                               include_weak=True)
        narrow(event_story_ids(store, every))
    if filters.place:
        resolved["place"] = places_named(filters.place)
        narrow(stories_at_places(store, [p.id for p in resolved["place"]]))
    if filters.actor:
        resolved["actor"] = actors_named(filters.actor)
        # an actor no dictionary knows may still be a value of a canonical event (its label)
        by_label = event_story_ids(store, EventFilters(actor=filters.actor,
                                                       include_background=True,
                                                       include_undated=True,
                                                       include_weak=True))  # fmt: skip
        narrow(stories_with_actors(store, [a.id for a in resolved["actor"]]) | by_label)
    return found, resolved


def story_list(
    store: SQLiteStore,
    filters: StoryFilters | None = None,
    *,
    sort: str = "last_day",
    limit: int = 50,
    offset: int = 0,
) -> StoryList:
    """One page of the stories matching ``filters``, in ``sort`` order (``STORY_SORTS`` of
    ``khabar.store.sqlite``: last_day, size, last_report, contradictions; each descending),
    ``limit`` rows after skipping ``offset``. Raises ``ValueError`` for an unknown sort."""
    filters = filters or StoryFilters()
    ids, resolved = story_ids(store, filters)
    items, total = store.story_page(ids=ids, limit=limit, offset=offset, sort=sort)
    return StoryList(items, total, {k: [r.as_dict() for r in v] for k, v in resolved.items()})
