"""Precision of khabar's contradictions on real news, against judgements of what it reported.

Input: a judgement file (``{"format": "khabar-real-contradictions/1", "stories": [paths of story
gold files, relative to it], "judgements": [...]}``) written by
``scripts/gold/contradictions.py`` from the labels of an annotator who judged, from the rubric in
``docs/annotation-contradictions.md`` and without khabar's code, each contradiction khabar
reported on the documents of those story sets. Each judgement: ``key`` (see ``item_key``),
``kind``, ``field``, ``values``, ``articles``, ``verdict`` (``real`` or ``false``) and
``reason`` (the rubric's category).

The documents are ingested into a fresh temporary store by the real pipeline (as
``khabar eval stories`` does), or read from a store that holds them already
(``score_contradictions(ingested=...)``).

Output: every contradiction found, matched to a judgement by its key, else by kind, field
and values with at least half of its articles in common (each
judgement once); ``precision`` = real / found, an unjudged contradiction counted false (the
lower bound; ``precision_if_unjudged_real`` is the upper one, ``precision_of_judged`` real /
judged), with ``judged`` and ``unjudged`` counts (an unjudged contradiction is listed, never
guessed), per kind and per false reason.

Errors: ``EvalError`` for an unreadable file or one of another format.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from khabar.errors import EvalError
from khabar.eval.realgold import STORY_FORMAT, crawl_times, load_real_gold
from khabar.eval.stories import finished_ingest, real_store
from khabar.settings import Settings
from khabar.store import open_store

__all__ = [
    "JUDGED_FORMAT",
    "contradiction_items",
    "gold_articles",
    "item_articles",
    "item_key",
    "judged_documents",
    "judged_store",
    "match_judgement",
    "score_contradictions",
]

JUDGED_FORMAT = "khabar-real-contradictions/1"


def item_key(kind: str, field: str, sides: list[tuple[str, list[str]]]) -> str:
    """A contradiction's identity across runs: kind, field and each side's value with the
    gold article ids of its sources (sorted), e.g.
    ``field_conflict|killed|28:saudinewsnet:2015-07-21:17 || 30:saudinewsnet:2015-07-21:40``."""
    parts = sorted(f"{v}:{','.join(sorted(set(a)))}" for v, a in sides)
    return f"{kind}|{field}|" + " || ".join(parts)


def judged_documents(path: Path, fmt: str = JUDGED_FORMAT) -> tuple[list[dict[str, Any]],
                                                                  dict[str, str]]:  # fmt: skip
    """The documents of a judgement file's story sets (each once, in order) and their crawl
    times; ``EvalError`` for an unreadable file or one not of format ``fmt``."""
    data = load_real_gold(path, fmt)
    docs: list[dict[str, Any]] = []
    crawled: dict[str, str] = {}
    seen: set[str] = set()
    for rel in data["stories"]:
        gold = path.parent / rel
        for d in load_real_gold(gold, STORY_FORMAT)["documents"]:
            if d["article_id"] not in seen:
                seen.add(d["article_id"])
                docs.append(d)
        crawled |= crawl_times(gold)
    return docs, crawled


def gold_articles(store: Any, docs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Stored document id → its gold document, for a store filled by ``ingest_real_stories``
    with ``docs`` (line n of its JSON-lines ingest is document n)."""
    by_line = {int(r["locator"].split()[-1]): r["doc_id"] for r in store.document_stories()
               if r["locator"].startswith("line ")}  # fmt: skip
    return {by_line[n]: d for n, d in enumerate(docs, start=1) if n in by_line}


@contextmanager
def judged_store(settings: Settings, docs: list[dict[str, Any]], crawled: dict[str, str], *,
                 keep: str | Path | None = None,
                 ingested: str | Path | None = None) -> Iterator[Any]:  # fmt: skip
    """An open store holding a judgement file's ``docs``: ``ingested``, a SQLite file that
    holds them already (checked by ``_holds_exactly``), else a fresh ingest into a temporary
    store or into ``keep`` (``eval.stories.real_store``). ``EvalError`` when ``ingested`` is
    missing or given with ``keep``."""
    if ingested is not None and keep is not None:
        raise EvalError("give keep (a store to ingest into) or ingested (one to read), not both")
    if ingested is not None and not Path(ingested).is_file():
        raise EvalError(f"{ingested}: no such store; ingest the documents with keep= first")
    if ingested is not None:
        with open_store(settings.replace(database=str(ingested))) as store:
            _holds_exactly(store, docs, Path(ingested))
            yield store
    else:
        with real_store(settings, docs, crawled, keep=keep) as store:
            yield store


