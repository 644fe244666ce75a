"""JSON lines: one article per line with ``url``, ``title``, ``text``, ``published``, ``outlet``
and optional ``lang``.

Input: a binary stream (read line by line, so big exports stream). Output: one ``RawArticle``
per good line; a quarantine record (with the line number and the line itself) per broken line:
bad JSON, not an object, missing or empty ``text``, wrong field types, a line over the size
limit. The other lines are read as usual.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from khabar.decode import decode_bytes
from khabar.errors import EncodingError
from khabar.model import RawArticle
from khabar.readers.base import ReadContext, ReadItem, from_error, quarantine

__all__ = ["read_jsonl"]

_FIELDS = ("url", "title", "text", "published", "outlet", "lang", "author")


def _parse_line(line: str) -> tuple[dict[str, str | None] | None, str, str]:
    """Return (record, reason, detail); record is None when the line is refused."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, "bad_json", f"not valid JSON: {exc.msg} at column {exc.colno}"
    if not isinstance(obj, dict):
        return None, "bad_record", f"expected a JSON object, got {type(obj).__name__}"
    record: dict[str, str | None] = {}
    for key in _FIELDS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            return None, "bad_record", f"field {key!r} must be a string, got {type(value).__name__}"
        record[key] = value.strip() if isinstance(value, str) and value.strip() else None
    if not record["text"]:
        return None, "no_text", "the record has no 'text' field (or it is empty)"
    return record, "", ""


def read_jsonl(source: str, stream: BinaryIO, ctx: ReadContext) -> Iterator[ReadItem]:
    """Read a JSONL file; each line is its own document or quarantine record."""
    limit = ctx.settings.max_file_bytes
    for line_no, raw in enumerate(stream, start=1):
        locator = f"line {line_no}"
        if not raw.strip():
            continue
        if len(raw) > limit:
            yield quarantine(
                ctx, source=source, stage="read", reason="too_large", locator=locator,
                detail=f"line of {len(raw):,} bytes is over max_file_bytes={limit:,}", raw=raw,
            )  # fmt: skip
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
        yield RawArticle(
            source=source,
            locator=locator,
            kind="jsonl",
            text=record["text"] or "",
            title=record["title"],
            url=record["url"],
            outlet=record["outlet"],
            author=record["author"],
            published=record["published"],
            lang_hint=record["lang"],
            encoding=decoded.encoding,
        )
