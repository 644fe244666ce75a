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
from khabar.extract.entities import extract_entities, merge_entities
from khabar.extract.events import Mentions, extract_events, sentence_spans
from khabar.extract.places import extract_places
from khabar.normalize import normalize
from khabar.settings import load_settings


def _paragraphs(limit: int) -> list[tuple[str, str]]:
    """(language, paragraph) pairs: half Arabic, half Persian (or the samples)."""
    out: list[tuple[str, str]] = []
    for item in saudi_items():
        out += [("ar", p) for p in (item.get("content") or "").split("\n") if len(p) > 40]
        if len(out) >= limit // 2:
            break
    for item in fars_items():
        out += [("fa", str(p)) for p in item["paragraphs"]]
        if len(out) >= limit:
            return out[:limit]
    if not out:
        for p in samples_dir().glob("*.txt"):
            lines = p.read_text(encoding="utf-8").splitlines()
            out += [("ar", line) for line in lines if len(line) > 40]
    return out[:limit]


def main() -> int:
    ap = argparse.ArgumentParser(description="khabar extraction throughput")
    ap.add_argument("--paragraphs", type=int, default=2000)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    settings = load_settings()
    paragraphs = _paragraphs(args.paragraphs)
    sentences = sum(len(sentence_spans(p)) for _, p in paragraphs)
    extract_places("بغداد")  # load the gazetteer, lexicons and models outside the timing
    extract_actors("رويترز")
    for lang in ("ar", "fa", "en"):
        extract_entities("بغداد Baghdad", lang)
    t0 = time.perf_counter()
    for _, p in paragraphs:
        normalize(p)
    base = time.perf_counter() - t0
    anchor = date(2015, 8, 1)
    prof = cProfile.Profile() if args.profile else None
    t0 = time.perf_counter()
    if prof:
        prof.enable()
    for lang, p in paragraphs:  # as ingest runs them (khabar.extract.document)
        dates = extract_dates(p, anchor=anchor, settings=settings)
        found = Mentions(dates.dates, extract_places(p), extract_actors(p))
        generic = extract_generic_actors(p, found.actors)
        merge_entities(extract_entities(p, lang), found.places, found.actors + generic)
        extract_events(p, anchor=anchor, settings=settings, mentions=found)
        extract_claims(p, actors=found.actors)
    if prof:
        prof.disable()
    full = time.perf_counter() - t0
    print(f"{len(paragraphs)} paragraphs, {sentences} sentences")
    print(f"  baseline normalize : {sentences / base:9.0f} sentences/s")
    ratio = full / base
    print(f"  khabar extraction  : {sentences / full:9.0f} sentences/s ({ratio:.0f}x the baseline)")
    if prof:
        pstats.Stats(prof).sort_stats("tottime").print_stats(12)
    return 0


if __name__ == "__main__":
    sys.exit(main())
