"""Contradictions khabar reports on real news, sent out for judging and gathered back.

    .venv/bin/python scripts/gold/contradictions.py draw --split dev     # more documents
    .venv/bin/python scripts/gold/contradictions.py dump --split dev     # a batch of new items
    .venv/bin/python scripts/gold/contradictions.py build --split dev    # judgements file
    .venv/bin/python scripts/gold/contradictions.py wide                 # the wide sets
    .venv/bin/python scripts/gold/contradictions.py wide --round 2       # more of them
    .venv/bin/python scripts/gold/contradictions.py current              # English sets

``wide`` (needs ``../shared``) ingests a week of articles (``WIDE_DAYS``, at most
``WIDE_MAX``) into one store and keeps the members of each story where khabar reports a
contradiction, as the splits ``wide-dev`` and ``wide-heldout`` (``dump`` and ``build`` as
below). ``wide --round 2`` does the same with the days of ``WIDE2_DAYS`` (the dev draw's days,
whose drawn reports it leaves out, and the corpus's last day), as ``wide2-dev`` and
``wide2-heldout``.

``current`` (needs ``../shared``) does the same with the English Wikipedia Current Events
items of ``CURRENT_YEARS`` (field-data/news-en; each item a day's summary of an event, citing
its sources as its outlet) outside every gold set, as ``current-dev`` and ``current-heldout``:
SaudiNewsNet's weeks held 3 contradictions in 25,000 articles, too few to judge precision on.

``dump --split attacks-dev`` ingests the documents of the attack story set
(``stories/attacks-dev.json``: 137 Arabic reports of a few confusable attacks and
distractors) as a split of its own.

``draw`` (needs ``../shared``) adds to the split's documents SaudiNewsNet reports of violence of
four more days (dev: 2015-07-24 to 27, held-out: 2015-08-07 to 10), at most 400, seeded:
articles with at least two words of violence (``VIOLENCE``), so that several outlets report the
same happenings and sources can disagree; they go to
``tests/data/real/contradictions/{split}-documents.json``.

``dump`` ingests the documents of the split's story gold sets (``stories/saudi-{split}.json``
and ``stories/crossling-{split}.json``) into a temporary store with the current code, and
writes every contradiction that no judgement covers yet to
``tests/data/real/batches/contradictions-{split}-{k}.json`` (k: the next free number), with the
title and first 700 characters of each article it cites, for an annotator who judges each item
from ``docs/annotation-contradictions.md`` without reading khabar's code. Their labels, one JSON
line per item (``{"key", "verdict", "reason", "note"}``), go to
``tests/data/real/labels/{A,B}/contradictions-{split}-{k}.jsonl``.

``build`` gathers annotator A's labels of every batch of the split into
``tests/data/real/contradictions/{split}.json``, the file ``khabar eval contradictions`` scores
against, and prints A's agreement with B where B judged a slice.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import zipfile
from pathlib import Path

from khabar.eval.contradictions import (
    JUDGED_FORMAT,
    contradiction_items,
    item_articles,
    judged_documents,
    match_judgement,
)
from khabar.eval.realgold import STORY_FORMAT
from khabar.eval.stories import real_store
from khabar.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "data" / "real"
LEAD = 700
DRAW_DAYS = {"dev": ("2015-07-24", "2015-07-25", "2015-07-26", "2015-07-27"),
             "heldout": ("2015-08-07", "2015-08-08", "2015-08-09", "2015-08-10")}
DRAW_MAX = 400
# the wide sets: the articles of a week outside the other splits' days, ingested as one store
# (the dev and held-out draws above make few contradictions: 4 on the dev split's 836; the
# 362 reports of violence of these days, 1)
WIDE_DAYS = ("2015-07-31", "2015-08-01", "2015-08-02", "2015-08-03", "2015-08-04", "2015-08-06")
WIDE_MAX = 15000
# a second round (2026-12-04): the wide sets held 3 contradictions; these days' other articles
WIDE2_DAYS = ("2015-07-24", "2015-07-25", "2015-07-26", "2015-07-27", "2015-08-11")
# the English sets (2026-12-04): every year of the Current Events portal with more than a few
# hundred items
CURRENT_YEARS = tuple(str(y) for y in range(2010, 2021))
SEED = 13
# story gold sets whose documents make a split of their own (dense: many reports of a few
# attacks, where sources disagree most)
STORY_SPLITS = ("attacks-dev",)
VIOLENCE = ("قتل قتلى مقتل هجوم انفجار تفجير غارة غارات قصف اشتباك اشتباكات مسلح مسلحين جرحى "
            "إصابة مصرع انتحاري")  # fmt: skip


def _crawl_times(docs: list[dict], shared: Path) -> None:
    """Add the full crawl times (``date_extracted``) of ``docs`` to the ``crawl_times.json``
    beside the judgement files (read by ``eval.realgold.crawl_times``)."""
    path = REAL / "contradictions" / "crawl_times.json"
    data = (json.loads(path.read_text(encoding="utf-8")) if path.exists() else
            {"source": "SaudiNewsNet date_extracted (parallelfold/SaudiNewsNet, CC BY-NC-SA 4.0), "
             "written by scripts/gold/contradictions.py draw", "crawled": {}})  # fmt: skip
    data["crawled"] |= _crawl_map(docs, shared)
    data["crawled"] = dict(sorted(data["crawled"].items()))
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def draw(split: str, shared: Path) -> int:
    sys.path.insert(0, str(Path(__file__).parent))
    from sample import _norm, saudi_day  # the gold sampler's corpus reader

    keys = {_norm(k) for k in VIOLENCE.split()}
    days = DRAW_DAYS[split]
    pool = [a for day in days for a in saudi_day(shared, day) if a["body"]
            and sum(k in set(re.findall(r"\w+", _norm(a["title"] + " " + a["body"])))
                    for k in keys) >= 2]  # fmt: skip
    rng = random.Random(f"{SEED}:contradictions:{split}")
    drawn = sorted(rng.sample(pool, min(DRAW_MAX, len(pool))), key=lambda a: a["article_id"])
    docs = [{k: a[k] for k in ("article_id", "record", "lang", "outlet", "title", "published",
                               "body")} | {"story": a["article_id"]} for a in drawn]  # fmt: skip
    out = REAL / "contradictions" / f"{split}-documents.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"format": STORY_FORMAT, "name": f"contradictions-{split}",
                               "about": f"SaudiNewsNet {days[0]} to {days[-1]}: reports of "
                               "violence, drawn by "
                               "scripts/gold/contradictions.py (no story labels: each its own)",
                               "documents": docs}, ensure_ascii=False, indent=1) + "\n",
                   encoding="utf-8")  # fmt: skip
    _crawl_times(docs, shared)
    judged = _judged(split)
    rel = f"{split}-documents.json"
    if rel not in judged["stories"]:
        judged["stories"].append(rel)
        _judged_path(split).write_text(json.dumps(judged, ensure_ascii=False, indent=1) + "\n",
                                       encoding="utf-8")  # fmt: skip
    print(f"{len(pool)} reports of violence on {', '.join(days)}; drew {len(docs)}"
          f" → {out.relative_to(ROOT)}")
    return 0


def _crawl_map(docs: list[dict], shared: Path) -> dict[str, str]:
    """The crawl times (``date_extracted``) of SaudiNewsNet ``docs``, by article id."""
    files: dict[str, list] = {}
    out = {}
    for d in docs:
        file = d["record"]["file"]
        if file not in files:
            with zipfile.ZipFile(shared / "corpora" / "saudinewsnet" / file) as zf:
                files[file] = [x for n in zf.namelist() for x in json.loads(zf.read(n))]
        out[d["article_id"]] = files[file][d["record"]["index"]]["date_extracted"]
    return out


def wide(shared: Path, round_: int = 1) -> int:
    """The wide sets: the articles of ``WIDE_DAYS`` (round 2: ``WIDE2_DAYS``) outside the
    gold sets and training batches (and round 2: outside round 1's sets; at most ``WIDE_MAX``,
    seeded; all topics: claims conflict on any) ingested into one store, as an analyst's store
    of a week is; the members of each story where khabar reports a contradiction are kept,
    split in two by a hash of the story (``wide-dev``, ``wide-heldout``; round 2: ``wide2-dev``,
    ``wide2-heldout``), each with a judgement file for ``dump`` and ``build``. Re-ingested
    alone, those documents make the same stories, or nearly (``dump`` lists whatever is not
    judged yet)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from events_ar import _taken
    from sample import saudi_day

    taken = _taken()  # gold sets and the recogniser's training batches
    earlier = ("wide-dev", "wide-heldout") if round_ > 1 else ()  # round 1's, for round 2
    for split in ("dev", "heldout", *earlier):
        if _judged_path(split).exists():
            taken |= {d["article_id"] for d in judged_documents(_judged_path(split))[0]}
    for path in (ROOT / "training" / "events" / "data").glob("ar-events-batch-*.json"):
        taken |= {i["article_id"] for i in json.loads(path.read_text("utf-8"))["items"]}
    days, name = (WIDE_DAYS, "wide") if round_ == 1 else (WIDE2_DAYS, f"wide{round_}")
    pool = [a for day in days for a in saudi_day(shared, day) if a["body"]
            and a["article_id"] not in taken]  # fmt: skip
    rng = random.Random(f"{SEED}:contradictions:{name}")
    drawn = sorted(rng.sample(pool, min(WIDE_MAX, len(pool))), key=lambda a: a["article_id"])
    docs = [{k: a[k] for k in ("article_id", "record", "lang", "outlet", "title", "published",
                               "body")} | {"story": a["article_id"]} for a in drawn]  # fmt: skip
    crawled = _crawl_map(docs, shared)
    parts, found, stories = _contradicting_stories(docs, crawled, name)
    for split, ds in parts.items():
        _write_split(split, ds, f"SaudiNewsNet {', '.join(days)}: the members of the stories "
                     f"where khabar reported a contradiction in one store of {len(docs)} "
                     "articles, drawn by scripts/gold/contradictions.py wide (story: khabar's "
                     f"story then, not a gold label; round {round_})")  # fmt: skip
    _crawl_times([d for ds in parts.values() for d in ds], shared)
    print(f"{len(pool)} articles on {', '.join(days)}; ingested {len(docs)}: "
          f"{found} contradictions in {stories} stories; kept "
          + ", ".join(f"{split} {len(ds)} documents" for split, ds in parts.items()))
    return 0


