"""Score entity recognition on the real-news sentence gold: per language and label.

Input: ``GoldRun`` records (``khabar.eval.realgold``). Gold entities are PER, ORG, LOC, NORP and
GEN (generic actor classes) with character offsets into their sentence
(``docs/annotation.md``). khabar's mentions are its ``Extraction.entities``: the recogniser's
names merged with the gazetteer's places and the actor dictionary's actors
(``khabar.extract.entities.merge_entities``).

Output: per language, per label and over all labels: exact-span precision, recall and F1
(span and label must match), ``overlap`` recall (a predicted span of the same label overlaps
the gold one), and a confusion table gold label → predicted label of the most-overlapping
prediction (``-`` when nothing overlaps; the ``-`` row counts predictions overlapping no gold
entity).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from khabar.eval.realgold import GoldRun, gold_sentences, prf, run_sentence_gold
from khabar.settings import Settings

__all__ = ["LABELS", "ner_scores", "predicted_entities", "score_ner"]

LABELS = ("PER", "ORG", "LOC", "NORP", "GEN")

Key = tuple[str, int, int, int]  # article id, sentence n, start, end (in the sentence)


def predicted_entities(run: GoldRun) -> list[tuple[Key, str]]:
    """khabar's entity mentions inside labelled sentences, as (key, label)."""
    out = []
    for span, label in ((e.span, e.label) for e in run.ex.entities):
        s = run.sentence_at(span.start)
        if s is not None and span.end <= s["end"]:
            key = (
                run.article["article_id"],
                s["n"],
                span.start - s["start"],
                span.end - s["start"],
            )
            out.append((key, label))
    return out


def _overlap(a: Key, b: Key) -> int:
    if a[:2] != b[:2]:
        return 0
    return max(0, min(a[3], b[3]) - max(a[2], b[2]))


def ner_scores(runs: list[GoldRun]) -> dict[str, Any]:
    """The scores of the module docstring, keyed by language and ``all``."""
    gold: dict[str, list[tuple[Key, str]]] = defaultdict(list)
    for run, s in gold_sentences(runs):
        for e in s.get("entities", []):
            key = (run.article["article_id"], s["n"], e["start"], e["end"])
            gold[run.lang].append((key, e["label"]))
    pred: dict[str, list[tuple[Key, str]]] = defaultdict(list)
    langs: set[str] = set()
    for run, _ in gold_sentences(runs):
        langs.add(run.lang)
    for run in runs:
        pred[run.lang] += predicted_entities(run)
    out: dict[str, Any] = {}
    for lang in [*sorted(langs), "all"]:
        g = [x for k, v in gold.items() if lang in (k, "all") for x in v]
        p = [x for k, v in pred.items() if lang in (k, "all") for x in v]
        out[lang] = _scores(g, p)
    return out


def _scores(gold: list[tuple[Key, str]], pred: list[tuple[Key, str]]) -> dict[str, Any]:
    gset, pset = set(gold), set(pred)
    by_sentence: dict[tuple[str, int], list[tuple[Key, str]]] = defaultdict(list)
    for k, lab in pred:
        by_sentence[k[:2]].append((k, lab))
    confusion: dict[str, Counter[str]] = {lab: Counter() for lab in (*LABELS, "-")}
    overlap_hits: Counter[str] = Counter()
    for k, lab in gold:
        cands = [(k2, l2) for k2, l2 in by_sentence[k[:2]] if _overlap(k, k2)]
        best = max(cands, key=lambda c: _overlap(k, c[0]), default=None)
        confusion.setdefault(lab, Counter())[best[1] if best else "-"] += 1
        overlap_hits[lab] += any(l2 == lab for _, l2 in cands)
    gold_by_sentence: dict[tuple[str, int], list[Key]] = defaultdict(list)
    for k, _ in gold:
        gold_by_sentence[k[:2]].append(k)
    for k, lab in pred:
        if not any(_overlap(k, g) for g in gold_by_sentence[k[:2]]):
            confusion["-"][lab] += 1
    res: dict[str, Any] = {}
    for lab in LABELS:
        g = {x for x in gset if x[1] == lab}
        p = {x for x in pset if x[1] == lab}
        res[lab] = prf(len(g & p), len(p), len(g))
        res[lab]["overlap_recall"] = round(overlap_hits[lab] / len(g), 4) if g else 1.0
    res["micro"] = prf(len(gset & pset), len(pset), len(gset))
    res["micro"]["overlap_recall"] = (
        round(sum(overlap_hits.values()) / len(gset), 4) if gset else 1.0
    )
    res["confusion"] = {k: dict(v) for k, v in confusion.items() if v}
    return res


def score_ner(settings: Settings, gold_path: str | Path) -> dict[str, Any]:
    """Entity scores of khabar on the sentence gold at ``gold_path``."""
    return ner_scores(run_sentence_gold(settings, gold_path))
