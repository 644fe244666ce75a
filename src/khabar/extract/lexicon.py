"""Longest-match look-up of multi-word names (places, actors, triggers) in normalised text.

Input: normalised text and an index of normalised aliases → ids. Output: ``AliasHit`` objects,
longest alias first at each position, with Arabic proclitics (و ب ل ف, وب, وال, بال, لل...)
peeled off the first word, so "وبالعراق" finds "العراق". Callers filter hits with ``accept``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from khabar.normalize import normalize

__all__ = [
    "PROCLITICS",
    "AliasHit",
    "AliasIndex",
    "alias_key",
    "MARKS",
    "find_aliases",
    "quoted_span",
    "proclitic_length",
    "variants",
    "word_spans",
    "WORD",
]

_WORD = re.compile(r"\w+")
# a word of ``word_spans``: a number written with thousands separators ("17,000",
# "1,000,000") is one word, never 17 and 000; else a run of word characters
WORD = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|\w+")
_CLITIC_STARTS = frozenset("وبلفكا")  # first letters of the proclitics and of ال


@dataclass(frozen=True, slots=True)
class AliasHit:
    start: int  # in the normalised text
    end: int
    key: str  # the alias that matched
    ids: tuple[str, ...]
    first_word: int  # index of the first word
    words: int  # number of words


@lru_cache(maxsize=100_000)
def alias_key(text: str) -> str:
    """The index key of a name or word list entry: its normalised words ("Kata'ib" → "kata ib"),
    the same units ``find_aliases`` compares."""
    return " ".join(_WORD.findall(normalize(text)))


# Quotation marks and brackets (a closed set of punctuation): opener → its closer
MARKS = {"(": ")", "[": "]", "«": "»", "“": "”", "‘": "’", '"': '"'}
_BLANK = " \u00a0"


def _unclosed_mark(text: str, start: int, end: int) -> int | None:
    """Index of the last quotation mark or bracket in ``text[start:end]`` that opens and is not
    closed inside it (a straight quote opens where an even number of them stand before it)."""
    found = None
    for k in range(start, end):
        mark = text[k]
        closer = MARKS.get(mark)
        if closer is None:
            continue
        rest = text[k + 1 : end]
        if mark == '"':
            unclosed = text[start:k].count('"') % 2 == 0 and '"' not in rest
        else:
            unclosed = closer not in rest
        if unclosed:
            found = k
    return found


def quoted_span(
    text: str, start: int, end: int, keep_inner: Callable[[int, int], bool] | None = None
) -> tuple[int, int]:
    """A mention's span (``start``, ``end`` in ``text``) that opens a quotation mark or bracket
    it does not close, made whole; spans without such a mark come back unchanged.

    * a mark that ends the span, nothing after it, is cut off;
    * words before the mark and its closer right after the span (كتائب "حزب الله"): the span
      takes the closer, unless ``keep_inner(a, b)`` accepts the name inside, ``text[a:b]``;
    * otherwise the name inside the mark is the span (تنظيم «داعش → داعش, "داعش → داعش: the
      gold keeps quotation marks, and a word of kind before a quoted name, outside;
      docs/annotation.md), unless ``keep_inner`` is given and refuses it (span unchanged).
    """
    k = _unclosed_mark(text, start, end)
    if k is None:
        return start, end
    inner = text[k + 1 : end]
    if not inner.strip(_BLANK):
        return start, start + len(text[start:k].rstrip(_BLANK))
    a = k + 1 + len(inner) - len(inner.lstrip(_BLANK))
    accepted = keep_inner is not None and keep_inner(a, end)
    if not accepted and text[start:k].strip(_BLANK) and text[end : end + 1] == MARKS[text[k]]:
        return start, end + 1
    return (a, end) if keep_inner is None or accepted else (start, end)


@lru_cache(maxsize=16)
def word_spans(norm: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, word) of each word of a normalised text; the extractors of one paragraph
    share one scan (cached for the few texts in flight)."""
    return tuple((m.start(), m.end(), m.group()) for m in WORD.finditer(norm))


