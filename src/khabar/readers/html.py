"""HTML pages: article text, title, publication date, author and site name.

Input: the page's bytes (and, from WARC, the URL and HTTP charset). Output: one ``RawArticle``
or a quarantine record: undecodable bytes, a page with no article text, or a truncated page that
yielded too little (a truncated page that still yields an article is ingested with a warning).
A page nested deeper than libxml2 reads by default (256 levels) is read again, parsed without
that limit and with its wrapper chains collapsed, before it is called empty.

Text, title, author and site name come from trafilatura. The publication date is taken, in this
order, from what the page itself says, never from a date found in a script block:

1. ``metadata`` (the page says so): ``<meta>`` tags (``article:published_time``,
   ``og:published_time``, ``itemprop=datePublished``, ``name=date``, ``pubdate``, ``DC.date``
   ...), JSON-LD ``datePublished``, ``<time datetime>`` inside the article.
2. ``date line`` (the page says so): a short visible line that is only a date, optionally after
   a label ("نشر في", "تاريخ النشر", "تاریخ انتشار", "Published"), read by
   ``khabar.pubdate.parse_date_line``. A labelled line beats an unlabelled one, which beats a
   "last updated" line; a line after the headline beats one above it (a top bar's "today").
3. ``guess`` (low confidence): trafilatura's date (htmldate without its extensive search),
   kept only at the precision it really has: a first of the month that the page's text does
   not show is stored as the month ("2024-05"), a January 1st as the year ("2024"), so a
   year-only guess is never used as a day.
"""

from __future__ import annotations

import json
import logging
import re
import warnings as _warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from khabar.decode import declared_encoding, decode_bytes
from khabar.errors import EncodingError
from khabar.model import RawArticle
from khabar.normalize import normalize
from khabar.pubdate import PubDate, parse_date_line
from khabar.published import parse_published
from khabar.readers.base import ReadContext, ReadItem, from_error, quarantine
from khabar.resources import month_names

__all__ = ["PageDate", "extract_html", "page_date", "read_html"]

log = logging.getLogger(__name__)
_CLOSING = re.compile(r"</(html|body)\s*>", re.I)

# <meta property|name|itemprop=...> holding the publication date, most specific first. The
# generic names (from "pubdate" on) rank after JSON-LD: some sites fill them with the render time.
_META_KEYS = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "datepublished", "article.published", "publish-date", "publish_date", "publishdate",
    "publication_date", "parsely-pub-date", "sailthru.date", "pubdate", "date", "dc.date.issued",
    "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created",
)  # fmt: skip
_GENERIC_META = _META_KEYS.index("pubdate")
_JSONLD_ARTICLE = re.compile(r"article|posting|report", re.I)
_INVISIBLE = ("script", "style", "noscript", "template", "head", "svg", "select", "button")
_OUTSIDE_ARTICLE = "//nav | //footer[not(ancestor::article)] | //aside[not(ancestor::article)]"
_LINE_MAX = 100  # characters of an element's text for it to be read as a date line
_SEPARATORS = re.compile(r"\s*[|•·]\s*|\n")
# Labels of a date line (matched on normalised text); "updated" lines rank last.
_PUBLISHED_LABELS = ("نشر", "نشرت", "تاريخ", "انتشار", "published", "posted", "date")
_UPDATED_LABELS = (
    "تحديث", "حدث", "updated", "modified", "به روز", "بهروز", "بروزرساني", "ويرايش",
)  # fmt: skip
_MIDNIGHT = re.compile(r"T00:00(?::00)?(?:[+-]\d{2}:\d{2})?$")
_DIGIT = re.compile(r"\d")
_NON_WORD = re.compile(r"[\W_]+")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DEEP = 200  # elements this deep: trafilatura's parse (libxml2, limit 256) may have lost the page
_WRAPPERS = ("div", "span", "section", "font", "center")


@dataclass(frozen=True, slots=True)
class PageDate:
    """A page's publication date: ISO value at ``precision``, its ``basis`` and the raw text.

    ``basis`` is ``metadata`` or ``date line`` (the page states it) or ``guess`` (low
    confidence: an extractor inferred it).
    """

    iso: str  # 2024, 2024-05, 2024-05-12, 2024-05-12T10:00, 2024-05-12T10:00+03:00
    precision: str  # year | month | day | minute | second
    basis: str  # metadata | date line | guess
    raw: str  # as the page wrote it


def extract_html(html: str | Any, url: str | None = None) -> dict[str, str | None]:
    """Run trafilatura on a page (text, or a parsed lxml tree); return text, title, date,
    author, sitename (``None`` where missing).

    ``date`` is trafilatura's own date without htmldate's extensive search (which turns a
    copyright "© 2024" into 2024-01-01): only a guess, see ``page_date``.
    """
    params = {
        "original_date": True,
        "extensive_search": False,
        "max_date": date.today().isoformat(),
    }
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore", FutureWarning)  # lxml truth-testing noise in trafilatura
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params=params,
        )  # fmt: skip
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


