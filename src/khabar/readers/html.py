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

A container that hands the page over may already say what the page's metadata would (a JSONL
record's ``title`` and ``published`` beside its ``html``). ``read_html`` takes them (``title``,
``published``) and keeps them, the date with ``published_basis="source"``. When it gives both a
title and a date of day precision or better, trafilatura is asked for the text only
(``with_metadata=False``: no meta tags, JSON-LD, byline or htmldate search) and the page's own
date is not looked for: a page is read 1.3 to 2 times faster (``bench/html_reader.py``). What is
not read from the page: trafilatura's author (JSON-LD, byline heuristics) and site name from
``<title>`` or JSON-LD, its categories and tags, and a page date more precise than the
container's day. The site name and author the page states in ``<meta>`` tags
(``og:site_name``, ``application-name``, ``author``, ``article:author``, ``DC.creator``) are
still read by pattern from the ``<head>`` only (``head_meta``, cheap), the site name falling back
to the URL's host as trafilatura's does; so are ``og:title``, ``twitter:title`` and ``<title>``,
only to drop a headline line at the top of the text, so the text is the same either way. When
only one of title and date is given, the missing one is read from the page as above. A date
coarser than a day (``2024-05``) is not enough: the page is searched, and its date is taken when
it is more precise and within the container's (``2024-05-12`` within ``2024-05``), else the
container's stays. A WARC's
``WARC-Date`` is a crawl time: it is never handed over as a publication date.
"""

from __future__ import annotations

import json
import logging
import re
import warnings as _warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from html import unescape
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from khabar.decode import declared_encoding, decode_bytes
from khabar.errors import EncodingError
from khabar.model import RawArticle
from khabar.normalize import normalize
from khabar.pubdate import PubDate, parse_date_line
from khabar.published import PRECISIONS as _PRECISIONS
from khabar.published import Published, parse_published
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
    confidence: an extractor inferred it); ``source`` in ``read_html`` for the container's date.
    """

    iso: str  # 2024, 2024-05, 2024-05-12, 2024-05-12T10:00, 2024-05-12T10:00+03:00
    precision: str  # year | month | day | minute | second
    basis: str  # metadata | date line | guess (| source: the container's)
    raw: str  # as the page wrote it


def extract_html(
    html: str | Any,
    url: str | None = None,
    *,
    with_metadata: bool = True,
    titles: tuple[str | None, ...] = (),
) -> dict[str, str | None]:
    """Run trafilatura on a page (text, or a parsed lxml tree); return text, title, date,
    author, sitename (``None`` where missing).

    ``date`` is trafilatura's own date without htmldate's extensive search (which turns a
    copyright "© 2024" into 2024-01-01): only a guess, see ``page_date``. With
    ``with_metadata=False`` trafilatura reads the text only (the four others are ``None``). A
    first line of the text that is the page's title (trafilatura's, or one of ``titles``) is
    dropped.
    """
    params = {
        "original_date": True,
        "extensive_search": False,
        "max_date": date.today().isoformat(),
    }
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore", FutureWarning)  # lxml truth-testing noise in trafilatura
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=with_metadata, include_comments=False,
            include_tables=False, date_extraction_params=params if with_metadata else None,
        )  # fmt: skip
    if doc is None:
        return {"text": None, "title": None, "date": None, "author": None, "sitename": None}
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = d.get("text") or ""
    found = d.get("title") if with_metadata else None
    lines = text.split("\n")
    known = {t.strip() for t in (found, *titles) if t and t.strip()}
    if lines and lines[0].strip() in known:
        text = "\n".join(lines[1:])
    return {
        "text": text,
        "title": found,
        "date": d.get("date"),
        "author": d.get("author"),
        "sitename": d.get("sitename"),
    }


_HEAD_END = re.compile(r"</head\s*>|<body[\s>]", re.I)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_SITE_KEYS = ("og:site_name", "application-name")
_TITLE_KEYS = ("og:title", "twitter:title")
_TITLE_TAG = re.compile(r"<title[^>]*>([^<]*)</title", re.I)
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:]\s+")
_AUTHOR_KEYS = ("author", "article:author", "dc.creator")
_HOST = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/:?#]+)", re.I)


