"""Every bench script runs at a tiny size (the benches are run on demand; this keeps each one
working). Those reading ../shared/corpora say so and measure nothing when it is absent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
TINY = {
    "extract.py": ["--paragraphs", "30"],
    "hostile.py": ["--scale", "0.002", "--only", "tolls,blank-bomb"],
    "html_reader.py": ["--pages", "10", "--real", "10", "--repeat", "1"],
    "cli_start.py": ["--runs", "1"],
    "clean_corpora.py": ["--arabic", "20", "--examples", "1"],
    "embed.py": ["--texts", "3", "--numpy-texts", "2"],
    "ingest.py": ["--docs", "5", "--real", "5"],
    "langid_corpora.py": ["--arabic", "20"],
    "load_api.py": ["--docs", "2", "--clients", "2", "--seconds", "1", "--requests", "50"],
    "scale.py": ["--sizes", "10", "--executors", "inprocess", "--backends", "sqlite"],
    "search.py": ["--docs", "60", "--repeat", "3"],
    "stories.py": ["--sizes", "100,200"],
    "stories_real.py": ["--docs", "12", "--show", "1"],
    "story_text_similarity.py": ["--docs", "12"],
}


def test_every_bench_script_has_a_tiny_run() -> None:
    scripts = {p.name for p in (ROOT / "bench").glob("*.py")} - {"corpora.py"}  # a helper
    assert scripts == set(TINY)


@pytest.mark.parametrize("script", sorted(TINY))
def test_bench_runs_at_a_tiny_size(script: str) -> None:
    done = subprocess.run([sys.executable, f"bench/{script}", *TINY[script]], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip(), "the bench printed nothing"
    if script == "extract.py":  # its ratio against the baseline
        assert "sentences/s" in done.stdout and "khabar extraction" in done.stdout
