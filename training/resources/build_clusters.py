"""Build the word classes the entity recogniser reads (``resources/clusters/{lang}.tsv``).

Distributional word classes in the manner of Brown clusters (Turian, Ratinov and Bengio 2010,
"Word representations: a simple and general method for semi-supervised learning"): words that
appear between the same neighbours fall in one class, so a name never seen in labelled data
(لحج) shares a class with names that were (عدن, تعز). Method, per language:

1. Tokenise real news as the recogniser does (``khabar.extract.entities.tokenize``: Arabic
   proclitics apart) and key each word as its features do (``entities.word_key``).
2. Count, for the ``VOCAB`` most frequent words seen at least ``MIN_COUNT`` times (ar 29,513,
   fa 8,414, en 16,171 words), the word just
   before and just after among the ``CONTEXT`` most frequent words (two blocks of columns).
3. Positive pointwise mutual information, truncated SVD to ``DIMS`` dimensions (randomised,
   seeded), rows scaled to unit length.
4. k-means (Lloyd, ``ITERATIONS`` rounds, started from the most frequent words, so no random
   state) at each size of ``SIZES``; a word's row holds its class at each size.

Text (the same as ``build_wordfreq.py``; what ships is each kept word with its class numbers,
never running text; the tokenizer's proclitic split reads ``resources/wordfreq``, so run
``build_wordfreq.py`` first):
  ar  SaudiNewsNet, all days (CC BY-NC-SA 4.0)
  fa  Fars News, all five files (Apache-2.0)
  en  Wikinews 2019-2020 (CC BY 2.5) and Wikipedia Current Events items (CC BY-SA)

    python training/resources/build_clusters.py --shared ../shared [--langs ar fa en]

Deterministic: float64 throughout, fixed seeds, ties broken by the word. A few minutes.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training" / "resources"))

from build_wordfreq import SOURCES, texts  # noqa: E402

from khabar.extract.entities import tokenize, word_key  # noqa: E402

VOCAB = 30_000
MIN_COUNT = 5
CONTEXT = 2_000
DIMS = 100
SIZES = (32, 128, 512)
ITERATIONS = 20
SEED = 7


def corpus_tokens(shared: Path, lang: str) -> list[list[str]]:
    """Each text of the corpus as its word keys (punctuation kept: it is context too)."""
    out = []
    for text in texts(shared, lang):
        out.append([word_key(text[a:b]) for a, b in tokenize(text, lang)])
    return out


def cooccurrence(docs: list[list[str]], vocab: list[str], context: list[str]) -> np.ndarray:
    """(len(vocab), 2 * len(context)) counts: left neighbour block, then right neighbour."""
    vi = {w: i for i, w in enumerate(vocab)}
    ci = {w: i for i, w in enumerate(context)}
    n_c = len(context)
    rows: list[int] = []
    cols: list[int] = []
    for doc in docs:
        ids = [vi.get(w, -1) for w in doc]
        cs = [ci.get(w, -1) for w in doc]
        for k, i in enumerate(ids):
            if i < 0:
                continue
            if k > 0 and cs[k - 1] >= 0:
                rows.append(i)
                cols.append(cs[k - 1])
            if k + 1 < len(doc) and cs[k + 1] >= 0:
                rows.append(i)
                cols.append(n_c + cs[k + 1])
    flat = np.asarray(rows, dtype=np.int64) * (2 * n_c) + np.asarray(cols, dtype=np.int64)
    counts = np.bincount(flat, minlength=len(vocab) * 2 * n_c).astype(np.float64)
    return counts.reshape(len(vocab), 2 * n_c)


def ppmi(m: np.ndarray) -> np.ndarray:
    total = m.sum()
    row = m.sum(axis=1, keepdims=True)
    col = m.sum(axis=0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(m * total / (row * col))
    pmi[~np.isfinite(pmi)] = 0.0
    return np.maximum(pmi, 0.0)


def svd_rows(m: np.ndarray, dims: int, seed: int) -> np.ndarray:
    """Rows of ``m`` in ``dims`` dimensions (randomised SVD, two power iterations), unit
    length; each component's sign fixed so that its largest entry is positive."""
    rng = np.random.default_rng(seed)
    omega = rng.standard_normal((m.shape[1], dims + 20))
    y = m @ omega
    for _ in range(2):
        y, _ = np.linalg.qr(y)
        y = m @ (m.T @ y)
    q, _ = np.linalg.qr(y)
    u_small, s, _ = np.linalg.svd(q.T @ m, full_matrices=False)
    u = (q @ u_small)[:, :dims] * np.sqrt(s[:dims])
    signs = np.sign(u[np.abs(u).argmax(axis=0), np.arange(dims)])
    u *= np.where(signs == 0, 1.0, signs)
    norms = np.linalg.norm(u, axis=1, keepdims=True)
    return u / np.where(norms == 0, 1.0, norms)


def kmeans(x: np.ndarray, k: int) -> np.ndarray:
    """Class of each row: Lloyd's k-means from the first ``k`` rows (the most frequent words)."""
    centres = x[:k].copy()
    labels = np.zeros(len(x), dtype=np.int64)
    for _ in range(ITERATIONS):
        labels = (x @ centres.T).argmax(axis=1)  # unit rows: nearest = largest dot product
        for c in range(k):
            members = x[labels == c]
            if len(members):
                mean = members.mean(axis=0)
                centres[c] = mean / max(np.linalg.norm(mean), 1e-12)
    return labels


def build(shared: Path, lang: str, out: Path) -> int:
    docs = corpus_tokens(shared, lang)
    counts = Counter(w for d in docs for w in d)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    vocab = [w for w, c in ranked[:VOCAB] if c >= MIN_COUNT and any(ch.isalpha() for ch in w)]
    context = [w for w, _ in ranked[:CONTEXT]]
    vectors = svd_rows(ppmi(cooccurrence(docs, vocab, context)), DIMS, SEED)
    classes = [kmeans(vectors, k) for k in SIZES]
    with out.open("w", encoding="utf-8") as fh:
        fh.write(
            f"# source: word classes from the neighbours of words in {SOURCES[lang]}; "
            "built by training/resources/build_clusters.py (PPMI, SVD, k-means)\n"
        )
        fh.write("word\t" + "\t".join(f"c{k}" for k in SIZES) + "\n")
        for i, w in enumerate(vocab):
            fh.write(w + "\t" + "\t".join(str(int(c[i])) for c in classes) + "\n")
    return len(vocab)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--langs", nargs="+", default=["ar", "fa", "en"])
    args = ap.parse_args()
    out = ROOT / "src/khabar/resources/clusters"
    out.mkdir(parents=True, exist_ok=True)
    for lang in args.langs:
        n = build(args.shared, lang, out / f"{lang}.tsv")
        print(lang, n, "words")


if __name__ == "__main__":
    main()
