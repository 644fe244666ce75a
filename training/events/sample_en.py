"""Draw English news sentences to label as TRAINING data for the event classifier.

The English real training sentences (``training/ner/data`` en batches 4-8) hold few events of
most PLOVER types, and the synthetic stories are GPT-written; this draws ``WANTS`` items of the
Wikipedia Current Events portal (CC BY-SA) by category (each item is one or two sentences of
real news; its first sentence, 6 to 80 words), outside every gold set and training batch,
seeded. Annotators label each sentence alone with ``docs/annotation.md`` section 4 (PLOVER type
or NONE, and mode), one JSON line per sentence (``{"id", "type", "mode"}``), in
``training/events/data/en-events-labels-{k}.jsonl``; ``train.py`` reads them.

    .venv/bin/python training/events/sample_en.py --shared ../shared
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
from sample import current_events, split_sentences  # noqa: E402

SEED = 37
# Current Events categories (the portal's own, as the file spells them) → items to draw: the
# categories where PLOVER's types are reported, and a few others for sentences of no event
WANTS = {"Armed conflicts and attacks": 90, "Law and crime": 80, "International relations": 90,
         "Politics and elections": 70, "Business and economy": 20, "Disasters and accidents": 20,
         "Health and environment": 15, "Arts and culture": 15}  # fmt: skip
BATCHES = 2
OUT = ROOT / "training" / "events" / "data"
REAL = ROOT / "tests" / "data" / "real"


def _taken() -> set[str]:
    """Current Events items already in a gold set or a training batch."""
    pattern = re.compile(r"wikipedia-current-events:\d+")
    ids = set(pattern.findall((REAL / "sample.json").read_text("utf-8")))
    for path in [*REAL.rglob("*.json"), *(ROOT / "training" / "ner" / "data").glob("en-*.json")]:
        ids |= set(pattern.findall(path.read_text("utf-8")))
    return ids


def draw(shared: Path) -> list[dict]:
    """The drawn items (id, article_id, published, category, text), in the seeded order."""
    taken = _taken()
    rng = random.Random(f"{SEED}:events-en-train")
    pools: dict[str, list[dict]] = {c: [] for c in WANTS}
    seen: set[str] = set()
    for item in current_events(shared):
        cat = item.get("category")
        if cat not in pools or item["article_id"] in taken or not item["body"]:
            continue
        spans = split_sentences(item["body"])
        if not spans:
            continue
        text = item["body"][spans[0][0] : spans[0][1]].strip()
        key = " ".join(text.split())
        if not 6 <= len(text.split()) <= 80 or key in seen:
            continue  # the portal repeats items across days
        seen.add(key)
        pools[cat].append({"article_id": item["article_id"], "published": item["published"],
                           "category": cat, "text": text})  # fmt: skip
    drawn: list[dict] = []
    for cat, n in WANTS.items():
        pool = pools[cat]
        rng.shuffle(pool)
        drawn += pool[:n]
        print(f"{cat}: {len(pool)} in the pool, drew {min(n, len(pool))}")
    rng.shuffle(drawn)
    for n, item in enumerate(drawn, start=1):
        item["id"] = f"tr-en-{n:03d}"
    return drawn


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    drawn = draw(args.shared)
    size = (len(drawn) + BATCHES - 1) // BATCHES
    OUT.mkdir(parents=True, exist_ok=True)
    for k in range(BATCHES):
        items = [{k2: i[k2] for k2 in ("id", "article_id", "published", "text")}
                 for i in drawn[k * size : (k + 1) * size]]  # fmt: skip
        (OUT / f"en-events-batch-{k + 1}.json").write_text(json.dumps(
            {"guideline": "docs/annotation.md, section 4 (events), each sentence alone",
             "write": "one JSON line per sentence: {\"id\", \"type\", \"mode\"}",
             "items": items}, ensure_ascii=False, indent=1) + "\n", "utf-8")  # fmt: skip
    print(f"{len(drawn)} sentences → {OUT.relative_to(ROOT)}/en-events-batch-{{1..{BATCHES}}}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
