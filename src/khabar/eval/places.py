"""Score place recognition and resolution on the real-news sentence gold.

Input: ``GoldRun`` records (``khabar.eval.realgold``). Every gold LOC entity carries a place:
coordinates, ISO2 country, precision (site, town, district, province, country, region) and a
Wikidata/GeoNames id where one exists (``docs/annotation.md``). khabar's reading of a gold
place is the place mention whose span overlaps it most.

Output, per language, per gold precision and ``all``: ``places`` (gold places with
coordinates), ``recognised`` (some khabar place overlaps), ``within_km`` (over the gold places
of precision site, town or district, ``point_places``: resolved within ``km``, 25 by default,
of the gold coordinates; a country's or province's centre is no location), ``right_country``,
the same two over recognised places only (``*_when_recognised``), and ``precision``: the share
of khabar's place mentions in labelled sentences that overlap a gold LOC (the rest are words
read as places).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from khabar.eval.realgold import GoldRun, gold_sentences, run_sentence_gold
from khabar.extract.places import PlaceMention, distance_km
from khabar.settings import Settings

__all__ = ["place_scores", "score_places"]

_POINT = {"site", "town", "district"}  # gold precisions a distance is meaningful for


def _best(run: GoldRun, a: int, b: int) -> PlaceMention | None:
    cands = [p for p in run.ex.places if p.span.start < b and a < p.span.end]
    return max(cands, key=lambda p: min(b, p.span.end) - max(a, p.span.start), default=None)


def place_scores(runs: list[GoldRun], *, km: float = 25.0) -> dict[str, Any]:
    """The scores of the module docstring, keyed by language (and ``lang:precision``), ``all``."""
    rows: dict[str, list[tuple[bool, bool | None, bool]]] = defaultdict(list)
    gold_spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for run, s in gold_sentences(runs):
        for e in s.get("entities", []):
            if e.get("label") != "LOC" or s["part"] != "body":
                continue
            a, b = s["start"] + e["start"], s["start"] + e["end"]
            gold_spans[id(run)].append((a, b))
            place = e.get("place") or {}
            if place.get("lat") is None or place.get("lon") is None:
                continue
            got = _best(run, a, b)
            near = bool(got) and distance_km((got.place.lat, got.place.lon),
                                             (place["lat"], place["lon"])) <= km  # fmt: skip
            country = bool(got) and got.place.country == place.get("country")
            point = place.get("precision") in _POINT
            row = (got is not None, near if point else None, country)
            rows[run.lang].append(row)
            rows[f"{run.lang}:{place.get('precision')}"].append(row)
    in_gold = wrong = 0
    for run in runs:
        for p in run.ex.places:
            s = run.sentence_at(p.span.start)
            if s is None or s["part"] != "body":  # places are scored on body sentences
                continue
            if any(p.span.start < b and a < p.span.end for a, b in gold_spans[id(run)]):
                in_gold += 1
            else:
                wrong += 1
    out = {k: _scores(v) for k, v in sorted(rows.items())}
    out["all"] = _scores([r for k, v in rows.items() if ":" not in k for r in v])
    out["all"]["precision"] = round(in_gold / (in_gold + wrong), 4) if in_gold + wrong else None
    out["all"]["false_places"] = wrong
    return out


def _scores(rows: list[tuple[bool, bool | None, bool]]) -> dict[str, Any]:
    n = len(rows)
    found = [r for r in rows if r[0]]
    point = [r[1] for r in rows if r[1] is not None]
    point_found = [r[1] for r in found if r[1] is not None]

    def ratio(xs: list[bool], d: int) -> float | None:
        return round(sum(xs) / d, 4) if d else None

    return {
        "places": n,
        "recognised": ratio([r[0] for r in rows], n),
        "point_places": len(point),
        "within_km": ratio(point, len(point)),
        "right_country": ratio([r[2] for r in rows], n),
        "within_km_when_recognised": ratio(point_found, len(point_found)),
        "right_country_when_recognised": ratio([r[2] for r in found], len(found)),
    }


def score_places(settings: Settings, gold_path: str | Path, *, km: float = 25.0) -> dict[str, Any]:
    """Place scores of khabar on the sentence gold at ``gold_path``."""
    return place_scores(run_sentence_gold(settings, gold_path), km=km)
