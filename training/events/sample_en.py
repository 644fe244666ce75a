"""Draw English news sentences to label as TRAINING data for the event classifier.

The English real training sentences (``training/ner/data`` en batches 4-8) hold few events of
most PLOVER types, and the synthetic stories are GPT-written; this draws items of the Wikipedia
Current Events portal (CC BY-SA; each item is one or two sentences of real news: its first
sentence, 6 to 80 words), outside every gold set and training batch, seeded, in rounds:
round 1 by the portal's category (``WANTS``), rounds 2 to 5 by the PLOVER types of the CAMEO
verbs each sentence holds (``khabar.extract.event_types.cameo_verbs``; ``PER_TYPE`` of each
type, so that the rare types get examples), outside the rounds before. Annotators label each
sentence alone with ``docs/annotation.md`` section 4 (PLOVER type or NONE, and mode), one JSON
line per sentence (``{"id", "type", "mode"}``), in
``training/events/data/en-events-labels-{k}.jsonl``; ``train.py`` reads them.

    .venv/bin/python training/events/sample_en.py --shared ../shared --round 1   # batches 1-2
    .venv/bin/python training/events/sample_en.py --shared ../shared --round 2   # batches 3-4
    .venv/bin/python training/events/sample_en.py --shared ../shared --round 3   # batches 5-6
    .venv/bin/python training/events/sample_en.py --shared ../shared --round 4   # batches 7-8
    .venv/bin/python training/events/sample_en.py --shared ../shared --round 5   # batches 9-10
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "gold"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from batches import OUT, public, write_batches  # noqa: E402
from sample import current_events, split_sentences  # noqa: E402

SEEDS = {1: 37, 2: 41, 3: 43, 4: 47, 5: 53}
PER_TYPE = 25  # rounds 2 to 5: sentences whose CAMEO verbs include each PLOVER type
# Current Events categories (the portal's own, as the file spells them) → items to draw: the
# categories where PLOVER's types are reported, and a few others for sentences of no event
WANTS = {"Armed conflicts and attacks": 90, "Law and crime": 80, "International relations": 90,
         "Politics and elections": 70, "Business and economy": 20, "Disasters and accidents": 20,
         "Health and environment": 15, "Arts and culture": 15}  # fmt: skip
BATCHES = 2
REAL = ROOT / "tests" / "data" / "real"


def _taken() -> set[str]:
    """Current Events items already in a gold set or a training batch."""
    pattern = re.compile(r"wikipedia-current-events:\d+")
    ids: set[str] = set()  # the gold's draws (sample.json) and labelled sets under REAL
    for path in [*REAL.rglob("*.json"), *(ROOT / "training" / "ner" / "data").glob("en-*.json")]:
        ids |= set(pattern.findall(path.read_text("utf-8")))
    return ids


def _candidates(shared: Path, taken: set[str]) -> list[dict]:
    """First sentences (6 to 80 words) of Current Events items outside ``taken``, each text
    once (the portal repeats items across days), in file order."""
    out, seen = [], set()
    for item in current_events(shared):
        if item["article_id"] in taken or not item["body"]:
            continue
        spans = split_sentences(item["body"])
        if not spans:
            continue
        text = item["body"][spans[0][0] : spans[0][1]].strip()
        key = " ".join(text.split())
        if not 6 <= len(text.split()) <= 80 or key in seen:
            continue
        seen.add(key)
        out.append({"article_id": item["article_id"], "published": item["published"],
                    "category": item.get("category"), "text": text})  # fmt: skip
    return out


def draw(shared: Path, round_: int) -> list[dict]:
    """The drawn items of a round (id, article_id, published, category, text), in the seeded
    order; ids go on from the rounds before."""
    taken = _taken()
    rng = random.Random(f"{SEEDS[round_]}:events-en-train")
    before = [i for k in range(1, 2 * round_ - 1) if (OUT / f"en-events-batch-{k}.json").exists()
              for i in json.loads((OUT / f"en-events-batch-{k}.json").read_text("utf-8"))["items"]]
    taken |= {i["article_id"] for i in before}
    cands = _candidates(shared, taken)
    drawn: list[dict] = []
    if round_ == 1:
        for cat, n in WANTS.items():
            pool = [c for c in cands if c["category"] == cat]
            rng.shuffle(pool)
            drawn += pool[:n]
            print(f"{cat}: {len(pool)} in the pool, drew {min(n, len(pool))}")
    else:
        from khabar.extract.event_types import cameo_verbs

        hits = {c["article_id"]: set(cameo_verbs(c["text"], "en")) for c in cands}
        chosen: set[str] = set()
        for typ in sorted({t for ts in hits.values() for t in ts}):
            pool = [c for c in cands if typ in hits[c["article_id"]]
                    and c["article_id"] not in chosen]  # fmt: skip
            rng.shuffle(pool)
            drawn += pool[:PER_TYPE]
            chosen |= {c["article_id"] for c in pool[:PER_TYPE]}
            print(f"{typ}: {len(pool)} in the pool, drew {min(PER_TYPE, len(pool))}")
    rng.shuffle(drawn)
    for n, item in enumerate(drawn, start=len(before) + 1):
        item["id"] = f"tr-en-{n:03d}"
    return drawn


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--round", type=int, choices=sorted(SEEDS), default=max(SEEDS))
    args = ap.parse_args()
    drawn = draw(args.shared, args.round)
    print(write_batches("en", BATCHES * (args.round - 1) + 1, BATCHES, public(drawn)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
