"""HTML reader: a page read alone against the same page read with its container's title and date.

Makes N news pages as sites serve them (a ``<head>`` with Open Graph, Twitter and article meta
tags, JSON-LD, inline scripts and styles; a menu, breadcrumbs, the article with its headline,
byline and date line, share links, a "related" list with dates, a long footer), their articles
from the packaged samples (paragraphs shuffled and cut, numbers changed: ``khabar.synthetic``),
or with ``--real N`` from SaudiNewsNet in ../shared/corpora (skipped when absent). Then it reads
every page with ``khabar.readers.html.read_html``, in one run, interleaved, best of ``--repeat``:

* page:      ``read_html(page)``: trafilatura with its metadata (title, author, site name,
             htmldate's date), then the page's own date searched (meta tags, JSON-LD, date lines);
* container: ``read_html(page, title=..., published=...)``: what a JSONL record with ``html``
             gives; trafilatura reads the text only, no date search.

It prints pages/s each way, the ratio page/container, and how many texts are the same both ways.

    .venv/bin/python bench/html_reader.py [--pages 200] [--real 200] [--repeat 3]
                                          [--corpora ../shared/corpora]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from html import escape
from pathlib import Path

from corpora import ROOT as CORPORA
from corpora import saudi_items

from khabar.model import RawArticle
from khabar.published import parse_published
from khabar.readers.base import ReadContext
from khabar.readers.html import read_html
from khabar.settings import Settings
from khabar.synthetic import make_corpus

SITE = "شبكة الأخبار العربية"
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
          "أكتوبر", "نوفمبر", "ديسمبر"]  # fmt: skip
SECTIONS = ["الرئيسية", "العراق", "سوريا", "لبنان", "اليمن", "الخليج", "مصر", "المغرب العربي",
            "إيران", "العالم", "اقتصاد", "رياضة", "ثقافة", "تكنولوجيا", "صحة", "رأي"]  # fmt: skip
SCRIPT = ("window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
          "gtag('js',new Date());gtag('config','G-XXXX');") * 12  # fmt: skip
STYLE = ".nav a{color:#333;padding:4px 8px}.article p{line-height:1.8;margin:0 0 1em}" * 20


def _articles(n: int, real: Path | None) -> Iterator[tuple[str, list[str]]]:
    """``(title, paragraphs)`` of n articles: samples varied, or SaudiNewsNet's (``real``)."""
    if real is not None:
        for item in saudi_items(real):
            paras = [p.strip() for p in (item.get("content") or "").split("\n") if p.strip()]
            if item.get("title") and paras:
                yield item["title"].strip(), paras
                n -= 1
                if n == 0:
                    return
        return
    with tempfile.TemporaryDirectory() as tmp:
        for path in make_corpus(Path(tmp), n):
            lines = [ln.strip() for ln in path.read_text(encoding="utf-8").split("\n")]
            lines = [ln for ln in lines if ln]
            yield lines[1], lines[2:]  # line 0 is a top-of-page extra


