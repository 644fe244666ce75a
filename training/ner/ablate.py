"""Measure what one feature family or one round of labelled data adds to the shipped recogniser.

Trains the shipped recipe (``train.py``: the open corpora plus the project's sentences x
``OWN_WEIGHT``) into a temporary file, once per variant, and scores the tagger alone on the
real-news dev split (PER, ORG, LOC, NORP, exact spans, as ``compare_designs.py`` scores):

  base       the features without the word classes (``resources/clusters``)
  classes    the shipped features
  own-only   the shipped features, the project's sentences alone (no open corpus)
  own-x10    the shipped features, the project's sentences x10 instead of x ``OWN_WEIGHT``

``--last-batch N`` keeps only the project's batches 1..N of the language (N = the last batch of
an earlier round: ar 10, fa 9, en 6 before round 4), to measure a round of data.

    .venv/bin/python training/ner/ablate.py --lang ar [--variants base classes] [--last-batch 10]

Deterministic (L-BFGS, data in file order). About two minutes per variant on one core.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "training" / "ner"))
sys.path.insert(0, str(ROOT / "scripts" / "gold"))

import build  # noqa: E402
import pycrfsuite  # noqa: E402
import train  # noqa: E402
from compare_designs import dev_sentences, score  # noqa: E402

import khabar.extract.entities as entities  # noqa: E402


def _keep_batches(last: int) -> None:
    """Make ``build.labelled`` (which ``train.own_labels`` reads) stop at batch ``last``."""
    everything = build.labelled

    def labelled(folder: Path, lang: str = "*") -> Iterator[tuple[str, str, dict, dict]]:
        for item in everything(folder, lang):
            if int(item[1].rsplit("-", 1)[1].split(".")[0]) <= last:
                yield item

    build.labelled = labelled


def scores(gold: list[train.Sentence], pred: list[list[str]]) -> dict[str, list[float]]:
    """Precision, recall and F1 per label and over all (``all``)."""
    out = {}
    for label in ("PER", "ORG", "LOC", "NORP", None):
        r = score(gold, pred, label)
        out[label or "all"] = [r["P"], r["R"], r["F1"]]
    return out


def run(lang: str, variant: str, shared: Path) -> dict[str, list[float]]:
    classes, open_data, weight = entities._classes, train.shared_data, train.OWN_WEIGHT
    if variant == "base":
        entities._classes = lambda _lang: {}  # type: ignore[assignment]
    if variant == "own-only":
        train.shared_data = lambda _shared, _lang: []  # type: ignore[assignment]
    if variant == "own-x10":
        train.OWN_WEIGHT = 10
    entities._word_items.cache_clear()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "model.crfsuite"
            train.train(train.training_data(shared, lang), path)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            dev = dev_sentences(lang)
            pred = [tagger.tag(entities.sentence_features([w for w, _ in g], lang))
                    for _, g in dev]  # fmt: skip
            tagger.close()
        return scores([g for _, g in dev], pred)
    finally:
        entities._classes = classes  # type: ignore[assignment]
        train.shared_data, train.OWN_WEIGHT = open_data, weight  # type: ignore[assignment]
        entities._word_items.cache_clear()


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--lang", choices=("ar", "fa", "en"), required=True)
    ap.add_argument("--variants", nargs="+", choices=("base", "classes", "own-only", "own-x10"),
                    default=["base", "classes"])  # fmt: skip
    ap.add_argument("--last-batch", type=int)
    args = ap.parse_args()
    if args.last_batch:
        _keep_batches(args.last_batch)
    for variant in args.variants:
        print(json.dumps({"lang": args.lang, "variant": variant, "last_batch": args.last_batch,
                          "P/R/F1": run(args.lang, variant, args.shared)}))  # fmt: skip


if __name__ == "__main__":
    main()