def head_meta(html: str, url: str | None = None) -> dict[str, Any]:
    """What the page's ``<head>`` states, read by pattern (no parse, no search of the body): what
    stays cheap to know when trafilatura's metadata is skipped. ``sitename`` and ``author`` from
    ``<meta>`` tags (``sitename`` falls back to the URL's host); ``titles`` the page's own titles
    (``og:title``, ``twitter:title``, ``<title>`` and its pieces around " | " or " - "), to know
    a headline line at the top of the text.

    >>> head_meta('<head><meta content="الخبر" property="og:site_name"></head>')["sitename"]
    'الخبر'
    """
    end = _HEAD_END.search(html)
    head = html[: end.start()] if end else html[:65536]
    found: dict[str, str] = {}
    for tag in _META_TAG.findall(head):
        attrs = {m[0].lower(): m[1] or m[2] or m[3] for m in _ATTR.findall(tag)}
        key = (attrs.get("property") or attrs.get("name") or "").strip().lower()
        value = " ".join(unescape(attrs.get("content") or "").split())
        if key in _SITE_KEYS + _AUTHOR_KEYS + _TITLE_KEYS and value and key not in found:
            found[key] = value
    site = next((found[k] for k in _SITE_KEYS if k in found), None)
    authors = [found[k] for k in _AUTHOR_KEYS if k in found]
    author = next((a for a in authors if not a.startswith(("http:", "https:"))), None)
    if site is None and url and (m := _HOST.match(url)):
        site = m.group(1)
    titles = [found[k] for k in _TITLE_KEYS if k in found]
    if m := _TITLE_TAG.search(head):
        whole = " ".join(unescape(m.group(1)).split())
        titles += [whole, *_TITLE_SEPARATORS.split(whole)]
    return {"sitename": site, "author": author, "titles": tuple(t for t in titles if t)}


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


_DAY_OR_BETTER = ("day", "minute", "second")


def _refines(page: PageDate, given: Published) -> bool:
    """True when the page's date is more precise than the container's and within it."""
    finer = _PRECISIONS.index(page.precision) > _PRECISIONS.index(given.precision)
    return finer and page.iso.startswith(given.iso)


def read_html(
    source: str,
    data: bytes,
    ctx: ReadContext,
    *,
    url: str | None = None,
    charset: str | None = None,
    locator: str = "",
    kind: str = "html",
    title: str | None = None,
    published: Published | None = None,
) -> Iterator[ReadItem]:
    """Read one HTML page; ``title`` and ``published`` are what its container says (see the
    module docstring: given both, with a day or better, the page's metadata is not read)."""
    declared = charset or declared_encoding(data)
    try:
        decoded = decode_bytes(
            data, declared=declared, source=source, binary_ratio=ctx.settings.binary_control_ratio
        )
    except EncodingError as exc:
        yield from_error(ctx, exc, source=source, stage="decode", raw=data, locator=locator)
        return
    title = title.strip() if title and title.strip() else None
    dated = published is not None and published.precision in _DAY_OR_BETTER
    metadata = not (title and dated)
    truncated = _CLOSING.search(decoded.text[-4096:]) is None
    head = None if metadata else head_meta(decoded.text, url)
    titles = (title, *head["titles"]) if head else (title,)
    fields = extract_html(decoded.text, url, with_metadata=metadata, titles=titles)
    text = (fields["text"] or "").strip()
    if len(text) < ctx.settings.min_text_chars and (tree := _unnested(decoded.text)) is not None:
        # nested deeper than libxml2 reads by default
        fields = extract_html(tree, url, with_metadata=metadata, titles=titles)
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
    if head is not None:
        fields |= {"sitename": head["sitename"], "author": head["author"]}
    warnings = list(decoded.warnings)
    if truncated:
        warnings.append("HTML is truncated (no closing </body> or </html>); text may be partial")
    found: PageDate | None = None
    if not dated:
        found, date_warnings = page_date(decoded.text, guess=fields["date"])
        if published is not None and (found is None or not _refines(found, published)):
            found = None  # the container's coarse date stays
        elif found is None or found.basis != "metadata":
            warnings += date_warnings
    if found is None and published is not None:
        found = PageDate(published.iso, published.precision, "source", published.text)
    yield RawArticle(
        source=source,
        locator=locator,
        kind=kind,
        text=text,
        title=title or fields["title"],
        url=url,
        outlet=fields["sitename"],
        author=fields["author"],
        published=found.iso if found else None,
        published_precision=found.precision if found else None,
        published_basis=found.basis if found else "source",
        published_raw=found.raw if found else None,
        encoding=decoded.encoding,
        warnings=warnings,
    )