def _unnested(html: str) -> Any | None:
    """The page parsed without libxml2's default depth limit (256, past which it drops the rest
    of the page), with chains of wrappers (a container whose only content is one element)
    collapsed to their innermost element; None when the page is not that deep.

    Valid pages nest that deep when a site wraps its article in hundreds of ``<div>``s; libxml2
    still stops at 2,048 levels.
    """
    parser = lxml.html.HTMLParser(
        huge_tree=True, collect_ids=False, default_doctype=False, remove_comments=True,
        remove_pis=True, encoding="utf-8",
    )  # fmt: skip
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, ValueError, UnicodeError):
        return None
    depth: dict[Any, int] = {}
    deepest = 0
    for el in tree.iter():
        parent = el.getparent()
        depth[el] = depth[parent] + 1 if parent is not None else 0
        deepest = max(deepest, depth[el])
    if deepest < _DEEP:
        return None
    for el in list(tree.iter(*_WRAPPERS)):
        parent = el.getparent()
        if parent is None or len(el) != 1 or (el.text or "").strip():
            continue
        child = el[0]
        if not isinstance(child.tag, str) or (child.tail or "").strip():
            continue
        child.tail = el.tail
        parent.replace(el, child)
    return tree


# --- reading a date value -------------------------------------------------------------------


def _parse_value(value: str) -> tuple[str, str] | None:
    """``(iso, precision)`` of a date as a page's metadata writes it, or ``None``.

    Read by ``khabar.published.parse_published`` (ISO 8601 with the zone kept, RFC 2822, Unix
    time, any written date line). A time of exactly midnight is how many CMSs store a bare date:
    it is kept as the day, never as a minute that would move the date across zones.
    """
    got = parse_published(value)
    if got is None:
        return None
    if _MIDNIGHT.search(got.iso):
        return got.iso[:10], "day"
    return got.iso, got.precision


# --- 1. metadata ----------------------------------------------------------------------------


def _jsonld_dates(node: Any, out: list[tuple[int, str]]) -> None:
    """``(rank, datePublished)`` of every object in a JSON-LD tree; articles rank first."""
    if isinstance(node, list):
        for item in node:
            _jsonld_dates(item, out)
    elif isinstance(node, dict):
        value = node.get("datePublished")
        if isinstance(value, str) and value.strip():
            kind = node.get("@type")
            kinds = " ".join(kind) if isinstance(kind, list) else str(kind or "")
            out.append((0 if _JSONLD_ARTICLE.search(kinds) else 1, value))
        for key, child in node.items():
            if key != "datePublished" and isinstance(child, dict | list):
                _jsonld_dates(child, out)


def _metadata_values(tree: Any) -> list[tuple[str, str]]:
    """``(where, value)`` of every publication date the page's markup states, best first."""
    metas: list[tuple[int, str, str]] = []
    for el in tree.iter("meta"):
        content = (el.get("content") or "").strip()
        for attr in ("property", "name", "itemprop"):
            key = (el.get(attr) or "").strip().lower()
            if content and key in _META_KEYS:
                metas.append((_META_KEYS.index(key), f"meta {key}", content))
                break
    metas.sort(key=lambda m: m[0])
    found = [(where, value) for rank, where, value in metas if rank < _GENERIC_META]
    for el in tree.xpath("//*[@itemprop='datePublished'][not(self::meta)]"):
        value = el.get("datetime") or el.get("content") or el.text_content()
        if value and value.strip():
            found.append(("itemprop datePublished", value.strip()))
    jsonld: list[tuple[int, str]] = []
    for script in tree.xpath("//script[contains(@type, 'ld+json')]"):
        try:
            _jsonld_dates(json.loads(script.text or ""), jsonld)
        except (ValueError, RecursionError):
            continue  # a broken JSON-LD block says nothing we can read
    found += [("JSON-LD datePublished", v) for _, v in sorted(jsonld, key=lambda j: j[0])]
    found += [(where, value) for rank, where, value in metas if rank >= _GENERIC_META]
    for el in tree.xpath("//article//time[@datetime] | //time[@pubdate][@datetime]"):
        if el.get("datetime", "").strip():
            found.append(("<time datetime>", el.get("datetime").strip()))
    return found


# --- 2. visible date lines ------------------------------------------------------------------


def _label_rank(piece: str) -> int:
    """0 for a line labelled as the publication date, 2 for "last updated", else 1."""
    words = " " + _NON_WORD.sub(" ", normalize(piece).lower()) + " "
    if any(f" {label} " in words for label in _PUBLISHED_LABELS):
        return 0
    if any(f" {label} " in words for label in _UPDATED_LABELS):
        return 2
    return 1


