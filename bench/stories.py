"""Story grouping cost as the collection grows: the candidate index vs brute force.

Synthetic signatures (the story step's real input) are made for events of a fictitious
conflict: each event has its places, day, actors, counts and rare title words; each document,
in one language, carries most of its event's elements plus noise (common actors, countries).
Documents are grouped with ``khabar.stories.StoryIndex`` in a real SQLite store (the bench opens
and rolls back its transactions itself). At 1k, 10k
and 50k documents the next 200 documents are timed twice, in the same run: through khabar's
index, and by brute force (the same decision with every story as a candidate), both with the
same writes, rolled back.
Memory is the process peak.

    .venv/bin/python bench/stories.py [--sizes 1000,10000,50000]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from khabar.settings import load_settings
from khabar.store import open_store
from khabar.stories import StoryIndex


def _event(rng: random.Random, i: int) -> set[str]:
    day = (date(2020, 1, 1) + timedelta(days=i // 3)).isoformat()  # about three events a day
    places = {f"place:P{rng.randrange(3000)}" for _ in range(2)}
    rest = {f"date:{day}", f"actor:A{rng.randrange(150)}", f"area:{rng.randrange(300)}",
            f"count:{rng.randrange(2, 40)}:rocket"}  # fmt: skip
    words = {f"term:ar:w{rng.randrange(20000)}" for _ in range(4)}  # rare words of its titles
    return places | rest | words


def _document(rng: random.Random, event: set[str]) -> set[str]:
    kept = {e for e in event if rng.random() < 0.8} or set(sorted(event)[:1])
    noise = {f"actor:A{rng.randrange(10)}", f"country:C{rng.randrange(5)}", "lang:ar"}
    return kept | noise


class BruteIndex(StoryIndex):
    """The same decision, but every story is a candidate: the baseline."""

    def _candidates(self, elements: set[str], common: float) -> set[int]:
        return set(self.elements)


def _time_probes(index: StoryIndex, probe: list[set[str]], tag: str) -> float:
    """Milliseconds per document to place ``probe`` with ``index``, writes rolled back."""
    index.store.db.execute("BEGIN")
    t0 = time.perf_counter()
    for k, doc in enumerate(probe):
        index.assign(f"{tag}-{k}", doc)
    elapsed = time.perf_counter() - t0
    index.store.db.execute("ROLLBACK")
    return elapsed * 1000 / len(probe)


def main() -> int:
    ap = argparse.ArgumentParser(description="story grouping growth curve")
    ap.add_argument("--sizes", default="1000,10000,50000")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    rng = random.Random(3)
    events = [_event(rng, i) for i in range(max(sizes) // 4 + 51)]
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings({"database": str(Path(tmp) / "s.db")})
        with open_store(settings) as store:
            db = store.db
            db.execute("PRAGMA foreign_keys=OFF")
            index = StoryIndex(store, settings)
            n = 0
            head = ("documents", "index ms/doc", "brute ms/doc", "brute/index", "peak MiB")
            print("{:>10} {:>13} {:>13} {:>12} {:>9}".format(*head))
            for size in sizes:
                db.execute("BEGIN")
                while n < size:
                    doc = _document(rng, events[n // 4])
                    index.assign(f"d{n}", doc)
                    n += 1
                db.execute("COMMIT")
                # the next 200 documents of the stream (same events as the stream would bring)
                probe = [_document(rng, events[(n + k) // 4]) for k in range(200)]
                # fresh copies of the index try the probes; their writes are rolled back
                index_ms = _time_probes(StoryIndex(store, settings), probe, f"p{size}")
                brute_ms = _time_probes(BruteIndex(store, settings), probe, f"b{size}")
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                ratio = brute_ms / index_ms
                print(f"{size:>10} {index_ms:>13.2f} {brute_ms:>13.2f} {ratio:>12.1f} {peak:>9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
