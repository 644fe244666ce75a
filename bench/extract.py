"""Extraction throughput: sentences per second, next to normalisation alone (same run).

Reads paragraphs of real articles (SaudiNewsNet, Arabic; Fars News, Persian) from
../shared/corpora, or the bundled samples when the corpora are absent, and times:

* baseline: ``normalize`` of every paragraph;
* khabar: ``khabar.extract.document.extract_document`` on each article, as ingest runs it:
  every extractor (dates, places, actors, the entity recogniser, events, claims) on every
  paragraph, and the document-level steps (the lone-town filter, dictionary organisations,
  dates carried across paragraphs). The articles are cleaned into documents beforehand
  (``pipeline.build_document``, untimed), with a publication day so each is extracted once.

    .venv/bin/python bench/extract.py [--paragraphs 2000] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time

from corpora import fars_items, saudi_items

from khabar.eval.gold import samples_dir
from khabar.extract.document import extract_document
from khabar.extract.events import sentence_spans
from khabar.model import RawArticle
from khabar.normalize import normalize
from khabar.pipeline import build_document, warm_up
from khabar.settings import load_settings


def _articles(limit: int) -> list[tuple[str, list[str]]]:
    """(language, paragraphs) of articles, up to ``limit`` paragraphs: half Arabic, half
    Persian (or the samples)."""
    out: list[tuple[str, list[str]]] = []
    count = 0
    for item in saudi_items():
        paras = [p for p in (item.get("content") or "").split("\n") if len(p) > 40]
        out.append(("ar", paras))
        count += len(paras)
        if count >= limit // 2:
            break
    for item in fars_items():
        paras = [str(p) for p in item["paragraphs"]][: limit - count]
        out.append(("fa", paras))
        count += len(paras)
        if count >= limit:
            return out
    if not out:
        for p in samples_dir().glob("*.txt"):
            lines = p.read_text(encoding="utf-8").splitlines()
            out.append(("ar", [line for line in lines if len(line) > 40]))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description="khabar extraction throughput")
    ap.add_argument("--paragraphs", type=int, default=2000)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    settings = load_settings()
    docs = [build_document(RawArticle(source=f"bench:{k}", locator="", kind="txt",
                                      text="\n\n".join(paras), published="2015-08-01",
                                      lang_hint=lang), settings)
            for k, (lang, paras) in enumerate(_articles(args.paragraphs)) if paras]  # fmt: skip
    paragraphs = [p.text for d in docs for p in d.paragraphs]
    sentences = sum(len(sentence_spans(p)) for p in paragraphs)
    # load the gazetteer, lexicons and models outside the timing, as ingest does
    warm_up(settings)
    t0 = time.perf_counter()
    for p in paragraphs:
        normalize(p)
    base = time.perf_counter() - t0
    prof = cProfile.Profile() if args.profile else None
    t0 = time.perf_counter()
    if prof:
        prof.enable()
    for doc in docs:
        extract_document(doc, settings)
    if prof:
        prof.disable()
    full = time.perf_counter() - t0
    print(f"{len(paragraphs)} paragraphs, {sentences} sentences")
    print(f"  baseline normalize : {sentences / base:9.0f} sentences/s")
    ratio = full / base
    print(f"  khabar extraction  : {sentences / full:9.0f} sentences/s ({ratio:.0f}x the baseline)")
    if prof:
        pstats.Stats(prof).sort_stats("tottime").print_stats(12)
        pstats.Stats(prof).sort_stats("cumtime").print_stats("khabar", 25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
