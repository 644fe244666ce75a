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
from playwright.sync_api import Browser, Locator, Page, expect

from khabar.api import create_app
from khabar.pipeline import ingest
from khabar.settings import Settings, load_settings
from khabar.store import open_store
from tests.conftest import REFERENCE_DATE

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HOSTILE = "<img src=x onerror=alert(1)>"
SPOOF = "Speicher photo_\u202egnp.exe"  # shows as "photo_exe.png" if the override applies
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# One rocket attack told by seven outlets (so the side-by-side table groups them): Reuters, AP,
# BBC and Alsumaria agree on every field (3 killed), Al Jazeera and Shafaq say 5 killed, and
# Kurdistan24 alone says 2 killed and 4 wounded.
ASAD = [
    ("Reuters", "en", "2024-03-11T08:00", "Three Iraqi soldiers were killed when rockets struck the "
     "Ain al-Asad air base in Anbar province on Sunday 10 March 2024, security officials told "
     "reporters on Monday."),
    ("AP", "en", "2024-03-11T09:30", "A rocket barrage hit Ain al-Asad air base in Anbar on Sunday "
     "10 March 2024, killing three soldiers, an army spokesman said, adding that the launch site "
     "was found near the river."),
    ("BBC", "en", "2024-03-11T10:15", "Militants fired rockets at Ain al-Asad air base in Anbar "
     "province on 10 March 2024; three Iraqi troops were killed, according to the defence "
     "ministry, which blamed an armed faction."),
    ("Al Jazeera English", "en", "2024-03-10T22:00", "At least five soldiers were killed in a "
     "rocket attack on Ain al-Asad air base in Anbar province on Sunday 10 March 2024, a local "
     "police source said, contradicting official figures."),
    ("Shafaq News", "en", "2024-03-12T07:45", "Rockets hit Ain al-Asad air base in Anbar on 10 "
     "March 2024 and five soldiers were killed, tribal leaders in the province said on Tuesday, "
     "calling for an inquiry into the attack."),
    ("Kurdistan24", "en", "2024-03-11T13:20", "Two soldiers were killed and four wounded after "
     "rockets landed inside Ain al-Asad air base in Anbar on Sunday 10 March 2024, a source in the "
     "Joint Operations Command told Kurdistan24."),
    ("Alsumaria", "ar", "2024-03-11T11:00", "قتل ثلاثة جنود عراقيين في هجوم صاروخي استهدف قاعدة "
     "عين الأسد الجوية في محافظة الأنبار يوم الأحد 10 مارس 2024 بحسب مصادر أمنية."),
]


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
    many = folder / "asad.jsonl"
    many.write_text("\n".join(json.dumps({
        "url": f"https://news{i}.example/asad", "title": f"Rocket attack on Ain al-Asad ({outlet})",
        "text": body, "published": published, "outlet": outlet, "lang": lang,
    }, ensure_ascii=False) for i, (outlet, lang, published, body) in enumerate(ASAD)), encoding="utf-8")
    # a report with no day anywhere (no date words, no publication or crawl time): its event is
    # listed apart as undated (the samples' one undated event was a search operation, no assault)
    undated = folder / "undated.jsonl"
    undated.write_text(json.dumps({
        "title": "Police post attacked in Kirkuk",
        "text": "Gunmen attacked a police checkpoint in Kirkuk, killing two policemen, security "
                "sources said."}) + "\n", encoding="utf-8")  # fmt: skip
    with open_store(settings) as store:
        ingest([str(seeds), str(hostile), str(many), str(undated)], store)
    return settings


@pytest.fixture(scope="module")
def base_url(ui_settings: Settings) -> Iterator[str]:
    yield from _serve(ui_settings)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(60_000)  # make test runs two busy workers
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    yield page
    context.close()


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready]", timeout=60_000)


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


def test_an_unknown_or_malformed_id_says_no_such_story(page: Page, base_url: str) -> None:
    for where, heading in (("story/999999", "No such story"), ("story/abc", "No such story"),
                           ("doc/nope", "No such article")):  # fmt: skip
        _open(page, f"{base_url}/#/{where}")
        assert page.locator("#view h1").inner_text() == heading
        said = page.locator("#view").inner_text()
        assert ".db" not in said and "khabar " not in said and "Input should" not in said, said
        assert where.split("/")[1] in said
        page.locator("#view .not-found a").click()
        page.wait_for_selector("#stories .story")


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


# --- reports with a crawl time only ----------------------------------------------------------

CRAWLED = [
    ("Rudaw", "2015-07-22T06:10:00Z", "Three soldiers were killed when a car bomb exploded at a "
     "checkpoint in Kirkuk on Sunday 19 July 2015, police officials said."),
    ("Shafaq News", "2015-07-21T18:00:00Z", "A car bomb killed three soldiers at a checkpoint in "
     "Kirkuk on Sunday 19 July 2015, a security source said on Tuesday."),
]


