"""Compare entity-recogniser designs on the real-news dev split (issue [2/8]'s design question).

Designs, each trained on the same in-domain sentences of one language (the project's own labels,
``training/ner/data``; the open corpora are left out so that every design sees the same data,
which the e5 forward pass on this CPU can afford) and scored on the dev split of the real-news
gold (``tests/data/real/sentences/dev.json``), entities PER, ORG, LOC, NORP, exact spans:

  crf         the shipped design: a CRF over word, affix/clitic, shape, gazetteer and dictionary
              features (``khabar.extract.entities.sentence_features``);
  crf+static  the same CRF plus static e5 vectors of the word and its neighbours (±1) as
              real-valued features: the model2vec recipe, each multilingual-e5-small vocabulary
              piece seen in the text put through the model once (<s> piece </s>, the piece's
              output state), reduced to 32 dimensions by a PCA fitted on the training text's
              pieces, a word the mean of its pieces;
  static      a softmax over the static vectors of the word and its neighbours (±2) alone;
  e5-states   a softmax over full e5 token states (the last layer, a word the mean of its
              pieces, the sentence put through the model once): the slow, accurate candidate.
Also printed: the shipped CRF (trained with the open corpora too) on the same scorer, and the
tagging speed of each design (sentences/s on this machine, features and model included).

    .venv/bin/python training/ner/compare_designs.py [--langs ar fa en]

Deterministic (seeded PCA/softmax initialisation; L-BFGS CRF). Minutes: the e5 passes dominate.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pycrfsuite

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "training" / "ner"))
from train import PARAMS, Sentence, bio, own_labels  # noqa: E402

from khabar.e5 import E5Arrays  # noqa: E402
from khabar.extract.entities import extract_entities, sentence_features  # noqa: E402

TAGS = ["O"] + [f"{p}-{x}" for x in ("PER", "ORG", "LOC", "NORP") for p in ("B", "I")]
STATIC_DIMS = 32
SEED = 2


def dev_sentences(lang: str) -> list[tuple[str, Sentence]]:
    data = json.loads((ROOT / "tests/data/real/sentences/dev.json").read_text("utf-8"))
    out = []
    for a in data["articles"]:
        if a["lang"] != lang:
            continue
        for s in a["sentences"]:
            if s.get("unlabelled"):
                continue
            spans = [(e["start"], e["end"], e["label"]) for e in s.get("entities", [])
                     if e["label"] in ("PER", "ORG", "LOC", "NORP")]  # fmt: skip
            out.append((s["text"], bio(s["text"], lang, spans)))
    return out


def spans_of(tags: list[str]) -> set[tuple[int, int, str]]:
    out, i = set(), 0
    while i < len(tags):
        if tags[i] == "O":
            i += 1
            continue
        label, j = tags[i][2:], i + 1
        while j < len(tags) and tags[j] == f"I-{label}":
            j += 1
        out.add((i, j, label))
        i = j
    return out


def score(
    gold: list[Sentence], pred: list[list[str]], label: str | None = None
) -> dict[str, float]:
    """Exact-span precision, recall and F1 over every label, or over ``label`` only."""
    tp = fp = fn = 0
    for g, p in zip(gold, pred, strict=True):
        gs = {x for x in spans_of([t for _, t in g]) if label in (None, x[2])}
        ps = {x for x in spans_of(p) if label in (None, x[2])}
        tp, fp, fn = tp + len(gs & ps), fp + len(ps - gs), fn + len(gs - ps)
    prec, rec = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return {"P": round(prec, 3), "R": round(rec, 3),
            "F1": round(2 * prec * rec / max(prec + rec, 1e-9), 3)}  # fmt: skip


# ------------------------------------------------------------------ e5 states


class E5States:
    """Last-layer e5 states of words: of whole sentences, or of single vocabulary pieces."""

    def __init__(self) -> None:
        self.arrays = E5Arrays()
        self.tok = self.arrays.tokenizer
        self._piece_cache: dict[int, np.ndarray] = {}

    def _states(self, windows: list[list[int]]) -> np.ndarray:
        return np.asarray(self.arrays.token_states(windows)[0])

    def word_pieces(self, words: list[str]) -> list[list[int]]:
        return [self.tok.content_ids(w)[:8] or [self.tok.unk] for w in words]

    def sentences(self, sents: list[list[str]]) -> list[np.ndarray]:
        """For each sentence (words), (words, 384): each word's mean last-layer state in its
        sentence; sentences put through in length-sorted batches of 16."""
        pieces = [self.word_pieces(ws) for ws in sents]
        flat = [[p for ps in pw for p in ps][:500] for pw in pieces]
        order = sorted(range(len(sents)), key=lambda i: len(flat[i]))
        out: list[np.ndarray] = [np.zeros(0)] * len(sents)
        for k in range(0, len(order), 16):
            batch = order[k : k + 16]
            x = self._states([[self.tok.bos, *flat[i], self.tok.eos] for i in batch])
            for row, i in enumerate(batch):
                states, words, at = x[row, 1 : 1 + len(flat[i])], [], 0
                for ps in pieces[i]:
                    seg = states[at : at + len(ps)] if at < len(states) else states[-1:]
                    words.append(seg.mean(axis=0))
                    at += len(ps)
                out[i] = np.stack(words)
        return out

    def pieces(self, ids: list[int]) -> None:
        """Put each new vocabulary piece through the model once (batches of 256)."""
        todo = sorted({i for i in ids if i not in self._piece_cache})
        for k in range(0, len(todo), 256):
            batch = todo[k : k + 256]
            x = self._states([[self.tok.bos, i, self.tok.eos] for i in batch])[:, 1]
            for i, v in zip(batch, x, strict=True):
                self._piece_cache[i] = v

    def static_table(self, dims: int, fit: set[int]) -> dict[int, np.ndarray]:
        """Every piece put through so far, reduced to ``dims`` by a PCA fitted on the pieces
        ``fit`` only (the training text's: the dev text never shapes the reduction)."""
        ids = sorted(self._piece_cache)
        m = np.stack([self._piece_cache[i] for i in ids]).astype(np.float64)
        train = np.stack([self._piece_cache[i] for i in sorted(fit)]).astype(np.float64)
        mean = train.mean(axis=0)
        _, _, vt = np.linalg.svd(train - mean, full_matrices=False)
        scale = ((train - mean) @ vt[:dims].T).std(axis=0) + 1e-9
        red = ((m - mean) @ vt[:dims].T) / scale
        return dict(zip(ids, red, strict=True))


# ------------------------------------------------------------------ heads


def train_crf(x: list[list[dict]], y: list[list[str]]) -> pycrfsuite.Tagger:
    trainer = pycrfsuite.Trainer(verbose=False)
    for xs, ys in zip(x, y, strict=True):
        trainer.append(xs, ys)
    trainer.set_params(PARAMS)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.crfsuite"
        trainer.train(str(path))
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))  # crfsuite reads the whole file in: it may go
    return tagger