def _visible(tree: Any) -> Any:
    """The tree without what a reader never sees as the article's text (mutates ``tree``)."""
    for el in tree.xpath(_OUTSIDE_ARTICLE):
        el.drop_tree()
    etree.strip_elements(tree, *_INVISIBLE, etree.Comment, with_tail=False)
    for br in tree.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return tree


def _line_date(found: PubDate) -> PageDate:
    if found.clock is None:
        return PageDate(found.iso[:10], "day", "date line", found.text)
    iso = f"{found.iso[:10]}T{found.clock}{found.zone or ''}"
    return PageDate(iso, found.precision, "date line", found.text)


def _date_line(tree: Any) -> PageDate | None:
    """The best visible date line of a (visible-only) tree."""
    h1 = next(iter(tree.iter("h1")), None)
    after_h1 = h1 is None
    best: tuple[tuple[int, int, int], PageDate] | None = None
    seen: set[str] = set()
    for order, el in enumerate(tree.iter()):
        if el is h1:
            after_h1 = True
        if not isinstance(el.tag, str):
            continue
        text = el.text_content()
        if not text.strip() or len(text) > 4 * _LINE_MAX:
            continue
        # The separated pieces first ("الكاتب | نشر في 12 مايو 2024"), then the whole text.
        pieces = [p for p in _SEPARATORS.split(text) if p.strip()] + [" ".join(text.split())]
        in_article = after_h1 or bool(el.xpath("ancestor-or-self::article"))
        for piece in pieces:
            piece = piece.strip()
            if len(piece) > _LINE_MAX or piece in seen or not _DIGIT.search(piece):
                continue
            seen.add(piece)
            found = parse_date_line(piece)
            if found is None:
                continue
            rank = (_label_rank(piece), 0 if in_article else 1, order)
            if best is None or rank < best[0]:
                best = (rank, _line_date(found))
            break  # one date line per element
    return best[1] if best else None


# --- 3. guess -------------------------------------------------------------------------------


def _shows_day(visible: str, year: int, month: int, day: int) -> bool:
    """True when the page's visible text writes this day (numeric or with a month name)."""
    norm = normalize(visible).lower()
    d, m = rf"0?{day}", rf"0?{month}"
    names = [n for n, opts in month_names().items() if ("gregorian", month) in opts]
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    patterns = [
        rf"\b{year}\s*[/\-.]\s*{m}\s*[/\-.]\s*{d}\b",
        rf"\b{d}\s*[/\-.]\s*{m}\s*[/\-.]\s*{year}\b",
        rf"\b{d}\s+(?:{alt})\s*,?\s*{year}\b",
        rf"\b(?:{alt})\s+{d}\s*,?\s*{year}\b",
    ]
    return any(re.search(p, norm) for p in patterns)


def _guess(value: str, visible: str) -> PageDate | None:
    """An extractor's guessed date at the precision the page supports (see module docstring)."""
    m = _ISO_DATE.match(value.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if day == 1 and not _shows_day(visible, year, month, day):
        if month == 1:
            return PageDate(f"{year:04d}", "year", "guess", value)
        return PageDate(f"{year:04d}-{month:02d}", "month", "guess", value)
    return PageDate(m.group(0), "day", "guess", value)


def page_date(html: str, guess: str | None = None) -> tuple[PageDate | None, list[str]]:
    """The page's publication date (metadata > visible date line > ``guess``) and warnings.

    >>> page_date('<p>x</p><span>نشر في 12 مايو 2024</span>')[0].iso
    '2024-05-12'
    >>> page_date('<footer>© 2024</footer>', guess="2024-01-01")[0].iso
    '2024'
    """
    warnings: list[str] = []
    try:
        parser = lxml.html.HTMLParser(encoding="utf-8")
        tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, ValueError, UnicodeError):
        tree = None
    if tree is not None:
        for where, value in _metadata_values(tree):
            parsed = _parse_value(value)
            if parsed is not None:
                return PageDate(parsed[0], parsed[1], "metadata", value), warnings
            warnings.append(f"page metadata date {value!r} ({where}) could not be read")
        visible = _visible(tree)
        line = _date_line(visible)
        if line is not None:
            return line, warnings
        text = visible.text_content()
    else:
        text = html
    return (_guess(guess, text) if guess else None), warnings


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
    if len(text) < ctx.settings.min_text_chars and (tree := _unnested(decoded.text)) is not None:
        fields = extract_html(tree, url)  # nested deeper than libxml2 reads by default
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
    published, date_warnings = page_date(decoded.text, guess=fields["date"])
    if published is None or published.basis != "metadata":
        warnings += date_warnings
    yield RawArticle(
        source=source,
        locator=locator,
        kind=kind,
        text=text,
        title=fields["title"],
        url=url,
        outlet=fields["sitename"],
        author=fields["author"],
        published=published.iso if published else None,
        published_precision=published.precision if published else None,
        published_basis=published.basis if published else "source",
        published_raw=published.raw if published else None,
        encoding=decoded.encoding,
        warnings=warnings,
    )
