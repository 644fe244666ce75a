"""Draw Arabic assault and protest sentences to label as TRAINING data for the event classifier.

The Arabic training batches (``training/ner/data``) hold few protests; this draws, as
``scripts/gold/events_ar.py`` draws its gold but with another seed and outside it (and outside
every other gold set and training batch), per round (``ROUNDS``) sentences hitting the protest
word list and sentences hitting the assault list, at most two per article, from SaudiNewsNet
(CC BY-NC-SA 4.0). Annotators label them alone with ``docs/annotation.md`` section 4 (type and
mode), one JSON line per sentence (``{"id", "type", "mode"}``), in
``training/events/data/ar-events-labels-{k}.jsonl``; ``train.py`` reads them.

    .venv/bin/python training/events/sample_ar.py --shared ../shared --round 1   # batches 1-2
    .venv/bin/python training/events/sample_ar.py --shared ../shared --round 2   # batches 3-4
    .venv/bin/python training/events/sample_ar.py --shared ../shared --round 3   # batches 5-6
    .venv/bin/python training/events/sample_ar.py --shared ../shared --round 4   # batches 7-8
    .venv/bin/python training/events/sample_ar.py --shared ../shared --round 5   # batches 9-12
    .venv/bin/python training/events/sample_ar.py --shared ../shared --round 6   # batches 13-14

Round 5 draws by what the extractor shipped at that time (the models of commit 3af8b7e) makes
of each sentence, read alone: so it reproduces only with those models; its batches are
committed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "gold"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from batches import OUT, write_batches  # noqa: E402
from events_ar import (  # noqa: E402
    ASSAULT_WORDS,
    PROTEST_WORDS,
    REAL,
    _hits,
    _taken,
    corpus_sentences,
    draw_sentences,
)

# round → (seed, protest sentences, assault sentences, casualty sentences, batch files); a
# round draws outside the articles of the rounds before it (round 2: more protests, which the
# first round's model still missed on held-out; round 3, 2026-12-01 evening: both, as the
# held-out still missed protests next to a clash or a death, and protests with no listed word;
# round 4: sentences of deaths and injuries with no word of violence or protest, as the models
# typed road crashes as assaults, sure of them, and fusion set two crashes' tolls against each
# other; round 5, 2026-12-02: what the extractor calls an event, as a 400-article export held
# many rows of violence that were interviews, visits and transfers typed by the classifier or a
# CAMEO verb: see ``extractor_sentences``)
# round 6, 2026-12-07: sentences of a death by a word that tells no cause (martyrdom, a death
# met, an execution: استشهد, لقي مصرعه, أعدم), with or without a word of violence, as the
# detector missed soldiers "martyred" and executions and the dev gold types such deaths as
# assaults when violence caused them, not when a crash, a flood or an illness did
ROUNDS = {1: (29, 200, 100, 0, (1, 2)), 2: (31, 200, 60, 0, (3, 4)),
          3: (37, 160, 140, 0, (5, 6)), 4: (41, 0, 0, 160, (7, 8)),
          5: (43, 0, 0, 0, (9, 10, 11, 12)), 6: (47, 0, 0, 160, (13, 14))}  # fmt: skip
# round 5's shares: events typed by the classifier or a CAMEO verb (no lexicon word), events of
# a lexicon word, and sentences of no event (so that the detector also sees a plain sample)
EXTRACTOR_WANTS = {"model": 160, "lexicon": 40, "none": 80}
DEATH_WORDS = ("استشهد استشهدت استشهدوا استشهاد استشهاده شهيد شهداء لقي لقيت لقوا مصرعه "
               "مصرعها مصرعهم حتفه حتفها حتفهم أعدم أعدمت أعدموا إعدام قضى قضوا")  # fmt: skip
CASUALTY_WORDS = ("مصرع مصرعه مصرعها مصرعهما مصرعهم وفاة وفاته توفي توفيت أصيب أصيبت أصيبوا "
                  "إصابة إصابات جرحى مصابين المصابين")  # fmt: skip


def casualty_sentences(shared: Path, taken: set[str], rng: random.Random, n: int,
                       deaths: bool = False) -> list[dict]:  # fmt: skip
    """``n`` SaudiNewsNet sentences of 6 to 80 words outside ``taken`` articles that hit
    ``CASUALTY_WORDS`` and neither the assault nor the protest word list (``deaths``: that hit
    ``DEATH_WORDS``, whatever else they hold), at most two per article, in ``rng``'s order."""
    pool = [{k: i[k] for k in ("article_id", "published", "text")}
            for i in corpus_sentences(shared, taken) if (_hits(DEATH_WORDS, i["text"]) if deaths
                                                         else _hits(CASUALTY_WORDS, i["text"])
                                                         and not _hits(ASSAULT_WORDS, i["text"])
                                                         and not _hits(PROTEST_WORDS, i["text"]))]
    rng.shuffle(pool)
    drawn: list[dict] = []
    per_article: dict[str, int] = {}
    for item in pool:
        if len(drawn) >= n:
            break
        if per_article.get(item["article_id"], 0) < 2:
            per_article[item["article_id"]] = per_article.get(item["article_id"], 0) + 1
            drawn.append(item)
    print(f"casualty: {len(pool)} sentences in the pool, drew {len(drawn)}")
    return drawn


