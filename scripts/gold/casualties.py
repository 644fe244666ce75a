"""Arabic and English news sentences with a word of death or injury, labelled with their event
and its killed / injured counts, to measure the casualty counts where issue [3/8] sets its bar
(killed and injured exact for 0.85 of sentences whose gold gives a count).

    .venv/bin/python scripts/gold/casualties.py draw --shared ../shared   # batches to label
    .venv/bin/python scripts/gold/casualties.py build                     # gold + agreement
    .venv/bin/python scripts/gold/casualties.py draw --round 2 ...        # a later round

Round 1 writes the stem ``casualties``, round ``k`` > 1 ``casualties{k}`` (ids ``cas{k}-``),
drawn with its own seed from the articles no earlier round drew.

``draw`` reads SaudiNewsNet (``../shared/corpora/saudinewsnet``, CC BY-NC-SA 4.0) and English
Wikinews 2019-2020 (``../shared/field-data/news-en``, CC BY 2.5); from round 4 on Wikipedia
Current Events items for English instead, and Persian from Fars News
(``../shared/corpora/fars-news``; ``WANT_FROM_ROUND_4``), leaves out every article of
the real-news gold, the story and contradiction sets (``events_ar._taken``, the wide
contradiction sets too), the event gold of ``events_ar.py`` and every training batch
(``training/ner/data``, ``training/events/data``), and draws with a seeded generator ``WANT``
sentences per language of 6 to 80 words holding a word of death or injury (``CASUALTY_WORDS``:
a pre-filter for drawing only), at most one per article. Articles go to the held-out split by a
seeded hash (half of them). The sentences are written in a shuffled order, without their split,
to ``tests/data/real/batches/casualties-{1,2}.json`` (one per annotator) and a seeded
``AGREEMENT_SHARE`` of them to ``casualties-agree.json`` for a second annotator.

Annotators label each sentence alone with the event part of ``docs/annotation.md`` (section 4:
the main event's PLOVER type or NONE, its mode, and ``killed`` / ``injured``), one JSON line per
sentence: ``{"id", "type", "mode", "killed", "injured"}`` in
``tests/data/real/labels/{A,B}/casualties-{k}.jsonl``.

``build`` leaves out the sentences of articles of the real-news sentence gold (``draw`` left
out only its SaudiNewsNet articles, not its Wikinews ones) and writes
``tests/data/real/sentences/casualties-{dev,heldout}.json`` in the sentence gold format (each
sentence an article of its own, as ``events_ar.py`` writes them, so that ``khabar eval events
--gold`` reads them), and prints the agreement of A and B on the counts.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from events_ar import (  # noqa: E402
    REAL,
    ROOT,
    _labels,
    _taken,
    corpus_sentences,
    draw_or_build,
    sentence_article,
    write_batch_files,
    write_splits,
)
from sample import (  # noqa: E402
    _norm,
    current_events,
    fars_articles,
    split_sentences,
    wikinews_articles,
)

SEED = 47
WANT = {"ar": 160, "en": 100}
# from round 4 on, Persian too (Fars News, no open licence named: research use, as the rest of
# the Fars gold), and fewer of the others, so that two annotators label a round in one sitting
WANT_FROM_ROUND_4 = {"ar": 120, "en": 80, "fa": 120}
AGREEMENT_SHARE = 0.2
# words of death or injury, for drawing only (not the extractor's lists: its cues are
# what is measured)
CASUALTY_WORDS = {
    "ar": ("قتل قتلى قتيل قتيلا قتيلين مقتل مصرع مصرعه مصرعهم حتفه استشهد استشهاد شهيد شهداء "
           "توفي وفاة أصيب أصيبوا إصابة إصابات جرح جرحى جريح جريحا مصابين المصابين ضحايا"),
    "en": ("killed killing kill kills dead died dies death deaths wounded wounding injured "
           "injuring injuries hurt casualties toll slain"),
    "fa": ("کشته کشتار کشتن زخمی مجروح مجروحان مجروحیت شهید شهدا شهادت "
           "قربانی قربانیان مصدوم مصدومان فوت درگذشت جراحت هلاکت هلاک"),
}  # fmt: skip


def _hits(lang: str, sentence: str) -> bool:
    keys = {_norm(k) for k in CASUALTY_WORDS[lang].split()}
    return bool(keys & set(re.findall(r"\w+", _norm(sentence).lower())))


def _split(article_id: str) -> str:
    digest = hashlib.sha256(f"{SEED}:split:{article_id}".encode()).hexdigest()
    return "heldout" if int(digest, 16) % 2 else "dev"


def _taken_here() -> set[str]:
    """``events_ar._taken`` and the article ids of the wide contradiction sets, the Arabic
    event gold's draw and every training batch (NER and events)."""
    ids = _taken()
    for path in (REAL / "contradictions").glob("wide-*-documents.json"):
        ids |= {d["article_id"] for d in json.loads(path.read_text("utf-8"))["documents"]}
    drawn = json.loads((REAL / "batches" / "events-ar-drawn.json").read_text("utf-8"))
    ids |= {i["article_id"] for i in drawn["items"]}
    for path in (ROOT / "training" / "ner" / "data").glob("*-batch-*.json"):
        rows = json.loads(path.read_text("utf-8"))
        ids |= {a["article_id"] for a in (rows if isinstance(rows, list) else rows["items"])
                if isinstance(a, dict) and "article_id" in a}  # fmt: skip
    for path in (ROOT / "training" / "events" / "data").glob("*-events-batch-*.json"):
        ids |= {i.get("article_id", "") for i in json.loads(path.read_text("utf-8"))["items"]}
    return ids


