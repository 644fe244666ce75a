"""The JSONL reader's dates: ``published`` (string or Unix-time number) read by parse_published,
an unreadable one kept raw with a warning, and the crawl time kept apart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import trafilatura

from khabar.model import QuarantineRecord, RawArticle
from khabar.readers import ReadContext, read_paths
from khabar.settings import Settings
from tests.helpers import arabic_html

TEXT = "قتل ثلاثة أشخاص في هجوم على حاجز أمني قرب المدينة. " * 3


def _read(tmp_path: Path, *records: dict[str, Any]) -> list[RawArticle | QuarantineRecord]:
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"text": TEXT} | r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return list(read_paths([str(path)], ReadContext(Settings())))


def _one(tmp_path: Path, **record: Any) -> RawArticle:
    (item,) = _read(tmp_path, record)
    assert isinstance(item, RawArticle), item
    return item


@pytest.mark.parametrize(
    ("value", "iso", "precision"),
    [
        ("2024-05-12T10:00:00+03:00", "2024-05-12T10:00:00+03:00", "second"),
        ("2024-05-12T10:00+03:00", "2024-05-12T10:00+03:00", "minute"),
        ("2024-05-12", "2024-05-12", "day"),
        ("2024-05", "2024-05", "month"),
        ("2024", "2024", "year"),
        ("Sun, 12 May 2024 10:00:00 +0300", "2024-05-12T10:00:00+03:00", "second"),
        ("1715497200", "2024-05-12T07:00:00+00:00", "second"),
        (1715497200, "2024-05-12T07:00:00+00:00", "second"),
        (1715497200000, "2024-05-12T07:00:00+00:00", "second"),
        (1715497200.5, "2024-05-12T07:00:00+00:00", "second"),
        ("۱۴۰۳/۰۲/۲۳", "2024-05-12", "day"),
        ("23 اردیبهشت 1403 ساعت 10:30", "2024-05-12T10:30", "minute"),
        ("12-03-1445 هـ", "2023-09-27", "day"),
        ("15 تشرين 1 2024", "2024-10-15", "day"),
        ("May 12, 2024", "2024-05-12", "day"),
    ],
)
def test_published_is_read_into_iso_precision_basis_and_raw(
    tmp_path: Path, value: str | int | float, iso: str, precision: str
) -> None:
    article = _one(tmp_path, published=value)
    assert (article.published, article.published_precision) == (iso, precision)
    assert article.published_basis == "source"
    assert article.published_raw == str(value)
    assert article.warnings == []


@pytest.mark.parametrize("value", ["yesterday-ish", "soon", "32/13/2024", "31 اسفند 1402"])
def test_unreadable_published_is_kept_raw_with_a_warning(tmp_path: Path, value: str) -> None:
    article = _one(tmp_path, published=value)
    assert article.published is None and article.published_precision is None
    assert article.published_raw == value
    assert article.warnings == [
        f"published value {value!r} is not a date khabar reads (ISO 8601, RFC 2822, Unix time, "
        "Solar Hijri or Hijri date, month names); stored unparsed, never compared as a date"
    ]


def test_missing_or_empty_published_is_none_without_a_warning(tmp_path: Path) -> None:
    for record in ({}, {"published": ""}, {"published": "   "}, {"published": None}):
        article = _one(tmp_path, **record)
        assert (article.published, article.published_raw, article.warnings) == (None, None, [])


def test_crawl_time_is_read_apart_from_the_publication_date(tmp_path: Path) -> None:
    article = _one(tmp_path, date_extracted="2015-07-21 02:35:54")
    assert article.crawled == "2015-07-21T02:35:54"
    assert article.published is None and article.published_raw is None
    article = _one(tmp_path, crawled=1437445554, published="2015-07-20")
    assert (article.crawled, article.published) == ("2015-07-21T02:25:54+00:00", "2015-07-20")


def test_unreadable_crawl_time_is_ignored_with_a_warning(tmp_path: Path) -> None:
    article = _one(tmp_path, date_extracted="recently")
    assert article.crawled is None and article.published is None
    assert article.warnings == [
        "crawl time 'recently' is not a date khabar reads (ISO 8601, RFC 2822, Unix time, "
        "Solar Hijri or Hijri date, month names); ignored"
    ]


@pytest.mark.parametrize(
    ("record", "field"),
    [
        ({"title": 12}, "title"),
        ({"url": 1715497200}, "url"),
        ({"outlet": 1.5}, "outlet"),
        ({"text": 42}, "text"),
    ],
)
def test_other_types_are_refused(tmp_path: Path, record: dict[str, Any], field: str) -> None:
    (item,) = _read(tmp_path, record)
    assert isinstance(item, QuarantineRecord)
    assert item.reason == "bad_record"
    assert repr(field) in item.detail


@pytest.mark.parametrize("value", [True, ["2024-05-12"], {"$date": "2024-05-12"}])
def test_a_date_of_another_json_type_is_kept_as_written_with_a_warning(
    tmp_path: Path, value: Any
) -> None:
    (item,) = _read(tmp_path, {"published": value})
    assert isinstance(item, RawArticle)
    assert item.published is None and item.published_raw == json.dumps(value)
    assert any("never compared as a date" in w for w in item.warnings)


# --- a record carrying the page in ``html`` -------------------------------------------------


def _page_record(**fields: Any) -> dict[str, Any]:
    return {
        "text": None,
        "html": arabic_html().decode("utf-8"),
        "url": "https://example.com/a",
    } | fields


def test_html_record_is_read_with_its_title_and_day_and_no_page_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[bool] = []
    real = trafilatura.bare_extraction
    monkeypatch.setattr(trafilatura, "bare_extraction",
                        lambda *a, **k: asked.append(k["with_metadata"]) or real(*a, **k))  # fmt: skip
    article = _one(tmp_path, **_page_record(title="هجوم على عين الأسد", published=1714718400,
                                            outlet="الخبر", crawled="2024-05-09"))  # fmt: skip
    assert asked == [False]
    assert (article.kind, article.locator, article.title) == (
        "jsonl",
        "line 1",
        "هجوم على عين الأسد",
    )
    assert (article.published, article.published_precision) == (
        "2024-05-03T06:40:00+00:00",
        "second",
    )
    assert (article.published_basis, article.published_raw) == ("source", "1714718400")
    assert (article.outlet, article.author) == ("الخبر", "أحمد كريم الساعدي")  # record, then <head>
    assert article.crawled == "2024-05-09" and article.url == "https://example.com/a"
    assert article.text.startswith("أعلنت قيادة العمليات") and "<p>" not in article.text


def test_html_record_without_a_date_takes_the_page_date(tmp_path: Path) -> None:
    article = _one(tmp_path, **_page_record(title="هجوم", published="yesterday-ish"))
    assert (article.published, article.published_basis) == ("2024-05-02T09:30:00+03:00", "metadata")
    assert any("yesterday-ish" in w for w in article.warnings)


def test_text_wins_over_html_and_an_empty_page_is_quarantined_on_its_line(tmp_path: Path) -> None:
    text, empty = _read(tmp_path, _page_record(text=TEXT),
                        _page_record(html="<html><body><p>x</p></body></html>"))  # fmt: skip
    assert isinstance(text, RawArticle) and text.text == TEXT.strip()
    assert isinstance(empty, QuarantineRecord)
    assert (empty.reason, empty.locator) == ("no_text", "line 2")
