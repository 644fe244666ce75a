"""Annotation aid: find SaudiNewsNet (Arabic) or Fars News (Persian) articles by words.

    python scripts/gold/search_corpus.py saudi "سروج" --day 2015-07-21 --days-after 1
    python scripts/gold/search_corpus.py fars "سوروچ"
    python scripts/gold/search_corpus.py saudi --show saudinewsnet:2015-07-21:17

Matching folds hamza forms, ی/ي, ک/ك, ة/ه and ZWNJ; all words given must occur in the title or
body.  Prints article id, outlet, published day, title and the start of the body.  The ids are the
ones the gold files use.  It reads ``../shared`` and is never run by khabar itself.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from geolookup import fold  # noqa: E402
from sample import fars_articles, saudi_day, saudi_days  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("corpus", choices=["saudi", "fars"])
    ap.add_argument("words", nargs="*")
    ap.add_argument("--day", help="YYYY-MM-DD (saudi: the crawl day)")
    ap.add_argument("--days-after", type=int, default=0)
    ap.add_argument("--show", help="print one article whole")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[3] / "shared")
    args = ap.parse_args()
    if args.corpus == "fars":
        arts = fars_articles(args.shared)
    else:
        days = saudi_days(args.shared)
        if args.show:
            days = [args.show.split(":")[1]]
        elif args.day:
            first = dt.date.fromisoformat(args.day)
            want = {(first + dt.timedelta(days=k)).isoformat() for k in range(args.days_after + 1)}
            days = [d for d in days if d in want]
        arts = [a for d in days for a in saudi_day(args.shared, d)]
    if args.show:
        for a in arts:
            if a["article_id"] == args.show:
                print(
                    a["article_id"],
                    a["outlet"],
                    a["published"],
                    "\n" + a["title"] + "\n\n" + a["body"],
                )
        return
    words = [fold(w) for w in args.words]
    n = 0
    for a in arts:
        text = fold(a["title"] + " " + a["body"])
        if all(w in text for w in words):
            body = a["body"][:160].replace("\n", " ")
            print(f"{a['article_id']} | {a['outlet']} | {a['published']} | {a['title']} | {body}")
            n += 1
            if n >= args.limit:
                break
    print(f"-- {n} shown")


if __name__ == "__main__":
    main()
