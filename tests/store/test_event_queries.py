"""The event queries of the export and the API (``store.events``) on both backends, and the same
ACLED rows from a SQLite file and a PostgreSQL server holding the samples."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from khabar.export import export_events
from khabar.pipeline import ingest
from khabar.settings import Settings, load_settings
from khabar.store import open_store
from khabar.store.events import (
    EventFilters,
    contradictions_of,
    event_evidence,
    event_page,
    event_story_ids,
    stories_changed_at,
)
from tests.conftest import REFERENCE_DATE
from tests.store.conftest import new_pg_database


def test_event_queries_on_both_backends(backend_settings: Settings, seeds: Path) -> None:
    with open_store(backend_settings) as store:
        ingest([str(seeds)], store)
        every = EventFilters(include_background=True, include_undated=True)
        records, total = event_page(store, every, limit=3, offset=1)
        assert total > len(records) == 3 and all("contradictions" in r for r in records)
        dated, n = event_page(store, EventFilters())
        assert n == len(dated) < total
        assert all(not r["background"] and r["chosen"].get("date") for r in dated)
        assert event_story_ids(store, EventFilters(actor="Islamic Resistance in Iraq",
                                                   include_undated=True)) == {1}
        assert contradictions_of(store, [r["id"] for r in dated])
        docs = sorted({d for r in dated for d in r["documents"]})
        evidence = event_evidence(store, docs)
        assert set(evidence) == set(docs) and any(e["dates"] for e in evidence.values())
        assert set(stories_changed_at(store, [1, 2, 3, 99])) == {1, 2, 3}


def test_the_acled_export_is_the_same_on_both_backends(
    seeds: Path, tmp_path: Path, pg_server_uri: str
) -> None:
    lite = load_settings({"database": str(tmp_path / "k.db"), "reference_date": REFERENCE_DATE},
                         environ={})  # fmt: skip
    pg = lite.replace(database_url=new_pg_database(pg_server_uri))
    frames = []
    for name, settings in (("lite", lite), ("pg", pg)):
        with open_store(settings) as store:
            ingest([str(seeds)], store)
            export_events(store, "acled-csv", tmp_path / f"{name}.csv",
                          {"include_background": True, "include_undated": True})  # fmt: skip
        frame = pd.read_csv(tmp_path / f"{name}.csv", dtype=str, keep_default_na=False)
        frames.append(frame.drop(columns=["timestamp"]))  # when each store was written
    assert len(frames[0]) > 10 and frames[0].to_dict("records") == frames[1].to_dict("records")
