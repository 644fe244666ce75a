"""Build ``src/khabar/resources/person_titles.tsv``: the words that stand before a person's name
and are no part of it (titles, ranks, roles, nationalities: الأمير, الدكتور, اللواء, اليمني,
امام, سردار, "president", "minister"), by language, for
``khabar.extract.entities.without_title``. The guideline leaves titles and roles outside a
person's span (``docs/annotation.md``: الرئيس عبد ربه منصور هادي → عبد ربه منصور هادي), and the
recogniser sometimes starts a name on its title (العريف عيد ماطر مبارك الشهراني).

Input: the entity recogniser's training sentences of each language, read once each
(``training/ner/train.py``: the project's own labelled sentences, ``own_labels``, and the open
sets, ``shared_data``: NewsFANE and the Wojood sample for Arabic, wikigold, the Broad Twitter
Corpus and WNUT17 for English; Persian has only its own). No gold sentence is among them.

Rule: for each word, in matching form (``entities.word_key``), count how often it stands right
before a labelled person's name (``before``: the word tagged O, the next B-PER) and how often a
name begins with it (``first``). A word with a letter in it is a title when ``before`` is at
least ``MIN_BEFORE`` and at least ``RATIO`` times ``first + 1``: الأمير 117 and 1, الملك 88
and 7 are; التركي (13 and 4: Turki is a name) is not. A word of ``SHORT`` letters or fewer,
most of them particles and clitics, must begin no name at all: ان (137 and 14, the Ann of
آن هيدالغو, the ان left of بان كي مون when its ب reads as a clitic), "the", "a" are not.

Output: ``lang word before first source``, tab-separated, UTF-8, sorted by language and word.

    .venv/bin/python training/resources/build_person_titles.py [--shared ../shared]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "training" / "ner"))
from train import own_labels, shared_data  # noqa: E402 (the recogniser's training script)
from tsv_main import run  # noqa: E402 (a sibling script, not a package)

from khabar.extract.entities import word_key  # noqa: E402

OUT = ROOT / "src/khabar/resources/person_titles.tsv"
HEADER = ("lang", "word", "before", "first", "source")
LANGS = ("ar", "en", "fa")
MIN_BEFORE = 5
RATIO = 4
SHORT = 3
_SOURCES = {
    "ar": "NewsFANE Gold 2014 train (CC BY-SA 3.0), Wojood sample (MIT), training/ner/data "
          "ar-labels (khabar annotators): words before PER spans",
    "en": "wikigold (CC BY 4.0), Broad Twitter Corpus (CC BY 4.0), WNUT17 (CC BY 4.0), "
          "training/ner/data en-labels (khabar annotators, CC BY 2.5 / CC BY-SA text): words "
          "before PER spans",
    "fa": "training/ner/data fa-labels (khabar annotators; Fars News, Apache-2.0): words "
          "before PER spans",
}


def build(shared: Path) -> list[tuple[str, ...]]:
    rows = []
    for lang in LANGS:
        before: Counter[str] = Counter()
        first: Counter[str] = Counter()
        for sentence in [*own_labels(lang), *shared_data(shared, lang)]:
            for i, (word, tag) in enumerate(sentence):
                if tag != "B-PER":
                    continue
                first[word_key(word)] += 1
                if i and sentence[i - 1][1] == "O":
                    before[word_key(sentence[i - 1][0])] += 1
        for word, n in sorted(before.items()):
            if n >= MIN_BEFORE and n >= RATIO * (first[word] + 1) \
                    and any(c.isalpha() for c in word) \
                    and (len(word) > SHORT or not first[word]):  # fmt: skip
                rows.append((lang, word, str(n), str(first[word]), _SOURCES[lang]))
    return rows


if __name__ == "__main__":
    run(__doc__, build, HEADER, OUT)
