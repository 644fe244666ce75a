"""Story grouping on real articles with no gold: the size of the stories and their titles.

Real news has no story gold here, so this is a precision probe to read by eye: N SaudiNewsNet
articles (one week of July 2015, from ../shared/corpora) are ingested in order with extraction
into a temporary store; the distribution of story sizes is printed with the titles of the
largest stories. One giant story means the grouping chains unrelated events.

    .venv/bin/python bench/stories_real.py [--docs 4000] [--show 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import real_jsonl  # noqa: E402  (bench/ingest.py: the same corpus reader)

from khabar.pipeline import ingest  # noqa: E402
from khabar.settings import load_settings  # noqa: E402
from khabar.store import open_store  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--docs", type=int, default=4000)
    ap.add_argument("--show", type=int, default=3, help="largest stories whose titles to print")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "real.jsonl"
        if real_jsonl(jsonl, args.docs) == 0:
            print("real corpus not found under ../shared/corpora")
            return 1
        settings = load_settings({"database": str(Path(tmp) / "real.db")}, environ={})
        with open_store(settings) as store:
            ingest([str(jsonl)], store)
            sizes = store.db.execute(
                "SELECT story_id, COUNT(*) n FROM story_members GROUP BY story_id ORDER BY n DESC"
            ).fetchall()
            histogram: dict[int, int] = {}
            for _, n in sizes:
                histogram[n] = histogram.get(n, 0) + 1
            print(f"{sum(n for _, n in sizes)} documents in {len(sizes)} stories")
            print("size: stories  " + "  ".join(f"{n}: {c}" for n, c in sorted(histogram.items())))
            kinds = store.db.execute(
                "SELECT kind, COUNT(*) FROM contradictions GROUP BY kind ORDER BY 2 DESC"
            ).fetchall()
            events = store.db.execute("SELECT COUNT(*), SUM(background) FROM events").fetchone()
            print(f"fusion: {events[0]} canonical events ({events[1] or 0} background); "
                  "contradictions: " + ", ".join(f"{k} {n}" for k, n in kinds))  # fmt: skip
            for story_id, n in sizes[: args.show]:
                print(f"\nstory {story_id} ({n} documents)")
                for (title,) in store.db.execute(
                    "SELECT d.title FROM story_members m JOIN documents d ON d.id = m.doc_id"
                    " WHERE m.story_id = ? ORDER BY m.joined_at LIMIT 8",
                    (story_id,),
                ):
                    print(f"  {title[:90]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