def _served(tmp_path_factory: pytest.TempPathFactory, name: str,
            records: list[dict]) -> Iterator[str]:  # fmt: skip
    """The URL of the UI over a new store of ``records`` (ingested as one JSON-lines file)."""
    folder = tmp_path_factory.mktemp(name)
    settings = load_settings(
        {"database": str(folder / f"{name}.db"), "reference_date": REFERENCE_DATE}, environ={}
    )
    source = folder / f"{name}.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records),
                      encoding="utf-8")  # fmt: skip
    with open_store(settings) as store:
        ingest([str(source)], store)
    yield from _serve(settings)


@pytest.fixture(scope="module")
def crawled_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Two reports of one bombing that carry the time they were crawled, not published."""
    yield from _served(tmp_path_factory, "crawled", [{
        "url": f"https://crawl{i}.example/kirkuk", "title": f"Car bomb in Kirkuk ({outlet})",
        "text": body, "crawled": crawled, "outlet": outlet, "lang": "en",
    } for i, (outlet, crawled, body) in enumerate(CRAWLED)])  # fmt: skip


def test_a_report_with_only_a_crawl_time_shows_its_crawl_day_everywhere(
    page: Page, crawled_url: str
) -> None:
    stories = page.request.get(crawled_url + "/api/stories").json()["items"]
    (story,) = [s for s in stories if s["size"] == 2]
    members = page.request.get(f"{crawled_url}/api/stories/{story['id']}").json()["members"]
    assert sorted(m["crawled"][:10] for m in members) == ["2015-07-21", "2015-07-22"]
    assert all(m["published"] is None for m in members)
    hits = page.request.get(crawled_url + "/api/search?q=Kirkuk").json()["items"]
    assert sorted(h["crawled"][:10] for h in hits) == ["2015-07-21", "2015-07-22"]
    # the story's articles and the side-by-side columns
    _open(page, f"{crawled_url}/#/story/{story['id']}")
    cells = page.locator('#articles td[data-label="published"]').all_inner_texts()
    assert sorted(cells) == ["crawled 2015-07-21", "crawled 2015-07-22"], cells
    heads = page.locator("table.sidebyside .source-date").all_inner_texts()
    assert sorted(heads) == ["crawled 2015-07-21", "crawled 2015-07-22"], heads
    label = page.locator("table.sidebyside td[data-label]").first.get_attribute("data-label") or ""
    assert "crawled 2015-07-2" in label and "unknown" not in label, label
    # the article page
    page.locator("#articles a").first.click()
    page.wait_for_selector("#doc-title")
    meta = page.locator("#view > p.meta").first.inner_text()
    assert "crawled 2015-07-2" in meta and "undated" not in meta, meta
    # search hits
    _open(page, crawled_url + "/#/?q=Kirkuk")
    _settled(page)
    metas = page.locator("#documents .doc-hit .meta").all_inner_texts()
    assert len(metas) == 2 and all("crawled 2015-07-2" in m for m in metas), metas
    # the map's popup
    _map(page, crawled_url)
    page.locator("path.event-marker").first.click()
    content = _popup(page)
    assert "crawled 2015-07-21" in content and "crawled 2015-07-22" in content, content
    assert "published unknown" not in content


# --- the stories page over a collection of more stories than one page holds --------------------

STORIES_DATA = Path(__file__).resolve().parents[1] / "data" / "stories"
STORY_VIEWPORTS = {"desktop": {"width": 1400, "height": 900}, "phone": {"width": 390, "height": 844}}


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


@pytest.fixture(params=sorted(STORY_VIEWPORTS))
def sized(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=STORY_VIEWPORTS[request.param])
    context.set_default_timeout(60_000)  # make test runs two busy workers
    page = context.new_page()
    page.viewport_name = request.param  # type: ignore[attr-defined]
    yield page
    context.close()


def _settled(page: Page) -> None:
    """Wait until the page drawn is the one the hash names (a click changes the hash first)."""
    page.wait_for_function("() => document.body.dataset.ready === (location.hash || '#/')",
                           timeout=60_000)  # fmt: skip


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


def test_a_page_past_the_end_says_so_and_links_the_last_page(page: Page, many_url: str) -> None:
    import httpx

    total = httpx.get(many_url + "/api/stories", params={"limit": 1}).json()["total"]
    last = -(-total // 50)
    _open(page, many_url + "/#/?page=99")
    pager = page.locator("#story-pager")
    assert pager.locator(".pager-range").inner_text() == \
        f"no stories on page 99; the last page is {last}"  # fmt: skip
    assert pager.locator(".pager-next.disabled").count() == 1
    assert pager.locator("a.pager-prev").inner_text() == f"← last page ({last})"
    pager.locator("a.pager-prev").click()
    _settled(page)
    assert f"page={last}" in page.evaluate("location.hash")
    assert page.locator("#story-pager .pager-range").inner_text() == \
        f"stories {50 * (last - 1) + 1}–{total} of {total}"  # fmt: skip
    # the documents' pager too
    _open(page, many_url + "/#/?q=%D8%B9%D8%AF%D9%86&dpage=40")
    _settled(page)
    docs = page.locator("#doc-pager")
    assert docs.locator(".pager-range").inner_text() == "no documents on page 40; the last page is 1"
    assert docs.locator("a.pager-prev").get_attribute("href") == "#/?q=%D8%B9%D8%AF%D9%86"


ONE_PLURAL = re.compile(r"(?<![\d.,])1 (articles|events|contradictions|independent sources|sources"
                        r"|undated events|matches)\b")


def test_a_count_of_one_takes_the_singular(page: Page, many_url: str) -> None:
    _open(page, many_url + "/#/?page=2")
    _settled(page)
    badges = page.locator("#stories .badge").all_inner_texts()
    assert "1 article" in badges and not [b for b in badges if ONE_PLURAL.fullmatch(b)], badges
    stories = page.request.get(many_url + "/api/stories?limit=500").json()["items"]
    single = next(s["id"] for s in stories if s["events"] == 1 and s["size"] == 1)
    detail = page.request.get(f"{many_url}/api/stories/{single}").json()
    assert any(e["independent_sources"] == 1 for e in detail["events"])
    _open(page, f"{many_url}/#/story/{single}")
    body = "\n".join(page.locator("#view .badge").all_inner_texts())
    assert "1 independent source" in body and not ONE_PLURAL.search(body), ONE_PLURAL.search(body)
    _open(page, many_url + "/#/?sort=size")
    _settled(page)
    card = page.locator("#stories .story", has=page.locator(".badge", has_text=re.compile("^1 event$")))
    assert card.count() >= 1


_ONE_LINE = """(sel) => [...document.querySelectorAll(sel)].map((e) => [e.textContent,
    e.getClientRects().length, getComputedStyle(e).whiteSpace])"""


def test_iso_days_never_break_at_their_hyphens_on_a_phone(browser: Browser, many_url: str) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    context.set_default_timeout(60_000)  # make test runs two busy workers
    page = context.new_page()
    try:
        for where in ("/#/?sort=size", "/#/story/1"):
            _open(page, many_url + where)
            _settled(page)
            days = page.evaluate(_ONE_LINE, "#view .days .iso-day, #view .story .iso-day")
            assert days, where
            for text, lines, white_space in days:
                assert re.fullmatch(r"\d{4}-\d\d-\d\d.*", text) and lines == 1, (text, lines)
                assert white_space == "nowrap", (text, white_space)
            _no_sideways_overflow(page)
        _shot(page, "stories-days-390x844.png")
    finally:
        context.close()


def page_days(page: Page, url: str, ids: list[int]) -> list[str]:
    """The last event day of each story of ``ids`` (the API's; "" for none), in that order."""
    rows = page.request.get(url + "/api/stories?limit=500").json()["items"]
    day = {r["id"]: r.get("last_day") or "" for r in rows}
    return [day[i] for i in ids]


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
    # each sort its own key: the default by last event day (ties: sizes may agree with it, as
    # when the four Aden reports are one story, both the largest and the latest)
    days = page_days(sized, many_url, default)
    assert days == sorted(days, reverse=True)
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


# --- the analyst's day: timeline by day, background and undated events, popups with sources,
# --- side-by-side sources grouped, no page wider than a phone ------------------------------------

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = [pytest.param(DESKTOP, id="1400x900"), pytest.param(PHONE, id="390x844")]


def _no_sideways_overflow(page: Page) -> None:
    """The page is no wider than the screen. On a phone (is_mobile) the browser widens its layout
    viewport, and window.innerWidth with it, to fit a page that is too wide, so the page is held
    to the width of the screen set for the context, not to innerWidth alone."""
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    screen = page.viewport_size["width"] if page.viewport_size else inner
    assert width <= min(inner, screen), f"the page is {width} px wide on a {screen} px screen"


def _map(page: Page, base_url: str) -> None:
    _open(page, base_url + "/#/map")
    page.wait_for_selector("#map-count[data-count]")


def _bar_centre(page: Page, selector: str) -> tuple[float, float]:
    """The middle of a timeline bar's column (its x), halfway down the timeline (its y)."""
    bar = page.locator(f"#timeline {selector}").bounding_box()
    line = page.locator("#timeline").bounding_box()
    assert bar and line, selector
    return bar["x"] + bar["width"] / 2, line["y"] + line["height"] / 3


def _tap_or_click(page: Page, x: float, y: float) -> None:
    if page.context.browser and page.viewport_size and page.viewport_size["width"] < 500:
        page.touchscreen.tap(x, y)
    else:
        page.mouse.click(x, y)


def _rows(page: Page) -> list[str]:
    return page.locator("#event-list .event-row").all_inner_texts()


@pytest.mark.parametrize("screen", VIEWPORTS, indirect=True)
def test_the_timeline_zooms_from_months_to_days_and_one_day_is_chosen(
    screen: Page, base_url: str
) -> None:
    page = screen
    _map(page, base_url)
    timeline = page.locator("#timeline")
    # the whole span (2020-2024) is too long for days: bars are months
    assert timeline.get_attribute("data-level") in ("month", "year")
    assert timeline.get_attribute("data-from") == "2020-03-01"
    # a click (a tap on the phone) on April 2024 zooms into it: bars are days
    _tap_or_click(page, *_bar_centre(page, 'rect.bar[data-start^="2024-04"]'))
    page.wait_for_selector('#timeline[data-level="day"]')
    assert timeline.get_attribute("data-from") == "2024-04-01"
    assert timeline.get_attribute("data-to") == "2024-04-30"
    assert page.locator('#timeline rect.bar[data-start="2024-04-21"]').get_attribute("data-count") == "3"
    # a click (tap) on one day chooses it
    _tap_or_click(page, *_bar_centre(page, 'rect.bar[data-start="2024-04-21"]'))
    assert page.input_value("#from") == "2024-04-21" == page.input_value("#to")
    rows = _rows(page)
    assert len(rows) == 3 and all(" 2024-04-21 " in r for r in rows), rows
    assert page.locator("#timeline rect.selection").count() == 1
    assert page.locator("#timeline rect.bar.out").count() >= 2
    _no_sideways_overflow(page)
    _shot(page, f"map-day-{page.size}.png")  # type: ignore[attr-defined]


def test_the_wheel_and_the_buttons_zoom_the_timeline(page: Page, base_url: str) -> None:
    page.set_viewport_size(DESKTOP)
    _map(page, base_url)
    timeline = page.locator("#timeline")
    start = (timeline.get_attribute("data-from"), timeline.get_attribute("data-to"))
    box = timeline.bounding_box()
    assert box
    page.mouse.move(box["x"] + box["width"] * 0.95, box["y"] + 40)  # near the April 2024 end
    for _ in range(6):
        page.mouse.wheel(0, -120)
    assert timeline.get_attribute("data-level") == "day"
    zoomed = (timeline.get_attribute("data-from"), timeline.get_attribute("data-to"))
    assert zoomed[0] > start[0] and zoomed[1] <= start[1] and zoomed[1] >= "2024-03"
    page.click("#tl-all")
    assert (timeline.get_attribute("data-from"), timeline.get_attribute("data-to")) == start
    for _ in range(5):
        page.click("#tl-in")
    assert timeline.get_attribute("data-level") == "day"
    page.click("#tl-left")
    assert timeline.get_attribute("data-from") < zoomed[0]
    # the keyboard: - zooms out, an arrow moves the window
    page.click("#tl-all")
    timeline.focus()
    page.keyboard.press("+")
    page.keyboard.press("+")
    narrowed = timeline.get_attribute("data-from")
    assert narrowed and narrowed > start[0]
    page.keyboard.press("ArrowLeft")
    assert (timeline.get_attribute("data-from") or "") < narrowed
    page.keyboard.press("-")
    page.keyboard.press("-")
    assert timeline.get_attribute("data-from") == start[0]


def test_a_mouse_drag_across_the_timeline_chooses_the_days_it_covers(
    page: Page, base_url: str
) -> None:
    page.set_viewport_size(DESKTOP)
    _map(page, base_url)
    page.mouse.click(*_bar_centre(page, 'rect.bar[data-start^="2024-04"]'))
    page.wait_for_selector('#timeline[data-level="day"]')
    x0, y = _bar_centre(page, 'rect.bar[data-start="2024-04-20"]')
    x1, _ = _bar_centre(page, 'rect.bar[data-start="2024-04-21"]')
    page.mouse.move(x0, y)
    page.mouse.down()
    page.mouse.move((x0 + x1) / 2, y, steps=3)
    page.mouse.move(x1, y, steps=3)
    page.mouse.up()
    assert (page.input_value("#from"), page.input_value("#to")) == ("2024-04-20", "2024-04-21")
    rows = _rows(page)
    assert len(rows) == 4 and all(re.search(r" 2024-04-2[01] ", r) for r in rows), rows


def test_a_click_on_a_narrow_day_bar_chooses_that_day(page: Page, base_url: str) -> None:
    """Bars about 10 px wide (a window of about 120 days): a click in the middle of each bar
    chooses its day, and a drag's highlight starts under the pointer. The timeline's border
    once scaled its drawing (0.98) so that clicks landed a day late away from the middle."""
    page.set_viewport_size(DESKTOP)
    _map(page, base_url)
    page.mouse.click(*_bar_centre(page, 'rect.bar[data-start^="2024-04"]'))
    page.wait_for_selector('#timeline[data-level="day"]')
    page.click("#tl-out")
    page.click("#tl-out")
    timeline = page.locator("#timeline")
    assert timeline.get_attribute("data-level") == "day"
    bars = page.locator("#timeline rect.bar")
    starts = [bars.nth(i).get_attribute("data-start") for i in range(bars.count())]
    assert len(starts) >= 5, starts
    width = bars.first.bounding_box()
    assert width and width["width"] < 12, width  # narrow bars, where an error shows
    for start in starts:
        page.mouse.click(*_bar_centre(page, f'rect.bar[data-start="{start}"]'))
        assert (page.input_value("#from"), page.input_value("#to")) == (start, start)
    # a drag: the highlight is drawn from where the pointer went down
    x0, y = _bar_centre(page, f'rect.bar[data-start="{starts[0]}"]')
    page.mouse.move(x0, y)
    page.mouse.down()
    page.mouse.move(x0 + 60, y, steps=4)
    brush = page.locator("#timeline rect.brush").bounding_box()
    page.mouse.up()
    assert brush and abs(brush["x"] - x0) < 1.5 and abs(brush["x"] + brush["width"] - x0 - 60) < 1.5, brush


def test_the_chosen_days_and_the_timeline_window_stay_in_the_url(page: Page, base_url: str) -> None:
    page.set_viewport_size(DESKTOP)
    timeline = page.locator("#timeline")
    # a link with days: they are chosen and the timeline is zoomed to show them
    _open(page, base_url + "/#/map?since=2024-04-20&until=2024-04-22")
    page.wait_for_selector("#map-count[data-count]")
    assert (page.input_value("#from"), page.input_value("#to")) == ("2024-04-20", "2024-04-22")
    assert timeline.get_attribute("data-level") == "day"
    assert (timeline.get_attribute("data-from") or "") <= "2024-04-20"
    assert (timeline.get_attribute("data-to") or "") >= "2024-04-22"
    assert page.locator("#timeline rect.selection").count() == 1 and len(_rows(page)) == 5
    # a day chosen on the timeline is written into the hash, with the window, and a reload keeps both
    _map(page, base_url)
    page.mouse.click(*_bar_centre(page, 'rect.bar[data-start^="2024-04"]'))
    page.wait_for_selector('#timeline[data-level="day"]')
    page.mouse.click(*_bar_centre(page, 'rect.bar[data-start="2024-04-21"]'))
    hash_ = page.evaluate("location.hash")
    assert hash_ == "#/map?since=2024-04-21&until=2024-04-21&window=2024-04-01..2024-04-30", hash_
    page.reload()
    page.wait_for_selector("#map-count[data-count]")
    assert page.evaluate("document.body.dataset.ready") == hash_
    assert (page.input_value("#from"), page.input_value("#to")) == ("2024-04-21", "2024-04-21")
    assert (timeline.get_attribute("data-from"), timeline.get_attribute("data-to")) == \
        ("2024-04-01", "2024-04-30")  # fmt: skip
    assert page.locator("#timeline rect.selection").count() == 1 and len(_rows(page)) == 3
    page.click("#clear-range")
    page.click("#tl-all")
    assert page.evaluate("location.hash") == "#/map"


def _touch_drag(page: Page, x0: float, x1: float, y: float) -> None:
    """A finger drawn sideways across the timeline, sent as a touch screen sends it (through the
    DevTools protocol, so the browser decides, as it would for a finger, whether the gesture
    scrolls the page: pointer events dispatched from the page would not test touch-action)."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x0, "y": y}]})
        for i in range(1, 9):
            point = {"x": x0 + (x1 - x0) * i / 8, "y": y}
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    finally:
        cdp.detach()


def test_a_touch_drag_across_the_timeline_chooses_the_days_it_covers(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    context.set_default_timeout(60_000)  # make test runs two busy workers
    page = context.new_page()
    try:
        _map(page, base_url)
        page.touchscreen.tap(*_bar_centre(page, 'rect.bar[data-start^="2024-04"]'))
        page.wait_for_selector('#timeline[data-level="day"]')
        x0, y = _bar_centre(page, 'rect.bar[data-start="2024-04-20"]')
        x1, _ = _bar_centre(page, 'rect.bar[data-start="2024-04-22"]')
        kinds = page.locator("#timeline").evaluate(
            """svg => { const seen = svg.seen = [];
                for (const t of ["pointerdown", "pointermove", "pointerup", "pointercancel"])
                    svg.addEventListener(t, (e) => seen.push(`${t}:${e.pointerType}`)); }""")
        _touch_drag(page, x0, x1, y)
        kinds = page.locator("#timeline").evaluate("svg => svg.seen")
        assert "pointermove:touch" in kinds and "pointercancel:touch" not in kinds, kinds
        assert (page.input_value("#from"), page.input_value("#to")) == ("2024-04-20", "2024-04-22")
        rows = _rows(page)
        assert len(rows) == 5 and all(re.search(r" 2024-04-2[012] ", r) for r in rows), rows
        # a touch that does not move is a tap: it chooses one day
        _touch_drag(page, x1, x1, y)
        assert (page.input_value("#from"), page.input_value("#to")) == ("2024-04-22", "2024-04-22")
        _no_sideways_overflow(page)
        _shot(page, "map-touch-drag-390x844.png")
    finally:
        context.close()


@pytest.mark.parametrize("screen", VIEWPORTS, indirect=True)
def test_background_events_are_hidden_unless_asked_for_and_undated_ones_listed_apart(
    screen: Page, base_url: str
) -> None:
    page = screen
    _map(page, base_url)
    ids = lambda: [r.split()[0] for r in _rows(page)]  # noqa: E731
    hidden = ids()
    # 3.1 (the strike of 2020-01-03 a 2020 report recalls) is a background event
    assert "3.1" not in hidden and not page.locator("#event-list .badge", has_text="background").count()
    assert page.locator("#timeline").get_attribute("data-from") == "2020-03-01"
    undated = page.locator("#undated-count")
    assert re.fullmatch(r"\d+ undated events?", undated.inner_text())
    n_undated = int(undated.get_attribute("data-count") or -1)
    assert n_undated >= 1 and page.locator("#undated .undated-row").count() == n_undated
    assert all(" undated " in r for r in page.locator("#undated .undated-row").all_inner_texts())
    before = int(page.get_attribute("#map-count", "data-count") or 0)
    page.check("#show-background")
    shown = ids()
    assert "3.1" in shown and set(hidden) < set(shown)
    assert page.locator("#event-list .badge", has_text="background").count() == len(shown) - len(hidden)
    assert int(page.get_attribute("#map-count", "data-count") or 0) > before
    assert page.locator("#timeline").get_attribute("data-from") == "2020-01-01"  # now from 2020-01-03
    assert int(undated.get_attribute("data-count") or -1) > n_undated  # 1.9 is undated background
    _no_sideways_overflow(page)
    _shot(page, f"map-background-{page.size}.png")  # type: ignore[attr-defined]
    page.uncheck("#show-background")
    assert ids() == hidden


def _inside(page: Page, selector: str) -> bool:
    """Whether every element matching ``selector`` is drawn inside the map's box."""
    return bool(page.evaluate(
        """(sel) => { const m = document.getElementById("map").getBoundingClientRect();
            const all = [...document.querySelectorAll(sel)];
            return all.length > 0 && all.every((e) => { const r = e.getBoundingClientRect();
                const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
                return x >= m.left && x <= m.right && y >= m.top && y <= m.bottom; }); }""",
        selector,
    ))  # fmt: skip


@pytest.mark.parametrize("screen", VIEWPORTS, indirect=True)
def test_the_map_fits_the_events_and_popups_list_their_sources(screen: Page, base_url: str) -> None:
    page = screen
    _map(page, base_url)
    # every event shown (in the United States too) is in view, clustered or not
    assert _inside(page, "#map .marker-cluster, #map path.event-marker")
    page.fill("#from", "2024-03-10")
    page.fill("#to", "2024-03-10")
    page.dispatch_event("#to", "change")
    assert page.get_attribute("#map-count", "data-count") == "1"
    assert _inside(page, "#map path.event-marker")
    page.locator("path.event-marker").first.click()
    content = _popup(page)
    popup = page.locator(".leaflet-popup-content")
    assert "7 sources" in content and "killed: 3" in content and "injured: 4" in content, content
    links = popup.locator("a.popup-source")
    assert links.count() == 7
    assert {"Reuters", "AP", "BBC", "Alsumaria", "Kurdistan24", "Shafaq News",
            "Al Jazeera English"} == set(links.all_inner_texts())  # fmt: skip
    assert "published 2024-03-11" in content
    _no_sideways_overflow(page)
    _shot(page, f"map-popup-{page.size}.png")  # type: ignore[attr-defined]
    # The link is followed by address, not by a click: in CI a click on the popup was once lost
    # (the page stayed on the map for 60 s), and what the link does is the browser's, what it
    # points at is ours.
    href = popup.locator("a.popup-source", has_text="Kurdistan24").get_attribute("href")
    assert href and href.startswith("#/doc/"), href
    _open(page, f"{base_url}/{href}")
    page.wait_for_selector("#doc-title")
    assert "Kurdistan24" in page.locator("#doc-title").inner_text()
    # no report gives a death toll for the event of 2023-12-02, one says nobody was wounded
    _map(page, base_url)
    page.fill("#from", "2023-12-02")
    page.fill("#to", "2023-12-02")
    page.dispatch_event("#to", "change")
    page.locator("path.event-marker").first.click()
    content = _popup(page)
    assert "killed: unknown · injured: 0" in content, content
    assert "1 source:" in content and page.locator(".leaflet-popup-content a.popup-source").count() == 1
    assert "outlet unknown" in content and "published unknown" in content  # the sample has neither
    # none of the three events of 2024-04-21 has a toll: each popup says so for both counts
    page.fill("#from", "2024-04-21")
    page.fill("#to", "2024-04-21")
    page.dispatch_event("#to", "change")
    assert page.get_attribute("#map-count", "data-count") == "3"
    assert _inside(page, "#map .marker-cluster, #map path.event-marker")
    marker = page.locator("path.event-marker").first
    marker.click()
    content = _popup(page)
    assert "killed: unknown · injured: unknown" in content, content


def _popup(page: Page) -> str:
    """The text of the open popup, once the one it replaced has faded out."""
    expect(page.locator(".leaflet-popup-content")).to_have_count(1)
    return page.locator(".leaflet-popup-content").inner_text()


def _asad_story(page: Page, base_url: str) -> int:
    found = page.request.get(base_url + "/api/events?since=2024-03-10&until=2024-03-10").json()
    (event,) = found["items"]
    return int(event["story_id"])


@pytest.mark.parametrize("screen", VIEWPORTS, indirect=True)
def test_side_by_side_labels_columns_groups_agreeing_sources_and_dates_are_iso(
    screen: Page, base_url: str
) -> None:
    page = screen
    story = _asad_story(page, base_url)
    _open(page, f"{base_url}/#/story/{story}")
    table = page.locator("table.sidebyside").first
    assert table.get_attribute("data-sources") == "7"
    assert table.get_attribute("data-columns") == "3"  # the sources agreeing on every field
    heads = table.locator("thead th.source-col")
    assert heads.count() == 3
    first, second, third = (heads.nth(i) for i in range(3))
    assert first.locator(".group-label").inner_text() == "4 sources: Reuters, AP, BBC, Alsumaria"
    assert first.locator("a.source-outlet").count() == 4
    assert first.locator(".source-lang").all_inner_texts() == ["en", "en", "en", "ar"]
    assert first.locator(".source-date").first.inner_text() == "2024-03-11"
    assert second.locator(".group-label").inner_text() == "2 sources: Al Jazeera English, Shafaq News"
    assert third.get_attribute("data-sources") == "1"
    assert third.locator("a.source-outlet").inner_text() == "Kurdistan24"
    assert third.locator(".source-lang").inner_text() == "en"
    assert third.locator(".source-date").inner_text() == "2024-03-11"
    killed = table.locator('tr[data-field="killed"] td')
    assert [killed.nth(i).locator(".value").inner_text() for i in range(3)] == ["3", "5", "2"]
    injured = table.locator('tr[data-field="injured"] td')
    assert [injured.nth(i).inner_text().strip() for i in range(2)] == ["unknown", "unknown"]
    # the day as ISO beside the words of the report
    date = table.locator('tr[data-field="date"] td').first
    assert date.locator(".iso-day").inner_text() == "2024-03-10"
    assert "10 March 2024" in date.locator(".words").inner_text()
    _no_sideways_overflow(page)
    box, main = table.bounding_box(), page.locator("main").bounding_box()
    assert box and main and box["x"] + box["width"] <= main["x"] + main["width"] + 1
    if page.viewport_size and page.viewport_size["width"] < 500:  # stacked, each cell labelled
        label = killed.nth(2).evaluate("e => getComputedStyle(e, '::before').content")
        assert "Kurdistan24" in label and "2024-03-11" in label, label
        assert killed.nth(0).evaluate("e => getComputedStyle(e).display") == "block"
    table.scroll_into_view_if_needed()
    _shot(page, f"story-side-by-side-{page.size}.png")  # type: ignore[attr-defined]


def test_side_by_side_keeps_one_column_a_source_when_there_are_few(
    page: Page, base_url: str
) -> None:
    _open(page, base_url + "/#/story/1")
    table = page.locator("table.sidebyside", has=page.locator("th.source-col >> nth=2")).first
    heads = table.locator("thead th.source-col")
    assert heads.count() == 3 and table.locator(".group-label").count() == 0
    for i in range(3):
        assert heads.nth(i).locator(".source-lang").inner_text() in ("ar", "fa", "en")
        assert re.fullmatch(r"\d{4}-\d\d-\d\d|unknown", heads.nth(i).locator(".source-date").inner_text())


def stories_and_first_article_fit(page: Page, base_url: str, stories: list[int],
                                  prefix: str = "") -> None:  # fmt: skip
    """Each story page, then the last one's first article, is no wider than the screen
    (screenshots ``{prefix}story-`` and ``{prefix}article-`` with the page's size)."""
    for story in stories:
        _open(page, f"{base_url}/#/story/{story}")
        _no_sideways_overflow(page)
    _shot(page, f"{prefix}story-{page.size}.png")  # type: ignore[attr-defined]
    page.locator("#articles a").first.click()
    page.wait_for_selector("#doc-title")
    _no_sideways_overflow(page)
    _shot(page, f"{prefix}article-{page.size}.png")  # type: ignore[attr-defined]


@pytest.mark.parametrize("screen", VIEWPORTS, indirect=True)
def test_story_article_and_map_pages_are_no_wider_than_the_screen(
    screen: Page, base_url: str
) -> None:
    page = screen
    stories_and_first_article_fit(page, base_url, [1, _asad_story(page, base_url)])
    for hostile in ("Speicher", "التاجي"):  # the long hostile titles and the bidi controls
        doc = page.request.get(base_url + "/api/search?q=" + hostile).json()["items"][0]["id"]
        _open(page, f"{base_url}/#/doc/{doc}")
        _no_sideways_overflow(page)
    _map(page, base_url)
    _no_sideways_overflow(page)
    _shot(page, f"map-{page.size}.png")  # type: ignore[attr-defined]


_THIRTEEN = """() => {
    const outlets = ["Agence France-Presse (Arabic service)", "Reuters", "Associated Press",
        "Al Jazeera English", "Al Arabiya", "Asharq Al-Awsat", "Rudaw Media Network", "Kurdistan24",
        "Shafaq News", "Islamic Republic News Agency", "Tasnim News Agency", "Alsumaria", "BBC Persian"];
    const langs = ["ar", "en", "en", "en", "ar", "ar", "en", "en", "ar", "fa", "fa", "ar", "fa"];
    const members = outlets.map((outlet, i) => ({ id: `doc${i}`, outlet, lang: langs[i],
        published: `2024-03-1${i % 3}T08:00`, title: outlet, reasons: [] }));
    const source = (i) => ({ doc_id: `doc${i}`, outlet: outlets[i], lang: langs[i], published: null });
    const every = members.map((_, i) => source(i));
    const event = { id: "9.1", story_id: 9, documents: members.map((m) => m.id),
        chosen: { date: { value: "2024-03-10", rule: "only value" },
                  killed: { value: 3, rule: "most independent sources" } },
        fields: { date: [{ value: "2024-03-10", label: "يوم الأحد العاشر من آذار/مارس 2024", sources: every }],
                  location: [{ value: "IQ-S-ASAD", label: "Ain al-Asad Air Base", sources: every }],
                  killed: members.map((_, i) => ({ value: i + 1, label: String(i + 1), sources: [source(i)] })) } };
    const table = sideBySide(event, members);
    document.getElementById("view").append(table);
    return table.dataset.columns;
}"""


@pytest.mark.parametrize("screen", VIEWPORTS, indirect=True)
def test_thirteen_sources_that_all_differ_still_fit_the_screen(screen: Page, base_url: str) -> None:
    """The worst case for the table: 13 sources, each with its own toll, so none group."""
    page = screen
    _open(page, base_url + "/#/story/1")
    assert page.evaluate(_THIRTEEN) == "13"
    table = page.locator("table.sidebyside").last
    assert table.locator("thead th.source-col").count() == 13
    _no_sideways_overflow(page)
    box = table.bounding_box()
    assert box and box["x"] + box["width"] <= page.evaluate("window.innerWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    table.screenshot(path=str(ARTIFACTS / f"story-thirteen-sources-{page.size}.png"))  # type: ignore[attr-defined]


# SaudiNewsNet 2015-07-21 (CC BY-NC-SA 4.0), as in tests/fuse: a football club's training a
# CAMEO verb alone typed ASSAULT (weak), and an air raid its event words show
_WEAK_TRAINING = ("أطلق النصر بطل النسختين الأخيرتين في دوري عبداللطيف جميل للمحترفين "
                  "استعداداته مساء أمس للنسخة الجديدة 2015-2016 تحت قيادة مدربه الأورغوياني "
                  "خورخي داسيلفا.")
_GAZA_RAID = ("سبق- وكالات: شنّت طائرات حربية إسرائيلية، فجر الخميس، غارتين على موقعين تابعين "
              "لحركة حماس في شمال قطاع غزة ووسطه، دون أن تسجل إصابات؛ وفق مصادر أمنية وشهود "
              "عيان فلسطينيين.")


@pytest.fixture(scope="module")
def weak_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _served(tmp_path_factory, "weak", [
        {"url": "https://one.example/nassr", "title": "", "outlet": "one",
         "published": "2015-07-20", "text": _WEAK_TRAINING},
        {"url": "https://two.example/gaza", "title": "", "outlet": "two",
         "published": "2015-07-16", "text": _GAZA_RAID},
    ])  # fmt: skip


def test_weak_events_are_hidden_on_the_map_unless_asked_for_and_badged(
    page: Page, weak_url: str
) -> None:
    _map(page, weak_url)
    hidden = _rows(page)
    assert len(hidden) == 1 and not page.locator("#event-list .badge", has_text="weak").count()
    page.check("#show-weak")
    shown = _rows(page)
    assert len(shown) == 2 and page.locator("#event-list .badge", has_text="weak").count() == 1
    assert "weak=1" in page.evaluate("location.hash")
    page.uncheck("#show-weak")
    assert _rows(page) == hidden
