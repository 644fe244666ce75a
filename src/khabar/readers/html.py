"""HTML pages: article text, title, publication date, author and site name via trafilatura.

Input: the page's bytes (and, from WARC, the URL and HTTP charset). Output: one ``RawArticle``
or a quarantine record: undecodable bytes, a page with no article text, or a truncated page that
yielded too little (a truncated page that still yields an article is ingested with a warning).
"""

from __future__ import annotations

import logging
import re
import warnings as _warnings
from collections.abc import Iterator

import trafilatura

from khabar.decode import declared_encoding, decode_bytes
from khabar.errors import EncodingError
from khabar.model import RawArticle
from khabar.readers.base import ReadContext, ReadItem, from_error, quarantine

__all__ = ["extract_html", "read_html"]

log = logging.getLogger(__name__)
_CLOSING = re.compile(r"</(html|body)\s*>", re.I)


def extract_html(html: str, url: str | None = None) -> dict[str, str | None]:
    """Run trafilatura; return text, title, date, author, sitename (``None`` where missing)."""
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore", FutureWarning)  # lxml truth-testing noise in trafilatura
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    if doc is None:
        return {"text": None, "title": None, "date": None, "author": None, "sitename": None}
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = d.get("text") or ""
    title = d.get("title")
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title.strip():
        text = "\n".join(lines[1:])
    return {
        "text": text,
        "title": title,
        "date": d.get("date"),
        "author": d.get("author"),
        "sitename": d.get("sitename"),
    }


def read_html(
    source: str,
    data: bytes,
    ctx: ReadContext,
    *,
    url: str | None = None,
    charset: str | None = None,
    locator: str = "",
    kind: str = "html",
) -> Iterator[ReadItem]:
    """Read one HTML page."""
    declared = charset or declared_encoding(data)
    try:
        decoded = decode_bytes(
            data, declared=declared, source=source, binary_ratio=ctx.settings.binary_control_ratio
        )
    except EncodingError as exc:
        yield from_error(ctx, exc, source=source, stage="decode", raw=data, locator=locator)
        return
    truncated = _CLOSING.search(decoded.text[-4096:]) is None
    fields = extract_html(decoded.text, url)
    text = (fields["text"] or "").strip()
    if len(text) < ctx.settings.min_text_chars:
        why = "the page is truncated (no closing </body> or </html>) and " if truncated else ""
        yield quarantine(
            ctx, source=source, stage="parse", reason="truncated_html" if truncated else "no_text",
            detail=f"{why}trafilatura found {len(text)} characters of article text "
            f"(minimum {ctx.settings.min_text_chars})",
            raw=data, locator=locator,
        )  # fmt: skip
        return
    warnings = list(decoded.warnings)
    if truncated:
        warnings.append("HTML is truncated (no closing </body> or </html>); text may be partial")
    yield RawArticle(
        source=source,
        locator=locator,
        kind=kind,
        text=text,
        title=fields["title"],
        url=url,
        outlet=fields["sitename"],
        author=fields["author"],
        published=fields["date"],
        encoding=decoded.encoding,
        warnings=warnings,
    )
