"""How long `khabar --help` takes to start, next to a bare `python -c pass` (same run).

Each command runs in a fresh subprocess --runs times; the median wall time of each is printed
with the ratio of the two, so the number means the same on a slower machine. Issue 20 asks for
under 0.5 s (it was about 1-3 s while cli.py imported numpy, scikit-learn and the store at the
top); `python -m khabar --help` is timed too.

    .venv/bin/python bench/cli_start.py [--runs 9]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _median_seconds(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description="khabar CLI start-up time")
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    base = _median_seconds([sys.executable, "-c", "pass"], args.runs)
    print(f"{args.runs} runs each, median wall time")
    print(f"  python -c pass          : {base:6.3f} s")
    script = Path(sys.executable).parent / "khabar"  # the installed entry point
    khabar = [str(script)] if script.exists() else [sys.executable, "-m", "khabar"]
    for label, cmd in (
        ("khabar --help", [*khabar, "--help"]),
        ("python -m khabar --help", [sys.executable, "-m", "khabar", "--help"]),
    ):
        took = _median_seconds(cmd, args.runs)
        print(f"  {label:<24}: {took:6.3f} s ({took / base:.1f}x python -c pass)")


if __name__ == "__main__":
    main()
