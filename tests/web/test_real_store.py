"""The web UI over a real store: the real news reports of the dev contradiction judgements
(the two dev story gold sets, SaudiNewsNet of 2015-07-21/22 and the cross-lingual set, then
SaudiNewsNet reports of violence of 2015-07-24 to 27: `tests/data/real/contradictions/dev.json`),
ingested once for the suite as `khabar eval contradictions` ingests them (conftest.py). Issue
20 asks that on a real store of at least 500 documents every story is reachable through the
pager, one day can be chosen on the timeline by mouse and by touch, and the stories, story,
article and map pages fit a phone's width.
Headless Debian Chromium through playwright; screenshots go to test-artifacts/."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page

from khabar.settings import load_settings
from tests.web.test_ui import (
    VIEWPORTS,
    _bar_centre,
    _map,
    _no_sideways_overflow,
    _open,
    _rows,
    _serve,
    _settled,
    _shot,
    _story_ids,
    _tap_or_click,
    stories_and_first_article_fit,
)

PAGE_SIZE = 50  # the UI's stories per page


@pytest.fixture(scope="module")
def real_url(tmp_path_factory: pytest.TempPathFactory,
             contradictions_dev: tuple[Path, Any]) -> Iterator[str]:  # fmt: skip
    folder = tmp_path_factory.mktemp("real")
    shutil.copy(contradictions_dev[0], folder / "real.db")  # the suite's shared store: a copy
    yield from _serve(load_settings({"database": str(folder / "real.db")}, environ={}))


def test_the_store_holds_at_least_500_real_documents(real_url: str) -> None:
    found = httpx.get(real_url + "/api/documents", params={"limit": 1}).json()
    assert found["total"] >= 500, found["total"]


@pytest.mark.parametrize("screen", VIEWPORTS, indirect=True)
def test_the_pager_reaches_every_real_story_once_and_each_page_fits(
    screen: Page, real_url: str
) -> None:
    page = screen
    total = httpx.get(real_url + "/api/stories", params={"limit": 1}).json()["total"]
    pages = -(-total // PAGE_SIZE)
    assert pages >= 4, total  # hundreds of stories: many pages
    _open(page, real_url + "/#/")
    seen: list[int] = []
    for k in range(1, pages + 1):
        first, last = (k - 1) * PAGE_SIZE + 1, min(k * PAGE_SIZE, total)
        assert page.locator("#story-pager .pager-range").inner_text() == \
            f"stories {first}–{last} of {total}"  # fmt: skip
        seen += _story_ids(page)
        _no_sideways_overflow(page)
        if k < pages:
            page.locator("#story-pager a.pager-next").click()
            _settled(page)
    assert page.locator("#story-pager .pager-next.disabled").count() == 1
    assert len(seen) == len(set(seen)) == total
    _shot(page, f"real-stories-last-{page.size}.png")  # type: ignore[attr-defined]


def _busiest(page: Page) -> str:
    """The ``data-start`` of the timeline bar with the most events (the first of equals)."""
    bars = page.locator("#timeline rect.bar")
    counts = [(int(bars.nth(i).get_attribute("data-count") or 0), bars.nth(i).get_attribute("data-start") or "")
              for i in range(bars.count())]  # fmt: skip
    assert counts, "no bar on the timeline"
    best = max(c for c, _ in counts)
    return next(start for c, start in counts if c == best)


@pytest.mark.parametrize("screen", VIEWPORTS, indirect=True)
def test_one_day_is_chosen_on_the_timeline_by_mouse_and_by_touch(
    screen: Page, real_url: str
) -> None:
    """A click (a tap on the phone) on the busiest bar zooms in until bars are days; one more on
    the busiest day chooses it, and the list shows that day's events only."""
    page = screen
    _map(page, real_url)
    timeline = page.locator("#timeline")
    for _ in range(3):
        if timeline.get_attribute("data-level") == "day":
            break
        level = timeline.get_attribute("data-level")
        _tap_or_click(page, *_bar_centre(page, f'rect.bar[data-start="{_busiest(page)}"]'))
        page.wait_for_function(
            "(level) => document.getElementById('timeline').dataset.level !== level", arg=level
        )
    assert timeline.get_attribute("data-level") == "day"
    day = _busiest(page)
    expected = int(page.locator(f'#timeline rect.bar[data-start="{day}"]').get_attribute("data-count") or 0)
    _tap_or_click(page, *_bar_centre(page, f'rect.bar[data-start="{day}"]'))
    assert page.input_value("#from") == day == page.input_value("#to")
    rows = _rows(page)
    assert len(rows) == expected >= 1 and all(f" {day} " in r for r in rows), (day, rows[:3])
    assert page.locator("#map-count").inner_text().endswith(f", {expected} in range")
    assert 1 <= int(page.get_attribute("#map-count", "data-count") or 0) <= expected  # placed ones
    _no_sideways_overflow(page)
    _shot(page, f"real-map-day-{page.size}.png")  # type: ignore[attr-defined]


@pytest.mark.parametrize("screen", VIEWPORTS, indirect=True)
def test_story_article_and_map_pages_of_the_real_store_fit_the_screen(
    screen: Page, real_url: str
) -> None:
    """The largest stories (many reports, often Arabic beside English) and their first report."""
    page = screen
    found = httpx.get(real_url + "/api/stories", params={"limit": 3, "sort": "size"}).json()
    assert found["items"][0]["size"] >= 5, found["items"][0]
    stories_and_first_article_fit(page, real_url, [s["id"] for s in found["items"]], "real-")
    _map(page, real_url)
    _no_sideways_overflow(page)
    _shot(page, f"real-map-{page.size}.png")  # type: ignore[attr-defined]
