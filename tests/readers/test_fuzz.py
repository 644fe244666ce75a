"""Property tests: no input makes a reader raise; every input yields articles or quarantine."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar.model import QuarantineRecord, RawArticle
from khabar.readers.base import ReadContext
from khabar.readers.feeds import read_feed
from khabar.readers.html import read_html
from khabar.readers.jsonl import read_jsonl
from khabar.readers.text import read_text
from khabar.readers.warc import read_warc
from khabar.settings import Settings

CTX = ReadContext(Settings())
FUZZ = settings(
    max_examples=int(__import__("os").environ.get("KHABAR_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

json_lines = st.lists(
    st.one_of(
        st.binary(max_size=200),
        st.dictionaries(st.sampled_from(["url", "title", "text", "published", "lang", "x"]),
                        st.one_of(st.text(max_size=80), st.integers(), st.none()), max_size=6)
        .map(lambda d: __import__("json").dumps(d).encode()),
    ),
    max_size=8,
)  # fmt: skip


def _ok(items: list) -> None:
    for item in items:
        assert isinstance(item, RawArticle | QuarantineRecord)
        if isinstance(item, QuarantineRecord):
            assert item.reason and item.detail


@FUZZ
@given(st.binary(max_size=3000))
def test_text_reader_never_raises(data: bytes) -> None:
    _ok(list(read_text("f.txt", data, CTX)))


@FUZZ
@given(
    st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=3000).map(lambda t: f"<html><body><p>{t}".encode()),
    )
)
def test_html_reader_never_raises(data: bytes) -> None:
    _ok(list(read_html("f.html", data, CTX)))


@FUZZ
@given(json_lines)
def test_jsonl_reader_never_raises(lines: list[bytes]) -> None:
    data = b"\n".join(line.replace(b"\n", b" ") for line in lines)
    _ok(list(read_jsonl("f.jsonl", io.BytesIO(data), CTX)))


@FUZZ
@given(st.one_of(st.binary(max_size=2000), st.text(max_size=500).map(
    lambda t: f"<rss><channel><item><title>{t}</title><description>{t}</description></item>".encode())))  # fmt: skip
def test_feed_reader_never_raises(data: bytes) -> None:
    _ok(list(read_feed("f.rss", data, CTX)))


@FUZZ
@given(st.binary(max_size=2000).map(lambda b: b"WARC/1.0\r\n" + b))
def test_warc_reader_never_raises(data: bytes) -> None:
    _ok(list(read_warc("f.warc", io.BytesIO(data), CTX)))
