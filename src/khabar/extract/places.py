"""Places: gazetteer look-up of place names, resolved with the article's context.

Input: original text. Output: ``PlaceMention`` objects (span, text as written, gazetteer id,
name, coordinates, precision site/town/province/country, the relative phrase if any, e.g.
"north-west of" Mosul, and the other readings that context ruled out).

The gazetteer is data: the curated ``resources/gazetteer/countries.tsv``, ``admin1.tsv``
(first-level divisions) and ``sites.tsv`` (bases, camps, oil fields, crossings, small towns
that recur in conflict news), and the world gazetteer ``world.tsv`` built by
``training/resources/build_gazetteer.py`` (every country; GeoNames cities of 15,000+ with their
Arabic, Persian and Latin names; cities and districts of the region's countries from
countries-states-cities; Iraq's and Iran's divisions), each row with its source. Names are
matched on normalised text, with Arabic proclitics (و ب ل ف) peeled off. A one-word name of a
small town, of a foreign town under a million, or of a town of 100,000+ that is also a frequent
word of the news (``resources/wordfreq``) counts only after a cue ("بلدة", "city of") or where the
entity recogniser calls it a place (``recognised``); another frequent word only after a cue
or, in Arabic script, where the recogniser calls that very span a place (القطيف); a stop word
(``gazetteer/stopwords.tsv``) or the name of a known actor (الجزيرة the channel) only after a
cue. A name that fits several places (ذمار: Zummar in Iraq, Dhamar in Yemen) takes the one
whose country its paragraph is about: the countries named in it and the countries of its
unambiguous places; then a solid reading (a curated row, a country or province, a town of
100,000+) over a small town elsewhere; a capital of 100,000+ or a city of a million over a
small town unless a word of kind precedes the name (Paris, not Paris, Texas; مديرية القاهرة
stays a Yemeni district). ``with_document_context`` then reads the names a paragraph
left to the surest reading by the whole document's countries. In Arabic text, a name the
recogniser calls a place that the gazetteer lacks as written is read as a country, province,
curated row or city of 100,000+ written one long vowel or one letter for g apart, or as a
country with an article it is not written with (``variant_spellings``: شنغهاي, هامبورج,
البيرو); "المملكة" as the one Arab kingdom the document's places lie in (``the_kingdom``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from khabar.extract.lexicon import (
    AliasHit,
    AliasIndex,
    alias_key,
    find_aliases,
    peeled_keys,
    proclitic_length,
    variants,
)
from khabar.model import Span
from khabar.normalize import PERSIAN_LETTERS, normalize, normalize_with_offsets
from khabar.resources import data_files, derived, read_csv, word_counts

if TYPE_CHECKING:
    from khabar.extract.actors import WorldActor

__all__ = [
    "PRECISION_RANK",
    "Place",
    "PlaceMention",
    "distance_km",
    "extract_places",
    "gazetteer",
    "capital_phrases",
    "located_sites",
    "names_organisation",
    "organisation_reading",
    "us_state_qualifiers",
    "lower_demonyms",
    "nationality_country",
    "nationality_people",
    "nationality_word",
    "place_cued",
    "the_kingdom",
    "unsupported",
    "variant_spellings",
    "with_document_context",
]

PRECISION_RANK = {"country": 0, "province": 1, "district": 2, "town": 3, "site": 4}
_ARTICLE_RATIO = 5  # اليمن 3,867 times in Saudi news, يمن 216: the bare form is a word
_NAME_WORD_PER_MILLION = 10  # rarer in Arabic news, a word may go on a name (_name_goes_on)
# every word of a name of several words this frequent in Arabic news: the words of a phrase
# ("هي في", "she is in", is Hefei's Arabic name), which need a cue or the recogniser
_FUNCTION_WORD_PER_MILLION = 500
_FREQUENT_PER_MILLION = 50  # a one-word name this frequent in a language's news is also a word
_BIG = 1_000_000  # cities this big keep their one-word names
# a country after a conjunction: its bare name need only be more frequent than the joined form
# (a town's, three times: lexicon.proclitic_length); a list's last item is often a country
_COUNTRY_SPLIT_RATIO = 1.0
_NOT_PLACES = {"media", "agency", "monitor", "armed_group", "international_org"}  # actor kinds
_SITE_PRECISION = {"town": "town"}  # other site kinds (base, oil_field...) are "site"
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_WORD_AT = re.compile(r"\w+")
_MAX_WORDS = 5
_WEAK_POPULATION = 100_000
# words of kind before a place's name: Arabic (normalised; a proclitic may be glued to them:
# بمحافظة القطيف), Persian and English (bare: Arabic شهر is "month", بخش a Persian verb too)
_KINDS_AR = r"مدينه|بلده|قريه|ناحيه|مديريه|قضاء|محافظه|منطقه|لواء"
_KINDS_OTHER = r"استان|شهر|شهرستان|روستاي|بخش|town of|city of|village of|town|city|village"
_CUE = re.compile(rf"(?<!\w)(?:[وف]?[بل]?(?:{_KINDS_AR})|(?:{_KINDS_OTHER}))\s+$")
# Persian words of kind before a country's name (normalised: كشور مالي, جمهوري مالي)
_COUNTRY_CUE_FA = re.compile(r"(?<!\w)(?:كشور|جمهوري)\s+$")
# words of kind that name a town: "مدينة زنجبار" may be a town named زنجبار elsewhere
_TOWN_FIRST = re.compile(r"^(?:مدينه|بلده|قريه|شهر|town of|city of|village of) ")
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
    precision: str  # country, province, district, town, site (PRECISION_RANK)
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
    weak: frozenset[str]  # small towns' one-word names: need "مدينة", "بلدة"... or the recogniser
    common: frozenset[str]  # stop words and actors' names: need "مدينة", "بلدة"...
    curated: frozenset[str]  # ids of the hand-curated rows (countries, admin1, sites)
    # the same two for Persian text: frequent words by Persian (and English) news only, so a
    # name frequent in Arabic news (نيويورك) is no word in a Persian report
    weak_fa: frozenset[str] = frozenset()
    common_fa: frozenset[str] = frozenset()
    # Persian names of Arabic-article places (یمن, عراق, اردن for اليمن, العراق, الأردن) that
    # Arabic news writes with the article _ARTICLE_RATIO times more often than without: in
    # Arabic text the bare form is another word (يمن "bestows") unless a word of kind precedes
    bare_fa: frozenset[str] = frozenset()
    nisba: dict[str, str] = field(default_factory=dict)  # nationality adjective stem → ISO2
    capitals: dict[str, str] = field(default_factory=dict)  # ISO2 → the capital's place id
    # per language (ar, fa): the nisba stems of the names that language's press calls each
    # country by (gazetteer/country_names.tsv), so a Persian word is never read by an Arabic
    # name's adjective (مجری "executor" by المجر, کندی "slow" by كندا); under "names:ar" and
    # "names:fa" those names themselves (``_press_stems``)
    nisba_lang: dict[str, dict[str, str]] = field(default_factory=dict)
    # names of small places that are also frequent words of the news (لحج "for the Hajj",
    # القطيف): a cue, or the recogniser calling this very span a place
    frequent: frozenset[str] = frozenset()
    frequent_fa: frozenset[str] = frozenset()
    capital_ids: frozenset[str] = frozenset()  # the place ids of ``capitals``
    # US places: place id → the USPS code of its state (GeoNames' admin1), and code → the state
    us_state_of: dict[str, str] = field(default_factory=dict)
    us_states: dict[str, str] = field(default_factory=dict)


def _add(index: dict[str, list[str]], alias: str, place_id: str) -> None:
    """Index ``alias``; a two-word Arabic-script name also without its space, as Persian writes
    it with a ZWNJ (deleted by normalisation) or joined: بندر عباس = بندر‌عباس = بندرعباس."""
    key = alias_key(alias)
    keys = [key]
    if key.count(" ") == 1 and _ARABIC.search(key):
        keys.append(key.replace(" ", ""))
    short = len(alias) == 2 and alias.isascii() and alias.isupper()  # US, UK: as capitals only
    for k in keys:
        if (len(k) >= 3 or short) and place_id not in index.setdefault(k, []):
            index[k].append(place_id)


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    """The world gazetteer with its alias index (built once, and kept between processes by
    ``resources.derived``: about 2.3 s to build, 0.25 s to read back)."""
    return derived("gazetteer", _build_gazetteer, data_files())


def _build_gazetteer() -> _Gazetteer:
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
    us_state_of: dict[str, str] = {}
    region = _load_world(places, index, us_state_of)
    _add_country_names(places, index)
    for r in read_csv("gazetteer/sites.tsv"):
        precision = _SITE_PRECISION.get(r["kind"], "site")
        places[r["id"]] = Place(r["id"], r["name"], r["kind"], precision, r["country"],
                                float(r["lat"]), float(r["lon"]), source=r["source"])  # fmt: skip
        for alias in r["aliases"].split("|"):
            _add(index, alias, r["id"])
    curated = frozenset(r["id"] for name in ("countries", "admin1", "sites")
                        for r in read_csv(f"gazetteer/{name}.tsv"))  # fmt: skip
    weak, frequent, common = _guarded_names(places, index, region, curated, ("ar", "fa", "en"))
    weak_fa, frequent_fa, common_fa = _guarded_names(places, index, region, curated, ("fa", "en"))
    ar_counts = word_counts("ar")
    bare_fa = frozenset(k for k, ids in index.items() if not k.startswith("ال")
                        and set(ids) & set(index.get("ال" + k, ()))
                        and ar_counts.get("ال" + k, 0) >= _ARTICLE_RATIO * max(
                            ar_counts.get(k, 0), 1))  # fmt: skip
    capitals = {r["country"]: r["place_id"] for r in read_csv("gazetteer/capitals.tsv")
                if r["place_id"] in places}  # fmt: skip
    return _Gazetteer(places, AliasIndex({k: tuple(v) for k, v in index.items()}), weak, common,
                      curated, weak_fa, common_fa, bare_fa,
                      _country_stems(places, index), capitals, _press_stems(),
                      frequent=frequent, frequent_fa=frequent_fa,
                      capital_ids=frozenset(capitals.values()), us_state_of=us_state_of,
                      us_states={c: i for i, c in us_state_of.items()
                                 if places[i].kind == "admin1"})  # fmt: skip


def _load_world(places: dict[str, Place], index: dict[str, list[str]],
                us_state_of: dict[str, str]) -> set[str]:  # fmt: skip
    """Add ``world.tsv`` to the gazetteer (a country's row to its curated one), and the state
    of each US place to ``us_state_of``; return the countries of the region (those with
    regional sources). A town's alias that is also a country's name (آمریکا for Ameria, Iraq:
    a translation slip) is left out, but for a capital's name that another country bears
    (عمان, Amman and Oman: the paragraph's or document's countries decide, the country
    without them)."""
    region = {r["id"] for r in read_csv("gazetteer/countries.tsv")}
    rows = read_csv("gazetteer/world.tsv")
    own_names: dict[str, set[str]] = {}  # each country's names, curated and world
    for k, ids in index.items():
        for i in ids:
            if places[i].kind == "country":
                own_names.setdefault(places[i].country, set()).add(k)
    for r in rows:
        if r["kind"] == "country":
            own_names.setdefault(r["country"], set()).update(
                alias_key(a) for a in r["aliases"].split("|"))
    countries = set().union(*own_names.values())
    capitals = {r["place_id"] for r in read_csv("gazetteer/capitals.tsv")}
    for r in rows:
        if not r["id"].startswith(("GN-", "C-")):
            region.add(r["country"])  # countries-states-cities, Iraq and Iran files
        if not r["lat"]:
            continue
        pid = r["country"] if r["kind"] == "country" else r["id"]
        if pid not in places:
            places[pid] = Place(pid, r["name"], r["kind"], r["precision"],
                                r["country"], float(r["lat"]), float(r["lon"]),
                                int(r["population"] or 0), r["source"])  # fmt: skip
        if r["country"] == "US" and r["admin1"]:
            us_state_of[pid] = r["admin1"]
        for alias in r["aliases"].split("|"):
            key = alias_key(alias)
            # a capital keeps a name it shares with another country (عمان: Amman and Oman)
            if r["kind"] == "country" or key not in countries or (
                    pid in capitals and key not in own_names.get(r["country"], ())):  # fmt: skip
                _add(index, alias, pid)
    return region


def _add_country_names(places: dict[str, Place], index: dict[str, list[str]]) -> None:
    """Add the common press names of each country in Arabic, Persian and English
    (``gazetteer/country_names.tsv``: بريطانيا, انگلیس, هلند, Britain, UK, Burma, where the
    open sources give only the formal name). Such a name names that country and no other: a
    translation slip of the open sources (کره شمالی under South Korea) is dropped; towns keep
    the names they have."""
    for r in read_csv("gazetteer/country_names.tsv"):
        if r["iso2"] not in places:
            continue
        for alias in (a for lang in ("ar", "fa", "en") for a in r[lang].split("|") if a.strip()):
            key = alias_key(alias)
            for i in [i for i in index.get(key, []) if i != r["iso2"]
                      and places[i].kind == "country"]:  # fmt: skip
                index[key].remove(i)
            _add(index, alias, r["iso2"])


def _guarded_names(
    places: dict[str, Place], index: dict[str, list[str]], region: set[str],
    curated: frozenset[str], langs: tuple[str, ...],
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(weak, frequent, common): names that need a cue or the recogniser (small towns, foreign
    towns under a million, towns of 100,000+ whose name is also a frequent word in the news of
    ``langs``, Arabic-script names of provinces GeoNames alone gives: the US states; and, for
    Arabic text, the names only Iran's admin data gives, which are Persian); other
    frequent words, which need a cue or, in Arabic script, the recogniser calling that very
    span a place (القطيف, frequent in Saudi news because it is a town; لحج, "for the Hajj"
    too), and, in Arabic text, names of several words each ``_FUNCTION_WORD_PER_MILLION`` in
    Arabic news (هي في); and names that need a cue (``stopwords.tsv``, the actor dictionary's
    names)."""
    def small(p: Place) -> bool:  # the curated rows are there because they recur in the news
        limit = _WEAK_POPULATION if p.country in region else _BIG
        return p.id not in curated and p.precision in ("town", "district") and p.population < limit

    from khabar.extract.actors import actor_dictionary

    d = actor_dictionary()
    named = {k for k, ids in d.index.items()  # "الجزيرة" the channel; not طهران the government
             if any(d.actors[i].kind in _NOT_PLACES for i in ids)}  # fmt: skip
    # countries with divisions of curated or regional sources (not GeoNames alone)
    local = {p.country for p in places.values()
             if p.kind != "country" and not p.id.startswith("GN-")}  # fmt: skip
    weak, words = set(), set()
    common = {alias_key(r["word"]) for r in read_csv("gazetteer/stopwords.tsv")}
    for k, ids in index.items():
        cands = [places[i] for i in ids]
        if any(p.precision == "country" for p in cands):
            continue
        if _ARABIC.search(k) and all(p.precision == "province" and p.country not in local
                                     for p in cands):  # fmt: skip
            weak.add(k)  # a US state's Arabic-script name: تنسي is also "you forget"
            continue
        if "ar" in langs and all(p.id.startswith("IRA-") for p in cands):
            weak.add(k)  # Iran's admin data writes Persian names: in Arabic text "سوق مركزي"
            continue  # is a central market, not Markazi province; فارس a name, not Fars
        if any(p.precision == "province" for p in cands):
            continue
        if k in named:  # "الجزيرة" the channel, not Algiers: the place needs a cue
            common.add(k)
        elif " " in k:
            if "ar" in langs and _ARABIC.search(k) and all(
                    _frequent_word(w, ("ar",), _FUNCTION_WORD_PER_MILLION) for w in k.split(" ")):
                words.add(k)  # "هي في" (Hefei) is "she is in", "ولي محمد" a crown prince's
            continue
        elif _frequent_word(k, langs):
            big = any(p.population >= _WEAK_POPULATION or p.id in curated for p in cands)
            (weak if big else words).add(k)
        elif all(small(p) for p in cands):
            weak.add(k)
    return frozenset(weak), frozenset(words - common), frozenset(common & index.keys())


def _find(  # type: ignore[no-untyped-def]
    norm: str, original: str, to_original, recognised: list[Span], guard: bool, persian: bool,
    deferred: list[AliasHit] | None = None,
) -> list[AliasHit]:
    """The gazetteer's names in ``norm`` that ``_accept`` takes; the small towns' names it
    turns down for want of a cue or the recogniser alone go to ``deferred`` (``_supported``)."""
    g = gazetteer()

    def accept(h: AliasHit) -> bool:
        if _accept(h, norm, original, to_original, recognised, guard, persian):
            return True
        if deferred is not None and guard and _deferrable(h, persian) and _accept(
                h, norm, original, to_original, recognised, False, persian):  # fmt: skip
            deferred.append(h)
        return False

    return find_aliases(norm, g.index, max_words=_MAX_WORDS, accept=accept)


_SUPPORT_KM = 100  # a county this near another place the paragraph names is one


def _deferrable(h: AliasHit, persian: bool) -> bool:
    """In Persian text, the one-word name of one of Iran's counties (the regional admin data,
    ``IRA-county``) turned down only as a small town's (``weak``): not a frequent word of the
    news of any language, nor a stop word or an actor's name. Persian news names counties bare
    ("در قزوین، البرز، آبیک و تاکستان"), where a word of kind would be needed elsewhere."""
    g = gazetteer()
    key = h.key
    if not persian or key not in g.weak_fa or key in g.common_fa or " " in key \
            or not any(i.startswith("IRA-county") for i in h.ids):  # fmt: skip
        return False
    return not _frequent_word(key, ("ar", "fa", "en"))


def _frequent_word(key: str, langs: tuple[str, ...],
                   per_million: float = _FREQUENT_PER_MILLION) -> bool:  # fmt: skip
    """Whether ``key`` is written ``per_million`` times a million words or more in the news of
    one of ``langs`` (``resources/wordfreq``): a word of the language, whatever place it also
    names."""
    return any(word_counts(lang).get(key, 0) >= per_million * _million_words(lang)
               for lang in langs)  # fmt: skip


@lru_cache(maxsize=8)
def _million_words(lang: str) -> float:
    """Millions of words counted in ``lang``'s word counts."""
    return sum(word_counts(lang).values()) / 1e6


def _supported(  # type: ignore[no-untyped-def]
    deferred: list[AliasHit], taken: list[AliasHit], found: list[PlaceMention], to_original,
    text: str,
) -> list[PlaceMention]:
    """The counties of ``deferred`` (``_deferrable``: named with no cue and not by the
    recogniser) that another place of the paragraph supports: a reading within
    ``_SUPPORT_KM`` of a town, site, district or province ``found`` ("در قزوین، البرز، آبیک و
    تاکستان": Takestan, 30 km from Abyek), the nearest such reading. A name overlapping a
    place found is none. The issue's rule: a gazetteer hit the recogniser does not call a place
    needs strong support; alone, such names are as often words (انار "pomegranate", سراب
    "mirage", بافت "texture")."""
    g = gazetteer()
    anchors = [p.place for p in found if p.place.precision != "country"]
    out: list[PlaceMention] = []
    spans = [(m.start, m.end) for m in taken]
    for h in deferred:
        if not anchors or any(a < h.end and h.start < b for a, b in spans):
            continue
        near = [(distance_km((c.lat, c.lon), (a.lat, a.lon)), c.id, c, a)
                for c in (g.places[i] for i in h.ids) for a in anchors]  # fmt: skip
        km, _, best, anchor = min(near, key=lambda x: (x[0], x[1]))
        if km > _SUPPORT_KM:
            continue
        spans.append((h.start, h.end))
        start, end = to_original(h.start, h.end)
        others = [i for i in h.ids if i != best.id]
        why = f"near {anchor.name} ({km:.0f} km), named in the paragraph"
        out.append(PlaceMention(Span(start, end), text[start:end], best, None, others, why))
    return out


def _accept(  # type: ignore[no-untyped-def]
    m: AliasHit, norm: str, original: str, to_original, recognised: list[Span], guard: bool,
    persian: bool,
) -> bool:
    """Latin-script names must be capitalised as written ("Hit" the town, not "rockets hit"; a
    two-letter name in capitals: "US", not "us"; not before "$": US$30); the one-word name of a
    small town needs a cue before it ("بلدة عنه", "بمحافظة القطيف", not "عنه") or the entity
    recogniser calling it a place (the very span, or a longer Arabic-script place it follows the
    first word of: مطار عدن); a name that is also a frequent word needs the cue or that very
    span; a stop word or an actor's name, the cue."""
    key = m.key  # the alias (للجزيرة matches الجزيرة)
    g = gazetteer()
    weak, frequent, common = ((g.weak_fa, g.frequent_fa, g.common_fa) if persian
                              else (g.weak, g.frequent, g.common))  # fmt: skip
    if guard and not persian and key in g.bare_fa and not _cued(norm, m.start):
        return False  # يمن is no اليمن in Arabic text (but "مدينة جبيل" is Byblos)
    if guard and persian and _persian_adjective(m, g) and not _cued(norm, m.start) \
            and not _COUNTRY_CUE_FA.search(norm[max(0, m.start - _CUE_REACH) : m.start]):
        start, end = to_original(m.start, m.end)
        if not any(r.start <= start and end <= r.end for r in recognised):
            return False  # "مالی" financial, not Mali; "بانک مرکزی" central, not Markazi
    peeled = 0
    while m.start - peeled > 0 and norm[m.start - peeled - 1].isalpha():
        peeled += 1
    if peeled:  # a proclitic was peeled off: real news must write the rest as a word of its
        word = _WORD_AT.match(norm, m.start - peeled)  # own (بغداد in وبغداد, not ايدن in بايدن)
        # more often than the whole (وتشاد: تشاد 131 times, وتشاد 52 in Saudi news); so must a
        # name the recogniser called a place after cutting the proclitic off on that evidence
        # (ولحج: لحج 575 times, ولحج 192; والضالع: 234 and 81, in lists of provinces)
        # (a conjunction only: the recogniser's tokens also cut a leading ب by itself, بريم
        # → ريم, which is no evidence that ب is a proclitic there)
        weaker = any(g.places[i].precision == "country" for i in m.ids) or (
            norm[m.start - peeled] in "وف" and _called(m, to_original, recognised))
        if word is None or (proclitic_length(word.group(), _COUNTRY_SPLIT_RATIO) if weaker
                            else proclitic_length(word.group())) < peeled:  # fmt: skip
            return False
    if guard and (key in weak or key in frequent or key in common) and not (
            _cued(norm, m.start) or (not _ARABIC.search(key) and _us_state_follows(
                original, to_original(m.start, m.end)[1]))):  # "Washington, D.C.", "Portland, Ore."
        start, end = to_original(m.start, m.end)
        # the recogniser must call this very name a place: "Ain" inside "Ain Zara" is not Ain
        exact = _called(m, to_original, recognised)
        # ... or, in Arabic script, sit inside a longer place after its first word, the word of
        # kind (مطار عدن, مدينة أبها): the name, not the kind (مدينة is no Madinah); weak names
        # only. A word of kind stands in the construct state, without the article: after a
        # definite word a name with the article agrees with it as its adjective (البيت الأبيض,
        # the White House, not El Obeid); one without it is in apposition (العاصمة عدن)
        tail = (bool(_ARABIC.search(key))
                and not (key.startswith("ال") and _after_definite(norm, m.start))
                and any(r.start < start and end <= r.end for r in recognised))  # fmt: skip
        # a frequent word: that very span, in Arabic script only ("Asia" is a town too)
        exact = exact and (key not in frequent or bool(_ARABIC.search(key)))
        ok = key not in common and (exact or (tail and key in weak))
        if not ok:
            return False
    if _ARABIC.search(key):
        if guard and not persian and _name_goes_on(m, g, original, to_original, recognised):
            return False
        return not _head_before(norm, m.start - peeled) or any(
            g.places[i].precision in ("country", "province") for i in m.ids)
    start, end = to_original(m.start, m.end)
    if original[end : end + 2].lstrip()[:1] == "$":  # US$30,000, US $300: a currency
        return False
    if len(key) == 2:  # "US", "UK" in capitals, never "us", nor in a shouted line ("CONTACT US")
        near = re.findall(r"[A-Za-z]+", original[max(0, start - 20) : start])[-1:]
        return original[start:end].isupper() and not (near and near[0].isupper())
    head = original[start : start + 4]
    if head[:3].lower() in ("al-", "el-", "ad-", "as-", "ar-"):
        return head[3:4].isupper()  # "al-Qaim", "el-Arish": the article is lower case
    return original[start : start + 1].isupper() and not _name_before(original, start) \
        and not _PARTICLE_BEFORE.search(original[max(0, start - 40) : start])


# a capitalised word and a lower-case particle of Romance and Germanic names right before a
# name: the name ends a longer one the gazetteer lacks ("Davao del Sur", a Philippine
# province, was Sur, that is Tyre; "Ciudad de Mexico"); grammar, a closed list
_PARTICLE_BEFORE = re.compile(r"(?:^|[\s(])[A-Z][\w'-]*\s+(?:del|de|di|da|dos|das|des|du|"
                              r"della|von|van|der|den|la|le|el)\s+$")  # not "do": "So do Egypt"


# Arabic generic words that head a compound place name (خان بني سعد, تل أبيض, عين عيسى, دير
# حافر, كفر نبل, بيت حانون, رأس العين, بئر العبد; قناة السويس, the Suez Canal, as قناة
# الجزيرة, a channel): a name of the gazetteer right after one is part of another name, which
# the gazetteer lacks ("خان بني سعد", Khan Bani Saad in Iraq, was Bani Sa'd in Yemen; a strike
# in Sinai "تزامنا مع بدء افتتاح قناة السويس" was placed in Suez). Arabic toponymy, a closed
# list, normalised.
_AR_NAME_HEADS = frozenset(normalize(w) for w in ("خان", "تل", "عين", "دير", "كفر", "بيت", "رأس",
                                                  "بئر", "قناة"))  # fmt: skip
_WORD_BEFORE = re.compile(r"(\w+)\s+$")


def _head_before(norm: str, start: int) -> bool:
    """Whether an Arabic head of a compound place name (``_AR_NAME_HEADS``) is the word right
    before ``start`` of the normalised ``norm``."""
    m = _WORD_BEFORE.search(norm[max(0, start - 12) : start])
    return m is not None and (m.group(1) in _AR_NAME_HEADS or (
        m.group(1)[:1] in "وبلف" and m.group(1)[1:] in _AR_NAME_HEADS))  # وخان, بخان


_CAPITAL_BEFORE = re.compile(r"(?:^|(?<=[\s(]))([A-Z][a-z]+) $")
_RARE_NAME = 3  # times English news writes a word in lower case: fewer, a capitalised one is a name


def _name_before(original: str, start: int) -> bool:
    """Whether a capitalised word that English news hardly writes in lower case (fewer than
    ``_RARE_NAME`` times in ``resources/wordfreq/en.tsv``) and that names no place stands right
    before ``start``: the place's name is then part of a person's or a thing's ("Sudesh Amman",
    "Islamic Jihad leader Ribhi Amara", "Biman Bangladesh Airlines", "Dalniy Vostok"; on 6,000
    Current Events items, the 9 readings it drops were all such)."""
    m = _CAPITAL_BEFORE.search(original[max(0, start - 30) : start])
    if m is None:
        return False
    word = m.group(1)
    return word_counts("en").get(word.lower(), 0) < _RARE_NAME and \
        alias_key(word) not in gazetteer().index  # fmt: skip


def _persian_adjective(m: AliasHit, g: _Gazetteer) -> bool:
    """Whether a Persian hit is a country's or province's one-word name that ends in ی (the
    adjectival suffix of Persian grammar, written ي once normalised) and that Persian news
    writes as a word (``_FREQUENT_PER_MILLION``): مالی is "financial" (63 of 63 in 500 Fars
    articles), مرکزی "central"; such a name needs a cue (کشور, استان) or the recogniser."""
    return (" " not in m.key and m.key.endswith("ي")
            and all(g.places[i].precision in ("country", "province") for i in m.ids)
            and _frequent_word(m.key, ("fa",)))  # fmt: skip


def _name_goes_on(m: AliasHit, g: _Gazetteer, original: str,  # type: ignore[no-untyped-def]
                  to_original, recognised: list[Span]) -> bool:
    """Whether, in Arabic, the recogniser's place holding a town's name goes on past it with a
    rare word, the rest of a longer name: "منطقة عين زارة" is Ain Zara (a district of Tripoli),
    not a town Ain, even after a word of kind; "سياتل سيهوكس" the Seahawks. After a name
    without the article that is also a common noun (``frequent``: سوق, عين, قصر), a word with
    the article goes on it too, as its complement (منطقة سوق الحوت, a quarter of Benghazi).
    Never for a country, a capital, a city of ``_BIG`` or a curated place (مطار بيروت رفيق
    الحريري الدولي is Beirut's), nor where the next word has the article after another name
    (an adjective: مطار عدن الدولي, مدينة القطيف الشرقية), starts with و, is under three
    letters (a number, a clitic the recogniser's tokens cut off: لل of للعام), a place of its
    own, or a word of the news (``_NAME_WORD_PER_MILLION``: شمال, إبان, which the recogniser's
    span may run over). What it loses: a small town before a rare word the recogniser's span
    ran over (an adverb, a verb: "مطار X عنوةً")."""
    if any(g.places[i].precision == "country" or i in g.capital_ids or i in g.curated
           or g.places[i].population >= _BIG for i in m.ids):  # fmt: skip
        return False
    start, end = to_original(m.start, m.end)
    for r in recognised:
        if r.start <= start and end < r.end:
            nxt = _WORD_AT.search(original, end, r.end)
            word = normalize(nxt.group()) if nxt is not None else ""
            if (len(word) < 3 or not _ARABIC.search(word) or word.startswith("و")
                    or any(k in g.index for k in peeled_keys(word))):  # fmt: skip
                return False
            if word.startswith("ال"):  # a complement of a common noun, else an adjective
                return m.key in g.frequent and not m.key.startswith("ال")
            return word_counts("ar").get(word, 0) < _NAME_WORD_PER_MILLION * _million_words("ar")
    return False


def _called(m: AliasHit, to_original, recognised: list[Span]) -> bool:  # type: ignore[no-untyped-def]
    """Whether the recogniser called this very name (``recognised`` spans, within two
    characters at either end) a place."""
    start, end = to_original(m.start, m.end)
    return any(abs(r.start - start) + abs(r.end - end) <= 2 for r in recognised)


_CUE_REACH = 25  # characters before a name looked at for its word of kind


def _cued(norm: str, start: int | None = None) -> bool:
    """Whether a word of kind (``_CUE``: بلدة, محافظة, city of...) ends right before ``start``
    of the normalised ``norm`` (its end when ``start`` is None)."""
    start = len(norm) if start is None else start
    return bool(_CUE.search(norm[max(0, start - _CUE_REACH) : start]))


def place_cued(text: str, start: int) -> bool:
    """Whether a word of kind (``_CUE``: استان, محافظة, province of...) ends right before
    ``start`` of ``text``: "اداره کل ... استان گیلان" names the province inside an office's
    name."""
    return _cued(normalize(text[max(0, start - _CUE_REACH) : start]))


# prepositions of place before a name, normalised (closed lists of each language's grammar):
# "في دياربكر", "قرب مدينة", "در کابل", "near Kabul"
_LOCATIVE = re.compile(
    r"(?<!\w)(?:[وف]?(?:في|علي|قرب|عند|داخل|خارج|وسط|حول|ضد|باتجاه|بالقرب من|انحاء|ضواحي|ريف)"
    r"|در|نزديك|نزديكي|اطراف|حومه"
    r"|in|at|near|outside|inside|on|across|around|into)(?:\s+the)?\s+$"
    # more words of kind, with their article and proclitics: "بالعاصمة أنقرة", "ولاية هكاري",
    # "ولایت هرات", "پایتخت", "the capital, Kabul"
    r"|(?<!\w)[وف]?[بل]?(?:ال)?(?:عاصمه|ولايه|ولايت|اقليم|مديريه|حي|مخيم|پايتخت|capital)\s+$"
)
# proclitic ب on the name (بدياربكر); not ل, which is as often "for" ("الموالية لأنقرة"), nor
# "from", "to", "of" (من, إلى, از, به: "المدعوم من أنقرة", "the ambassador to", "the
# government of"): a place is named as where something is, not whose or whence
_GLUED = frozenset({"ب", "وب", "فب"})
_OPENING = "«»\"'(,،"  # quotation marks, a bracket or a comma between the cue and the name


def placed(before: str) -> bool:
    """Whether a place named right after ``before`` (the text before it) is named as where
    something is: a preposition of place (``_LOCATIVE``; in English "the" may follow it) or a
    word of kind (``_cued``) ends right before it, a quotation mark, bracket or comma between
    them or not ("في «كركوك»", "in the capital, Kabul"), or a proclitic ب is glued to it
    (بدياربكر). Not a capital named as its government, the subject of a verb ("نسبته أنقرة إلى
    التنظيم", "Ankara says"), whose or whence ("الموالية لأنقرة", "المدعوم من أنقرة"), nor a
    bare name in a list."""
    norm = normalize(before[-_CUE_REACH:])
    if norm and not norm[-1].isspace() and norm[-1] not in _OPENING:
        head = norm.split()[-1] if norm.split() else ""
        return head in _GLUED
    norm = norm.rstrip().rstrip(_OPENING).rstrip() + " "
    return bool(_LOCATIVE.search(norm)) or _cued(norm)


_LAST_WORD = re.compile(r"(\w+)\W*$")


# what joins a site to the place it is in: a preposition of containment or nearness, or a
# proclitic ب ("قاعدة العند الجوية في محافظة لحج", "مسجد قوات الطوارئ بمنطقة عسير", "the US
# consulate in Istanbul"), normalised; not على, ضد, عند (an attack "on" a place), nor a comma
# (a list). Arabic, Persian and English grammar, closed
_SITE_AT = re.compile(r"\s+(?:(?:[وف]?(?:في|قرب|داخل|بالقرب من)|در|نزديك|in|at|near|outside"
                      r"|inside)(?:\s+the)?\s+|ب|وب)")


def located_sites(text: str, recognised: Sequence[Span], places: list[PlaceMention],
                  read: Sequence[PlaceMention] = ()) -> list[PlaceMention]:  # fmt: skip
    """``places`` of ``text`` and a mention of each place the recogniser found (``recognised``:
    LOC spans) that no gazetteer reading overlaps (``places``, and ``read``: the readings the
    document's rules left out, a place inside an actor's name) but that the town, district or
    province right after it locates: a base, a mosque, a camp, a consulate, a village the
    gazetteer lacks ("قاعدة العند الجوية في محافظة لحج", "مسجد قوات الطوارئ بمنطقة عسير", "the US
    consulate in Istanbul"; ``_SITE_AT``). The site takes that place, as ACLED codes a site at
    the location of its town, with the town's geo-precision; ``reason`` says so. A country
    locates no site: the site would stand for the country, a party of the event ("attacked
    Nangarhar Province in Afghanistan"). In text order."""
    out = list(places)
    for span in recognised:
        if any(p.span.overlaps(span) for p in (*places, *read)):
            continue
        after = min((p for p in places if p.span.start >= span.end),
                    key=lambda p: p.span.start, default=None)  # fmt: skip
        if (after is None or after.place.precision == "country"
                or not _SITE_AT.fullmatch(normalize(text[span.end : after.span.start]))):
            continue  # fmt: skip
        out.append(PlaceMention(span=span, text=text[span.start : span.end], place=after.place,
                                reason=f"a site located by {after.text!r} after it"))  # fmt: skip
    return sorted(out, key=lambda p: (p.span.start, p.span.end))


_OWN_NAME_RATIO = 0.8  # an alias this close to the place's own name is a spelling of it


def names_organisation(m: PlaceMention) -> bool:
    """Whether the text ``m`` was read from is the name, of two words or more, of an
    organisation of the open event-data dictionaries (``actors.world_organisations``) of
    another country than the place's, and no spelling of the place's own name: GeoNames lists
    "White House", the meaning of Dar el Beida, among Casablanca's alternate names, so
    "officials at the White House" were in Morocco. An organisation of the place's country
    names the place too ("Iraqi Kurdistan", the Kurdistan Region and its government), and an
    acronym is left alone (the town Ana is no Albanian National Army). "Rio Tinto", the
    company and the Portuguese town, stays a place where the rest of the rules keep it."""
    from khabar.extract.actors import world_actors, world_organisations

    key = alias_key(m.text)
    if " " not in key or key not in world_organisations()[0]:
        return False
    return _foreign_name(key, m.place, world_actors().get(key, ()))


def _foreign_name(key: str, place: Place, actors: Sequence[WorldActor]) -> bool:
    """Whether ``key``, a name ``actors`` bear, is no spelling of ``place``'s own name (an
    alias ``_OWN_NAME_RATIO`` close to it is one) and none of them is of the place's country."""
    import difflib

    from khabar.acled import iso2_of

    own = alias_key(place.name)
    if key == own or difflib.SequenceMatcher(None, key, own).ratio() >= _OWN_NAME_RATIO:
        return False
    return place.country not in {iso2_of(a.country) for a in actors}


_ORGANISATION_WORD = re.compile(r"[a-z]{5,}")  # one Latin word, too long for an acronym


def organisation_reading(key: str, place: Place) -> bool:
    """Whether ``place`` was read from ``key``, the one-word Latin name of an organisation of
    the open event-data dictionaries (``actors.world_actors``, kind organisation) of another
    country than the place's, that is no spelling of the place's own name: GeoNames lists
    nicknames and publicity names among a town's alternates (Topeka's "Google", Shangmei's
    "Xinhua", Hamm's "Hamas"), and a reader who writes them means the organisation. "Duma"
    stays a reading of Douma (its own name) and "Xinhua" of the town Xinhua; a country is no
    such reading; acronyms (four letters or fewer: ANA, ISA) are left alone."""
    from khabar.extract.actors import world_actors

    if place.kind == "country" or not _ORGANISATION_WORD.fullmatch(key):
        return False
    organisations = [a for a in world_actors().get(key, ()) if a.kind == "organisation"]
    return bool(organisations) and _foreign_name(key, place, organisations)


def _without_organisation_readings(hits: list[AliasHit]) -> list[AliasHit]:
    """``hits`` less their ``organisation_reading`` ids (a hit left with none is dropped)."""
    g = gazetteer()
    out = []
    for h in hits:
        ids = tuple(i for i in h.ids if not organisation_reading(h.key, g.places[i]))
        if ids:
            out.append(h if ids == h.ids else replace(h, ids=ids))
    return out


def _after_definite(norm: str, start: int) -> bool:
    """Whether the word before ``start`` carries the Arabic article (a proclitic و ف ب ل may
    come before it: والبيت; لل is ل + ال): Arabic grammar, the noun of a noun-adjective phrase."""
    m = _LAST_WORD.search(norm[max(0, start - 30) : start])
    if m is None:
        return False
    word = m.group(1)
    if word[:1] in "وفبل" and word[1:3] == "ال":
        word = word[1:]
    return (word.startswith("ال") or word.startswith("لل")) and len(word) > 3


def unsupported(text: str, m: PlaceMention, recognised: list[Span],
                countries: dict[str, set[str]], lang: str = "ar") -> bool:
    """Whether an Arabic-script place of ``text`` stands on its gazetteer name alone, far from
    home: one word below a country and a city of ``_BIG``, or a name of more words of a town
    or district below ``_WEAK_POPULATION``; no cue before it, not called a place by the
    recogniser (no ``recognised`` span overlaps it), no other place of its country in the whole
    document while it names places of another (``countries``: country → ids of the places
    named in it); never a site (bases, fields: curated). Such a name is most often a word or a
    phrase (عشاق "lovers" read as Uşak, زاوية "corner" as Zawiya in Saudi news, بشار as Béchar
    in Syrian news; صلاة الظهر "the noon prayer" as Silat ad-Dhahr, "في التحالف" as At Taḩāluf);
    a document about that country names it elsewhere too, and one that names no other place
    ("قصف تركي على ريف دهوك") keeps it. A word of kind before it is no support when the name
    is a frequent word of ``lang``'s news (``_frequent_word``): Persian "در بخش دیگری" is "in
    another part", not the district of Digri in Pakistan ("آستان قدس رضوی" is no Jerusalem).
    A language without word counts (``_COUNTED_LANGS``: Urdu, Kurdish, undetermined) has no
    frequent words."""
    place = m.place
    others = countries.get(place.country, set()) - {place.id}
    elsewhere = any(c != place.country for c in countries)
    if (not _ARABIC.search(m.text) or place.precision == "country"
            or place.precision == "site" or place.population >= _BIG or others
            or not elsewhere):  # fmt: skip
        return False
    if " " in m.text.strip() and (place.precision not in ("town", "district")
                                  or place.population >= _WEAK_POPULATION):  # fmt: skip
        return False  # a name of two words or more: only a small town's
    if any(r.start < m.span.end and m.span.start < r.end for r in recognised):
        return False
    return not place_cued(text, m.span.start) or (
        lang in _COUNTED_LANGS and _frequent_word(alias_key(m.text), (lang,)))


_COUNTED_LANGS = ("ar", "fa", "en")  # the languages with word counts (resources/wordfreq)


def _with_bare_name(m: AliasHit, ctx: Callable[[], Counter[str]]) -> AliasHit:
    """A name written with a town's word of kind ("مدينة زنجبار") also reads as the towns of
    the bare name in a country the article's context favours over the written name's: the
    gazetteer's alias "Zanzibar City" must not hide Zinjibar in a Yemeni article. ``ctx``
    gives the context of the paragraph's other names (the name does not vouch for itself)."""
    kind = _TOWN_FIRST.match(m.key)
    if kind is None:
        return m
    g = gazetteer()
    ctx = ctx()
    written = max((ctx[g.places[i].country] for i in m.ids), default=0)
    extra = tuple(i for i in g.index.get(m.key[kind.end() :], ()) if i not in m.ids
                  and g.places[i].precision == "town" and ctx[g.places[i].country] > written)
    return replace(m, ids=m.ids + extra) if extra else m


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


def _nationalities(text: str, named: list[Span], lang: str) -> set[str]:
    """Countries whose nationality word ``text`` writes ("A Syrian fighter jet crashes into a
    marketplace in the town of Ariha", "الطائرة السورية"): each counts once in the context, as
    an unambiguous place does, so Ariha is Syria's, not Jericho. English through
    ``english_nationalities``, Arabic and Persian through ``nationality_word``; a word inside a
    place the gazetteer named (``named``: "Persian Gulf", "Indian Ocean", "الخليج الفارسي") is
    none."""

    def outside(start: int, end: int) -> bool:
        return not any(s.start <= start and end <= s.end for s in named)

    if lang == "en":
        return {c for a, b, c in english_nationalities(text) if outside(a, b)}
    return {c for m in _WORD_AT.finditer(text)
            if (c := nationality_word(m.group(), lang)) and outside(m.start(), m.end())}


def english_nationalities(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO2 country) of each English nationality word of ``text`` as written
    (``resources.demonyms``, capitalised), two words before one ("South Sudanese" is South
    Sudan's, not Sudan's; "North Korean", "Sri-Lankan"; any white space or a hyphen between
    them), in text order."""
    from khabar.resources import demonyms

    table, out = demonyms(), []
    words = [(m.start(), m.end(), m.group()) for m in _WORD_AT.finditer(text)]
    k = 0
    while k < len(words):
        start, end, word = words[k]
        gap = text[end : words[k + 1][0]] if k + 1 < len(words) else ""
        if (gap.isspace() or gap == "-") and (pair := f"{word} {words[k + 1][2]}") in table:
            out.append((start, words[k + 1][1], table[pair]))
            k += 2
            continue
        if word in table:
            out.append((start, end, table[word]))
        k += 1
    return out


def _country_stems(places: dict[str, Place], index: dict[str, list[str]]) -> dict[str, str]:
    """Arabic-script country names as their nisba adjective's stem → ISO2: الأردن → اردن (the
    adjective الأردنية), سوريا → سور (السورية), عراق → عراق (Persian عراقی). Arabic and Persian
    grammar: the adjective is the name without its article and final ا/ة, plus ي/ية."""
    out: dict[str, str] = {}
    for key, ids in index.items():
        countries = {i for i in ids if places[i].kind == "country"}
        if len(countries) != 1 or " " in key or not _ARABIC.search(key):
            continue
        if (stem := _name_stem(key)) is not None:
            out.setdefault(stem, countries.pop())
    return out


def _name_stem(key: str, article: bool = True) -> str | None:
    """The nisba stem of a one-word country name (an alias key), or None when under three
    letters: ليبيا → ليب (الليبية), الأردن → اردن (الأردنية), سوريه → سور; a leading ال is
    taken for the article when ``article``."""
    name = key[2:] if article and key.startswith("ال") else key
    if name.endswith(("يا", "يه")):
        stem = name[:-2]
    elif name.endswith(("ا", "ه")):
        stem = name[:-1]
    else:
        stem = name
    return stem if len(stem) >= 3 else None


_HARAKAT = re.compile(r"[\u064b-\u065f\u0670]")


def _press_stems() -> dict[str, dict[str, str]]:
    """Per language (ar, fa), the nisba stem → ISO2 of each one-word name that language's press
    calls a country by (``gazetteer/country_names.tsv``): ar المجر → مجر, ألمانيا → المان
    (ال only where written as the article), fa مجارستان → مجارستان. A stem two countries
    share is left out. Each language's own names are kept under ``"names:" + lang`` (a
    country's name is no nationality word: بريطانيا, السعودية)."""
    out: dict[str, dict[str, str]] = {"ar": {}, "fa": {}, "names:ar": {}, "names:fa": {}}
    for lang in ("ar", "fa"):
        seen: dict[str, set[str]] = {}
        for r in read_csv("gazetteer/country_names.tsv"):
            aliases = [_HARAKAT.sub("", a.strip()) for a in r[lang].split("|")]
            # ال written where another spelling of the name has أل/إل/آل is no article (المانيا)
            hamza = {alias_key(a) for a in aliases if a.startswith(("أل", "إل", "آل"))}
            for alias in aliases:
                key = alias_key(alias)
                if not key or " " in key:
                    continue
                out[f"names:{lang}"][key] = r["iso2"]
                article = lang == "ar" and alias.startswith("ال") and key not in hamza
                if (stem := _name_stem(key, article=article)) is not None:
                    seen.setdefault(stem, set()).add(r["iso2"])
        out[lang] = {stem: isos.pop() for stem, isos in seen.items() if len(isos) == 1}
    return out