@lru_cache(maxsize=65536)
def variants(first: str, strip_article: bool = False) -> tuple[tuple[str, int], ...]:
    """(form, characters peeled) of a first word: والموصل → الموصل, بسوريا → سوريا; with
    ``strip_article`` also الهجوم → هجوم (for common nouns, never for names)."""
    out = [(first, 0)]
    if first[:1] not in _CLITIC_STARTS:
        return tuple(out)
    if strip_article:
        for pre in ("وبال", "وال", "بال", "فال", "كال", "ال", "لل", "ولل"):
            if first.startswith(pre) and len(first) > len(pre) + 2:
                out.append((first[len(pre) :], len(pre)))
    for pre in ("وبال", "ولل", "وال", "بال", "لل", "فال", "كال"):
        if first.startswith(pre) and len(first) > len(pre) + 2:
            # the span starts at the ال of وال/بال, and after لل (للحوثيين → حوثيين: no span can
            # keep the article, whose ا is not written, and drop the preposition; the gold's
            # guideline, docs/annotation.md)
            peeled = len(pre) if pre.endswith("لل") else len(pre) - 2
            out.append(("ال" + first[len(pre) :], peeled))
    for pre in ("وب", "ول", "و", "ب", "ل", "ف"):
        if first.startswith(pre) and len(first) > len(pre) + 2:
            out.append((first[len(pre) :], len(pre)))
    return tuple(out)


_Starts = tuple[tuple[str, int, int], ...]


class AliasIndex(dict[str, tuple[str, ...]]):
    """Alias → ids, plus the longest alias (in words) that starts with each first word, so the
    scan skips most positions with one set look-up."""

    def __init__(self, items: Mapping[str, tuple[str, ...]]) -> None:
        super().__init__(items)
        self.first: dict[str, int] = {}
        # the first two words or more of each alias of two words or more (the aliases
        # themselves included): a scan stops lengthening a key that begins none of them
        heads: set[str] = set()
        for key in self:
            words = key.split(" ")
            self.first[words[0]] = max(self.first.get(words[0], 0), len(words))
            if len(words) > 1:
                heads.add(key)
                heads.update(" ".join(words[:n]) for n in range(2, len(words)))
        self.heads = frozenset(heads)
        self._starts: tuple[dict[str, _Starts], dict[str, _Starts]] = ({}, {})

    def starts(self, word: str, strip_article: bool) -> _Starts:
        """(form, characters peeled, longest alias in words) of each form of ``word`` that
        begins an alias; () for most words (memoised, bounded)."""
        memo = self._starts[strip_article]
        got = memo.get(word)
        if got is None:
            if len(memo) > 200_000:
                memo.clear()
            forms, first = variants(word, strip_article), self.first
            if len(forms) == 1:  # most words: no clitic to peel
                most = first.get(word)
                got = () if most is None else ((word, 0, most),)
            else:
                got = tuple((f, p, first[f]) for f, p in forms if f in first)
            memo[word] = got
        return got



def peeled_keys(key: str) -> list[str]:
    """An alias key (``alias_key``), then its forms with an Arabic clitic peeled off its first
    word (``variants``: والموصل -> الموصل, موصل), for looking a name up as typed."""
    if not key:
        return []
    first, _, rest = key.partition(" ")
    return list(dict.fromkeys(f"{f} {rest}".strip() for f, _ in variants(first)))

def find_aliases(
    norm: str,
    index: AliasIndex,
    *,
    max_words: int,
    accept: Callable[[AliasHit], bool] | None = None,
    words: Sequence[tuple[int, int, str]] | None = None,
    strip_article: bool = False,
) -> list[AliasHit]:
    """Non-overlapping alias hits, scanning left to right, longest alias first."""
    words = words if words is not None else word_spans(norm)
    out: list[AliasHit] = []
    # index.starts, memoised, looked up for every word at once (the scan's hot path): most
    # words begin no alias, and only the others, and those not seen yet, are visited
    found = list(map(index._starts[strip_article].get, [w for _, _, w in words]))
    end = 0  # words before it are inside the last hit
    for i in [i for i, forms in enumerate(found) if forms != ()]:
        if i < end:
            continue
        forms = found[i] or index.starts(words[i][2], strip_article)
        hit = _longest_at(words, i, forms, index, max_words, accept) if forms else None
        if hit is not None:
            out.append(hit)
            end = i + hit.words
    return out


