"""Score fusion against gold ``events`` and ``contradictions`` (the sample gold by default).

Input: a gold file in the sample format and the folder of its articles; they are ingested, in
file-name order, into a fresh temporary store by the real pipeline (grouping and fusion
included). Output: scores and the details behind each.

* **Events**: a gold event is found when a canonical event of its documents has the gold day
  and a location or origin within ``place_match_km`` of a gold place (a country-level gold
  place: any place in that country). ``event_recall`` over all gold events, ``main_event_recall``
  over those not marked background.
* **Chosen values** of found main events: the chosen date is the gold date; the chosen
  location is within range of a gold place; the chosen time is the gold's clock time when it
  gives one; killed / injured equal the gold's numbers where the gold gives plain numbers.
  ``chosen_accuracy`` over all those checks.
* **Location versions**: for each gold ``location_versions`` entry, the matched event holds a
  location value within range whose sources include the gold's documents.
* **Contradictions**: a gold contradiction about claims is found when one found contradiction
  has each gold claim on a different side, from one of its documents, by a speaker that
  resolves to the gold speaker (unnamed sources match unnamed sources). One about an event
  field is found when a found contradiction of the same field family (location, outcome,
  target, cause) has sides from the gold event's documents. Matching is one to one.
  ``contradiction_precision``: matched / found, date problems excluded (the gold does not list
  them; they are reported apart).
* **Refinements** that must not be flagged: a province next to a site in it as locations, and
  a missing count next to a count (1 killed vs 1 killed and 8 wounded): ``false_refinements``
  counts found field conflicts between such values (0 is right).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from khabar.eval.extract import speaker_ids
from khabar.eval.geo import gold_places, place_ok
from khabar.eval.gold import load_gold, sample_paths
from khabar.pipeline import ingest
from khabar.settings import Settings
from khabar.store import open_store

__all__ = ["score_fuse"]

_FAMILIES = {  # words of a gold contradiction's field → our field names (prefixes)
    "location": ("location",),
    "launcher": ("outcome",),
    "happened": ("outcome",),
    "target": ("target",),
    "victim": ("target",),
    "cause": ("cause_", "deny_responsibility", "no_aircraft"),
    "killed": ("killed", "injured"),
    "casualt": ("killed", "injured"),
}


def _ingest(settings: Settings, files: list[Path], tmp: str) -> tuple[list[dict], list[dict], dict]:
    with open_store(settings.replace(database=str(Path(tmp) / "eval.db"))) as store:
        ingest([str(f) for f in files], store)
        events, found = store.events(), store.contradictions()
        keys = {doc_id: Path(source).name[:3] for doc_id, source in store.document_sources()}
    return events, found, keys


def _event_places(e: dict[str, Any]) -> list[str]:
    return [v["value"] for f in ("location", "origin") for v in e["fields"].get(f, [])]


def _match_event(g: dict[str, Any], events: list[dict], keys: dict[str, str], km: float,
                 used: set[str]):  # type: ignore[no-untyped-def]  # fmt: skip
    """The unused canonical event that fits a gold event, one of the gold's type first."""
    want_docs = set(g.get("docs") or [d for v in g.get("location_versions", []) for d in v["docs"]])
    places = gold_places(g)
    fits = []
    for e in events:
        docs = {keys[d] for d in e["documents"]}
        days = {v["value"] for v in e["fields"].get("date", [])}
        if e["id"] in used or (want_docs and not docs & want_docs):
            continue
        if g["date"] in days and (not places or place_ok(_event_places(e), places, km)):
            fits.append(e)
    acled = g.get("type", {}).get("acled", "")
    fits.sort(key=lambda e: not (e["acled_subtype"] and e["acled_subtype"] in acled))
    if fits:
        used.add(fits[0]["id"])
    return fits[0] if fits else None


def _chosen_checks(g: dict[str, Any], e: dict[str, Any], km: float) -> dict[str, bool]:
    chosen = {k: v["value"] for k, v in e["chosen"].items()}
    out = {"date": chosen.get("date") == g["date"]}
    places = gold_places(g)
    if places and chosen.get("location"):
        out["location"] = place_ok([chosen["location"]], places, km)
    if isinstance(g.get("time"), str) and re.match(r"\d{1,2}:\d{2}", g["time"]):
        out["time"] = str(chosen.get("time", "")).startswith(g["time"][:5])
    for key in ("killed", "injured"):
        want = (g.get("casualties") or {}).get(key)
        if isinstance(want, int):
            out[key] = chosen.get(key) == want
    return out


def _versions(g: dict[str, Any], e: dict[str, Any] | None, keys: dict[str, str], km: float):  # type: ignore[no-untyped-def]
    out = {}
    for v in g.get("location_versions", []):
        coords = gold_places({"location_versions": [v]})
        hit = False
        for value in (e or {}).get("fields", {}).get("location", []):
            docs = {keys[s["doc_id"]] for s in value["sources"]}
            if place_ok([value["value"]], coords, km) and set(v["docs"]) <= docs | {"-"}:
                hit = True
        partial = False
        for value in (e or {}).get("fields", {}).get("location", []):
            if place_ok([value["value"]], coords, km):
                partial = True
        out[v["value"][:40]] = (
            "found with all its documents"
            if hit
            else ("found, some documents missing" if partial else "missed")
        )
    return out


