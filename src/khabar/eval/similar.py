"""Score "more like this" retrieval by embeddings against gold story labels.

Input: a gold file in the sample format (``documents`` keyed by file prefix, ``stories`` with
their ``docs``), the folder of its articles, and an embedding device. Each article is cleaned by
the pipeline and its title and lead embedded exactly as ``khabar embed`` stores them; every
document that has a story partner is then used as a query against all the others.
Output: precision@1 (the nearest document is of the same story), R-precision (the share of its
story partners among its |story|-1 nearest), cross-language precision@1 (the nearest document in
another language is of the same story, for documents whose story spans languages), and the
nearest neighbour of each query for reading.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from khabar.embed import lead_text, make_embedder
from khabar.eval.gold import gold_article, load_gold, sample_paths
from khabar.pipeline import build_document
from khabar.settings import Settings

__all__ = ["score_similar"]


def score_similar(
    settings: Settings,
    *,
    gold_path: str | Path | None = None,
    seeds: str | Path | None = None,
    device: str = "cpu",
) -> dict[str, Any]:
    """Retrieval scores of document embeddings on a gold set (default: the packaged samples)."""
    gold_data = load_gold(gold_path)
    files = sample_paths(seeds)
    story = {key: s for s, v in gold_data["stories"].items() for key in v["docs"] if key in files}
    keys = sorted(story)
    docs = {key: build_document(gold_article(files[key]), settings) for key in keys}
    leads = [lead_text(docs[k].title, docs[k].body, settings.embed_lead_chars)[0] for k in keys]
    vectors = make_embedder(settings, device).encode(leads)
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    p1, rprec, cross, nearest = [], [], [], {}
    for i, key in enumerate(keys):
        partners = {j for j, k in enumerate(keys) if k != key and story[k] == story[key]}
        if not partners:
            continue
        order = [int(j) for j in np.argsort(-sims[i], kind="stable")]
        p1.append(order[0] in partners)
        rprec.append(len(partners & set(order[: len(partners)])) / len(partners))
        nearest[key] = f"{keys[order[0]]} ({sims[i, order[0]]:.3f})"
        other = [j for j in order if docs[keys[j]].lang != docs[key].lang]
        if any(j in partners for j in other):
            cross.append(other[0] in partners)
    return {
        "precision_at_1": _mean(p1),
        "r_precision": _mean(rprec),
        "cross_language_precision_at_1": _mean(cross),
        "queries": len(p1),
        "cross_language_queries": len(cross),
        "device": device,
        "nearest": nearest,
    }


def _mean(values: list[Any]) -> float:
    return round(float(np.mean(values)), 4) if values else 0.0
