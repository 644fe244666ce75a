"""Search speed: ``store.search`` against the bare FTS5 ranking it is built on, in one run.

Builds a store of N documents (default 10,000): synthetic variants of the five samples
(``khabar.synthetic``: paragraphs shuffled and cut, numbers changed), cleaned as ingest cleans
them and stored with their full-text entries (no extraction, no stories: search does not read
them). Then, for each query (a word most documents hold, words fewer hold, two
words), it times, interleaved, the median of ``--repeat`` calls of:

* raw:        ``SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?``
              (the ranking alone: the floor any search pays);
* khabar:     ``store.search(query, limit=L)``: the same ranking first, then the rows of the L
              hits joined, and a snippet of each hit's original text marked;
* join first: the query khabar ran before (every match joined to its document row, then ranked
              and cut), for reference.

It prints each median and the ratios khabar/raw (the bar: at most 1.5x over all queries) and
join-first/raw.

    .venv/bin/python bench/search.py [--docs 10000] [--limit 20] [--repeat 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from khabar.model import RawArticle
from khabar.normalize import index_form, normalize, tokens
from khabar.pipeline import build_document
from khabar.settings import load_settings
from khabar.store import SQLiteStore, open_store
from khabar.synthetic import make_corpus

QUERIES = ("الحشد", "الموصل", "التاجي", "كتائب حزب")
_JOIN_FIRST = ("SELECT d.id, d.title, d.lang, d.published, d.outlet, d.body,"
               " bm25(documents_fts) AS score FROM documents_fts"
               " JOIN documents d ON d.rowid = documents_fts.rowid"
               " WHERE documents_fts MATCH ? ORDER BY score LIMIT ?")  # fmt: skip
_RAW = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?"


def fill(store: SQLiteStore, folder: Path, n: int) -> float:
    """Store ``n`` cleaned synthetic documents; seconds taken."""
    t0 = time.perf_counter()
    paths = make_corpus(folder, n, seed=11)
    run_id = store.begin_run([str(folder)])
    signature = np.zeros(8, dtype=np.uint32)  # no duplicate index here: any signature will do
    seen: set[str] = set()
    with store.transaction():
        for path in paths:
            raw = RawArticle(str(path), "", "txt", path.read_text(encoding="utf-8"))
            doc = build_document(raw, store.settings)
            if doc.id in seen:
                continue
            seen.add(doc.id)
            store.add_document(doc, run_id=run_id, minhash=signature, paragraph_minhashes={})
    store.end_run(run_id, "finished", {"documents": len(seen)})
    return time.perf_counter() - t0


def match_string(query: str) -> str:
    """The FTS5 query ``store.search`` sends for ``query`` (every word, quoted)."""
    return " ".join(f'"{w}"' for w in tokens(index_form(normalize(query))))


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description="store.search against the bare FTS5 ranking")
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--limit", type=int, default=20, help="hits per search (a page)")
    ap.add_argument("--repeat", type=int, default=15, help="calls per median")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings({"database": str(Path(tmp) / "s.db")}, environ={})
        with open_store(settings) as store:
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            built = fill(store, corpus, args.docs)
            stored = store.db.execute("SELECT count(*) FROM documents").fetchone()[0]
            print(f"{stored} documents stored in {built:.1f} s; {args.limit} hits per search, "
                  f"median of {args.repeat} calls")  # fmt: skip
            head = ("query", "matches", "raw ms", "khabar ms", "join-first ms", "khabar/raw")
            print("{:<12} {:>8} {:>8} {:>10} {:>14} {:>11}".format(*head))
            totals = [0.0, 0.0, 0.0]
            db = store.db
            for query in QUERIES:
                fts = match_string(query)
                matches = store.search_count(query)
                hits = store.search(query, limit=args.limit)
                raw_ids = [r[0] for r in db.execute(_RAW, (fts, args.limit))]
                assert len(hits) == len(raw_ids), (query, len(hits), len(raw_ids))
                runs = {"raw": lambda f=fts: db.execute(_RAW, (f, args.limit)).fetchall(),
                        "khabar": lambda q=query: store.search(q, limit=args.limit),
                        "join": lambda f=fts: db.execute(_JOIN_FIRST, (f, args.limit)).fetchall()}
                for fn in runs.values():  # warm the page cache
                    fn()
                ms = {name: [] for name in runs}
                for _ in range(3):  # interleaved, so load on the machine falls on all three
                    for name, fn in runs.items():
                        ms[name].append(median_ms(fn, max(1, args.repeat // 3)))
                raw, ours, join = (statistics.median(ms[k]) for k in ("raw", "khabar", "join"))
                totals = [totals[0] + raw, totals[1] + ours, totals[2] + join]
                print(f"{query:<12} {matches:>8} {raw:>8.2f} {ours:>10.2f} {join:>14.2f}"
                      f" {ours / raw:>10.2f}x")  # fmt: skip
            raw, ours, join = totals
            print(f"all queries: khabar/raw {ours / raw:.2f}x (bar 1.5x), "
                  f"join-first/raw {join / raw:.2f}x")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
