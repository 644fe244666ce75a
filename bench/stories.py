"""Story grouping cost as the collection grows: the candidate index vs brute force.

Synthetic signatures (the story step's real input) are made for events of a fictitious
conflict: each event has its places, day, actors, counts and rare title words; each document,
in one language, carries most of its event's elements plus noise (common actors, countries),
and is published on its event's day or the next.
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
import copy
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from khabar.settings import load_settings
from khabar.store import open_store
from khabar.stories import StoryIndex


def _day(i: int) -> date:
    """The day of event ``i``: about three events a day."""
    return date(2020, 1, 1) + timedelta(days=i // 3)


def _event(rng: random.Random, i: int) -> set[str]:
    day = _day(i).isoformat()
    places = {f"place:P{rng.randrange(3000)}" for _ in range(2)}
    rest = {f"date:{day}", f"actor:A{rng.randrange(150)}", f"area:{rng.randrange(300)}",
            f"count:{rng.randrange(2, 40)}:rocket"}  # fmt: skip
    words = {f"term:ar:w{rng.randrange(20000)}" for _ in range(4)}  # rare words of its titles
    return places | rest | words


def _document(rng: random.Random, event: set[str]) -> set[str]:
    kept = {e for e in event if rng.random() < 0.8} or set(sorted(event)[:1])
    noise = {f"actor:A{rng.randrange(10)}", f"country:C{rng.randrange(5)}", "lang:ar"}
    return kept | noise


def _published(rng: random.Random, i: int) -> date:
    """A report's publication day: its event's day or the next."""
    return _day(i) + timedelta(days=rng.randrange(2))


class BruteIndex(StoryIndex):
    """The same decision, but every story is a candidate: the baseline."""

    def _candidates(
        self, elements: set[str], common: float, day: date | None = None, text: Any = None
    ) -> set[int]:
        return set(self.elements)


def _fork(index: StoryIndex, cls: type[StoryIndex]) -> StoryIndex:
    """A copy of ``index``'s in-memory state as a ``cls``, over the same store (what reloading
    it from the store would give, with the publication days the bench's documents, having no
    row of their own, cannot be reloaded with)."""
    fork = cls.__new__(cls)
    shared = ("store", "s", "decision")
    fork.__dict__.update({k: v if k in shared else copy.deepcopy(v)
                          for k, v in index.__dict__.items()})  # fmt: skip
    return fork


def _time_probes(index: StoryIndex, probe: list[tuple[set[str], date]], tag: str) -> float:
    """Milliseconds per document to place ``probe`` (signature, publication day) with
    ``index``, writes rolled back."""
    index.store.db.execute("BEGIN")
    t0 = time.perf_counter()
    for k, (doc, day) in enumerate(probe):
        index.assign(f"{tag}-{k}", doc, day=day)
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
                    index.assign(f"d{n}", doc, day=_published(rng, n // 4))
                    n += 1
                db.execute("COMMIT")
                # the next 200 documents of the stream (same events as the stream would bring)
                probe = [(_document(rng, events[(n + k) // 4]), _published(rng, (n + k) // 4))
                         for k in range(200)]  # fmt: skip
                # copies of the index try the probes; their writes are rolled back
                index_ms = _time_probes(_fork(index, StoryIndex), probe, f"p{size}")
                brute_ms = _time_probes(_fork(index, BruteIndex), probe, f"b{size}")
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                ratio = brute_ms / index_ms
                print(f"{size:>10} {index_ms:>13.2f} {brute_ms:>13.2f} {ratio:>12.1f} {peak:>9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