def contradiction_items(store: Any, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every contradiction in ``store`` (filled by ``ingest_real_stories`` with ``docs``) as an
    item to judge: key, kind, field, what, why (why its sides are about one event), the event's
    type and day, and each side's value with its sources (article id, outlet, title, published,
    quote)."""
    article = gold_articles(store, docs)
    events = {e["id"]: e for e in store.events()}
    items = []
    for c in store.contradictions():
        sides = []
        for side in c["sides"]:
            srcs = [s for s in side["sources"] if s["doc_id"] in article]
            sides.append({
                "value": side["value"],
                "sources": [{"article_id": article[s["doc_id"]]["article_id"],
                             "outlet": s["outlet"], "lang": s["lang"],
                             "title": article[s["doc_id"]].get("title") or "",
                             "published": article[s["doc_id"]].get("published"),
                             "quote": s["quote"], "speaker": s.get("speaker")}
                            for s in srcs],
            })  # fmt: skip
        event = events.get(c.get("event_id") or "")
        items.append({
            "key": item_key(c["kind"], c["field"],
                            [(s["value"], [x["article_id"] for x in s["sources"]])
                             for s in sides]),
            "kind": c["kind"], "field": c["field"], "what": c["what"], "why": c.get("why", ""),
            "event": None if event is None else {
                "type": event.get("acled_subtype") or event.get("plover"),
                "day": event["chosen"].get("date", {}).get("value"),
            },
            "sides": sides,
        })  # fmt: skip
    return items


def item_articles(item: dict[str, Any]) -> set[str]:
    """The gold article ids cited by any side of a contradiction item."""
    return {x["article_id"] for s in item["sides"] for x in s["sources"]}


def _values(item: dict[str, Any]) -> frozenset[str]:
    return frozenset(str(s["value"]) for s in item["sides"])


def match_judgement(item: dict[str, Any], judged: list[dict[str, Any]],
           by_key: dict[str, dict[str, Any]], used: set[int]) -> dict[str, Any] | None:  # fmt: skip
    """The judgement of ``item``: the one of its key, else one of the same kind, field and
    values sharing at least half of its articles; each judgement is used once (``used``: the
    ids of those taken)."""
    j = by_key.get(item["key"])
    if j is not None and id(j) not in used:
        used.add(id(j))
        return j
    mine = item_articles(item)
    for j in judged:
        if id(j) in used or (j["kind"], j["field"]) != (item["kind"], item["field"]):
            continue
        if frozenset(map(str, j["values"])) != _values(item):
            continue
        theirs = set(j["articles"])
        if mine and len(mine & theirs) * 2 >= max(len(mine), len(theirs)):
            used.add(id(j))
            return j
    return None


def score_contradictions(settings: Settings, path: str | Path, *,
                         keep: str | Path | None = None,
                         ingested: str | Path | None = None) -> dict[str, Any]:  # fmt: skip
    """Precision of the contradictions khabar reports on the documents of a judgement file
    (see the module docstring), ingested into a temporary SQLite store, or into the file
    ``keep`` (which must not exist yet), left there closed for other readers.

    ``ingested``: a SQLite file that already holds these documents, ingested as ``real_store``
    ingests them (``khabar.eval.stories.score_real_stories(keep=...)`` of a judgement file's
    one story set), read instead of ingesting again. ``EvalError`` when it is missing, holds
    no document or an unfinished run, or a document that is not the judgement file's line
    for line (``_holds_exactly``), and when ``keep`` is given too. Not checked: that no
    document is missing from it (a store of the first of two story sets passes)."""
    path = Path(path)
    judged = load_real_gold(path, JUDGED_FORMAT)["judgements"]
    by_key = {j["key"]: j for j in judged}
    docs, crawled = judged_documents(path)
    with judged_store(settings, docs, crawled, keep=keep, ingested=ingested) as store:
        items = contradiction_items(store, docs)
    verdicts: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = {}
    reasons: Counter[str] = Counter()
    unjudged = []
    used: set[int] = set()
    for item in items:
        j = match_judgement(item, judged, by_key, used)
        verdict = j["verdict"] if j else "unjudged"
        verdicts[verdict] += 1
        kinds.setdefault(item["kind"], Counter())[verdict] += 1
        if j and verdict == "false":
            reasons[j.get("reason") or "other"] += 1
        if j is None:
            unjudged.append(item["key"])
    n_judged = verdicts["real"] + verdicts["false"]
    found = len(items)
    return {
        "found": found,
        "judged": n_judged,
        "unjudged": verdicts["unjudged"],
        # bounds: an unjudged contradiction counted false, and counted real
        "precision": round(verdicts["real"] / found, 4) if found else None,
        "precision_if_unjudged_real": (round((verdicts["real"] + verdicts["unjudged"]) / found, 4)
                                       if found else None),  # fmt: skip
        "precision_of_judged": round(verdicts["real"] / n_judged, 4) if n_judged else None,
        "per_kind": {k: dict(v) for k, v in sorted(kinds.items())},
        "false_reasons": dict(reasons.most_common()),
        "unjudged_keys": unjudged,
    }


def _holds_exactly(store: Any, docs: list[dict[str, Any]], path: Path) -> None:
    """``EvalError`` unless ``store`` holds finished runs only, at least one document, and every
    document came from one line of ``docs``'s JSON-lines ingest (``ingest_real_stories``: line
    n is document n, with its URL)."""
    if not finished_ingest(store):
        raise EvalError(f"{path}: not a finished ingest (runs {store.stats()['runs_by_status']}); "
                        "ingest the documents anew")
    urls = [(d.get("record") or {}).get("url") or f"gold:{d['article_id']}" for d in docs]
    for r in store.document_stories():
        line = int(r["locator"].split()[-1]) if r["locator"].startswith("line ") else 0
        if not 1 <= line <= len(docs) or store.document(r["doc_id"])["url"] != urls[line - 1]:
            raise EvalError(f"{path}: document {r['doc_id']} ({r['locator']}) is not one of "
                            "the judgement file's documents; ingest them anew")
