"""Named-entity recognition: person, organisation, place and group names in ar, fa and en text.

Input: a text and its language (``ar``, ``fa``, ``en``; any other language gets no entities).
Output: ``EntityMention`` objects (span in the text, the text as written, label ``PER``,
``ORG``, ``LOC`` or ``NORP``, the model's marginal probability as ``score``).

Model: one linear-chain CRF per language (python-crfsuite), trained by
``training/ner/train.py`` on open labelled news (Arabic NewsFANE and Wojood, English wikigold,
BTC and WNUT17, the Arabic data again for Persian) and the project's own labelled sentences of
each language; see the card ``khabar/resources/models/ner.md``. The weights ship as
``khabar/resources/models/ner-{lang}.crfsuite``; nothing is downloaded.

Features (``sentence_features``, shared with training): the normalised word and its
neighbours (±2), a stem with a leading و ب ل ف ك, ال or لل peeled (Arabic only, whether or not
it is a proclitic: ``khabar.extract.lexicon.variants``), prefixes and suffixes, shape (digits,
Latin capitals, length), and whether the word starts or continues a name of khabar's gazetteer
or actor dictionary. Tokens are words (letters, digits, harakat, ZWNJ-joined Persian parts) and
single punctuation marks.

Tokens: in Arabic a proclitic (و ف ب ل ك لل) is cut off its word when real news writes the
rest as a word of its own much more often than the whole (``lexicon.proclitic_length``, from
the shipped word counts): وبغداد → و + بغداد, للحوثيين → لل + حوثيين, but بغداد and وزير
stay whole; so entity spans start after the proclitic, as the annotation guideline has them.

Errors: ``ResourceError`` when a model file is missing or unreadable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from khabar.errors import ResourceError
from khabar.extract.lexicon import alias_key, proclitic_length, variants
from khabar.model import Span
from khabar.normalize import normalize

__all__ = [
    "NER_LANGS",
    "EntityMention",
    "extract_entities",
    "feature_fingerprint",
    "inside_known_name",
    "merge_entities",
    "sentence_features",
    "split_word",
    "tokenize",
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
    source: str = "model"  # model, gazetteer, dictionary
    ref: str | None = None  # the actor (actors.tsv / actors_world.tsv id) or place it names
    sector: str | None = None  # CAMEO country + role (IRQGOV, REB...) or a generic class


@lru_cache(maxsize=50_000)
def _clitic_chars(word: str) -> int:
    """Characters of ``word`` (as written) that form its Arabic proclitic, or 0."""
    norm = normalize(word)
    k = proclitic_length(norm)
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
    """First words and inner words of the gazetteer's and the actor dictionary's names."""
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
    """SHA-256 of the name words the features read (gazetteer and actor dictionary): training
    records it beside the weights, and a test fails when the resources moved since training."""
    import hashlib

    h = hashlib.sha256()
    for words in _name_words():
        h.update("\n".join(sorted(words)).encode("utf-8") + b"\0")
    return h.hexdigest()


def _shape(word: str) -> str:
    s = re.sub(r"[A-Z]", "X", word)
    s = re.sub(r"[a-z]", "x", s)
    s = re.sub(r"\d", "d", s)
    s = re.sub(r"[^\x00-\x7f]", "a", s)
    return re.sub(r"(.)\1+", r"\1\1", s)


@lru_cache(maxsize=50_000)
def _word_features(word: str, lang: str) -> tuple[dict[str, float], tuple[str, ...]]:
    """A word's own CRF features (``name=value`` flags), and what its neighbours see of it."""
    norm = alias_key(word) or word
    low = norm.lower()
    forms = [f for f, _ in variants(low)] if lang == "ar" else [low]
    if lang == "ar":
        forms += [f[2:] for f in forms if f.startswith("ال") and len(f) > 4]
    g_first, g_inner, a_first, a_inner = _name_words()
    gaz = (any(x in g_first for x in forms), any(x in g_inner for x in forms))
    dic = (any(x in a_first for x in forms), any(x in a_inner for x in forms))
    title = word[:1].isupper()
    flags = {
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
    seen = ("w=" + low, "stem=" + forms[-1], f"title={title}", f"gaz={any(gaz)}",
            f"dict={any(dic)}")  # fmt: skip
    return {k: v for k, v in flags.items() if v}, seen


def sentence_features(words: list[str], lang: str) -> list[dict[str, float]]:
    """CRF features of each word of a sentence, as crfsuite takes them (training and tagging
    use the same): the word's own, and its neighbours' words and stems (±2), capitals,
    gazetteer and dictionary flags (±1)."""
    n = len(words)
    out = []
    for i, w in enumerate(words):
        x = {"bias": 1.0, "lang=" + lang: 1.0, **_word_features(w, lang)[0]}
        for d in (-2, -1, 1, 2):
            j = i + d
            x.update(_neighbour(words[j], lang, d) if 0 <= j < n else _EDGE[d])
        out.append(x)
    return out


_EDGE = {d: {f"{d}:edge": 1.0} for d in (-2, -1, 1, 2)}


@lru_cache(maxsize=100_000)
def _neighbour(word: str, lang: str, d: int) -> dict[str, float]:
    """What a word ``d`` places away sees of ``word``: its word and stem (±2), capitals and
    gazetteer/dictionary flags (±1)."""
    seen = _word_features(word, lang)[1]
    return {f"{d}:{name}": 1.0 for name in (seen if d in (-1, 1) else seen[:2])}


@lru_cache(maxsize=len(NER_LANGS))
def _tagger(lang: str) -> Any:
    import pycrfsuite

    from khabar.resources import model_path

    path = model_path(f"ner-{lang}.crfsuite")
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(path))
    except (OSError, ValueError) as exc:
        raise ResourceError(f"entity model {path} is unreadable: {exc}; reinstall khabar") from exc
    return tagger