def _english(shared: Path, taken: set[str], current: bool = False) -> list[dict]:
    """Wikinews sentences of 6 to 80 words outside ``taken`` articles (``current``: the
    Wikipedia Current Events items instead, CC BY-SA 4.0: the earlier rounds and the training
    batches took every Wikinews article with a casualty word)."""
    gold = _gold_articles()
    out = []
    for a in current_events(shared) if current else wikinews_articles(shared):
        if current and a["article_id"] in gold:
            continue
        if a["article_id"] in taken or not a["body"]:
            continue
        for s, e in split_sentences(a["body"]):
            text = a["body"][s:e].strip()
            if 6 <= len(text.split()) <= 80:
                out.append({"article_id": a["article_id"], "published": a["published"],
                            "outlet": a["outlet"], "lang": "en", "text": text})  # fmt: skip
    return out


def _persian(shared: Path, taken: set[str]) -> list[dict]:
    """Fars News sentences of 6 to 80 words outside ``taken`` articles and every Fars article
    of the real-news gold (``sample.json``), in corpus order."""
    gold = set(re.findall(r"fars:\d+:\d+", (REAL / "sample.json").read_text("utf-8")))
    out = []
    for a in fars_articles(shared):
        if a["article_id"] in taken or a["article_id"] in gold or not a["body"]:
            continue
        for s, e in split_sentences(a["body"]):
            text = a["body"][s:e].strip()
            if 6 <= len(text.split()) <= 80:
                out.append({"article_id": a["article_id"], "published": a["published"],
                            "outlet": "farsnews", "lang": "fa", "text": text})  # fmt: skip
    return out


def draw_sentences(shared: Path, taken: set[str], rng: random.Random,
                   want: dict[str, int] | None = None) -> list[dict]:  # fmt: skip
    """``want[lang]`` sentences per language (``WANT`` by default) that hit ``CASUALTY_WORDS``,
    one per article at most, in ``rng``'s order (Arabic, English, then Persian: an earlier
    round's draw is the same whatever later rounds add)."""
    want = WANT if want is None else want
    pools = {
        "ar": [{**i, "lang": "ar"} for i in corpus_sentences(shared, taken)
               if _hits("ar", i["text"])],
        "en": [i for i in _english(shared, taken, current="fa" in want)
               if _hits("en", i["text"])],
    }  # fmt: skip
    if "fa" in want:
        pools["fa"] = [i for i in _persian(shared, taken) if _hits("fa", i["text"])]
    drawn: list[dict] = []
    for lang in [lang for lang in ("ar", "en", "fa") if lang in want]:
        pool = pools[lang]
        rng.shuffle(pool)
        seen: set[str] = set()
        for item in pool:
            if len([d for d in drawn if d["lang"] == lang]) >= want[lang]:
                break
            if item["article_id"] not in seen:
                seen.add(item["article_id"])
                drawn.append(item)
        print(f"{lang}: {len(pool)} sentences in the pool, drew {len(seen)}")
    return drawn


