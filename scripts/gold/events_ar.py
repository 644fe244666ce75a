"""Arabic news sentences of assaults and protests, labelled with their PLOVER type, to measure
the event classifier where the Arabic bar is set (issue [3/8]: assault and protest sentences,
choosing among all types).

    .venv/bin/python scripts/gold/events_ar.py draw --shared ../shared   # batches to label
    .venv/bin/python scripts/gold/events_ar.py build                     # gold + agreement
    .venv/bin/python scripts/gold/events_ar.py draw --round 2 ...        # a later round

Round 1 writes the stem ``events-ar``; round ``k`` > 1 ``events-ar{k}`` (ids ``ev-ar{k}-``),
``ROUND_WANT`` sentences of each list, drawn with its own seed from the articles no earlier
draw of any sentence gold took (``casualties._taken_here`` and every ``batches/*-drawn.json``):
the first round's dev split had been read for the rules (dev assault and protest typed 1.00,
held-out 0.895), so a later round gives sentences no rule was written on.

``draw`` reads SaudiNewsNet (``../shared/corpora/saudinewsnet``, CC BY-NC-SA 4.0), leaves out
every article of the real-news gold (``tests/data/real/sample.json``), of the contradiction
sets and of the project's training batches (``training/ner/data``), and draws with a seeded
generator ``PER_LIST`` sentences of 6 to 80 words that hit the assault word list and as many
that hit the protest word list (``ASSAULT_WORDS``, ``PROTEST_WORDS``: a pre-filter for drawing
only, as the gold sampler's ``KEYWORDS``), at most two per article. Articles go to the
held-out split by a seeded hash (half of them). The sentences are written in a shuffled order,
without their split, to ``tests/data/real/batches/events-ar-{1,2}.json`` (one per annotator)
and a seeded ``AGREEMENT_SHARE`` of them to ``events-ar-agree.json`` for a second annotator.

Annotators label each sentence alone with the event part of ``docs/annotation.md`` (section 4:
the main event's PLOVER type or NONE, and its mode), one JSON line per sentence:
``{"id": ..., "type": "ASSAULT", "mode": "firearms" | null}`` in
``tests/data/real/labels/{A,B}/events-ar-{k}.jsonl``.

``build`` writes ``tests/data/real/sentences/events-ar-{dev,heldout}.json`` in the sentence gold
format (each sentence an article of its own whose body is the sentence, so ``khabar eval
events --gold`` reads it as it reads every sentence alone) and prints the agreement of A and B
(type accuracy and Cohen's kappa).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from contradictions import _kappa  # noqa: E402
from sample import _norm, saudi_day, saudi_days, split_sentences  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "data" / "real"
SEED = 23
PER_LIST = 200
ROUND_WANT = 100  # sentences of each word list in a later round (two annotators, one sitting)
AGREEMENT_SHARE = 0.15
MAX_PER_ARTICLE = 2
ASSAULT_WORDS = ("قتل قتلى مقتل هجوم هجمات انفجار تفجير غارة غارات قصف اشتباك اشتباكات اغتيال "
                 "اختطاف خطف استهدف مسلحون مسلحين انتحاري")  # fmt: skip
PROTEST_WORDS = ("مظاهرة مظاهرات تظاهر تظاهرة متظاهرين متظاهرون احتجاج احتجاجات محتجين "
                 "محتجون اعتصام إضراب مسيرة وقفة احتجاجية")  # fmt: skip
FORMAT = "khabar-real-sentences/1"


def _taken(skip: tuple[str, ...] = ()) -> set[str]:
    """Article ids already used by a gold set or a training batch (but the story sets named in
    ``skip``: a set's own draw leaves its own file out)."""
    ids = set(re.findall(r"saudinewsnet:\d{4}-\d\d-\d\d:\d+",
                         (REAL / "sample.json").read_text("utf-8")))  # the gold's draws
    # the contradiction draws of dev and held-out (not the later wide sets, drawn after every
    # sentence batch and outside them: scripts/gold/contradictions.py wide)
    stories = [p for p in (REAL / "stories").glob("*.json") if p.name not in skip]
    for path in [*(REAL / "contradictions" / f"{s}-documents.json" for s in ("dev", "heldout")),
                 *stories]:  # fmt: skip
        ids |= {d["article_id"] for d in json.loads(path.read_text("utf-8")).get("documents", [])}
    for path in (ROOT / "training" / "ner" / "data").glob("ar-batch-*.json"):
        ids |= {a["article_id"] for a in json.loads(path.read_text("utf-8"))}
    return ids


def _hits(words: str, sentence: str) -> bool:
    keys = {_norm(k) for k in words.split()}
    return bool(keys & set(re.findall(r"\w+", _norm(sentence))))


def _split(article_id: str) -> str:
    digest = hashlib.sha256(f"{SEED}:split:{article_id}".encode()).hexdigest()
    return "heldout" if int(digest, 16) % 2 else "dev"


def corpus_sentences(shared: Path, taken: set[str]) -> Iterator[dict]:
    """SaudiNewsNet sentences of 6 to 80 words outside ``taken`` articles, day by day in
    corpus order: article_id, published, outlet, text."""
    for day in saudi_days(shared):
        for a in saudi_day(shared, day):
            if a["article_id"] in taken or not a["body"]:
                continue
            for s, e in split_sentences(a["body"]):
                text = a["body"][s:e]
                if 6 <= len(text.split()) <= 80:
                    yield {"article_id": a["article_id"], "published": a["published"],
                           "outlet": a["outlet"], "text": text}  # fmt: skip


def draw_sentences(shared: Path, taken: set[str], rng: random.Random,
                   wants: dict[str, int]) -> list[dict]:  # fmt: skip
    """SaudiNewsNet sentences of 6 to 80 words outside ``taken`` articles, ``wants[name]`` of
    those hitting each word list (``protest`` first, then ``assault``; a sentence hitting both
    is a protest one), at most ``MAX_PER_ARTICLE`` per article, in ``rng``'s order: article_id,
    published, outlet, text, drawn_by."""
    pools: dict[str, list[dict]] = {"assault": [], "protest": []}
    for item in corpus_sentences(shared, taken):
        if _hits(PROTEST_WORDS, item["text"]):
            pools["protest"].append(item)
        elif _hits(ASSAULT_WORDS, item["text"]):
            pools["assault"].append(item)
    drawn: list[dict] = []
    per_article: dict[str, int] = {}
    for name in ("protest", "assault"):
        pool = pools[name]
        rng.shuffle(pool)
        k = 0
        for item in pool:
            if k >= wants[name]:
                break
            if per_article.get(item["article_id"], 0) >= MAX_PER_ARTICLE:
                continue
            per_article[item["article_id"]] = per_article.get(item["article_id"], 0) + 1
            drawn.append(item | {"drawn_by": name})
            k += 1
        print(f"{name}: {len(pool)} sentences in the pool, drew {k}")
    rng.shuffle(drawn)
    return drawn


def _stem(k: int) -> str:
    return "events-ar" if k == 1 else f"events-ar{k}"


# the casualty rounds drawn before each later round of this set (so that a round draws again
# the same sentences whatever was drawn after it)
CASUALTY_ROUNDS_BEFORE = {2: 5}


def _taken_by_every_draw(k: int) -> set[str]:
    """The articles of every gold set and training batch (``casualties._taken_here``), of the
    casualty rounds drawn before round ``k`` (``CASUALTY_ROUNDS_BEFORE``) and of this set's
    earlier rounds."""
    from casualties import _earlier, _taken_here

    ids = _taken_here() | _earlier(CASUALTY_ROUNDS_BEFORE[k] + 1)
    for j in range(1, k):
        path = REAL / "batches" / f"{_stem(j)}-drawn.json"
        ids |= {i["article_id"] for i in json.loads(path.read_text("utf-8"))["items"]}
    return ids


def draw(shared: Path, k: int = 1) -> int:
    stem = _stem(k)
    rng = random.Random(f"{SEED}:{stem}")
    want = PER_LIST if k == 1 else ROUND_WANT
    taken = _taken() if k == 1 else _taken_by_every_draw(k)
    drawn = draw_sentences(shared, taken, rng, {"protest": want, "assault": want})
    for n, item in enumerate(drawn, start=1):
        item["id"] = f"ev-ar-{n:03d}" if k == 1 else f"ev-ar{k}-{n:03d}"
        item["split"] = _split(item["article_id"])
    half = (len(drawn) + 1) // 2
    public = [{"id": i["id"], "published": i["published"], "text": i["text"]} for i in drawn]
    batches = {f"{stem}-1": public[:half], f"{stem}-2": public[half:],
               f"{stem}-agree": sorted(rng.sample(public, round(AGREEMENT_SHARE * len(public))),
                                       key=lambda i: i["id"])}  # fmt: skip
    write_batch_files(batches, drawn, stem, 'one JSON line per sentence: {"id", "type", "mode"}')
    return 0


def write_batch_files(batches: dict[str, list[dict]], drawn: list[dict], stem: str,
                      write: str) -> None:  # fmt: skip
    """Write each batch for the annotators (``batches/{name}.json``, with the guideline and
    what to ``write``) and every drawn sentence with its article and split
    (``batches/{stem}-drawn.json``)."""
    for name, items in batches.items():
        (REAL / "batches" / f"{name}.json").write_text(
            json.dumps({"guideline": "docs/annotation.md, section 4 (events), each sentence alone",
                        "write": write, "items": items}, ensure_ascii=False, indent=1) + "\n",
            "utf-8")  # fmt: skip
    (REAL / "batches" / f"{stem}-drawn.json").write_text(
        json.dumps({"about": "every drawn sentence with its article and split (not for the "
                    "annotators)", "items": drawn}, ensure_ascii=False, indent=1) + "\n",
        "utf-8")  # fmt: skip
    print(f"{len(drawn)} sentences → batches/{stem}-1.json, -2.json, -agree.json")


def write_split(stem: str, split: str, articles: list[dict], about: str) -> None:
    """Write one split of a sentence gold (``sentences/{stem}-{split}.json``) and say where."""
    out = REAL / "sentences" / f"{stem}-{split}.json"
    out.write_text(json.dumps({"format": FORMAT, "split": split, "about": about,
                               "articles": articles}, ensure_ascii=False, indent=1) + "\n",
                   "utf-8")  # fmt: skip
    print(f"{split}: {len(articles)} sentences → {out.relative_to(ROOT)}")


def sentence_article(item: dict, split: str, event: dict, lang: str, drawn_by: str) -> dict:
    """A drawn sentence as an article of its own in the sentence gold format, its one
    sentence labelled with ``event`` only (so that ``khabar eval events`` reads it alone)."""
    text = item["text"]
    return {
        "article_id": item["id"], "source_article": item["article_id"], "lang": lang,
        "outlet": item["outlet"], "title": "", "published": item["published"],
        "drawn_by": drawn_by, "split": split, "body": text,
        "sentences": [{"n": 1, "part": "body", "start": 0, "end": len(text),
                       "text": text, "event": event, "only": "event"}],
    }  # fmt: skip


def write_splits(stem: str, drawn: list[dict], labels: dict[str, dict],
                 article: Callable[[dict, str, dict, str], dict], about: str) -> None:
    """Write the dev and held-out splits of a sentence gold: each drawn item of the split that
    ``labels`` holds, as ``article(item, split, event, type)`` makes it, its event the label's
    PLOVER type (upper case; NONE when it gives none) for ``article`` to fill in."""
    for split in ("dev", "heldout"):
        articles = []
        for item in drawn:
            lab = labels.get(item["id"])
            if item["split"] != split or lab is None:
                continue
            typ = (lab.get("type") or "NONE").upper()
            articles.append(article(item, split, lab, typ))
        write_split(stem, split, articles, about)


def _labels(who: str, stem: str = "events-ar") -> dict[str, dict]:
    """The labels of annotator ``who`` (A, B) for the ``stem`` batches, by sentence id."""
    out: dict[str, dict] = {}
    for f in sorted((REAL / "labels" / who).glob(f"{stem}-*.jsonl")):
        for line in f.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[row["id"]] = row
    return out


def build(k: int = 1) -> int:
    stem = _stem(k)
    drawn = json.loads((REAL / "batches" / f"{stem}-drawn.json").read_text("utf-8"))["items"]
    labels_a, labels_b = _labels("A", stem), _labels("B", stem)

    def article(item: dict, split: str, lab: dict, typ: str) -> dict:
        event = {"type": typ} if typ == "NONE" else {"type": typ, "mode": lab.get("mode")}
        return sentence_article(item, split, event, "ar", item["drawn_by"])

    write_splits(stem, drawn, labels_a, article,
                 "Arabic SaudiNewsNet sentences drawn by scripts/gold/events_ar.py (assault and "
                 "protest word lists), each labelled alone with its PLOVER type and mode "
                 "(docs/annotation.md, section 4); events only: no entities, places or dates")
    both = sorted(k for k in labels_b if k in labels_a)
    if both:
        ta = [(labels_a[k].get("type") or "NONE").upper() for k in both]
        tb = [(labels_b[k].get("type") or "NONE").upper() for k in both]
        same = sum(x == y for x, y in zip(ta, tb, strict=True))
        print(f"agreement A/B on {len(both)} sentences: type {same / len(both):.2f}, "
              f"Cohen's kappa {_kappa(ta, tb)}")
    return 0


def draw_or_build(doc: str, draw: Callable[[Path, int], int],
                  build: Callable[[int], int]) -> int:  # fmt: skip
    """A gold script's command line: ``draw --shared PATH`` or ``build``, each with ``--round
    K`` (default 1; ``doc`` its help)."""
    ap = argparse.ArgumentParser(description=doc,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=("draw", "build"))
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--round", type=int, default=1)
    args = ap.parse_args()
    return draw(args.shared, args.round) if args.command == "draw" else build(args.round)


def main() -> int:
    return draw_or_build(__doc__ or "", draw, build)


if __name__ == "__main__":
    sys.exit(main())
