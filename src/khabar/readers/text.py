"""Plain-text articles: one ``.txt`` file per article, first non-empty line the title.

Input: the file's bytes. Output: one ``RawArticle`` (``title_in_text=True``: cleaning decides
which line is really the title, since scraped files often start with a masthead) or a quarantine
record (empty, binary, invalid UTF-8, undecodable).
"""

from __future__ import annotations

from collections.abc import Iterator

from khabar.decode import decode_bytes
from khabar.errors import EncodingError
from khabar.model import RawArticle
from khabar.readers.base import ReadContext, ReadItem, from_error

__all__ = ["read_text"]


def read_text(source: str, data: bytes, ctx: ReadContext) -> Iterator[ReadItem]:
    """Read one plain-text article."""
    try:
        decoded = decode_bytes(data, source=source, binary_ratio=ctx.settings.binary_control_ratio)
    except EncodingError as exc:
        yield from_error(ctx, exc, source=source, stage="decode", raw=data)
        return
    yield RawArticle(
        source=source,
        locator="",
        kind="txt",
        text=decoded.text,
        encoding=decoded.encoding,
        title_in_text=True,
        warnings=decoded.warnings,
    )
