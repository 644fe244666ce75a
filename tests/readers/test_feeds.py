"""Feeds: content over declaration for the encoding (the cases of issue 4), entry dates as
feedparser parsed them with the raw value kept."""

from __future__ import annotations

import re

import pytest

from khabar.langid import detect_language
from khabar.model import QuarantineRecord, RawArticle
from khabar.readers.base import ReadContext
from khabar.readers.feeds import read_feed
from khabar.settings import Settings
from tests.helpers import DATA

CASES = DATA / "cases"
ARABIC = re.compile(r"[\u0621-\u064a]")
MOJIBAKE = re.compile(r"[ØÙÚÛ]")


def _read(data: bytes) -> list[RawArticle | QuarantineRecord]:
    return list(read_feed("f.rss", data, ReadContext(Settings())))


def _rss(items: str, prolog: str = '<?xml version="1.0" encoding="utf-8"?>') -> bytes:
    return f"{prolog}<rss version='2.0'><channel><title>خبر</title>{items}</channel></rss>".encode()


@pytest.mark.parametrize(
    ("name", "warning"),
    [
        ("feed_cp1256_declared_utf8.rss", "declared encoding 'utf-8' is wrong"),
        ("feed_cp1256_undeclared.rss", "no encoding declared"),
    ],
)
def test_windows_1256_feed_is_read_as_arabic_and_recorded_as_repaired(
    name: str, warning: str
) -> None:
    articles = _read((CASES / name).read_bytes())
    assert len(articles) == 2 and all(isinstance(a, RawArticle) for a in articles)
    for article in articles:
        assert isinstance(article, RawArticle)
        for field in (article.text, article.title or "", article.outlet or ""):
            assert ARABIC.search(field) and not MOJIBAKE.search(field), field
        assert article.encoding == "cp1256"
        assert any(warning in w and "decoded as cp1256" in w for w in article.warnings)
        assert detect_language(article.text, Settings()).lang == "ar"
    assert articles[0].title == "اشتباكات في درعا البلد توقع قتيلين"
    assert articles[0].outlet == "شبكة المثال الإخبارية"


def test_clean_utf8_feed_has_no_repair_warning() -> None:
    items = _read(_rss("<item><title>عنوان</title><description>قتل شخصان في اشتباكات</description>"
                       "<pubDate>Mon, 03 Jun 2024 09:15:00 +0300</pubDate></item>"))  # fmt: skip
    (article,) = items
    assert isinstance(article, RawArticle)
    assert article.encoding == "utf-8" and article.warnings == []
    assert article.text == "قتل شخصان في اشتباكات"


def test_utf8_feed_without_prolog_has_no_repair_warning() -> None:
    (article,) = _read(_rss("<item><description>نص الخبر</description></item>", prolog=""))
    assert isinstance(article, RawArticle) and article.warnings == []


def test_windows_1256_prolog_on_windows_1256_bytes_is_no_repair() -> None:
    data = _rss("<item><description>قتل شخصان وأصيب خمسة آخرون في اشتباكات</description></item>",
                prolog='<?xml version="1.0" encoding="windows-1256"?>')  # fmt: skip
    (article,) = _read(data.decode().encode("cp1256"))
    assert isinstance(article, RawArticle)
    assert article.encoding == "cp1256" and article.warnings == []
    assert "اشتباكات" in article.text


def test_entry_date_keeps_the_source_zone_and_the_raw_value() -> None:
    (article,) = _read(_rss("<item><description>نص</description>"
                            "<pubDate>Mon, 03 Jun 2024 09:15:00 +0300</pubDate></item>"))  # fmt: skip
    assert isinstance(article, RawArticle)
    assert article.published == "2024-06-03T09:15:00+03:00"  # the source's day and zone
    assert article.published_precision == "second" and article.published_basis == "source"
    assert article.published_raw == "Mon, 03 Jun 2024 09:15:00 +0300"


def test_atom_updated_date_is_used_when_there_is_no_published_date() -> None:
    data = (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            b"<title>t</title><entry><title>x</title><updated>2024-05-02T10:00:00Z</updated>"
            b"<content>Rockets hit the base.</content></entry></feed>")  # fmt: skip
    (article,) = _read(data)
    assert isinstance(article, RawArticle)
    assert article.published == "2024-05-02T10:00:00+00:00"
    assert article.published_raw == "2024-05-02T10:00:00Z"


def test_unreadable_entry_date_is_left_empty_with_a_warning_naming_it() -> None:
    (article,) = _read(_rss("<item><description>نص</description>"
                            "<pubDate>الاثنين الماضي</pubDate></item>"))  # fmt: skip
    assert isinstance(article, RawArticle)
    assert article.published is None and article.published_precision is None
    assert article.published_raw == "الاثنين الماضي"
    assert any("'الاثنين الماضي' could not be read" in w for w in article.warnings)


def test_entry_without_a_date_has_no_date_and_no_warning() -> None:
    (article,) = _read(_rss("<item><description>نص</description></item>"))
    assert isinstance(article, RawArticle)
    assert article.published is None and article.published_raw is None and not article.warnings


@pytest.mark.parametrize(
    ("data", "reason"), [(b"   \n", "empty"), (b"\x01\x02\x03\x04" * 100, "binary")]
)
def test_feed_bytes_that_are_not_text_are_quarantined(data: bytes, reason: str) -> None:
    (record,) = _read(data)
    assert isinstance(record, QuarantineRecord)
    assert record.stage == "decode" and record.reason == reason
