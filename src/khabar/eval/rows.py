"""Precision of khabar's ACLED export on real news, against judgements of the rows it exported.

Input: a judgement file (``{"format": "khabar-real-rows/1", "stories": [paths of story gold
files, relative to it], "judgements": [...]}``) written by ``scripts/gold/rows.py`` from the
labels of an annotator who judged, from the rubric in ``docs/annotation-rows.md`` and without
khabar's code, each row ``khabar export --format acled-csv`` gave for the documents of those
story sets (default filters: no background, undated or weak events). Each judgement: ``key``
(the gold article id and character offset of the sentence the row quoted, ``row_key``),
``verdict`` (``event`` or ``not_event``), ``type_ok`` (for an event: is its ACLED event type
right), ``right_type`` (for an event whose type was wrong: the ACLED event type it should have,
or null when the annotator could not tell), ``reason`` (the rubric's, for ``not_event``) and
``note``; the ``event_type`` the judged row had.

The documents are ingested into a fresh temporary store by the real pipeline (as
``khabar eval contradictions`` does), or read from a store that holds them already.

Output: every exported row, matched to a judgement by its quoted sentence, else (once every
row's own sentence is matched) by any sentence of the row's sources that a judgement names
(each judgement once: ``match_rows``): ``precision`` =
rows judged ``event`` / rows, an unjudged row counted as no event (the lower bound;
``precision_if_unjudged_event`` is the upper one, ``precision_of_judged`` events / judged),
``typed_precision`` (rows judged ``event`` whose event type is the right one: the judged row's
when ``type_ok``, else ``right_type``; a row whose type changed from a wrong one that has no
``right_type`` counts as untyped and in ``types_unjudged``), ``events_kept`` (judged events
still exported / judged events: how many of the real events a change keeps; an event whose
sentence is now one of the sources of another row judged an event is kept, folded into that
row, which ``events_merged`` counts), counts per
``not_event`` reason and per ACLED event type, and the unjudged rows listed (never guessed).

Errors: ``EvalError`` for an unreadable file or one of another format.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from khabar.acled import SUB_EVENT_TYPES
from khabar.errors import EvalError
from khabar.eval.contradictions import gold_articles, judged_documents, judged_store
from khabar.eval.realgold import load_real_gold
from khabar.export import acled_rows, quoted_source, select_events
from khabar.settings import Settings

__all__ = ["EVENT_TYPES", "ROWS_FORMAT", "judged_row_documents", "match_rows", "right_type",
           "row_items", "row_key", "score_rows"]

ROWS_FORMAT = "khabar-real-rows/1"
# the columns an annotator sees of a row (docs/annotation-rows.md)
SHOWN = ("event_type", "sub_event_type", "event_date", "country", "location", "actor1",
         "actor2", "fatalities")  # fmt: skip


def row_key(article_id: str, start: int) -> str:
    """A row's identity across runs: the gold article and the character offset (in the
    stored text) of the sentence it quotes, e.g. ``saudinewsnet:2015-07-24:17@1022``."""
    return f"{article_id}@{start}"


def judged_row_documents(path: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The documents of a row judgement file's story sets (each once, in order) and their
    crawl times (``eval.contradictions.judged_documents``); ``EvalError`` for an unreadable
    file."""
    return judged_documents(path, ROWS_FORMAT)


