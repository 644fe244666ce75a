"""HTML publication dates: metadata > visible date line > guess, each with its precision and
basis; never a year-only guess used as a day (the cases of issue 4)."""

from __future__ import annotations

from typing import Any

import pytest
import trafilatura

import khabar.readers.html as html_reader
from khabar.model import QuarantineRecord, RawArticle
from khabar.published import parse_published
from khabar.readers.base import ReadContext
from khabar.readers.html import extract_html, head_meta, page_date, read_html
from khabar.settings import Settings
from tests.helpers import DATA, arabic_html

BODY = "".join(
    f"<p>{s}</p>"
    for s in (
        "قتل شخص وأصيب ثلاثة آخرون في اشتباكات مسلحة اندلعت بين عشيرتين شمال البصرة مساء السبت.",
        "وقالت قيادة شرطة البصرة إن قوة أمنية تدخلت لفض النزاع واعتقلت عددا من المتورطين.",
        "وتشهد المحافظة نزاعات عشائرية متكررة تستخدم فيها أسلحة متوسطة في بعض الأحيان.",
    )
)


def _page(head: str = "", before: str = "", after: str = "", foot: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="ar"><head><meta charset="utf-8"><title>عنوان</title>{head}'
        f"</head><body>{before}<article><h1>عنوان الخبر</h1>{after}{BODY}</article>{foot}"
        "</body></html>"
    )


def _read(html: str) -> RawArticle:
    (item,) = read_html("p.html", html.encode("utf-8"), ReadContext(Settings()))
    assert isinstance(item, RawArticle), item
    return item


def test_case_page_takes_the_visible_date_line_not_a_script_date_or_a_guess() -> None:
    data = (DATA / "cases" / "html_visible_date_vs_guess.html").read_bytes()
    (article,) = read_html("case.html", data, ReadContext(Settings()))
    assert isinstance(article, RawArticle)
    assert article.published == "2024-05-12"
    assert article.published_precision == "day" and article.published_basis == "date line"
    assert article.published_raw == "نشر في 12 مايو 2024"
    assert "مساء السبت" in article.text


@pytest.mark.parametrize(
    ("head", "after", "iso", "precision"),
    [
        ('<meta property="article:published_time" content="2024-05-12T10:00+03:00">', "",
         "2024-05-12T10:00+03:00", "minute"),
        ('<meta property="og:published_time" content="2024-05-12T10:00:30Z">', "",
         "2024-05-12T10:00:30+00:00", "second"),
        ('<meta itemprop="datePublished" content="2024-05-12">', "", "2024-05-12", "day"),
        ('<meta name="date" content="2024-05-12T00:00:00+03:00">', "", "2024-05-12", "day"),
        ('<meta name="pubdate" content="Sun, 12 May 2024 10:00:00 +0300">', "",
         "2024-05-12T10:00:00+03:00", "second"),
        ('<meta name="pubdate" content="1715497200">', "", "2024-05-12T07:00:00+00:00", "second"),
        ('<meta name="DC.date" content="2024-05">', "", "2024-05", "month"),
        ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
         '{"@type": "WebSite", "datePublished": "2019-01-01"}, {"@type": "NewsArticle", '
         '"datePublished": "2024-05-12T10:00+03:00"}]}</script>', "",
         "2024-05-12T10:00+03:00", "minute"),
        ("", '<time datetime="2024-05-12T10:00">12 مايو</time>', "2024-05-12T10:00", "minute"),
    ],
)  # fmt: skip
def test_page_metadata_gives_the_date_at_its_precision_zone_kept(
    head: str, after: str, iso: str, precision: str
) -> None:
    article = _read(_page(head=head, after=after + "<p>نشر في 20 مايو 2024</p>"))
    assert (article.published, article.published_precision) == (iso, precision)
    assert article.published_basis == "metadata" and article.published_raw