def _nisba_stem(word: str) -> str | None:
    """The stem of an Arabic or Persian nationality adjective: الأردنية → اردن, عراقی → عراق."""
    word = word[2:] if word.startswith("ال") else word
    for end in ("يه", "ي"):
        if word.endswith(end) and len(word) - len(end) >= 3:
            return word[: -len(end)]
    return None


def nationality_country(word: str) -> str | None:
    """The ISO2 country of an Arabic or Persian nationality adjective (normalised): التركيه →
    TR, عراقي → IQ; None for another word."""
    stem = _nisba_stem(word)
    return gazetteer().nisba.get(stem) if stem else None


# endings of a nationality adjective past its stem, normalised, longest first: Arabic and Persian
# grammar (plural, feminine, accusative; Persian ـها and ـان plurals), closed lists
_NISBA_FORMS = {"ar": ("يين", "يون", "يه", "يا", "ي"), "fa": ("يها", "يان", "ي")}
# Persian endings after a country's whole name (آمریکا → آمریکایی, آمریکائی, آمریکایی‌ها;
# سوریه → سوریه‌ای, normalised: ZWNJ and ئ folded), longest first
_FA_AFTER_NAME = ("ييها", "ييان", "يي", "ءي", "اي")
# the plural endings among them: the nationality as people (اليمنيين, ایرانیان), not an adjective
_NISBA_PLURALS = {"ar": ("يين", "يون"), "fa": ("ييها", "ييان", "يها", "يان")}
_TANWEEN_FATH = "\u064b"  # ً: سوريًا, an accusative nisba, never the country's name
# Persian words ending in the imperfective prefix می (برمی گردد "returns", درمی آید): a verb's
# first part, no nisba (برمه, Burma, would make برمی one); Persian grammar
_FA_VERB_PREFIX = "مي"


