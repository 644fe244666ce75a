"""Build ``src/khabar/resources/org_heads.tsv``: the words that head an institution's name in
Persian news (وزارت, اداره, هیئت, شورای), for the names that end in a place
(``هیئت ورزش‌های همگانی استان قزوین``: one ORG by the annotation guideline,
``docs/annotation.md``; read by ``khabar.extract.entities.institution_names``). Arabic puts
such a place in an adjective or after a preposition, which the recogniser spans itself.

Input: the project's own labelled training sentences, ``training/ner/data/fa-labels-*.jsonl``
(labelled from the guideline by annotators who had not read the code; no gold sentence among
them). Each ORG span's first word, in matching form (``lexicon.alias_key``), is counted.

Rule: a word heads institutions when at least ``MIN_NAMES`` labelled ORG spans of two words or
more begin with it, with at least ``MIN_NEXT`` different second words (ذوب آهن, رئال مادرید,
بايرن مونيخ are one name each), and it stands alone as a whole ORG span at most a
``MAX_ALONE`` share as often (حماس, داعش, فارس are names, not heads), and it begins GEN spans of
two words or more (unnamed forces, officials) at most half as often as ORG ones (نيروهاي
"forces"; a GEN of its own word alone, پليس "police", is its unnamed use). A word of kind of a
place (استان, محافظة: ``entities.place_phrases``) is no head.

Output: ``lang head names alone generic source``, tab-separated, UTF-8, sorted by language and head.

    .venv/bin/python training/resources/build_org_heads.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tsv_main import run  # noqa: E402 (a sibling script, not a package)

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts" / "gold"))
from build import LEFT_OUT  # noqa: E402

from khabar.extract.entities import place_kind  # noqa: E402
from khabar.extract.lexicon import alias_key  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src/khabar/resources/org_heads.tsv"
DATA = ROOT / "training/ner/data"
HEADER = ("lang", "head", "names", "alone", "generic", "source")
LANGS = ("fa",)  # entities.institution_names reads Persian heads only
MIN_NAMES = 4
MIN_NEXT = 3
MAX_ALONE = 0.25
_SOURCE = "training/ner/data/{lang}-labels-*.jsonl (khabar annotators): first word of ORG spans"


def build(_shared: Path) -> list[tuple[str, ...]]:
    rows = []
    for lang in LANGS:
        names: Counter[str] = Counter()
        alone: Counter[str] = Counter()
        after: dict[str, set[str]] = {}
        generic: Counter[str] = Counter()
        for path in sorted(DATA.glob(f"{lang}-labels-*.jsonl")):
            if path.name in LEFT_OUT:
                continue  # labelled, measured and left out (scripts/gold/build.py)
            for line in path.read_text(encoding="utf-8").splitlines():
                for e in json.loads(line)["entities"]:
                    words = alias_key(e["text"]).split(" ")
                    if e["label"] == "GEN" and len(words) > 1:
                        generic[words[0]] += 1
                    if e["label"] != "ORG":
                        continue
                    if len(words) > 1:
                        names[words[0]] += 1
                        after.setdefault(words[0], set()).add(words[1])
                    elif words[0]:
                        alone[words[0]] += 1
        for head, n in sorted(names.items()):
            if n >= MIN_NAMES and len(after[head]) >= MIN_NEXT and alone[head] <= MAX_ALONE * n \
                    and generic[head] <= n / 2 and not place_kind(head, lang):  # fmt: skip
                rows.append((lang, head, str(n), str(alone[head]), str(generic[head]),
                             _SOURCE.format(lang=lang)))  # fmt: skip
    return rows


if __name__ == "__main__":
    run(__doc__, build, HEADER, OUT)
