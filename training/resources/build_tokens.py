"""Build the most frequent tokens as written (``src/khabar/resources/tokens/{lang}.tsv``).

Counts, over the real news of ``build_wordfreq.py`` less what the benches read (SaudiNewsNet
for ar without its first three days, Fars News for fa without its first file; Wikinews and
Wikipedia Current Events for en; counts only, no text is shipped), the tokens as two run-time
readers cut them, without normalisation:

* ``ner``: the entity recogniser's tokens (``khabar.extract.entities.tokenize``: words with
  their harakat and ZWNJ, an Arabic proclitic apart, punctuation marks);
* ``words``: the words the static vectors read (``\\w+``, as ``event_types.sentence_vector``).

and keeps the ``TOP`` most frequent of each seen at least ``MIN_COUNT`` times (ties broken by
the token). ``bench/extract.py`` and ``bench/ingest.py`` read the first days and file, so
their text is not where these counts come from. At run time the entity
recogniser's per-word emission weights and the static vectors' per-word pieces are computed
for these tokens once and kept between processes (``khabar.resources.derived``), instead of
on each token's first sight in each process: the same values, sooner. Needs
``src/khabar/resources/wordfreq`` (the Arabic proclitic split reads it).

    python training/resources/build_tokens.py --shared ../shared
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training" / "resources"))

from build_wordfreq import texts  # noqa: E402

from khabar.extract.entities import tokenize  # noqa: E402

TOP = 20_000
MIN_COUNT = 5
BENCH_DAYS = 3  # SaudiNewsNet days (zip files) the benches read first, left out
SOURCES = {
    "ar": "SaudiNewsNet (parallelfold/SaudiNewsNet @ 4e39239966c2, CC BY-NC-SA 4.0), its days "
    "after the first three",
    "fa": "Fars News corpus (language-ml/course-nlp-ir-1-text-exploring @ 48c7d56a33a6, "
    "Apache-2.0), fars-news-2..5.json",
    "en": "Wikinews 2019-2020 (CC BY 2.5) and Wikipedia Current Events items (CC BY-SA)",
}
_WORD = re.compile(r"\w+")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    out = ROOT / "src/khabar/resources/tokens"
    out.mkdir(parents=True, exist_ok=True)
    for lang in ("ar", "fa", "en"):
        counts: dict[str, Counter[str]] = {"ner": Counter(), "words": Counter()}
        for t in texts(args.shared, lang, skip_days=BENCH_DAYS, skip_files=1):
            for line in t.split("\n"):
                counts["ner"].update(line[a:b] for a, b in tokenize(line, lang))
                counts["words"].update(_WORD.findall(line))
        with (out / f"{lang}.tsv").open("w", encoding="utf-8") as fh:
            fh.write(
                f"# source: token counts of {SOURCES[lang]}; "
                "built by training/resources/build_tokens.py\n"
            )
            fh.write("reader\ttoken\tcount\n")
            for reader, c in counts.items():
                rows = sorted(((t, n) for t, n in c.items() if n >= MIN_COUNT),
                              key=lambda kv: (-kv[1], kv[0]))[:TOP]  # fmt: skip
                for token, n in rows:
                    fh.write(f"{reader}\t{token}\t{n}\n")
                print(lang, reader, len(c), "distinct,", len(rows), "kept")


if __name__ == "__main__":
    main()
