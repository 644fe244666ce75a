"""Stories: group documents about the same happening, across languages, as they arrive.

Input: a stored document and its extracted facts. Output: rows in ``doc_signature``,
``element_df``, ``stories``, ``story_members`` (with the signature elements that made the
document join) and ``story_merges``.

A document's **signature** is the set of what its news is made of: the sites, towns and
provinces it names (``place:``), the armed groups, forces and officials (``actor:``), the days
of its non-background events (``date:``), its counts with their weapon and its casualty
figures (``count:``, ``killed:``, ``injured:``); countries count little (``country:``). Places
and actors named only in background sentences are left out, so "2,500 US troops in Iraq" does
not tie stories together.

**Candidates** are the stories of documents that share a rare element (an index look-up, not a
comparison with every story). **Decision**: the shared elements are weighted by kind and by
rarity (idf over the collection); a document joins a story when the weight passes
``story_join_score``, it shares a specific place (site, town or province, or the half-degree
area around one) with it, and their
event days (when both have some) are within ``story_date_tolerance_days``: same day in other
places, or same places on other days, are other events. When a document fits several
stories, they are merged into the best one and the merge is recorded.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from khabar.extract.document import Extraction
from khabar.extract.events import weapon_of
from khabar.settings import Settings

__all__ = ["StoryDecision", "assign_story", "refresh_signature", "signature"]

_KIND_WEIGHT = {"place": 1.0, "area": 0.6, "date": 1.0, "count": 0.8, "killed": 0.8,
                "injured": 0.8, "actor": 0.5, "country": 0.15}  # fmt: skip
_WHERE = ("place", "area")
_PARTY_KINDS = frozenset({"armed_group", "state_force", "official", "government", "unresolved_org"})


@dataclass(slots=True)
class StoryDecision:
    story_id: int
    score: float
    reasons: list[str]
    merged: list[int]


def signature(ex: Extraction) -> set[str]:
    """The signature elements of a document (see the module docstring)."""
    background = [e.span for e in ex.events if e.background]

    def in_background(span: Any) -> bool:
        return any(b.start <= span.start and span.end <= b.end for b in background)

    out: set[str] = set()
    for p in ex.places:
        if in_background(p.span):
            continue
        if p.place.precision == "country":
            out.add(f"country:{p.place.id}")
            continue
        out.add(f"place:{p.place.id}")
        out.add(_area(p.place.lat, p.place.lon))  # nearby readings of one place meet here
    for a in ex.actors:
        if a.actor_id and a.kind in _PARTY_KINDS and not in_background(a.span):
            out.add(f"actor:{a.actor_id}")
    for e in ex.events:
        if e.background:
            continue
        if e.date and len(e.date) == 10:
            out.add(f"date:{e.date}")
        for n, what in e.counts:
            weapon = weapon_of(what)  # "5 صواريخ" counts rockets; "۲ منبع" counts sources
            if weapon and 1 < n < 1000:
                out.add(f"count:{n}:{weapon}")
        if e.killed:
            out.add(f"killed:{e.killed}")
        if e.injured:
            out.add(f"injured:{e.injured}")
    return out


def refresh_signature(db: Any, doc_id: str, elements: set[str]) -> None:
    """Replace a document's signature (after re-extraction); its story stays as it is."""
    old = {
        r[0] for r in db.execute("SELECT element FROM doc_signature WHERE doc_id = ?", (doc_id,))
    }
    db.executemany("UPDATE element_df SET df = df - 1 WHERE element = ?",
                   [(e,) for e in sorted(old - elements)])  # fmt: skip
    db.executemany(
        "INSERT INTO element_df VALUES (?, 1) ON CONFLICT(element) DO UPDATE SET df = df + 1",
        [(e,) for e in sorted(elements - old)],
    )
    db.execute("DELETE FROM doc_signature WHERE doc_id = ?", (doc_id,))
    db.executemany(
        "INSERT INTO doc_signature VALUES (?, ?)", [(doc_id, e) for e in sorted(elements)]
    )


def _area(lat: float, lon: float) -> str:
    """A half-degree grid cell (about 55 km): the city and the province of one name, or a base
    and the town beside it, share it."""
    return f"area:{math.floor(lat * 2) / 2}:{math.floor(lon * 2) / 2}"


def _kind(element: str) -> str:
    return element.split(":", 1)[0]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dates(elements: set[str]) -> list[date]:
    return [date.fromisoformat(e[5:]) for e in elements if e.startswith("date:")]


def _dates_fit(a: set[str], b: set[str], tolerance: int) -> bool:
    da, db = _dates(a), _dates(b)
    if not da or not db:
        return True
    return min(abs((x - y).days) for x in da for y in db) <= tolerance