def train_softmax(x: np.ndarray, y: np.ndarray, epochs: int = 300) -> np.ndarray:
    """Multinomial logistic regression (Adam, L2), bias column appended; returns weights."""
    rng = np.random.default_rng(SEED)
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = rng.normal(0, 0.01, (xb.shape[1], len(TAGS)))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    onehot = np.eye(len(TAGS))[y]
    for t in range(1, epochs + 1):
        z = xb @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = xb.T @ (p - onehot) / len(x) + 1e-4 * w
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= 0.01 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return w


def softmax_tags(w: np.ndarray, x: np.ndarray) -> list[str]:
    """Argmax tags, an I- with no B-/I- of its label before it read as B-."""
    idx = (np.hstack([x, np.ones((len(x), 1))]) @ w).argmax(axis=1)
    tags = [TAGS[i] for i in idx]
    for k, t in enumerate(tags):
        if t.startswith("I-") and (k == 0 or tags[k - 1][2:] != t[2:]):
            tags[k] = "B-" + t[2:]
    return tags


def window(vectors: np.ndarray, width: int) -> np.ndarray:
    """Each row with its neighbours' rows (zeros past the ends), ±width."""
    n, d = vectors.shape
    pad = np.vstack([np.zeros((width, d)), vectors, np.zeros((width, d))])
    return np.hstack([pad[k : k + n] for k in range(2 * width + 1)])


