"""Named-entity recognition: person, organisation, place and group names in ar, fa and en text.

Input: a text and its language (``ar``, ``fa``, ``en``; any other language gets no entities).
Output: ``EntityMention`` objects (span in the text, the text as written, label ``PER``,
``ORG``, ``LOC`` or ``NORP``, the model's marginal probability as ``score``).

Model: one linear-chain CRF per language (python-crfsuite), trained by
``training/ner/train.py`` on open labelled news (Arabic NewsFANE and Wojood, English wikigold,
BTC and WNUT17, the Arabic data again for Persian) and the project's own labelled sentences of
each language; see the card ``khabar/resources/models/ner.md``. The weights ship as
``khabar/resources/models/ner-{lang}.crfsuite``; nothing is downloaded. Tagging sums each
distinct word's weights once and decodes a document's sentences together in NumPy
(``khabar.extract.crf``, tested equal to crfsuite's own tagger); each text is tagged sentence
by sentence, as the training sentences were.

Features (``sentence_features``, shared with training): the normalised word and its
neighbours (±2), a stem with a leading و ب ل ف ك, ال or لل peeled (Arabic only, whether or not
it is a proclitic: ``khabar.extract.lexicon.variants``), prefixes and suffixes, shape (digits,
Latin capitals, length), whether the word starts or continues a name of khabar's gazetteer
or actor dictionary, and its distributional word class at three sizes (``resources/clusters``,
``khabar.resources.word_classes``: words that appear between the same neighbours in real
news, so an unseen name shares a class with seen ones). Tokens are words (letters, digits,
harakat, ZWNJ-joined Persian parts) and single punctuation marks.

Tokens: in Arabic a proclitic (و ف ب ل ك لل) is cut off its word when real news writes the
rest as a word of its own much more often than the whole (``lexicon.proclitic_length``, from
the shipped word counts): وبغداد → و + بغداد, للحوثيين → لل + حوثيين, but بغداد and وزير
stay whole; so entity spans start after the proclitic, as the annotation guideline has them.
A recognised name's first word is cut on weaker evidence (the rest merely more frequent than
the whole: ولحج → لحج).

Errors: ``ResourceError`` when a model file is missing or unreadable.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

import numpy as np

from khabar.errors import ResourceError
from khabar.extract.crf import CRFModel
from khabar.extract.lexicon import alias_key, proclitic_length, quoted_span, variants
from khabar.model import Span
from khabar.normalize import normalize
from khabar.resources import (
    clause_final_words,
    data_files,
    derived,
    frequent_tokens,
    org_heads,
    person_titles,
)

__all__ = [
    "NER_LANGS",
    "EntityMention",
    "extract_demonyms",
    "extract_entities",
    "extract_entities_batch",
    "facility_places",
    "feature_fingerprint",
    "inside_known_name",
    "is_country_name",
    "merge_entities",
    "named_again",
    "place_phrases",
    "recognise_batch",
    "sentence_features",
    "split_word",
    "tokenize",
    "word_key",
]

NER_LANGS = ("ar", "fa", "en")
LABELS = ("PER", "ORG", "LOC", "NORP")

_WORD_CHARS = r"[\w\u064b-\u065f\u0670]+"  # harakat (ّ in محمّد) stay inside the word
_TOKEN = re.compile(rf"{_WORD_CHARS}(?:[\u200c\u200d]{_WORD_CHARS})*|[^\w\s]")
_LATIN = re.compile(r"[A-Za-z]")
_MARK = re.compile(r"[\u064b-\u065f\u0670\u0640]")  # harakat and tatweel after a letter


@dataclass(frozen=True, slots=True)
class EntityMention:
    span: Span
    text: str
    label: str  # PER, ORG, LOC, NORP, GEN
    score: float  # marginal probability of the first token's tag (1.0 for look-ups)
    source: str = "model"  # model, gazetteer, dictionary, document (a name the document gave),
    # phrase (an institution named with its place: institution_names)
    ref: str | None = None  # the actor (actors.tsv / actors_world.tsv id) or place it names
    sector: str | None = None  # CAMEO country + role (IRQGOV, REB...) or a generic class


# A recognised name's first word is cut with weaker evidence than running text: ولحج → و + لحج
# although "ولحج" is a third as frequent as "لحج" (and/Lahij is a common pair), as the guideline
# leaves the clitic outside the name; but only where the rest is a known name and the whole is
# not (وليد, كفر نبل, باب المندب stay whole).
_NAME_SPLIT_RATIO = 1.0


@lru_cache(maxsize=50_000)
def _clitic_chars(word: str, ratio: float | None = None) -> int:
    """Characters of ``word`` (as written) that form its Arabic proclitic, or 0 (``ratio``:
    that of ``proclitic_length``, its default if None)."""
    norm = normalize(word)
    k = proclitic_length(norm) if ratio is None else proclitic_length(norm, ratio)
    if not k:
        return 0
    for i in range(1, len(word)):  # the written prefix that normalises to the proclitic
        if normalize(word[:i]) == norm[:k] and not _MARK.match(word[i]):
            return i
    return 0


def tokenize(text: str, lang: str = "") -> list[tuple[int, int]]:
    """Character spans of the tokens of ``text``: words and single punctuation marks; in Arabic
    a proclitic is a token of its own (وبغداد → و + بغداد, see ``proclitic_length``)."""
    out = []
    for m in _TOKEN.finditer(text):
        a, b = m.start(), m.end()
        k = _clitic_chars(text[a:b]) if lang == "ar" and b - a > 2 else 0
        if k:
            out.append((a, a + k))
        out.append((a + k, b))
    return out


def split_word(word: str, lang: str) -> list[str]:
    """A training corpus word as ``tokenize`` would cut it (its proclitic apart, in Arabic)."""
    k = _clitic_chars(word) if lang == "ar" and len(word) > 2 else 0
    return [word[:k], word[k:]] if k else [word]


@lru_cache(maxsize=1)
def _name_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """First words and inner words of the gazetteer's and the actor dictionary's names (kept
    between processes: ``resources.derived``)."""
    return derived("name-words", _build_name_words, data_files())


def _build_name_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    from khabar.extract.actors import actor_dictionary
    from khabar.extract.places import gazetteer

    def split(keys: Any) -> tuple[frozenset[str], frozenset[str]]:
        first, inner = set(), set()
        for key in keys:
            words = key.split(" ")
            first.add(words[0])
            inner.update(words[1:])
        return frozenset(first), frozenset(inner)

    g_first, g_inner = split(gazetteer().index)
    a_first, a_inner = split(actor_dictionary().index)
    return g_first, g_inner, a_first, a_inner


def feature_fingerprint() -> str:
    """SHA-256 of the name words (gazetteer and actor dictionary) and word classes the features
    read: training records it beside the weights, and a test fails when the resources moved
    since training."""
    import hashlib

    h = hashlib.sha256()
    for words in _name_words():
        h.update("\n".join(sorted(words)).encode("utf-8") + b"\0")
    for lang in NER_LANGS:
        h.update(repr(sorted(_classes(lang).items())).encode("utf-8"))
    return h.hexdigest()


class _ShapeTable(dict[int, str]):
    """``str.translate`` table of a word's shape: A-Z → X, a-z → x, digits → d, other
    non-ASCII → a (filled on first sight of a character)."""

    def __missing__(self, key: int) -> str:
        ch = chr(key)
        value = ("X" if "A" <= ch <= "Z" else "x" if "a" <= ch <= "z" else "d" if ch.isdecimal()
                 else "a" if key > 0x7F else ch)  # fmt: skip
        self[key] = value
        return value


_SHAPE = _ShapeTable()
_REPEAT = re.compile(r"(.)\1\1+")  # a run of three or more: kept as two


def _shape(word: str) -> str:
    """Xxxx for Baghdad, dd for 12, aa for بغداد (runs cut to two)."""
    return _REPEAT.sub(_two, word.translate(_SHAPE))


def _two(run: re.Match[str]) -> str:
    return run.group()[:2]


def word_key(word: str) -> str:
    """The form a word's features and word classes are keyed by: letters folded as for
    matching (``alias_key``), lower case."""
    return (alias_key(word) or word).lower()


def _word_features(word: str, lang: str) -> tuple[dict[str, float], tuple[str, ...]]:
    """A word's own CRF features (``name=value`` flags), and what its neighbours see of it."""
    low = word_key(word)
    forms = [f for f, _ in variants(low)] if lang == "ar" else [low]
    if lang == "ar":
        forms += [f[2:] for f in forms if f.startswith("ال") and len(f) > 4]
    g_first, g_inner, a_first, a_inner = _name_words()
    gaz = (any(x in g_first for x in forms), any(x in g_inner for x in forms))
    dic = (any(x in a_first for x in forms), any(x in a_inner for x in forms))
    title = word[:1].isupper()
    flags = {
        "bias": 1.0,
        "lang=" + lang: 1.0,
        "w=" + low: 1.0,
        "stem=" + forms[-1]: 1.0,
        "p2=" + low[:2]: 1.0,
        "p3=" + low[:3]: 1.0,
        "s2=" + low[-2:]: 1.0,
        "s3=" + low[-3:]: 1.0,
        "shape=" + _shape(word): 1.0,
        "len": float(min(len(word), 8)),
        "title": float(title),
        "upper": float(word.isupper() and len(word) > 1),
        "digit": float(any(c.isdigit() for c in word)),
        "punct": float(not any(c.isalnum() for c in word)),
        "latin": float(bool(_LATIN.search(word))),
        "gaz_first": float(gaz[0]),
        "gaz_inner": float(gaz[1]),
        "dict_first": float(dic[0]),
        "dict_inner": float(dic[1]),
    }
    # each language's classes are its own k-means run: the value names the table (the Persian
    # model also learns from Arabic sentences, whose class 87 is not Persian class 87)
    classes = [f"{lang}{c}" for c in _classes(lang).get(low, ())]
    for name, value in zip(_CLASS_NAMES, classes, strict=False):
        flags[f"{name}={value}"] = 1.0
    seen = ("w=" + low, "stem=" + forms[-1], f"title={title}", f"gaz={any(gaz)}",
            f"dict={any(dic)}", f"c={classes[_NEAR_CLASS] if classes else '-'}")  # fmt: skip
    return {k: v for k, v in flags.items() if v}, seen


