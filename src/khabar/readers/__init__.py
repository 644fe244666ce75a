"""Readers: turn paths (files or folders) into ``RawArticle`` and ``QuarantineRecord`` items.

``read_paths`` walks folders (sorted, so runs are reproducible), refuses what cannot be read
(missing path, unreadable file, over-size file) with a quarantine record, and hands each file to
the reader for its format: ``.txt`` plain text, ``.html`` pages, ``.jsonl`` records, ``.rss``/
``.atom``/``.xml`` feeds, ``.warc``/``.warc.gz`` archives. A file named on the command line with
another suffix is sniffed from its first bytes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from khabar.readers.base import ReadContext, ReadItem, quarantine
from khabar.readers.feeds import read_feed
from khabar.readers.html import read_html
from khabar.readers.jsonl import read_jsonl
from khabar.readers.text import read_text
from khabar.readers.warc import read_warc

__all__ = ["ReadContext", "ReadItem", "format_of", "read_paths"]


def format_of(path: Path, ctx: ReadContext, *, sniff: bool = False) -> str | None:
    """The format of ``path`` from its suffix (or, with ``sniff``, its first bytes)."""
    s = ctx.settings
    name = path.name.lower()
    for fmt, suffixes in (("warc", s.warc_suffixes), ("jsonl", s.jsonl_suffixes),
                          ("html", s.html_suffixes), ("feed", s.feed_suffixes),
                          ("txt", s.text_suffixes)):  # fmt: skip
        if name.endswith(tuple(suffixes)):
            return fmt
    if not sniff:
        return None
    try:
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError:
        return "txt"  # the read error is reported when the file is read
    if head.startswith(b"\x1f\x8b"):
        return "warc"
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


def _files(path: Path, ctx: ReadContext) -> Iterator[tuple[Path, str] | ReadItem]:
    if path.is_dir():
        for root, dirs, names in os.walk(path):
            dirs.sort()
            for name in sorted(names):
                child = Path(root) / name
                fmt = format_of(child, ctx)
                if fmt is None:
                    ctx.skipped["unsupported_suffix"] += 1
                    continue
                yield child, fmt
        return
    if not path.exists() and not path.is_symlink():
        yield quarantine(
            ctx, source=str(path), stage="read", reason="not_found",
            detail=f"{path} does not exist (check the path and the working directory)",
        )  # fmt: skip
        return
    yield path, format_of(path, ctx, sniff=True) or "txt"


def _read_file(path: Path, fmt: str, ctx: ReadContext) -> Iterator[ReadItem]:
    source = str(path)
    try:
        size = path.stat().st_size
        if fmt in ("jsonl", "warc"):
            with path.open("rb") as stream:
                reader = read_jsonl if fmt == "jsonl" else read_warc
                yield from reader(source, stream, ctx)
            return
        if size > ctx.settings.max_file_bytes:
            yield quarantine(
                ctx, source=source, stage="read", reason="too_large", raw_size=size,
                detail=f"{size:,} bytes is over max_file_bytes={ctx.settings.max_file_bytes:,}; "
                "raise KHABAR_MAX_FILE_BYTES to read it (raw input referenced, not copied)",
            )  # fmt: skip
            return
        data = path.read_bytes()
    except OSError as exc:
        yield quarantine(
            ctx, source=source, stage="read", reason="unreadable",
            detail=f"cannot read {path}: {exc.strerror or exc}",
        )  # fmt: skip
        return
    reader = {"txt": read_text, "html": read_html, "feed": read_feed}[fmt]
    yield from reader(source, data, ctx)


def read_paths(paths: list[str | os.PathLike[str]], ctx: ReadContext) -> Iterator[ReadItem]:
    """Yield every article (or quarantine record) found under ``paths``, in a stable order."""
    for p in paths:
        for item in _files(Path(p), ctx):
            if isinstance(item, tuple):
                yield from _read_file(item[0], item[1], ctx)
            else:
                yield item