# ------------------------------------------------------------------ run


def compare(lang: str, e5: E5States) -> dict[str, dict]:
    train = own_labels(lang)
    dev = dev_sentences(lang)
    train_words = [[w for w, _ in s] for s in train]
    dev_words = [[w for w, _ in s] for _, s in dev]
    train_y = [[t for _, t in s] for s in train]
    gold = [s for _, s in dev]
    out: dict[str, dict] = {}

    def timed(name: str, tag_all) -> None:  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        pred = tag_all()
        rate = len(dev) / (time.perf_counter() - t0)
        out[name] = {**score(gold, pred), "sent/s": round(rate, 1)}
        print(lang, name, out[name], flush=True)

    # the shipped recogniser (open corpora + own labels), same scorer
    def shipped() -> list[list[str]]:
        pred = []
        for text, sent in dev:
            tags = ["O"] * len(sent)
            spans = [(e.span.start, e.span.end, e.label) for e in extract_entities(text, lang)
                     if e.label != "GEN"]  # fmt: skip
            pred.append([t for _, t in bio(text, lang, spans)] if spans else tags)
        return pred

    timed("shipped-crf (open + own data)", shipped)

    crf = train_crf([sentence_features(ws, lang) for ws in train_words], train_y)
    timed("crf", lambda: [crf.tag(sentence_features(ws, lang)) for ws in dev_words])

    # static vectors (model2vec recipe): every piece of the text through the model once
    train_pieces = {p for ws in train_words for ps in e5.word_pieces(ws) for p in ps}
    for ws in train_words + dev_words:
        e5.pieces([p for ps in e5.word_pieces(ws) for p in ps])
    table = e5.static_table(STATIC_DIMS, train_pieces)

    def static(ws: list[str]) -> np.ndarray:
        return np.stack([np.mean([table[p] for p in ps], axis=0) for ps in e5.word_pieces(ws)])

    def with_static(ws: list[str]) -> list[dict]:
        feats, vec = sentence_features(ws, lang), static(ws)
        for i, f in enumerate(feats):
            for d in (-1, 0, 1):
                if 0 <= i + d < len(ws):
                    f[f"v{d}"] = {str(k): float(x) for k, x in enumerate(vec[i + d])}
        return feats

    crf_static = train_crf([with_static(ws) for ws in train_words], train_y)
    timed("crf+static", lambda: [crf_static.tag(with_static(ws)) for ws in dev_words])

    y_flat = np.array([TAGS.index(t) for ys in train_y for t in ys])
    xs = np.vstack([window(static(ws), 2) for ws in train_words])
    w_static = train_softmax(xs, y_flat)
    timed("static", lambda: [softmax_tags(w_static, window(static(ws), 2)) for ws in dev_words])

    xe = np.vstack(e5.sentences(train_words))
    mu, sd = xe.mean(0), xe.std(0) + 1e-6
    w_e5 = train_softmax((xe - mu) / sd, y_flat)
    timed("e5-states", lambda: [softmax_tags(w_e5, (x - mu) / sd)
                                for x in e5.sentences(dev_words)])  # fmt: skip
    out["_sizes"] = {"train_sentences": len(train), "dev_sentences": len(dev)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--langs", nargs="+", default=["ar", "fa", "en"])
    ap.add_argument("--out", type=Path, default=ROOT / "training/ner/designs.json")
    args = ap.parse_args()
    e5 = E5States()
    results = {lang: compare(lang, e5) for lang in args.langs}
    args.out.write_text(json.dumps(results, indent=1) + "\n", "utf-8")
    print(args.out)


if __name__ == "__main__":
    main()
