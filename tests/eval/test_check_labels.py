"""scripts/gold/check_labels.py on the batches of sentences read alone (the casualty rounds)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_SPEC = importlib.util.spec_from_file_location("check_labels",
                                               ROOT / "scripts/gold/check_labels.py")  # fmt: skip
assert _SPEC and _SPEC.loader
_MODULE = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_MODULE)  # a script, not a package: loaded without sys.path
check_items = _MODULE.check_items


def test_each_problem_of_an_item_label_is_named() -> None:
    items = [{"id": f"c-{n}", "text": "..."} for n in range(1, 6)]
    labels = [
        {"id": "c-1", "type": "ASSAULT", "mode": None, "killed": 3, "injured": None},
        {"id": "c-1", "type": "ASSAULT", "mode": None, "killed": 3, "injured": None},
        {"id": "c-2", "type": "ATTACK", "mode": None, "killed": None, "injured": None},
        {"id": "c-3", "type": "NONE", "mode": "aerial", "killed": -1, "injured": "2"},
        {"id": "c-9", "type": "NONE", "mode": None, "killed": None, "injured": None},
    ]
    problems = check_items(items, labels)
    for expected in ("c-1: labelled twice", "c-2: event type 'ATTACK'", "c-3: mode 'aerial'",
                     "c-3: killed must be", "c-3: injured must be", "unknown id 'c-9'",
                     "2 items not labelled yet"):  # fmt: skip
        assert any(p.startswith(expected) for p in problems), (expected, problems)
    assert len(problems) == 7, problems


def test_the_kept_casualty_labels_pass() -> None:
    real = ROOT / "tests" / "data" / "real"
    done = subprocess.run([sys.executable, str(ROOT / "scripts/gold/check_labels.py"),
                           str(real / "batches" / "casualties4-1.json"),
                           str(real / "labels" / "A" / "casualties4-1.jsonl")],
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "0 problems" in done.stdout
