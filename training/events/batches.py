"""The batch files that ``sample_ar.py``, ``sample_en.py`` and ``sample_fa.py`` write for the
annotators: ``training/events/data/{lang}-events-batch-{k}.json``, each item labelled alone
with ``docs/annotation.md`` section 4, one JSON line per item in
``{lang}-events-labels-{k}.jsonl`` (``train.py`` reads both)."""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data"


FIELDS = ("id", "article_id", "published", "text")  # what annotators see of an item


def public(items: list[dict]) -> list[dict]:
    """The ``FIELDS`` of each item, in that order."""
    return [{f: i[f] for f in FIELDS} for i in items]


def write_batch(lang: str, k: int, items: list[dict]) -> Path:
    """Write batch ``k`` of ``lang`` (its items as they are)."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{lang}-events-batch-{k}.json"
    path.write_text(json.dumps(
        {"guideline": "docs/annotation.md, section 4 (events), each sentence alone",
         "write": "one JSON line per sentence: {\"id\", \"type\", \"mode\"}",
         "items": items}, ensure_ascii=False, indent=1) + "\n", "utf-8")  # fmt: skip
    return path


def write_batches(lang: str, first: int, count: int, items: list[dict]) -> str:
    """Split ``items`` into ``count`` batches of equal size (the last one smaller), numbered
    from ``first``, write them (``write_batch``) and say where they went."""
    size = (len(items) + count - 1) // count
    for k in range(count):
        write_batch(lang, first + k, items[k * size : (k + 1) * size])
    return (f"{len(items)} sentences → {OUT.relative_to(OUT.parents[2])}/{lang}-events-batch-"
            f"{first}..{first + count - 1}.json")
