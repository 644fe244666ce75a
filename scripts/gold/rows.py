"""Rows of khabar's ACLED export on real news, sent out for judging and gathered back.

    .venv/bin/python scripts/gold/rows.py day --split day-dev           # draw a day's store
    .venv/bin/python scripts/gold/rows.py dump --split dev [--batch 100]   # new items
    .venv/bin/python scripts/gold/rows.py retype --split dev               # right types asked
    .venv/bin/python scripts/gold/rows.py build --split dev                # judgements file

The documents of the splits ``dev`` and ``heldout`` are those their contradiction judgements
read already (the story gold sets ``stories/saudi-{split}.json`` and
``stories/crossling-{split}.json`` and the reports of violence
``contradictions/{split}-documents.json``, drawn by ``scripts/gold/contradictions.py``: dev
2015-07-21 to 27, held-out 2015-07-23 and 2015-08-06 to 10): mostly reports of violence.

``day`` (needs ``../shared``) makes the splits ``day-dev`` and ``day-heldout``: every
SaudiNewsNet article of two days (``DAYS``: dev 2015-08-02 and 03, held-out 2015-08-09 and
10; sports, business and all) outside the gold sets and training batches, ingested into one
store as an analyst's store of two days is; the articles that any exported row quotes or
cites are kept as ``rows/{split}-documents.json`` (with their crawl times), and the judgement
file names them.
Re-ingested alone they give the same rows, or nearly (``dump`` lists whatever is not judged).

``dump`` ingests them into a temporary store with the current code, exports the ACLED rows
(``khabar export --format acled-csv``, default filters) and writes every row that no judgement
covers yet to ``tests/data/real/batches/rows-{split}-{k}.json`` (k: the next free number; at
most ``--batch`` rows a file), with the title and first 700 characters of each article it
quotes, for an annotator who judges each row from ``docs/annotation-rows.md`` without reading
khabar's code. Their labels, one JSON line per item (``{"key", "verdict", "type_ok",
"reason", "note"}``), go to ``tests/data/real/labels/{A,B}/rows-{split}-{k}.jsonl``.

``retype`` writes the judged events of the split whose type was wrong and whose right type no
label gives yet (rows judged before the rubric asked for ``right_type``) to
``tests/data/real/batches/rowtypes-{split}-{k}.json``: each row's item as it was judged, with
the annotator's note; the labels (``{"key", "right_type"}``: one of ACLED's event types, or
null when the articles do not tell) go to ``tests/data/real/labels/{A,B}/rowtypes-{split}-{k}
.jsonl``. A right type that a label of the new rubric gives reaches the judgement file, and
leaves ``retype``'s list, at the next ``build``.

``build`` gathers annotator A's labels of every batch of the split (and A's right types) into
``tests/data/real/rows/{split}.json``, the file ``khabar eval rows`` scores against, and
prints A's agreement with B where B judged a slice.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from khabar.eval.rows import (
    ROWS_FORMAT,
    check_judgements,
    judged_row_documents,
    match_rows,
    row_items,
)
from khabar.eval.stories import real_store
from khabar.settings import Settings

sys.path.insert(0, str(Path(__file__).parent))
from contradictions import (  # noqa: E402  (the gold scripts' folder)
    _labels,
    article_leads,
    labelled,
    write_judged,
)

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "data" / "real"
DAYS = {"day-dev": ("2015-08-02", "2015-08-03"), "day-heldout": ("2015-08-09", "2015-08-10")}
SPLITS = ("dev", "heldout", *DAYS)


def _judged_path(split: str) -> Path:
    return REAL / "rows" / f"{split}.json"


def _judged(split: str) -> dict:
    path = _judged_path(split)
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    stories = ([f"{split}-documents.json"] if split in DAYS else
               [f"../stories/saudi-{split}.json", f"../stories/crossling-{split}.json",
                f"../contradictions/{split}-documents.json"])  # fmt: skip
    return {"format": ROWS_FORMAT, "stories": stories, "judgements": []}


def day(split: str, shared: Path) -> int:
    """The day splits (module docstring): two days' articles, the rows' own kept."""
    from contradictions import _crawl_map
    from events_ar import _taken
    from sample import saudi_day

    from khabar.eval.realgold import STORY_FORMAT

    taken = _taken()  # gold sets and the recogniser's training batches
    for path in (REAL / "contradictions").glob("*-documents.json"):
        taken |= {d["article_id"] for d in json.loads(path.read_text("utf-8"))["documents"]}
    for path in (ROOT / "training" / "events" / "data").glob("ar-events-batch-*.json"):
        taken |= {i["article_id"] for i in json.loads(path.read_text("utf-8"))["items"]}
    docs = [{k: a[k] for k in ("article_id", "record", "lang", "outlet", "title", "published",
                               "body")} | {"story": a["article_id"]}
            for day in DAYS[split] for a in saudi_day(shared, day)
            if a["body"] and a["article_id"] not in taken]  # fmt: skip
    crawled = _crawl_map(docs, shared)
    with real_store(Settings(), docs, crawled) as store:
        items = row_items(store, docs)
    cited = {key.rsplit("@", 1)[0] for i in items for key in (i["key"], *i["sources"])}
    kept = [d for d in docs if d["article_id"] in cited]
    folder = REAL / "rows"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{split}-documents.json").write_text(json.dumps(
        {"format": STORY_FORMAT, "name": f"rows-{split}",
         "about": f"SaudiNewsNet {' and '.join(DAYS[split])}: the articles that the ACLED rows "
         f"of a store of those days' {len(docs)} articles (gold sets and training batches left "
         "out) quote or cite, drawn by scripts/gold/rows.py day (no story labels: each its own)",
         "documents": kept}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")  # fmt: skip
    times = folder / "crawl_times.json"
    data = (json.loads(times.read_text(encoding="utf-8")) if times.exists() else
            {"source": "SaudiNewsNet date_extracted (parallelfold/SaudiNewsNet, CC BY-NC-SA "
             "4.0), written by scripts/gold/rows.py day", "crawled": {}})  # fmt: skip
    data["crawled"] = dict(sorted((data["crawled"] | {d["article_id"]: crawled[d["article_id"]]
                                                      for d in kept}).items()))  # fmt: skip
    times.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    path = _judged_path(split)
    if not path.exists():
        path.write_text(json.dumps(_judged(split), ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")  # fmt: skip
    print(f"{len(docs)} articles of {' and '.join(DAYS[split])}: {len(items)} rows citing "
          f"{len(kept)} → {(folder / f'{split}-documents.json').relative_to(ROOT)}")
    return 0


def dump(split: str, batch: int) -> int:
    judged = _judged(split)
    path = _judged_path(split)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(json.dumps(judged, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    docs, crawled = judged_row_documents(path)
    with real_store(Settings(), docs, crawled) as store:
        items = row_items(store, docs)
    # the rows no judgement matches, as ``khabar eval rows`` matches them
    new = [i for i, j in zip(items, match_rows(items, judged["judgements"]), strict=True)
           if i["key"] and j is None]
    k = 1
    while (REAL / "batches" / f"rows-{split}-{k}.json").exists():
        k += 1
    for start in range(0, len(new), batch):
        part = new[start : start + batch]
        articles = article_leads(docs, {i["article_id"] for i in part})
        out = REAL / "batches" / f"rows-{split}-{k}.json"
        out.write_text(json.dumps({"split": split, "batch": k, "items": part,
                                   "articles": articles}, ensure_ascii=False, indent=1) + "\n",
                       encoding="utf-8")  # fmt: skip
        print(f"{len(part)} rows → {out.relative_to(ROOT)}")
        k += 1
    print(f"{len(items)} rows, {len(new)} not judged yet")
    return 0


def build(split: str) -> int:
    judged = _judged(split)
    labels_a, labels_b = _labels("A", split, "rows"), _labels("B", split, "rows")
    types_a, types_b = _labels("A", split, "rowtypes"), _labels("B", split, "rowtypes")
    rows = []
    for key, i, lab in labelled(split, labels_a, "rows"):
        row = {"key": key, "event_type": i["row"]["event_type"], "quote": i["quote"][:200],
               "verdict": lab["verdict"], "type_ok": lab.get("type_ok"),
               "reason": lab.get("reason"), "note": lab.get("note", "")}  # fmt: skip
        if row["verdict"] == "event" and not row["type_ok"] and (
                "right_type" in lab or key in types_a):  # fmt: skip
            # the label's own (the rubric asks for it now), else the retype batch's
            row["right_type"] = lab.get("right_type", types_a.get(key, {}).get("right_type"))
        rows.append(row)
    check_judgements(rows)
    both = [k for k in types_b if k in types_a]
    if both:
        same = sum(types_a[k].get("right_type") == types_b[k].get("right_type") for k in both)
        print(f"right types: A and B agree on {same} of {len(both)}")
    write_judged(_judged_path(split), judged, rows, labels_a, labels_b, "event", "events")
    return 0


def retype(split: str) -> int:
    """The judged events of ``split`` whose right type is still to ask, as a batch (module
    docstring)."""
    path = _judged_path(split)
    done = _labels("A", split, "rowtypes")
    notes = {j["key"]: j["note"] for j in _judged(split)["judgements"]
             if j["verdict"] == "event" and not j["type_ok"] and "right_type" not in j
             and j["key"] not in done}  # fmt: skip
    items = [i | {"note": notes[key]} for key, i, _ in labelled(split, _labels("A", split, "rows"),
                                                                "rows") if key in notes]
    if not items:
        print("no wrong type left without its right one")
        return 0
    docs, _ = judged_row_documents(path)
    k = 1
    while (REAL / "batches" / f"rowtypes-{split}-{k}.json").exists():
        k += 1
    out = REAL / "batches" / f"rowtypes-{split}-{k}.json"
    out.write_text(json.dumps({"split": split, "batch": k, "items": items, "articles":
                               article_leads(docs, {i["article_id"] for i in items})},
                              ensure_ascii=False, indent=1) + "\n", encoding="utf-8")  # fmt: skip
    print(f"{len(items)} rows → {out.relative_to(ROOT)}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=("day", "dump", "retype", "build"))
    ap.add_argument("--split", required=True, choices=SPLITS)
    ap.add_argument("--batch", type=int, default=100, help="dump: rows per batch file")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    if args.command == "day":
        if args.split not in DAYS:
            ap.error(f"day makes {', '.join(DAYS)}")
        return day(args.split, Path(args.shared))
    if args.command == "retype":
        return retype(args.split)
    return dump(args.split, args.batch) if args.command == "dump" else build(args.split)


if __name__ == "__main__":
    sys.exit(main())