_CLASS_NAMES = ("c32", "c128", "c512")  # the columns of resources/clusters/<lang>.tsv
_NEAR_CLASS = 1  # a neighbour sees the word's class among 128


def _classes(lang: str) -> dict[str, tuple[str, ...]]:
    """The word classes of ``lang`` (``resources/clusters``), or none for another language."""
    from khabar.resources import word_classes

    return word_classes(lang) if lang in NER_LANGS else {}


_Flags = dict[str, float]
_NEAR = (-2, -1, 1, 2)  # the neighbours a token's features look at
_EDGE = {"edge": 1.0}


@lru_cache(maxsize=50_000)
def _word_items(word: str, lang: str) -> tuple[_Flags, _Flags, _Flags]:
    """A word's features: its own; what a word one place away sees of it (word, stem,
    capitals, gazetteer/dictionary flags); what a word two places away sees (word and stem)."""
    own, seen = _word_features(word, lang)
    return own, dict.fromkeys(seen, 1.0), dict.fromkeys(seen[:2], 1.0)


def sentence_features(words: list[str], lang: str, items_of: Any = None) -> list[dict[str, Any]]:
    """CRF features of each word of a sentence, as crfsuite's trainer takes them: the word's
    own, and under ``-2`` .. ``2`` what its neighbours show of themselves (nested: crfsuite names
    them ``-1:w=...``) or ``edge`` past the sentence's ends. Tagging sums the same weights per
    word (``_word_vectors``), so the two cannot drift apart. ``items_of(word, lang)``: a word's
    (own, near, far) flags, the recogniser's (``_word_items``) unless given."""
    items = [(items_of or _word_items)(w, lang) for w in words]
    n = len(items)
    out = []
    for i, item in enumerate(items):
        x: dict[str, Any] = dict(item[0])
        for d in _NEAR:  # copies: the cached dicts never leave this module
            j = i + d
            x[str(d)] = dict((items[j][1] if d in (-1, 1) else items[j][2]) if 0 <= j < n
                             else _EDGE)  # fmt: skip
        out.append(x)
    return out


AgentTables = tuple[dict[str, str], frozenset[str], frozenset[str]]


