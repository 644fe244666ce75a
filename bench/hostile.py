"""Hostile inputs against the bounds of issue 19: each is ingested alone by ``khabar ingest`` in
a child process, and its wall time and peak memory (max RSS) are printed beside the bounds
(60 s, 2 GiB) and beside the same run's baseline: the five bundled samples ingested the same way.

The inputs are generated (seeded) in a temporary folder, never stored:

* ``tolls``: reports of one attack, each sentence with five random numbers (a story whose
  fusion weighs every pair of mentions and every pair of tolls grew with their square);
* ``blank-bomb``: 2 GiB of blank JSON lines, gzipped to about 2 MB;
* ``endless-line``: a gzipped JSON line of 512 MiB that never ends;
* ``long-paragraph``: a 2 MB paragraph without punctuation;
* ``big-batch``: 18 MB of ordinary reports in one JSONL file (13,000 documents: its time is
  judged per document, its memory as a whole).

    .venv/bin/python bench/hostile.py [--scale 1.0] [--only tolls,blank-bomb]

``--scale`` shrinks every input (the tests run it at 0.002).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SENTENCE = ("قتل {0} شخصا وأصيب {1} آخرون في هجوم على بلدة {town} يوم الأحد بحسب {2} مصدرا "
            "و{3} شاهدا و{4} مسؤولا.")  # fmt: skip
TOWNS = ("الموصل", "بغداد", "كركوك", "تكريت")
BOUND_S, BOUND_MIB = 60.0, 2048


def _tolls(path: Path, scale: float) -> Path:
    rng = random.Random(1)
    out = path / "tolls.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for d in range(max(2, int(200 * scale))):
            text = " ".join(SENTENCE.format(*(rng.randint(1, 999) for _ in range(5)),
                                            town=TOWNS[i % 4]) for i in range(100))  # fmt: skip
            fh.write(json.dumps({"title": f"هجوم {d}", "text": text, "published": "2024-05-06"},
                                ensure_ascii=False) + "\n")  # fmt: skip
    return out


def _blank_bomb(path: Path, scale: float) -> Path:
    out = path / "blank.jsonl.gz"
    with gzip.open(out, "wb", compresslevel=9) as fh:
        for _ in range(max(2, int(2048 * scale))):
            fh.write(b"\n" * (1 << 20))
    return out


def _endless_line(path: Path, scale: float) -> Path:
    out = path / "endless.jsonl.gz"
    with gzip.open(out, "wb", compresslevel=9) as fh:
        fh.write(b'{"text": "')
        for _ in range(max(2, int(512 * scale))):
            fh.write(b"a" * (1 << 20))
    return out


def _long_paragraph(path: Path, scale: float) -> Path:
    out = path / "long.txt"
    words = ("كلمة", "أخرى", "هنا", "هناك")
    n = max(1000, int(2_000_000 * scale) // 5)
    out.write_text("عنوان\n" + " ".join(words[i % 4] for i in range(n)), encoding="utf-8")
    return out


def _big_batch(path: Path, scale: float) -> Path:
    rng = random.Random(2)
    out = path / "batch.jsonl"
    size = 0
    with out.open("w", encoding="utf-8") as fh:
        n = 0
        while size < max(20_000, int(18_000_000 * scale)):
            text = " ".join(SENTENCE.format(*(rng.randint(1, 99) for _ in range(5)),
                                            town=rng.choice(TOWNS)) for _ in range(8))  # fmt: skip
            day = f"2024-05-{1 + n % 28:02d}"
            line = json.dumps({"title": f"تقرير {n}", "text": text, "published": day},
                              ensure_ascii=False)  # fmt: skip
            fh.write(line + "\n")
            size += len(line.encode()) + 1
            n += 1
    return out


_BATCHES = {"big-batch"}  # many documents: the time bound is per document, memory per run
INPUTS: dict[str, Callable[[Path, float], Path]] = {
    "tolls": _tolls, "blank-bomb": _blank_bomb, "endless-line": _endless_line,
    "long-paragraph": _long_paragraph, "big-batch": _big_batch,
}  # fmt: skip


_CHILD = r"""
import json, resource, sys
from khabar.pipeline import ingest
from khabar.settings import load_settings
from khabar.store import open_store
settings = load_settings({"database": sys.argv[2], "reference_date": "2024-05-10"}, environ={})
with open_store(settings) as store:
    report = ingest([sys.argv[1]], store)
print(json.dumps({"mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                  "stored": report.ingested, "quarantined": len(report.quarantined)}))
"""


def _ingest(path: Path, db: Path) -> tuple[float, dict]:
    """(seconds, what the child says: peak MiB, stored, quarantined) of ingesting ``path`` in
    a child process of its own (its peak memory is its own)."""
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(db)],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return time.perf_counter() - t0, json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description="khabar on hostile inputs: time and memory")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--only", default=",".join(INPUTS))
    args = ap.parse_args()
    samples = Path(__file__).resolve().parent.parent / "src" / "khabar" / "samples" / "seeds"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base_s, base = _ingest(samples, folder / "base.db")
        print(f"bounds: {BOUND_S:g} s and {BOUND_MIB} MiB per input; baseline (the 5 samples): "
              f"{base_s:.1f} s, {base['mib']} MiB")  # fmt: skip
        print(f"  {'input':<15} {'bytes':>12} {'seconds':>8} {'x base':>7} {'peak MiB':>9} "
              f"{'stored':>7} {'quarantined':>11}")  # fmt: skip
        for name in args.only.split(","):
            path = INPUTS[name](folder, args.scale)
            seconds, got = _ingest(path, folder / f"{name}.db")
            # a batch of thousands of reports is many inputs: its time is judged per document
            per = seconds / max(1, got["stored"]) if name in _BATCHES else seconds
            over = "  OVER" if per > BOUND_S or got["mib"] > BOUND_MIB else ""
            print(f"  {name:<15} {path.stat().st_size:>12,} {seconds:>8.1f} "
                  f"{seconds / base_s:>7.1f} {got['mib']:>9} {got['stored']:>7} "
                  f"{got['quarantined']:>11}{over}")  # fmt: skip
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
