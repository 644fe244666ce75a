"""The web UI in headless Debian Chromium (playwright), served by the real app over a real
store holding the samples and one hostile article. Screenshots go to test-artifacts/."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Locator, Page, sync_playwright

from khabar.api import create_app
from khabar.pipeline import ingest
from khabar.settings import Settings, load_settings
from khabar.store import open_store
from tests.conftest import REFERENCE_DATE

CHROMIUM = "/usr/bin/chromium"  # Debian's package, installed by `make test`
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HOSTILE = "<img src=x onerror=alert(1)>"
SPOOF = "Speicher photo_\u202egnp.exe"  # shows as "photo_exe.png" if the override applies
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _serve(settings: Settings) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                                           log_level="warning"))  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def ui_settings(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> Settings:
    folder = tmp_path_factory.mktemp("ui")
    settings = load_settings(
        {"database": str(folder / "ui.db"), "reference_date": REFERENCE_DATE}, environ={}
    )
    hostile = folder / "hostile.jsonl"
    hostile.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in (
        {"title": HOSTILE, "text": (
            "<script>alert(2)</script> قتل ثلاثة جنود عراقيين في هجوم صاروخي على معسكر التاجي "
            "شمال بغداد يوم الأحد 5 مايو 2024 بحسب مصادر أمنية عراقية.")},
        {"title": SPOOF, "text": (
            "Two soldiers were killed in a rocket attack on Camp Speicher near Tikrit on Monday "
            "6 May 2024, security sources said. See \u2067the file\u202ecod.exe for details.")},
    )), encoding="utf-8")  # fmt: skip
    with open_store(settings) as store:
        ingest([str(seeds), str(hostile)], store)
    return settings


@pytest.fixture(scope="module")
def base_url(ui_settings: Settings) -> Iterator[str]:
    yield from _serve(ui_settings)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-gpu"])  # fmt: skip
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    yield page
    context.close()


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready]", timeout=15_000)


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_story_page_shows_articles_events_and_the_contradiction_panel(
    page: Page, base_url: str
) -> None:
    _open(page, base_url + "/#/")
    assert page.locator(".story").count() >= 3
    _shot(page, "stories.png")
    page.locator(".story-link", has_text="Story 1").click()
    page.wait_for_selector("#contradictions .contradiction")
    panel = page.locator("#contradictions")
    assert panel.locator(".contradiction").count() >= 4
    assert "Kharab al-Jir" in panel.inner_text()
    # each says why its sides speak of one event
    assert panel.locator(".why").count() == panel.locator(".contradiction").count()
    assert page.locator("#articles tbody tr").count() == 3
    assert page.locator("table.sidebyside").count() >= 1
    # Persian and Arabic titles run right to left, set per element
    title = page.locator("[lang=fa]").first
    assert title.evaluate("e => getComputedStyle(e).direction") == "rtl"
    _shot(page, "story.png")
    # a quote links to its exact sentence in the article
    page.locator("#contradictions a.source-link").first.click()
    page.wait_for_selector("mark.target")
    assert page.locator("mark.target").first.inner_text().strip()
    # dates, places, actors and claims are marked in the text
    for kind in ("date", "place", "actor", "claim"):
        assert page.locator(f"article mark.{kind}").count() >= 1, kind
    _shot(page, "article.png")


def test_map_filters_by_date_range(page: Page, base_url: str) -> None:
    _open(page, base_url + "/#/map")
    page.wait_for_selector("#map-count[data-count]")
    before = int(page.get_attribute("#map-count", "data-count") or 0)
    assert before >= 5 and page.locator("#timeline rect.bar").count() >= 5
    assert page.locator(".leaflet-overlay-pane path").count() > 50  # vendored country borders
    _shot(page, "map.png")
    page.fill("#from", "2024-04-20")
    page.fill("#to", "2024-04-21")
    page.dispatch_event("#to", "change")
    after = int(page.get_attribute("#map-count", "data-count") or 0)
    assert 0 < after < before
    assert page.locator("#timeline rect.bar.out").count() >= 1
    rows = page.locator(".event-row").all_inner_texts()
    assert rows and all("2024-04-2" in r for r in rows)


def test_a_hostile_title_renders_as_text(page: Page, base_url: str) -> None:
    _open(page, base_url + "/#/")
    page.fill("input[name=q]", "التاجي")
    page.locator("#story-filters button").click()
    page.wait_for_selector(f'.story .title:text("{HOSTILE}")')
    assert page.locator(".story img").count() == 0
    page.locator(".story-link").first.click()
    page.wait_for_selector("#articles")
    page.locator("#articles a", has_text=HOSTILE).click()
    page.wait_for_selector("#doc-title")
    assert page.locator("#doc-title").inner_text() == HOSTILE
    assert page.locator("article img, #doc-title img, script:not([src])").count() == 0
    page.click("#toggle-removed")
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_an_unknown_toll_is_said_unknown_not_zero(page: Page, base_url: str) -> None:
    _open(page, base_url + "/#/map")
    page.wait_for_selector("#map-count[data-count]")
    rows = page.locator(".event-row").all_inner_texts()
    assert rows and any("killed: unknown" in r for r in rows)
    assert any(re.search(r"killed: [1-9]", r) for r in rows)
    assert not any("killed 0" in r for r in rows)
    unknown = {"id": "9.1", "story_id": 9, "acled_subtype": "Air/drone strike",
               "chosen": {"date": {"value": "2024-04-21"}}}  # fmt: skip
    popup = page.evaluate("e => eventPopup(e, {label: 'Baghdad'}).textContent", unknown)
    assert "killed: unknown" in popup and "killed 0" not in popup and "killed: 0" not in popup
    style = page.evaluate("e => markerStyle(e)", unknown)
    assert style["radius"] == 6 and style["dashArray"]
    known = unknown | {"chosen": {"date": {"value": "2024-04-21"}, "killed": {"value": 4}}}
    assert "killed: 4" in page.evaluate("e => eventPopup(e, {label: 'X'}).textContent", known)
    assert page.evaluate("e => markerStyle(e)", known)["radius"] > 6
    # the popup of a marker on the map: the only event of 2023-12-02 has no reported toll
    page.fill("#from", "2023-12-02")
    page.fill("#to", "2023-12-02")
    page.dispatch_event("#to", "change")
    assert page.get_attribute("#map-count", "data-count") == "1"
    page.locator("path.event-marker").first.click()
    content = page.locator(".leaflet-popup-content").inner_text()
    assert "killed: unknown" in content and "killed 0" not in content
    _shot(page, "map-unknown-toll.png")


_IN_ORDER = """(root, word) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(word);
        if (at < 0) continue;
        const box = (i) => { const r = document.createRange(); r.setStart(node, i);
                             r.setEnd(node, i + 1); return r.getBoundingClientRect(); };
        return box(at).left < box(at + word.length - 1).left;
    }
    throw new Error("not found: " + word);
}"""


def _in_order(root: Locator, word: str) -> bool:
    """Whether the first and last letters of ``word`` inside ``root`` are drawn left to right
    (not reversed by a bidi override)."""
    return bool(root.evaluate(_IN_ORDER, word))


def test_bidi_controls_in_titles_and_text_are_shown_not_obeyed(page: Page, base_url: str) -> None:
    _open(page, base_url + "/#/")
    page.fill("input[name=q]", "Speicher")
    page.locator("#story-filters button").click()
    title = page.locator(".story .title", has_text="Speicher").first
    title.wait_for()
    assert _in_order(title, "gnp.exe")  # drawn as written, not as "exe.png"
    shown = title.inner_text()
    assert not BIDI.search(shown) and "RLO" in shown, repr(shown)
    assert title.locator(".bidi-control").count() == 1
    assert title.evaluate("e => getComputedStyle(e).unicodeBidi") in ("isolate", "plaintext")
    _shot(page, "bidi-title.png")
    page.locator(".story-link").first.click()
    page.wait_for_selector("#articles")
    page.locator("#articles a", has_text="Speicher").click()
    page.wait_for_selector("#doc-title")
    assert _in_order(page.locator("#doc-title"), "gnp.exe")
    assert not BIDI.search(page.locator("#doc-title").inner_text())
    assert _in_order(page.locator("article"), "cod.exe")
    body = page.locator("article").inner_text()
    assert not BIDI.search(body) and "RLI" in body and "RLO" in body, repr(body)
    assert not BIDI.search(page.locator("main").inner_text())
    _shot(page, "bidi-article.png")


@pytest.fixture(scope="module")
def token_url(ui_settings: Settings) -> Iterator[str]:
    yield from _serve(ui_settings.replace(api_token="ui-token-0123456789", api_token_reads=True))


def test_the_ui_asks_for_the_token_when_reads_need_it(page: Page, token_url: str) -> None:
    page.goto(token_url + "/#/")
    page.wait_for_selector("#token-form")
    assert "token" in page.locator("#token-form").inner_text().lower()
    page.fill("#token-form input[name=token]", "wrong")
    page.locator("#token-form button").click()
    page.wait_for_selector("#token-form .error")
    page.fill("#token-form input[name=token]", "ui-token-0123456789")
    page.locator("#token-form button").click()
    page.wait_for_selector(".story")
    assert page.locator(".story").count() >= 3
    page.goto(token_url + "/#/map")  # kept for the tab: no second prompt
    page.wait_for_selector("#map-count[data-count]")
    assert int(page.get_attribute("#map-count", "data-count") or 0) >= 5


# --- the stories page over a collection of more stories than one page holds --------------------

STORIES_DATA = Path(__file__).resolve().parents[1] / "data" / "stories"
VIEWPORTS = {"desktop": {"width": 1400, "height": 900}, "phone": {"width": 390, "height": 844}}


def _filler_articles(n: int) -> str:
    """``n`` short English notes of random common words (seeded): no place, actor or day in
    common, no two alike, so each is a story of its own."""
    import random

    from khabar.resources import word_counts

    counts = word_counts("en")
    words = [w for w in sorted(counts, key=lambda w: -counts[w])[200:3000] if w.isalpha()]
    rng = random.Random(3)
    lines = []
    for i in range(n):
        text = ". ".join(" ".join(rng.sample(words, 12)).capitalize() for _ in range(4)) + "."
        lines.append(json.dumps({"title": f"Note {i}: " + " ".join(rng.sample(words, 5)),
                                 "text": text, "published": f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}"}))  # fmt: skip
    return "\n".join(lines)


@pytest.fixture(scope="module")
def many_url(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> Iterator[str]:
    """The samples, four reports of a drone strike near Aden (Arabic عدن, English Aden, Persian)
    and 60 one-report stories: more than one page of 50."""
    folder = tmp_path_factory.mktemp("many")
    settings = load_settings(
        {"database": str(folder / "many.db"), "reference_date": REFERENCE_DATE}, environ={}
    )
    filler = folder / "notes.jsonl"
    filler.write_text(_filler_articles(60), encoding="utf-8")
    aden = sorted(str(p) for p in STORIES_DATA.glob("14[0-3]_e11.txt"))
    with open_store(settings) as store:
        ingest([str(seeds), *aden, str(filler)], store)
    yield from _serve(settings)


@pytest.fixture(params=sorted(VIEWPORTS))
def sized(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    page = context.new_page()
    page.viewport_name = request.param  # type: ignore[attr-defined]
    yield page
    context.close()


def _settled(page: Page) -> None:
    """Wait until the page drawn is the one the hash names (a click changes the hash first)."""
    page.wait_for_function("() => document.body.dataset.ready === (location.hash || '#/')",
                           timeout=15_000)  # fmt: skip


def _fits(page: Page) -> None:
    """No horizontal overflow (checked at every width; the phone is the one at risk)."""
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width


def _story_ids(page: Page) -> list[int]:
    return [int(t.split()[-1]) for t in page.locator("#stories .story-link").all_inner_texts()]


def test_the_pager_reaches_every_story_once(sized: Page, many_url: str) -> None:
    import httpx

    total = httpx.get(many_url + "/api/stories", params={"limit": 1}).json()["total"]
    assert total > 50  # more than one page
    _open(sized, many_url + "/#/")
    assert sized.locator("#story-pager .pager-range").inner_text() == f"stories 1–50 of {total}"
    assert sized.locator("#story-pager .pager-prev.disabled").count() == 1
    _fits(sized)
    seen = _story_ids(sized)
    sized.locator("#story-pager a.pager-next").click()
    _settled(sized)
    assert "page=2" in sized.evaluate("location.hash")
    assert sized.locator("#story-pager .pager-range").inner_text() == \
        f"stories 51–{total} of {total}"  # fmt: skip
    assert sized.locator("#story-pager .pager-next.disabled").count() == 1
    seen += _story_ids(sized)
    _fits(sized)
    _shot(sized, f"stories-page2-{sized.viewport_name}.png")  # type: ignore[attr-defined]
    assert len(seen) == len(set(seen)) == total
    sized.reload()  # the page is in the URL
    _settled(sized)
    assert _story_ids(sized) == seen[50:]
    sized.locator("#story-pager a.pager-prev").click()
    _settled(sized)
    assert _story_ids(sized) == seen[:50]


def test_the_sort_selector_changes_the_order_and_stays_in_the_url(
    sized: Page, many_url: str
) -> None:
    _open(sized, many_url + "/#/")
    default = _story_ids(sized)
    sized.select_option("#story-sort", "size")
    _settled(sized)
    assert "sort=size" in sized.evaluate("location.hash")
    sizes = [int(t.split()[0]) for t in sized.locator("#stories .badge.size").all_inner_texts()]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] >= 3 > sizes[-1]
    by_size = _story_ids(sized)
    assert by_size != default
    sized.reload()
    _settled(sized)
    assert sized.locator("#story-sort").input_value() == "size" and _story_ids(sized) == by_size
    sized.select_option("#story-sort", "contradictions")
    _settled(sized)
    assert sized.locator("#stories .story").first.locator(".badge.warn").count() == 1
    _fits(sized)
    _shot(sized, f"stories-sorted-{sized.viewport_name}.png")  # type: ignore[attr-defined]


def test_the_place_filter_finds_aden_written_in_arabic(sized: Page, many_url: str) -> None:
    _open(sized, many_url + "/#/")
    sized.fill("input[name=place]", "Aden")
    sized.locator("#story-filters button").click()
    _settled(sized)
    assert "GN-415189" in sized.locator(".resolved").inner_text()
    found = _story_ids(sized)
    assert found
    titles = " ".join(sized.locator("#stories .title").all_inner_texts())
    assert "عدن" in titles  # an Arabic report of the story names it عدن
    _fits(sized)
    _shot(sized, f"stories-place-aden-{sized.viewport_name}.png")  # type: ignore[attr-defined]
    sized.fill("input[name=place]", "عدن")
    sized.locator("#story-filters button").click()
    _settled(sized)
    assert _story_ids(sized) == found
    sized.fill("input[name=place]", "Qwzxqv")
    sized.locator("#story-filters button").click()
    _settled(sized)
    assert _story_ids(sized) == [] and "no such name" in sized.locator(".resolved").inner_text()


def test_search_shows_documents_with_marked_snippets_beside_the_stories(
    sized: Page, many_url: str
) -> None:
    _open(sized, many_url + "/#/")
    sized.fill("input[name=q]", "عدن")
    sized.locator("#story-filters button").click()
    _settled(sized)
    assert _story_ids(sized)
    hits = sized.locator("#documents .doc-hit")
    assert hits.count() >= 2
    marks = sized.locator("#documents .snippet mark.hit").all_inner_texts()
    assert marks and all(m == "عدن" for m in marks)
    assert sized.locator("#doc-pager .pager-range").inner_text().startswith("documents 1–")
    if sized.viewport_name == "desktop":  # type: ignore[attr-defined]
        stories_box = sized.locator("#story-results").bounding_box()
        docs_box = sized.locator("#documents").bounding_box()
        assert stories_box and docs_box and docs_box["x"] > stories_box["x"]  # side by side
    _fits(sized)
    _shot(sized, f"stories-search-{sized.viewport_name}.png")  # type: ignore[attr-defined]
    first_title = hits.first.locator("a.doc-link").inner_text()
    hits.first.locator("a.doc-link").click()
    _settled(sized)
    assert sized.locator("#doc-title").inner_text() == first_title