def extractor_sentences(shared: Path, taken: set[str], rng: random.Random,
                        wants: dict[str, int]) -> list[dict]:  # fmt: skip
    """SaudiNewsNet sentences of 6 to 80 words outside ``taken`` articles, in ``rng``'s order,
    by what the shipped extractor makes of each read alone (anchored at its publication day):
    ``wants["model"]`` whose first event was typed by the classifier or a CAMEO verb,
    ``wants["lexicon"]`` by an event-lexicon word, ``wants["none"]`` with no event; at most two
    per article."""
    from datetime import date

    from khabar.extract.events import extract_events
    from khabar.settings import Settings

    settings = Settings()
    pool = [{k: i[k] for k in ("article_id", "published", "text")}
            for i in corpus_sentences(shared, taken)]
    rng.shuffle(pool)
    drawn: list[dict] = []
    left = dict(wants)
    per_article: dict[str, int] = {}
    for item in pool:
        if not any(left.values()):
            break
        if per_article.get(item["article_id"], 0) >= 2:
            continue
        found = extract_events(item["text"], settings=settings, lang="ar",
                               anchor=date.fromisoformat(item["published"][:10]))
        kind = ("none" if not found else
                "lexicon" if found[0].type_source == "lexicon" else "model")
        if left[kind] > 0:
            left[kind] -= 1
            per_article[item["article_id"]] = per_article.get(item["article_id"], 0) + 1
            drawn.append(item)
    print(f"extractor: {len(pool)} sentences in the pool, drew {len(drawn)} ({wants})")
    return drawn


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--round", type=int, choices=sorted(ROUNDS), default=max(ROUNDS))
    args = ap.parse_args()
    seed, protests, assaults, casualties, batches = ROUNDS[args.round]
    drawn_gold = json.loads((REAL / "batches" / "events-ar-drawn.json").read_text("utf-8"))
    taken = _taken() | {i["article_id"] for i in drawn_gold["items"]}
    for r, (*_, earlier) in ROUNDS.items():
        if r < args.round:
            for k in earlier:
                batch = json.loads((OUT / f"ar-events-batch-{k}.json").read_text("utf-8"))
                taken |= {i["article_id"] for i in batch["items"]}
    rng = random.Random(f"{seed}:events-ar-train")
    if casualties or args.round == 5:  # drawn after the wide contradiction sets: outside them
        for path in (REAL / "contradictions").glob("wide-*-documents.json"):
            taken |= {d["article_id"] for d in json.loads(path.read_text("utf-8"))["documents"]}
    if args.round >= 6:  # and after every later gold draw (casualty rounds, events-ar2, wide2)
        for path in (REAL / "contradictions").glob("wide*-documents.json"):
            taken |= {d["article_id"] for d in json.loads(path.read_text("utf-8"))["documents"]}
        for path in (REAL / "batches").glob("*-drawn.json"):
            taken |= {i["article_id"] for i in json.loads(path.read_text("utf-8"))["items"]
                      if "article_id" in i}  # fmt: skip
    if args.round == 5:
        drawn = extractor_sentences(args.shared, taken, rng, EXTRACTOR_WANTS)
    elif casualties:
        drawn = casualty_sentences(args.shared, taken, rng, casualties, deaths=args.round >= 6)
    else:
        drawn = [{k: i[k] for k in ("article_id", "published", "text")} for i in
                 draw_sentences(args.shared, taken, rng,
                                {"protest": protests, "assault": assaults})]  # fmt: skip
    first = 1 + sum(len(json.loads((OUT / f"ar-events-batch-{k}.json").read_text("utf-8"))
                        ["items"]) for r, (*_, ks) in ROUNDS.items() if r < args.round
                    for k in ks)  # fmt: skip
    for n, item in enumerate(drawn, start=first):
        item["id"] = f"tr-ar-{n:03d}"
    print(write_batches("ar", batches[0], len(batches), drawn))
    return 0


if __name__ == "__main__":
    sys.exit(main())