def test_metadata_that_cannot_be_read_falls_through_with_a_warning() -> None:
    article = _read(_page(head='<meta property="article:published_time" content="soon">',
                          after="<p>نشر في 12 مايو 2024</p>"))  # fmt: skip
    assert article.published == "2024-05-12" and article.published_basis == "date line"
    assert any("'soon'" in w and "could not be read" in w for w in article.warnings)


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("تاريخ النشر: 12 مايو 2024", "2024-05-12"),
        ("Published: May 12, 2024", "2024-05-12"),
        ("تاریخ انتشار: ۲۲ اردیبهشت ۱۴۰۳", "2024-05-11"),
        ("نشر في: 12/05/2024 - 10:30", "2024-05-12T10:30"),
    ],
)
def test_visible_date_line_after_a_label(line: str, iso: str) -> None:
    article = _read(
        _page(after=f"<div class='meta'><span>الكاتب</span> | <span>{line}</span></div>")
    )
    assert article.published == iso and article.published_basis == "date line"
    assert article.published_precision == ("minute" if "T" in iso else "day")
    assert article.published_raw == line


def test_published_line_beats_updated_line_and_the_top_bar_date() -> None:
    article = _read(_page(
        before="<div class='top-bar'>الأحد 30 يونيو 2024</div>",
        after="<p>آخر تحديث: 14 مايو 2024</p><p>نشر في 12 مايو 2024</p>",
    ))  # fmt: skip
    assert article.published == "2024-05-12"


def test_date_line_after_the_headline_beats_one_above_it() -> None:
    article = _read(_page(before="<div>30 يونيو 2024</div>", after="<div>12 مايو 2024</div>"))
    assert article.published == "2024-05-12"


def test_dates_in_scripts_styles_and_sidebars_are_not_date_lines() -> None:
    article = _read(_page(
        head="<script>var d = '12 مايو 2031';</script><style>/* 1 يناير 2030 */</style>",
        foot="<aside><ul><li>3 يونيو 2029</li></ul></aside><footer>1 يناير 2030</footer>",
    ))  # fmt: skip
    assert article.published is None or not article.published.startswith(("2029", "2030", "2031"))


def test_year_only_guess_is_never_a_day() -> None:
    html = _page(foot="<footer>© 2024 شبكة المثال</footer>")
    article = _read(html)
    assert article.published != "2024-01-01"
    if article.published is not None:  # trafilatura may still guess; then only the year counts
        assert article.published_basis == "guess" and article.published_precision == "year"
    got, _ = page_date(html, guess="2024-01-01")
    assert got is not None
    assert (got.iso, got.precision, got.basis, got.raw) == ("2024", "year", "guess", "2024-01-01")


@pytest.mark.parametrize(
    ("guess", "text", "iso", "precision"),
    [
        ("2024-05-01", "", "2024-05", "month"),
        ("2024-05-17", "", "2024-05-17", "day"),
        ("2024-01-01", "<p>الهجوم وقع في 1 يناير 2024 قرب البلدة وأسفر عن قتيل</p>",
         "2024-01-01", "day"),
        ("2024-01-01", "<p>the attack of 01/01/2024 near the town left one dead</p>",
         "2024-01-01", "day"),
    ],
)  # fmt: skip
def test_guess_keeps_only_the_precision_the_page_supports(
    guess: str, text: str, iso: str, precision: str
) -> None:
    got, _ = page_date(f"<html><body>{text}</body></html>", guess=guess)
    assert got is not None and (got.iso, got.precision, got.basis) == (iso, precision, "guess")


def test_trafilatura_date_is_not_its_extensive_search_guess() -> None:
    fields = extract_html(_page(foot="<footer>© 2024 شبكة المثال</footer>"))
    assert fields["date"] != "2024-01-01"


@pytest.mark.parametrize("html", ["", "<", "<html></html>", "\x00", "<?xml version='1.0'?><a/>"])
def test_page_date_of_broken_markup_is_none(html: str) -> None:
    assert page_date(html) == (None, [])


def test_page_without_text_is_still_quarantined() -> None:
    (item,) = read_html("p.html", b"<html><body><p>x</p></body></html>", ReadContext(Settings()))
    assert isinstance(item, QuarantineRecord) and item.reason == "no_text"


def test_article_metadata_beats_json_ld_which_beats_a_generic_date_meta() -> None:
    head = (
        '<meta name="date" content="2024-06-30T08:00+03:00">'
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2024-05-13T09:00+03:00"}</script>'
    )
    assert _read(_page(head=head)).published == "2024-05-13T09:00+03:00"
    head += '<meta property="article:published_time" content="2024-05-12T10:00+03:00">'
    assert _read(_page(head=head)).published == "2024-05-12T10:00+03:00"


