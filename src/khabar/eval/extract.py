"""Score extraction against the sample gold: main events, fields, claims, date sanity, places.

Input: the gold (``events``, ``claims``, ``documents``) and the sample files. Output: a dict of
scores with the details behind each (which gold item was found, by which mention).

* Main events (gold events not marked background): found when an extracted, non-background
  event of one of the gold's documents has the same PLOVER type, the gold date, and a place
  within ``place_match_km`` of a gold place. Gold places come with coordinates, or as names
  resolved through the gazetteer; a country-level gold place matches any place in that country.
  Precision: extracted non-background events with a date and a place that match a gold event.
* Field accuracy, per gold main event: some extracted event of its documents has the date;
  has a place within range; on the gold date, names the gold actor (as actor or target: the
  gold's actor strings are resolved through the actor dictionary); has the killed / injured
  count the gold gives.
* Claims: found when a claim of one of the gold's documents has the gold stance and a speaker
  that resolves to the same actor (unnamed sources match unnamed sources).
* Date sanity: the gold's Solar Hijri dates (``date_as_written`` naming Solar Hijri) are flagged
  and the correction proposed with the gold value.
* ``zummar``: ذمار in 002 resolved to Zummar, Iraq.

Documents are read as plain-text files, in order, as ingest reads them: only 001 and 004 give
a publication date; 000 is anchored on 001, whose wire paragraphs it shares (issue 3's links);
002 (Persian) and 003 have no anchor.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from khabar.dedup import DuplicateIndex
from khabar.errors import EvalError
from khabar.eval.geo import gold_places, place_ok
from khabar.eval.gold import gold_article, load_gold, sample_paths
from khabar.extract.actors import extract_actors
from khabar.extract.claims import extract_claims
from khabar.extract.dates import extract_dates
from khabar.extract.document import Extraction, extract_document
from khabar.extract.events import Mentions, extract_events
from khabar.extract.places import extract_places
from khabar.model import SharedParagraph
from khabar.pipeline import build_document, wire_anchor
from khabar.settings import Settings

__all__ = ["score_extract", "score_sentences"]

def _extract_samples(settings: Settings, gold: dict[str, Any]) -> dict[str, tuple[Any, Extraction]]:
    """Each sample as ingest leaves it: a document without a publication date is anchored on a
    dated wire copy of its text (``khabar.pipeline.wire_anchor``), whichever came first."""
    files = sample_paths()
    index = DuplicateIndex(settings)
    docs, links = {}, {}
    for key in sorted(gold["documents"]):
        doc = build_document(gold_article(files[key]), settings)
        sigs = index.signatures(doc)
        near = index.near_duplicate(doc.id, sigs.document)
        shared = index.shared_paragraphs(doc.id, sigs)
        docs[key], links[doc.id] = doc, (near, shared)
        index.add_document(doc.id, sigs.document)
        linked = {x.para_index for x in shared}
        for idx, sig in sigs.paragraphs.items():
            if idx not in linked:
                index.add_paragraph(doc.id, idx, sigs.paragraph_keys[idx], sig)
    published = {d.id: d.published for d in docs.values()}
    back: dict[str, list[SharedParagraph]] = {}
    for doc_id, (_, shared) in links.items():  # links are recorded later → earlier: both ways
        for x in shared:
            back.setdefault(x.other_id, []).append(replace(x, other_id=doc_id))
    out = {}
    for key, doc in docs.items():
        near, shared = links[doc.id]
        fallback, label = wire_anchor(doc, near, shared + back.get(doc.id, []), published.get)
        out[key] = (doc, extract_document(doc, settings, fallback_anchor=fallback,
                                          fallback_label=label))  # fmt: skip
    return out


def _score_events(
    gold: dict[str, Any], ex: dict[str, tuple[Any, Extraction]], km: float
) -> dict[str, Any]:
    main = [e for e in gold["events"] if not e.get("background")]
    found, details = 0, {}
    fields = {"date": [], "place": [], "actor": [], "killed": [], "injured": []}
    matched_pred: set[tuple[str, int]] = set()
    for g in main:
        places = gold_places(g)
        docs = [d for d in g.get("docs", []) if d in ex] or _story_docs(gold, g["story"])
        preds = [(d, i, e) for d in docs for i, e in enumerate(ex[d][1].events) if not e.background]
        hit = next(
            (
                (d, i, e)
                for d, i, e in preds
                if e.plover == g["type"]["plover"]
                and e.date == g["date"]
                and place_ok(e.places, places, km)
            ),
            None,
        )
        if hit:
            found += 1
            matched_pred.add((hit[0], hit[1]))
        details[g["id"]] = f"found in {hit[0]}: {hit[2].sentence[:80]}" if hit else "missed"
        fields["date"].append(any(e.date == g["date"] for _, _, e in preds))
        fields["place"].append(any(place_ok(e.places, places, km) for _, _, e in preds))
        if g.get("actor"):
            wanted = {a for a in speaker_ids(g["actor"]) if a != "anonymous"}
            fields["actor"].append(any(e.actor in wanted or e.target in wanted for _, _, e in preds
                                       if e.date == g["date"]))  # fmt: skip
        for kind in ("killed", "injured"):
            want = (g.get("casualties") or {}).get(kind)
            if isinstance(want, int):
                fields[kind].append(any(getattr(e, kind) == want for _, _, e in preds))
    concrete = [
        (d, i)
        for d, (_, x) in ex.items()
        for i, e in enumerate(x.events)
        if not e.background and e.date and e.places
    ]
    good = sum(1 for k in concrete if k in matched_pred or _matches_any(ex, k, gold, km))
    return {
        "main_event_recall": round(found / len(main), 4) if main else 1.0,
        "main_event_precision": round(good / len(concrete), 4) if concrete else 0.0,
        "main_events": details,
        "field_accuracy": {k: round(sum(v) / len(v), 4) if v else None for k, v in fields.items()},
        "extracted_concrete_events": len(concrete),
    }


def _story_docs(gold: dict[str, Any], story: str) -> list[str]:
    return list(gold["stories"][story]["docs"])


def _matches_any(ex, key, gold, km) -> bool:  # type: ignore[no-untyped-def]
    d, i = key
    e = ex[d][1].events[i]
    for g in gold["events"]:
        if g.get("background") or d not in (g.get("docs") or _story_docs(gold, g["story"])):
            continue
        if (
            e.plover == g["type"]["plover"]
            and e.date == g["date"]
            and place_ok(e.places, gold_places(g), km)
        ):
            return True
    return False


def speaker_ids(text: str) -> set[str]:
    mentions = extract_actors(text)
    ids = {m.actor_id for m in mentions if m.actor_id}
    if any(m.kind == "anonymous" for m in mentions) or re.search(
        r"\b(official|source|officer)\b", text, re.I
    ):
        ids.add("anonymous")
    return ids


def _score_claims(gold: dict[str, Any], ex: dict[str, tuple[Any, Extraction]]) -> dict[str, Any]:
    found, details = 0, {}
    for c in gold["claims"]:
        want = speaker_ids(c["speaker"])
        stance = c.get("stance", "asserts")
        hit = None
        for d in c["docs"]:
            for claim in ex[d][1].claims:
                got = (
                    {claim.speaker}
                    if claim.speaker_kind not in ("anonymous", "inherited")
                    else ({"anonymous"} if claim.speaker_kind == "anonymous" else {claim.speaker})
                )
                if claim.stance == stance and got & want:
                    hit = (d, claim)
                    break
            if hit:
                break
        found += bool(hit)
        details[c["id"]] = f"found in {hit[0]}: {hit[1].speaker} {hit[1].verb}" if hit else "missed"
    total = len(gold["claims"])
    return {"claim_recall": round(found / total, 4) if total else 1.0, "claims": details}


def _score_date_sanity(
    gold: dict[str, Any], ex: dict[str, tuple[Any, Extraction]]
) -> dict[str, Any]:
    wanted = [e for e in gold["events"] if "Solar Hijri" in e.get("date_as_written", "")]
    details, ok = {}, 0
    for e in wanted:
        hit = any(
            d.flags
            and any(c.value == e["date"] and c.calendar == "solar_hijri" for c in d.corrections)
            for doc in e.get("docs") or _story_docs(gold, e["story"])
            for d in ex[doc][1].dates
        )
        ok += hit
        details[e["id"]] = "flagged, correction proposed" if hit else "missed"
    return {
        "date_sanity_recall": round(ok / len(wanted), 4) if wanted else 1.0,
        "date_sanity": details,
    }


def score_extract(settings: Settings, *, gold_path: str | Path | None = None) -> dict[str, Any]:
    """All extraction scores on the sample gold (see the module docstring)."""
    gold = load_gold(gold_path)
    ex = _extract_samples(settings, gold)
    zummar = (
        any(p.text == "ذمار" and p.place.id == "IQ-S-ZUMMAR" for p in ex["002"][1].places)
        if "002" in ex
        else None
    )
    return {
        **_score_events(gold, ex, settings.place_match_km),
        **_score_claims(gold, ex),
        **_score_date_sanity(gold, ex),
        "zummar_resolved": 1.0 if zummar else 0.0,
    }


_DEFAULT_ANCHOR = "2024-05-15"
_FIELDS = ("type", "date", "place", "killed", "injured", "modality", "background", "speaker",
           "stance", "dates")  # fmt: skip


def _sentence_facts(text: str, anchor: str, settings: Settings) -> tuple[Any, Any, list[Any]]:
    """(first event, first claim, date mentions) of one gold sentence."""
    day = date.fromisoformat(anchor)
    dates = extract_dates(text, anchor=day, settings=settings).dates
    found = Mentions(dates, extract_places(text), extract_actors(text))
    events = extract_events(text, anchor=day, settings=settings, mentions=found)
    claims = extract_claims(text, actors=found.actors)
    return (events[0] if events else None), (claims[0] if claims else None), found


def _field_ok(key: str, want: Any, event: Any, claim: Any, found: Any, km: float) -> bool:
    if key == "type":
        return (event.acled_subtype if event else "") == want
    if key == "date":
        got = (
            event.date
            if event and event.date
            else next((d.value for d in found.dates if d.value), None)
        )
        return got == want
    if key == "place":
        ids = event.places if event else [p.place.id for p in found.places]
        return place_ok(ids, [("", (want[0], want[1]))], km)
    if key in ("killed", "injured"):
        return event is not None and getattr(event, key) == want
    if key == "modality":
        return event is not None and set(want) <= set(event.modality)
    if key == "background":
        return event is not None and event.background == want
    if key == "speaker":
        got = (
            None
            if claim is None
            else ("anonymous" if claim.speaker_kind == "anonymous" else claim.speaker)
        )
        return got == want
    if key == "stance":
        return claim is not None and claim.stance == want
    return sorted(d.value for d in found.dates if d.value) == sorted(want)


def score_sentences(settings: Settings, folder: str | Path) -> dict[str, Any]:
    """Per-field accuracy on the project's own sentence gold (one JSONL file per language)."""
    files = sorted(Path(folder).glob("*.jsonl"))
    if not files:
        raise EvalError(f"no *.jsonl gold files in {folder}")
    out: dict[str, Any] = {}
    totals: dict[str, list[bool]] = {k: [] for k in _FIELDS}
    misses: list[str] = []
    for f in files:
        per: dict[str, list[bool]] = {k: [] for k in _FIELDS}
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            gold = json.loads(line)
            event, claim, found = _sentence_facts(
                gold["text"], gold.get("anchor", _DEFAULT_ANCHOR), settings
            )
            for key in _FIELDS:
                if key in gold:
                    ok = _field_ok(key, gold[key], event, claim, found, settings.place_match_km)
                    per[key].append(ok)
                    totals[key].append(ok)
                    if not ok:
                        misses.append(f"{f.stem}:{n} {key}")
        out[f.stem] = {k: round(sum(v) / len(v), 4) for k, v in per.items() if v}
        out[f.stem]["sentences"] = n
    out["all"] = {k: round(sum(v) / len(v), 4) for k, v in totals.items() if v}
    out["misses"] = misses
    return out
