"""What every reader shares: the read context, size checks and quarantine records.

A reader is a function ``read(source, data, ctx) -> Iterator[RawArticle | QuarantineRecord]``
over the bytes of one container (file, or record of a container). It never raises for bad
input: it yields a ``QuarantineRecord`` with the reason, so one bad document never stops a batch.

Text that cannot be stored is made storable here, once for every reader (``storable``): a file
name that is not UTF-8 is written with its bytes escaped (``\\xff``), and a lone surrogate code
point (a JSON ``"\\ud800"``) is replaced by U+FFFD with a warning that names the fields.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Protocol

from khabar.errors import InputError
from khabar.model import QuarantineRecord, RawArticle
from khabar.settings import Settings

__all__ = [
    "BOMB_SLACK",
    "CompressionBomb",
    "ReadContext",
    "ReadItem",
    "Reader",
    "path_text",
    "quarantine",
    "storable",
]

ReadItem = RawArticle | QuarantineRecord


@dataclass(slots=True)
class ReadContext:
    """Settings plus counters of what readers skipped on purpose (e.g. WARC request records),
    and the files and folders that were not read at all, each with why (``skip_file``)."""

    settings: Settings
    skipped: Counter[str] = field(default_factory=Counter)
    skipped_files: list[tuple[str, str]] = field(default_factory=list)

    def skip_file(self, path: str | os.PathLike[str], reason: str) -> None:
        """Count and list a file or folder that is not read (``unsupported_suffix``,
        ``symlink_loop``, ``symlinked_folder``)."""
        self.skipped[reason] += 1
        self.skipped_files.append((path_text(path), reason))


_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


BOMB_SLACK = 1 << 20  # decompressed bytes always allowed, whatever the ratio


class CompressionBomb(Exception):  # noqa: N818 (a reader's signal, turned into a quarantine row)
    """Compressed input gave more than ``max_decompression_ratio`` bytes for each compressed
    byte read (``readers._RatioGuard``, and the WARC reader's own gzip decompression)."""


def path_text(path: str | os.PathLike[str]) -> str:
    """A path as storable text: bytes of the name that are not UTF-8 (which Python keeps as
    surrogates) written as ``\\xNN``.

    >>> path_text(os.fsdecode(b"news/\\xff.txt"))
    'news/\\\\xff.txt'
    """
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    text = _ESCAPED_BYTE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", text)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _repaired(value: str | None) -> str | None:
    return _SURROGATE.sub("\ufffd", value) if value else value


def storable(item: ReadItem) -> ReadItem:
    """``item`` with text that UTF-8 (and so the store) can hold: see the module docstring."""
    if isinstance(item, QuarantineRecord):
        if not any(_SURROGATE.search(v) for v in (item.source, item.locator, item.detail)):
            return item
        return replace(item, source=path_text(item.source), locator=path_text(item.locator),
                       detail=_SURROGATE.sub("\ufffd", item.detail))  # fmt: skip
    fields = ("text", "title", "url", "outlet", "author", "published", "published_raw",
              "crawled", "lang_hint", "encoding")  # fmt: skip
    bad = [f for f in fields if _SURROGATE.search(getattr(item, f) or "")]
    source, locator = path_text(item.source), path_text(item.locator)
    if not bad and (source, locator) == (item.source, item.locator):
        return item
    warnings = [_SURROGATE.sub("\ufffd", w) for w in item.warnings]
    if bad:
        warnings.append(
            f"lone surrogate code points (not text) in {', '.join(bad)} replaced with U+FFFD"
        )
    return replace(item, source=source, locator=locator, warnings=warnings,
                   **{f: _repaired(getattr(item, f)) for f in bad})  # fmt: skip


class Reader(Protocol):
    def __call__(self, source: str, data: bytes, ctx: ReadContext) -> Iterator[ReadItem]: ...


def quarantine(
    ctx: ReadContext,
    *,
    source: str,
    stage: str,
    reason: str,
    detail: str,
    raw: bytes | None = None,
    raw_size: int | None = None,
    locator: str = "",
    severity: str = "rejected",
) -> QuarantineRecord:
    """A quarantine record; ``raw`` is kept when small enough, else referenced by size and hash."""
    size = len(raw) if raw is not None else raw_size
    digest = hashlib.sha256(raw).hexdigest() if raw is not None else None
    keep = raw if raw is not None and len(raw) <= ctx.settings.quarantine_keep_bytes else None
    return QuarantineRecord(
        source=source,
        locator=locator,
        stage=stage,
        reason=reason,
        detail=detail,
        severity=severity,
        raw=keep,
        raw_size=size,
        raw_sha256=digest,
    )


def from_error(
    ctx: ReadContext, exc: InputError, *, source: str, stage: str, raw: bytes, locator: str = ""
) -> QuarantineRecord:
    return quarantine(
        ctx, source=source, stage=stage, reason=exc.reason, detail=str(exc), raw=raw,
        locator=locator,
    )  # fmt: skip