def _contradicting_stories(docs: list[dict], crawled: dict[str, str] | None,
                           name: str) -> tuple[dict[str, list[dict]], int, int]:  # fmt: skip
    """Ingest ``docs`` into one store; the members of each story where khabar reports a
    contradiction, split in two by a hash of the story's first article (``{name}-dev``,
    ``{name}-heldout``; story: ``khabar-story-of:<first article>``), the number of
    contradictions and of those stories."""
    import hashlib

    with real_store(Settings(), docs, crawled) as store:
        items = contradiction_items(store, docs)
        story_of = {int(r["locator"].split()[-1]): r["story_id"]
                    for r in store.document_stories() if r["locator"].startswith("line ")}
    article_story = {d["article_id"]: story_of.get(n) for n, d in enumerate(docs, start=1)}
    stories = {article_story[a] for i in items for a in item_articles(i)} - {None}
    members: dict[int, list[dict]] = {}
    for d in docs:
        if article_story[d["article_id"]] in stories:
            members.setdefault(article_story[d["article_id"]], []).append(d)
    parts: dict[str, list[dict]] = {f"{name}-dev": [], f"{name}-heldout": []}
    for _, ds in sorted(members.items()):
        first = min(d["article_id"] for d in ds)
        digest = int(hashlib.sha256(f"{SEED}:{name}:{first}".encode()).hexdigest(), 16)
        parts[f"{name}-heldout" if digest % 2 else f"{name}-dev"].extend(
            d | {"story": f"khabar-story-of:{first}"} for d in ds)
    return parts, len(items), len(stories)


