"""Build ``src/khabar/resources/clause_final.tsv``: the Persian words that end clauses, which
are verbs (Persian puts the verb last: گفت, کردند, است, افزود), for the rules that must not
read across a clause (``khabar.extract.entities.institution_names``).

Input: Fars News, all five files (``<shared>/corpora/fars-news``, Apache-2.0; counts only, no
text is shipped), read with ``bench/corpora.fars_items``. Words are in matching form
(``lexicon.alias_key``); a clause ends at . ! ? ؟ : ؛ (a paragraph's unpunctuated end is
no evidence: titles and bylines end on names).

Rule: a word ends clauses when it occurs at least ``MIN_COUNT`` times and at least a
``MIN_SHARE`` of its occurrences stand last in a clause. Names and nouns almost never do
(ایران 0.01, اسلامی 0.01, استان 0.00); verbs do (گفت 0.87, کردند 0.51, است 0.44, گفتند 0.21).

Output: ``lang word count final_share source``, tab-separated, UTF-8, sorted by word.

    .venv/bin/python training/resources/build_clause_final.py --shared ../shared
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import fars_items  # noqa: E402
from tsv_main import run  # noqa: E402 (a sibling script, not a package)

from khabar.extract.lexicon import alias_key  # noqa: E402

OUT = ROOT / "src/khabar/resources/clause_final.tsv"
HEADER = ("lang", "word", "count", "final_share", "source")
MIN_COUNT = 5
MIN_SHARE = 0.15
_ENDS = ".!?؟:؛"
_TOKEN = re.compile(r"[\w\u200c]+|[.!?؟:؛]")
_SOURCE = "Fars News (corpora/fars-news, Apache-2.0): share of occurrences ending a clause"


def build(shared: Path) -> list[tuple[str, ...]]:
    total: Counter[str] = Counter()
    final: Counter[str] = Counter()
    for item in fars_items(shared / "corpora"):
        for paragraph in item["paragraphs"]:
            tokens = _TOKEN.findall(str(paragraph))
            for i, tok in enumerate(tokens):
                if tok[0] in _ENDS:
                    continue
                key = alias_key(tok)
                if not key:
                    continue
                total[key] += 1
                if i + 1 < len(tokens) and tokens[i + 1][0] in _ENDS:
                    final[key] += 1  # a written clause end (a paragraph's last word may be a
                    # title's or a byline's: لندن, شيراز)
    return [("fa", w, str(n), f"{final[w] / n:.2f}", _SOURCE) for w, n in sorted(total.items())
            if n >= MIN_COUNT and final[w] >= MIN_SHARE * n]  # fmt: skip


if __name__ == "__main__":
    run(__doc__, build, HEADER, OUT)
