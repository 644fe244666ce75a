"""JSON lines: one article per line with ``url``, ``title``, ``text``, ``published``, ``outlet``
and optional ``lang``, ``author``, ``crawled`` / ``date_extracted``.

Input: a binary stream (read line by line, so big exports stream). Output: one ``RawArticle``
per good line; a quarantine record (with the line number and the line itself) per broken line:
bad JSON, not an object, missing or empty ``text``, wrong field types, a line over the size
limit (``max_file_bytes``: it is skipped without being held, so a line that never ends costs no
memory). The other lines are read as usual. A file with no line that holds anything (0 bytes,
or blank lines only) is one quarantine record, ``empty``.

Dates: ``published`` is a string or a JSON number (Unix time) read by
``khabar.published.parse_published``: ISO 8601 (``2024``, ``2024-05``, ``2024-05-12``,
``2024-05-12T10:00:00+03:00``, ``Z``, fractional seconds), RFC 2822
(``Sun, 12 May 2024 10:00:00 +0300``), Unix time in seconds or milliseconds (``1715497200``,
``1715497200000``, as a number or a digit string; UTC), Solar Hijri (``1403/02/23``,
``۱۴۰۳/۰۲/۲۳``, ``23 اردیبهشت 1403``) and Hijri dates (``5 رمضان 1445 هـ``, ``12-03-1445 هـ``),
day-month-year with Arabic, Persian or English month names (``12 مايو 2024``, ``15 تشرين 1 2024``,
``May 12, 2024 10:00 PM``), in any digit script, with an optional weekday and clock time. The
article gets ``published`` (the Gregorian ISO value at its precision, zone kept when given),
``published_precision`` (year, month, day, minute, second), ``published_basis="source"`` and
``published_raw`` (the value as given). A value that is none of these is kept in
``published_raw`` only, with a warning; it is never compared as a date. ``crawled`` (or
SaudiNewsNet's ``date_extracted``, e.g. ``2015-07-21 02:35:54``) is the crawl time, read the
same way into ``RawArticle.crawled`` and never taken for the publication date. Every other field
must be a string.

Pages: a record may carry the page instead of its text, in ``html`` (the raw HTML as a JSON
string, as scraped datasets often keep it). When ``text`` is missing or empty the page is read by
the HTML reader (``khabar.readers.html.read_html``) with the record's ``title`` and
``published``: given both, a day or better, trafilatura reads the text only and the page's own
metadata is not searched (the record's values are kept, basis ``source``); a missing one is read
from the page. The record's ``outlet``, ``author``, ``lang`` and ``crawled`` win over the page's.
A page with no article text is quarantined ``no_text`` (``truncated_html`` when it is cut) with
the record's line. When ``text`` is given, ``html`` is not read::

    {"url": "https://example.com/a", "title": "...", "published": "2024-05-12",
     "outlet": "...", "html": "<!DOCTYPE html><html>...</html>"}
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO

from khabar.decode import decode_bytes
from khabar.errors import EncodingError
from khabar.model import RawArticle
from khabar.published import Published, parse_published
from khabar.readers.base import ReadContext, ReadItem, from_error, quarantine
from khabar.readers.html import read_html

__all__ = ["read_jsonl"]

_FIELDS = ("url", "title", "text", "html", "outlet", "lang", "author")
_TIME_FIELDS = ("published", "crawled", "date_extracted")  # strings or numbers (Unix time)
_FORMS = "ISO 8601, RFC 2822, Unix time, Solar Hijri or Hijri date, month names"
_SURROGATE = re.compile("[\ud800-\udfff]")
_SKIP_PIECE = 1 << 20  # bytes read at a time while skipping a line over the limit

Value = str | int | float


def _parse_line(line: str) -> tuple[dict[str, Value | None] | None, str, str]:
    """Return (record, reason, detail); record is None when the line is refused."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, "bad_json", f"not valid JSON: {exc.msg} at column {exc.colno}"
    if not isinstance(obj, dict):
        return None, "bad_record", f"expected a JSON object, got {type(obj).__name__}"
    record: dict[str, Value | None] = {}
    for key in _FIELDS + _TIME_FIELDS:
        value = obj.get(key)
        number = isinstance(value, int | float) and not isinstance(value, bool)
        timed = key in _TIME_FIELDS
        if isinstance(value, str):
            value = value.strip() or None
        elif value is not None and timed and not number:
            value = _Unread(json.dumps(value, ensure_ascii=False))  # kept as written, warned
        elif value is not None and not (number and timed):
            kinds = "a string or a number (Unix time)" if timed else "a string"
            return None, "bad_record", f"field {key!r} must be {kinds}, got {type(value).__name__}"
        record[key] = value
    if not record["text"] and not record["html"]:
        return None, "no_text", "the record has no 'text' or 'html' field (or they are empty)"
    return record, "", ""


