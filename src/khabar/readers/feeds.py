"""RSS and Atom feed files (feedparser): one article per entry.

Input: the feed's bytes. Output: one ``RawArticle`` per entry that has text (its content, else
its summary, HTML stripped); a quarantine record for a file that is not a feed at all, and for
each entry without any text.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
import lxml.html
from lxml.etree import ParserError

from khabar.model import RawArticle
from khabar.readers.base import ReadContext, ReadItem, quarantine

__all__ = ["read_feed"]

_BLOCK_TAGS = re.compile(r"</?(p|div|br|li|h[1-6]|blockquote)[^>]*>", re.I)


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


def _entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC).isoformat(timespec="minutes")


def read_feed(source: str, data: bytes, ctx: ReadContext) -> Iterator[ReadItem]:
    """Read an RSS/Atom file."""
    parsed = feedparser.parse(data)
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
        yield RawArticle(
            source=source,
            locator=locator,
            kind="feed",
            text=text,
            title=(entry.get("title") or "").strip() or None,
            url=entry.get("link"),
            outlet=outlet,
            author=entry.get("author"),
            published=_entry_date(entry),
            lang_hint=lang,
            encoding=parsed.get("encoding") or "utf-8",
        )
