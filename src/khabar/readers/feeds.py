"""RSS and Atom feed files (feedparser): one article per entry.

Input: the feed's bytes. Output: one ``RawArticle`` per entry that has text (its content, else
its summary, HTML stripped); a quarantine record for bytes that are not text, for a file that is
not a feed at all, and for each entry without any text.

The bytes are decoded by ``khabar.decode.decode_bytes`` as HTML pages are: the content wins over
the XML prolog's declaration, and a repair (a Windows-1256 feed that declares UTF-8 or nothing)
is recorded in each article's ``warnings`` with ``encoding`` the codec used. feedparser then reads
the decoded text as UTF-8, so it never re-guesses the encoding. An entry's date is the one
feedparser parsed (UTC, minute precision, basis ``source``), with the raw string kept.
"""

from __future__ import annotations

import calendar
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
import lxml.html
from lxml.etree import ParserError

from khabar.decode import declared_encoding, decode_bytes
from khabar.errors import EncodingError
from khabar.model import RawArticle
from khabar.published import parse_published
from khabar.readers.base import ReadContext, ReadItem, from_error, quarantine

__all__ = ["read_feed"]

_BLOCK_TAGS = re.compile(r"</?(p|div|br|li|h[1-6]|blockquote)[^>]*>", re.I)
_PROLOG_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""")


def _html_to_text(fragment: str) -> str:
    if "<" not in fragment:
        return fragment.strip()
    marked = _BLOCK_TAGS.sub("\n", fragment)
    try:
        text = lxml.html.fromstring(f"<div>{marked}</div>").text_content()
    except ParserError:
        return fragment.strip()
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            return _html_to_text(value)
    return _html_to_text(entry.get("summary") or "")


def _entry_date(entry: Any) -> tuple[str | None, str | None, str | None]:
    """(ISO value, its precision, the date as the feed wrote it): read by
    ``published.parse_published`` in the zone the feed wrote (so the day stays the source's
    day), else as feedparser parsed it, in UTC to the minute."""
    if entry.get("published"):
        raw, parsed = entry.get("published"), entry.get("published_parsed")
    else:
        raw, parsed = entry.get("updated"), entry.get("updated_parsed")
    own = parse_published(raw) if raw else None
    if own is not None and own.precision not in ("year", "month"):
        return own.iso, own.precision, raw
    if not parsed:
        return None, None, raw or None
    try:
        when = datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (OverflowError, ValueError, OSError):  # a year feedparser accepted but datetime cannot
        return None, None, raw or None
    return when.isoformat(timespec="minutes"), "minute", raw or None


def _as_utf8_feed(text: str) -> bytes:
    """The decoded feed as UTF-8 bytes whose XML prolog (if any) says UTF-8."""
    text = text.lstrip("\ufeff")
    return _PROLOG_ENCODING.sub(r"\1\2utf-8\2", text, count=1).encode("utf-8")


def read_feed(source: str, data: bytes, ctx: ReadContext) -> Iterator[ReadItem]:
    """Read an RSS/Atom file.

    A Windows-1256 feed that declares UTF-8 (or nothing) is read by its content; each article
    says so in ``warnings`` and has ``encoding="cp1256"``.
    """
    try:
        decoded = decode_bytes(
            data, declared=declared_encoding(data), source=source,
            binary_ratio=ctx.settings.binary_control_ratio,
        )  # fmt: skip
    except EncodingError as exc:
        yield from_error(ctx, exc, source=source, stage="decode", raw=data)
        return
    parsed = feedparser.parse(io.BytesIO(_as_utf8_feed(decoded.text)))
    if not parsed.entries:
        why = getattr(parsed, "bozo_exception", None) or "no <item> or <entry> elements"
        yield quarantine(
            ctx, source=source, stage="parse", reason="bad_feed",
            detail=f"not a readable RSS/Atom feed: {why}", raw=data,
        )  # fmt: skip
        return
    outlet = parsed.feed.get("title") or None
    lang = (parsed.feed.get("language") or "")[:2].lower() or None
    for i, entry in enumerate(parsed.entries, start=1):
        locator = f"entry {i}"
        text = _entry_text(entry)
        if not text:
            yield quarantine(
                ctx, source=source, stage="parse", reason="no_text", locator=locator,
                detail=f"feed entry {entry.get('link') or i} has no content or summary",
                raw=repr(dict(entry)).encode("utf-8"),
            )  # fmt: skip
            continue
        published, precision, raw_date = _entry_date(entry)
        warnings = list(decoded.warnings)
        if raw_date and published is None:
            warnings.append(
                f"feed entry date {raw_date!r} could not be read; publication date left empty"
            )
        yield RawArticle(
            source=source,
            locator=locator,
            kind="feed",
            text=text,
            title=(entry.get("title") or "").strip() or None,
            url=entry.get("link"),
            outlet=outlet,
            author=entry.get("author"),
            published=published,
            published_precision=precision,
            published_basis="source",
            published_raw=raw_date,
            lang_hint=lang,
            encoding=decoded.encoding,
            warnings=warnings,
        )