def gen_features(words: list[str], lang: str,
                 agents: AgentTables | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """The generic-actor tagger's features of each word of a sentence (``sentence_features``
    over ``_gen_items``: the recogniser's flags and the generic-actor lexicon's). ``agents``:
    other lexicon tables than the shipped one's (``agent_tables``; training reads each
    sentence with the lexicon less the phrases only its own label file gave)."""
    if agents is None:
        return sentence_features(words, lang, _gen_items)
    return sentence_features(words, lang, lambda w, lg: gen_word_items(w, lg, agents))


@lru_cache(maxsize=50_000)
def _gen_items(word: str, lang: str) -> tuple[_Flags, _Flags, _Flags]:
    return gen_word_items(word, lang, _agent_words(lang))


def gen_word_items(word: str, lang: str, agents: AgentTables) -> tuple[_Flags, _Flags, _Flags]:
    """``_word_items`` plus what the generic-actor lexicon (``agents``) says of the word:
    whether it is a one-word agent and of which class (``agent``, ``agent=police``: rare classes
    learn from the common ones), whether it starts or continues a longer agent phrase; a word
    one place away sees both. Arabic proclitics and the article are peeled (``variants``)."""
    own, near, far = _word_items(word, lang)
    single, firsts, inners = agents
    low = word_key(word)
    forms = [f for f, _ in variants(low, strip_article=True)] if lang == "ar" else [low]
    cls = next((single[f] for f in forms if f in single), None)
    extra = {"agent": 1.0, f"agent={cls}": 1.0} if cls else {}
    if any(f in firsts for f in forms):
        extra["agent_first"] = 1.0
    if any(f in inners for f in forms):
        extra["agent_inner"] = 1.0
    return {**own, **extra}, {**near, f"agent={cls or '-'}": 1.0, f"agent={bool(cls)}": 1.0}, far


def agent_tables(classes: dict[str, str]) -> AgentTables:
    """A generic-actor lexicon (alias key → class, as ``actors.generic_agents`` keys it) by
    word: one-word agents → class, first words and later words of the longer ones."""
    single = {k: c for k, c in classes.items() if " " not in k}
    firsts = frozenset(k.split(" ")[0] for k in classes if " " in k)
    inners = frozenset(w for k in classes if " " in k for w in k.split(" ")[1:])
    return single, firsts, inners


@lru_cache(maxsize=4)
def _agent_words(lang: str) -> AgentTables:
    """``agent_tables`` of the shipped generic-actor lexicon of ``lang``."""
    from khabar.extract.actors import generic_agents

    return agent_tables(generic_agents(lang)[1])


def load_models() -> None:
    """Load each language's recogniser, generic-actor tagger, word classes and person titles
    (ingest's warm-up)."""
    for lang in NER_LANGS:
        for tagger in _TAGGERS:
            _model(lang, tagger)
            _preset(lang, tagger)
            _edges(lang, tagger)
        _agent_words(lang)
        _classes(lang)
        person_titles(lang)


# the taggers of this module: the name recogniser (PER, ORG, LOC, NORP: training/ner/train.py)
# and the generic-actor tagger (GEN: training/ner/train_gen.py), each with its word features
_TAGGERS = {"ner": _word_items, "gen": _gen_items}


# one model per language and tagger, kept: every call names both (lru_cache keys ``(lang,)`` and
# ``(lang, "ner")`` apart, and in a cache of six the nine keys loaded a model again and again)
@cache
def _model(lang: str, tagger: str) -> CRFModel:
    from khabar.resources import model_path

    try:
        return CRFModel(model_path(f"{tagger}-{lang}.crfsuite"))
    except ResourceError as exc:
        raise ResourceError(f"{tagger} model for {lang!r}: {exc}; reinstall khabar") from exc


# (tagger, language) → word → ``_word_vectors``
_VECTORS: dict[tuple[str, str], dict[str, np.ndarray]] = {}
_VECTORS_MAX = 100_000  # words kept per tagger and language; the table starts afresh past it
_PREFIXES = ("", *(f"{d}:" for d in _NEAR))


def _word_vectors(words: Iterable[str], lang: str, tagger: str = "ner") -> dict[str, np.ndarray]:
    """What each word adds to the emissions of ``tagger`` (``_TAGGERS``), shape ``(5,
    labels)``: row 0 to its own token; row k + 1 to the token that sees it ``d = _NEAR[k]``
    places away (under the prefix ``d:``). Returns the language's table, holding at least
    ``words``; the words it lacks are weighed in one call (a document's new words together)."""
    key = (tagger, lang)
    table = _VECTORS.get(key)
    if table is None:
        table = _VECTORS[key] = dict(_preset(lang, tagger))
    wanted = list(dict.fromkeys(words))
    new = [w for w in wanted if w not in table]
    if not new:
        return table
    if len(table) + len(new) > _VECTORS_MAX:
        # a new table, not a cleared one: a thread reading the old one keeps its words
        table = _VECTORS[key] = dict(_preset(lang, tagger))
        new = [w for w in wanted if w not in table]
    table.update(zip(new, _weighed(new, lang, tagger), strict=True))
    return table


def _weighed(words: list[str], lang: str, tagger: str = "ner") -> np.ndarray:
    """``_word_vectors``' rows of ``words``, shape ``(words, 5, labels)``, read-only."""
    groups: list[_Flags] = []
    items = _TAGGERS[tagger]
    for w in words:
        own, near, far = items(w, lang)
        # the token at i - d sees this word under the prefix "d:"
        groups += [own] + [near if d in (-1, 1) else far for d in _NEAR]
    weights = _model(lang, tagger).weights_grouped(groups, _PREFIXES * len(words))
    weights = weights.reshape(len(words), len(_PREFIXES), -1)
    weights.setflags(write=False)  # shared by every sentence with these words
    return weights


@lru_cache(maxsize=2 * len(NER_LANGS))
def _preset(lang: str, tagger: str) -> dict[str, np.ndarray]:
    """``_word_vectors``' rows of the language's most frequent tokens
    (``resources.frequent_tokens``, ``ner``), weighed once and kept between processes
    (``resources.derived``: about 1 s to weigh 20,000, 0.02 s to read back): what each
    process's table starts from. Every word's rows are its own whatever words are weighed
    with it, so a preset word is weighed as it would be on first sight."""
    from khabar.resources import model_path

    def build() -> tuple[tuple[str, ...], np.ndarray]:
        words = [w for w in dict.fromkeys(frequent_tokens(lang, "ner"))
                 if len(w) <= _PRESET_MAX_CHARS]  # fmt: skip
        return tuple(words), (np.array(_weighed(words, lang, tagger)) if words
                              else np.zeros((0, 5, 0)))  # fmt: skip

    path = model_path(f"{tagger}-{lang}.crfsuite")
    words, weights = derived(f"{tagger}-preset-{lang}", build, [path, *data_files()])
    weights.setflags(write=False)
    return dict(zip(words, weights, strict=True))


_PRESET_MAX_CHARS = 64  # a longer token is no word of news


@lru_cache(maxsize=2 * len(NER_LANGS))
def _edges(lang: str, tagger: str) -> np.ndarray:
    """Emission of ``edge`` under each prefix of ``_NEAR``, shape ``(4, labels)``."""
    model = _model(lang, tagger)
    out = np.stack([model.weights(_EDGE, f"{d}:") for d in _NEAR])
    out.setflags(write=False)  # cached
    return out


def _emissions(words: list[str], lang: str, tagger: str = "ner") -> np.ndarray:
    """Summed state weights of each token of a sentence, shape ``(tokens, labels)``."""
    return _batch_emissions([words], lang, tagger)[0]


def _batch_emissions(sentences: list[list[str]], lang: str,
                     tagger: str = "ner") -> list[np.ndarray]:  # fmt: skip
    """``_emissions`` of each sentence, computed for all of them in one pass over their tokens
    laid end to end (a document's sentences: a few NumPy calls in all, not per sentence)."""
    labels = len(_model(lang, tagger).labels)
    flat = [w for sentence in sentences for w in sentence]
    if not flat:
        return [np.zeros((0, labels)) for _ in sentences]
    table = _word_vectors(flat, lang, tagger)
    vec = np.array([table[w] for w in flat])  # (tokens, 5, labels); as np.stack, faster
    lengths = np.array([len(sentence) for sentence in sentences])
    ends = np.cumsum(lengths)
    # each token's place in its sentence and the length of that sentence
    length = np.repeat(lengths, lengths)
    place = np.arange(len(flat)) - np.repeat(ends - lengths, lengths)
    em = vec[:, 0].copy()
    edges = _edges(lang, tagger)
    for k, d in enumerate(_NEAR):
        # token i sees token i + d of its own sentence (row k + 1 of that word), or the edge
        seen = place + d
        inside = (seen >= 0) & (seen < length)
        at = np.flatnonzero(inside)
        em[at] += vec[at + d, k + 1]
        em[~inside] += edges[k]
    return np.split(em, ends[:-1])


def extract_entities(text: str, lang: str) -> list[EntityMention]:
    """Entity mentions of ``text`` in ``lang`` (module docstring); [] for other languages."""
    return extract_entities_batch([text], lang)[0]


def extract_entities_batch(texts: list[str], lang: str) -> list[list[EntityMention]]:
    """``extract_entities`` of each text, decoded together (one padded batch: the fast way for
    the paragraphs of a document). Each text is tagged sentence by sentence (``_sentences``),
    as the recogniser was trained."""
    return _recognise(texts, lang, generic=False)[0]


def recognise_batch(
    texts: list[str], lang: str
) -> tuple[list[list[EntityMention]], list[list[EntityMention]]]:
    """(``extract_entities_batch`` of the texts, the generic-actor tagger's GEN mentions of
    each): the tagger (``gen-{lang}.crfsuite``, ``training/ner/train_gen.py``) finds the
    phrases of generic actors with their modifiers ("unidentified gunmen", مسلحين حوثيين);
    ``actors.extract_generic_actors`` gives them their class. Score 1.0 (no marginals)."""
    return _recognise(texts, lang, generic=True)


def _recognise(texts: list[str], lang: str, generic: bool) -> tuple[list[list[EntityMention]],
                                                                   list[list[EntityMention]]]:
    out: list[list[EntityMention]] = [[] for _ in texts]
    gen: list[list[EntityMention]] = [[] for _ in texts]
    if lang not in NER_LANGS:
        return out, gen
    todo = [(i, t, part) for i, t in enumerate(texts) if t.strip()
            for part in _sentences(tokenize(t, lang), t)]  # fmt: skip
    if not todo:
        return out, gen
    words = [[t[a:b] for a, b in spans] for _, t, spans in todo]
    emissions = _batch_emissions(words, lang)  # the document's new words weighed in one go
    decoded = _model(lang, "ner").decode(emissions)
    for (i, text, spans), (tags, probs) in zip(todo, decoded, strict=True):
        found = _mentions(text, spans, tags, probs)
        found = [_without_sayyid(m) for m in found]
        if lang == "en":
            found = [n for m in found for n in _without_nationality(m)]
        found = [adjective_country(_peeled(m), text) for m in found] if lang == "ar" else found
        out[i] += [without_title(m, lang) for m in found]
    if generic:
        emissions = _batch_emissions(words, lang, "gen")
        decoded = _model(lang, "gen").decode(emissions, marginals=False)
        for (i, text, spans), (tags, probs) in zip(todo, decoded, strict=True):
            gen[i] += _mentions(text, spans, tags, probs)
    return out, gen


# the article, alone or after a proclitic, that a definite Arabic noun begins with
_DEFINITE = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل")
_NAME_OF_COUNTRY = frozenset({"العربيه"})  # المملكة العربية السعودية: the name goes on


def adjective_country(m: EntityMention, text: str) -> EntityMention:
    """An Arabic country name that is also the feminine of its nationality adjective
    (السعودية, Saudi: the masculine السعودي is a nationality word, ``places.nationality_word``)
    is that adjective, NORP, right after a definite noun or adjective it qualifies: "المنتجات
    السعودية", "الكرة السعودية", "الشركات النفطية السعودية" (Arabic grammar: a definite
    adjective follows its noun; the guideline's NORP, ``docs/annotation.md``), but not after
    العربية of "المملكة العربية السعودية" nor after a short word (الى "to", التي "which").
    Other mentions come back as they were."""
    from khabar.extract.places import nationality_word

    key = alias_key(m.text) if m.label == "LOC" else ""
    if not key or " " in key or not key.endswith("يه") or nationality_word(key[:-1], "ar") is None:
        return m
    if text[m.span.start - 1 : m.span.start] != " ":
        return m
    before = text[: m.span.start].split()
    prev = alias_key(before[-1]) if before else ""
    if not prev or not prev.startswith(_DEFINITE) or len(prev) < 5 or prev in _NAME_OF_COUNTRY:
        return m
    return replace(m, label="NORP")


def without_title(m: EntityMention, lang: str) -> EntityMention:
    """A person's name of two words or more without the titles, ranks, roles or nationality
    words it starts with (``resources.person_titles``, counted in the recogniser's training
    sentences): العريف عيد ماطر مبارك الشهراني → عيد ماطر مبارك الشهراني, "President Joe
    Biden" → "Joe Biden", as the guideline spans a name (``docs/annotation.md``: titles and
    roles are not part of it). A mention of titles only ("الرئيس اليمني": no name in it) and
    other mentions come back as they were."""
    if m.label != "PER":
        return m
    titles = person_titles(lang)
    cut = next((w.start() for w in re.finditer(r"\S+", m.text)
                if word_key(w.group()) not in titles), 0)  # fmt: skip
    if not cut:
        return m
    return replace(m, span=Span(m.span.start + cut, m.span.end), text=m.text[cut:])


def _without_nationality(m: EntityMention) -> list[EntityMention]:
    """An English name of three words or more that starts with a nationality or a country
    ("American Robert Durst", "Iran Brian Hook"): the rest, when the recogniser reads it alone
    as one person ("Robert Durst", PER); the first word is left to the nationality words and the
    gazetteer (NORP, LOC). Otherwise the mention as it was ("American Red Cross")."""
    from khabar.extract.places import gazetteer
    from khabar.resources import demonyms

    words = m.text.split(" ")
    if len(words) < 3 or not (words[0] in demonyms() or is_country_name(words[0], gazetteer())):
        return [m]
    cut = len(words[0]) + 1
    rest = m.text[cut:]
    (alone,) = extract_entities_batch([rest], "en") or [[]]
    if len(alone) != 1 or alone[0].label != "PER" or \
            (alone[0].span.start, alone[0].span.end) != (0, len(rest)):  # fmt: skip
        return [m]  # "American Red Cross" stays whole: only a person is split off
    return [replace(alone[0], span=Span(m.span.start + cut, m.span.end), text=rest)]


def is_country_name(word: str, g: Any) -> bool:
    """Whether ``word`` is a country's name in the gazetteer (Iran, Iraq)."""
    return any(g.places[i].precision == "country" for i in g.index.get(alias_key(word), ()))


# The honorific of the Prophet's descendants written joined to the given name (سیدعلی, سيدحسن):
# the guideline leaves titles out of a person's span (docs/annotation.md), and the gold writes
# سیدعلی دلبری → علی دلبری. Arabic script, a closed form (سید with Persian or Arabic yeh)
_SAYYID = re.compile(r"^س[یي]د(?=\w{3})")


def _without_sayyid(m: EntityMention) -> EntityMention:
    """A person's span without سید joined to the first name (سیداحمد میرعمادی → احمد میرعمادی)."""
    hit = _SAYYID.match(m.text) if m.label == "PER" and " " in m.text.strip() else None
    if hit is None:
        return m
    k = hit.end()
    return replace(m, span=Span(m.span.start + k, m.span.end), text=m.text[k:])


def _peeled(m: EntityMention) -> EntityMention:
    """An Arabic name without the proclitic glued to its first word (ولحج → لحج), where the
    rest is the more frequent word (``_NAME_SPLIT_RATIO``) and a word of a gazetteer or actor
    dictionary name, and the whole is neither (وليد stays whole)."""
    first = m.text.split(maxsplit=1)[0] if m.text.strip() else ""
    if _and_the(first) and not _name_word(first):
        k = 1  # و + ال + a name no count knows (والباراجواي → الباراجواي)
    else:
        k = _clitic_chars(first, _NAME_SPLIT_RATIO) if len(first) > 2 else 0
        if not k or k >= len(m.text) or not _name_word(first[k:]) or _name_word(first):
            return m
    return replace(m, span=Span(m.span.start + k, m.span.end), text=m.text[k:])


_AND_THE_REST = 5  # letters after و of an و + ال word: ال and a stem of three (والي stays whole)


def _and_the(word: str) -> bool:
    """A word written و + ال + at least three letters, unvoweled (والنخيلة): the conjunction
    joined to a name with its article. Arabic spelling: no other word starts so but a few
    short ones (والي, والد, والده)."""
    return word.startswith("وال") and len(normalize(word)) - 1 >= _AND_THE_REST


def _name_word(word: str) -> bool:
    """Whether ``word`` is a word of a gazetteer or actor dictionary name."""
    key = word_key(word)
    return any(key in words for words in _name_words())


_SENTENCE_END = frozenset(".!?؟")
# English titles written with a full stop ("Mr. Biden", "Dr. Smith"): not a sentence's end
_TITLES = frozenset("mr mrs ms dr prof gen lt col maj capt sgt gov sen rep st jr sr rev".split())


def _sentences(spans: list[tuple[int, int]], text: str) -> list[list[tuple[int, int]]]:
    """Token spans cut after each sentence-final mark (. ! ? ؟) that ends a word of two or
    more letters (not the U. of U.S.) other than a title (Mr., Dr., Gen.), and is followed by
    more text."""
    out: list[list[tuple[int, int]]] = []
    start = 0
    for k in range(1, len(spans) - 1):
        a, b = spans[k]
        before = text[spans[k - 1][0] : spans[k - 1][1]]
        if (b - a == 1 and text[a] in _SENTENCE_END and len(before) > 1
                and before.lower() not in _TITLES):  # fmt: skip
            out.append(spans[start : k + 1])
            start = k + 1
    if start < len(spans):
        out.append(spans[start:])
    return out


# Arabic name links (Arabic grammar, a closed set): بن/ابن son of, بنت daughter of, أبو/أبي/أبا
# father of, آل family of; a person's name goes on past them (عبدالله بن مساعد)
_LINKS = frozenset("بن ابن بنت أبو ابو أبي ابي أبا ابا آل".split())


def _mentions(text: str, spans: list[tuple[int, int]], tags: list[str],
              probs: list[float]) -> list[EntityMention]:  # fmt: skip
    """Entities of BIO ``tags`` over token ``spans``; the score is the first tag's marginal."""
    out: list[EntityMention] = []
    i = 0
    while i < len(tags):
        tag = tags[i]
        if tag == "O" or "-" not in tag:
            i += 1
            continue
        label = tag[2:]
        j = i + 1
        while j < len(tags) and tags[j] == f"I-{label}":
            j += 1
        # a person's name never ends on "son of" / "father of": the next word is its own part
        while label == "PER" and j < len(tags) and text[spans[j - 1][0] : spans[j - 1][1]] in \
                _LINKS and text[spans[j][0] : spans[j][1]].isalpha():  # fmt: skip
            j += 1
        # a name inside quotation marks it opens: the name (تنظيم «داعش → داعش)
        start, end = quoted_span(text, spans[i][0], spans[j - 1][1])
        # and never a punctuation token at either end (": فريد" → فريد), but for the full stop
        # of an abbreviation (D.C.) and a bracket the name opens
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not (text[end - 1].isalnum() or text[end - 1] == "."
                                   or (text[end - 1] == ")" and "(" in text[start:end])):
            end -= 1
        if start < end:
            out.append(EntityMention(Span(start, end), text[start:end], label,
                                     round(probs[i], 4)))  # fmt: skip
        i = j
    return out


_ACTOR_LABEL = {"official": "PER", "anonymous": "GEN", "generic": "GEN"}
# a capitalised English word, or words joined by a hyphen ("Romanian-American")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)*\b")


def extract_demonyms(text: str, lang: str) -> list[EntityMention]:
    """NORP mentions: nationality words. English by ``resources/demonyms.tsv`` ("Iraqi",
    "Americans", "North Korean" (two words before one), "Romanian-American" when each part is
    one); Arabic and Persian by a country's press name and the grammar of the nisba
    (``places.nationality_word``: اليمني, السعوديين, ایرانی, آمریکایی), after the proclitic
    ``tokenize`` cuts off (والسعودي → السعودي); none for other languages. ``ref`` stays
    empty: a country code would read as an actor id (IS, KH)."""
    if lang in ("ar", "fa"):
        out = []
        for m in _TOKEN.finditer(text):
            if (k := _nisba_at(m.group(), lang)) is not None:
                a = m.start() + k
                out.append(EntityMention(Span(a, m.end()), text[a : m.end()], "NORP", 1.0,
                                         "dictionary"))  # fmt: skip
        return out
    if lang != "en":
        return []
    from khabar.resources import demonyms

    known = demonyms()
    words = [m for m in _CAPITALISED.finditer(text)
             if not (m.start() and text[m.start() - 1] in "-.")]  # "U.S.-Mexican border"
    out, k = [], 0
    while k < len(words):
        m = words[k]
        nxt = words[k + 1] if k + 1 < len(words) else None
        if nxt is not None and nxt.start() == m.end() + 1 and text[m.end()] == " " and \
                f"{m.group()} {nxt.group()}" in known:  # fmt: skip
            a, b, k = m.start(), nxt.end(), k + 2
        elif m.group() in known or ("-" in m.group()
                                    and all(w in known for w in m.group().split("-"))):  # fmt: skip
            a, b, k = m.start(), m.end(), k + 1
        else:
            k += 1
            continue
        out.append(EntityMention(Span(a, b), text[a:b], "NORP", 1.0, "dictionary"))
    return out


@lru_cache(maxsize=1 << 16)
def _nisba_at(word: str, lang: str) -> int | None:
    """Where a nationality word starts in a token of ``lang`` (after the proclitic ``tokenize``
    cuts off, or one glued to the article: 1 for والسعودي and والإيطاليون), or None when the
    token holds none (``places.nationality_word``; cached per word: it is asked of every Arabic
    and Persian word)."""
    from khabar.extract.places import nationality_word

    k = _clitic_chars(word) if lang == "ar" and len(word) > 2 else 0
    if lang == "ar" and not k and (glued := _GLUED_ARTICLE.match(word)):
        k = glued.end() - 2  # والإيطاليون, which news writes whole more often than apart
    if k and nationality_word(word[k:], lang):
        return k
    return 0 if nationality_word(word, lang) else None  # بالاوي: no proclitic after all


# an Arabic proclitic (و ف, then ب ل ك, or one of them alone) before the article ال: Arabic
# grammar, a closed set
_GLUED_ARTICLE = re.compile(r"(?:[وف][بلك]?|[بلك])ال")


_SURNAME_MIN = 4  # letters of a surname that names its person alone later in the document
_COMMON_SURNAMES = 3_000  # never a surname among the language's most frequent words


@lru_cache(maxsize=len(NER_LANGS))
def _frequent_words(lang: str) -> frozenset[str]:
    """The ``_COMMON_SURNAMES`` most frequent words of ``lang``'s news (``resources/wordfreq``)."""
    from khabar.resources import word_counts

    counts = word_counts(lang) if lang in NER_LANGS else {}
    return frozenset(sorted(counts, key=lambda w: -counts[w])[:_COMMON_SURNAMES])


def named_again(texts: list[str], recognised: list[list[EntityMention]],
                lang: str) -> list[list[EntityMention]]:  # fmt: skip
    """Names the recogniser found once in a document, where the document writes them again
    and the recogniser missed them, one list per text of ``texts`` (a document's paragraphs,
    ``recognised`` their mentions): a name of two words or more written again the same, with
    its label (جبهه پایداری found once, missed six times after), and a person's surname alone
    ("مريم رجوي" ... "رجوي", "Robert Durst" ... "Durst"). Source ``document``, the first
    mention's probability as score, never where a recognised mention stands; a surname of fewer
    than four letters or among the language's 3,000 most frequent words is not used."""
    common = _frequent_words(lang)
    names: dict[str, tuple[str, float]] = {}  # text → (label, score)
    for found in recognised:
        for m in found:
            words = m.text.split()
            if len(words) < 2:
                continue
            names.setdefault(m.text, (m.label, m.score))  # the same name again, as it was
            if m.label == "PER" and len(words[-1]) >= _SURNAME_MIN \
                    and words[-1].isalpha() and word_key(words[-1]) not in common:  # fmt: skip
                names.setdefault(words[-1], ("PER", m.score))
    out: list[list[EntityMention]] = [[] for _ in texts]
    if not names:
        return out
    alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    for i, text in enumerate(texts):
        taken = [(m.span.start, m.span.end) for m in recognised[i]]
        for hit in pattern.finditer(text):
            a, b = hit.span()
            if not any(x < b and a < y for x, y in taken):
                label, score = names[hit.group()]
                out[i].append(EntityMention(Span(a, b), hit.group(), label, score, "document"))
    return out


def inside_known_name(span: Span, actors: list[Any]) -> bool:
    """Whether ``span`` lies inside a longer name of a dictionary actor (القدس in فيلق القدس)."""
    return span.inside_longer(a.span for a in actors if a.actor_id)


def inside_person_name(span: Span, model: list[EntityMention]) -> bool:
    """Whether ``span`` lies inside a longer person's name the recogniser found ("Leon" of
    "Leon van Biljon", which the gazetteer holds as León in Mexico)."""
    return span.inside_longer(m.span for m in model if m.label == "PER")


def person_surnames(model_by_paragraph: Iterable[list[EntityMention]]) -> frozenset[str]:
    """The last words (normalised) of the persons' names of two words or more that the
    recogniser found in a document, where the recogniser also found the word alone as a
    person, at least as often as alone as a place: a name that later stands alone ("کامرون"
    after "دیوید کامرون"; "Bolton" after "John Bolton", three times a person and once a place)
    is that person's. Never a word only a longer name ends with ("رييس‌جمهور كره‌جنوبي", the
    president of South Korea, which the Persian recogniser took for a person's name)."""
    mentions = [(normalize(m.text).split(), m.label, m.source) for model in model_by_paragraph
                for m in model if m.label in ("PER", "LOC")]  # fmt: skip
    # the recogniser's own votes: not the surnames ``named_again`` wrote in where it was silent
    alone = Counter((words[0], label) for words, label, source in mentions
                    if len(words) == 1 and source == "model")  # fmt: skip
    full = {words[-1] for words, label, _ in mentions if label == "PER" and len(words) > 1}
    return frozenset(w for w in full if 0 < alone[(w, "PER")] >= alone[(w, "LOC")])


def in_persons_name(span: Span, text: str, model: list[EntityMention],
                    surnames: frozenset[str]) -> bool:  # fmt: skip
    """Whether ``span`` of ``text`` lies inside a longer person's name the recogniser found
    ("صالح سجادي", "نور سلطان نظربایف"), or is the surname of a person the document names in
    full (``person_surnames``), whatever the recogniser called it there: "کامرون", David
    Cameron, not Cameroon. A person's name alone ("یونان" the recogniser took for one) stays a
    place. Lost with it: a place the recogniser ran a person's name over ("محمود آباد اصفهان",
    two of 36 such places of 500 Fars articles)."""
    return inside_person_name(span, model) or normalize(text[span.start : span.end]) in surnames


# Arabic words of descent inside a person's name ("عبدالله بن محمد السويد"): the words after
# them are forefathers' and family names. Arabic grammar, a closed list
_PATRONYMS = frozenset(normalize(w) for w in ("بن", "ابن", "بنت"))


def after_patronym(span: Span, text: str, model: list[EntityMention]) -> bool:
    """Whether ``span`` of Arabic ``text`` lies inside a person's name the recogniser found,
    after a word of descent (``_PATRONYMS``): a family name, not a place ("الدكتور عبدالله بن
    محمد السويد" was Sweden, a trial's). The Arabic recogniser's persons may hold a title and
    its province ("محافظ البصرة أسعد"), so a place inside one without such a word stays."""
    for m in model:
        if m.label == "PER" and m.span.start < span.start and span.end <= m.span.end:
            if _PATRONYMS & set(normalize(text[m.span.start : span.start]).split()):
                return True
    return False


def inside_organisation(span: Span, model: list[EntityMention]) -> bool:
    """Whether ``span`` is the very span of an organisation's name the recogniser found: فارس
    of "خبرنگار فارس" (the Fars News Agency's reporter, not Fars province), "مادرید" of a
    football club. A place inside a longer organisation's name stays ("شرطة المنطقة الشرقية",
    "the Los Angeles Police Department": where it happened, for events and stories; measured
    on dev, dropping those too cost the story joins of the project's own set)."""
    return any(m.label == "ORG" and m.span.start == span.start and span.end == m.span.end
               for m in model)  # fmt: skip


def heads_organisation(span: Span, model: list[EntityMention]) -> bool:
    """Whether ``span`` begins a longer organisation's name the recogniser found ("U.S." of "the
    U.S. Senate", "UK" of "UK Parliament"): a country read as the organisation's modifier."""
    return any(m.label == "ORG" and m.span.start == span.start and span.end < m.span.end
               for m in model)  # fmt: skip


def merge_entities(
    model: list[EntityMention], places: list[Any], actors: list[Any],
    norp: list[EntityMention] | None = None,
) -> list[EntityMention]:
    """The recogniser's mentions, plus gazetteer places (LOC), dictionary actors (an
    ``official`` is PER, a generic actor or an unnamed source GEN, any other kind ORG) and
    ``norp`` (``extract_demonyms``) that overlap none of them, in text order. ``source`` says
    which found each: model (or document, ``named_again``), gazetteer or dictionary. A known
    actor's longer name replaces the recogniser's pieces of it (كتائب حزب الله), a longer
    gazetteer place its pieces of a place (أديس of أديس أبابا), and the generic-actor tagger's
    phrase a nationality inside it (جنود أفغان)."""
    # a piece of a longer gazetteer place gives way too: أديس of أديس أبابا, السودان of جنوب السودان
    place_spans = [p.span for p in places]
    # and a recognised nationality inside a generic phrase of the tagger is the phrase's (جنود
    # أفغان, جندي أمريكي: one GEN, docs/annotation.md section 2), but for a plural nisba, which
    # names people of its own (الشرطة الأمريكيين: the police and the Americans)
    phrases = [a.span for a in actors if a.kind == "generic" and a.source == "model"]
    model = [m for m in model if not inside_known_name(m.span, actors)
             and not (m.label == "LOC" and m.span.inside_longer(place_spans))
             and not (m.label == "NORP" and m.span.inside_longer(phrases)
                      and not _people_nisba(m.text))]  # fmt: skip
    out = list(model)
    taken = [(m.span.start, m.span.end) for m in model]
    extra = [(p.span, p.text, "LOC", "gazetteer", p.place.id, None) for p in places]
    extra += [(a.span, a.text, _ACTOR_LABEL.get(a.kind, "ORG"), a.source, a.actor_id,
               a.name if a.kind == "generic" else None) for a in actors]  # fmt: skip
    # a nationality word before a group of generic actors is part of its phrase ("German
    # officials", "Cambodian troops": GEN, docs/annotation.md), not a NORP of its own; before
    # a title or one person it is ("Iranian President", "an Iranian man")
    generic = [a.span.start for a in actors if a.kind in ("generic", "anonymous")
               and a.text[:1].islower() and (a.text.endswith("s") or a.text == "people")]
    # nor is an Arabic or Persian adjective of a place right after it ("مدينة سوروتش التركية":
    # the place phrase ends before it, docs/annotation.md section 7)
    place_ends = {m.span.end: "" for m in model if m.label == "LOC"}
    place_ends |= {p.span.end: p.place.country for p in places}
    extra += [(n.span, n.text, n.label, n.source, n.ref, None) for n in norp or ()
              if not any(0 <= g - n.span.end <= 1 for g in generic)
              and not _place_adjective(n, place_ends)]  # fmt: skip
    names = sorted(m.span.start for m in model if m.label == "PER")
    for span, text, label, source, ref, sector in extra:
        if any(span.start < b and a < span.end for a, b in taken):
            continue
        if label == "GEN" and any(0 <= n - span.end <= 2 for n in names):
            continue  # a title before a name ("President Obama") is not an actor of its own
        taken.append((span.start, span.end))
        out.append(EntityMention(span, text, label, 1.0, source, ref, sector))
    return sorted(out, key=lambda m: (m.span.start, m.span.end))


def _nisba_reading(word: str) -> tuple[str, bool] | None:
    """The country of an Arabic or Persian nationality word and whether it is a plural
    (``places.nationality_word``, ``nationality_people``; each language reads its own forms,
    Arabic first), or None for another word."""
    from khabar.extract.places import nationality_people, nationality_word

    for lang in ("ar", "fa"):
        if (country := nationality_word(word, lang)) is not None:
            return country, nationality_people(word, lang)
    return None


def _people_nisba(word: str) -> bool:
    """Whether ``word`` is the plural of an Arabic or Persian nationality word (السعوديين,
    ایرانیان)."""
    return (reading := _nisba_reading(word)) is not None and reading[1]


def _place_adjective(n: EntityMention, place_ends: dict[int, str]) -> bool:
    """Whether an Arabic or Persian nationality mention qualifies the place that ends one space
    before it (``place_ends``: end → the place's country, "" when unknown): singular, and of the
    place's own country where it is known (مدينة سوروتش التركية; not طهران الإسرائيليين)."""
    if (country := place_ends.get(n.span.start - 1)) is None:
        return False
    reading = _nisba_reading(n.text)  # None for an English demonym: no Arabic-script nisba
    return reading is not None and not reading[1] and country in ("", reading[0])


# Words of kind that stand before a place's name and belong to its span ("محافظة عدن", "استان
# لرستان": docs/annotation.md, section 2), folded as ``alias_key`` folds them: a closed class of
# Arabic and Persian nouns. Plural ones govern several names ("ومحافظات لحج"): outside every span.
_PLACE_KINDS = {
    "ar": frozenset("محافظه مدينه بلده قريه ناحيه قضاء منطقه اقليم دوله حي مديريه ولايه مخيم"
                    .split()),  # fmt: skip
    "fa": frozenset("استان شهرستان شهر روستاي روستا دهستان بخش ايالت ولايت جزيره جزاير".split()),
}
_PLURAL_KINDS = frozenset("محافظات مدن بلدات قري نواحي مناطق مديريات ولايات استانها".split())
# Arabic proclitics a word of kind may carry (بمحافظة, لناحية, وبلدة): closed, longest first
_KIND_CLITICS = ("وب", "ول", "فب", "و", "ف", "ب", "ل")
# a nationality adjective ends a place phrase before it ("مدينة سوروتش التركية" → "مدينة سوروتش",
# docs/annotation.md section 7); other adjectives may be the name's (القدس الشرقية)
def _nationality(word: str) -> bool:
    """Whether a folded word is a country's nationality adjective (التركية, اليمني)."""
    from khabar.extract.places import nationality_country

    return nationality_country(word) is not None


def place_kind(word: str, lang: str) -> bool:
    """Whether ``word`` is a word of kind of a place in ``lang`` (استان, محافظة: a closed
    class, ``_PLACE_KINDS``)."""
    return _kind_word(word, lang) == 0


def _kind_word(word: str, lang: str) -> int | None:
    """Characters of ``word``'s proclitic when the rest is a word of kind of ``lang``
    (``_PLACE_KINDS``), else None."""
    key = alias_key(word) or word
    kinds = _PLACE_KINDS.get(lang, frozenset())
    if key in kinds:
        return 0
    if lang == "ar":
        for pre in _KIND_CLITICS:
            if key.startswith(pre) and key[len(pre) :] in kinds:
                return len(pre)
    return None


def _next_start(text: str, end: int) -> int:
    """Where the next word after ``end`` starts (spaces skipped)."""
    while end < len(text) and text[end] in " \u00a0":
        end += 1
    return end


_PREVIOUS_WORD = re.compile(r"(\w+)[ \u00a0]+$")
_FIRST_WORD = re.compile(r"(\w+)[ \u00a0]+")


# a word that real news writes fewer times than this (``resources/wordfreq``) is no common word:
# after a word of kind it names a place that no gazetteer holds (``unknown_places``). Measured
# on the Arabic dev sentences: the rare words after a word of kind were places (ناحية هبهب,
# قرى الهديدة) but for a verb (14 times: "رابع محافظة يخسرها") and a noun (36: "مخيمات نزوح");
# at 5 neither passes
_RARE_NAME = 5
_NOT_PLACE_KINDS = frozenset({"دوله"})  # "state": دولة المماليك, a state of the past
# a rare word after a word of kind that begins as an Arabic verb in the imperfect (ي, ت) or
# ends as a feminine plural (ات) is a verb or a noun more often than a place: "منطقة تمزقها
# الحروب", "مدينة يلفها", "محميات", "منطقة أهرامات" on the bench's documents (Arabic
# morphology, closed)
_VERB_PREFIXES = ("ي", "ت")
_WORD_AT = re.compile(r"\w+")
_AND_NAME = re.compile(r"[ \u00a0]+(و\w+)")


def unknown_places(entities: list[EntityMention], text: str, lang: str) -> list[EntityMention]:
    """Places no gazetteer holds and the recogniser missed, named after an Arabic word of kind
    (``_PLACE_KINDS``, a closed class: "ناحية هبهب", "قرى الهديدة والفسلوج"): the word right
    after it, when no mention covers it, it looks like no verb nor plural (``_VERB_PREFIXES``,
    ات) and real news writes it (or its rest after a proclitic) fewer than ``_RARE_NAME``
    times (``resources/wordfreq``), is LOC (source "phrase", no coordinates:
    ``place_phrases`` then spans a singular word of kind with it); after a plural word of kind,
    a rare word joined to it by و is one more place. Not Persian, whose words of kind take rare
    adjectives and joined forms as often ("روستای زرخیز", "روستای آباواجدادی": on the dev
    sentences, three of three were no place).
    ``entities`` in text order; so is the result."""
    if lang != "ar":
        return entities
    from khabar.resources import word_counts

    counts = word_counts(lang)

    def rare(word: str) -> bool:
        key = normalize(word)
        if (key.isdigit() or not key.isalpha() or key in _PLACE_KINDS[lang]
                or key.startswith(_VERB_PREFIXES) or key.endswith("ات")):  # fmt: skip
            return False
        n = proclitic_length(key)
        return all(counts.get(k, 0) < _RARE_NAME for k in {key, key[n:]})

    covered = [(e.span.start, e.span.end) for e in entities]
    free = lambda a, b: not any(x < b and a < y for x, y in covered)  # noqa: E731
    found: list[EntityMention] = []
    words = list(_WORD_AT.finditer(text))
    for k, n in zip(words, words[1:], strict=False):
        if text[k.end() : n.start()] not in (" ", "\u00a0"):
            continue
        kind, name = k.group(), n.group()
        peeled = _kind_word(kind, lang)
        key = alias_key(kind) or kind
        bare = key[peeled or 0 :] if peeled is not None else key
        plural = bare in _PLURAL_KINDS or (key[1:] in _PLURAL_KINDS and key[:1] in "وفبل")
        if (peeled is None and not plural) or bare in _NOT_PLACE_KINDS:
            continue
        start, end = n.start(), n.end()
        if not free(start, end) or not rare(name):
            continue
        found.append(EntityMention(Span(start, end), name, "LOC", 1.0, "phrase"))
        nxt = _AND_NAME.match(text, end) if plural else None
        if nxt and free(nxt.start(1), nxt.end(1)) and rare(nxt.group(1)[1:]):
            found.append(EntityMention(Span(nxt.start(1) + 1, nxt.end(1)), nxt.group(1)[1:],
                                       "LOC", 1.0, "phrase"))  # fmt: skip
    if not found:
        return entities
    return sorted(entities + found, key=lambda e: (e.span.start, e.span.end))


def place_phrases(entities: list[EntityMention], text: str, lang: str) -> list[EntityMention]:
    """Arabic and Persian place names with their word of kind, as the guideline spans them
    (docs/annotation.md, section 2): a singular word of kind right before a LOC joins it
    (بمحافظة عدن → "محافظة عدن", without the proclitic), a plural one or a conjunction at its start
    leaves it ("ومحافظات لحج" → "لحج"), and a nationality adjective after a kind and a
    one-word name ends outside it ("مدينة سوروتش التركية" → "مدينة سوروتش"). A generic actor
    that is a word of kind right before a place (دولة in "دولة الكويت") joins the place too.
    Other mentions are returned as they are; ``entities`` are in text order, and so is the
    result."""
    if lang not in _PLACE_KINDS:
        return entities
    # a word of kind that the generic-actor lexicon also holds (دولة, "the state") is the
    # place's word of kind right before a place: "دولة الكويت"
    places = {e.span.start for e in entities if e.label == "LOC"}
    entities = [e for e in entities if not (
        e.label == "GEN" and _kind_word(e.text, lang) is not None
        and _next_start(text, e.span.end) in places)]  # fmt: skip
    taken = [(e.span.start, e.span.end) for e in entities]
    out = []
    for e in entities:
        if e.label == "LOC":
            e = _place_phrase(e, text, lang, taken)
        out.append(e)
    return out


def _place_phrase(e: EntityMention, text: str, lang: str,
                  taken: list[tuple[int, int]]) -> EntityMention:  # fmt: skip
    start, end = e.span.start, e.span.end
    first = _FIRST_WORD.match(text, start)
    if first and first.end() < end:
        word = first.group(1)
        key = alias_key(word) or word
        bare = key[1:] if key[:1] in ("و", "ف") and lang == "ar" else key
        if bare in _PLURAL_KINDS or key in _PLURAL_KINDS:
            start = first.end()  # ومحافظات لحج → لحج
        elif key != bare and bare in _PLACE_KINDS[lang]:
            start += 1  # ومحافظة عدن → محافظة عدن
    kind_at = None
    prev = _PREVIOUS_WORD.search(text, max(0, start - 30), start)
    if prev and start == prev.end():
        peeled = _kind_word(prev.group(1), lang)
        at = prev.start(1) + (peeled or 0)
        if peeled is not None and not any(a < start and at < b for a, b in taken):
            kind_at = at
    first_kind = _FIRST_WORD.match(text, start)
    if kind_at is None and first_kind and _kind_word(first_kind.group(1), lang) == 0:
        kind_at = start  # the recogniser's span has its word of kind already
    if kind_at is not None:
        start = kind_at
        words = text[start:end].split()
        if (len(words) == 3 and lang == "ar" and text[start:end].count(" ") == 2
                and _nationality(alias_key(words[2]) or "")):  # fmt: skip
            end = start + len(" ".join(words[:2]))
    if (start, end) == (e.span.start, e.span.end):
        return e
    return replace(e, span=Span(start, end), text=text[start:end])


# Words that end a Persian institution's name before a place: prepositions, particles,
# pronouns and conjunctions other than و (closed classes of Persian grammar), folded as alias_key
_NAME_BREAKS = frozenset("در به از با براي تا بر بين ميان پس پيش روي زير نزد درباره عليه توسط طي "
                         "را كه اين ان همين همان يك هم نيز اما ولي يا چون اگر".split())  # fmt: skip
_NAME_WINDOW = 7  # words of an institution's name before its place, at most
_NAME_TOKEN = re.compile(r"[\w\u200c]+|[^\w\s]")


def institution_names(entities: list[EntityMention], text: str,
                      lang: str) -> list[EntityMention]:  # fmt: skip
    """An institution named with its place, as one ORG (docs/annotation.md, section 2: "an
    institution named by country or city is ORG as a whole; do not label its country
    separately"): a word that heads institutions' names (``resources.org_heads``, learned from
    the project's labelled training sentences) up to ``_NAME_WINDOW`` words before a LOC, with
    no preposition, particle (``_NAME_BREAKS``), verb (``resources.clause_final_words``) or
    punctuation between them but a comma of a list that goes on with و:
    هیئت ورزش‌های همگانی استان قزوین, سازمان صنعت، معدن و تجارت استان زنجان, وزارت دفاع هند.
    The nearest such head starts the name (عضو هیأت رئیسه شورای شهر تهران → شورای شهر تهران).
    Mentions inside the new span (the LOC, a title, the name's first words found alone) give
    way to it; a mention that crosses its start stops it. Persian only: Arabic names put the
    place in an adjective or after a preposition (شرطة محافظة جدة is spanned by the
    recogniser). ``entities`` in text order; so is the result."""
    heads = org_heads(lang)  # Persian only: empty for other languages
    if not heads:
        return entities
    out = list(entities)
    for e in entities:
        if e.label != "LOC" or e not in out:
            continue
        start = _institution_start(text, e.span.start, lang, heads)
        if start is None or any(m.span.start < start < m.span.end for m in out):
            continue
        # another place or person between them, or را after the place (the object of a verb:
        # دولت عراق ترکیه را ... متهم کرد): two mentions, not one name
        if any(m.label in ("LOC", "PER") and start <= m.span.start and m.span.end <= e.span.start
               for m in out) or text[e.span.end :].split()[:1] == ["را"]:  # fmt: skip
            continue
        span = Span(start, e.span.end)
        inside = [m for m in out if start <= m.span.start and m.span.end <= span.end]
        grown = next((m for m in inside if m.label == "ORG" and m.span.start == start), None)
        out = [m for m in out if m not in inside]
        out.append(EntityMention(span, text[start : span.end], "ORG",
                                 grown.score if grown else e.score, "phrase"))  # fmt: skip
    return sorted(out, key=lambda m: (m.span.start, m.span.end))


def _institution_start(text: str, at: int, lang: str, heads: frozenset[str]) -> int | None:
    """Where the nearest head of an institution's name before a place at ``at`` starts."""
    tokens = list(_NAME_TOKEN.finditer(text, max(0, at - 160), at))
    verbs = clause_final_words(lang)
    words, conjunction = 0, False
    for tok in reversed(tokens):
        word = tok.group()
        if not (word[0].isalnum() or word[0] == "_"):
            if word in ("،", ",") and conjunction:
                continue  # صنعت، معدن و تجارت
            break
        key = alias_key(word) or word
        if key in _NAME_BREAKS or key in verbs:
            break
        conjunction = conjunction or key == "و"
        if key in heads:
            return tok.start()
        words += 1
        if words >= _NAME_WINDOW:
            break
    return None


# An embassy or consulate is a place where something happens to it and an organisation where
# it acts or speaks (docs/annotation.md, section 7): after a preposition (هجوم على السفارة,
# حمله به سفارت) it is a LOC. Closed classes: the two facility nouns, the prepositions.
_FACILITIES = frozenset("سفاره قنصليه سفارت كنسولگري".split())
# (not من / از: "مصدر من السفارة" is the embassy speaking)
_PLACE_PREPOSITIONS = frozenset("على علي في الى إلى عند قرب امام أمام داخل به در نزديك مقابل"
                                .split())  # fmt: skip


def facility_places(entities: list[EntityMention], text: str, lang: str) -> list[EntityMention]:
    """Arabic and Persian embassies and consulates after a preposition as LOC: the recogniser's
    ORG or GEN mention of one (with a nationality word right after it joined: "القنصلية
    الأمريكية"); and a LOC of two names joined by و that the gazetteer knows apart
    ("أثيوبيا وبوركينافاسو") as two. ``entities`` in text order; so is the result."""
    if lang not in _PLACE_KINDS:
        return entities
    out: list[EntityMention] = []
    skip = -1
    for k, e in enumerate(entities):
        if k == skip:
            continue
        # a generic mention may start inside its word, after the article (ال|قنصلية)
        word_at = e.span.start
        while word_at > 0 and text[word_at - 1].isalpha():
            word_at -= 1
        start = e.span.start - 2 if text[word_at : e.span.start].endswith("ال") else word_at
        if e.label in ("ORG", "GEN") and _after_preposition(text, word_at):
            head = alias_key(text[start:e.span.end].split()[0]) or ""
            if head.startswith("ال"):
                head = head[2:]
            if head in _FACILITIES:
                nxt = entities[k + 1] if k + 1 < len(entities) else None
                end = e.span.end
                if (nxt is not None and nxt.label == "NORP" and not text[end : nxt.span.start]
                        .strip()):  # fmt: skip
                    end, skip = nxt.span.end, k + 1
                elif (text[end : end + 1] == " "
                      and (after := _FIRST_WORD.match(text + " ", end + 1))
                      and _nationality(alias_key(after.group(1)) or "")):  # fmt: skip
                    end = after.start(1) + len(after.group(1))  # the nationality word
                out.append(replace(e, span=Span(start, end), text=text[start:end], label="LOC",
                                   sector=None))  # fmt: skip
                continue
        if e.label == "LOC" and e.source == "model":
            out += _split_places(e, text)
            continue
        out.append(e)
    return out


def _after_preposition(text: str, start: int) -> bool:
    prev = _PREVIOUS_WORD.search(text, max(0, start - 30), start)
    return bool(prev) and (alias_key(prev.group(1)) or "") in _PLACE_PREPOSITIONS


def _split_places(e: EntityMention, text: str) -> list[EntityMention]:
    """A recognised LOC "X وY" whose two sides are each a gazetteer name, as two."""
    from khabar.extract.places import gazetteer

    index = gazetteer().index
    if (alias_key(e.text) or "") in index:
        return [e]  # one name: کهگیلویه وبویراحمد, عين وسارة
    words = list(re.finditer(r"\S+", e.text))
    for i, w in enumerate(words[1:], start=1):
        if not w.group().startswith("و"):
            continue
        left = alias_key(e.text[: words[i - 1].end()]) or ""
        right = alias_key(w.group()[1:] + e.text[w.end() :]) or ""
        if left in index and right in index:
            a, b = e.span.start, e.span.start + w.start() + 1
            return [replace(e, span=Span(a, a + words[i - 1].end()),
                            text=text[a : a + words[i - 1].end()]),
                    replace(e, span=Span(b, e.span.end), text=text[b : e.span.end])]  # fmt: skip
    return [e]
