"""Draw Persian news sentences to label as TRAINING data for the event classifier.

Persian has no CAMEO verb dictionary and its real training sentences (``training/ner/data`` fa
batches) hold few events of most PLOVER types; this draws Fars News sentences (Apache-2.0; 6 to
80 words, at most two per article) outside every gold set and training batch, seeded: per
PLOVER type ``PER_TYPE`` sentences that the shipped classifier (``khabar.extract.event_types
.classify_sentence``) types so with an event probability of at least ``MIN_EVENT`` (so that
the rare types get examples, right or wrong: the labels, not the model, decide), and
``RANDOM`` sentences drawn at random (for sentences of no event). Annotators label each
sentence alone with ``docs/annotation.md`` section 4 (PLOVER type or NONE, and mode), one JSON
line per sentence (``{"id", "type", "mode"}``), in
``training/events/data/fa-events-labels-{k}.jsonl``; ``train.py`` reads them.

    .venv/bin/python training/events/sample_fa.py --shared ../shared   # batches 1-2

The draw depends on the classifier: batches 1-2 were drawn with the code and models of commit
9291e41, before the models learned from them; with the models shipped since, the command draws
other sentences (redraw them in a worktree of that commit). It draws one round: a second one
needs its own seed and batch numbers, and to leave out the first round's articles.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "gold"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from batches import public, write_batches  # noqa: E402
from sample import fars_articles, split_sentences  # noqa: E402

SEED = 53
PER_TYPE = 18
RANDOM = 60
MIN_EVENT = 0.3
MAX_PER_ARTICLE = 2
BATCHES = 2
REAL = ROOT / "tests" / "data" / "real"


def _taken() -> set[str]:
    """Fars News articles already in a gold set or a training batch."""
    pattern = re.compile(r"fars:\d+:\d+")
    ids: set[str] = set()
    for path in [*REAL.rglob("*.json"), *(ROOT / "training" / "ner" / "data").glob("fa-*.json")]:
        ids |= set(pattern.findall(path.read_text("utf-8")))
    return ids


def draw(shared: Path) -> list[dict]:
    """The drawn sentences (id, article_id, published, text), in the seeded order."""
    from khabar.extract.event_types import classify_sentence

    taken = _taken()
    rng = random.Random(f"{SEED}:events-fa-train")
    articles = [a for a in fars_articles(shared) if a["article_id"] not in taken and a["body"]]
    rng.shuffle(articles)
    by_type: dict[str, list[dict]] = {}
    plain: list[dict] = []
    for a in articles:
        for s, e in split_sentences(a["body"])[:MAX_PER_ARTICLE * 3]:
            text = a["body"][s:e].strip()
            if not 6 <= len(text.split()) <= 80:
                continue
            item = {"article_id": a["article_id"], "published": a["published"], "text": text}
            guess = classify_sentence(text, "fa")
            if guess.event >= MIN_EVENT:
                by_type.setdefault(guess.plover, []).append(item)
            else:
                plain.append(item)
    drawn: list[dict] = []
    per_article: dict[str, int] = {}

    def take(pool: list[dict], n: int) -> int:
        k = 0
        for item in pool:
            if k >= n:
                break
            if per_article.get(item["article_id"], 0) >= MAX_PER_ARTICLE:
                continue
            per_article[item["article_id"]] = per_article.get(item["article_id"], 0) + 1
            drawn.append(item)
            k += 1
        return k

    for typ in sorted(by_type):
        k = take(by_type[typ], PER_TYPE)
        print(f"{typ}: {len(by_type[typ])} in the pool, drew {k}")
    print(f"no event: {len(plain)} in the pool, drew {take(plain, RANDOM)}")
    rng.shuffle(drawn)
    for n, item in enumerate(drawn, start=1):
        item["id"] = f"tr-fa-{n:03d}"
    return drawn


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    drawn = draw(args.shared)
    print(write_batches("fa", 1, BATCHES, public(drawn)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