def extract_entities(text: str, lang: str) -> list[EntityMention]:
    """Entity mentions of ``text`` in ``lang`` (module docstring); [] for other languages."""
    if lang not in NER_LANGS or not text.strip():
        return []
    spans = tokenize(text, lang)
    if not spans:
        return []
    tagger = _tagger(lang)
    words = [text[a:b] for a, b in spans]
    tags = tagger.tag(sentence_features(words, lang))
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
        start, end = spans[i][0], spans[j - 1][1]
        score = tagger.marginal(tag, i)
        if start < end:
            out.append(EntityMention(Span(start, end), text[start:end], label, round(score, 4)))
        i = j
    return out


_ACTOR_LABEL = {"official": "PER", "anonymous": "GEN", "generic": "GEN"}


def inside_known_name(span: Span, actors: list[Any]) -> bool:
    """Whether ``span`` lies inside a longer name of a dictionary actor (القدس in فيلق القدس)."""
    return any(a.actor_id and a.span.start <= span.start and span.end <= a.span.end
               and a.span.end - a.span.start > span.end - span.start for a in actors)  # fmt: skip


def merge_entities(
    model: list[EntityMention], places: list[Any], actors: list[Any]
) -> list[EntityMention]:
    """The recogniser's mentions, plus gazetteer places (LOC) and dictionary actors (an
    ``official`` is PER, a generic actor or an unnamed source GEN, any other kind ORG) that
    overlap none of them, in text order. ``source`` says which found each: model, gazetteer or
    dictionary. A known actor's longer name replaces the recogniser's pieces of it (كتائب حزب
    الله)."""
    model = [m for m in model if not inside_known_name(m.span, actors)]
    out = list(model)
    taken = [(m.span.start, m.span.end) for m in model]
    extra = [(p.span, p.text, "LOC", "gazetteer", p.place.id, None) for p in places]
    extra += [(a.span, a.text, _ACTOR_LABEL.get(a.kind, "ORG"), "dictionary", a.actor_id,
               a.name if a.kind == "generic" else None) for a in actors]  # fmt: skip
    names = sorted(m.span.start for m in model if m.label == "PER")
    for span, text, label, source, ref, sector in extra:
        if any(span.start < b and a < span.end for a, b in taken):
            continue
        if label == "GEN" and any(0 <= n - span.end <= 2 for n in names):
            continue  # a title before a name ("President Obama") is not an actor of its own
        taken.append((span.start, span.end))
        out.append(EntityMention(span, text, label, 1.0, source, ref, sector))
    return sorted(out, key=lambda m: (m.span.start, m.span.end))
