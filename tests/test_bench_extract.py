"""bench/extract.py runs at a tiny size (the benches are run on demand; this keeps it working)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_extract_bench_runs_at_a_tiny_size() -> None:
    done = subprocess.run([sys.executable, "bench/extract.py", "--paragraphs", "30"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "sentences/s" in done.stdout and "khabar extraction" in done.stdout
