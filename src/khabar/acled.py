"""ACLED's codebook as khabar's export applies it: countries and regions, disorder types, actor
types and interactions, the admin levels of a gazetteer place, time precision.

Input: values of a canonical event record (``khabar.fuse``): a place id, actor ids, the ACLED
event type and sub-type, the date mentions that gave its day. Output: the values of ACLED's
columns (``khabar.export`` writes them).

Codebook followed: the ACLED Codebook of 2023 (disorder types; numeric actor types). Actor type
(``inter1``, ``inter2``): 1 State forces, 2 Rebel groups, 3 Political militias, 4 Identity
militias, 5 Rioters, 6 Protesters, 7 Civilians, 8 External/Other forces (state forces outside
their own country, international organisations). ``interaction``: the two codes, smaller first
(17: state forces and civilians; 28: rebels and external forces); an event with one actor has
its code followed by 0 (10: sole state forces action, 60: sole protester action); empty when the
first actor's type is unknown. Codes come from ``resources/acled_inter.tsv``: a row per curated
actor where the kind says too little (armed groups: rebel group or political militia), per
actor kind (``resources/actors.tsv``: state_force, government, international_org; officials and
agencies take the code of the actor they belong to), per CAMEO/Phoenix sector code of the open
dictionaries (``actors_world.tsv``: GOV, MIL, COP, REB, INS, CVL...) and per generic actor class
(``agents.tsv``: civilians, protesters...); no row, no code (empty, not guessed).

Disorder type of each event type: Battles, Explosions/Remote violence and Violence against
civilians are "Political violence"; Protests "Demonstrations"; Riots "Demonstrations", or
"Political violence; Demonstrations" for mob violence; Strategic developments "Strategic
developments".

Countries (``resources/acled_countries.tsv``, built by
``training/resources/build_acled_countries.py``): ISO 3166-1 alpha-2/alpha-3/numeric, ACLED's
name and region. Admin levels come from the gazetteer row of the place (``extract.places``):
its own name when it is a first-level division; the province and district of an Iraqi division
from its path; the province a curated site, an Iranian row or a countries-states-cities row
names (an Iranian province by its curated name when one of its names is a curated row's);
the first-level division of a GeoNames city from
``resources/gazetteer/geonames_admin1.tsv`` when that table knows its code (a curated name,
else the ISO 3166-2 name of the state its countries-states-cities towns give, else the
gazetteer's own GeoNames state row: ``training/resources/build_geonames_admin1.py``); else
empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from khabar.extract.actors import actor_dictionary, generic_agents
from khabar.extract.lexicon import alias_key
from khabar.resources import read_csv

__all__ = [
    "BEFORE_UNNAMED",
    "Country",
    "actor_inter",
    "admin_levels",
    "civilian_class",
    "country",
    "demonstrators",
    "disorder_type",
    "interaction",
    "event_type_words",
    "is_event_type",
    "sub_event_type",
    "time_precision",
    "unnamed_actor",
]

INTER_NAMES = {1: "State forces", 2: "Rebel groups", 3: "Political militias",
               4: "Identity militias", 5: "Rioters", 6: "Protesters", 7: "Civilians",
               8: "External/Other forces"}  # fmt: skip
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# ACLED's event types and their sub-event types (ACLED Codebook 2023, section 4; a closed list)
SUB_EVENT_TYPES = {
    "Battles": ("Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack",
                                   "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}  # fmt: skip
# ACLED's sub-type of an event whose report does not say more than its type: an explosion of
# unstated cause is a device's (the codebook's sub-type of explosions that are not air or drone
# strikes, shelling, grenades, suicide bombs or chemical weapons)
_UNSTATED_SUBTYPE = {"Explosions/Remote violence": "Remote explosive/landmine/IED"}
_STATE, _EXTERNAL = 1, 8
_ADMIN_SUFFIX = re.compile(r"\s*(?:\([^)]*\)|\b(?:Governorate|Province|Emirate|Region))\s*$")
_STATED_ANCHORS = ("absolute", "publication", "wire copy")  # a day the report states


@dataclass(frozen=True, slots=True)
class Country:
    """A country as ACLED names it: ISO 3166-1 alpha-2 and alpha-3 codes, the numeric code
    (ACLED's ``iso``), ACLED's spelling of the name and ACLED's region
    (``resources/acled_countries.tsv``)."""

    iso2: str
    iso3: str
    isonumeric: int
    name: str
    region: str


@lru_cache(maxsize=1)
def _countries() -> dict[str, Country]:
    return {r["iso2"]: Country(r["iso2"], r["iso3"], int(r["isonumeric"]), r["name"], r["region"])
            for r in read_csv("acled_countries.tsv")}  # fmt: skip


@lru_cache(maxsize=1)
def _iso3_to_iso2() -> dict[str, str]:
    return {c.iso3: c.iso2 for c in _countries().values()}


@lru_cache(maxsize=1)
def _names_to_iso2() -> dict[str, str]:
    return {c.name.casefold(): c.iso2 for c in _countries().values()}


def iso2_of(value: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country given by its alpha-3 code in capitals ("IRQ";
    not "are" or "can", which are words) or by ACLED's name for it ("Democratic Republic of
    Congo", any case), or ``None``."""
    value = value.strip()
    return _iso3_to_iso2().get(value) or _names_to_iso2().get(value.casefold())


def country(iso2: str | None) -> Country | None:
    """The country of an ISO 3166-1 alpha-2 code (any case), or ``None``."""
    return _countries().get((iso2 or "").upper())


def is_event_type(words: str, plover_types: tuple[str, ...]) -> bool:
    """Whether ``words`` (any case) are part of an ACLED event type or sub-event type
    (``SUB_EVENT_TYPES``) or of one of ``plover_types``: what an event ``type`` filter, which
    matches such parts, can ever select ("strike", "Air/drone", "assault")."""
    wanted = words.strip().casefold()
    return bool(wanted) and any(wanted in name.casefold() for name in _type_names(plover_types))


def _type_names(plover_types: tuple[str, ...]) -> list[str]:
    """Every ACLED event type and sub-event type (``SUB_EVENT_TYPES``), then ``plover_types``."""
    return [*SUB_EVENT_TYPES, *(s for subs in SUB_EVENT_TYPES.values() for s in subs),
            *plover_types]  # fmt: skip


# what users type for a sub-type ACLED names otherwise (codebook 2023: "Air/drone strike")
_TYPE_SYNONYMS = {"airstrike": "air/drone strike", "air strike": "air/drone strike",
                  "drone attack": "air/drone strike", "ied": "remote explosive"}  # fmt: skip


def _singular(word: str) -> str:
    """An English plural's singular, by the plain rules ("attacks", "clashes", "militias" ->
    "militia", "territories" -> "territory"); other words as they are."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _folded(words: str) -> str:
    """``words`` in lower case with every word, "/"-joined ones too, in its singular."""
    return re.sub(r"[^\W\d_]+", lambda m: _singular(m.group()), words.casefold())


def event_type_words(words: str, plover_types: tuple[str, ...]) -> str | None:
    """The words an event ``type`` filter should match for ``words`` (any case): themselves,
    stripped, when ``is_event_type`` holds them; else their singulars ("attacks", "Armed
    clashes"), else a synonym of an ACLED sub-type (``_TYPE_SYNONYMS``: "airstrikes" ->
    "air/drone strike"), when that is one; else the one type or sub-type name that holds them
    when both are read in the singular ("Remote explosives/landmines/IEDs", "Headquarters or
    bases established"); else None (the filter could select nothing)."""
    wanted = " ".join(words.split())
    if not wanted:
        return None
    singular = " ".join(_singular(w) for w in wanted.casefold().split())
    for candidate in (wanted, singular, _TYPE_SYNONYMS.get(singular, "")):
        if candidate and is_event_type(candidate, plover_types):
            return candidate
    held = sorted({n for n in _type_names(plover_types) if _folded(wanted) in _folded(n)})
    return held[0] if len(held) == 1 else None


def sub_event_type(event_type: str | None, sub_event_type: str | None) -> str:
    """ACLED's sub-event type of an event: its own, else the sub-type of its type when the
    reports state no more ("Explosions/Remote violence": "Remote explosive/landmine/IED"),
    else ""."""
    return sub_event_type or _UNSTATED_SUBTYPE.get(event_type or "", "")


def disorder_type(event_type: str, sub_event_type: str | None) -> str:
    """ACLED's disorder type of an event type (and, for riots, its sub-type); "" if unknown."""
    if event_type == "Riots" and sub_event_type == "Mob violence":
        return "Political violence; Demonstrations"
    return _DISORDER.get(event_type, "")


# --- actor types -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _inter_table() -> dict[tuple[str, str], int]:
    return {(r["scope"], r["key"]): int(r["inter"]) for r in read_csv("acled_inter.tsv")}


@lru_cache(maxsize=1)
def _world() -> dict[str, tuple[str, str]]:
    """Open-dictionary actor id → (ISO3 country, CAMEO sector code)."""
    out: dict[str, tuple[str, str]] = {}
    for r in read_csv("actors_world.tsv"):
        out.setdefault(r["id"].split("@")[0], (r["country"], r["sector"]))
    return out


def _chain(actor_id: str) -> list[str]:
    """The curated actor and those it belongs to, nearest first (each once)."""
    actors = actor_dictionary().actors
    out, todo = [], [actor_id]
    while todo:
        a = todo.pop(0)
        if a in actors and a not in out:
            out.append(a)
            todo += list(actors[a].affiliation)
    return out


_MESSENGERS = frozenset({"agency", "media", "monitor"})


def is_messenger(actor_id: str) -> bool:
    """A news agency, outlet or monitor (Reuters, Al Jazeera, SOHR): it reports an event, it is
    never one of its actors (kinds of ``resources/actors.tsv``)."""
    actor = actor_dictionary().actors.get(actor_id)
    return actor is not None and actor.kind in _MESSENGERS


def _home(actor_id: str) -> str | None:
    """ISO2 country an actor belongs to, when its dictionary row says."""
    actors = actor_dictionary().actors
    for a in _chain(actor_id):
        for aff in actors[a].affiliation:
            if aff in actors:  # an actor id ("KH": Kata'ib Hezbollah), not a country code
                continue
            if len(aff) == 2 and country(aff) is not None:
                return aff
    if actor_id in _world():
        return _iso3_to_iso2().get(_world()[actor_id][0])
    return None


def _sector_code(sector: str) -> int | None:
    table = _inter_table()
    for key in (sector[:6], sector[:3]):
        if ("sector", key) in table:
            return table[("sector", key)]
    return None


def actor_inter(actor_id: str | None, where: str | None) -> int | None:
    """ACLED actor type of a curated or open-dictionary actor in an event in country ``where``
    (ISO2): state forces abroad are external forces (8). ``None`` when unknown."""
    if not actor_id:
        return None
    table, actors = _inter_table(), actor_dictionary().actors
    code = None
    if actor_id in actors:
        for a in _chain(actor_id):  # an official or agency takes the code of its body
            code = table.get(("actor", a)) or table.get(("kind", actors[a].kind))
            if code is not None:
                break
    elif actor_id in _world():
        code = _sector_code(_world()[actor_id][1])
    if code == _STATE and where:
        home = _home(actor_id)
        if home is not None and home != where.upper():
            return _EXTERNAL
    return code


@lru_cache(maxsize=1)
def _class_words() -> tuple[dict[str, str], int]:
    classes = generic_agents()[1]
    return classes, max((k.count(" ") + 1 for k in classes), default=1)


def civilian_class(text: str | None) -> int | None:
    """7 (civilians) or 6 (protesters) when a phrase of ``text`` as written (a target or the
    victims: "مدنيين", "three students") is a generic actor of that ACLED type, and no phrase
    is of another type; else ``None``."""
    if not text:
        return None
    classes, longest = _class_words()
    table = _inter_table()
    words = alias_key(text).split()
    found: set[int | None] = set()
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            cls = classes.get(" ".join(words[i : i + n]))
            if cls is not None:
                found.add(table.get(("class", cls)))
                i += n - 1
                break
        i += 1
    return found.pop() if len(found) == 1 else None


# ACLED's names of unnamed actors (Codebook 2023: "Unidentified Armed Group (Iraq)", "Police
# Forces of Iraq", "Protesters (Iraq)", "Rioters (Iraq)"), without the years of a regime that
# ACLED adds to state forces, and the English words that name each with nothing more: a closed
# list (the generic-actor lexicon's classes are wider: "supporters", "leader" and "looters" are
# armed groups there, "detainees" protesters). Soldiers and troops are left out: in the
# conflicts khabar reads they are as often foreign as the country's own.
_ARMED = ("Unidentified Armed Group ({})", "Unidentified Armed Group", 3)
_POLICE = ("Police Forces of {}", "Police Forces", 1)
_MILITARY = ("Military Forces of {}", "Military Forces", 1)
_PROTESTERS = ("Protesters ({})", "Protesters", 6)
_RIOTERS = ("Rioters ({})", "Rioters", 5)
_UNNAMED_EN = {
    **dict.fromkeys(("gunman", "gunmen", "armed man", "armed men", "assailant", "assailants",
                     "attacker", "attackers", "militant", "militants"), _ARMED),
    **dict.fromkeys(("police", "policeman", "policemen", "police officer", "police officers",
                     "riot police"), _POLICE),
    **dict.fromkeys(("government forces", "government troops", "security forces"), _MILITARY),
    **dict.fromkeys(("protester", "protesters", "protestor", "protestors", "demonstrator",
                     "demonstrators"), _PROTESTERS),
}
# words that may stand before them ("the two unidentified gunmen"), English grammar
BEFORE_UNNAMED = frozenset({"the", "a", "an", "some", "several", "dozens", "of", "unidentified",
                             "unknown", "suspected", "masked", "two", "three", "four", "five",
                             "six", "seven", "eight", "nine", "ten"})


def unnamed_actor(text: str | None, event_type: str, country_name: str) -> tuple[str, int] | None:
    """ACLED's name and actor type for an English actor phrase no dictionary names ("Gunmen",
    "the police", "two unidentified assailants", "protesters"), named for ``country_name``,
    the event's country (ACLED's convention for unidentified actors; the police and government
    forces are taken to be that country's): ``_UNNAMED_EN`` after the words of
    ``BEFORE_UNNAMED`` and digits. In a protest only protesters act; elsewhere protesters who
    act are rioters (5), and never in a battle. ``None`` for any other phrase: one with a
    nationality or a name ("Israeli policemen", "Thames Valley Police"), whose country the
    event's need not be, a party no unnamed ACLED actor names ("supporters", "rebels"), and
    Arabic and Persian phrases (about a third were right on the contradiction dev store)."""
    words = alias_key(text or "").split()
    while words and (words[0] in BEFORE_UNNAMED or words[0].isdigit()):
        words = words[1:]
    kind = _UNNAMED_EN.get(" ".join(words))
    if kind is None:
        return None
    if event_type == "Protests" and kind is not _PROTESTERS:
        return None  # the police at a protest: ACLED's Protests rows have protesters as actor1
    if kind is _PROTESTERS and event_type != "Protests":
        if event_type == "Battles":
            return None
        kind = _RIOTERS
    return _named_for(kind, country_name)


def _named_for(kind: tuple[str, str, int], country_name: str) -> tuple[str, int]:
    """An unnamed actor's ACLED name for ``country_name`` (bare without one) and its type."""
    named, bare, code = kind
    return (named.format(country_name) if country_name else bare), code


def demonstrators(event_type: str, country_name: str) -> tuple[str, int] | None:
    """ACLED's actor1 of a demonstration whose reports name no actor it resolves: "Protesters
    (Iraq)" of a protest, "Rioters (Iraq)" of a riot (ACLED's codebook: every protest event has
    the protesters as its first actor; a group that called it is an associated actor). None for
    other event types."""
    kind = {"Protests": _PROTESTERS, "Riots": _RIOTERS}.get(event_type)
    return None if kind is None else _named_for(kind, country_name)


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two actor types, smaller first (17); one actor: its type
    followed by 0 (10); ``None`` when the first actor's type is unknown."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


# --- admin levels ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Row:
    kind: str
    country: str
    admin1: str
    name: str


@lru_cache(maxsize=1)
def _places() -> dict[str, _Row]:
    rows: dict[str, _Row] = {}
    for r in read_csv("gazetteer/admin1.tsv"):
        rows[r["id"]] = _Row("admin1", r["country"], "", r["name"])
    for r in read_csv("gazetteer/sites.tsv"):
        rows[r["id"]] = _Row(r["kind"], r["country"], r["admin1"], r["name"])
    for r in read_csv("gazetteer/world.tsv"):
        if r["kind"] != "country":
            rows.setdefault(r["id"], _Row(r["kind"], r["country"], r["admin1"], r["name"]))
    return rows


@lru_cache(maxsize=1)
def _iran_provinces() -> dict[str, str]:
    """The Iran file's province names (vowel-less slugs: "Khzstan") → the curated
    ``admin1.tsv`` name of the province that shares one of its names ("Khuzestan Province")."""
    curated = {alias_key(a): r["name"] for r in read_csv("gazetteer/admin1.tsv")
               if r["country"] == "IR" for a in r["aliases"].split("|")}  # fmt: skip
    out = {}
    for r in read_csv("gazetteer/world.tsv"):
        if r["id"].startswith("IRA-province-"):
            found = sorted({curated[k] for a in r["aliases"].split("|")
                            if (k := alias_key(a)) in curated})  # fmt: skip
            if len(found) == 1:
                out[r["name"]] = found[0]
    return out


@lru_cache(maxsize=1)
def _geonames_admin1() -> dict[tuple[str, str], str]:
    rows = read_csv("gazetteer/geonames_admin1.tsv")
    return {(r["country"], r["code"]): r["admin1"] for r in rows}


def _admin_name(name: str) -> str:
    """A division's name without its kind: "Baghdad Governorate" → "Baghdad"."""
    return _ADMIN_SUFFIX.sub("", name).strip() or name


def admin_levels(place_id: str | None) -> tuple[str, str, str]:
    """(admin1, admin2, admin3) names of a gazetteer place, "" where not known."""
    places = _places()
    row = places.get(place_id or "")
    if row is None:
        return "", "", ""
    if row.kind == "admin1":
        return _admin_name(row.name), "", ""
    pid = place_id or ""
    if pid.startswith("IQA-"):  # an Iraqi division's id is its path: province.district.sub

        def name_of(depth: int) -> str:
            parent = places.get("IQA-" + ".".join(parts[:depth]))
            return parent.name if parent else ""

        parts = pid[4:].split(".")
        if row.kind == "admin2":
            return _admin_name(name_of(1)), row.name, ""
        if row.kind == "admin3":
            return _admin_name(name_of(1)), name_of(2) if len(parts) >= 3 else "", row.name
        return _admin_name(name_of(1)), "", ""
    admin2 = row.name if row.kind == "admin2" else ""
    admin3 = row.name if row.kind == "admin3" else ""
    code = row.admin1
    if not code:
        return "", admin2, admin3
    if pid.startswith("GN-"):
        # a GeoNames admin1 code is no ISO 3166-2 code: Saudi Arabia's "06" is the Eastern
        # Province in GeoNames and Ha'il as SA-06; a numeric one is never looked up as one
        # (letters may be: Gaza's GZ is PS-GZ, the Gaza Strip)
        name = _geonames_admin1().get((row.country, code), "")
        if name or code.isdigit():
            return _admin_name(name), admin2, admin3
    for key in (code, f"{row.country}-{code}"):  # a site's ISO id; a CSC state code
        if key in places and places[key].kind == "admin1" and key.startswith(row.country):
            return _admin_name(places[key].name), admin2, admin3
    if pid.startswith("IRA-"):
        return _admin_name(_iran_provinces().get(code, code)), admin2, admin3
    return "", admin2, admin3


# --- time precision --------------------------------------------------------------------------


def time_precision(day: str | None, anchors: list[tuple[str, str | None]]) -> int:
    """ACLED's time precision of an event day: 1 when a report states the day (a date, or a
    weekday or "yesterday" counted from a known publication day), 2 when the day is only
    approximate (counted from a crawl time or an inferred publication day, or qualified:
    "around"), 3 for no day. ``anchors``: (what the day was counted from, qualifier) of the
    date mentions that gave it; none known counts as stated."""
    if not day or len(day) < 10:
        return 3
    if not anchors:
        return 1
    stated = any(a.startswith(_STATED_ANCHORS) and not q for a, q in anchors)
    return 1 if stated else 2
