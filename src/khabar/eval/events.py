"""Score event extraction on the real-news sentence gold: type, mode, roles, tolls, background.

Input: ``GoldRun`` records (``khabar.eval.realgold``). Each gold sentence has one main event
(a PLOVER type, or ``NONE``) with its mode, actor/recipient/place spans, killed, injured and
background flag (``docs/annotation.md``). khabar's prediction for a body sentence is the first
event mention whose trigger lies in it (``NONE`` when there is none); a title's event is folded
into the body's main event when the body reports it, so a title sentence is read alone by the
same extractor (``extract_events``, anchored on the report's day).

Output, per language and ``all``:
- ``accuracy``: predicted type = gold type, over every labelled sentence (NONE included);
- ``type_accuracy_on_events``: the same over the sentences whose gold type is not NONE;
- ``assault_protest_typed``: the same over the sentences of assaults and protests (the issue's
  Arabic measure: each such sentence typed right, choosing among all types and NONE);
- ``macro_f1``: mean F1 over the PLOVER types present in the gold (NONE left out);
- ``detection``: precision/recall/F1 of "this sentence reports an event" (any type);
- ``per_type``: precision/recall/F1 per type; ``confusion``: gold type → predicted type counts;
- over gold events (type not NONE) where khabar predicted the same type: ``mode_accuracy``,
  ``killed_accuracy`` / ``injured_accuracy`` (where the gold gives a number),
  ``background_accuracy``,
  ``actor_recall`` / ``recipient_recall`` (khabar's actor/target is a mention overlapping a gold
  actor/recipient span), and ``actor_filled`` (khabar names any actor or target);
- ``killed_exact`` / ``injured_exact``: over gold events whose gold gives that number, whatever
  type khabar predicts, khabar's first event in the sentence gives the same number (no event is
  a miss): issue [3/8]'s measure of the tolls.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from khabar.eval.realgold import GoldRun, gold_sentences, prf, run_sentence_gold
from khabar.extract.document import iso_day
from khabar.extract.events import extract_events
from khabar.model import EventMention
from khabar.settings import Settings

__all__ = ["event_scores", "predicted_event", "score_events"]

_FIELDS = ("actor_filled", "mode", "killed", "injured", "background", "actor", "recipient")


def predicted_event(run: GoldRun, sentence: dict[str, Any],
                    settings: Settings | None = None) -> EventMention | None:  # fmt: skip
    """khabar's first event mention triggered inside ``sentence``: a body sentence's in the
    document's extraction; a title sentence's by reading it alone, when ``settings`` are given
    (else ``None``: titles not scored)."""
    if sentence["part"] == "title":
        if settings is None:
            return None
        found = extract_events(sentence["text"], settings=settings, lang=run.lang,
                               anchor=iso_day(run.doc.published))
        return found[0] if found else None
    if sentence["part"] != "body":
        return None
    for e in run.ex.events:
        if sentence["start"] <= e.trigger_span.start < sentence["end"]:
            return e
    return None


def _role_hit(run: GoldRun, sentence: dict[str, Any], who: str | None, spans: list[dict]) -> bool:
    """Whether khabar's role value ``who`` is a mention of the sentence (a dictionary actor or an
    entity: recognised or generic) overlapping one of the gold ``spans``."""
    if not who or not spans:
        return False
    at = sentence["start"]
    named = [(m.span, (m.actor_id, m.name, m.text)) for m in run.ex.actors]
    named += [(e.span, (e.ref, e.text)) for e in run.ex.entities]  # recognised and generic
    for span, values in named:
        if who not in values or not sentence["start"] <= span.start < sentence["end"]:
            continue
        for sp in spans:
            if span.start < at + sp["end"] and at + sp["start"] < span.end:
                return True
    return False


def _ratio(values: list[bool]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def event_scores(runs: list[GoldRun], settings: Settings | None = None) -> dict[str, Any]:
    """The scores of the module docstring, keyed by language and ``all`` (title sentences
    scored only when ``settings`` are given)."""
    rows: dict[str, list[tuple[str, str, dict, EventMention | None, GoldRun, dict]]] = defaultdict(
        list
    )
    for run, s in gold_sentences(runs):
        ev = predicted_event(run, s, settings)
        gold = s.get("event") or {"type": "NONE"}
        rows[run.lang].append((gold["type"], ev.plover if ev else "NONE", gold, ev, run, s))
    out: dict[str, Any] = {}
    for lang in [*sorted(rows), "all"]:
        r = [x for k, v in rows.items() if lang in (k, "all") for x in v]
        out[lang] = _scores(r)
    return out


def _scores(
    rows: list[tuple[str, str, dict, EventMention | None, GoldRun, dict]],
) -> dict[str, Any]:
    gold_t = [g for g, *_ in rows]
    pred_t = [p for _, p, *_ in rows]
    types = sorted(set(gold_t) | set(pred_t))
    per_type = {}
    for t in types:
        tp = sum(1 for g, p in zip(gold_t, pred_t, strict=True) if g == p == t)
        per_type[t] = prf(tp, pred_t.count(t), gold_t.count(t))
    plover = [t for t in sorted(set(gold_t)) if t != "NONE"]
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    for g, p in zip(gold_t, pred_t, strict=True):
        confusion[g][p] += 1
    det_tp = sum(1 for g, p in zip(gold_t, pred_t, strict=True) if g != "NONE" and p != "NONE")
    fields: dict[str, list[bool]] = {k: [] for k in _FIELDS}
    exact: dict[str, list[bool]] = {"killed": [], "injured": []}
    for g, p, gold, ev, run, s in rows:
        if g == "NONE":
            continue
        for k in exact:
            if isinstance(gold.get(k), int):
                exact[k].append(ev is not None and getattr(ev, k) == gold[k])
        fields["actor_filled"].append(bool(ev and (ev.actor or ev.target)))
        if ev is None or p != g:
            continue
        if gold.get("mode"):
            fields["mode"].append(getattr(ev, "mode", None) == gold["mode"])
        for k in ("killed", "injured"):
            if isinstance(gold.get(k), int):
                fields[k].append(getattr(ev, k) == gold[k])
        fields["background"].append(ev.background == bool(gold.get("background")))
        if gold.get("actor"):
            fields["actor"].append(_role_hit(run, s, ev.actor, gold["actor"]))
        if gold.get("recipient"):
            fields["recipient"].append(_role_hit(run, s, ev.target, gold["recipient"]))
    n = len(rows)
    return {
        "sentences": n,
        "gold_events": sum(1 for g in gold_t if g != "NONE"),
        "accuracy": _ratio([g == p for g, p in zip(gold_t, pred_t, strict=True)]),
        "type_accuracy_on_events": _ratio([g == p for g, p in zip(gold_t, pred_t, strict=True)
                                           if g != "NONE"]),
        "assault_protest_typed": _ratio([g == p for g, p in zip(gold_t, pred_t, strict=True)
                                         if g in ("ASSAULT", "PROTEST")]),
        "macro_f1": round(sum(per_type[t]["f1"] for t in plover) / len(plover), 4)
        if plover
        else None,
        "detection": prf(det_tp, n - pred_t.count("NONE"), n - gold_t.count("NONE")),
        **{f"{k}_accuracy" if k in ("mode", "killed", "injured", "background") else
           (f"{k}_recall" if k in ("actor", "recipient") else k): _ratio(v)
           for k, v in fields.items()},
        **{f"{k}_exact": _ratio(v) for k, v in exact.items()},
        "per_type": per_type,
        "confusion": {k: dict(v) for k, v in sorted(confusion.items())},
    }  # fmt: skip


def score_events(settings: Settings, gold_path: str | Path) -> dict[str, Any]:
    """Event scores of khabar on the sentence gold at ``gold_path``."""
    return event_scores(run_sentence_gold(settings, gold_path), settings)
