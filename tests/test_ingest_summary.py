"""The ingest summary of the CLI names every quarantined input with its reason and every file
that was not read (issue 19: nothing lost in silence)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REFERENCE_DATE
from tests.helpers import DATA


def test_the_summary_names_each_reason_and_each_file_not_read(tmp_path: Path) -> None:
    env = {**os.environ, "KHABAR_REFERENCE_DATE": REFERENCE_DATE, "COLUMNS": "200"}
    run = subprocess.run([sys.executable, "-m", "khabar", "ingest", "hostile", "--db",
                          str(tmp_path / "k.db")], capture_output=True, text=True, env=env,
                         cwd=DATA, timeout=300)  # fmt: skip
    assert run.returncode == 3, run.stderr
    # reasons are shown as written (they were read as console markup and vanished)
    assert "[http_error] hostile/http_404.warc.gz offset 0" in run.stdout
    assert "[unsupported_suffix] hostile/tiny.png: not read" in run.stdout
    assert "[unsupported_suffix] hostile/make_hostile.py: not read" in run.stdout