def assign_story(db: Any, doc_id: str, elements: set[str], settings: Settings) -> StoryDecision:
    """Record ``doc_id``'s signature and put it in a story (call inside a transaction)."""
    s = settings
    db.executemany("INSERT OR IGNORE INTO doc_signature VALUES (?, ?)",
                   [(doc_id, e) for e in sorted(elements)])  # fmt: skip
    db.executemany(
        "INSERT INTO element_df VALUES (?, 1) ON CONFLICT(element) DO UPDATE SET df = df + 1",
        [(e,) for e in sorted(elements)],
    )
    total = db.execute("SELECT count(DISTINCT doc_id) FROM doc_signature").fetchone()[0]
    df = _df(db, elements)
    rare = [
        e for e in elements if df.get(e, 1) <= s.story_candidate_max_df and _kind(e) != "country"
    ]
    scored: list[tuple[float, int, list[str]]] = []
    for story_id, story_elements in _candidates(db, doc_id, rare).items():
        shared = elements & story_elements
        if not any(_kind(e) in _WHERE for e in shared):
            continue  # same day, different places: different events
        if not _dates_fit(elements, story_elements, s.story_date_tolerance_days):
            continue
        weight = {e: _KIND_WEIGHT[_kind(e)] * (math.log((total + 1) / (df.get(e, 1) + 1)) + 1)
                  for e in shared}  # fmt: skip
        score = sum(weight.values())
        if score >= s.story_join_score:
            reasons = [f"{e} ({w:.2f})" for e, w in sorted(weight.items(), key=lambda kv: -kv[1])]
            scored.append((score, story_id, reasons))
    scored.sort(reverse=True)
    if not scored:
        story_id = db.execute("INSERT INTO stories (created_at) VALUES (?)", (_now(),)).lastrowid
        _join(db, doc_id, story_id, 0.0, ["first document of the story"])
        return StoryDecision(story_id, 0.0, [], [])
    score, story_id, reasons = scored[0]
    merged = [other for _, other, _ in scored[1:] if other != story_id]
    for other in merged:
        _merge(db, other, story_id, doc_id)
    _join(db, doc_id, story_id, score, reasons)
    return StoryDecision(story_id, score, reasons, merged)


def _df(db: Any, elements: set[str]) -> dict[str, int]:
    marks = ",".join("?" * len(elements))
    if not elements:
        return {}
    rows = db.execute(f"SELECT element, df FROM element_df WHERE element IN ({marks})",
                      sorted(elements)).fetchall()  # fmt: skip
    return {r[0]: r[1] for r in rows}


def _candidates(db: Any, doc_id: str, rare: list[str]) -> dict[int, set[str]]:
    """Stories of documents sharing a rare element, with all their elements."""
    if not rare:
        return {}
    marks = ",".join("?" * len(rare))
    sql = (
        "SELECT DISTINCT m.story_id FROM doc_signature s"
        " JOIN story_members m ON m.doc_id = s.doc_id"
        f" WHERE s.element IN ({marks}) AND s.doc_id != ?"
    )
    stories = [r[0] for r in db.execute(sql, [*rare, doc_id])]
    out: dict[int, set[str]] = {}
    for story_id in stories:
        out[story_id] = {r[0] for r in db.execute(
            "SELECT s.element FROM doc_signature s JOIN story_members m ON m.doc_id = s.doc_id"
            " WHERE m.story_id = ?", (story_id,))}  # fmt: skip
    return out


def _join(db: Any, doc_id: str, story_id: int, score: float, reasons: list[str]) -> None:
    db.execute(
        "INSERT OR REPLACE INTO story_members VALUES (?, ?, ?, ?, ?)",
        (doc_id, story_id, round(score, 3), json.dumps(reasons, ensure_ascii=False), _now()),
    )


def _merge(db: Any, from_story: int, into_story: int, bridge: str) -> None:
    db.execute("UPDATE story_members SET story_id = ? WHERE story_id = ?", (into_story, from_story))
    db.execute("UPDATE stories SET merged_into = ? WHERE id = ?", (into_story, from_story))
    db.execute(
        "INSERT INTO story_merges VALUES (?, ?, ?, ?)", (from_story, into_story, bridge, _now())
    )


def story_elements_counter(db: Any, story_id: int) -> Counter[str]:
    """How many members of the story carry each element (for centrality)."""
    return Counter(r[0] for r in db.execute(
        "SELECT s.element FROM doc_signature s JOIN story_members m ON m.doc_id = s.doc_id"
        " WHERE m.story_id = ?", (story_id,)))  # fmt: skip
