"""Ingest throughput: the whole pipeline of issue #3 against a same-run I/O baseline.

Makes N synthetic articles by varying the five samples (paragraphs shuffled and dropped, numbers
changed, boilerplate lines varied), writes them as .txt files, then measures in one run:

* baseline: read every file and write its bytes into a fresh SQLite table (no processing);
* khabar:   ``khabar.ingest`` into a fresh store (decode, clean, langid, dedup, store, FTS).

Optionally also real Arabic text: ``--real N`` ingests N SaudiNewsNet articles from
../shared/corpora as JSONL (skipped when the corpora are absent).

    .venv/bin/python bench/ingest.py [--docs 2000] [--real 2000] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from corpora import saudi_items

from khabar.executors import make_executor
from khabar.pipeline import ingest
from khabar.settings import load_settings
from khabar.store import open_store
from khabar.synthetic import make_corpus


def real_jsonl(path: Path, n: int) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for item in saudi_items():
            # date_extracted is the crawl time, not the publication date: it goes as such (an
            # upper bound; the text's weekdays say the day of writing)
            rec = {"url": item.get("url"), "title": item.get("title"),
                   "text": item.get("content"), "outlet": item.get("source"),
                   "date_extracted": item.get("date_extracted")}  # fmt: skip
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            count += 1
            if count >= n:
                return count
    return count


def baseline(paths: list[Path], db: Path) -> float:
    t0 = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE raw (name TEXT PRIMARY KEY, body BLOB)")
    for i, p in enumerate(paths):
        con.execute("INSERT INTO raw VALUES (?, ?)", (p.name, p.read_bytes()))
        if i % 100 == 99:
            con.commit()
    con.commit()
    con.close()
    return time.perf_counter() - t0


def run_khabar(
    inputs: list[str], db: Path, profile: bool, extract: bool = True, executor: str = "inprocess"
) -> tuple[float, dict]:
    settings = load_settings({"database": str(db), "extract": extract})
    prof = cProfile.Profile() if profile else None
    with open_store(settings) as store:
        t0 = time.perf_counter()  # the executor's start (spawning its workers) counts
        runner = make_executor(executor) if executor != "inprocess" else None  # as the CLI
        if prof:
            prof.enable()
        try:
            report = ingest(inputs, store, executor=runner)
        finally:
            if runner is not None:
                runner.close()
        if prof:
            prof.disable()
        elapsed = time.perf_counter() - t0
    if prof:
        print("\nprofile (top 15 by own time):")
        pstats.Stats(prof).sort_stats("tottime").print_stats(15)
    return elapsed, report.counts()


_OUTCOME = ("ingested", "exact_duplicates", "near_duplicates", "quarantined", "shared_paragraphs")


def _outcome(counts: dict) -> str:
    return json.dumps({k: counts[k] for k in _OUTCOME})


def main() -> int:
    ap = argparse.ArgumentParser(description="khabar ingest throughput")
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--real", type=int, default=0, help="also ingest N real Arabic articles")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--executor", default="auto", choices=["auto", "inprocess", "processes"],
                    help="where the per-document steps of the timed runs go (khabar ingest's "
                         "default: auto, local processes past 1,000 items)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        folder = tmpdir / "docs"
        folder.mkdir()
        paths = make_corpus(folder, args.docs)
        base = baseline(paths, tmpdir / "baseline.db")
        bare, _ = run_khabar([str(folder)], tmpdir / "bare.db", False, extract=False)
        elapsed, counts = run_khabar([str(folder)], tmpdir / "khabar.db", args.profile,
                                     executor=args.executor)
        n = args.docs
        print(f"synthetic articles: {n}")
        print(f"  baseline read+write : {n / base:8.0f} docs/s ({base:.2f} s)")
        print(f"  ingest, no extraction (KHABAR_EXTRACT=0): {n / bare:8.0f} docs/s ({bare:.2f} s)")
        print(f"  ingest with extraction ({args.executor}): {n / elapsed:8.0f} docs/s "
              f"({elapsed:.2f} s), {elapsed / base:.1f}x the baseline time")  # fmt: skip
        print(f"  outcome: {_outcome(counts)}")
        print(f"  seconds by stage: {counts['seconds']}")
        if args.real:
            jsonl = tmpdir / "real.jsonl"
            got = real_jsonl(jsonl, args.real)
            if got:
                bare, _ = run_khabar([str(jsonl)], tmpdir / "real-bare.db", False, extract=False)
                elapsed, counts = run_khabar([str(jsonl)], tmpdir / "real.db", False,
                                             executor=args.executor)
                print(f"real Arabic articles (SaudiNewsNet): {got}")
                print(f"  ingest, no extraction (KHABAR_EXTRACT=0): {got / bare:8.0f} docs/s")
                print(f"  ingest with extraction ({args.executor}): "
                      f"{got / elapsed:8.0f} docs/s ({elapsed:.2f} s)")
                print(f"  outcome: {_outcome(counts)}")
                print(f"  quarantine reasons: {counts['quarantine_reasons']}")
                print(f"  seconds by stage: {counts['seconds']}")
            else:
                print("real corpus not found under ../shared/corpora; skipped")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory (whole process): {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