def _write_split(split: str, docs: list[dict], about: str) -> None:
    """Write a split's documents and, unless it has one, its judgement file naming them."""
    rel = f"{split}-documents.json"
    (REAL / "contradictions" / rel).write_text(json.dumps(
        {"format": STORY_FORMAT, "name": f"contradictions-{split}", "about": about,
         "documents": docs}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")  # fmt: skip
    judged = {"format": JUDGED_FORMAT, "stories": [rel], "judgements": []}
    if _judged_path(split).exists():
        judged = _judged(split) | {"stories": [rel]}
    _judged_path(split).write_text(json.dumps(judged, ensure_ascii=False, indent=1) + "\n",
                                   encoding="utf-8")  # fmt: skip


def current(shared: Path) -> int:
    """The English sets: the Current Events items of ``CURRENT_YEARS`` that no gold file under
    ``tests/data/real`` names (its own files apart: 53,716 items on 2026-12-04, with the splits'
    35 among them), ingested into one store in portal order; the members of each
    story where khabar reports a contradiction are kept, split in two by a hash of the story
    (``current-dev``, ``current-heldout``), each with a judgement file."""
    sys.path.insert(0, str(Path(__file__).parent))
    from sample import current_events

    taken = {m for path in REAL.rglob("*.json") if "current-" not in path.name  # not its own
             for m in re.findall(r"wikipedia-current-events:\d+", path.read_text("utf-8"))}
    docs = [d | {"story": d["article_id"]} for d in current_events(shared)
            if d["body"] and str(d["published"])[:4] in CURRENT_YEARS
            and d["article_id"] not in taken]  # fmt: skip
    parts, found, stories = _contradicting_stories(docs, None, "current")
    for split, ds in parts.items():
        _write_split(split, ds, f"English Wikipedia Current Events {CURRENT_YEARS[0]} to "
                     f"{CURRENT_YEARS[-1]}: the members of the stories where khabar reported a "
                     f"contradiction in one store of {len(docs)} items, drawn by "
                     "scripts/gold/contradictions.py current (story: khabar's story then, not a "
                     "gold label)")  # fmt: skip
    print(f"ingested {len(docs)} items ({len(taken)} gold items left out): {found} "
          f"contradictions in {stories} stories; kept "
          + ", ".join(f"{split} {len(ds)} documents" for split, ds in parts.items()))
    return 0


def _judged_path(split: str) -> Path:
    return REAL / "contradictions" / f"{split}.json"


def _judged(split: str) -> dict:
    path = _judged_path(split)
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    stories = ([f"../stories/{split}.json"] if split in STORY_SPLITS
               else [f"../stories/saudi-{split}.json", f"../stories/crossling-{split}.json"])
    return {"format": JUDGED_FORMAT, "stories": stories, "judgements": []}


def article_leads(docs: list[dict], ids: set[str]) -> dict[str, dict]:
    """What an annotator sees of each article of ``ids`` (of ``docs``), in id order: outlet,
    language, publication day, title and the first ``LEAD`` characters."""
    byid = {d["article_id"]: d for d in docs}
    return {a: {"outlet": byid[a].get("outlet"), "lang": byid[a]["lang"],
                "published": byid[a].get("published"), "title": byid[a].get("title") or "",
                "lead": byid[a]["body"][:LEAD]} for a in sorted(ids)}  # fmt: skip


def dump(split: str) -> int:
    judged = _judged(split)
    path = _judged_path(split)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(json.dumps(judged, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    docs, crawled = judged_documents(path)
    with real_store(Settings(), docs, crawled) as store:
        items = contradiction_items(store, docs)
    by_key = {j["key"]: j for j in judged["judgements"]}
    used: set[int] = set()
    new = [i for i in items if match_judgement(i, judged["judgements"], by_key, used) is None]
    articles = article_leads(docs, {a for i in new for a in item_articles(i)})
    k = 1
    while (REAL / "batches" / f"contradictions-{split}-{k}.json").exists():
        k += 1
    out = REAL / "batches" / f"contradictions-{split}-{k}.json"
    out.write_text(json.dumps({"split": split, "batch": k, "items": new, "articles": articles},
                              ensure_ascii=False, indent=1) + "\n", encoding="utf-8")  # fmt: skip
    print(f"{len(items)} contradictions, {len(new)} not judged yet → {out.relative_to(ROOT)}")
    return 0


def _labels(who: str, split: str, kind: str = "contradictions") -> dict[str, dict]:
    """Annotator ``who``'s labels of every batch of ``kind`` and ``split``, by item key."""
    out: dict[str, dict] = {}
    for f in sorted((REAL / "labels" / who).glob(f"{kind}-{split}-*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[row["key"]] = row
    return out


def agreement(labels_a: dict[str, dict], labels_b: dict[str, dict]) -> None:
    """Print A's agreement with B on the items B labelled too (verdicts), with Cohen's kappa."""
    both = [k for k in labels_b if k in labels_a]
    if both:
        va = [labels_a[k]["verdict"] for k in both]
        vb = [labels_b[k]["verdict"] for k in both]
        same = sum(x == y for x, y in zip(va, vb, strict=True))
        print(f"agreement A/B on {len(both)} items: {same / len(both):.2f}, Cohen's kappa "
              f"{_kappa(va, vb)}")


def _kappa(a: list[str], b: list[str]) -> str:
    """Cohen's kappa of two annotators' verdicts ("n/a" when chance agreement is total)."""
    n = len(a)
    seen = sorted(set(a) | set(b))
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    chance = sum((a.count(v) / n) * (b.count(v) / n) for v in seen)
    return "n/a" if chance == 1 else f"{(observed - chance) / (1 - chance):.2f}"


def write_judged(path: Path, judged: dict, rows: list[dict], labels_a: dict[str, dict],
                 labels_b: dict[str, dict], real: str, noun: str) -> None:  # fmt: skip
    """Write the judgement file ``path``: ``judged`` with ``rows`` as its judgements; print A's
    agreement with B and "N judgements (M ``noun``) → path", M the rows whose verdict is
    ``real``."""
    judged["judgements"] = rows
    path.write_text(json.dumps(judged, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    agreement(labels_a, labels_b)
    count = sum(r["verdict"] == real for r in rows)
    print(f"{len(rows)} judgements ({count} {noun}) → {path.relative_to(ROOT)}")


def labelled(split: str, labels: dict[str, dict],
             kind: str = "contradictions") -> list[tuple[str, dict, dict]]:  # fmt: skip
    """(key, item, label) of every item of the batches of ``kind`` and ``split`` that
    ``labels`` holds, by key; an item left unlabelled is named on standard error."""
    items = {}
    for f in sorted((REAL / "batches").glob(f"{kind}-{split}-*.json")):
        for i in json.loads(f.read_text(encoding="utf-8"))["items"]:
            items[i["key"]] = i
    out = []
    for key, i in sorted(items.items()):
        if key not in labels:
            print(f"not labelled by A: {key}", file=sys.stderr)
            continue
        out.append((key, i, labels[key]))
    return out


def build(split: str) -> int:
    judged = _judged(split)
    labels_a, labels_b = _labels("A", split), _labels("B", split)
    rows = []
    for key, i, lab in labelled(split, labels_a):
        rows.append({"key": key, "kind": i["kind"], "field": i["field"],
                     "values": [str(s["value"]) for s in i["sides"]],
                     "articles": sorted(item_articles(i)), "verdict": lab["verdict"],
                     "reason": lab.get("reason", ""), "note": lab.get("note", "")})  # fmt: skip
    write_judged(_judged_path(split), judged, rows, labels_a, labels_b, "real", "real")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=("draw", "wide", "current", "dump", "build"))
    ap.add_argument("--split", choices=("dev", "heldout", "wide-dev", "wide-heldout",
                                        "wide2-dev", "wide2-heldout", "current-dev",
                                        "current-heldout", *STORY_SPLITS))
    ap.add_argument("--round", type=int, default=1, choices=(1, 2), help="wide: which days")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    if args.command == "wide":
        return wide(Path(args.shared), args.round)
    if args.command == "current":
        return current(Path(args.shared))
    if args.split is None:
        ap.error(f"{args.command} needs --split")
    if args.command == "draw":
        return draw(args.split, Path(args.shared))
    return dump(args.split) if args.command == "dump" else build(args.split)


if __name__ == "__main__":
    sys.exit(main())