def _longest_at(words, i, forms, index: AliasIndex, max_words, accept):  # type: ignore[no-untyped-def]
    """The longest alias at word ``i`` (``find_aliases``) that ``accept`` takes, or None: keys
    of ``n`` words from ``longest`` down, each form in turn; only the keys whose first words
    begin some alias (``AliasIndex.heads``) are built and looked up."""
    longest = min(max_words, len(words) - i, max(v[2] for v in forms))
    heads = index.heads
    keys = []  # each form's keys of 1, 2, ... words, as far as an alias may reach
    for first, _, most in forms:
        grown = [first]
        limit = min(longest, most)
        while len(grown) < limit:
            key = f"{grown[-1]} {words[i + len(grown)][2]}"
            if key not in heads:
                break
            grown.append(key)
        keys.append(grown)
    for n in range(max(map(len, keys)), 0, -1):
        for (_, peeled, _), grown in zip(forms, keys, strict=True):
            if n > len(grown):
                continue
            key = grown[n - 1]
            ids = index.get(key)
            if ids is None:
                continue
            hit = AliasHit(words[i][0] + peeled, words[i + n - 1][1], key, ids, i, n)
            if accept is None or accept(hit):
                return hit
    return None


# Arabic proclitics, longest first: conjunction و ف, prepositions ب ل ك, and لل (ل + ال, whose
# ا is not written). A closed list (Arabic grammar); ال stays with its word.
PROCLITICS = ("وبال", "وكال", "فبال", "وال", "بال", "فال", "كال", "ولل", "فلل", "لل", "وب", "ول",
              "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")  # fmt: skip
# the sound masculine plural endings of an Arabic nisba adjective, normalised (الحوثي, 'the
# Houthi' → الحوثيون, الحوثيين: Arabic grammar, a closed rule); a name read as a nisba is
# looked up under its plurals, the form the actor dictionaries list
NISBA_PLURAL = ("ين", "ون")
_SPLIT_RATIO = 3  # the remainder must be this much more frequent than the whole word


def nisba_plurals(key: str) -> list[str]:
    """The plurals under which an Arabic nisba (an alias key, normalised) is looked up: its sound
    masculine plurals (``NISBA_PLURAL``), its feminine's too (الحوثي and الحوثية → الحوثيين,
    الحوثيون); none for another word."""
    stem = key[:-1] if key.endswith("يه") else key
    return [stem + end for end in NISBA_PLURAL] if stem.endswith("ي") and len(stem) > 2 else []


@lru_cache(maxsize=65536)
def proclitic_length(word: str, ratio: float = _SPLIT_RATIO) -> int:
    """Characters of an Arabic proclitic to split off ``word`` (normalised), or 0.

    The remainder must be a word of its own that real Arabic news writes ``ratio`` times more
    often than the whole (``resources/wordfreq/ar.tsv``): وبغداد → 1 (بغداد), بأفريقيا → 1,
    للحوثيين → 2 (الحوثيين is frequent), but بغداد → 0 (غداد is not a word) and وزير → 0.
    """
    from khabar.resources import word_counts

    counts = word_counts("ar")
    whole = counts.get(word, 0)
    best, best_count = 0, 0
    for pre in PROCLITICS:
        if not word.startswith(pre) or len(word) - len(pre) < 2:
            continue
        rest = word[len(pre) :]
        if pre.endswith("ال"):  # و+الحوثيين: split before the article
            pre, rest = pre[:-2], "ال" + rest
        evidence = counts.get(rest, 0)
        if pre.endswith("لل"):
            evidence = max(evidence, counts.get("ال" + rest, 0))
        if evidence > ratio * whole and evidence > best_count:
            best, best_count = len(pre), evidence
    return best
