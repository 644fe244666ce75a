"""Readers: turn paths (files or folders) into ``RawArticle`` and ``QuarantineRecord`` items.

``read_paths`` walks folders (sorted, so runs are reproducible), refuses what cannot be read
(missing path, unreadable file or folder, over-size file) with a quarantine record, and hands
each file to the reader for its format: ``.txt`` plain text, ``.html`` pages, ``.jsonl``
records, ``.rss``/``.atom``/``.xml`` feeds, ``.warc``/``.warc.gz`` archives. Any of them may be
compressed (``.gz``, ``.bz2``, ``.xz``: ``news.jsonl.gz``); it is decompressed as it is read,
never whole: a JSONL line or a text over ``max_file_bytes`` is quarantined ``too_large`` without
being held, and a compressed file that breaks off is quarantined ``bad_compression`` after the
records read before the break. A file named on the command line with another suffix is sniffed
from its first bytes (decompressed first when they are gzip, bzip2 or xz).

In a folder, files with no known suffix are not read, and symbolic links to folders are not
followed; both are listed in ``ReadContext.skipped_files`` (``unsupported_suffix``,
``symlinked_folder``, ``symlink_loop`` for a link to a folder that contains it), which the
ingest summary shows.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from khabar.readers.base import (
    BOMB_SLACK,
    CompressionBomb,
    ReadContext,
    ReadItem,
    path_text,
    quarantine,
    storable,
)
from khabar.readers.feeds import read_feed
from khabar.readers.html import read_html
from khabar.readers.jsonl import read_jsonl
from khabar.readers.text import read_text
from khabar.readers.warc import read_warc

__all__ = ["ReadContext", "ReadItem", "format_of", "read_paths"]

# magic bytes of the compressed formats read, and how to open them as a stream
_COMPRESSIONS: tuple[tuple[bytes, str, Callable[[IO[bytes]], IO[bytes]]], ...] = (
    (b"\x1f\x8b", "gzip", lambda fh: gzip.GzipFile(fileobj=fh, mode="rb")),
    (b"BZh", "bzip2", lambda fh: bz2.BZ2File(fh, mode="rb")),
    (b"\xfd7zXZ\x00", "xz", lambda fh: lzma.LZMAFile(fh, mode="rb")),
)
# what a compressed stream raises when it breaks off or is corrupt
_DECOMPRESS_ERRORS = (EOFError, zlib.error, lzma.LZMAError, gzip.BadGzipFile, OSError, ValueError)
_SNIFF_BYTES = 512


def _compression(head: bytes) -> tuple[str, Callable[[IO[bytes]], IO[bytes]]] | None:
    for magic, name, opener in _COMPRESSIONS:
        if head.startswith(magic):
            return name, opener
    return None


def _by_suffix(name: str, ctx: ReadContext) -> str | None:
    s = ctx.settings
    for fmt, suffixes in (("warc", s.warc_suffixes), ("jsonl", s.jsonl_suffixes),
                          ("html", s.html_suffixes), ("feed", s.feed_suffixes),
                          ("txt", s.text_suffixes)):  # fmt: skip
        if name.endswith(tuple(x.lower() for x in suffixes)):
            return fmt
    return None


def _sniff(head: bytes) -> str:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith(b"warc/"):
        return "warc"
    if stripped.startswith((b"<?xml", b"<rss", b"<feed")):
        return "feed"
    if stripped.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return "html"
    if stripped.startswith(b"{"):
        return "jsonl"
    return "txt"


def format_of(path: Path, ctx: ReadContext, *, sniff: bool = False) -> str | None:
    """The format of ``path`` from its suffix, a compression suffix set aside (``.jsonl.gz`` is
    JSON lines), or, with ``sniff``, from its first bytes (decompressed when compressed)."""
    name = path.name.lower()
    fmt = _by_suffix(name, ctx)
    if fmt is None:
        for suffix in ctx.settings.compressed_suffixes:
            if name.endswith(suffix.lower()) and len(name) > len(suffix):
                fmt = _by_suffix(name[: -len(suffix)], ctx)
                break
    if fmt is not None or not sniff:
        return fmt
    try:
        with path.open("rb") as fh:
            head = fh.read(_SNIFF_BYTES)
            packed = _compression(head)
            if packed is not None:
                fh.seek(0)
                with packed[1](fh) as inner:
                    head = inner.read(_SNIFF_BYTES)
    except (OSError, *_DECOMPRESS_ERRORS):
        return "txt"  # the read error is reported when the file is read
    return _sniff(head)


def _files(path: Path, ctx: ReadContext) -> Iterator[tuple[Path, str] | ReadItem]:
    if path.is_dir():
        yield from _walk(path, ctx)
        return
    if not path.exists() and not path.is_symlink():
        yield quarantine(
            ctx, source=path_text(path), stage="read", reason="not_found",
            detail=f"{path_text(path)} does not exist (check the path and the working directory)",
        )  # fmt: skip
        return
    yield path, format_of(path, ctx, sniff=True) or "txt"


def _walk(root: Path, ctx: ReadContext) -> Iterator[tuple[Path, str] | ReadItem]:
    """The files under ``root`` in name order; folders that cannot be listed are quarantined,
    links to folders are listed as not followed (see the module docstring)."""
    errors: list[OSError] = []
    for folder, dirs, names in os.walk(root, onerror=errors.append):
        while errors:
            exc = errors.pop(0)
            where = path_text(exc.filename or folder)
            yield quarantine(
                ctx, source=where, stage="read", reason="unreadable",
                detail=f"cannot list folder {where}: {exc.strerror or exc}; its files were "
                "not read",
            )  # fmt: skip
        dirs.sort()
        for name in dirs:
            child = Path(folder) / name
            if child.is_symlink():
                inside = Path(folder).resolve()
                target = child.resolve()
                loop = inside == target or target in inside.parents
                ctx.skip_file(child, "symlink_loop" if loop else "symlinked_folder")
        for name in sorted(names):
            child = Path(folder) / name
            fmt = format_of(child, ctx)
            if fmt is None:
                ctx.skip_file(child, "unsupported_suffix")
                continue
            yield child, fmt
    while errors:  # the root itself could not be listed
        exc = errors.pop(0)
        yield quarantine(
            ctx, source=path_text(root), stage="read", reason="unreadable",
            detail=f"cannot list folder {path_text(root)}: {exc.strerror or exc}",
        )  # fmt: skip


class _RatioGuard:
    """A decompressing stream (``read``, ``readline``) that raises ``CompressionBomb`` once it
    has given more than ``ratio`` times the compressed bytes read from ``raw`` (and over
    ``BOMB_SLACK``):
    a gzip of two gigabytes of blank lines is 2 MB, and reading it line by line would take
    minutes. ``ratio`` 0 never stops."""

    def __init__(self, stream: IO[bytes], raw: IO[bytes], ratio: float) -> None:
        self._stream, self._raw, self._ratio = stream, raw, ratio
        self.given = 0

    def _count(self, data: bytes) -> bytes:
        self.given += len(data)
        if self._ratio and self.given > BOMB_SLACK \
                and self.given > self._ratio * max(1, self._raw.tell()):  # fmt: skip
            raise CompressionBomb(f"{self.given:,} bytes from {self._raw.tell():,} compressed")
        return data

    def read(self, size: int = -1) -> bytes:
        return self._count(self._stream.read(size))

    def readline(self, size: int = -1) -> bytes:
        return self._count(self._stream.readline(size))


def _capped_read(stream: IO[bytes], limit: int) -> bytes:
    """At most ``limit + 1`` bytes of ``stream`` (one more than allowed tells it is over)."""
    return stream.read(limit + 1)


def _read_file(path: Path, fmt: str, ctx: ReadContext) -> Iterator[ReadItem]:
    source = path_text(path)
    limit = ctx.settings.max_file_bytes
    packed: tuple[str, Callable[[IO[bytes]], IO[bytes]]] | None = None
    read = 0  # articles and records handed on before a decompression error
    try:
        size = path.stat().st_size
        with path.open("rb") as raw_stream:
            packed = _compression(raw_stream.read(8))
            raw_stream.seek(0)
            if packed is not None and (fmt != "warc" or packed[0] != "gzip"):
                # warcio reads gzipped WARCs itself, member by member (offsets stay its own)
                stream: Any = _RatioGuard(packed[1](raw_stream), raw_stream,
                                          ctx.settings.max_decompression_ratio)  # fmt: skip
            else:
                packed, stream = None, raw_stream
            if fmt in ("jsonl", "warc"):
                reader = read_jsonl if fmt == "jsonl" else read_warc
                for item in reader(source, stream, ctx):
                    read += 1
                    yield item
                return
            if packed is None and size > limit:
                yield quarantine(
                    ctx, source=source, stage="read", reason="too_large", raw_size=size,
                    detail=f"{size:,} bytes is over max_file_bytes={limit:,}; "
                    "raise KHABAR_MAX_FILE_BYTES to read it (raw input referenced, not copied)",
                )  # fmt: skip
                return
            data = _capped_read(stream, limit)
            if len(data) > limit:
                yield quarantine(
                    ctx, source=source, stage="read", reason="too_large", raw_size=size,
                    detail=f"decompresses to over max_file_bytes={limit:,} bytes "
                    f"({size:,} bytes compressed); raise KHABAR_MAX_FILE_BYTES to read it",
                )  # fmt: skip
                return
    except CompressionBomb as exc:
        ratio = ctx.settings.max_decompression_ratio
        yield quarantine(
            ctx, source=source, stage="read", reason="too_large",
            detail=f"decompresses to over {ratio:g} times its compressed size ({exc}): a "
            f"compression bomb, read no further; {read} item(s) read before it were kept "
            "(raise KHABAR_MAX_DECOMPRESSION_RATIO to read it)",
        )  # fmt: skip
        return
    except _DECOMPRESS_ERRORS as exc:
        if packed is None or isinstance(exc, FileNotFoundError | PermissionError):
            yield quarantine(
                ctx, source=source, stage="read", reason="unreadable",
                detail=f"cannot read {source}: {getattr(exc, 'strerror', None) or exc}",
            )  # fmt: skip
            return
        yield quarantine(
            ctx, source=source, stage="read", reason="bad_compression",
            detail=f"the {packed[0]} stream breaks off or is corrupt ({type(exc).__name__}: "
            f"{exc}); {read} item(s) read before it were kept",
        )  # fmt: skip
        return
    reader = {"txt": read_text, "html": read_html, "feed": read_feed}[fmt]
    yield from reader(source, data, ctx)


def read_paths(paths: list[str | os.PathLike[str]], ctx: ReadContext) -> Iterator[ReadItem]:
    """Yield every article (or quarantine record) found under ``paths``, in a stable order,
    with text the store can hold (``readers.base.storable``)."""
    for p in paths:
        for item in _files(Path(p), ctx):
            if isinstance(item, tuple):
                for read in _read_file(item[0], item[1], ctx):
                    yield storable(read)
            else:
                yield storable(item)