class _Unread(str):
    """A date field of another JSON type (true, a list, an object): kept as written, never
    read as a date."""


def _read_date(value: Value | None) -> Published | None:
    if value is None or isinstance(value, _Unread):
        return None
    return parse_published(value)


def _text(record: dict[str, Value | None], key: str) -> str | None:
    value = record[key]
    return value if isinstance(value, str) else None


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[bytes | None, int]]:
    """``(line, size)`` of each line; ``(None, size)`` for a line over ``limit`` bytes, which is
    skipped in pieces and never held whole (a line that never ends costs no memory)."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line, len(line)
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = stream.readline(_SKIP_PIECE)
            if not line:
                break
            size += len(line)
        yield None, size


def read_jsonl(source: str, stream: BinaryIO, ctx: ReadContext) -> Iterator[ReadItem]:
    """Read a JSONL file; each line is its own document or quarantine record."""
    limit = ctx.settings.max_file_bytes
    lines = 0  # lines with something on them
    for line_no, (raw, size) in enumerate(_lines(stream, limit), start=1):
        locator = f"line {line_no}"
        lines += raw is None or bool(raw.strip())
        if raw is None or len(raw) > limit:
            yield quarantine(
                ctx, source=source, stage="read", reason="too_large", locator=locator,
                detail=f"line of {size:,} bytes is over max_file_bytes={limit:,}",
                raw=raw, raw_size=size,
            )  # fmt: skip
            continue
        if not raw.strip():
            continue
        try:
            decoded = decode_bytes(raw, source=source)
        except EncodingError as exc:
            yield from_error(ctx, exc, source=source, stage="decode", raw=raw, locator=locator)
            continue
        record, reason, detail = _parse_line(decoded.text)
        if record is None:
            yield quarantine(
                ctx, source=source, stage="parse", reason=reason, detail=detail, raw=raw,
                locator=locator,
            )  # fmt: skip
            continue
        article = _article(record, source, locator, decoded.encoding, list(decoded.warnings))
        if record["text"]:
            yield article
        else:
            yield from _page(record, article, ctx)
    if not lines:  # nothing read is not nothing to say: the file is reported, as an empty .txt
        yield quarantine(ctx, source=source, stage="read", reason="empty",
                         detail="the file holds no JSON line", raw=b"")  # fmt: skip


def _page(record: dict[str, Value | None], article: RawArticle, ctx: ReadContext
          ) -> Iterator[ReadItem]:  # fmt: skip
    """The record's ``html`` read by the HTML reader with the record's title and date, the
    record's other fields winning over the page's (see the module docstring)."""
    html, lone = _SURROGATE.subn("\ufffd", _text(record, "html") or "")
    if lone:
        article.warnings.append("lone surrogate code points in html replaced with U+FFFD")
    published = _read_date(record["published"])
    for item in read_html(
        article.source, html.encode("utf-8"), ctx, url=article.url,
        charset="utf-8", locator=article.locator, kind="jsonl", title=article.title,
        published=published,
    ):  # fmt: skip
        if not isinstance(item, RawArticle):
            yield item
            continue
        given = item.published_basis == "source"  # the record's date (or none at all)
        yield replace(
            item,
            outlet=article.outlet or item.outlet,
            author=article.author or item.author,
            published_raw=article.published_raw if given else item.published_raw,
            crawled=article.crawled,
            lang_hint=article.lang_hint,
            encoding=article.encoding,
            warnings=article.warnings + item.warnings,
        )


def _article(
    record: dict[str, Value | None], source: str, locator: str, encoding: str, warnings: list[str]
) -> RawArticle:
    """The ``RawArticle`` of a good record, its dates read (unreadable ones warned about)."""
    published_raw = record["published"]
    published = _read_date(published_raw)
    if published_raw is not None and published is None:
        warnings.append(
            f"published value {str(published_raw)!r} is not a date khabar reads ({_FORMS}); "
            "stored unparsed, never compared as a date"
        )
    crawled_raw = record["crawled"] if record["crawled"] is not None else record["date_extracted"]
    crawled = _read_date(crawled_raw)
    if crawled_raw is not None and crawled is None:
        warnings.append(
            f"crawl time {str(crawled_raw)!r} is not a date khabar reads ({_FORMS}); ignored"
        )
    return RawArticle(
        source=source,
        locator=locator,
        kind="jsonl",
        text=_text(record, "text") or "",
        title=_text(record, "title"),
        url=_text(record, "url"),
        outlet=_text(record, "outlet"),
        author=_text(record, "author"),
        published=published.iso if published else None,
        published_precision=published.precision if published else None,
        published_basis="source",
        published_raw=str(published_raw) if published_raw is not None else None,
        crawled=crawled.iso if crawled else None,
        lang_hint=_text(record, "lang"),
        encoding=encoding,
        warnings=warnings,
    )
