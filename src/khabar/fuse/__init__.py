"""Fusion: each story's event mentions and claims become canonical events and contradictions.

Input: a store whose documents are grouped into stories (``khabar.stories``). Output: rows in
``events`` (one per canonical event, with its whole record as JSON: every field's values, their
sources and corroboration, the chosen value and the rule that chose it) and ``contradictions``
(typed, explained, each side with its sources). A story is fused again from scratch whenever it
changes, so fusing is idempotent; ``khabar fuse`` re-fuses every story.

Stages: ``fuse.facts`` (read a story, source keys), ``fuse.events`` (canonical events),
``fuse.contradictions`` (what sources disagree about).

Example::

    with open_store(settings) as store:
        fuse_stories(store)                      # every story
        fused = fuse_story(store, story_id=1)    # one, not written
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from khabar.errors import StoreError
from khabar.fuse.contradictions import Contradiction, find_contradictions
from khabar.fuse.events import CanonicalEvent, build_events
from khabar.fuse.facts import load_story
from khabar.store.sqlite import SQLiteStore

__all__ = [
    "CanonicalEvent",
    "Contradiction",
    "FusedStory",
    "fuse_pending",
    "fuse_stories",
    "fuse_story",
    "mark_changed",
]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class FusedStory:
    story_id: int
    events: list[CanonicalEvent]
    contradictions: list[Contradiction]


def fuse_story(store: SQLiteStore, story_id: int) -> FusedStory:
    """The canonical events and contradictions of one story (not written to the store)."""
    s = store.settings
    facts = load_story(store.db, story_id, origin_window=s.fuse_origin_window)
    events = build_events(story_id, facts.mentions, s)
    found = find_contradictions(story_id, events, facts.claims, facts.mentions)
    return FusedStory(story_id, events, found)


def _row(e: CanonicalEvent, n_contradictions: int) -> tuple[object, ...]:
    loc = e.chosen_value("location") or e.chosen_value("near")  # "south of Kabul": Afghanistan
    record = e.to_dict()
    return (e.id, e.story_id, int(e.id.rsplit(".", 1)[1]), e.value("date"), e.plover,
            e.acled_type, e.acled_subtype, int(e.background),
            loc.detail.get("country") if loc else None, loc.label if loc else None,
            loc.detail.get("lat") if loc else None, loc.detail.get("lon") if loc else None,
            e.value("actor"), e.value("target"), e.value("killed"), e.value("injured"),
            record["independent_sources"], ",".join(record["languages"]), n_contradictions,
            json.dumps(record, ensure_ascii=False), int(e.weak))  # fmt: skip


def _write(store: SQLiteStore, fused: FusedStory) -> None:
    per_event: dict[str | None, int] = {}
    for c in fused.contradictions:
        per_event[c.event_id] = per_event.get(c.event_id, 0) + 1
    store.write_fusion(
        fused.story_id, [_row(e, per_event.get(e.id, 0)) for e in fused.events],
        [(c.id, c.story_id, c.event_id, c.kind, c.field, c.what,
          json.dumps(c.to_dict(), ensure_ascii=False)) for c in fused.contradictions],
    )  # fmt: skip


def _fuse_ids(
    store: SQLiteStore,
    story_ids: Iterable[int],
    on_story: Callable[[int], None] | None,
    failures: list[str] | None = None,
) -> tuple[int, int, int]:
    totals = [0, 0, 0]
    for story_id in sorted(set(story_ids)):
        try:
            with store.savepoint("fuse_story"):  # a failure undoes this story's writes alone
                fused = fuse_story(store, story_id)
                _write(store, fused)
        except StoreError:
            raise  # the store failed (a savepoint it could not undo): no story can be written
        except Exception as exc:  # one story must not stop the others: logged, retried later
            store.set_fused(story_id, False)
            log.exception("fusing story %s failed; it stays marked for fusion", story_id)
            if failures is not None:
                failures.append(f"story {story_id}: {type(exc).__name__}: {exc}")
            continue
        store.set_fused(story_id, True)
        totals[0] += 1
        totals[1] += len(fused.events)
        totals[2] += len(fused.contradictions)
        if on_story is not None:
            on_story(story_id)
    return totals[0], totals[1], totals[2]


def mark_changed(store: SQLiteStore, doc_id: str) -> None:
    """The story of ``doc_id`` must be fused again (call in the transaction that changed it)."""
    store.mark_story_changed(doc_id)


def fuse_pending(
    store: SQLiteStore,
    *,
    on_story: Callable[[int], None] | None = None,
    failures: list[str] | None = None,
) -> tuple[int, int, int]:
    """Fuse every story changed since it was last fused and drop the rows of stories merged
    away; no transaction of its own (ingest calls it inside its last one). A story whose
    fusion fails is logged, listed in ``failures`` and left marked, to be fused next time."""
    store.drop_fusion_of_merged_stories()
    return _fuse_ids(store, store.stories_to_fuse(), on_story, failures)


def fuse_stories(
    store: SQLiteStore, *, on_story: Callable[[int], None] | None = None
) -> tuple[int, int, int]:
    """Fuse every story again from scratch (after a change of settings or of the code) and
    write the results. Returns (stories, events, contradictions) written."""
    with store.transaction():
        store.clear_fusion()
        return _fuse_ids(store, store.grouped_story_ids(), on_story)
