"""Watchlists (khabar.watch): definitions checked and resolved across scripts; the acceptance
test: a watchlist made before an ingest lists exactly the new matching stories after it (not
the others, not those stored before it), re-ingesting adds nothing, and its Atom feed is valid
Atom to feedparser."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest

from khabar.errors import ConflictError, NotFoundError, WatchError
from khabar.pipeline import ingest
from khabar.settings import Settings, load_settings
from khabar.store import SQLiteStore, open_store
from khabar.watch import (
    PLOVER_TYPES,
    add_watchlist,
    atom_feed,
    define,
    remove_watchlist,
    watchlist_matches,
    watchlists,
)
from tests.helpers import WATCH_AFTER, WATCH_BEFORE, watch_inputs


@pytest.mark.parametrize("name", ["Kirkuk", "-x", "a b", "a.atom", "", "x" * 65, "كركوك"])
def test_a_watchlist_name_is_a_slug(name: str) -> None:
    with pytest.raises(WatchError, match="cannot name a watchlist"):
        define(name, query="drone")


def test_criteria_are_checked_and_resolved_across_scripts() -> None:
    assert define("a", type="assault").type == "ASSAULT"
    with pytest.raises(WatchError, match="PLOVER"):
        define("a", type="bombing")
    for name in ("IQ", "iq", "Iraq", "العراق", "عراق"):
        assert define("a", country=name).country == "IQ", name
    with pytest.raises(WatchError, match="no country"):
        define("a", country="Atlantis")
    arabic, english = define("a", place="عين الأسد"), define("a", place="Ain al-Asad")
    assert arabic.place_ids == english.place_ids == ("IQ-S-ASAD",)
    assert "IQ-S-ASAD" in define("a", place="وعين الأسد").place_ids  # a clitic peeled
    with pytest.raises(WatchError, match="gazetteer"):
        define("a", place="Xyzzyville")
    assert "KH" in define("a", actor="كتائب حزب الله").actor_ids
    assert "KH" in define("a", actor="Kataib Hezbollah").actor_ids
    with pytest.raises(WatchError, match="dictionaries"):
        define("a", actor="Nobody Brigade Xyzzy")
    with pytest.raises(WatchError, match="at least one"):
        define("a", query="  ")


def test_the_plover_types_are_the_event_models_labels() -> None:
    from khabar.extract.event_types import _model

    assert set(PLOVER_TYPES) == set(_model("events").labels)


def _story_of(store: SQLiteStore) -> dict[str, int]:
    """Story id of each stored document, by its title."""
    return {r["title"]: r["story_id"] for r in store.db.execute(
        "SELECT d.title, m.story_id FROM documents d JOIN story_members m ON m.doc_id = d.id")}  # fmt: skip


def _matches(store: SQLiteStore) -> list[tuple]:
    return [tuple(r) for r in store.db.execute(
        "SELECT watchlist_id, story_id, event_id, run_id, matched_at, title, summary"
        " FROM watch_matches ORDER BY 1, 2, 3")]  # fmt: skip


def test_a_watchlist_lists_exactly_the_new_matching_stories_and_its_feed_is_valid_atom(
    settings: Settings, tmp_path: Path
) -> None:
    before, after = watch_inputs(tmp_path)
    with open_store(settings) as store:
        first = ingest([before], store)
        assert first.watch_matches == {}  # no watchlist yet
        add_watchlist(store, define("drones", query="drone"))
        add_watchlist(store, define("iraq-assaults", type="ASSAULT", country="العراق"))
        add_watchlist(store, define("asad", place="عين الأسد"))  # Arabic name, English reports
        add_watchlist(store, define("protests-sy", type="PROTEST", country="SY"))
        report = ingest([after], store)
        story = _story_of(store)
        assert len(set(story.values())) == 4  # one story per report (the premise of the test)
        old = story[WATCH_BEFORE[0]["title"]]
        asad, basra, kirkuk = (story[a["title"]] for a in WATCH_AFTER)
        # the old story would match "drone" too: only its age keeps it out
        assert store.documents_matching("drone", store.story_documents([old])[old])

        drones = watchlist_matches(store, "drones")
        assert [m["story_id"] for m in drones["items"]] == [kirkuk, asad]  # newest first
        assert all(m["event_id"] is None for m in drones["items"])  # stories, whole
        assault = watchlist_matches(store, "iraq-assaults")["items"]
        assert {m["story_id"] for m in assault} == {asad, kirkuk}
        assert all(m["event_id"] and m["event_id"].startswith(f"{m['story_id']}.")
                   for m in assault)  # fmt: skip
        assert [m["story_id"] for m in watchlist_matches(store, "asad")["items"]] == [asad]
        assert watchlist_matches(store, "protests-sy")["total"] == 0  # Basra is in Iraq
        assert basra not in {m["story_id"] for m in drones["items"] + assault}
        assert report.watch_matches == {"asad": 1, "drones": 2, "iraq-assaults": 2}
        assert report.counts()["watch_matches"] == report.watch_matches
        assert all(m["run_id"] == report.run_id for m in drones["items"])
        kirkuk_match = drones["items"][0]
        assert "Kirkuk" in kirkuk_match["title"] and "Kirkuk, IQ" in kirkuk_match["summary"]
        assert "killed 1" in kirkuk_match["summary"]

        recorded = _matches(store)
        again = ingest([before, after], store)  # the same inputs again: nothing new
        assert again.ingested == 0 and again.watch_matches == {}
        assert _matches(store) == recorded

        xml = atom_feed(store, "drones", "http://127.0.0.1:8700/")
    feed = feedparser.parse(xml)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and len(feed.entries) == 2
    assert feed.feed.title == "khabar watchlist drones" and feed.feed.id.startswith("urn:khabar")
    assert feed.feed.updated == drones["items"][0]["matched_at"]
    links = [e.link for e in feed.entries]
    assert links == [f"http://127.0.0.1:8700/#/story/{kirkuk}", f"http://127.0.0.1:8700/#/story/{asad}"]
    assert len({e.id for e in feed.entries}) == 2
    assert feed.entries[0].title.startswith(kirkuk_match["title"])  # < & " escaped, read back
    assert "<b>" in kirkuk_match["title"] and b"<b>" not in xml  # markup stays text
    assert feed.entries[0].summary == kirkuk_match["summary"]
    assert all(e.updated_parsed for e in feed.entries)


def test_a_story_changed_after_the_watchlist_is_made_is_matched(
    settings: Settings, tmp_path: Path
) -> None:
    before, _ = watch_inputs(tmp_path)
    follow = tmp_path / "follow.jsonl"
    follow.write_text(
        '{"title": "Two soldiers killed as drone hits Camp Taji", "published": "2024-05-01", '
        '"outlet": "Wire E", "text": "Two Iraqi soldiers were killed when a drone struck Camp '
        'Taji north of Baghdad on Wednesday 1 May 2024, security sources said."}\n',
        encoding="utf-8",
    )
    with open_store(settings) as store:
        ingest([before], store)
        add_watchlist(store, define("taji", place="التاجي"))
        ingest([follow], store)
        stories = set(_story_of(store).values())
        found = watchlist_matches(store, "taji")["items"]
    assert len(stories) == 1  # the new report joined the old story
    assert [m["story_id"] for m in found] == list(stories) and found[0]["event_id"]


def test_names_are_unique_and_removal_takes_the_matches(settings: Settings, tmp_path: Path) -> None:
    before, after = watch_inputs(tmp_path)
    with open_store(settings) as store:
        add_watchlist(store, define("drones", query="drone"))
        with pytest.raises(ConflictError, match="exists already"):
            add_watchlist(store, define("drones", type="ASSAULT"))
        ingest([before, after], store)  # made before the first ingest: sees all of it
        assert [w["matches"] for w in watchlists(store)] == [3]
        assert remove_watchlist(store, "drones") == 3
        assert watchlists(store) == []
        assert store.db.execute("SELECT count(*) FROM watch_matches").fetchone()[0] == 0
        with pytest.raises(NotFoundError, match="khabar watch list"):
            watchlist_matches(store, "drones")
        with pytest.raises(NotFoundError):
            atom_feed(store, "drones", "http://x/")


def test_an_event_renumbered_by_a_later_fusion_is_matched_once_and_a_new_one_is_not_missed(
    tmp_path: Path,
) -> None:
    # fusion numbers a story's events by day: a report of an earlier attack makes the drone
    # strike matched as 1.1 become 1.2, and the new attack 1.1 (found by a review)
    settings = load_settings({"database": str(tmp_path / "k.db"), "reference_date": "2026-11-23"},
                             environ={})  # fmt: skip
    strike = ("An armed drone hit the airport of Kirkuk on Tuesday 7 May 2024, killing one guard, "
              "the Iraqi interior ministry said.")  # fmt: skip
    reports = [
        {"title": "Drone hits Kirkuk airport", "published": "2024-05-07", "outlet": "Wire A",
         "text": strike},
        {"title": "Drone hits Kirkuk airport a day after checkpoint attack", "outlet": "Wire B",
         "published": "2024-05-07", "text": strike + " On Monday 6 May 2024 gunmen attacked a "
         "police checkpoint in Kirkuk, killing two policemen, security sources said."},
    ]  # fmt: skip
    with open_store(settings) as store:
        add_watchlist(store, define("kirkuk", place="Kirkuk"))
        for n, report in enumerate(reports):
            path = tmp_path / f"r{n}.jsonl"
            path.write_text(json.dumps(report) + "\n", encoding="utf-8")
            assert ingest([str(path)], store).watch_matches == {"kirkuk": 1}
        found = watchlist_matches(store, "kirkuk")["items"]
    days = sorted(m["summary"][:10] for m in found)
    assert days == ["2024-05-06", "2024-05-07"]  # each event once, the new one not missed


def test_a_failing_match_is_undone_alone_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import khabar.pipeline

    def broken(store: SQLiteStore, story_ids: list[int], run_id: int) -> dict[str, int]:
        store.add_watch_matches([(wid, 1, "", "", [], run_id, "t", "s")])
        raise RuntimeError("boom")

    settings = load_settings({"database": str(tmp_path / "k.db"), "reference_date": "2026-11-23"},
                             environ={})  # fmt: skip
    before, _ = watch_inputs(tmp_path)
    with open_store(settings) as store:
        wid = add_watchlist(store, define("any", query="drone"))["id"]
        monkeypatch.setattr(khabar.pipeline, "match_run", broken)
        report = ingest([before], store)
        assert report.watch_error == "RuntimeError: boom" and report.ingested > 0
        assert store.db.execute("SELECT count(*) FROM watch_matches").fetchone()[0] == 0