def nationality_people(word: str, lang: str) -> bool:
    """Whether a nationality word of ``lang`` (``nationality_word``) is a plural, so names
    people (السعوديين, ایرانیان, آمریکایی‌ها) rather than qualifying a noun (الرئيس اليمني)."""
    return nationality_word(word, lang) is not None \
        and alias_key(word).endswith(_NISBA_PLURALS.get(lang, ()))  # fmt: skip


@lru_cache(maxsize=1 << 16)
def nationality_word(word: str, lang: str) -> str | None:
    """The ISO2 country of a nationality word of ``lang`` (``ar``, ``fa``) in any of its forms
    (اليمنيين, الألمانية, سعوديا, ایرانیان, آمریکایی‌ها, ایتالیایی → YE, DE, SA, IR, US, IT), by
    the names that language's press gives each country (``_press_stems``); None for another word
    or language, for one of the language's own country names (بريطانيا, السعودية: a place;
    not so with tanween, سوريًا), for an Arabic word ending in ى, which a nisba never does
    (مجرى "course", not المجري "Hungarian"; Persian writes its ی so in older text), and for a
    Persian word ending in the verb prefix می (برمی گردد). Cached per word."""
    stems = gazetteer().nisba_lang.get(lang)
    key = alias_key(word)
    if not stems or not key or " " in key or (lang == "ar" and word.endswith("ى")) \
            or (lang == "fa" and key.endswith(_FA_VERB_PREFIX)):  # fmt: skip
        return None
    names = gazetteer().nisba_lang[f"names:{lang}"]
    if _TANWEEN_FATH not in word and key in names:
        return None
    forms = [key[2:], key] if lang == "ar" and key.startswith("ال") else [key]
    for form in forms:
        for end in _NISBA_FORMS[lang]:
            if form.endswith(end) and len(form) - len(end) >= 3 \
                    and (country := stems.get(form[: -len(end)])):  # fmt: skip
                return country
    for end in _FA_AFTER_NAME if lang == "fa" else ():
        if key.endswith(end) and (country := names.get(key[: -len(end)])) \
                and (end != "اي" or key[-len(end) - 1] == "ه"):  # fmt: skip
            return country  # ایتالیایی, سوریه‌ای (ـای after a name in ه only)
    return None


