"""Score event dates on the real-news sentence gold: exact day, ±1 day, "no day".

Input: ``GoldRun`` records (``khabar.eval.realgold``). Each gold event (type not NONE) has the
day it happened, read with its article's publication date, with a precision (day, month,
year) or ``none`` (``docs/annotation.md``). khabar's date for it is the date of its event
mention in that sentence (``khabar.eval.events.predicted_event``), or none.

``report_date_scores`` scores whole reports instead (the measure of issue [4/8]): on a
cross-lingual story gold (``tests/data/real/stories/crossling-*.json``), every SaudiNewsNet
report of a story that holds a Wikipedia Current Events item has that item's portal day as the
day of its happening; khabar's day for a report is the date of its main event
(``extract.document.main_event``). SaudiNewsNet gives only a crawl time (``date_extracted``):
it reaches khabar as ``crawled`` (``as_published=False``, what it is) or as ``published``.
Output: ``reports``, ``dated``, ``exact``, ``within_1_day``, the baseline of the same run
(``input_day_*``: every report dated by the publication or crawl day it came with), and
``basis_*`` (how many main-event dates came from the text, the title, another sentence, the
publication or the crawl day).

Output of ``date_scores``, per language and ``all``: ``events`` (gold events), ``with_day``
(gold gives a day); over those: ``dated`` (khabar gives any date), ``exact`` (the same day),
``exact_stated`` (the same day, stated by the event's own sentence or the title: no inherited
or publication day), ``within_1_day``; over gold events with a month: ``month_accuracy``;
over gold events with no date:
``no_day_accuracy`` (khabar gives none either); ``accuracy``: right on every gold event (the
day, the month, or none, by the gold's precision).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from khabar.eval.events import predicted_event
from khabar.eval.realgold import (
    STORY_FORMAT,
    GoldRun,
    crawl_times,
    gold_sentences,
    load_real_gold,
    run_sentence_gold,
)
from khabar.extract.document import extract_document
from khabar.model import RawArticle
from khabar.pipeline import build_document
from khabar.settings import Settings

__all__ = ["date_scores", "report_date_scores", "score_dates"]


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def date_scores(runs: list[GoldRun]) -> dict[str, Any]:
    """The scores of the module docstring, keyed by language and ``all``."""
    rows: dict[str, list[tuple[str, str | None, str | None]]] = defaultdict(list)
    for run, s in gold_sentences(runs):
        gold = s.get("event") or {}
        if gold.get("type", "NONE") == "NONE":
            continue
        ev = predicted_event(run, s)
        stated = ev is not None and ev.date_basis in ("text", "title")
        rows[run.lang].append((gold.get("day_precision") or "none", gold.get("event_day"),
                               ev.date if ev else None, stated))  # fmt: skip
    out: dict[str, Any] = {}
    for lang in [*sorted(rows), "all"]:
        out[lang] = _scores([x for k, v in rows.items() if lang in (k, "all") for x in v])
    return out


def _scores(rows: list[tuple[str, str | None, str | None, bool]]) -> dict[str, Any]:
    def ratio(xs: list[bool]) -> float | None:
        return round(sum(xs) / len(xs), 4) if xs else None

    day = [(g, p) for prec, g, p, _ in rows if prec == "day" and _day(g)]
    stated = [(g, p if said else None) for prec, g, p, said in rows if prec == "day" and _day(g)]
    month = [(g, p) for prec, g, p, _ in rows if prec == "month" and g]
    none = [p for prec, g, p, _ in rows if prec == "none" or not g]
    exact = [_day(p) == _day(g) for g, p in day]
    near = [bool(_day(p)) and abs((_day(p) - _day(g)).days) <= 1 for g, p in day]  # type: ignore[operator]
    months = [bool(p) and p[:7] == g[:7] for g, p in month]  # type: ignore[index]
    nodate = [p is None for p in none]
    return {
        "events": len(rows),
        "with_day": len(day),
        "dated": ratio([p is not None for _, p in day]),
        "exact": ratio(exact),
        # the same, counting only days the event's own sentence (or the title) states
        "exact_stated": ratio([_day(p) == _day(g) for g, p in stated]),
        "within_1_day": ratio(near),
        "month_accuracy": ratio(months),
        "no_day_accuracy": ratio(nodate),
        "accuracy": ratio(exact + months + nodate),
    }


def score_dates(settings: Settings, gold_path: str | Path) -> dict[str, Any]:
    """Event-date scores of khabar on the sentence gold at ``gold_path``."""
    return date_scores(run_sentence_gold(settings, gold_path))


def report_date_scores(settings: Settings, gold_path: str | Path, *,
                       as_published: bool = False) -> dict[str, Any]:  # fmt: skip
    """Main-event days of the reports of the story gold at ``gold_path`` (module docstring)."""
    docs = load_real_gold(gold_path, STORY_FORMAT)["documents"]
    crawled = crawl_times(gold_path)
    portal: dict[str, str] = {}
    for d in docs:
        if (d.get("record") or {}).get("corpus") == "wikipedia-current-events" and d["published"]:
            portal[d["story"]] = min(portal.get(d["story"], d["published"]), d["published"])
    rows: list[tuple[date, date | None, str, date | None]] = []
    for d in docs:
        if (d.get("record") or {}).get("corpus") != "saudinewsnet" or d["story"] not in portal:
            continue
        day = d.get("published")
        when = crawled.get(d["article_id"], day)  # the crawl time, where known
        raw = RawArticle(source=f"gold:{d['article_id']}", locator="", kind="jsonl",
                         text=d["body"], title=d.get("title") or None, outlet=d.get("outlet"),
                         published=day if as_published else None,
                         crawled=None if as_published else when)  # fmt: skip
        doc = build_document(raw, settings)
        main = next((e for e in extract_document(doc, settings).events if e.main), None)
        got = _day(main.date) if main else None
        rows.append((date.fromisoformat(portal[d["story"]]), got,
                     (main.date_basis if main and got else None) or "none", _day(day)))  # fmt: skip
    n = len(rows)

    def ratio(k: int) -> float | None:
        return round(k / n, 4) if n else None

    def near(g: date, p: date | None) -> bool:
        return p is not None and abs((p - g).days) <= 1

    basis: dict[str, int] = defaultdict(int)
    for _, _, b, _ in rows:
        basis[b] += 1
    return {"all": {
        "reports": n,
        "dated": ratio(sum(1 for _, p, _, _ in rows if p)),
        "exact": ratio(sum(1 for g, p, _, _ in rows if p == g)),
        "within_1_day": ratio(sum(1 for g, p, _, _ in rows if near(g, p))),
        # the baseline, in the same run: every report dated by the day it was given with
        "input_day_exact": ratio(sum(1 for g, _, _, c in rows if c == g)),
        "input_day_within_1_day": ratio(sum(1 for g, _, _, c in rows if near(g, c))),
        **{f"basis_{k}": v for k, v in sorted(basis.items())},
    }}
