"""Score cleaning against gold: boilerplate lines, title, publication date, dateline.

Input: gold (``documents.<key>.boilerplate_lines``, ``title``, ``published``, ``dateline``) and
the sample files. Output: a dict with micro-averaged boilerplate precision/recall/F1, per-document
details (false positives and misses, with the rule that fired) and field accuracies.
Lines are compared as distinct stripped strings per document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from khabar.clean import clean_article
from khabar.eval.gold import gold_article, load_gold, sample_paths
from khabar.model import LineRole
from khabar.settings import Settings

__all__ = ["score_clean"]


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 1.0


def score_clean(
    settings: Settings, *, gold_path: str | Path | None = None, seeds: str | Path | None = None
) -> dict[str, Any]:
    """Boilerplate precision/recall and field accuracy of ``clean_article`` on the gold set."""
    gold = load_gold(gold_path)
    files = sample_paths(seeds)
    tp = fp = fn = 0
    per_doc: dict[str, Any] = {}
    fields_ok: dict[str, list[bool]] = {"title": [], "published": [], "dateline": []}
    for key, ann in sorted(gold["documents"].items()):
        if key not in files:
            continue
        cleaned = clean_article(gold_article(files[key]), settings)
        predicted = {d.text: d.rule for d in cleaned.lines if d.role is LineRole.BOILERPLATE}
        wanted = {line.strip() for line in ann.get("boilerplate_lines", [])}
        hits = wanted & predicted.keys()
        tp, fp, fn = tp + len(hits), fp + len(predicted.keys() - wanted), fn + len(wanted - hits)
        per_doc[key] = {
            "gold": len(wanted),
            "found": len(hits),
            "false_positives": {t: predicted[t] for t in sorted(predicted.keys() - wanted)},
            "missed": sorted(wanted - hits),
        }
        if "title" in ann:
            fields_ok["title"].append((ann["title"] or None) == cleaned.title)
        if ann.get("published"):
            fields_ok["published"].append(ann["published"] == cleaned.published)
        if ann.get("dateline"):
            fields_ok["dateline"].append(ann["dateline"] == cleaned.dateline)
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
    return {
        "boilerplate_precision": precision,
        "boilerplate_recall": recall,
        "boilerplate_f1": f1,
        "true_positives": tp,
        "false_positives": fp,
        "false_negatives": fn,
        "title_accuracy": _ratio(sum(fields_ok["title"]), len(fields_ok["title"])),
        "published_accuracy": _ratio(sum(fields_ok["published"]), len(fields_ok["published"])),
        "dateline_accuracy": _ratio(sum(fields_ok["dateline"]), len(fields_ok["dateline"])),
        "documents": per_doc,
    }
