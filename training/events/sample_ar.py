"""Draw Arabic assault and protest sentences to label as TRAINING data for the event classifier.

The Arabic training batches (``training/ner/data``) hold few protests; this draws, as
``scripts/gold/events_ar.py`` draws its gold but with another seed and outside it (and outside
every other gold set and training batch), ``PROTESTS`` sentences hitting the protest word list
and ``ASSAULTS`` hitting the assault list, at most two per article, from SaudiNewsNet
(CC BY-NC-SA 4.0). Annotators label them alone with ``docs/annotation.md`` section 4 (type and
mode), one JSON line per sentence (``{"id", "type", "mode"}``), in
``training/events/data/ar-events-labels-{k}.jsonl``; ``train.py`` reads them.

    .venv/bin/python training/events/sample_ar.py --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "gold"))
from events_ar import REAL, _taken, draw_sentences  # noqa: E402

SEED = 29
PROTESTS, ASSAULTS = 200, 100
OUT = ROOT / "training" / "events" / "data"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    drawn_gold = json.loads((REAL / "batches" / "events-ar-drawn.json").read_text("utf-8"))
    taken = _taken() | {i["article_id"] for i in drawn_gold["items"]}
    rng = random.Random(f"{SEED}:events-ar-train")
    drawn = [{k: i[k] for k in ("article_id", "published", "text")} for i in
             draw_sentences(args.shared, taken, rng, {"protest": PROTESTS, "assault": ASSAULTS})]
    for n, item in enumerate(drawn, start=1):
        item["id"] = f"tr-ar-{n:03d}"
    half = (len(drawn) + 1) // 2
    OUT.mkdir(parents=True, exist_ok=True)
    for k, items in ((1, drawn[:half]), (2, drawn[half:])):
        (OUT / f"ar-events-batch-{k}.json").write_text(json.dumps(
            {"guideline": "docs/annotation.md, section 4 (events), each sentence alone",
             "write": "one JSON line per sentence: {\"id\", \"type\", \"mode\"}",
             "items": items}, ensure_ascii=False, indent=1) + "\n", "utf-8")  # fmt: skip
    print(f"{len(drawn)} sentences → {OUT.relative_to(ROOT)}/ar-events-batch-{{1,2}}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
