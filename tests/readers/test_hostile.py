"""Hostile input for the readers (issue 19): nothing read makes a batch abort or take unbounded
memory, and nothing is lost in silence.

The small cases are files in ``tests/data/hostile/`` (written by ``make_hostile.py`` there);
big ones (a gzip bomb, an endless WARC header line) are generated here. The pipeline's side
(time budget, failing database, the summary) is in ``tests/test_hostile.py``.
"""

from __future__ import annotations

import gzip
import os
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from khabar.model import QuarantineRecord, RawArticle
from khabar.pipeline import IngestReport, ingest
from khabar.readers import ReadContext, read_paths
from khabar.settings import Settings, load_settings
from khabar.store import open_store
from tests.conftest import REFERENCE_DATE
from tests.helpers import DATA, arabic_html, write_warc

HOSTILE = DATA / "hostile"
SENTENCE = "قال مسؤول عراقي إن ثلاثة صواريخ سقطت على قاعدة عين الأسد الجوية يوم السبت دون إصابات. "

# What each file of the corpus gives when ingested alone: documents stored and quarantine reasons
# (rejected inputs, sorted). Every file of the folder is listed here.
EXPECTED: dict[str, tuple[int, list[str]]] = {
    "surrogate_escape.jsonl": (3, []),  # repaired: U+FFFD, with a warning
    "surrogate_bytes.jsonl": (1, ["invalid_utf8"]),
    # the cut record's page (truncated_html) and the cut file (bad_warc)
    "truncated.warc.gz": (1, ["bad_warc", "truncated_html"]),
    "truncated_early.warc.gz": (0, ["bad_warc", "truncated_html"]),
    "http_404.warc.gz": (0, ["http_error"]),
    "nested.html": (1, []),
    "tiny.png": (0, ["binary"]),
    "article.jsonl.gz": (1, []),
    "article.txt.gz": (1, []),
    "article.html.gz": (1, []),
    "cut.jsonl.gz": (50, ["bad_compression"]),  # the 50 lines before the cut are stored
    "headings_only_ar.txt": (1, []),
    "headings_only_en.txt": (1, []),
}


def _settings(tmp_path: Path, **values: object) -> Settings:
    return load_settings({"database": str(tmp_path / "k.db"), "reference_date": REFERENCE_DATE,
                          **values}, environ={})  # fmt: skip


def _ingest(settings: Settings, *paths: Path | str) -> IngestReport:
    with open_store(settings) as store:
        return ingest([str(p) for p in paths], store)


def _read(*paths: Path | str, settings: Settings | None = None) -> list:  # type: ignore[type-arg]
    return list(read_paths([str(p) for p in paths], ReadContext(settings or Settings())))


def _quarantined(items: list) -> list[QuarantineRecord]:  # type: ignore[type-arg]
    return [i for i in items if isinstance(i, QuarantineRecord)]


