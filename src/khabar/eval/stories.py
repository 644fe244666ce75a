"""Score story grouping against gold document→story labels: BCubed and pairwise F1.

Input: a gold file in the sample format (``documents`` keyed by file prefix, ``stories`` with
their ``docs``) and the folder of its article files. The articles are ingested, in file-name
order, into a fresh temporary store by the real pipeline; each document's story is read back.
Output: BCubed precision/recall/F1, pairwise precision/recall/F1, the predicted grouping and
why each document joined its story.
"""

from __future__ import annotations

import json
import tempfile
from itertools import combinations
from pathlib import Path
from typing import Any

from khabar.eval.gold import load_gold, sample_paths
from khabar.pipeline import ingest
from khabar.settings import Settings
from khabar.store import open_store

__all__ = ["bcubed", "pairwise", "score_stories"]


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    """BCubed precision, recall, F1 of ``pred`` (item → cluster) against ``gold``."""
    items = sorted(gold)
    p = r = 0.0
    for i in items:
        same_pred = {j for j in items if pred[j] == pred[i]}
        same_gold = {j for j in items if gold[j] == gold[i]}
        both = len(same_pred & same_gold)
        p += both / len(same_pred)
        r += both / len(same_gold)
    p, r = p / len(items), r / len(items)
    return round(p, 4), round(r, 4), round(2 * p * r / (p + r), 4) if p + r else 0.0


def pairwise(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    """Precision, recall, F1 over pairs of items put in one cluster."""
    pairs = list(combinations(sorted(gold), 2))
    gp = {x for x in pairs if gold[x[0]] == gold[x[1]]}
    pp = {x for x in pairs if pred[x[0]] == pred[x[1]]}
    if not gp and not pp:
        return 1.0, 1.0, 1.0
    p = len(gp & pp) / len(pp) if pp else 1.0
    r = len(gp & pp) / len(gp) if gp else 1.0
    return round(p, 4), round(r, 4), round(2 * p * r / (p + r), 4) if p + r else 0.0


def score_stories(
    settings: Settings, *, gold_path: str | Path | None = None, seeds: str | Path | None = None
) -> dict[str, Any]:
    """Story scores of the pipeline on a gold set (default: the packaged samples)."""
    gold_data = load_gold(gold_path)
    files = sample_paths(seeds)
    gold = {key: story for story, v in gold_data["stories"].items() for key in v["docs"]}
    with tempfile.TemporaryDirectory() as tmp:
        with open_store(settings.replace(database=str(Path(tmp) / "eval.db"))) as store:
            ingest([str(files[k]) for k in sorted(gold) if k in files], store)
            rows = store.db.execute(
                "SELECT d.source, m.story_id, m.reasons FROM story_members m"
                " JOIN documents d ON d.id = m.doc_id"
            ).fetchall()
    pred, why = {}, {}
    for source, story_id, reasons in rows:
        key = Path(source).name[:3]
        pred[key], why[key] = str(story_id), json.loads(reasons)
    missing = sorted(set(gold) - set(pred))
    for key in missing:  # quarantined or not ingested: alone in a story of its own
        pred[key] = f"missing-{key}"
    bp, br, bf = bcubed(gold, pred)
    pp, pr, pf = pairwise(gold, pred)
    groups: dict[str, list[str]] = {}
    for key, story in sorted(pred.items()):
        groups.setdefault(story, []).append(key)
    return {
        "bcubed_precision": bp, "bcubed_recall": br, "bcubed_f1": bf,
        "pairwise_precision": pp, "pairwise_recall": pr, "pairwise_f1": pf,
        "documents": len(gold), "gold_stories": len(set(gold.values())),
        "predicted_stories": len(groups), "groups": sorted(groups.values()),
        "why": why, "missing": missing,
    }  # fmt: skip
