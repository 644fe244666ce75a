"""Readers of the real corpora in ../shared/corpora, shared by the benches (the corpora are read
where they are, never copied into the repository; see their README for the licences).

``saudi_items`` yields SaudiNewsNet records (``source``, ``url``, ``date_extracted``, ``title``,
``author``, ``content``) day by day; ``fars_items`` yields Fars News records with ``paragraphs``
always a list (some records store it as a Python-literal string).
"""

from __future__ import annotations

import ast
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def saudi_items(root: Path = ROOT, skip_days: int = 0) -> Iterator[dict[str, Any]]:
    """SaudiNewsNet records day by day, from the ``skip_days``-th day (zip file) on."""
    for z in sorted((root / "saudinewsnet").glob("*.zip"))[skip_days:]:
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                yield from json.loads(zf.read(name))


def fars_items(root: Path = ROOT, skip_files: int = 0) -> Iterator[dict[str, Any]]:
    """Fars News records file by file, from the ``skip_files``-th file on."""
    for f in sorted((root / "fars-news").glob("*.json"))[skip_files:]:
        for item in json.loads(f.read_text(encoding="utf-8")):
            raw = item.get("paragraphs") or []
            yield item | {"paragraphs": ast.literal_eval(raw) if isinstance(raw, str) else raw}
