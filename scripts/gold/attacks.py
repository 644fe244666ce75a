"""A story gold of attack reports and their follow-ups, a dev set of the story grouping.

The first story sets (``sample.py``: 105 random SaudiNewsNet articles a day) hold few stories
of more than one report: 17 of 174 in dev. What the decision has to learn on real news, reports
of one attack in one language, with its toll updates, claims of responsibility, the bomber
named, arrests and condemnations days later (``docs/annotation.md``, section 6), is nearly
absent from them. This set is made of such reports.

    .venv/bin/python scripts/gold/attacks.py draw --shared ../shared   # the batch to label
    .venv/bin/python scripts/gold/attacks.py build --shared ../shared  # gold + agreement

``draw`` takes every SaudiNewsNet article crawled on ``DAYS`` whose title names violence
(``TITLE_WORDS``: a word of the list, or one with at most ``CLITIC`` letters before it, as a
proclitic is: بقصف, والقتلى; a pre-filter for drawing only), outside the articles of
``events_ar._taken`` (the sentence gold's draws, the contradiction and story sets, the entity
recogniser's training batches), in a seeded order. It does not leave out the Arabic assault and
protest sentences (``sentences/events-ar-*.json``: 4 of its articles are in the dev split) nor
the event models' training batches (``training/events/data``: 18 of its articles have
sentences there, which the event models learned from: the event types of those reports, and so
their story signatures, are a little flattered).
Annotators group them into stories from the guideline and search the corpus (``
search_corpus.py``) for the other reports of those happenings on ``DAYS``: follow-ups whose
titles name no violence ("تركيا تكشف هوية منفذ الهجوم"), which they add to the story. A
second annotator groups ``AGREEMENT`` articles of the batch apart.

Writes ``tests/data/real/batches/stories-attacks.json`` and ``agreement-stories-attacks.json``;
``build`` reads ``labels/A/stories-attacks.jsonl`` (one line per article: ``article_id``,
``story``, ``note``; ``"added": true`` on the articles found by search) and
``labels/B/agreement-stories-attacks.jsonl``, and writes ``stories/attacks-dev.json`` (a dev
set only: the held-out story sets stay ``saudi-heldout`` and ``crossling-heldout``).
SaudiNewsNet: CC BY-NC-SA 4.0.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import ABOUT_STORIES, STORY_FORMAT, _doc, bcubed_f1, read_jsonl  # noqa: E402
from events_ar import REAL, _taken  # noqa: E402
from sample import _norm, saudi_day  # noqa: E402

SEED = 41
DAYS = ("2015-07-24", "2015-07-25", "2015-07-26", "2015-07-27")  # in no other story set
TITLE_WORDS = ("قتل قتلى مقتل هجوم هجمات انفجار تفجير غارة غارات قصف اشتباك اشتباكات اغتيال "
               "اختطاف خطف استهدف مسلحون مسلحين انتحاري")  # fmt: skip
OWN = ("attacks-dev.json",)  # this set's own file among the story sets _taken reads
CLITIC = 3
AGREEMENT = 30
BATCH = REAL / "batches" / "stories-attacks.json"
AGREE = REAL / "batches" / "agreement-stories-attacks.json"
GUIDE = ("docs/annotation.md, section 6 (stories): group the articles into stories; then, for "
         "each happening, search SaudiNewsNet for its other reports crawled on 2015-07-24 to "
         "2015-07-27 (scripts/gold/search_corpus.py saudi WORDS --day 2015-07-24 --days-after 3)"
         " and add them")  # fmt: skip


def _violent(title: str) -> bool:
    """Whether a title holds a word of ``TITLE_WORDS``, alone or after a short proclitic."""
    keys = _keys()
    return any(w in keys or any(w.endswith(k) and len(w) - len(k) <= CLITIC for k in keys)
               for w in re.findall(r"\w+", _norm(title)))  # fmt: skip


@lru_cache(maxsize=1)
def _keys() -> frozenset[str]:
    return frozenset(_norm(k) for k in TITLE_WORDS.split())


def draw(shared: Path) -> int:
    taken = _taken(OWN)
    pool = [a for day in DAYS for a in saudi_day(shared, day)
            if a["article_id"] not in taken and a["body"] and _violent(a["title"])]  # fmt: skip
    random.Random(f"{SEED}:attacks").shuffle(pool)
    keep = ("article_id", "outlet", "published", "title", "body")
    batch = [{k: a[k] for k in keep} for a in pool]
    agree = sorted(random.Random(f"{SEED}:agree").sample(batch, AGREEMENT),
                   key=lambda a: a["article_id"])  # fmt: skip
    for path, items in ((BATCH, batch), (AGREE, agree)):
        path.write_text(json.dumps({"guideline": GUIDE, "articles": items}, ensure_ascii=False,
                                   indent=1) + "\n", encoding="utf-8")  # fmt: skip
        print(f"{path.relative_to(REAL.parents[2])}: {len(items)} articles")
    return 0


def build(shared: Path) -> int:
    labels = read_jsonl(REAL / "labels" / "A" / "stories-attacks.jsonl")
    if not labels:
        print("no labels yet: labels/A/stories-attacks.jsonl")
        return 1
    batch = {a["article_id"] for a in json.loads(BATCH.read_text("utf-8"))["articles"]}
    pool = {a["article_id"]: a for day in DAYS for a in saudi_day(shared, day)}
    story = {x["article_id"]: x["story"] for x in labels}
    problems = [f"{a}: not labelled" for a in sorted(batch - story.keys())]
    problems += [f"{a}: not in SaudiNewsNet of {DAYS[0]}..{DAYS[-1]}" for a in story
                 if a not in pool]  # fmt: skip
    taken = _taken(OWN)
    problems += [f"{a}: in another gold set" for a in story if a not in batch and a in taken]
    for p in problems:
        print("problem:", p)
    docs = [_doc(pool[a], f"attacks:{story[a]}") for a in sorted(story, key=_order)
            if a in pool and (a in batch or a not in taken)]  # fmt: skip
    out = REAL / "stories" / "attacks-dev.json"
    out.write_text(json.dumps({"format": STORY_FORMAT, "name": "attacks-dev",
                               "about": ABOUT_STORIES, "documents": docs},
                              ensure_ascii=False, indent=1) + "\n", encoding="utf-8")  # fmt: skip
    stories = {d["story"] for d in docs}
    many = sum(1 for s in stories if sum(d["story"] == s for d in docs) > 1)
    print(f"{out.relative_to(REAL.parents[2])}: {len(docs)} documents, {len(stories)} stories, "
          f"{many} of 2+ documents, {sum(1 for x in labels if x.get('added'))} added by search")
    second = {x["article_id"]: x["story"]
              for x in read_jsonl(REAL / "labels" / "B" / "agreement-stories-attacks.jsonl")}
    common = sorted(second.keys() & story.keys())
    if common:
        print(f"agreement on {len(common)} articles: BCubed F1 "
              f"{bcubed_f1({a: story[a] for a in common}, {a: second[a] for a in common}):.3f}")
    return 1 if problems else 0


def _order(article_id: str) -> tuple[str, int]:
    """Corpus order: crawl day, then index in the day's file."""
    _, day, index = article_id.split(":")
    return day, int(index)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=["draw", "build"])
    ap.add_argument("--shared", type=Path, default=REAL.parents[3] / "shared")
    args = ap.parse_args()
    return draw(args.shared) if args.command == "draw" else build(args.shared)


if __name__ == "__main__":
    sys.exit(main())
