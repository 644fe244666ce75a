"""Watchlists on both backends (SQLite file, PostgreSQL server): the same rows, names unique,
matches recorded once, full-text matching limited to the documents asked about, and the same
matches after the same ingests."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.errors import ConflictError, NotFoundError
from khabar.pipeline import ingest
from khabar.settings import Settings
from khabar.store import open_store
from khabar.watch import add_watchlist, define, watchlist_matches
from tests.helpers import watch_inputs


def test_watchlists_are_stored_listed_and_removed(backend_settings: Settings) -> None:
    with open_store(backend_settings) as store:
        row = store.add_watchlist({"name": "b", "query": "drone", "place_ids": ["IQ-S-ASAD"],
                                   "type": "ASSAULT"})  # fmt: skip
        assert row["name"] == "b" and row["place_ids"] == ["IQ-S-ASAD"] and row["matches"] == 0
        assert row["actor_ids"] == [] and row["country"] is None and row["created_at"]
        store.add_watchlist({"name": "a", "country": "IQ"})
        with pytest.raises(ConflictError):
            store.add_watchlist({"name": "a", "type": "PROTEST"})
        assert [w["name"] for w in store.watchlists()] == ["a", "b"]
        assert store.watchlist("a")["type"] is None  # the first definition stands
        wid = row["id"]
        rows = [(wid, 1, "", "", [], 7, "t", "s"),
                (wid, 1, "1.2", "d1:0", ["d1:0", "d2:3"], 7, "t", "s")]  # fmt: skip
        assert store.add_watch_matches(rows) == [wid, wid]
        again = rows + [(wid, 2, "", "", [], 8, "u", "v")]
        assert store.add_watch_matches(again) == [wid]  # once each
        # the event matched as 1.2, renumbered 1.1 by a later fusion, is known by its mentions
        assert store.matched_mentions([1, 2]) == {(wid, 1): {"d1:0", "d2:3"}}
        page, total = store.watch_matches(wid, limit=2)
        assert total == 3 and len(page) == 2 and page[0]["run_id"] == 8  # newest first
        assert {m["event_id"] for m in store.watch_matches(wid)[0]} == {None, "1.2"}
        assert store.watchlist("b")["matches"] == 3
        assert store.remove_watchlist("b") == 3
        with pytest.raises(NotFoundError):
            store.watchlist("b")
        assert store.db.execute("SELECT count(*) FROM watch_matches").fetchone()[0] == 0


def test_full_text_matching_is_limited_to_the_documents_given(
    backend_settings: Settings, tmp_path: Path
) -> None:
    before, after = watch_inputs(tmp_path)
    with open_store(backend_settings) as store:
        ingest([before, after], store)
        ids = store.document_ids()
        assert len(store.documents_matching("drone", ids)) == 3
        assert len(store.documents_matching("DRONE killing", ids)) == 2  # every word, folded
        assert store.documents_matching("drone", ids[2:3]) <= set(ids[2:3])
        assert store.documents_matching("drone zeppelin", ids) == set()
        # no syntax: the words are words
        assert store.documents_matching('" AND (', ids) == store.documents_matching("and", ids)
        assert store.documents_matching('" (', ids) == set()


def test_both_backends_record_the_same_matches(
    backend_settings: Settings, tmp_path: Path
) -> None:
    before, after = watch_inputs(tmp_path)
    with open_store(backend_settings) as store:
        ingest([before], store)
        add_watchlist(store, define("drones", query="drone"))
        add_watchlist(store, define("iraq", type="ASSAULT", country="IQ"))
        report = ingest([after], store)
        again = ingest([after], store)
        got = {n: [(m["story_id"], m["event_id"], m["summary"])
                   for m in watchlist_matches(store, n)["items"]] for n in ("drones", "iraq")}  # fmt: skip
    assert report.watch_matches == {"drones": 2, "iraq": 2} and again.watch_matches == {}
    assert [s for s, _, _ in got["drones"]] == [4, 2]
    assert got["iraq"] == [(4, "4.1", got["iraq"][0][2]), (2, "2.1", got["iraq"][1][2])]
    assert "Kirkuk, IQ" in got["iraq"][0][2]
