"""Names to ids: which gazetteer places and which dictionary actors a name a user types means.

Input: a name in any language and script ("Aden", "عدن", "Houthis", "الحوثيون"), or an id
("GN-415189", "HOUTHI"). Output: the places (``places_named``) or actors (``actors_named``)
whose name or one of whose aliases is that name after normalisation (``alias_key``: the same
folding the extractors use, so "Aden" and "عدن" both give GeoNames 415189), each as a
``NamedRef`` (id, canonical name, country or kind). Nothing fuzzy: a name no resource lists
gives an empty list, and ``unknown_name`` the message saying so, with the names spelt most
like it. The gazetteer is loaded on the first call (about 2 s), then cached.

Example::

    [p.id for p in places_named("عدن")]   # ['GN-415189']
"""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from khabar.extract.actors import actor_dictionary, open_actor, world_actors
from khabar.extract.lexicon import alias_key, nisba_plurals, peeled_keys
from khabar.extract.places import gazetteer

__all__ = ["NamedRef", "actors_named", "places_named", "unknown_name"]


@dataclass(frozen=True, slots=True)
class NamedRef:
    """A place or actor a name resolved to: its id as stored in the facts (``place_mentions.
    place_id``, ``actor_mentions.actor_id``, ``entity_mentions.ref``), its canonical name, and
    ``about``: the place's country code or the actor's kind or sector."""

    id: str
    name: str
    about: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def places_named(name: str) -> list[NamedRef]:
    """Gazetteer places one of whose names is ``name`` (any script; case, hamza, harakat and
    the like folded; an Arabic clitic on the first word peeled when the whole is no name:
    بالموصل), or the place whose id it is; in gazetteer order, no duplicates."""
    g = gazetteer()
    key = next((k for k in peeled_keys(alias_key(name)) if k in g.index), "")
    ids = list(g.index.get(key, ()))
    if name.strip() in g.places and name.strip() not in ids:
        ids.insert(0, name.strip())
    return [NamedRef(i, g.places[i].name, g.places[i].country) for i in ids]


def _actor_keys(name: str) -> list[str]:
    """The alias keys ``name`` is looked up under, in order: its own (``alias_key``), its forms
    with an Arabic clitic peeled off the first word (``peeled_keys``: والحوثيين), then each
    of these read as an Arabic nisba's plural (``nisba_plurals``: الحوثي → الحوثيين)."""
    keys = peeled_keys(alias_key(name))
    return list(dict.fromkeys([*keys, *(p for k in keys for p in nisba_plurals(k))]))


def actors_named(name: str) -> list[NamedRef]:
    """Actors of the curated dictionary (``actors.tsv``) and of the open event-data dictionaries
    (``actors_world.tsv``) one of whose aliases is ``name`` (or, where none is, the first of its
    other forms that is: ``_actor_keys``), or whose id it is, then the
    entries of other dictionaries that share two aliases or more with one of them (the same
    actor under another id); curated first, no duplicates."""
    d, world = actor_dictionary(), world_actors()
    key = next((k for k in _actor_keys(name) if k in d.index or k in world), "")
    out: dict[str, NamedRef] = {}
    wanted = name.strip()
    curated = ([wanted] if wanted in d.actors else []) + list(d.index.get(key, ()))
    for actor_id in curated:
        actor = d.actors[actor_id]
        out.setdefault(actor_id, NamedRef(actor_id, actor.name, actor.kind))
    for actor in world.get(key, ()):
        out.setdefault(actor.id, NamedRef(actor.id, actor.name, actor.sector))
    if wanted not in out and (hit := open_actor(wanted)) is not None:  # an id typed as such
        out[wanted] = NamedRef(hit.id, hit.name, hit.sector)
    # the same actor under another dictionary's id: "Taliban" is Phoenix's TALIBAN, whose
    # aliases طالبان, گروه طالبان, جنبش طالبان are also PETRARCH Arabic's AR_TALBAN's (an
    # Arabic report's actor): an actor sharing _SAME_ACTOR aliases or more with one found
    aliases = _aliases()
    found = {k for i in out for k in aliases.get(i, ())}
    for key in sorted(found):
        for actor in world.get(key, ()):
            if actor.id not in out and len(found & aliases.get(actor.id, frozenset())) >= \
                    _SAME_ACTOR:  # fmt: skip
                out[actor.id] = NamedRef(actor.id, actor.name, actor.sector)
    return list(out.values())


# aliases two dictionary entries must share to be one actor (one alone may be a family name: الأسد
# is Bashar's and Hafez's)
_SAME_ACTOR = 2


@lru_cache(maxsize=1)
def _aliases() -> dict[str, frozenset[str]]:
    """Actor id → its alias keys, in the curated and the open dictionaries."""
    out: dict[str, set[str]] = {}
    for key, ids in actor_dictionary().index.items():
        for actor_id in ids:
            out.setdefault(actor_id, set()).add(key)
    for key, actors in world_actors().items():
        for actor in actors:
            out.setdefault(actor.id, set()).add(key)
    return {k: frozenset(v) for k, v in out.items()}


# what an unknown name message offers to try, by kind of name
_TRY = {"place": "another spelling or script (Kirkuk, كركوك) or a gazetteer id",
        "actor": "another spelling or script (Kata'ib Hezbollah, كتائب حزب الله) or an id"}


def unknown_name(kind: str, name: str) -> str:
    """The message for a ``kind`` ("place" or "actor") name that no resource knows: what was
    given, up to three names of the gazetteer or the actor dictionaries that are spelt most
    like it (``difflib`` ratio 0.7 or more, among those with the same first letter), and what
    else to try. ``KeyError`` for another kind."""
    key = alias_key(name)
    if kind == "place":
        names: list[str] = list(gazetteer().index)
    else:
        names = [*actor_dictionary().index, *world_actors()]
    names = [n for n in dict.fromkeys(names) if n[:1] == key[:1]]
    close = difflib.get_close_matches(key, names, n=3, cutoff=0.7) if key else []
    hint = f" (closest: {', '.join(close)})" if close else ""
    where = "gazetteer" if kind == "place" else "actor dictionaries"
    return f"{name!r} is no {kind} in khabar's {where}{hint}; try {_TRY[kind]}"
