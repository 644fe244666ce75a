"""The watchlist pages of the web UI (headless Chromium, playwright) at 1400x900 and on a phone
(390x844): the nav link, the list, a watchlist's matches linking to their stories, text shown
as text, no horizontal overflow. Screenshots go to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from khabar.pipeline import ingest
from khabar.settings import Settings, load_settings
from khabar.store import open_store
from khabar.watch import add_watchlist, define
from tests.conftest import REFERENCE_DATE
from tests.helpers import watch_inputs
from tests.web.test_ui import ARTIFACTS, _open, _serve

LONG = "iraqassaultswithanamelongerthanaphoneiswidewithnowheretobreak"  # 62 characters


@pytest.fixture(scope="module")
def watch_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("watch-ui")
    settings: Settings = load_settings(
        {"database": str(folder / "ui.db"), "reference_date": REFERENCE_DATE}, environ={}
    )
    before, after = watch_inputs(folder)
    with open_store(settings) as store:
        ingest([before], store)
        add_watchlist(store, define("drones", query="drone"))
        add_watchlist(store, define(LONG, type="ASSAULT",
                                    country="العراق", place="Ain al-Asad"))  # fmt: skip
        add_watchlist(store, define("quiet", type="PROTEST", country="SY"))
        ingest([after], store)
    yield from _serve(settings)


@pytest.mark.parametrize("width,height", [(1400, 900), (390, 844)])
def test_watchlists_and_their_matches(
    browser: Browser, watch_url: str, width: int, height: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(60_000)  # make test runs two busy workers
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        _open(page, watch_url + "/#/")
        page.click("#nav-watch")
        page.wait_for_selector("body[data-ready='#/watch']")
        cards = page.locator(".watchlist")
        assert cards.count() == 3
        assert page.locator(".watch-link").all_inner_texts() == ["drones", LONG, "quiet"]
        assert "2 matches" in cards.nth(0).inner_text() and "query: drone" in cards.nth(0).inner_text()
        assert "0 matches" in cards.nth(2).inner_text() and "no match yet" in cards.nth(2).inner_text()
        assert page.locator(".feed-link").first.get_attribute("href") == "/api/watch/drones.atom"
        _no_overflow(page, width)
        _shot(page, f"watchlists-{width}.png")

        page.locator(".watch-link", has_text="drones").click()
        page.wait_for_selector("body[data-ready='#/watch/drones']")
        assert page.locator("#watch-total").inner_text().startswith("2 matches, newest first")
        matches = page.locator(".watch-match")
        assert matches.count() == 2
        first = matches.nth(0)
        # the title holds markup: shown as text, never as an element
        assert "<b>&amp;</b>" in first.locator(".story-link").inner_text()
        assert page.locator(".watch-match b").count() == 0 and dialogs == []
        assert "Kirkuk, IQ" in first.inner_text() and "killed 1" in first.inner_text()
        _no_overflow(page, width)
        _shot(page, f"watchlist-{width}.png")

        _open(page, watch_url + f"/#/watch/{LONG}")  # a long name wraps, even unbroken
        assert page.locator(".watch-match").count() == 1
        _no_overflow(page, width)
        _open(page, watch_url + "/#/watch/drones")
        page.locator(".watch-match .story-link").first.click()  # to the story's page
        page.wait_for_selector("#articles")
        assert "Kirkuk" in page.locator("#articles").inner_text()
        _open(page, watch_url + "/#/watch/nope")
        assert page.locator("#view h1").inner_text() == "No such watchlist"
        assert "“nope”" in page.locator(".not-found").inner_text()
    finally:
        context.close()


def _no_overflow(page, width: int) -> None:  # type: ignore[no-untyped-def]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{scroll} px wide at a {width} px viewport"


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    Path(ARTIFACTS).mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