def _sources(group: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every source sentence of a row's records, each once, in field order."""
    out: dict[tuple[str, int], dict[str, Any]] = {}
    for record in group:
        for values in record["fields"].values():
            for v in values:
                for s in v["sources"]:
                    out.setdefault((s["doc_id"], s["start"]), s)
    return list(out.values())


def row_items(store: Any, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every row ``khabar export --format acled-csv`` gives for ``store`` (filled by
    ``ingest_real_stories`` with ``docs``; default filters) as an item to judge: key (the
    sentence the row's notes quote, as the export chose it: ``export.quoted_source``), the
    columns of ``SHOWN``, the quoted sentence with its article id, and ``sources``: the keys
    of every sentence of the row's records."""
    article = {doc_id: d["article_id"] for doc_id, d in gold_articles(store, docs).items()}
    records = select_events(store, None)
    items = []
    for row, group in acled_rows(store, records):
        sources = [s for s in _sources(group) if s["doc_id"] in article]
        quoted = quoted_source(group[0])
        if quoted is None or quoted["doc_id"] not in article:
            quoted = sources[0] if sources else None
        items.append({
            "key": row_key(article[quoted["doc_id"]], quoted["start"]) if quoted else "",
            "row": {k: row[k] for k in SHOWN},
            "article_id": article[quoted["doc_id"]] if quoted else None,
            "quote": quoted["quote"] if quoted else (row["notes"] or ""),
            "sources": [row_key(article[s["doc_id"]], s["start"]) for s in sources],
            "other_quotes": [
                {"article_id": article[s["doc_id"]], "quote": s["quote"]}
                for s in sources if (s["doc_id"], s["start"]) != (
                    (quoted or {}).get("doc_id"), (quoted or {}).get("start"))][:3],
        })  # fmt: skip
    return items


def match_rows(items: list[dict[str, Any]],
               judged: list[dict[str, Any]]) -> list[dict[str, Any] | None]:  # fmt: skip
    """The judgement of each row item, or None: first every row's own key (the sentence it
    quotes), then, for the rows left, any of its source sentences that a judgement names;
    each judgement once."""
    by_key = {j["key"]: j for j in judged}
    used: set[str] = set()
    out: list[dict[str, Any] | None] = []
    for item in items:
        j = by_key.get(item["key"]) if item["key"] not in used else None
        if j is not None:
            used.add(item["key"])
        out.append(j)
    for i, item in enumerate(items):
        if out[i] is not None:
            continue
        key = next((k for k in item["sources"] if k in by_key and k not in used), None)
        if key is not None:
            used.add(key)
            out[i] = by_key[key]
    return out


def score_rows(settings: Settings, path: str | Path, *,
               ingested: str | Path | None = None) -> dict[str, Any]:  # fmt: skip
    """Precision of the rows khabar exports for the documents of a judgement file (see the
    module docstring), ingested into a temporary SQLite store, or read from ``ingested``, a
    SQLite file that holds them already as ``real_store`` ingests them (``EvalError`` when it
    is missing or holds other documents: ``eval.contradictions.judged_store``)."""
    path = Path(path)
    judged = load_real_gold(path, ROWS_FORMAT)["judgements"]
    docs, crawled = judged_row_documents(path)
    with judged_store(settings, docs, crawled, ingested=ingested) as store:
        items = row_items(store, docs)
    return row_scores(items, judged)


def row_scores(items: list[dict[str, Any]], judged: list[dict[str, Any]]) -> dict[str, Any]:
    """The scores of ``score_rows`` for row items (``row_items``) against judgements."""
    verdicts: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    per_type: dict[str, Counter[str]] = {}
    typed = 0
    unjudged: list[str] = []
    types_unjudged: list[str] = []
    matched = match_rows(items, judged)
    for item, j in zip(items, matched, strict=True):
        verdict = j["verdict"] if j else "unjudged"
        verdicts[verdict] += 1
        per_type.setdefault(item["row"]["event_type"] or "", Counter())[verdict] += 1
        if j and verdict == "not_event":
            reasons[j.get("reason") or "other"] += 1
        if j and verdict == "event":
            right = right_type(j)
            if right is _UNKNOWN and item["row"]["event_type"] != j.get("event_type"):
                types_unjudged.append(item["key"])
            elif right is not None and right == item["row"]["event_type"]:
                typed += 1
        if j is None:
            unjudged.append(item["key"])
    rows = len(items)
    # the sentences of the rows that stand for a judged event: an event folded into a row
    # judged no event (a tally of four months) or never judged is not kept
    cited = {k for item, j in zip(items, matched, strict=True)
             if j is not None and j["verdict"] == "event" for k in (item["key"], *item["sources"])}
    matched_keys = {j["key"] for j in matched if j is not None}
    n_judged = verdicts["event"] + verdicts["not_event"]
    real = sum(j["verdict"] == "event" for j in judged)

    def share(n: int, d: int) -> float | None:
        return round(n / d, 4) if d else None

    return {
        "rows": rows,
        "judged": n_judged,
        "unjudged": verdicts["unjudged"],
        "precision": share(verdicts["event"], rows),
        "precision_if_unjudged_event": share(verdicts["event"] + verdicts["unjudged"], rows),
        "precision_of_judged": share(verdicts["event"], n_judged),
        "typed_precision": share(typed, rows),
        "events_kept": share(sum(j["verdict"] == "event" and j["key"] in cited for j in judged),
                             real),  # fmt: skip
        "events_merged": sum(j["verdict"] == "event" and j["key"] in cited
                             and j["key"] not in matched_keys for j in judged),  # fmt: skip
        "not_event_reasons": dict(reasons.most_common()),
        "per_type": {k: dict(v) for k, v in sorted(per_type.items())},
        "unjudged_keys": unjudged,
        "types_unjudged": types_unjudged,
    }


_UNKNOWN = object()  # a wrong type whose right one the annotator was not asked


def right_type(judgement: dict[str, Any]) -> Any:
    """The ACLED event type a row judged ``event`` should have: the judged row's when its type
    was right, else the annotator's ``right_type`` (None: they could not tell), else
    ``_UNKNOWN`` (judged before the rubric asked for it)."""
    if judgement.get("type_ok"):
        return judgement.get("event_type")
    return judgement["right_type"] if "right_type" in judgement else _UNKNOWN


REASONS = ("no_event", "not_political", "earlier_event", "future_or_threat", "other")
EVENT_TYPES = tuple(SUB_EVENT_TYPES)  # ACLED's event types (codebook 2023), the rubric's list


def check_judgements(judged: list[dict[str, Any]]) -> None:
    """``EvalError`` unless each judgement has a key, a verdict of ``event`` or
    ``not_event``, one of the rubric's ``REASONS`` when it is ``not_event``, the
    ``event_type`` it judged when it is ``event``, and a ``right_type`` that is null or one of
    ACLED's ``EVENT_TYPES`` when it has one."""
    for j in judged:
        if not j.get("key") or j.get("verdict") not in ("event", "not_event") or (
                j["verdict"] == "not_event" and j.get("reason") not in REASONS) or (
                j["verdict"] == "event" and "event_type" not in j) or (
                j.get("right_type") not in (None, *EVENT_TYPES)):  # fmt: skip
            raise EvalError(f"bad row judgement: {j}")