def page(title: str, paras: list[str], day: date, i: int) -> str:
    """A news page around an article, as a site serves it."""
    when = f"{day.isoformat()}T{8 + i % 12:02d}:{i % 60:02d}:00+03:00"
    shown = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    t = escape(title)
    section = SECTIONS[i % len(SECTIONS)]
    nav = "".join(f'<li><a href="/section/{k}">{s}</a></li>' for k, s in enumerate(SECTIONS * 3))
    related = "".join(
        f'<li><a href="/news/{i}-{k}">خبر ذو صلة رقم {k} عن {SECTIONS[k % len(SECTIONS)]}</a>'
        f"<span>{(day - timedelta(days=k)).isoformat()}</span></li>"
        for k in range(10)
    )
    footer = "".join(f'<a href="/p/{k}">صفحة {k}</a> ' for k in range(30))
    body = "".join(f"<p>{escape(p)}</p>" for p in paras)
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t} | {SITE}</title>
<meta name="description" content="{escape(paras[0][:150])}">
<meta name="keywords" content="أخبار,العراق,سوريا,اليمن">
<meta property="og:type" content="article"><meta property="og:title" content="{t}">
<meta property="og:site_name" content="{SITE}"><meta property="og:url" content="https://news.example/{i}">
<meta property="og:image" content="https://news.example/img/{i}.jpg">
<meta name="twitter:card" content="summary_large_image"><meta name="twitter:title" content="{t}">
<meta property="article:published_time" content="{when}">
<meta property="article:section" content="{section}">
<meta name="author" content="محرر الشؤون العربية">
<link rel="canonical" href="https://news.example/{i}">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"{t}","datePublished":"{when}",
"author":{{"@type":"Person","name":"محرر الشؤون العربية"}},
"publisher":{{"@type":"Organization","name":"{SITE}"}}}}</script>
<script>{SCRIPT}</script><style>{STYLE}</style>
</head><body>
<header><div class="top">{shown} | <a href="/login">دخول</a></div><nav><ul>{nav}</ul></nav></header>
<div class="breadcrumb"><a href="/">الرئيسية</a> › <a href="/s">{section}</a></div>
<main><article class="article"><h1>{t}</h1>
<div class="meta"><span class="by">محرر الشؤون العربية</span> | <span>نشر في {shown}</span></div>
{body}
<div class="share"><a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a></div>
</article><aside><h3>اقرأ أيضا</h3><ul>{related}</ul></aside></main>
<footer><div>{footer}</div><p>جميع الحقوق محفوظة © {day.year} {SITE}</p></footer>
<script>{SCRIPT}</script></body></html>"""


def measure(pages: list[tuple[bytes, str, str]], repeat: int) -> None:
    ctx = ReadContext(Settings())
    given = [(data, title, parse_published(day)) for data, title, day in pages]

    def alone() -> list[object]:
        return [next(read_html("p.html", d, ctx, url=f"https://news.example/{k}"))
                for k, (d, _, _) in enumerate(given)]  # fmt: skip

    def contained() -> list[object]:
        return [next(read_html("p.html", d, ctx, url=f"https://news.example/{k}", title=t,
                               published=p)) for k, (d, t, p) in enumerate(given)]  # fmt: skip

    best = {"page": float("inf"), "container": float("inf")}
    runs: dict[str, Callable[[], list[object]]] = {"page": alone, "container": contained}
    got: dict[str, list[object]] = {}
    for r in range(repeat):
        for name in ("page", "container") if r % 2 == 0 else ("container", "page"):
            t0 = time.perf_counter()
            got[name] = runs[name]()
            best[name] = min(best[name], time.perf_counter() - t0)
    read = [(a, b) for a, b in zip(got["page"], got["container"], strict=True)
            if isinstance(a, RawArticle) and isinstance(b, RawArticle)]  # fmt: skip
    same = sum(a.text == b.text for a, b in read)
    n = len(pages)
    for name, label in (("page", "page alone (metadata + date search)"),
                        ("container", "with container title + date")):  # fmt: skip
        print(f"  {label:38s}: {n / best[name]:7.1f} pages/s ({best[name]:.2f} s)")
    print(
        f"  ratio page/container: {best['page'] / best['container']:.2f}x; "
        f"same text both ways: {same}/{len(read)} ({n - len(read)} page(s) not read)"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description="HTML reader: page metadata vs container's")
    ap.add_argument("--pages", type=int, default=200, help="synthetic pages from the samples")
    ap.add_argument("--real", type=int, default=0, help="also N SaudiNewsNet articles as pages")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpora", type=Path, default=CORPORA, help="where shared/corpora is")
    args = ap.parse_args()
    sets: list[tuple[str, int, Path | None]] = [("synthetic pages", args.pages, None)]
    if args.real and not (args.corpora / "saudinewsnet").is_dir():
        print(f"real pages: skipped, {args.corpora / 'saudinewsnet'} is absent")
    elif args.real:
        sets.append(("SaudiNewsNet articles as pages", args.real, args.corpora))
    for label, n, real in sets:
        pages = []
        for i, (title, paras) in enumerate(_articles(n, real)):
            day = date(2024, 1, 1) + timedelta(days=i % 360)
            html = page(title, paras, day, i)
            pages.append((html.encode("utf-8"), title, day.isoformat()))
        size = sum(len(p[0]) for p in pages) / max(1, len(pages))
        print(f"{label}: {len(pages)} ({size / 1024:.1f} KiB each)")
        if pages:
            measure(pages, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