def test_every_hostile_file_has_an_expected_outcome() -> None:
    names = sorted(p.name for p in HOSTILE.iterdir())
    assert names == sorted([*EXPECTED, "make_hostile.py"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_file_alone_is_ingested_or_quarantined_with_its_reason(
    tmp_path: Path, name: str
) -> None:
    report = _ingest(_settings(tmp_path), HOSTILE / name)
    stored, reasons = EXPECTED[name]
    got = (report.ingested, sorted(q.reason for q in report.quarantined))
    assert got == (stored, reasons), [q.detail for q in report.quarantined]


def test_a_file_name_that_is_not_utf8_is_read_and_recorded(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    base = os.fsencode(folder)
    with open(base + b"/\xff.txt", "wb") as fh:
        fh.write(f"عنوان الخبر عن الهجوم\n\n{SENTENCE * 3}\n".encode())
    with open(base + b"/\xfe.txt", "wb"):
        pass  # empty: quarantined under its name, which is not UTF-8 either
    settings = _settings(tmp_path)
    report = _ingest(settings, folder)
    assert report.ingested == 1 and [q.reason for q in report.quarantined] == ["empty"]
    assert report.quarantined[0].source.endswith("/\\xfe.txt")
    with open_store(settings) as store:
        (source,) = store.db.execute("SELECT source FROM documents").fetchone()
    assert source.endswith("/\\xff.txt")


def test_no_reader_hands_on_a_lone_surrogate() -> None:
    items = _read(HOSTILE / "surrogate_escape.jsonl")
    assert len(items) == 3
    for item in items:
        assert isinstance(item, RawArticle)
        for value in (item.title, item.text, item.url, item.outlet, item.author, item.lang_hint):
            (value or "").encode("utf-8")  # raises on a lone surrogate
        assert any("surrogate" in w for w in item.warnings)
    assert items[0].title == "عنوان \ufffd الخبر"


# --- bounded memory ----------------------------------------------------------------------------


def _peak_bytes(fn: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _gzip_endless_line(path: Path, prefix: bytes, mb: int) -> Path:
    """A small gzip file whose text has a line of ``mb`` MiB that never ends."""
    block = b"a" * (1 << 20)
    with gzip.open(path, "wb", compresslevel=9) as fh:
        fh.write(prefix)
        for _ in range(mb):
            fh.write(block)
    return path


@pytest.mark.parametrize("name", ["bomb.jsonl.gz", "bomb.jsonl.GZ", "bomb"])
def test_a_gzip_whose_first_line_never_ends_is_quarantined_in_bounded_memory(
    tmp_path: Path, name: str
) -> None:
    path = _gzip_endless_line(tmp_path / name, b'{"text": "', 64)
    # the line cap alone (the ratio guard, tested below, would stop it first)
    settings = Settings(max_file_bytes=1_000_000, max_decompression_ratio=0)
    items: list = []  # type: ignore[type-arg]
    peak = _peak_bytes(lambda: items.extend(_read(path, settings=settings)))
    assert [(q.reason, q.locator) for q in _quarantined(items)] == [("too_large", "line 1")]
    assert peak < 8_000_000, f"{peak:,} bytes"


def test_a_gzip_of_endless_blank_lines_is_a_bomb_read_no_further(tmp_path: Path) -> None:
    # 2 articles, then 4 MiB of blank lines (4 KiB compressed, a ratio of 1,000): read line
    # by line, the blank lines alone took minutes for 2 GiB; the ratio guard stops after its
    # first MiB (the unguarded read below takes its time: 16 MiB cost the suite 20 s more)
    path = tmp_path / "blank.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as fh:
        for n in (1, 2):
            fh.write(f'{{"title": "t{n}", "text": "{SENTENCE * 3}"}}\n'.encode())
        for _ in range(4):
            fh.write(b"\n" * (1 << 20))
    items = _read(path)
    (bomb,) = _quarantined(items)
    assert bomb.reason == "too_large" and "compression bomb" in bomb.detail, bomb.detail
    assert "2 item(s) read before it were kept" in bomb.detail
    assert sum(isinstance(i, RawArticle) for i in items) == 2
    # with no limit, the same file is read to its end (nothing quarantined)
    items = _read(path, settings=Settings(max_decompression_ratio=0))
    assert _quarantined(items) == [] and len(items) == 2


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
def test_an_endless_warc_header_line_is_quarantined_in_bounded_memory(
    tmp_path: Path, suffix: str
) -> None:
    head = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/"
    path = tmp_path / f"endless{suffix}"
    if suffix == ".warc.gz":
        _gzip_endless_line(path, head, 48)
    else:
        with path.open("wb") as fh:
            fh.write(head)
            for _ in range(48):
                fh.write(b"a" * (1 << 20))
    items: list = []  # type: ignore[type-arg]
    peak = _peak_bytes(lambda: items.extend(_read(path)))
    (q,) = _quarantined(items)
    assert q.reason == "bad_warc" and "header line" in q.detail
    assert peak < 8_000_000, f"{peak:,} bytes"


def test_bounded_warc_reading_keeps_warcio_record_offsets(tmp_path: Path) -> None:
    page = arabic_html().replace(b"</body>", b"<!--" + b" " * 3_000_000 + b"--></body>")
    path = write_warc(tmp_path / "big.warc.gz", [(f"https://example.org/{i}", "text/html", page)
                                                 for i in range(3)], gzip=True)  # fmt: skip
    with path.open("rb") as fh:
        it = ArchiveIterator(fh)
        expected = [f"offset {it.get_record_offset()}" for r in it if r.rec_type == "response"]
    items = _read(path)
    assert [i.locator for i in items] == expected and len(expected) == 3
    assert all(isinstance(i, RawArticle) for i in items)


# --- nothing silent ----------------------------------------------------------------------------


def test_a_cut_gzip_keeps_the_lines_before_the_cut_and_says_so() -> None:
    items = _read(HOSTILE / "cut.jsonl.gz")
    *read, cut = items
    assert read and all(isinstance(i, RawArticle) for i in read)
    assert isinstance(cut, QuarantineRecord) and cut.reason == "bad_compression"
    assert f"{len(read)} item(s) read before it" in cut.detail


def test_compressed_inputs_are_read_by_content_when_named_alone(tmp_path: Path) -> None:
    for name, kind in (("article.jsonl.gz", "jsonl"), ("article.html.gz", "html"),
                       ("article.txt.gz", "txt")):  # fmt: skip
        plain = tmp_path / name.replace(".", "_")  # no suffix to go by
        plain.write_bytes((HOSTILE / name).read_bytes())
        (article,) = _read(plain)
        assert isinstance(article, RawArticle) and article.kind == kind
        assert "عين الأسد" in article.text


def test_compressed_inputs_in_a_folder_are_read(tmp_path: Path) -> None:
    import bz2
    import lzma

    text = f"عنوان الخبر عن الهجوم\n\n{SENTENCE * 3}\n".encode()
    (tmp_path / "a.txt.bz2").write_bytes(bz2.compress(text))
    (tmp_path / "b.txt.xz").write_bytes(lzma.compress(text))
    (tmp_path / "c.jsonl.gz").write_bytes((HOSTILE / "article.jsonl.gz").read_bytes())
    ctx = ReadContext(Settings())
    items = list(read_paths([str(tmp_path)], ctx))
    assert [i.kind for i in items if isinstance(i, RawArticle)] == ["txt", "txt", "jsonl"]
    assert ctx.skipped_files == []


def test_a_compressed_text_over_the_size_limit_is_too_large_unread(tmp_path: Path) -> None:
    path = _gzip_endless_line(tmp_path / "big.txt.gz", b"title\n\n", 8)
    items: list = []  # type: ignore[type-arg]
    peak = _peak_bytes(lambda: items.extend(_read(path, settings=Settings(max_file_bytes=1 << 20))))
    assert [q.reason for q in _quarantined(items)] == ["too_large"]
    assert peak < 8_000_000, f"{peak:,} bytes"


def test_symlinked_folders_and_loops_are_listed_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text(f"عنوان الخبر عن الهجوم\n\n{SENTENCE * 3}\n", "utf-8")
    (folder / "sub" / "loop").symlink_to(folder)  # a folder that contains itself
    (folder / "elsewhere").symlink_to(tmp_path / "other", target_is_directory=True)
    (tmp_path / "other").mkdir()
    (folder / "self.txt").symlink_to(folder / "self.txt")  # a link to itself
    (folder / "notes.md").write_text("not news", "utf-8")
    ctx = ReadContext(Settings())
    items = list(read_paths([str(folder)], ctx))
    assert [Path(i.source).name for i in items if isinstance(i, RawArticle)] == ["a.txt"]
    listed = {Path(path).name: why for path, why in ctx.skipped_files}
    assert listed == {"loop": "symlink_loop", "elsewhere": "symlinked_folder",
                      "notes.md": "unsupported_suffix"}  # fmt: skip
    (q,) = _quarantined(items)
    assert (Path(q.source).name, q.reason) == ("self.txt", "unreadable")
    assert "symbolic links" in q.detail


def test_a_gzipped_warc_whose_next_member_is_a_bomb_keeps_the_page_before_it(
    tmp_path: Path,
) -> None:
    # warcio decompresses .warc.gz itself, past the stream guard: its reader counts the ratio
    path = write_warc(tmp_path / "bomb.warc.gz",
                      [("https://example.org/a", "text/html", arabic_html())], gzip=True)
    with gzip.open(path, "ab", compresslevel=9) as fh:  # a second member: 64 MiB of blank lines
        for _ in range(64):
            fh.write(b"\r\n" * (1 << 19))
    items = _read(path)
    (bomb,) = _quarantined(items)
    assert bomb.reason == "too_large" and "compression bomb" in bomb.detail, bomb.detail
    assert sum(isinstance(i, RawArticle) for i in items) == 1
