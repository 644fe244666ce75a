"""Watchlists: standing queries matched against what each ingest run brings in (EMM-style
alerts), listed, and served as Atom feeds.

Input: a watchlist's name and criteria — a full-text ``query`` over a story's documents, a
``place`` and an ``actor`` (any script: resolved through the gazetteer's and the actor
dictionaries' names and aliases), a PLOVER event ``type``, a ``country`` (ISO code or name) —
and, at the end of each ingest run, the stories that run created or changed. Output: rows in
``watch_matches`` (watchlist, story, event, run, time, with the title and summary they had when
they matched), how many each watchlist gained in the run (``match_run``), a watchlist's matches
newest first, and its Atom feed (``atom_feed``).

What matches: a watchlist sees what comes in after it is made. At the end of each ingest run
the stories that run created or joined a document to are checked against every watchlist;
stories no later run touches are never checked, even if they would match (search or filter the
stories for the past). A story matches when every word of the query occurs in one of its
documents; with a place, actor, type or country, each of its canonical events (not background
ones) that satisfies all of them is a match of its own (event id recorded), else the story is
matched whole. Place: any location a report gives the event is one of the place's gazetteer
readings; actor: the actor or the target is one of the actor's dictionary entries; country:
the event's chosen location is in that country. A match is recorded once per watchlist, story
and event: running the same ingest again adds nothing.

Example::

    with open_store(settings) as store:
        add_watchlist(store, define("kirkuk", query="كركوك", type="ASSAULT"))
        ingest(["today/"], store)              # report.watch_matches: {"kirkuk": 2}
        feed = atom_feed(store, "kirkuk", "http://127.0.0.1:8700/")
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from khabar.errors import WatchError

if TYPE_CHECKING:
    from khabar.store.sqlite import SQLiteStore

__all__ = [
    "PLOVER_TYPES",
    "Watchlist",
    "add_watchlist",
    "atom_feed",
    "define",
    "match_run",
    "remove_watchlist",
    "watchlist_matches",
    "watchlists",
]

# The PLOVER event types (the codebook's 16; the event model's labels, checked by a test)
PLOVER_TYPES = ("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE",
                "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT",
                "THREATEN")  # fmt: skip
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_FEED_ENTRIES = 500  # newest matches in a feed
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 forbids
_ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True, slots=True)
class Watchlist:
    """A checked watchlist definition: the criteria as given, and what place and actor
    resolved to (gazetteer and actor ids)."""

    name: str
    query: str | None = None
    place: str | None = None
    place_ids: tuple[str, ...] = ()
    actor: str | None = None
    actor_ids: tuple[str, ...] = ()
    type: str | None = None
    country: str | None = None

    @property
    def per_event(self) -> bool:
        """Whether matches are events (a place, actor, type or country is given)."""
        return bool(self.place_ids or self.actor_ids or self.type or self.country)


def check_name(name: str) -> str:
    """``name`` if it can name a watchlist (lowercase letters, digits, '-' and '_', starting
    with a letter or digit, at most 64 characters), else ``WatchError``."""
    if not _NAME.match(name):
        raise WatchError(
            f"{name!r} cannot name a watchlist: use lowercase letters, digits, '-' and '_', "
            "starting with a letter or digit, at most 64 characters (e.g. kirkuk-attacks)"
        )
    return name


def event_type(value: str) -> str:
    """A PLOVER type as written any case ('assault' -> 'ASSAULT'), else ``WatchError``."""
    upper = value.strip().upper()
    if upper not in PLOVER_TYPES:
        raise WatchError(f"{value!r} is no PLOVER event type; known: {', '.join(PLOVER_TYPES)}")
    return upper


def country_code(value: str) -> str:
    """The ISO 3166-1 alpha-2 code of a country given by its code or by a name in any script
    the gazetteer knows ('iq', 'Iraq', 'العراق', 'عراق' -> 'IQ': ``places.country_code``),
    else ``WatchError``."""
    from khabar.extract.places import country_code as known_country
    from khabar.extract.places import unknown_country

    code = known_country(value)
    if code is None:
        raise WatchError(unknown_country(value))
    return code


def place_ids(value: str) -> tuple[str, ...]:
    """The gazetteer ids a place name (any script, any alias) or id reads as
    (``names.places_named``); every reading of an ambiguous name. ``WatchError`` when the
    gazetteer does not know it."""
    from khabar.names import places_named, unknown_name

    ids = tuple(sorted(p.id for p in places_named(value)))
    if not ids:
        raise WatchError(unknown_name("place", value) + ", or watch the word with --query")
    return ids


def actor_ids(value: str) -> tuple[str, ...]:
    """The actor ids a name (any script, any alias) or id reads as in the curated and the open
    actor dictionaries (``names.actors_named``). ``WatchError`` when neither knows it."""
    from khabar.names import actors_named, unknown_name

    ids = tuple(sorted(a.id for a in actors_named(value)))
    if not ids:
        raise WatchError(unknown_name("actor", value) + ", or watch the words with --query")
    return ids


def define(
    name: str,
    *,
    query: str | None = None,
    place: str | None = None,
    actor: str | None = None,
    type: str | None = None,  # noqa: A002 (the option's name)
    country: str | None = None,
) -> Watchlist:
    """A checked watchlist: the name (``check_name``), the type (``event_type``), the country
    (``country_code``), the place and actor resolved (``place_ids``, ``actor_ids``); at least
    one criterion. Raises ``WatchError`` with what to give instead."""
    given = {k: (v.strip() if v else None) for k, v in (("query", query), ("place", place),
             ("actor", actor), ("type", type), ("country", country))}  # fmt: skip
    if not any(given.values()):
        raise WatchError("a watchlist needs at least one of --query, --place, --actor, --type, "
                         "--country")  # fmt: skip
    return Watchlist(
        name=check_name(name),
        query=given["query"],
        place=given["place"],
        place_ids=place_ids(given["place"]) if given["place"] else (),
        actor=given["actor"],
        actor_ids=actor_ids(given["actor"]) if given["actor"] else (),
        type=event_type(given["type"]) if given["type"] else None,
        country=country_code(given["country"]) if given["country"] else None,
    )


def add_watchlist(store: SQLiteStore, wl: Watchlist) -> dict[str, Any]:
    """Store ``wl`` (``ConflictError`` when its name is taken); it sees the runs after now."""
    return store.add_watchlist(asdict(wl))


def watchlists(store: SQLiteStore) -> list[dict[str, Any]]:
    """Every watchlist by name: criteria, ``matches`` (count), ``last_match`` (time)."""
    return store.watchlists()


def remove_watchlist(store: SQLiteStore, name: str) -> int:
    """Delete the watchlist ``name`` (``NotFoundError`` if none) and its matches; return how
    many matches it had."""
    return store.remove_watchlist(name)


def watchlist_matches(
    store: SQLiteStore, name: str, *, limit: int | None = None, offset: int = 0
) -> dict[str, Any]:
    """The watchlist ``name`` (``NotFoundError`` if none, else as ``watchlists`` gives it) with
    a page of its matches, newest first (``items``), and how many it has (``total``)."""
    wl = store.watchlist(name)
    rows, total = store.watch_matches(wl["id"], limit=limit, offset=offset)
    return wl | {"items": rows, "total": total}


# -- matching at ingest ---------------------------------------------------------------------


def _of(row: dict[str, Any]) -> Watchlist:
    return Watchlist(
        row["name"], row["query"], row["place"], tuple(row["place_ids"]), row["actor"],
        tuple(row["actor_ids"]), row["type"], row["country"],
    )  # fmt: skip


def _event_matches(wl: Watchlist, e: dict[str, Any]) -> bool:
    if e["background"] or e.get("weak"):  # as exports: no recalled or classifier-only event
        return False
    if wl.type and e["plover"] != wl.type:
        return False
    chosen = _location(e)
    if wl.country and (chosen is None or chosen.get("country") != wl.country):
        return False
    if wl.place_ids:
        places = {str(v["value"]) for v in e["fields"].get("location", [])}
        if not places & set(wl.place_ids):
            return False
    if wl.actor_ids:
        parties = {str(v["value"]) for k in ("actor", "target") for v in e["fields"].get(k, [])}
        if not parties & set(wl.actor_ids):
            return False
    return True


def _location(e: dict[str, Any]) -> dict[str, Any] | None:
    """The chosen location value of an event record (label, country...), if any."""
    want = e["chosen"].get("location", {}).get("value")
    return next((v for v in e["fields"].get("location", []) if v["value"] == want), None)


def event_summary(e: dict[str, Any]) -> str:
    """'2024-04-20 · Shelling/artillery/missile attack (ASSAULT) · Camp Kalsu, IQ · killed 1,
    injured 8': day, type, place and toll of an event record; a toll no report gives is
    'unknown', never 0."""
    chosen = {k: v["value"] for k, v in e["chosen"].items()}
    loc = _location(e)
    where = f"{loc['label']}, {loc.get('country') or '?'}" if loc else "place unknown"
    kind = f"{e['acled_subtype']} ({e['plover']})" if e.get("acled_subtype") else e["plover"]
    toll = ", ".join(f"{k} {chosen[k] if chosen.get(k) is not None else 'unknown'}"
                     for k in ("killed", "injured"))  # fmt: skip
    return " · ".join([chosen.get("date") or "undated", kind, where, toll])


def _title(brief: dict[str, Any]) -> str:
    """A story's title for a match: its English one if any, else the first language's."""
    titles = brief["titles"]
    title = titles.get("en") or next(iter(titles.values()), "") or f"Story {brief['id']}"
    return " ".join(str(title).split())[:300]


def _story_summary(brief: dict[str, Any], events: list[dict[str, Any]]) -> str:
    days = f"{brief['first_day']} – {brief['last_day']}" if brief["first_day"] else "no stated day"
    n = brief["size"]
    head = f"{n} {'article' if n == 1 else 'articles'} ({', '.join(brief['langs'])}), {days}"
    news = [event_summary(e) for e in events if not e["background"]][:3]
    return "; ".join([head, *news])


def match_run(store: SQLiteStore, story_ids: list[int], run_id: int) -> dict[str, int]:
    """Check the stories an ingest run created or changed against every watchlist and record
    the new matches (call inside the run's transaction, after fusion). A watchlist with event
    criteria matches an event only when a document of this run reports it, and only once: an
    event is known by the mention keys it had when it matched, since fusion renumbers events.
    Returns the watchlists that gained matches, each with how many."""
    rows_of = store.watchlists()
    lists = [_of(row) for row in rows_of]
    ids_of = {row["name"]: row["id"] for row in rows_of}
    stories = sorted(set(story_ids))
    if not lists or not stories:
        return {}
    members = store.story_documents(stories)
    stories = [s for s in stories if s in members]  # merged away: nothing to check
    docs = [d for s in stories for d in members[s]]
    events = {s: store.events(story_id=s) for s in stories}
    fresh = store.run_documents(run_id, docs)  # an event matches once it has one of these
    seen = store.matched_mentions(stories)
    briefs: dict[int, dict[str, Any]] = {}
    rows: list[tuple[int, int, str, str, list[str], int, str, str]] = []
    for wl in lists:
        hits = store.documents_matching(wl.query, docs) if wl.query else None
        for s in stories:
            if hits is not None and not hits & set(members[s]):
                continue
            brief = briefs.get(s) or briefs.setdefault(s, store.story_brief(s))
            wid = ids_of[wl.name]
            if not wl.per_event:
                rows.append((wid, s, "", "", [], run_id, _title(brief),
                             _story_summary(brief, events[s])))  # fmt: skip
                continue
            known = seen.setdefault((wid, s), set())
            for e in events[s]:
                keys = e.get("mentions") or []
                if not fresh & set(e["documents"]) or known & set(keys) \
                        or not _event_matches(wl, e):  # fmt: skip
                    continue  # no report of this run, or already matched (renumbered or not)
                known.update(keys)
                rows.append((wid, s, e["id"], min(keys, default=e["id"]), keys, run_id,
                             _title(brief), event_summary(e)))  # fmt: skip
    names = {v: k for k, v in ids_of.items()}
    return dict(sorted(Counter(names[w] for w in store.add_watch_matches(rows)).items()))


# -- Atom -------------------------------------------------------------------------------------


def _text(value: object) -> str:
    return _NOT_XML.sub("\ufffd", str(value))


def _criteria(wl: dict[str, Any]) -> str:
    parts = [f"{k} {wl[k]}" for k in ("query", "place", "actor", "type", "country") if wl.get(k)]
    return "; ".join(parts)


def atom_feed(store: SQLiteStore, name: str, base_url: str) -> bytes:
    """The Atom feed (RFC 4287, UTF-8) of the watchlist ``name`` (``NotFoundError`` if none):
    its newest matches (at most 500), each entry linking to the story's page of the web UI
    served at ``base_url`` (``#/story/ID``), with the story's title, the time it matched and a
    summary (day, type, place, toll)."""
    base = base_url.rstrip("/")
    found = watchlist_matches(store, name, limit=_FEED_ENTRIES)
    ET.register_namespace("", _ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{_ATOM}}}{tag}", attrs)
        if text is not None:
            node.text = _text(text)
        return node

    feed = ET.Element(f"{{{_ATOM}}}feed")
    sub(feed, "id", f"urn:khabar:watch:{found['id']}:{name}")
    sub(feed, "title", f"khabar watchlist {name}")
    sub(feed, "subtitle", _criteria(found))
    newest = found["items"][0]["matched_at"] if found["items"] else found["created_at"]
    sub(feed, "updated", newest)
    sub(feed, "link", rel="self", type="application/atom+xml",
        href=f"{base}/api/watch/{name}.atom")  # fmt: skip
    sub(feed, "link", rel="alternate", type="text/html", href=f"{base}/#/watch/{name}")
    sub(sub(feed, "author"), "name", "khabar")
    sub(feed, "generator", "khabar")
    for m in found["items"]:
        entry = sub(feed, "entry")
        event = f":event:{m['event_id']}" if m["event_id"] else ""
        sub(entry, "id", f"urn:khabar:watch:{found['id']}:{name}:story:{m['story_id']}{event}")
        what = f"event {m['event_id']}" if m["event_id"] else f"story {m['story_id']}"
        sub(entry, "title", f"{m['title']} ({what})")
        sub(entry, "link", rel="alternate", type="text/html",
            href=f"{base}/#/story/{m['story_id']}")  # fmt: skip
        sub(entry, "updated", m["matched_at"])
        sub(entry, "summary", m["summary"], type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
