"""Score story grouping against gold document→story labels: BCubed and pairwise F1.

Input: a gold file in the sample format (``documents`` keyed by file prefix, ``stories`` with
their ``docs``) and the folder of its article files, ingested in file-name order; or a
real-news story gold (``khabar-real-stories/1``: ``documents`` with title, body, published,
outlet and ``story``, see ``tests/data/real/README.md``), ingested as one JSON-lines batch in
the file's order. Either way the real pipeline fills a fresh temporary store and each
document's story is read back.
Output: BCubed precision/recall/F1, pairwise precision/recall/F1, the predicted grouping and
why each document joined its story; for the real gold also the cross-language pairs joined and
the scores of putting every document alone (``singletons_*``), to read the others against.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import combinations
from pathlib import Path
from typing import Any

from khabar.errors import EvalError
from khabar.eval.gold import load_gold, sample_paths
from khabar.eval.realgold import STORY_FORMAT, crawl_times, load_real_gold
from khabar.normalize import normalize
from khabar.pipeline import ingest, ingest_jsonl
from khabar.settings import Settings
from khabar.store import open_store

__all__ = [
    "bcubed",
    "finished_ingest",
    "ingest_real_stories",
    "pairwise",
    "real_store",
    "real_story_scores",
    "score_real_stories",
    "score_stories",
]


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
            rows = store.document_stories()
    pred, why = {}, {}
    for r in rows:
        key = Path(r["source"]).name[:3]
        pred[key], why[key] = str(r["story_id"]), r["reasons"]
    return _story_scores(gold, pred, why)


def _story_scores(
    gold: dict[str, str], pred: dict[str, str], why: dict[str, Any]
) -> dict[str, Any]:
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


def score_real_stories(settings: Settings, gold_path: str | Path, *,
                       keep: str | Path | None = None) -> dict[str, Any]:  # fmt: skip
    """Story scores of the pipeline on a real-news story gold (``khabar-real-stories/1``),
    ingested into a temporary SQLite store, or into the file ``keep`` (which must not exist
    yet), left there closed for other readers (``training/stories/fit_decision.py --ingested``
    reads such stores)."""
    docs = load_real_gold(gold_path, STORY_FORMAT)["documents"]
    with real_store(settings, docs, crawl_times(gold_path), keep=keep) as store:
        return real_story_scores(store, docs)


@contextmanager
def real_store(settings: Settings, docs: list[dict[str, Any]], crawled: dict[str, str], *,
               keep: str | Path | None = None) -> Iterator[Any]:  # fmt: skip
    """An open SQLite store holding ``docs`` (``ingest_real_stories``, with ``crawled``):
    temporary, or the file ``keep``, which must not exist yet (``EvalError``) and is left
    there closed for other readers."""
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(keep) if keep is not None else Path(tmp) / "eval.db"
        if database.exists():
            raise EvalError(f"{database} exists: the documents are ingested into a new store")
        with open_store(settings.replace(database=str(database))) as store:
            ingest_real_stories(store, docs, crawled)
            yield store


def finished_ingest(store: Any) -> bool:
    """Whether ``store`` holds at least one document and finished runs only: an interrupted
    ingest keeps the batches it committed, which an eval or a fit must not read as the
    whole set."""
    runs = store.stats()["runs_by_status"]
    return bool(runs) and set(runs) == {"finished"} and bool(store.document_ids())


def ingest_real_stories(store: Any, docs: list[dict[str, Any]],
                        crawled: dict[str, str] | None = None) -> None:  # fmt: skip
    """Ingest the documents of a story gold as one JSON-lines file (line n = document n).

    SaudiNewsNet's day is its crawl time (``date_extracted``), so its articles come as
    ``crawled`` (the full time from ``crawled`` when given: ``crawl_times.json``), as
    ``bench/ingest.py`` gives them; Current Events items come with their portal day."""
    lines = []
    for d in docs:
        record = d.get("record") or {}
        crawl = record.get("corpus") == "saudinewsnet"
        when = (crawled or {}).get(d["article_id"], d.get("published"))
        lines.append(json.dumps({
            "url": record.get("url") or f"gold:{d['article_id']}", "title": d.get("title") or None,
            "text": d["body"], "outlet": d.get("outlet"),
            "published": None if crawl else d.get("published"),
            "crawled": when if crawl else None,
        }, ensure_ascii=False))  # fmt: skip
    ingest_jsonl("gold.jsonl", "\n".join(lines).encode("utf-8"), store)


def real_story_scores(store: Any, docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Scores of the stories now in ``store`` (filled by ``ingest_real_stories``)."""
    rows = store.document_stories()
    by_line = {int(r["locator"].split()[-1]): r for r in rows if r["locator"].startswith("line ")}
    gold, pred, why = {}, {}, {}
    first_copy: dict[tuple[str, str], str] = {}
    for n, d in enumerate(docs, start=1):
        key = d["article_id"]
        gold[key] = d["story"]
        twin = first_copy.setdefault((normalize(d.get("title") or ""), normalize(d["body"])), key)
        if n in by_line:
            pred[key], why[key] = str(by_line[n]["story_id"]), by_line[n]["reasons"]
        elif twin in pred:  # an exact copy (once normalised) is stored once: its first copy's story
            pred[key], why[key] = pred[twin], [f"exact copy of {twin}"]
    out = _story_scores(gold, pred, why)
    alone = {k: k for k in gold}
    out["singletons_bcubed_f1"] = bcubed(gold, alone)[2]
    out["singletons_pairwise_f1"] = pairwise(gold, alone)[2]
    langs = {d["article_id"]: d["lang"] for d in docs}
    out["cross_language_pairs"] = _cross_pairs(gold, pred, langs)
    return out


def _cross_pairs(gold: dict[str, str], pred: dict[str, str], langs: dict[str, str]) -> dict:
    """Gold same-story pairs of documents in two languages, and how many khabar put together."""
    pairs = [(a, b) for a, b in combinations(sorted(gold), 2)
             if gold[a] == gold[b] and langs[a] != langs[b]]  # fmt: skip
    joined = sum(1 for a, b in pairs if pred.get(a, a) == pred.get(b, b))
    return {"gold": len(pairs), "joined": joined,
            "recall": round(joined / len(pairs), 4) if pairs else None}  # fmt: skip
