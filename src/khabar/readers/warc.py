"""WARC files (warcio): HTML responses only.

Input: a binary stream of a (possibly gzipped) WARC. Output: one ``RawArticle`` per HTML response
(via the HTML reader, with the record's URL and HTTP charset); a quarantine record per response
that is not HTML (image, PDF, JSON...) or whose HTTP status is not a success (``http_error``: a
404 page, a redirect, a server error), referencing the WARC offset, and one (``bad_warc``) for
a WARC that breaks off (truncated, also inside a gzip member or a record's content) or is
corrupt, after the records read before it. Request, metadata and warcinfo records are counted as
skipped.

Memory stays bounded on any input: a response's payload is read up to ``max_file_bytes``, a
WARC or HTTP header line up to ``max_header_line_bytes`` (a longer one ends the file as
``bad_warc`` instead of being held), and gzip members are decompressed a megabyte at a time.
"""

from __future__ import annotations

import io
import os
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader

from khabar.readers.base import BOMB_SLACK, CompressionBomb, ReadContext, ReadItem, quarantine
from khabar.readers.html import read_html

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MAX_OUT = 1 << 20  # bytes decompressed from a gzip member at a time


class _LongLine(ValueError):
    """A WARC or HTTP header line over ``max_header_line_bytes``."""


class _CappedReader(DecompressingBufferedReader):
    """warcio's reader with bounds: a line longer than ``max_line`` raises (warcio reads header
    lines whole), a block of compressed input is decompressed ``_MAX_OUT`` bytes at a time
    (warcio decompresses a block whole: 16 KiB of a gzip bomb is 16 MiB), and a gzip member
    that ends before its end-of-stream marker (a cut ``.warc.gz``) is noted."""

    def __init__(self, stream: BinaryIO, max_line: int, ratio: float = 0.0, **kwargs: Any) -> None:
        super().__init__(stream, **kwargs)
        self.max_line = max_line
        self.cut_member = False
        self._tail = b""  # compressed input read but not decompressed yet
        self._ratio = ratio  # max_decompression_ratio: more out per byte in is a bomb (0: off)
        self._in = self._out = 0

    def _decompress(self, data: bytes) -> bytes:
        if not self.decompressor or not data:
            return data
        try:
            out = self.decompressor.decompress(data, _MAX_OUT)
        except zlib.error:
            return super()._decompress(data)  # warcio decides: not gzip after all, or corrupt
        self._tail = self.decompressor.unconsumed_tail
        self._in += len(data) - len(self._tail)
        self._out += len(out)
        if self._ratio and self._out > BOMB_SLACK and self._out > self._ratio * max(1, self._in):
            raise CompressionBomb(f"{self._out:,} bytes from {self._in:,} compressed")
        return out

    def _fillbuff(self, block_size: int | None = None) -> None:
        if self._tail and self.decompressor is not None and self.empty():
            tail, self._tail = self._tail, b""
            self._process_read(tail)
            if not self.empty():
                return
        super()._fillbuff(block_size)

    def rem_length(self) -> int:
        return super().rem_length() + len(self._tail)  # record offsets count compressed bytes

    def readline(self, length: int | None = None) -> bytes:
        cap = self.max_line
        want = cap + 1 if not length or length > cap else length
        line = b""
        while len(line) < want:  # warcio's own readline may stop short of ``want``
            piece = super().readline(want - len(line))
            line += piece
            if not piece or piece.endswith(b"\n"):
                break
        if len(line) > cap and not line.endswith(b"\n"):
            raise _LongLine(f"a header line is longer than max_header_line_bytes={cap:,}")
        return line

    def close_decompressor(self) -> None:
        if self.decompressor is not None and self.num_block_read:
            self.cut_member = not getattr(self.decompressor, "eof", True)
        super().close_decompressor()


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


def _status(record: Any) -> str:
    headers = getattr(record, "http_headers", None)
    return (headers.get_statuscode() or "") if headers else ""


def _size(stream: BinaryIO) -> int | None:
    """Bytes in ``stream`` when it is a file or an in-memory buffer (None: unknown)."""
    if isinstance(stream, io.BytesIO):
        return stream.getbuffer().nbytes
    try:
        return os.fstat(stream.fileno()).st_size
    except (AttributeError, OSError, io.UnsupportedOperation):
        return None


def _cut(iterator: ArchiveIterator, last: Any, reader: _CappedReader, size: int | None) -> str:
    """Why the WARC that ``iterator`` read to its end is cut short ("" when it is whole)."""
    stream = getattr(last, "raw_stream", None) if last is not None else None
    if isinstance(stream, LimitReader) and stream.limit > 0:
        return f"its last record lacks {stream.limit:,} bytes of its declared Content-Length"
    if reader.cut_member:
        return "its gzip stream ends inside a record"
    if size is not None and 0 <= iterator.offset < size:
        return f"{size - iterator.offset:,} bytes after offset {iterator.offset} are no record"
    return ""


def read_warc(source: str, stream: BinaryIO, ctx: ReadContext) -> Iterator[ReadItem]:
    """Read the HTML responses of a WARC file."""
    s = ctx.settings
    size = _size(stream)
    iterator = ArchiveIterator(stream)
    reader = _CappedReader(iterator.fh, s.max_header_line_bytes, s.max_decompression_ratio)
    iterator.reader = reader  # created unread by ArchiveIterator; records are read through it
    last = None
    read = 0
    try:
        for record in iterator:
            last = record
            if record.format != "warc":
                yield quarantine(
                    ctx, source=source, stage="parse", reason="bad_warc",
                    detail=f"not a WARC file (read as {record.format.upper()}); only WARC is "
                    "supported: convert ARC files with `warcio recompress`",
                )  # fmt: skip
                return
            read += 1
            if record.rec_type != "response":
                ctx.skipped[f"warc_{record.rec_type}"] += 1
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            status = _status(record)
            mime, charset = _content_type(record)
            payload = record.content_stream().read(s.max_file_bytes + 1)
            locator = f"offset {iterator.get_record_offset()}"
            if status and not status.startswith("2"):
                yield quarantine(
                    ctx, source=source, stage="read", reason="http_error", locator=locator,
                    detail=f"WARC response for {url} has HTTP status {status}, not a page "
                    "that was served", raw_size=len(payload),
                )  # fmt: skip
                continue
            if mime not in _HTML_TYPES:
                yield quarantine(
                    ctx, source=source, stage="read", reason="not_html", locator=locator,
                    detail=f"WARC response for {url} is {mime or 'untyped'}, not HTML",
                    raw_size=len(payload),
                )  # fmt: skip
                continue
            if len(payload) > s.max_file_bytes:
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
            detail=f"the WARC breaks off or is corrupt after {read} record(s): {exc}",
        )  # fmt: skip
        return
    why = _cut(iterator, last, reader, size)
    if why:
        yield quarantine(
            ctx, source=source, stage="parse", reason="bad_warc",
            detail=f"the WARC is cut short after {read} record(s): {why}",
        )  # fmt: skip
