"""Build the word-frequency lists khabar ships (``src/khabar/resources/wordfreq/{lang}.tsv``).

Counts normalised words (``khabar.normalize.normalize``, then ``\\w+``) over real news:
  ar  SaudiNewsNet, all 18 days (CC BY-NC-SA 4.0; counts only, no text is shipped)
  fa  Fars News, all five files (Apache-2.0)
  en  Wikinews 2019-2020 (CC BY 2.5) and Wikipedia Current Events items (CC BY-SA)
and keeps the ``TOP`` most frequent (ties broken by the word), with a header naming the source.
Used to tell a proclitic from a word's first letter (بأفريقيا → ب + أفريقيا, but بغداد stays)
and to keep ordinary words from being read as names.

    python training/resources/build_wordfreq.py --shared ../shared
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from corpora import fars_items, saudi_items  # noqa: E402

from khabar.normalize import normalize  # noqa: E402

TOP = 50_000
_WORD = re.compile(r"\w+")
SOURCES = {
    "ar": "SaudiNewsNet (parallelfold/SaudiNewsNet @ 4e39239966c2, CC BY-NC-SA 4.0), "
    "31,030 articles",
    "fa": "Fars News corpus (language-ml/course-nlp-ir-1-text-exploring @ 48c7d56a33a6, "
    "Apache-2.0), 1,500 articles",
    "en": "Wikinews 2019-2020 (CC BY 2.5) and Wikipedia Current Events items (CC BY-SA)",
}


def texts(shared: Path, lang: str, skip_days: int = 0, skip_files: int = 0):
    """The texts of ``lang``'s corpus (title and body); without SaudiNewsNet's first
    ``skip_days`` days or Fars News's first ``skip_files`` files."""
    if lang == "ar":
        for r in saudi_items(shared / "corpora", skip_days):
            yield (r.get("title") or "") + "\n" + (r.get("content") or "")
    elif lang == "fa":
        for r in fars_items(shared / "corpora", skip_files):
            yield "\n".join([r.get("title") or "", r.get("abstract") or "", *r["paragraphs"]])
    else:
        news = shared / "field-data/news-en"
        for year in (2019, 2020):
            with (news / f"wikinews_{year}.csv").open(encoding="utf-8", newline="") as fh:
                for r in csv.DictReader(fh):
                    yield (r.get("title") or "") + "\n" + (r.get("text") or "")
        with gzip.open(news / "wikipedia_current_events.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line).get("text") or ""


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    out = ROOT / "src/khabar/resources/wordfreq"
    out.mkdir(parents=True, exist_ok=True)
    for lang in ("ar", "fa", "en"):
        counts: Counter[str] = Counter()
        for t in texts(args.shared, lang):
            counts.update(w for w in _WORD.findall(normalize(t).lower()) if not w.isdigit())
        rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
        with (out / f"{lang}.tsv").open("w", encoding="utf-8") as fh:
            fh.write(
                f"# source: word counts of {SOURCES[lang]}; "
                "built by training/resources/build_wordfreq.py\n"
            )
            fh.write("word\tcount\n")
            for w, c in rows:
                fh.write(f"{w}\t{c}\n")
        print(lang, len(counts), "distinct words,", len(rows), "kept")


if __name__ == "__main__":
    main()
