"""Write the crawl times of the SaudiNewsNet articles in the story gold sets.

The story gold keeps each article's ``published`` as the day of SaudiNewsNet's
``date_extracted`` (its crawl time). The time of day matters for reading the article's
relative dates (a crawl at 02:00 mostly finds the previous day's paper), so this copies the
full ``date_extracted`` of every SaudiNewsNet article of ``tests/data/real/stories/*.json``
into ``tests/data/real/stories/crawl_times.json`` ({"source": ..., "crawled": {article_id:
time}}). Source: ../shared/corpora/saudinewsnet (parallelfold/SaudiNewsNet, CC BY-NC-SA 4.0).

    .venv/bin/python scripts/gold/crawl_times.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT / "tests" / "data" / "real" / "stories"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    days: dict[str, list] = {}
    out: dict[str, str] = {}
    for path in sorted(STORIES.glob("*-*.json")):
        for d in json.loads(path.read_text(encoding="utf-8"))["documents"]:
            record = d.get("record") or {}
            if record.get("corpus") != "saudinewsnet":
                continue
            file = record["file"]
            if file not in days:
                with zipfile.ZipFile(Path(args.shared) / "corpora" / "saudinewsnet" / file) as zf:
                    days[file] = [x for n in zf.namelist() for x in json.loads(zf.read(n))]
            out[d["article_id"]] = days[file][record["index"]]["date_extracted"]
    target = STORIES / "crawl_times.json"
    target.write_text(json.dumps({
        "source": "date_extracted of ../shared/corpora/saudinewsnet (parallelfold/SaudiNewsNet "
                  "@ 4e39239966c2, CC BY-NC-SA 4.0), by scripts/gold/crawl_times.py",
        "crawled": dict(sorted(out.items())),
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")  # fmt: skip
    print(f"{len(out)} crawl times -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
