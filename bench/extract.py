"""Extraction throughput: sentences per second, next to normalisation alone (same run).

Reads paragraphs of real articles (SaudiNewsNet, Arabic; Fars News, Persian) from
../shared/corpora, or the bundled samples when the corpora are absent, and times:

* baseline: ``normalize`` of every paragraph;
* khabar: every extractor (dates, places, actors, the entity recogniser, events, claims) on
  every paragraph, as ingest runs them (``khabar.extract.document``).

    .venv/bin/python bench/extract.py [--paragraphs 2000] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from datetime import date

from corpora import fars_items, saudi_items

from khabar.eval.gold import samples_dir
from khabar.extract.actors import extract_actors, extract_generic_actors
from khabar.extract.claims import extract_claims
from khabar.extract.dates import extract_dates
from khabar.extract.entities import (
    extract_demonyms,
    extract_entities,
    extract_entities_batch,
    merge_entities,
)
from khabar.extract.events import Mentions, extract_events, sentence_spans
from khabar.extract.places import extract_places
from khabar.normalize import normalize
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
    articles = _articles(args.paragraphs)
    paragraphs = [(lang, p) for lang, paras in articles for p in paras]
    sentences = sum(len(sentence_spans(p)) for _, p in paragraphs)
    extract_places("بغداد")  # load the gazetteer, lexicons and models outside the timing
    extract_actors("رويترز")
    for lang in ("ar", "fa", "en"):
        extract_entities("بغداد Baghdad", lang)
        # an event sentence, so that the type, detector and mode models load too
        extract_events("قتل 3 أشخاص في بغداد. 3 killed in Baghdad.", anchor=None,
                       settings=settings, lang=lang)  # fmt: skip
    t0 = time.perf_counter()
    for _, p in paragraphs:
        normalize(p)
    base = time.perf_counter() - t0
    anchor = date(2015, 8, 1)
    prof = cProfile.Profile() if args.profile else None
    t0 = time.perf_counter()
    if prof:
        prof.enable()
    for lang, paras in articles:  # as ingest runs them (khabar.extract.document)
        for p, model in zip(paras, extract_entities_batch(paras, lang), strict=True):
            dates = extract_dates(p, anchor=anchor, settings=settings)
            found = Mentions(dates.dates, extract_places(p), extract_actors(p))
            generic = extract_generic_actors(p, found.actors)
            merge_entities(model, found.places, found.actors + generic, extract_demonyms(p, lang))
            extract_events(p, anchor=anchor, settings=settings, mentions=found, lang=lang)
            extract_claims(p, actors=sorted(found.actors + generic, key=lambda a: a.span.start))
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
