"""What every reader shares: the read context, size checks and quarantine records.

A reader is a function ``read(source, data, ctx) -> Iterator[RawArticle | QuarantineRecord]``
over the bytes of one container (file, or record of a container). It never raises for bad
input: it yields a ``QuarantineRecord`` with the reason, so one bad document never stops a batch.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from khabar.errors import InputError
from khabar.model import QuarantineRecord, RawArticle
from khabar.settings import Settings

__all__ = ["ReadContext", "ReadItem", "Reader", "quarantine"]

ReadItem = RawArticle | QuarantineRecord


@dataclass(slots=True)
class ReadContext:
    """Settings plus counters of what readers skipped on purpose (e.g. WARC request records)."""

    settings: Settings
    skipped: Counter[str] = field(default_factory=Counter)


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
