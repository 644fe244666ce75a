"""Train khabar's sentence event-type classifier (``resources/models/events.crfsuite``).

Inputs:
  the project's real labelled sentences with events (``training/ner/data``, rounds 2 to 4:
    ar batches 4-13 SaudiNewsNet CC BY-NC-SA 4.0, fa 4-12 Fars News Apache-2.0, en 4-8 Wikinews
    CC BY 2.5 / Current Events CC BY-SA; labelled from docs/annotation.md, outside the real-news
    gold), events weighted x REAL_WEIGHT (5) for the type model; Arabic SaudiNewsNet
    sentences hitting protest and assault word lists, then deaths with no such word, then the
    extractor's own events (``sample_ar.py``, six rounds; the fifth and sixth left out:
    ``LEFT_OUT``),
    English Current Events items (``sample_en.py``, four rounds) and Persian Fars News
    sentences drawn by the classifier's guesses (``sample_fa.py``; types and modes only:
    ``NOT_FOR_DETECTOR``), each labelled alone with its type and mode (``training/events/data``,
    drawn outside every gold set);
  the synthetic PLOVER stories (``<shared>/field-data/events/ngec_synthetic_plover_stories_en
    .csv.zip``, 4,500 GPT-written English stories by Andy Halterman: seeds, never evaluation):
    the title and the first sentence of each, with the story's label and mode;
  the English Current Events items (``<shared>/field-data/news-en/wikipedia_current_events
    .jsonl.gz``, Wikipedia, CC BY-SA) of the portal's disaster, attack and crime categories, as
    weak labels of the hazard head (``hazard_sentences``).
Four models: ``events.crfsuite`` (PLOVER type of an event sentence), ``events-detect.crfsuite``
(event or NONE: real sentences only), ``events-mode.crfsuite`` (``TYPE/mode``) and
``events-dense.npz`` (the dense type head: the type model's data, read through each sentence's
static vector, ``event_types.sentence_vector``; and the hazard head beside it: a disaster's or
an accident's harm against an attack's or a crime's, ``train_dense``).
Model: multinomial logistic regression = crfsuite's CRF on one-item sequences (L-BFGS, ``PARAMS``:
c1 0.05, c2 0.05, features seen twice or more; the mode model c1 0.2, ``MODE_PARAMS``; data in
file order: deterministic), features
``khabar.extract.event_types.sentence_features``; the dense head a softmax regression (scipy's
L-BFGS-B from zeros, ``DENSE``). Output: the weights and ``events-models.json`` (SHA-256,
counts, a fingerprint of the resources the features read, the static vectors' SHA-256).

    .venv/bin/python training/events/train.py --shared ../shared
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import os
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

# one OpenBLAS thread and one kernel family, set before numpy loads: OpenBLAS picks its kernels
# per CPU (DYNAMIC_ARCH), and the dense head's sums, so its bytes, followed the machine (a
# rebuild on an AMD EPYC gave another SHA-256 than the shipped one, same loss and iterations)
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["OPENBLAS_CORETYPE"] = "Haswell"
# ... and numpy's own SIMD kernels no wider than AVX2: its sums run AVX-512 where the CPU has
# it, and on an Intel Xeon with AVX-512 the dense head came out with other bytes than on the AMD
# EPYC it was shipped from (2026-12-06); with these off it rebuilds byte for byte on both
os.environ["NPY_DISABLE_CPU_FEATURES"] = "X86_V4 AVX512_ICL AVX512_SPR"
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "gold"))

import numpy as np  # noqa: E402
import pycrfsuite  # noqa: E402
from build import gold_texts, labelled  # noqa: E402

from khabar.extract.event_types import (  # noqa: E402
    HAZARD_BAR,
    feature_fingerprint,
    sentence_features,
    sentence_vector,
)
from khabar.extract.events import sentence_spans  # noqa: E402
from khabar.resources import model_path, read_csv  # noqa: E402

MODELS = ROOT / "src/khabar/resources/models"
PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 1000, "feature.minfreq": 2}
# the mode model is regularised harder (L1 c1 0.2: a 3.8 MB model becomes 2.0 MB, and dev mode
# accuracy rose 0.669 -> 0.692): the models of issues 2 and 3 together must fit 25 MB
# (tests/extract/test_entities.py); the same cut on the type model cost 0.03 of accuracy
MODE_PARAMS = {**PARAMS, "c1": 0.2}
REAL_WEIGHT = 5
# the dense type head (events-dense.npz): L2 penalty on the weights, L-BFGS iterations at most
DENSE = {"l2": 1.0, "max_iterations": 500}
ROUND2_FIRST_BATCH = 4  # round 1 was labelled for entities only (events left NONE)
# the last batch of round 4: round 5 (ar 14-15, fa 13-15, en 9-10) raised dev type accuracy but
# typed statements of cooperation against ISIS as assaults, which fusion joined to the attack
# they were written beside (sample 004), so the shipped models leave it out
LAST_BATCH = {"ar": 13, "fa": 12, "en": 8}
EVENT_BATCHES = ROOT / "training/events/data"  # labelled alone (sample_{ar,en,fa}.py)
# batches drawn by the classifier's own guesses (sample_fa.py): their NONE sentences are its
# false alarms, not a sample of sentences of no event, and taught the detector to miss Persian
# events (dev detection F1 0.58 -> 0.54), so only the type and mode models learn from them
NOT_FOR_DETECTOR = ("fa-events-batch-1.", "fa-events-batch-2.")
# English round 5 (sample_en.py --round 5, 400 Current Events items, 25 per CAMEO verb type,
# labelled alone, 2026-12-02): measured and left out. With it, dev English accuracy fell 0.562 ->
# 0.545, macro-F1 0.419 -> 0.394, actor recall 0.627 -> 0.598; kept for a later design.
# Arabic round 5 (sample_ar.py --round 5, 280 sentences, 200 of them the extractor's own events,
# labelled alone, 2026-12-02): measured and left out (model card, "Arabic round 5"). With the
# detector trained on it, Arabic dev detection F1 fell 0.791 -> 0.780; for types and modes only,
# dev moved by a sentence or two each way and the refitted story decision lost the attack set's
# BCubed F1 0.862 -> 0.854
# Arabic round 6 (sample_ar.py --round 6, 160 sentences of a death by martyrdom, a death met
# or an execution, labelled alone, 2026-12-07; agreement 40 of 40 types): measured and left
# out. With it, the nine Arabic dev sets' pooled accuracy stayed 0.729 but assaults and
# protests typed right fell 0.932 -> 0.923 (casualty sets 2, 3, 6 lost deaths the detector had
# found); for types and modes only, modes rose (casualty sets 4, 5: 0.70 -> 0.80, 0.73 -> 0.83)
# but pooled accuracy fell 0.729 -> 0.723
LEFT_OUT = ("en-events-batch-9.", "en-events-batch-10.", "ar-events-batch-9.",
            "ar-events-batch-10.", "ar-events-batch-11.", "ar-events-batch-12.",
            "ar-events-batch-13.", "ar-events-batch-14.")
SYNTHETIC = "field-data/events/ngec_synthetic_plover_stories_en.csv.zip"
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)", re.S)


# the synthetic stories' modes as the PLOVER codebook spells them
MODE_SPELLING = {"primative": "primitive", "sieze": "seize", "martial-law": "restrict"}


def real_sentences(for_detector: bool = False) -> list[tuple[str, str, str, str]]:
    """(language, sentence, PLOVER type or NONE, mode or "") of the labelled sentences of
    rounds 2 to 4 (``LAST_BATCH``), then the sentences labelled alone (``EVENT_BATCHES``: Arabic
    assaults and protests, English Current Events items, Persian Fars News sentences), batch
    by batch in file-name order, less the ``LEFT_OUT`` batches; ``for_detector``: without the
    ``NOT_FOR_DETECTOR`` batches."""
    out = []
    gold = gold_texts(ROOT / "tests/data/real")
    for lang, name, s, lab in labelled(ROOT / "training/ner/data"):
        if ROUND2_FIRST_BATCH <= int(name.rsplit("-", 1)[1].split(".")[0]) <= LAST_BATCH[lang]:
            if " ".join(s["text"].split()) in gold:
                continue
            ev = lab.get("event") or {}
            out.append((lang, s["text"], ev.get("type") or "NONE", ev.get("mode") or ""))
    for batch in sorted(EVENT_BATCHES.glob("*-events-batch-*.json")):
        if batch.name.startswith(LEFT_OUT) or (
                for_detector and batch.name.startswith(NOT_FOR_DETECTOR)):  # fmt: skip
            continue
        lang = batch.name.split("-", 1)[0]
        labels_path = batch.with_name(batch.name.replace("-batch-", "-labels-")).with_suffix(
            ".jsonl")
        if not labels_path.exists():
            continue
        labels = {r["id"]: r for r in (json.loads(line) for line in
                                       labels_path.read_text("utf-8").splitlines() if line.strip())}
        for item in json.loads(batch.read_text("utf-8"))["items"]:
            lab = labels.get(item["id"])
            if lab is None or " ".join(item["text"].split()) in gold:
                continue  # unlabelled, or a sentence a gold set holds (a republished article)
            out.append((lang, item["text"], (lab.get("type") or "NONE").upper(),
                        lab.get("mode") or ""))  # fmt: skip
    return out


def synthetic_sentences(shared: Path) -> list[tuple[str, str, str, str]]:
    out = []
    with zipfile.ZipFile(shared / SYNTHETIC) as z:
        with z.open(z.namelist()[0]) as fh:
            for r in csv.DictReader(io.TextIOWrapper(fh, "utf-8")):
                label = (r["label"] or "").strip().upper()
                if not label:
                    continue
                mode = (r["mode"] or "").strip().lower()
                mode = MODE_SPELLING.get(mode, mode)
                text = re.sub(r"^\W*\(?[A-Za-z ]+\)?\s*--\s*", "", r["text"].strip())
                first = _FIRST_SENTENCE.match(text)
                title = re.sub(r"\{[a-z_]+\d*\}", "X", r["title"])
                out.append(("en", title, label, mode))
                if first:
                    out.append(("en", first.group(1), label, mode))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    labelled_real = real_sentences()
    synthetic = synthetic_sentences(args.shared)
    real = [r for r in labelled_real if r[2] != "NONE"]  # types only: detection is apart
    manifest: dict = {"params": PARAMS, "mode_params": MODE_PARAMS,
                      "features": feature_fingerprint()}  # fmt: skip
    # the type model: PLOVER types, real events x REAL_WEIGHT and the synthetic leads
    events = real * REAL_WEIGHT + synthetic
    manifest["types"] = train([(lang, text, typ) for lang, text, typ, _ in events],
                              MODELS / "events.crfsuite")  # fmt: skip
    # the detector: does the sentence report an event? (real sentences only: the synthetic
    # stories have no NONE)
    detect = [(lang, text, "NONE" if typ == "NONE" else "EVENT")
              for lang, text, typ, _ in real_sentences(for_detector=True)]  # fmt: skip
    manifest["detect"] = train(detect, MODELS / "events-detect.crfsuite")
    # the mode model: TYPE/mode of the events that have one
    modes = [(lang, text, f"{typ}/{mode}") for lang, text, typ, mode in events if mode]
    manifest["modes"] = train(modes, MODELS / "events-mode.crfsuite", MODE_PARAMS)
    # the dense type head over each sentence's static vector: the type model's data
    # the hazard head beside it: a disaster's or an accident's deaths, not an attack's
    manifest["dense"] = train_dense([(text, typ) for _, text, typ, _ in events],
                                    hazard_sentences(args.shared),
                                    MODELS / "events-dense.npz")  # fmt: skip
    text = json.dumps(manifest, indent=1, sort_keys=True) + "\n"
    (MODELS / "events-models.json").write_text(text, "utf-8")
    print(manifest)


def train(data: list[tuple[str, str, str]], out: Path, params: dict | None = None) -> dict:
    trainer = pycrfsuite.Trainer(verbose=False)
    for lang, text, label in data:
        trainer.append([sentence_features(text, lang)], [label])
    trainer.set_params(params or PARAMS)
    trainer.train(str(out))
    return {
        "sentences": len(data),
        "labels": dict(sorted(Counter(label for _, _, label in data).items())),
        "sha256": hashlib.sha256(out.read_bytes()).hexdigest(),
        "bytes": out.stat().st_size,
    }


def softmax_regression(x: np.ndarray, labels: list[str],
                       names: list[str]) -> tuple[np.ndarray, dict]:  # fmt: skip
    """Multinomial logistic regression of ``labels`` (indices into ``names``) on the rows of
    ``x``: L-BFGS (scipy) from zeros on the log-loss plus ``DENSE["l2"]`` times the squared
    weights (the bias unpenalised), ``DENSE["max_iterations"]`` at most; float64 (repeatable
    on one machine; OpenBLAS may differ in the last bits on another CPU). Returns the
    weights, shape (dims + 1, labels), the bias last, and how the fit ended."""
    from scipy.optimize import minimize

    y = np.array([names.index(label) for label in labels])
    rows, dims, k = np.arange(len(y)), x.shape[1], len(names)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta.reshape(dims + 1, k)
        z = x @ w[:-1] + w[-1]
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        value = -np.log(p[rows, y] + 1e-12).sum() + DENSE["l2"] * (w[:-1] ** 2).sum()
        g = p
        g[rows, y] -= 1.0
        grad = np.vstack([x.T @ g + 2 * DENSE["l2"] * w[:-1], g.sum(axis=0)])
        return float(value), grad.ravel()

    fit = minimize(loss, np.zeros((dims + 1) * k), jac=True, method="L-BFGS-B",
                   options={"maxiter": DENSE["max_iterations"]})  # fmt: skip
    ended = {"converged": bool(fit.success), "iterations": int(fit.nit),
             "message": str(fit.message), "loss": round(float(fit.fun), 3)}  # fmt: skip
    return fit.x.reshape(dims + 1, k), ended


def train_dense(data: list[tuple[str, str]], hazard: list[tuple[str, str, int]],
                out: Path) -> dict:  # fmt: skip
    """The dense heads (``events-dense.npz``), each a softmax regression on a sentence's static
    vector (``event_types.sentence_vector``), float32 with its labels: the type head
    (``types``), on the type model's data (real events counted ``REAL_WEIGHT`` times, as
    listed); the hazard head (``hazard``: HAZARD or OTHER), on the training part of
    ``hazard_sentences``, scored on its validation and test parts at
    ``event_types.HAZARD_BAR``."""
    names = sorted({label for _, label in data})
    x = np.array([sentence_vector(text) for text, _ in data], dtype=np.float64)
    w, ended = softmax_regression(x, [label for _, label in data], names)
    part = {k: [(t, label) for t, label, p in hazard if p == k] for k in (0, 1, 2)}
    xh = np.array([sentence_vector(t) for t, _ in part[2]], dtype=np.float64)
    wh, hazard_ended = softmax_regression(xh, [label for _, label in part[2]], HAZARD_LABELS)
    with out.open("wb") as fh:
        np.savez(fh, types=w.astype(np.float32), labels=np.array(names),
                 hazard=wh.astype(np.float32), hazard_labels=np.array(HAZARD_LABELS))
    scores = {name: hazard_scores(part[k], wh) for k, name in ((0, "validation"), (1, "test"))}
    return {"sentences": len(data), "params": DENSE, "fit": ended,
            "hazard": {"sentences": len(part[2]), "fit": hazard_ended, "bar": HAZARD_BAR,
                       **scores},
            "vectors": hashlib.sha256(model_path("title-static.npz").read_bytes()).hexdigest(),
            "sha256": hashlib.sha256(out.read_bytes()).hexdigest(), "bytes": out.stat().st_size}


# the hazard head's labels, in its columns' order
HAZARD_LABELS = ["HAZARD", "OTHER"]
CURRENT_EVENTS = "field-data/news-en/wikipedia_current_events.jsonl.gz"
# Current Events portal categories (as the file spells them) whose items are the hazard head's
# weak labels: disasters and accidents are HAZARD; attacks, crime and the wars' own categories
# OTHER (the violence ACLED codes); items of other categories are not read
HAZARD_CATEGORIES = {"Disasters and accidents": "HAZARD", "Disasters": "HAZARD",
                     "Armed conflicts and attacks": "OTHER", "Armed conflict and attacks": "OTHER",
                     "Law and crime": "OTHER", "Syrian civil war": "OTHER",
                     "Conflict in Iraq": "OTHER", "Arab Spring": "OTHER"}  # fmt: skip
HAZARD_SENTENCES = 2  # the first sentences of an item read (its lead; later ones drift)


def hazard_sentences(shared: Path) -> list[tuple[str, str, int]]:
    """(sentence, HAZARD or OTHER, part) of the English Current Events items of
    ``HAZARD_CATEGORIES``: each item's first ``HAZARD_SENTENCES`` sentences that hold an
    English word of death or injury (``resources/event_cues.tsv``: killed, injured and their
    forms), less any sentence of a gold set, once each, in file order. Part: the first 32 bits
    of the sentence's SHA-256 modulo 5: 0 validation (the bar was chosen on it), 1 test, else
    training (2)."""
    hurt = {w.lower() for r in read_csv("event_cues.tsv") if r["lang"] == "en"
            and r["kind"] in ("killed", "injured", "killed_form", "injured_form")
            for w in r["words"].split()}  # fmt: skip
    gold, seen, out = gold_texts(ROOT / "tests/data/real"), set(), []
    with gzip.open(shared / CURRENT_EVENTS, "rt", encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            label = HAZARD_CATEGORIES.get(item.get("category") or "")
            if label is None:
                continue
            text = item["text"]
            for sp in sentence_spans(text, "en")[:HAZARD_SENTENCES]:
                s = " ".join(text[sp.start : sp.end].split())
                if s in gold or s in seen or not hurt & set(re.findall(r"\w+", s.lower())):
                    continue
                seen.add(s)
                k = int(hashlib.sha256(s.encode("utf-8")).hexdigest()[:8], 16) % 5
                out.append((s, label, min(k, 2)))
    return out


def hazard_scores(part: list[tuple[str, str]], w: np.ndarray) -> dict:
    """Of the sentences of ``part``, the share the hazard head calls HAZARD (probability at
    least ``HAZARD_BAR``) among the HAZARD ones (recall) and among the OTHER ones (false)."""
    x = np.array([sentence_vector(t) for t, _ in part], dtype=np.float64)
    z = x @ w[:-1] + w[-1]
    p = 1.0 / (1.0 + np.exp(z[:, 1] - z[:, 0]))  # the two-way softmax's HAZARD column
    said = p >= HAZARD_BAR
    gold = np.array([label == "HAZARD" for _, label in part])
    return {"sentences": len(part), "hazard": int(gold.sum()),
            "recall": round(float(said[gold].mean()), 3),
            "false": round(float(said[~gold].mean()), 3)}


if __name__ == "__main__":
    main()
