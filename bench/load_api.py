"""Load test of the API on loopback: requests per second, latency percentiles, errors.

A store is built with the samples plus ``--docs`` synthetic variants; ``khabar serve`` runs in
its own process on 127.0.0.1; ``--clients`` threads send a mix of API requests (stories,
one story, events, search, one document, contradictions, health) for ``--seconds`` or until
``--requests`` were sent, whichever comes first (bounded in time and count); a share
``--post-share`` of the API requests are writes (POST /api/documents of one new synthetic
article, with the server's API token). The baseline, measured in the same run with the same
clients, is a static file (``/static/app.css``): the cost of the server and the loopback alone.
Each run gets half of ``--seconds``. Ratios are per-request latency over the baseline's; the
writes' latencies are also given on their own. Any status of 500 or more, or no answer, is an
error (exit code 1).

    .venv/bin/python bench/load_api.py [--docs 300 --clients 8 --seconds 20 --requests 20000
                                        --post-share 0.03]
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from khabar.pipeline import ingest
from khabar.settings import load_settings
from khabar.store import open_store
from khabar.synthetic import make_corpus


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _paths(store_path: Path) -> list[str]:
    settings = load_settings({"database": str(store_path)}, environ={})
    with open_store(settings) as store:
        docs = [r[0] for r in store.db.execute("SELECT id FROM documents LIMIT 50")]
        stories = [r[0] for r in store.db.execute(
            "SELECT DISTINCT story_id FROM story_members LIMIT 50")]  # fmt: skip
    return (
        ["/api/stories?limit=20", "/api/events?limit=50", "/api/health",
         "/api/search?q=%D8%B5%D9%88%D8%A7%D8%B1%D9%8A%D8%AE", "/api/contradictions?limit=20"]
        + [f"/api/stories/{s}" for s in stories[:10]]
        + [f"/api/documents/{d}" for d in docs[:10]]
    )  # fmt: skip


def _articles(n: int) -> list[str]:
    """Texts of ``n`` synthetic articles for the writes."""
    with tempfile.TemporaryDirectory() as tmp:
        return [p.read_text(encoding="utf-8") for p in make_corpus(Path(tmp), n, seed=11)]


def _hammer(
    base: str, paths: list[str], clients: int, seconds: float, limit: int, post: dict | None = None
) -> dict:
    """``clients`` threads sending requests (GETs of ``paths``; with ``post``, a share
    ``post['share']`` of POSTs of ``post['texts']`` with ``post['token']``) until ``seconds``
    have passed or ``limit`` requests were sent."""
    latencies: list[float] = []
    writes: list[float] = []
    jobs: list[str] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    sent = [0]

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=60) as client:
            while time.monotonic() < stop:
                with lock:
                    if sent[0] >= limit:
                        return
                    sent[0] += 1
                    n = sent[0]
                writing = post is not None and rng.random() < post["share"]
                path = "/api/documents" if writing else rng.choice(paths)
                t0 = time.perf_counter()
                try:
                    if writing:
                        text = post["texts"][n % len(post["texts"])] + f"\nرقم {n}"
                        auth = {"Authorization": f"Bearer {post['token']}"}
                        r = client.post(path, json={"articles": [{"text": text}]}, headers=auth)
                    else:
                        r = client.get(path)
                    ok = r.status_code < 500
                except httpx.HTTPError as exc:
                    ok, r = False, exc
                dt = time.perf_counter() - t0
                with lock:
                    latencies.append(dt)
                    if writing:
                        writes.append(dt)
                        if ok and r.status_code == 202:
                            jobs.append(r.json()["url"])
                    if not ok:
                        errors.append(f"{'POST' if writing else 'GET'} {path}: {r}")

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return _stats(latencies, wall) | {"errors": errors, "writes": _stats(writes, wall),
                                      "jobs": jobs}  # fmt: skip


def _follow(base: str, jobs: list[str], limit_s: float = 300) -> dict:
    """Wait until every accepted write is stored (or failed): how many, in how many runs,
    and how long after the load stopped the last one was stored."""
    t0, states = time.perf_counter(), {}
    with httpx.Client(base_url=base, timeout=30) as client:
        while len(states) < len(jobs) and time.perf_counter() - t0 < limit_s:
            for url in jobs:
                if url not in states:
                    state = client.get(url).json()
                    if state["status"] in ("done", "failed"):
                        states[url] = state
            time.sleep(0.2)
    done = [s for s in states.values() if s["status"] == "done"]
    return {"accepted": len(jobs), "stored": len(done),
            "failed": [s["error"] for s in states.values() if s["status"] == "failed"],
            "pending": len(jobs) - len(states), "runs": len({s["result"]["run_id"] for s in done}),
            "after_s": time.perf_counter() - t0}  # fmt: skip


def _stats(latencies: list[float], wall: float) -> dict:
    lat = sorted(latencies) or [float("nan")]
    pct = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000  # noqa: E731
    return {"requests": len(latencies), "rps": len(latencies) / wall, "p50": pct(0.50),
            "p95": pct(0.95), "p99": pct(0.99), "mean": statistics.mean(lat) * 1000}  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--requests", type=int, default=20_000)
    ap.add_argument("--post-share", type=float, default=0.03, help="share of API POSTs")
    args = ap.parse_args()
    token = secrets.token_urlsafe(24)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.db"
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        make_corpus(corpus, args.docs)
        settings = load_settings({"database": str(db)}, environ={})
        samples = Path(__file__).resolve().parents[1] / "src" / "khabar" / "samples" / "seeds"
        with open_store(settings) as store:
            ingest([str(samples), str(corpus)], store)
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "khabar", "serve", "--db", str(db), "--port", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=os.environ | {"KHABAR_API_TOKEN": token},
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            half = args.seconds / 2
            post = {"share": args.post_share, "texts": _articles(50), "token": token}
            static = _hammer(base, ["/static/app.css"], args.clients, half, args.requests // 2)
            mixed = _hammer(base, _paths(db), args.clients, half, args.requests // 2, post)
            stored = _follow(base, mixed["jobs"])
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"{args.docs + 5} documents, {args.clients} clients on loopback, {args.seconds / 2:g}"
          f" s per run, {args.post_share:.0%} of the API mix are POSTs")  # fmt: skip
    print(f"{'run':<22}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
          f"{'errors':>8}{'p99 ratio':>11}")  # fmt: skip
    rows = (("static file (baseline)", static), ("API mix", mixed),
            ("  of which POSTs", mixed["writes"] | {"errors": []}))  # fmt: skip
    for name, r in rows:
        ratio = r["p99"] / static["p99"] if static["p99"] else float("nan")
        print(f"{name:<22}{r['requests']:>10}{r['rps']:>9.0f}{r['p50']:>9.1f}{r['p95']:>9.1f}"
              f"{r['p99']:>9.1f}{len(r['errors']):>8}{ratio:>11.1f}")  # fmt: skip
    print(f"writes: {stored['accepted']} accepted (202), {stored['stored']} stored in "
          f"{stored['runs']} ingest runs, {len(stored['failed'])} failed, {stored['pending']} "
          f"pending; the last stored {stored['after_s']:.1f} s after the load")  # fmt: skip
    errors = static["errors"] + mixed["errors"] + stored["failed"]
    errors += [f"{stored['pending']} writes never stored"] if stored["pending"] else []
    for e in errors[:5]:
        print("error:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
