"""Each reader on good input, and every bad-input case of issue #3 on the real readers."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from khabar.model import QuarantineRecord, RawArticle
from khabar.readers import ReadContext, read_paths
from khabar.settings import Settings
from tests.helpers import DATA, arabic_html, write_warc

INPUTS = DATA / "inputs"


def _read(
    paths: list[Path], settings: Settings | None = None
) -> list[RawArticle | QuarantineRecord]:
    return list(read_paths([str(p) for p in paths], ReadContext(settings or Settings())))


def _articles(items: list) -> list[RawArticle]:
    return [i for i in items if isinstance(i, RawArticle)]


def _quarantined(items: list) -> list[QuarantineRecord]:
    return [i for i in items if isinstance(i, QuarantineRecord)]


def test_text_folder_yields_one_article_per_file_in_name_order(seeds: Path) -> None:
    items = _read([seeds])
    assert [Path(a.source).name[:3] for a in _articles(items)] == [
        "000",
        "001",
        "002",
        "003",
        "004",
    ]
    assert all(a.title_in_text and a.kind == "txt" for a in _articles(items))


def test_html_reader_extracts_text_title_date_author_and_site() -> None:
    (article,) = _articles(_read([INPUTS / "article_ar.html"]))
    assert article.title == "الجيش العراقي يعلن إحباط هجوم على قاعدة عين الأسد"
    # the page's own metadata (article:published_time), with its zone, not trafilatura's guess
    assert article.published == "2024-05-02T09:30:00+03:00"
    assert (article.published_precision, article.published_basis) == ("second", "metadata")
    assert article.outlet == "موقع الخبر"
    assert "عين الأسد الجوية" in article.text
    assert "الرئيسية" not in article.text and "جميع الحقوق" not in article.text


def test_jsonl_reader_reads_good_lines_and_quarantines_the_broken_one(tmp_path: Path) -> None:
    good = {"url": "https://x.org/1", "title": "عنوان", "text": "نص الخبر " * 10,
            "published": "2024-04-22", "outlet": "X", "lang": "ar"}  # fmt: skip
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps(good, ensure_ascii=False)
        + "\n"
        + '{"url": "https://x.org/2", "text": "broken\n'
        + json.dumps(good | {"url": "https://x.org/3"})
        + "\n"
        + json.dumps({"title": "no text"})
        + "\n"
        + json.dumps(["not", "an", "object"])
        + "\n",
        encoding="utf-8",
    )
    items = _read([path])
    assert [a.url for a in _articles(items)] == ["https://x.org/1", "https://x.org/3"]
    reasons = {q.locator: q.reason for q in _quarantined(items)}
    assert reasons == {"line 2": "bad_json", "line 4": "no_text", "line 5": "bad_record"}
    broken = _quarantined(items)[0]
    assert broken.raw is not None and b"broken" in broken.raw


def test_rss_reader_reads_entries_and_quarantines_an_empty_one() -> None:
    items = _read([INPUTS / "feed.rss"])
    articles = _articles(items)
    assert [a.url for a in articles] == ["https://example.org/news/1", "https://example.org/news/2"]
    assert articles[0].published == "2024-05-02T07:15:00+00:00"
    assert articles[0].outlet == "خبرگزاری نمونه" and articles[0].lang_hint == "fa"
    assert "سرنگون شدند" in articles[0].text and "<p>" not in articles[0].text
    (empty,) = _quarantined(items)
    assert empty.reason == "no_text" and empty.locator == "entry 3"


def test_atom_reader_reads_html_content_and_author() -> None:
    (article,) = _articles(_read([INPUTS / "feed.atom"]))
    assert article.author == "Wire Staff"
    assert article.text.startswith("At least five rockets")


def test_warc_reader_keeps_html_responses_and_quarantines_other_types(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", [
        ("https://example.org/a", "text/html; charset=utf-8", arabic_html()),
        ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
        ("https://example.org/api", "application/json", b'{"a": 1}'),
    ], gzip=True)  # fmt: skip
    ctx = ReadContext(Settings())
    items = list(read_paths([str(path)], ctx))
    (article,) = _articles(items)
    assert article.url == "https://example.org/a" and article.kind == "warc"
    assert sorted(q.reason for q in _quarantined(items)) == ["not_html", "not_html"]
    assert all(q.locator.startswith("offset ") for q in _quarantined(items))
    assert ctx.skipped["warc_request"] == 3 and ctx.skipped["warc_warcinfo"] == 1


def test_truncated_warc_quarantines_the_rest_and_keeps_what_was_read(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc", [
        ("https://example.org/a", "text/html", arabic_html()),
        ("https://example.org/b", "text/html", arabic_html().replace(b"2024", b"2023")),
    ])  # fmt: skip
    data = path.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: int(len(data) * 0.8)])
    items = _read([cut])
    first, second, cut_file = items
    assert isinstance(first, RawArticle) and first.url == "https://example.org/a"
    assert not first.warnings
    # the cut record is either refused as truncated or read with a truncation warning
    if isinstance(second, QuarantineRecord):
        assert second.reason == "truncated_html"
    else:
        assert any("truncated" in w for w in second.warnings)
    # and the file says it is cut
    assert isinstance(cut_file, QuarantineRecord) and cut_file.reason == "bad_warc"


def test_corrupt_warc_is_quarantined_as_bad_warc(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"<html>this was saved with the wrong name</html>" * 20)
    assert [q.reason for q in _quarantined(_read([path]))] == ["bad_warc"]


# --- bad input: every case gets a quarantine record with a reason, and the batch goes on ------


def test_empty_file_is_quarantined_as_empty(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (q,) = _read([tmp_path / "empty.txt"])
    assert isinstance(q, QuarantineRecord) and q.reason == "empty"


@pytest.mark.parametrize("data", [b"", b"\n\n  \n"])
def test_empty_jsonl_file_is_quarantined_as_empty_not_read_as_nothing(tmp_path: Path,
                                                                      data: bytes) -> None:  # fmt: skip
    # a new user's trial (2026-12-04): a 0-byte .jsonl ingested silently, a 0-byte .txt not
    (tmp_path / "empty.jsonl").write_bytes(data)
    (q,) = _read([tmp_path / "empty.jsonl"])
    assert isinstance(q, QuarantineRecord) and q.reason == "empty"


def test_binary_file_is_quarantined_with_its_bytes_kept(tmp_path: Path) -> None:
    data = b"\x7fELF\x02\x01\x01\x00" + os.urandom(2000)
    (tmp_path / "program.txt").write_bytes(data)
    (q,) = _read([tmp_path / "program.txt"])
    assert q.reason == "binary" and q.raw == data and q.raw_sha256


def test_truncated_html_without_text_is_quarantined_as_truncated(tmp_path: Path) -> None:
    (tmp_path / "cut.html").write_bytes(arabic_html()[:600])
    (q,) = _read([tmp_path / "cut.html"])
    assert q.reason == "truncated_html" and "truncated" in q.detail


def test_truncated_html_with_text_is_read_with_a_warning(tmp_path: Path) -> None:
    html = arabic_html()
    (tmp_path / "cut.html").write_bytes(html[: html.index(b"</article>")])
    (article,) = _read([tmp_path / "cut.html"])
    assert isinstance(article, RawArticle)
    assert any("truncated" in w for w in article.warnings)


def test_invalid_utf8_is_quarantined_with_the_offset(tmp_path: Path) -> None:
    data = (DATA.parent.parent / "src/khabar/samples/seeds").glob("000*.txt")
    raw = next(data).read_bytes()
    cut = raw.index(b"\n") + 1
    (tmp_path / "bad.txt").write_bytes(raw[:cut] + b"\xc3\x28" + raw[cut:])
    (q,) = _read([tmp_path / "bad.txt"])
    assert q.reason == "invalid_utf8" and f"offset {cut}" in q.detail


def test_misdeclared_html_encoding_is_read_by_content_with_a_warning(tmp_path: Path) -> None:
    html = arabic_html().decode("utf-8").encode("cp1256")
    (tmp_path / "legacy.html").write_bytes(html)  # still says <meta charset="utf-8">
    (article,) = _read([tmp_path / "legacy.html"])
    assert isinstance(article, RawArticle) and article.encoding == "cp1256"
    assert "عين الأسد" in article.text
    assert any("declared encoding 'utf-8' is wrong" in w for w in article.warnings)


def test_file_over_the_size_limit_is_referenced_not_read(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    (q,) = _read([big])
    assert q.reason == "too_large" and q.raw is None and q.raw_size == 50 * 1024 * 1024


def test_jsonl_line_over_the_size_limit_is_quarantined_alone(tmp_path: Path) -> None:
    settings = Settings(max_file_bytes=1000)
    path = tmp_path / "b.jsonl"
    path.write_text(
        json.dumps({"text": "x" * 2000}) + "\n" + json.dumps({"text": "ok " * 20}) + "\n"
    )
    items = _read([path], settings)
    assert [q.reason for q in _quarantined(items)] == ["too_large"]
    assert len(_articles(items)) == 1


def test_missing_path_and_broken_link_are_quarantined(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    items = _read([tmp_path / "nope", folder])
    assert [q.reason for q in _quarantined(items)] == ["not_found", "unreadable"]


def test_gzip_warc_is_sniffed_when_named_without_suffix(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", [("https://e.org/", "text/html", arabic_html())],
                      gzip=True)  # fmt: skip
    renamed = tmp_path / "download.bin"
    path.rename(renamed)
    assert gzip.open(renamed).read(4) == b"WARC"
    (article,) = _articles(_read([renamed]))
    assert article.kind == "warc"


def test_one_bad_file_does_not_stop_the_folder(tmp_path: Path, seeds: Path) -> None:
    for p in seeds.glob("*.txt"):
        (tmp_path / p.name).write_bytes(p.read_bytes())
    (tmp_path / "001a_empty.txt").write_bytes(b"")
    items = _read([tmp_path])
    assert len(_articles(items)) == 5 and len(_quarantined(items)) == 1