def unknown_country(value: str) -> str:
    """The message for a country filter ``country_code`` cannot read."""
    return (f"{value!r} is no country khabar knows: give its ISO code (IQ, SY, IR) or its name "
            "(Iraq, العراق, عراق)")


# ISO 3166-1's exceptional reservation of "UK" for the United Kingdom (GB)
_ISO_EXCEPTIONAL = {"UK": "GB"}


def country_code(value: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country given by its alpha-2 or alpha-3 code, by
    ACLED's name for it (``acled.iso2_of``: "Democratic Republic of Congo") or by a name in any
    script the gazetteer knows ('iq', 'IRQ', 'Iraq', 'العراق', 'عراق' -> 'IQ'; a leading Arabic
    clitic is peeled: 'بالعراق'); ``None`` for anything else."""
    from khabar.acled import iso2_of

    g = gazetteer()
    code = _ISO_EXCEPTIONAL.get(value.strip().upper(), value.strip().upper())
    if len(code) == 2 and g.places.get(code) is not None and g.places[code].kind == "country":
        return code
    if (known := iso2_of(value)) is not None:
        return known
    for form in peeled_keys(alias_key(value)):
        found = sorted({g.places[i].country for i in g.index.get(form, ())
                        if g.places[i].kind == "country"})  # fmt: skip
        if found:
            return found[0]
    return None


def _qualifier(norm: str, m: AliasHit) -> str | None:
    """The country a nationality adjective right beside a name gives it ("طرابلس اللبنانية",
    "مدينة سوروتش التركية"): two words before, or the word after."""
    before = _WORD_AT.findall(norm[max(0, m.start - 40) : m.start])[-2:]
    after = _WORD_AT.findall(norm[m.end : m.end + 30])[:1]
    return next((c for w in [*reversed(before), *after] if (c := nationality_country(w))), None)


def _choose(m: AliasHit, ctx: Counter[str], qualifier: str | None = None,
            cued: bool = False) -> tuple[Place, list[str], str]:  # fmt: skip
    g = gazetteer()
    cands = [g.places[c] for c in m.ids]
    qualified = [p for p in cands if p.country == qualifier]
    if qualified and len(qualified) < len(cands):  # "طرابلس اللبنانية": Tripoli of Lebanon
        best = max(qualified, key=lambda p: (PRECISION_RANK[p.precision], p.id in g.curated,
                                             p.population))  # fmt: skip
        return best, [p.id for p in cands if p.id != best.id], f"qualified as {qualifier}"
    # context first; then a solid reading (curated, a country or province, or a town of
    # 100,000+) over a small town; then the most specific, the curated, the biggest
    def solid(p: Place) -> bool:
        return (p.id in g.curated or p.precision in ("country", "province")
                or p.population >= _WEAK_POPULATION)  # fmt: skip

    sure = {p.country for p in cands if solid(p)}  # readings in one country rank alike
    # readings in several countries and none in context: the country of a country's or a
    # curated row's reading (they are there because they recur in the news) over a town abroad
    # (عمان: Oman, unless Jordan is in context; سيناء: Sinai, not Sīnah in Iraq; بابل: Babil,
    # not Bābol in Iran), then within it as before (بغداد: the city, not the governorate)
    home = {p.country for p in cands if p.precision == "country" or p.id in g.curated}
    abroad = len({p.country for p in cands}) > 1
    best = max(cands, key=lambda p: (ctx[p.country], p.country in sure,
                                     abroad and p.country in home,
                                     PRECISION_RANK[p.precision], _named(p, m.key),
                                     p.id in g.curated, p.population))  # fmt: skip
    # a town far from the province that bears its name is a namesake: "صلاح الدين" is
    # Salahuddin governorate, not a resort town of Erbil named after Saladin (a trial)
    province = None if best.precision != "town" or best.id in g.curated else next((
        p for p in cands if p.id in g.curated and p.precision == "province"
        and p.country == best.country
        and distance_km((p.lat, p.lon), (best.lat, best.lon)) > _FAR_KM), None)  # fmt: skip
    best = province or best
    great = [] if cued else [p for p in cands if p.population >= _BIG  # "مديرية القاهرة"
                             or p.id in g.capital_ids and p.population >= _WEAK_POPULATION]
    others = [p.id for p in cands if p.id != best.id]
    reason = "only reading"
    if great and not solid(best):  # Paris in a paragraph naming the US is no Paris, Texas
        best = max(great, key=lambda p: (ctx[p.country], p.population))
        others = [p.id for p in cands if p.id != best.id]
        reason = f"a capital or a city of a million over {len(cands) - 1} small namesakes"
    elif others:
        countries = {p.country for p in cands}
        if len(countries) == 1:
            reason = f"most specific of {len(cands)} readings"
        elif ctx[best.country]:
            reason = f"article context favours {best.country} ({ctx[best.country]} mentions)"
        else:
            reason = f"{_NO_CONTEXT}: the surest of {len(cands)} readings"
    if province is not None:  # best is the province
        reason = f"the province over a namesake town more than {_FAR_KM} km from it"
    return best, others, reason


@lru_cache(maxsize=50_000)
def _named(place: Place, key: str) -> bool:
    """Whether an alias key is the place's own (display) name: "Waterloo" names four towns and
    is an old name of Austin, Texas, in GeoNames' alternates (a fresh-clone trial read
    "Waterloo station" in London as Austin). Between readings alike in context and kind, the
    one the name is the name of goes first (a city of a million or a capital still wins over
    small namesakes: ``_choose``)."""
    return alias_key(place.name) == key


_NO_CONTEXT = "no country in the paragraph's context"
_FROM_CONTEXT = ("article context favours", "qualified as")  # reasons (``_choose``)
_THE_KINGDOM = "المملكه"  # "the Kingdom", normalised
_KINGDOM_REGIONS = frozenset({"Middle East", "Northern Africa"})  # ACLED's: the Arab kingdoms'
_KINGDOM_NEAR = 100  # characters: a kingdom named this near "المملكة" is set against it


@lru_cache(maxsize=1)
def _kingdoms() -> frozenset[str]:
    """ISO2 codes of the kingdoms Arabic news calls "المملكة": the countries whose official
    name is a kingdom's (``resources/gazetteer/kingdoms.tsv``, built from ISO 3166-1 by
    ``training/resources/build_kingdoms.py``) in ACLED's Middle East and Northern Africa
    (``resources/acled_countries.tsv``): Saudi Arabia, Jordan, Bahrain, Morocco. Spain or the
    United Kingdom are never the bare "Kingdom" of an Arabic report."""
    arab = {r["iso2"] for r in read_csv("acled_countries.tsv") if r["region"] in _KINGDOM_REGIONS}
    return frozenset(r["iso2"] for r in read_csv("gazetteer/kingdoms.tsv") if r["iso2"] in arab)


def the_kingdom(texts: Sequence[str], recognised: Sequence[Sequence[Span]],
                found: list[list[PlaceMention]]) -> list[list[PlaceMention]]:  # fmt: skip
    """Each paragraph's places (``found``, one list per paragraph of ``texts``) with "المملكة"
    (the Kingdom, clitics peeled: بالمملكة, للمملكة) read as the one kingdom
    (``_kingdoms``) the document's places lie in, where the recogniser calls it a place
    (``recognised``, spans per paragraph) and no mention covers it: a Saudi paper's "خارج
    المملكة" after Riyadh is Saudi Arabia; with two kingdoms named (Saudi Arabia and Jordan),
    or none, it stays unread, and so does a "Kingdom" that kingdom's own name stands within
    ``_KINGDOM_NEAR`` characters of ("استنكرت مملكة البحرين ... تصريحات ... ضد المملكة": another
    kingdom, set against it)."""
    countries = {m.place.country for paragraph in found for m in paragraph} & _kingdoms()
    if len(countries) != 1:
        return found
    g = gazetteer()
    kingdom = g.places.get(next(iter(countries)))
    if kingdom is None:
        return found
    out = []
    for text, spans, places in zip(texts, recognised, found, strict=True):
        added = []
        for r in spans:
            if _overlapping(places, r.start, r.end) or any(
                    p.place.country == kingdom.id and p.place.precision == "country"
                    and abs(p.span.start - r.start) <= _KINGDOM_NEAR for p in places):  # fmt: skip
                continue
            norm = normalize_with_offsets(text[r.start : r.end])
            words = norm.text.split()
            if len(words) != 1:
                continue
            peeled = next((n for form, n in variants(words[0]) if form == _THE_KINGDOM), None)
            if peeled is None:
                continue
            lead = len(norm.text) - len(norm.text.lstrip())
            a, b = norm.to_original(lead + peeled, len(norm.text.rstrip()))
            start, end = r.start + a, r.start + b
            added.append(PlaceMention(Span(start, end), text[start:end], kingdom,
                                      reason=f"the one kingdom the document's places lie in "
                                             f"({kingdom.name})"))  # fmt: skip
        out.append(sorted(places + added, key=lambda p: p.span.start) if added else places)
    return out


def with_document_context(found: list[list[PlaceMention]]) -> list[list[PlaceMention]]:
    """The places of a document's paragraphs (``extract_places`` of each), where a name that
    its paragraph left to the surest reading (no country in that paragraph's context) takes
    the reading another paragraph's context gave the same name (one place a name in one
    report: a trial read "طرابلس" as Lebanon's under a title naming "۲ لبنانی", and as Libya's
    capital in the body), else its reading in the country the rest of the document is most
    about, if it has one: a title "مراكز انتخابية بالجوف" over a report datelined سكاكا is
    Saudi Arabia's Al Jawf, not Yemen's. There, a capital or a city of a million or more keeps
    its reading (Paris, not Pariz in Iran). Context as in a paragraph: a named country counts
    twice, an unambiguous place once. Returns lists of the same mentions, re-read ones replaced
    (``found`` itself when nothing could re-read them)."""
    g = gazetteer()
    ctx: Counter[str] = Counter()
    settled: dict[str, Place] = {}  # a name's reading where its paragraph's context gave it
    for m in (m for paragraph in found for m in paragraph):
        if not m.alternatives:
            ctx[m.place.country] += 2 if m.place.kind == "country" else 1
        elif m.reason.startswith(_FROM_CONTEXT):
            settled.setdefault(alias_key(m.text), m.place)
    if not ctx and not settled:
        return found

    top = max(ctx.values(), default=0)

    def reread(m: PlaceMention) -> PlaceMention:
        if not m.reason.startswith(_NO_CONTEXT):
            return m
        same = settled.get(alias_key(m.text))
        if same is not None and same.id != m.place.id and same.id in m.alternatives:
            # one name, one place in one report: "طرابلس" with "۲ لبنانی" in the title is
            # Lebanon's in the body too, though the capital of Libya bears the name
            others = [m.place.id] + [i for i in m.alternatives if i != same.id]
            return replace(m, place=same, alternatives=others,
                           reason=f"read as elsewhere in the document ({same.country})")
        if m.place.population >= _BIG or m.place.id in g.capital_ids or not ctx:
            return m  # پاریس in a Persian report about Iran is Paris, not Pariz
        cands = [m.place] + [g.places[i] for i in m.alternatives if i in g.places]
        best = max(cands, key=lambda p: (ctx[p.country], p is m.place, PRECISION_RANK[p.precision],
                                         p.id in g.curated, p.population))  # fmt: skip
        if best is m.place or ctx[best.country] < top:
            return m  # جنيف in a report on Syria that names the US twice stays Geneva
        others = [p.id for p in cands if p is not best]
        reason = f"the document's context favours {best.country} ({ctx[best.country]} mentions)"
        return replace(m, place=best, alternatives=others, reason=reason)

    return [[reread(m) for m in paragraph] for paragraph in found]


def _relation(norm: str, start: int, place: Place) -> str | None:
    """ "north-west of" a town or site, or anything a distance is given from ("30 كم شمال
    ..."); "north-west part of" a country or province."""
    before = norm[max(0, start - 40) : start]
    if m := _REL_AR.search(before):
        a, b = _DIRS[m["a"]], _DIRS.get(m["b"] or "", "")
    elif m := _REL_EN.search(before):
        a, b = m["a"], m["b"] or ""
    else:
        return None
    direction = f"{a}-{b}" if b else a
    inside = place.precision in ("country", "province") and not _MEASURED.search(
        before[: m.start()])  # fmt: skip
    return f"{direction} part of" if inside else f"{direction} of"


# a distance written just before a word of direction ("30 كم شمال", "20 km north of"): the
# place is what it is measured from, not what it happened in
# (normalised: Persian ک and ی are ك and ي here, so کیلومتری is كيلومتري, and مایلی مايلي)
_MEASURED = re.compile(
    r"\d\s*(?:كم|كيلو(?:\s*متر)?\w*|km|kilomet(?:er|re)s?|miles?|مايلي?)\s*$")


# "the capital" of each language, then its country (closed grammatical patterns, matched on the
# normalised text): العاصمة العراقية / عاصمة العراق, پایتخت عراق, "the Iraqi capital", "the
# capital of Iraq", "Iraq's capital"
# English nouns after "capital" that make it money or a penalty, not a city
_NOT_CITY = (r"(?! (?:markets?|punishment|gains?|flight|flows?|investments?|spending"
             r"|expenditures?|requirements?|controls?|increase|offen[cs]es?|crimes?|letters?"
             r"|goods|ratios?|injections?|raising|cases?|charges?|murder)(?!\w))")
_CAPITAL = re.compile(
    r"(?<!\w)[وف]?(?:[بل]?(?:ال)?|لل)عاصمه (?=(?P<ar>\w+(?: \w+){0,2}))"
    r"|(?<!\w)پايتخت (?=(?P<fa>\w+(?: \w+){0,2}))"
    r"|(?<!\w)the (?P<adj>[a-z]+(?: [a-z]+)?) capital(?!\w)" + _NOT_CITY +
    r"|(?<!\w)capital of (?:the )?(?=(?P<of>[a-z]+(?: [a-z]+){0,2}))"
    r"|(?<!\w)(?P<own>[a-z]+(?: [a-z]+)?)'s capital(?!\w)" + _NOT_CITY
)
# a literal that every match of _CAPITAL holds (a text with none of them is not searched)
_CAPITAL_WORDS = ("عاصمه", "پايتخت", "capital")
_CAPITAL_NEAR = 40  # characters around a phrase where the capital named itself makes it needless
_SAME_TOWN_KM = 30  # a place this close to the capital is the capital (New Delhi and Delhi)


def _country_named(words: list[str], g: _Gazetteer, *, first: bool,
                   adjective: bool = True) -> tuple[str, int] | None:  # fmt: skip
    """The ISO2 country that the first (``first``) or last one to three of ``words`` name, by a
    country's name in the gazetteer or (``adjective``) a nationality adjective (Arabic and
    Persian nisba, English demonym), and how many words name it; None if they name none."""
    for n in (3, 2, 1):
        if len(words) < n:
            continue
        part = " ".join(words[:n] if first else words[-n:])
        country = next((g.places[i].country for i in g.index.get(alias_key(part), ())
                        if g.places[i].precision == "country"), None)  # fmt: skip
        if country is None and n == 1 and adjective:
            country = nationality_country(part)
        if country is None and adjective:
            country = lower_demonyms().get(part)
        if country:
            return country, n
    return None


def load_tables() -> None:
    """Load the gazetteer, its spelling skeletons, the news's word totals and the demonyms the
    country qualifiers read (ingest's warm-up)."""
    gazetteer()
    _skeletons()
    _kingdoms()
    for lang in ("ar", "fa", "en"):
        _million_words(lang)
    lower_demonyms()


# Arabic and Persian renderings of one foreign name differ in a long vowel written or not
# (زيورخ, زيوريخ; شانغهاي, شنغهاي; إريتريا, أريتيريا) and in the letter they give g (هامبورغ,
# هامبورج, گ): a name's skeleton drops the long vowels after each word's first letter and writes
# every g one way, and two names of one skeleton are one name when they differ by one long
# vowel at most (the scripts' letters: closed)
_LONG_VOWELS = "اوي"
_NO_LONG_VOWELS = str.maketrans("", "", _LONG_VOWELS)
_G_LETTERS = str.maketrans({"ج": "غ", "گ": "غ"})
_VARIANT_LETTERS = 4  # a shorter name (بحر, راند) meets a name of another place too often


def _g_form(key: str) -> str:
    return key.translate(_G_LETTERS)


def _skeleton(key: str) -> str:
    """The skeleton of a normalised name: هامبورج → همبرغ."""
    return " ".join(w[:1] + w[1:].translate(_NO_LONG_VOWELS) for w in _g_form(key).split(" "))


def _one_vowel_apart(a: str, b: str) -> bool:
    """Whether two names, g written one way, are the same but for one long vowel after a
    word's first letter and before its last (زيوريخ, زيورخ; not الأردني, اردن: a word's
    last ي makes the adjective of a place, its nisba)."""
    a, b = _g_form(a), _g_form(b)
    if len(a) < len(b):
        a, b = b, a
    if len(a) != len(b) + 1:
        return a == b
    return any(a[i] in _LONG_VOWELS and a[i - 1] != " " and a[i + 1 : i + 2] not in ("", " ")
               and a[:i] + a[i + 1 :] == b for i in range(1, len(a)))  # fmt: skip


def _solid_place(place: Place, curated: frozenset[str]) -> bool:
    """A country, a first-level division, a curated row or a town of ``_WEAK_POPULATION``:
    the places a name spelt another way may be read as."""
    return (place.precision in ("country", "province") or place.id in curated
            or place.population >= _WEAK_POPULATION)  # fmt: skip


@lru_cache(maxsize=1)
def _skeletons() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """Skeleton (``_skeleton``) → the Arabic-script names of solid places (``_solid_place``)
    that have it, each with the ids of the places it names."""
    g = gazetteer()
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for key, ids in g.index.items():
        if not _ARABIC.search(key):
            continue
        solid = tuple(i for i in ids if _solid_place(g.places[i], g.curated))
        if solid:
            out.setdefault(_skeleton(key), []).append((key, solid))
    return {k: tuple(v) for k, v in out.items()}


def _variant_reading(key: str) -> tuple[Place, str] | None:
    """The solid place (``_solid_place``) that a normalised name the gazetteer lacks as written
    names in another spelling, and how: a country's name with an article it is not written
    with (البيرو: بيرو, Peru), else a name one long vowel or the letter for g apart
    (``_one_vowel_apart``), when one place, or one country or province, has such names. None
    for a frequent word of the news (``_frequent_word``), a name under ``_VARIANT_LETTERS``
    letters, or a name of no such place."""
    g = gazetteer()
    if key in g.index or len(key.replace(" ", "")) < _VARIANT_LETTERS \
            or _frequent_word(key, ("ar", "fa")):  # fmt: skip
        return None  # the gazetteer's own name, turned down for a reason; short; or a word
    bare = key[2:] if key.startswith("ال") else ""
    ids = {i for i in g.index.get(bare, ()) if g.places[i].precision == "country"}
    how = f"spelt {bare} in the gazetteer, without the article"
    if not ids:
        names = [(name, named) for name, named in _skeletons().get(_skeleton(key), ())
                 if _one_vowel_apart(key, name)]  # fmt: skip
        ids = {i for _, named in names for i in named}
        how = f"spelt {names[0][0]} in the gazetteer (a long vowel or g apart)" if names else ""
    places = [g.places[i] for i in sorted(ids)]
    if len(places) > 1:
        places = [p for p in places if p.precision in ("country", "province")]
    return (places[0], how) if len(places) == 1 else None


def variant_spellings(text: str, recognised: Sequence[Span], found: Sequence[PlaceMention],
                      countries: set[str]) -> list[PlaceMention]:  # fmt: skip
    """Places the entity recogniser finds in Arabic text (``recognised``, spans of ``text``)
    that no mention in ``found`` covers and the gazetteer knows in another spelling
    (``_variant_reading``): شنغهاي → Shanghai, هامبورج → Hamburg, البيرو → Peru. A one-letter
    proclitic the span begins with (وهامبورج) and a word of kind the recogniser took in
    ("مدينة هامبورج") are left out of the mention, which ends at the name's last letter. Only
    countries, first-level divisions, curated rows and towns of 100,000 or more are read so;
    a town only when its country is among the paragraph's ``countries`` or the paragraph
    names none (بيرمنجهام beside بريطانيا is no Birmingham, Alabama), a country never after
    a word of kind (منطقة مريس). Persian text is left out: its spellings of foreign names are
    its own (ج is never g) and its words met too many towns (محور هراز: Huaraz)."""
    out: list[PlaceMention] = []
    for r in recognised:
        if _overlapping([*found, *out], r.start, r.end):
            continue
        norm = normalize_with_offsets(text[r.start : r.end])
        words = [(m.start(), m.group()) for m in re.finditer(r"\w+", norm.text)]
        if not words or not _ARABIC.search(norm.text) or len(words) > _MAX_WORDS:
            continue
        # the name from its first word, else from the word after a word of kind
        heads = [0] + [k for k in range(1, len(words)) if _cued(norm.text[: words[k][0]])]
        got = next((g for k in heads if (g := _variant_from(words[k:])) and _fits(
            g[0], countries, cued=k > 0)), None)  # fmt: skip
        if got is not None:
            place, how, offset = got
            a, b = norm.to_original(offset, words[-1][0] + len(words[-1][1]))
            start, end = r.start + a, r.start + b
            out.append(PlaceMention(Span(start, end), text[start:end], place,
                                    reason=f"the recogniser's place, {how}"))
    return out


def _fits(place: Place, countries: set[str], cued: bool) -> bool:
    """Whether a variant reading fits where it is written (``variant_spellings``)."""
    if place.precision == "country":
        return not cued
    return place.precision == "province" or not countries or place.country in countries


def _variant_from(words: list[tuple[int, str]]) -> tuple[Place, str, int] | None:
    """``_variant_reading`` of the name ``words`` (start, normalised word) write, its first
    word as written or without a one-letter proclitic, and the name's start; None for a
    first word that is a frequent word of the news or a name of the gazetteer as written
    (ولاية is no و before لاية, Layyah; باغمان no ب before Ajman)."""
    first = words[0][1]
    rest = " ".join(w for _, w in words[1:])
    if _frequent_word(first, ("ar", "fa")) or f"{first} {rest}".strip() in gazetteer().index:
        return None
    for form, peeled in variants(first):
        if peeled > 1:
            continue  # a conjunction or a preposition of one letter at most
        got = _variant_reading(f"{form} {rest}".strip())
        if got is not None:
            return got[0], got[1], words[0][0] + peeled
    return None


@lru_cache(maxsize=1)
def lower_demonyms() -> dict[str, str]:
    """``resources.demonyms`` keyed in lower case, as the normalised text writes them."""
    from khabar.resources import demonyms

    return {form.lower(): iso for form, iso in demonyms().items()}


def capital_phrases(norm: str, found: list[PlaceMention],
                    to_original: Callable[[int, int], tuple[int, int]],
                    text: str) -> list[PlaceMention]:  # fmt: skip
    """Mentions of a country's capital by the phrase that names it ("the Libyan capital",
    العاصمة العراقية, پایتخت عراق → Tripoli, Baghdad, Tehran: ``gazetteer/capitals.tsv``), not
    where the capital is named within ``_CAPITAL_NEAR`` characters ("العاصمة الإثيوبية أديس
    أبابا", "Baghdad, the Iraqi capital"): there the phrase decides the homonym instead, and the
    mention in ``found`` (the text's other place mentions, changed in place) becomes the capital
    when the capital is one of its readings, lies within ``_SAME_TOWN_KM``, or it is a country
    written like the capital beside the phrase ("العاصمة الأردنية عمان": Amman, not Oman).
    ``norm``: the normalised text; ``to_original`` maps its offsets to ``text``'s."""
    if not any(w in norm for w in _CAPITAL_WORDS):
        return []
    g = gazetteer()
    out = []
    for m in _CAPITAL.finditer(norm):
        group = next(k for k in ("ar", "fa", "adj", "of", "own") if m.group(k))
        words = m.group(group).split()
        named = _country_named(words, g, first=group in ("ar", "fa", "of"),
                               adjective=group in ("adj", "fa") or (
                                   group == "ar" and m.group().startswith(("ال", "بال", "وال"))))
        capital = g.capitals.get(named[0]) if named else None
        if named is None or capital is None:
            continue
        country, n = named
        if group == "of" and norm.startswith("'s", m.start(group) + len(" ".join(words[:n]))):
            continue  # "the capital of Iraq's Anbar province": the province's
        a, b = m.start(), m.end()
        if group == "ar":  # the span leaves the proclitic out: بالعاصمة → العاصمة
            a = norm.index("عاصمه", a)
            a -= 2 if norm[a - 2 : a] == "ال" and a - 2 >= m.start() else 0
        if group in ("ar", "fa", "of"):  # the phrase ends with the country's words
            b = m.start(group) + len(" ".join(words[:n]))
        elif group == "own":  # "iraq's capital": it starts with them
            a = m.end(group) - len(" ".join(words[-n:]))
        start, end = to_original(a, b)
        near = [k for k, p in enumerate(found)
                if p.span.start < end + _CAPITAL_NEAR and p.span.end > start - _CAPITAL_NEAR
                and (p.span.end <= start or end <= p.span.start)  # not its country's words
                and (capital in (p.place.id, *p.alternatives) or _SAME_TOWN_KM >= distance_km(
                    (p.place.lat, p.place.lon), (g.places[capital].lat, g.places[capital].lon))
                     # a country's name beside the phrase is the capital's, written alike
                     or (p.place.precision == "country" and _apposed(text, p.span, start, end)))]
        for k in near:  # the capital named nearby: the phrase tells which homonym it is
            p = found[k]
            if p.place.id != capital:
                others = [i for i in (p.place.id, *p.alternatives) if i != capital]
                found[k] = replace(p, place=g.places[capital], alternatives=others,
                                   reason=f"the capital of {country} nearby")  # fmt: skip
        if near:
            continue
        out.append(PlaceMention(Span(start, end), text[start:end], g.places[capital],
                                _relation(norm, a, g.places[capital]), [],
                                f"the capital of {country}"))  # "جنوب العاصمة العراقية"
    return out


# A country's land, desert, waters or airspace named by its nationality adjective ("في وسط
# الصحراء الأردنية", "داخل الأراضي العراقية", "in the Jordanian desert"): the words of
# territory (Arabic and English: a closed class), normalised
_TERRITORY = re.compile(
    r"(?<!\w)[وبف]?(?:ال)?(?:صحراء|اراضي|مياه|اجواء)\s+(?P<ar>ال\w+)"
    r"|\b(?P<en>\w+) (?:desert|territory|territorial waters|airspace)\b")
# a literal that every match of _TERRITORY holds (a text with none of them is not searched)
_TERRITORY_WORDS = ("صحراء", "اراضي", "مياه", "اجواء", "desert", "territor", "airspace")


def _overlapping(found: list[PlaceMention], start: int, end: int) -> bool:
    """Whether a mention of ``found`` overlaps ``start`` .. ``end`` (offsets of the text)."""
    return any(p.span.start < end and start < p.span.end for p in found)


def territory_phrases(norm: str, found: list[PlaceMention],
                      to_original: Callable[[int, int], tuple[int, int]],
                      text: str) -> list[PlaceMention]:  # fmt: skip
    """A country named by its territory and nationality adjective (``_TERRITORY``: "الصحراء
    الأردنية", "the Jordanian desert" → Jordan, at country precision), where ``found`` (the
    text's other place mentions) names no place inside the phrase. ``norm``: the normalised
    text; ``to_original`` maps its offsets to ``text``'s."""
    if not any(w in norm for w in _TERRITORY_WORDS):
        return []
    g = gazetteer()
    out = []
    for m in _TERRITORY.finditer(norm):
        named = _country_named([m.group("ar") or m.group("en")], g, first=True)
        country = named[0] if named else None
        place = g.places.get(country) if country else None
        if place is None or place.kind != "country":
            continue
        a = m.start() + (len(m.group()) - len(m.group().lstrip("وبف")))
        start, end = to_original(a, m.end())
        if _overlapping(found, start, end):
            continue
        out.append(PlaceMention(Span(start, end), text[start:end], place,
                                _relation(norm, a, place), [], f"the territory of {country}"))
    return out


# a town the gazetteer lacks, named with its kind and its country's nationality adjective, up
# to two adjectives between ("في مدينة سوروتش التركية", "بلدة كوباني الحدودية السورية", "the
# Turkish town of Suruc"): Arabic and English grammar, words of kind a closed list (normalised)
_TOWN_OF = re.compile(
    r"(?<!\w)(?P<pre>[وبف]?)(?:ال)?(?:مدينه|بلده|قريه)\s+(?P<name>\w+)(?P<ar>(?:\s+ال\w+){1,3})"
    r"(?!\w)"
    r"|\b(?P<en>[A-Z]\w+) (?:town|city|village) of (?P<en_name>[A-Z]\w+(?: [A-Z]\w+)?)")
_TOWN_WORDS = ("مدينه", "بلده", "قريه", "town of", "city of", "village of")


def town_phrases(norm: str, found: list[PlaceMention],
                 to_original: Callable[[int, int], tuple[int, int]],
                 text: str) -> list[PlaceMention]:  # fmt: skip
    """A town the gazetteer lacks, named with its kind and its country's nationality adjective
    (``_TOWN_OF``: "في مدينة سوروتش التركية", "the Turkish town of Suruc"): its country, at
    country precision (ACLED's geo-precision 3), over the name's span (the recogniser's LOC;
    the adjective stays its NORP), where ``found`` names no place inside the
    phrase and no word of the name is a frequent word or begins with و ("مدينة الثقافة
    الأردنية", "المدينة وشركة انتونوف الاوكرانية"); the reason names the town as written.
    ``norm``: the normalised text; ``to_original`` maps its offsets to ``text``'s."""
    if not any(w in norm for w in _TOWN_WORDS):
        return []
    g = gazetteer()
    out = []
    for m in _TOWN_OF.finditer(norm):
        named = None
        if m.group("en"):
            named = _country_named([m.group("en")], g, first=True)
        else:  # the first nationality adjective after the name ("الحدودية السورية": Syria)
            named = next((c for w in m.group("ar").split() if w.endswith("يه")
                          and (c := _country_named([w], g, first=True))), None)  # fmt: skip
        place = g.places.get(named[0]) if named else None
        if place is None or place.kind != "country":
            continue
        name = "name" if m.group("name") else "en_name"
        start, end = to_original(m.start(name), m.end(name))  # the town's name, as the
        if _overlapping(found, start, end):  # recogniser's LOC
            continue
        town = m.group("name") or m.group("en_name")
        if any(_frequent_word(alias_key(w), ("ar", "en")) or w.startswith("و")
               for w in town.split()):  # fmt: skip
            continue  # "مدينة الثقافة الأردنية", "المدينة وشركة انتونوف الاوكرانية": no town
        out.append(PlaceMention(Span(start, end), text[start:end], place,
                                _relation(norm, m.start(name), place), [],
                                f"a town of {place.country} the gazetteer lacks: {town}"))
    return out


def _apposed(text: str, span: Span, start: int, end: int) -> bool:
    """Whether ``span`` stands right beside ``start`` .. ``end``, with at most a comma between
    (``span`` outside them): a country's name there is the capital's own, written alike
    ("العاصمة الأردنية عمان", where عمان alone reads as Oman)."""
    gap = text[end : span.start] if span.start >= end else text[span.end : start]
    return len(gap) <= 3 and not gap.strip(" ,،")


def extract_places(
    text: str, recognised: list[Span] | None = None, *, guard: bool = True,
    lang: str | None = None, organisations: list[Span] | None = None,
) -> list[PlaceMention]:
    """Every gazetteer place named in ``text``, resolved with the text's own context (a place
    inside one of the ``organisations``' names the recogniser found gives none: "خبرگزاری
    فارس", the Fars News Agency of every Fars dateline, had made "بغداد" Baghshad in Iran);
    ``recognised``: spans the entity recogniser called places (they need no cue); ``guard``
    off for text known to be a place name (a gold location, a user's filter), where no name
    needs a cue; ``lang``: the text's language (``fa`` reads names as Persian news writes
    them, ``ar`` and others as Arabic does: يمن is no Yemen there), from its letters if None.

    Example::

        [p.place.name for p in extract_places("أطلقت من بلدة ذمار شمال غرب الموصل بالعراق")]
        # ['Zummar', 'Mosul', 'Iraq']
    """
    norm = normalize_with_offsets(text)
    persian = lang == "fa" if lang else bool(PERSIAN_LETTERS.search(text))
    deferred: list[AliasHit] = []
    matches = _find(norm.text, text, norm.to_original, recognised or [], guard, persian,
                    deferred)
    matches = _without_organisation_readings(matches)
    deferred = _without_organisation_readings(deferred)
    named = [Span(*norm.to_original(m.start, m.end)) for m in matches]
    nationalities = _nationalities(text, named, "fa" if persian else lang or (
        "ar" if _ARABIC.search(text) else "en"))  # fmt: skip

    def context(hits: list[AliasHit], spans: list[Span]) -> Counter[str]:
        found = _context([m for m, span in zip(hits, spans, strict=True)
                          if not span.inside_longer(organisations or [])])  # fmt: skip
        found.update(nationalities)
        return found

    matches = [_with_bare_name(m, lambda k=k: context(matches[:k] + matches[k + 1 :],
                                                      named[:k] + named[k + 1 :]))
               for k, m in enumerate(matches)]  # fmt: skip
    ctx = context(matches, named)
    out = []
    for m in matches:
        place, others, reason = _choose(m, ctx, _qualifier(norm.text, m), _cued(norm.text, m.start))
        start, end = norm.to_original(m.start, m.end)
        relation = _relation(norm.text, m.start, place)
        out.append(PlaceMention(Span(start, end), text[start:end], place, relation, others, reason))
    out += _supported(deferred, matches, out, norm.to_original, text)
    capitals = capital_phrases(norm.text, out, norm.to_original, text)
    # the capital's phrase takes the place of a country named inside it ("the capital of Iraq")
    out = [p for p in out if not any(c.span.start <= p.span.start and p.span.end <= c.span.end
                                     for c in capitals)]  # fmt: skip
    out += capitals
    out += territory_phrases(norm.text, out, norm.to_original, text)
    out += town_phrases(norm.text, out, norm.to_original, text)
    if guard and not persian:
        out += variant_spellings(text, recognised or [], out, set(ctx))
    out = _countries_listed(text, sorted(out, key=lambda p: p.span.start), persian)
    out = out if persian else _in_a_far_place(text, out)
    out = out if persian else _run_on_countries(text, out)
    if lang == "en" or (lang is None and not _ARABIC.search(text)):
        out = us_state_qualifiers(text, out)
    return _placed_by_distance(text, out)


_LIST_GOES_ON = re.compile(r"\s*[,،]?\s*(?:و|and\s+)?")  # between two places of a list


def _countries_listed(text: str, found: list[PlaceMention], persian: bool) -> list[PlaceMention]:
    """A capital read by the name another country bears (عمان: Amman, where Jordan is in
    context) is that country in a list of countries ("السعودية والأردن وعمان") and in Persian,
    which writes Amman امان. ``found`` sorted by start."""
    g = gazetteer()
    out = list(found)
    for k, m in enumerate(found):
        if m.place.id not in g.capital_ids:
            continue
        country = next((i for i in m.alternatives if i in g.places
                        and g.places[i].precision == "country"), None)  # fmt: skip
        if country is None:
            continue
        listed = any(0 <= j < len(found) and found[j].place.precision == "country"
                     and _LIST_GOES_ON.fullmatch(text[min(found[j].span.end, m.span.end)
                                                      : max(found[j].span.start, m.span.start)])
                     for j in (k - 1, k + 1))  # fmt: skip
        if persian or listed:
            others = [m.place.id] + [i for i in m.alternatives if i != country]
            out[k] = replace(m, place=g.places[country], alternatives=others,
                             reason="a country's name in a list of countries" if listed
                             else "the country's name in Persian")  # fmt: skip
    return out


def _run_on_countries(text: str, found: list[PlaceMention]) -> list[PlaceMention]:
    """Without two countries' names in Arabic text that run on with nothing but a space
    between them (no و, no comma): one name of something else that holds both ("بطولة كوبا
    أمريكا", the Copa América, had put Cuba and the United States in sports news 126 times in
    SaudiNewsNet); a list of places is joined by و or a comma in Arabic, and a country whose
    name has two such words is one name of the gazetteer (غينيا بيساو). Only a run of two: three
    or more run on are a list whose commas were left out, as is a pair with another place right
    after it ("عراق سوریه، یمن"); nor one name said twice (the chant "ایران ایران"). Not in
    Persian text, which joins two countries so ("مرز ایران عراق", the Iran-Iraq border).
    ``found`` sorted by start. Arabic orthography."""
    def run_on(m: PlaceMention, ref: PlaceMention) -> bool:
        return m.place.precision == ref.place.precision == "country" \
            and bool(_ARABIC.search(m.text)) and bool(_ARABIC.search(ref.text)) \
            and m.span.end < ref.span.start \
            and text[m.span.end : ref.span.start].isspace()  # fmt: skip

    drop: set[int] = set()
    for i, (m, ref) in enumerate(zip(found, found[1:], strict=False)):
        if not run_on(m, ref) or m.place.id == ref.place.id \
                or (i > 0 and run_on(found[i - 1], m)):  # fmt: skip
            continue
        nxt = found[i + 2] if i + 2 < len(found) else None
        if nxt is None or not (run_on(ref, nxt) or _LIST_GOES_ON.fullmatch(
                text, ref.span.end, nxt.span.start)):  # fmt: skip
            drop |= {i, i + 1}
    return [m for i, m in enumerate(found) if i not in drop]


# "بلدة X، 35 كيلومترا شمال شرقي بغداد", "X, 35 km north-east of Baghdad", "X در ۳۵ کیلومتری شمال
# بغداد": how far and which way a place lies from the next one (closed grammatical words and
# units), normalised
_DISTANCE = re.compile(
    r"\s*[,،(]?\s*(?:(?:علي|على)\s+بعد\s+|در\s+|some\s+|about\s+)?(?:(?:نحو|حوالي|قرابه)\s+)?"
    r"(?P<km>\d{1,4})\s*/?\s*(?:كيلومترا|كيلومترات|كيلومتر|كيلو\s*مترا|كلم|كم|km|kilometers|"
    r"kilometres|miles|كيلومتري)\s+(?:(?:الي|إلى|to\s+the)\s+)?(?:ال)?"
    r"(?:شمال|جنوب|شرق|غرب|north|south|east|west)\S*(?:\s+(?:ال)?(?:شرق|غرب)\S*)?"
    r"(?:\s+of)?\s+(?:(?:مدينه|العاصمه|the\s+city\s+of|شهر)\s+)?",
    re.IGNORECASE,
)
_MILE_KM = 1.609


@lru_cache(maxsize=1)
def _us_abbreviations() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern of what may follow a US place to name its state ("Portland, Ore.", "Washington,
    D.C.") and the state codes of the AP abbreviations
    (``resources/gazetteer/us_state_abbreviations.tsv``)."""
    codes = {r["abbreviation"]: r["code"] for r in read_csv("gazetteer/us_state_abbreviations.tsv")}
    forms = "|".join(re.escape(a) for a in sorted(codes, key=len, reverse=True))
    # (no bare postal codes: ", PA" is the Palestinian Authority as often as Pennsylvania)
    pattern = re.compile(rf"\s*,\s*(?P<abbr>{forms})(?!\w)"
                         r"|\s+(?P<dc>D\.C\.)")  # "Washington D.C." without its comma
    return pattern, codes


def _us_state_follows(original: str, end: int) -> bool:
    """Whether a US state's abbreviation follows ``end`` of ``original`` ("Portland, Ore.",
    "Washington, D.C."): a cue that the name before it is a town."""
    return _us_abbreviations()[0].match(original, end) is not None


_FAR_KM = 150  # a town "in" a place farther than this is not that reading of its name
# Arabic words of a small settlement or part of a town (normalised; a closed list)
_SETTLEMENT = frozenset(normalize(w) for w in ("قرية", "بلدة", "حي", "منطقة", "مخيم"))


def _in_a_far_place(text: str, found: list[PlaceMention]) -> list[PlaceMention]:
    """Arabic "X بY", X in Y ("قرية دوما بنابلس", Duma in Nablus): a town X named with a word
    of a small settlement (``_SETTLEMENT``: village, quarter, area) whose reading, no city of
    ``_BIG``, capital or curated place, lies in another country than the town or province Y
    glued to ب right after it, more than ``_FAR_KM`` away, is a place the gazetteer lacks (a
    trial placed an arson in Duma near Nablus in Douma, Syria): X is dropped, Y stays (ب is
    also "with", "to": "يربط مدينة الموصل بدمشق" keeps Mosul). ``found`` in text order."""
    g = gazetteer()
    out = []
    for k, p in enumerate(found):
        q = found[k + 1] if k + 1 < len(found) else None
        before = _WORD_AT.findall(normalize(text[max(0, p.span.start - 12) : p.span.start]))[-1:]
        if (q is not None and p.place.precision == "town" and _ARABIC.search(p.text)
                and before and before[0] in _SETTLEMENT and p.place.population < _BIG
                and p.place.id not in g.capital_ids and p.place.id not in g.curated
                and q.place.precision in ("town", "province") and q.span.start >= 2
                and text[q.span.start - 1] == "ب"
                and not text[p.span.end : q.span.start - 1].strip()
                and q.place.country != p.place.country
                and distance_km((p.place.lat, p.place.lon),
                                (q.place.lat, q.place.lon)) > _FAR_KM):  # fmt: skip
            continue
        out.append(p)
    return out


def us_state_qualifiers(text: str, found: list[PlaceMention]) -> list[PlaceMention]:
    """English news names a US town with its state after a comma: "Portland, Ore.", "Portland,
    Oregon", "Washington, D.C." (AP style; ``_us_abbreviations``). The town is then read among
    its readings in that state (the most populous), and the state is the state, not a town of
    its name (Oregon, Ohio) nor what its abbreviation spells elsewhere (Ore in Nigeria). A
    town with no reading in a state named by its abbreviation is a town the gazetteer lacks
    ("Damascus, Va.": the state alone, not Syria); one before a state's full name is left as
    it is ("Athens, Georgia and Armenia" may be a list). ``found`` sorted by start; returns
    the mentions so mended, sorted."""
    g = gazetteer()
    pattern, abbreviations = _us_abbreviations()
    out = list(found)
    states: list[PlaceMention] = []  # the states named, at their words
    for k, m in enumerate(found):
        readings = [m.place] + [g.places[i] for i in m.alternatives if i in g.places]
        if m.place.precision in ("country", "province") or not any(
                p.id in g.us_state_of for p in readings):  # fmt: skip
            continue
        nxt = found[k + 1] if k + 1 < len(found) else None
        abbreviated = pattern.match(text, m.span.end)
        if abbreviated:
            group = "abbr" if abbreviated["abbr"] else "dc"
            code = abbreviations[abbreviated[group]]
            words = Span(*abbreviated.span(group))
        elif nxt is not None and re.fullmatch(r"\s*,\s*", text[m.span.end : nxt.span.start]):
            named = [i for i in (nxt.place.id, *nxt.alternatives) if i in g.us_states.values()]
            if not named:
                continue
            code, words = g.us_state_of[named[0]], nxt.span
        else:
            continue
        inside = [p for p in readings if g.us_state_of.get(p.id) == code]
        if inside:
            best = max(inside, key=lambda p: (PRECISION_RANK[p.precision], p.population))
            out[k] = replace(m, place=best, alternatives=[p.id for p in readings if p is not best],
                             reason=f"in the US state named after it ({code})")  # fmt: skip
        elif not abbreviated:
            continue  # "Athens, Georgia and Armenia" with no Athens in Georgia: a list
        else:  # "Damascus, Va.": a town the gazetteer lacks (under 15,000); the state only
            states.append(PlaceMention(m.span, "", m.place))
        if code in g.us_states:
            states.append(PlaceMention(words, text[words.start : words.end],
                                       g.places[g.us_states[code]], None, [],
                                       f"the US state after {m.text}"))  # fmt: skip
        else:  # D.C.: the city is the district
            states.append(PlaceMention(words, "", out[k].place))

    # the state's words are no other place; the state itself where the gazetteer has it
    def spoken_for(p: PlaceMention) -> bool:
        return any(p.span.overlaps(s.span) for s in states)

    out = [p for p in out if not spoken_for(p)] + [s for s in states if s.text]
    return sorted(out, key=lambda p: p.span.start)


def _placed_by_distance(text: str, found: list[PlaceMention]) -> list[PlaceMention]:
    """Without the doubtful one of two towns that the text puts N km apart ("ببلدة بني سعد 35
    كيلومترا شمال شرقي بغداد"), when the gazetteer's towns of those names lie in two countries
    farther than 2N + 50 km apart: the gazetteer lacks one of them, and its namesake abroad
    (Bani Sa'd in Yemen for Diyala's) is no place of this text. The doubtful one is the town
    whose country no other place of the text names, else the smaller (the weaker gazetteer
    entry). Never a country or a province: "5 كم جنوب تركيا" measures from a border. ``found``
    sorted by start."""
    drop: set[int] = set()
    for i, (m, ref) in enumerate(zip(found, found[1:], strict=False)):
        gap = _DISTANCE.fullmatch(normalize(text[m.span.end : ref.span.start]))
        if gap is None or {m.place.precision, ref.place.precision} & {"country", "province"} \
                or m.place.country == ref.place.country:  # fmt: skip
            continue
        km = int(gap["km"]) * (_MILE_KM if "mile" in gap.group().lower() else 1.0)
        if distance_km((m.place.lat, m.place.lon), (ref.place.lat, ref.place.lon)) <= 2 * km + 50:
            continue
        named = {p.place.country for j, p in enumerate(found) if j not in (i, i + 1)}
        pair = sorted(((m.place.country in named, m.place.population, i),
                       (ref.place.country in named, ref.place.population, i + 1)))  # fmt: skip
        drop.add(pair[0][2])
    return [m for i, m in enumerate(found) if i not in drop]
