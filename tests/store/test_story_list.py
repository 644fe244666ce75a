"""Story listings (``store.story_list``) and search pages on both backends: filters by place and
actor names in any script, resolved to gazetteer and dictionary ids; sorts; pages that reach
every story once; search ranked first with snippets marked in pieces."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from khabar.pipeline import ingest
from khabar.settings import Settings
from khabar.store import SQLiteStore, open_store
from khabar.store.sqlite import STORY_SORTS
from khabar.store.story_list import StoryFilters, story_list

_ADEN = sorted(str(p) for p in (Path(__file__).parents[1] / "data" / "stories").glob("14[0-3]_e11.txt"))


@pytest.fixture
def filled(backend_settings: Settings, seeds: Path) -> Iterator[SQLiteStore]:
    store = open_store(backend_settings)
    ingest([str(seeds), *_ADEN], store)
    yield store
    store.close()


def _ids(store: SQLiteStore, **filters: str) -> set[int]:
    return {r["id"] for r in story_list(store, StoryFilters(**filters), limit=1000).items}


def _aden_story(store: SQLiteStore) -> int:
    """The story of the English report 'Drone hits cargo ship near Aden' (read from the store,
    not from the filter under test)."""
    row = store.db.execute(
        "SELECT m.story_id FROM story_members m JOIN documents d ON d.id = m.doc_id"
        " WHERE d.title = 'Drone hits cargo ship near Aden'").fetchone()  # fmt: skip
    return int(row[0])


def test_a_place_name_in_either_script_finds_the_same_stories(filled: SQLiteStore) -> None:
    aden = _aden_story(filled)
    found = story_list(filled, StoryFilters(place="Aden"), limit=100)
    assert {r["id"] for r in found.items} == {aden}
    assert [p["id"] for p in found.resolved["place"]] == ["GN-415189"]
    assert _ids(filled, place="عدن") == {aden}
    assert _ids(filled, place="GN-415189") == {aden}
    # the samples write بغداد (Arabic script), and story 2's report "جنوب العاصمة العراقية"
    # (south of the Iraqi capital): the English name finds them
    assert _ids(filled, place="Baghdad") == _ids(filled, place="بغداد") == {1, 2, 3}
    assert _ids(filled, place="Kirkuk") == {2}
    # a name no gazetteer row has matches nothing (no guessing), and says so
    nowhere = story_list(filled, StoryFilters(place="Adenville"))
    assert nowhere.total == 0 and nowhere.resolved == {"place": []}


def test_an_actor_name_in_any_language_finds_its_stories(filled: SQLiteStore) -> None:
    aden = _aden_story(filled)
    assert aden in _ids(filled, actor="Houthis")
    assert _ids(filled, actor="Houthis") == _ids(filled, actor="الحوثيون")
    assert _ids(filled, actor="Soleimani") == _ids(filled, actor="قاسم سليماني") == {3}
    assert _ids(filled, actor="Kataib Hezbollah") == {1, 2, 3}
    assert _ids(filled, actor="Kataib Hezbollah", place="Kirkuk") == {2}
    assert _ids(filled, actor="Nobody In Particular") == set()


def test_each_sort_orders_its_key_and_pages_reach_every_story_once(filled: SQLiteStore) -> None:
    every = story_list(filled, limit=1000)
    assert every.total == len(every.items) >= 4
    orders = {}
    for sort in STORY_SORTS:
        rows = story_list(filled, sort=sort, limit=1000).items
        values = [r[sort] if r[sort] is not None else "" for r in rows]  # None last
        assert values == sorted(values, reverse=True), sort
        paged = [r["id"] for k in range(every.total)
                 for r in story_list(filled, sort=sort, limit=1, offset=k).items]  # fmt: skip
        assert paged == [r["id"] for r in rows], sort
        orders[sort] = paged
    assert orders["contradictions"][0] == 1  # the samples' story with contradictions
    assert len({tuple(v) for v in orders.values()}) > 1  # sorting changes the order
    assert story_list(filled, limit=2, offset=every.total).items == []
    with pytest.raises(ValueError, match="sort must be one of"):
        story_list(filled, sort="alphabetical")


def test_search_ranks_first_then_pages_with_marked_snippets(filled: SQLiteStore) -> None:
    every = filled.search("عدن", limit=100)
    assert len(every) == filled.search_count("عدن") >= 2
    paged = [h["id"] for k in range(len(every)) for h in filled.search("عدن", limit=1, offset=k)]
    assert paged == [h["id"] for h in every]
    for hit in every:
        parts = hit["snippet_parts"]
        assert any(is_match for _, is_match in parts)
        assert all(text == "عدن" for text, is_match in parts if is_match)
        assert "".join(f"[{t}]" if m else t for t, m in parts) == hit["snippet"]
    hit_stories = {int(filled.db.execute("SELECT story_id FROM story_members WHERE doc_id = ?",
                                         (h["id"],)).fetchone()[0]) for h in every}  # fmt: skip
    assert _aden_story(filled) in hit_stories
    assert filled.stories_matching("عدن") == hit_stories
    assert filled.search_count("!!!") == 0 and filled.stories_matching("!!!") == set()
