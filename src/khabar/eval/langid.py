"""Score language identification on a labelled file of short texts, and on the samples.

Input: a TSV with columns ``lang`` and ``text`` (``#`` lines are comments) — the project's set is
``tests/data/langid.tsv`` — or the gold sample documents. Output: overall accuracy, accuracy per
gold language, and the confusions (gold → predicted: count).
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

from khabar.decode import decode_bytes
from khabar.errors import EvalError
from khabar.eval.gold import load_gold, sample_paths
from khabar.langid import detect_language
from khabar.settings import Settings

__all__ = ["load_labelled", "score_langid"]


def load_labelled(path: str | Path) -> list[tuple[str, str]]:
    """(lang, text) pairs from a TSV with a ``lang<TAB>text`` header."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = [r for r in csv.DictReader(
                (line for line in fh if not line.startswith("#")), delimiter="\t",
                quoting=csv.QUOTE_NONE)]  # fmt: skip
    except OSError as exc:
        raise EvalError(f"cannot read labelled language file {path}: {exc}") from exc
    pairs = [(r["lang"].strip(), r["text"].strip()) for r in rows if r.get("text")]
    if not pairs:
        raise EvalError(f"{path} has no 'lang<TAB>text' rows")
    return pairs


def _score(pairs: list[tuple[str, str]], settings: Settings) -> dict[str, Any]:
    total, right = Counter[str](), Counter[str]()
    confusions: Counter[str] = Counter()
    for gold, text in pairs:
        got = detect_language(text, settings).lang
        total[gold] += 1
        if got == gold:
            right[gold] += 1
        else:
            confusions[f"{gold}->{got}"] += 1
    return {
        "n": sum(total.values()),
        "accuracy": round(sum(right.values()) / max(sum(total.values()), 1), 4),
        "per_language": {k: round(right[k] / total[k], 4) for k in sorted(total)},
        "confusions": dict(confusions.most_common()),
    }


def score_langid(
    settings: Settings, labelled: str | Path | None = None, *, titles_only: bool = False
) -> dict[str, Any]:
    """Accuracy on ``labelled`` (if given) and on the gold sample documents (and their titles)."""
    gold = load_gold()
    files = sample_paths()
    docs, titles = [], []
    for key, ann in gold["documents"].items():
        text = decode_bytes(files[key].read_bytes()).text
        docs.append((ann["lang"], text))
        if ann.get("title"):
            titles.append((ann["lang"], ann["title"]))
    out: dict[str, Any] = {"samples": _score(docs, settings),
                           "sample_titles": _score(titles, settings)}  # fmt: skip
    if labelled is not None:
        out["labelled"] = _score(load_labelled(labelled), settings)
    return out