def _side_has(side: dict[str, Any], claim: dict[str, Any], keys: dict[str, str]) -> bool:
    want = speaker_ids(claim["speaker"])
    for s in side["sources"]:
        if keys[s["doc_id"]] not in claim["docs"]:
            continue
        got = {s.get("speaker_id") or ""}
        if got & want:
            return True
    return False


def _claims_match(k: dict[str, Any], c: dict[str, Any], claims: dict[str, dict], keys) -> bool:  # type: ignore[no-untyped-def]
    golds = [claims[x] for x in k["claims"]]
    sides = c["sides"]
    for i, a in enumerate(sides):
        for j, b in enumerate(sides):
            if i != j and _side_has(a, golds[0], keys) and _side_has(b, golds[1], keys):
                return True
    return False


def _field_match(k: dict[str, Any], c: dict[str, Any], gold_events: dict, keys) -> bool:  # type: ignore[no-untyped-def]
    families = [v for word, v in _FAMILIES.items() if word in k.get("field", "")]
    if not families or not any(c["field"].startswith(p) for f in families for p in f):
        return False
    g = gold_events[k["event"]]
    docs = set(g.get("docs") or []) | {d for v in g.get("versions", []) for d in v["docs"]} | {
        d for key in ("casualty_versions", "cause_versions", "target_versions", "location_versions")
        for v in g.get(key, []) for d in v["docs"]}  # fmt: skip
    return any(keys[s["doc_id"]] in docs for side in c["sides"] for s in side["sources"])


def _false_refinements(found: list[dict], events: list[dict]) -> list[str]:
    bad = []
    for c in found:
        if c["kind"] != "field_conflict":
            continue
        values = [side["value"] for side in c["sides"]]
        if c["field"] == "location":
            precise = [e for e in events if e["id"] == c["event_id"]]
            for e in precise:
                coarse = {v["label"] for v in e["fields"].get("location", [])
                          if v["precision"] in ("country", "province")}  # fmt: skip
                if coarse & set(values):
                    bad.append(c["id"])
    return bad


def score_fuse(
    settings: Settings, *, gold_path: str | Path | None = None, seeds: str | Path | None = None
) -> dict[str, Any]:
    """Fusion scores of the pipeline on a gold set (default: the packaged samples)."""
    gold = load_gold(gold_path)
    files = sample_paths(seeds)
    wanted = sorted(k for k in gold["documents"] if k in files)
    km = settings.place_match_km
    with tempfile.TemporaryDirectory() as tmp:
        events, found, keys = _ingest(settings, [files[k] for k in wanted], tmp)
    details: dict[str, Any] = {"events": {}, "chosen": {}, "contradictions": {}}
    matched, checks, taken = {}, [], set()
    for g in gold.get("events", []):
        e = _match_event(g, events, keys, km, taken)
        matched[g["id"]] = e
        details["events"][g["id"]] = f"found as {e['id']}" if e else "missed"
        if e and not g.get("background"):
            c = _chosen_checks(g, e, km)
            details["chosen"][g["id"]] = c
            checks += list(c.values())
    main = [g for g in gold.get("events", []) if not g.get("background")]
    versions = {g["id"]: _versions(g, matched[g["id"]], keys, km)
                for g in gold.get("events", []) if g.get("location_versions")}  # fmt: skip
    claims = {c["id"]: c for c in gold.get("claims", [])}
    gold_events = {g["id"]: g for g in gold.get("events", [])}
    counted = [c for c in found if c["kind"] != "date_problem"]
    used: set[str] = set()
    for k in gold.get("contradictions", []):
        hit = next((c for c in counted if c["id"] not in used and (
            _claims_match(k, c, claims, keys) if k.get("claims")
            else _field_match(k, c, gold_events, keys))), None)  # fmt: skip
        if hit:
            used.add(hit["id"])
        details["contradictions"][k["id"]] = (
            f"found as {hit['id']} ({hit['kind']}, languages {','.join(hit['languages'])})"
            if hit else "missed")  # fmt: skip
    n_gold = len(gold.get("contradictions", []))
    return {
        "event_recall": _ratio(sum(1 for e in matched.values() if e), len(matched)),
        "main_event_recall": _ratio(sum(1 for g in main if matched[g["id"]]), len(main)),
        "chosen_accuracy": _ratio(sum(checks), len(checks)),
        "location_versions_found": _ratio(
            sum(1 for v in versions.values() for x in v.values() if x != "missed"),
            sum(len(v) for v in versions.values())),
        "contradiction_recall": _ratio(len(used), n_gold),
        "contradiction_precision": _ratio(len(used), len(counted)),
        "false_refinements": len(_false_refinements(found, events)),
        "events_found": len(events), "contradictions_found": len(counted),
        "date_problems": sum(1 for c in found if c["kind"] == "date_problem"),
        "details": details, "location_versions": versions,
        "found": [{k: c[k] for k in ("id", "kind", "field", "event_id", "what")} for c in found],
    }  # fmt: skip


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 1.0
