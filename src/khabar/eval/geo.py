"""Gold places for evaluations: coordinates or gazetteer look-ups, and distance checks.

Input: a gold event (``location``, ``origin``, ``location_versions`` with coordinates in their
text, or a ``country``). Output: (country, coordinates or None) pairs and a check that some
extracted place id lies within a distance of one of them.
"""

from __future__ import annotations

import re
from typing import Any

from khabar.extract.places import PRECISION_RANK, distance_km, extract_places, gazetteer

__all__ = ["COORDS", "gold_places", "place_ok"]

COORDS = re.compile(r"(-?\d{1,2}\.\d+),\s*(-?\d{1,3}\.\d+)")


def gold_places(event: dict[str, Any]) -> list[tuple[str, tuple[float, float] | None]]:
    """(country, coordinates or None for a country-level place) for every place of the event."""
    out: list[tuple[str, tuple[float, float] | None]] = []
    for key in ("location", "origin"):
        value = event.get(key)
        if isinstance(value, dict) and "lat" in value:
            out.append((value.get("country", ""), (value["lat"], value["lon"])))
        elif isinstance(value, str):
            out.extend(_resolve_name(value))
    for version in event.get("location_versions", []):
        if m := COORDS.search(version["value"]):
            out.append(("", (float(m.group(1)), float(m.group(2)))))
    if not out and event.get("country"):
        out.append((event["country"], None))
    return out


def _resolve_name(text: str) -> list[tuple[str, tuple[float, float] | None]]:
    mentions = extract_places(text, guard=False)  # a gold place name is a place
    best = max(
        mentions,
        key=lambda m: PRECISION_RANK[m.place.precision],
        default=None,
    )
    if best is None:
        return []
    coords = None if best.place.precision == "country" else (best.place.lat, best.place.lon)
    return [(best.place.country, coords)]


def place_ok(
    place_ids: list[str], gold: list[tuple[str, tuple[float, float] | None]], max_km: float
) -> bool:
    places = gazetteer().places
    for pid in place_ids:
        p = places.get(pid)
        if p is None:
            continue
        for country, coords in gold:
            if coords is None and p.country == country:
                return True
            if (
                coords is not None
                and p.precision != "country"
                and distance_km((p.lat, p.lon), coords) <= max_km
            ):
                return True
    return False
