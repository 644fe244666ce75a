"""WARC files (warcio): HTML responses only.

Input: a binary stream of a (possibly gzipped) WARC. Output: one ``RawArticle`` per HTML response
(via the HTML reader, with the record's URL and HTTP charset); a quarantine record per response
that is not HTML (image, PDF, JSON...) referencing the WARC offset, and one for a WARC that breaks
off (truncated or corrupt). Request, metadata and warcinfo records are counted as skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from khabar.readers.base import ReadContext, ReadItem, quarantine
from khabar.readers.html import read_html

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _content_type(record: object) -> tuple[str, str | None]:
    headers = getattr(record, "http_headers", None)
    value = headers.get_header("Content-Type", "") if headers else ""
    mime, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.strip().partition("=")
        if key.lower() == "charset" and val:
            charset = val.strip("\"' ")
    return mime.strip().lower(), charset


def read_warc(source: str, stream: BinaryIO, ctx: ReadContext) -> Iterator[ReadItem]:
    """Read the HTML responses of a WARC file."""
    iterator = ArchiveIterator(stream)
    try:
        for record in iterator:
            if record.format != "warc":
                yield quarantine(
                    ctx, source=source, stage="parse", reason="bad_warc",
                    detail=f"not a WARC file (read as {record.format.upper()}); only WARC is "
                    "supported: convert ARC files with `warcio recompress`",
                )  # fmt: skip
                return
            if record.rec_type != "response":
                ctx.skipped[f"warc_{record.rec_type}"] += 1
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            mime, charset = _content_type(record)
            payload = record.content_stream().read(ctx.settings.max_file_bytes + 1)
            locator = f"offset {iterator.get_record_offset()}"
            if mime not in _HTML_TYPES:
                yield quarantine(
                    ctx, source=source, stage="read", reason="not_html", locator=locator,
                    detail=f"WARC response for {url} is {mime or 'untyped'}, not HTML",
                    raw_size=len(payload),
                )  # fmt: skip
                continue
            if len(payload) > ctx.settings.max_file_bytes:
                yield quarantine(
                    ctx, source=source, stage="read", reason="too_large", locator=locator,
                    detail=f"HTML response for {url} is over max_file_bytes", raw_size=len(payload),
                )  # fmt: skip
                continue
            yield from read_html(
                source, payload, ctx, url=url, charset=charset, locator=locator, kind="warc"
            )
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        yield quarantine(
            ctx, source=source, stage="parse", reason="bad_warc",
            detail=f"the WARC breaks off or is corrupt after the records read so far: {exc}",
        )  # fmt: skip