def _stem(round_: int) -> str:
    """The file stem of a round's batches, labels and gold: casualties, casualties2, ..."""
    return "casualties" if round_ == 1 else f"casualties{round_}"


def _earlier(round_: int) -> set[str]:
    """The article ids that the rounds before ``round_`` drew."""
    ids: set[str] = set()
    for k in range(1, round_):
        path = REAL / "batches" / f"{_stem(k)}-drawn.json"
        ids |= {i["article_id"] for i in json.loads(path.read_text("utf-8"))["items"]}
    return ids


def draw(shared: Path, round_: int = 1) -> int:
    seed = f"{SEED}:casualties" if round_ == 1 else f"{SEED}:casualties:{round_}"
    rng = random.Random(seed)
    want = WANT if round_ < 4 else WANT_FROM_ROUND_4
    drawn = draw_sentences(shared, _taken_here() | _earlier(round_), rng, want)
    rng.shuffle(drawn)
    prefix = "cas" if round_ == 1 else f"cas{round_}"
    for n, item in enumerate(drawn, start=1):
        item["id"] = f"{prefix}-{n:03d}"
        item["split"] = _split(item["article_id"])
    half = (len(drawn) + 1) // 2
    public = [{"id": i["id"], "published": i["published"], "text": i["text"]} for i in drawn]
    write = 'one JSON line per sentence: {"id", "type", "mode", "killed", "injured"}'
    stem = _stem(round_)
    batches = {f"{stem}-1": public[:half], f"{stem}-2": public[half:],
               f"{stem}-agree": sorted(rng.sample(public, round(AGREEMENT_SHARE
                                                                   * len(public))),
                                          key=lambda i: i["id"])}  # fmt: skip
    write_batch_files(batches, drawn, stem, write)
    return 0


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _gold_articles() -> set[str]:
    """Every article id the real-news sentence gold drew, Wikinews ones too (``draw`` left
    out only the SaudiNewsNet ones: 7 English draws were gold articles, found by a review)."""
    text = (REAL / "sample.json").read_text("utf-8")
    ids = r"(?:saudinewsnet:\d{4}-\d\d-\d\d|wikinews:\d{4}|fars:\d+|wikipedia-current-events):\d+"
    return set(re.findall(ids, text))


def build(round_: int = 1) -> int:
    stem = _stem(round_)
    drawn = json.loads((REAL / "batches" / f"{stem}-drawn.json").read_text("utf-8"))["items"]
    gold = _gold_articles()
    print(f"left out: {sum(i['article_id'] in gold for i in drawn)} sentences of gold articles")
    drawn = [i for i in drawn if i["article_id"] not in gold]
    labels_a, labels_b = _labels("A", stem), _labels("B", stem)

    def article(item: dict, split: str, lab: dict, typ: str) -> dict:
        event = {"type": typ} if typ == "NONE" else {
            "type": typ, "mode": lab.get("mode"), "killed": _count(lab.get("killed")),
            "injured": _count(lab.get("injured"))}  # fmt: skip
        return sentence_article(item, split, event, item["lang"], "casualty")

    corpora = ("Arabic SaudiNewsNet, English Wikipedia Current Events and Persian Fars News"
               if round_ >= 4
               else "Arabic SaudiNewsNet and English Wikinews")
    write_splits(stem, drawn, labels_a, article,
                 f"{corpora} sentences with a word of death or injury, drawn by "
                 "scripts/gold/casualties.py, each labelled alone with its "
                 "PLOVER type, mode and killed / injured counts (docs/annotation.md, section 4); "
                 "events only: no entities, places or dates")
    both = sorted(k for k in labels_b if k in labels_a)
    if both:
        for key in ("type", "killed", "injured"):
            same = sum(str(labels_a[k].get(key)).upper() == str(labels_b[k].get(key)).upper()
                       for k in both)  # fmt: skip
            print(f"agreement A/B on {len(both)} sentences: {key} {same / len(both):.2f}")
    return 0


def main() -> int:
    return draw_or_build(__doc__ or "", draw, build)


if __name__ == "__main__":
    sys.exit(main())