@pytest.mark.parametrize("depth", [300, 1000])
def test_a_page_nested_deeper_than_libxml2_reads_keeps_its_article(depth: int) -> None:
    html = ("<html><head><title>عنوان</title></head><body>" + "<div>" * depth + BODY
            + "</div>" * depth + "</body></html>")  # fmt: skip
    (article,) = read_html("deep.html", html.encode(), ReadContext(Settings()))
    assert isinstance(article, RawArticle)
    assert "عشيرتين شمال البصرة" in article.text and "قيادة شرطة البصرة" in article.text


# --- the container's title and date (issue 8: skip the metadata the container gives) -------


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Record ``with_metadata`` of every trafilatura call the HTML reader makes."""
    calls: list[bool] = []
    real = trafilatura.bare_extraction

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs.get("with_metadata", False))
        return real(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    return calls


def _given(data: bytes, **given: Any) -> RawArticle:
    (item,) = read_html("p.html", data, ReadContext(Settings()),
                        url="https://www.example.com/a", **given)  # fmt: skip
    assert isinstance(item, RawArticle), item
    return item


TITLE = "الجيش العراقي يعلن إحباط هجوم على قاعدة عين الأسد"


def test_given_title_and_day_are_kept_and_no_metadata_is_asked_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _spy(monkeypatch)
    searched: list[str] = []
    monkeypatch.setattr(
        html_reader, "page_date", lambda *a, **k: searched.append("x") or (None, [])
    )
    article = _given(arabic_html(), title="عنوان الحاوية", published=parse_published("2024-05-03"))
    assert calls == [False] and searched == []
    assert article.title == "عنوان الحاوية"
    assert (article.published, article.published_precision) == ("2024-05-03", "day")
    assert (article.published_basis, article.published_raw) == ("source", "2024-05-03")
    # what the <head> states stays cheap to read: site name and author meta tags
    assert (article.outlet, article.author) == ("موقع الخبر", "أحمد كريم الساعدي")


@pytest.mark.parametrize(
    "given",
    [
        {"title": TITLE},  # no date: the page's date is looked for
        {"published": "2024-05-03"},  # no title: trafilatura's title
        {"title": TITLE, "published": "2024-05"},  # a month is not a day
    ],
)
def test_metadata_is_asked_for_when_the_container_lacks_title_or_day(
    monkeypatch: pytest.MonkeyPatch, given: dict[str, str]
) -> None:
    calls = _spy(monkeypatch)
    published = parse_published(given["published"]) if "published" in given else None
    article = _given(arabic_html(), title=given.get("title"), published=published)
    assert calls == [True]
    assert article.title == TITLE
    if published is not None and published.precision == "day":
        assert (article.published, article.published_basis) == ("2024-05-03", "source")
    else:  # the page's own date: alone, or within the container's month and more precise
        assert (article.published, article.published_basis) == (
            "2024-05-02T09:30:00+03:00", "metadata")  # fmt: skip


def test_a_coarse_container_date_the_page_does_not_refine_stays() -> None:
    article = _given(arabic_html(), title=TITLE, published=parse_published("2023-11"))
    assert (article.published, article.published_precision) == ("2023-11", "month")
    assert article.published_basis == "source"


@pytest.mark.parametrize("title", [TITLE, "عنوان آخر لا يظهر في الصفحة"])
def test_text_is_the_same_with_or_without_the_page_metadata(title: str) -> None:
    page = _given(arabic_html())
    given = _given(arabic_html(), title=title, published=parse_published("2024-05-02"))
    assert given.text == page.text and given.text.startswith("أعلنت قيادة العمليات")
    case = (DATA / "cases" / "html_visible_date_vs_guess.html").read_bytes()
    page = _given(case)
    given = _given(case, title=page.title, published=parse_published("2024-05-12"))
    assert given.text == page.text


def test_head_meta_falls_back_to_the_host_and_skips_a_link_author() -> None:
    got = head_meta('<head><meta name="author" content="https://x.org/me"></head>',
                    "https://www.example.com/a")  # fmt: skip
    assert (got["sitename"], got["author"]) == ("example.com", None)
