"""Arabic / Persian / English normalisation for matching and indexing, with an offset map.

Input: original text. Output: normalised text (``normalize``) or a ``NormalizedText`` that also
maps every normalised character back to the original one (``normalize_with_offsets``), so a span
found in normalised text is shown in the original. The original is never changed.

Per character, in order: accents off Latin letters (Hīt → hit); NFKC; case folding; delete
harakat (U+064B–065F, U+0670, U+06D6–06ED, U+0610–061A), tatweel, ZWNJ/ZWJ, LRM/RLM/ALM,
bidi controls, BOM and soft hyphen; fold
أ إ آ ٱ → ا, ؤ ئ → ء, ک → ك, ی ى ې ے → ي, ة ۀ ہ ھ ە → ه; Arabic-Indic and Persian digits
→ ASCII (and ٫ ٬ ٪ → . , %). Then runs of whitespace collapse to one space. The result is
idempotent: ``normalize(normalize(x)) == normalize(x)``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "PERSIAN_LETTERS",
    "PERSIAN_PREFIX",
    "PERSIAN_SUFFIX",
    "NormalizedText",
    "consonant_skeleton",
    "index_form",
    "normalize",
    "normalize_with_offsets",
    "search_form",
    "search_split",
    "search_terms",
    "search_words",
    "tokens",
]

_DELETE = (
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + [chr(c) for c in range(0x0610, 0x061B)]
    + ["\u0640", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u00ad"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "ء", "ئ": "ء",
    "ک": "ك", "ڪ": "ك",
    "ی": "ي", "ى": "ي", "ې": "ي", "ے": "ي", "ۍ": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه", "ە": "ه", "ۂ": "ه",
    "٫": ".", "٬": ",", "٪": "%",
}  # fmt: skip
for _base in (0x0660, 0x06F0):
    for _d in range(10):
        _FOLD[chr(_base + _d)] = str(_d)
_DELETE_SET = frozenset(_DELETE)


def _step(ch: str) -> str:
    """One round of the per-character mapping."""
    if ch in _DELETE_SET:
        return ""
    if ch in _FOLD:
        return _FOLD[ch]
    if ch.isspace():
        return " "
    decomposed = unicodedata.normalize("NFKD", ch)
    if (
        decomposed[0].isascii()
        and decomposed[0].isalpha()
        and len(decomposed) > 1
        and all(unicodedata.category(c) == "Mn" for c in decomposed[1:])
    ):
        return decomposed[0].casefold()  # Latin letter with accents: Kirkūk → kirkuk
    return unicodedata.normalize("NFKC", ch).casefold()


@lru_cache(maxsize=65536)
def _char_map(ch: str) -> str:
    """Map one character to its normal form, iterated until every output character is fixed."""
    out = _step(ch)
    if out == ch:
        return ch
    return "".join(_char_map(c) if c != ch else c for c in out)


class _Table(dict[int, str]):
    """``str.translate`` table that fills itself from ``_char_map`` on first sight of a char."""

    def __missing__(self, key: int) -> str:
        value = _char_map(chr(key))
        self[key] = value
        return value


_TABLE = _Table()


class _OddTable(dict[int, str]):
    """``str.translate`` table deleting each character that normalises to exactly one character
    and keeping the others (deleted marks, expanded ligatures): the fast path's test."""

    def __missing__(self, key: int) -> str:
        value = "" if len(_TABLE[key]) == 1 else chr(key)
        self[key] = value
        return value


_ODD = _OddTable()
_SPACES = re.compile(r" {2,}")
_TOKEN = re.compile(r"\w+", re.UNICODE)


def normalize(text: str) -> str:
    """Normalise ``text`` for matching and indexing (see the module docstring).

    >>> normalize("إِسْتِئْنافُ الهجمات ١٢")
    'استءناف الهجمات 12'
    """
    return _SPACES.sub(" ", text.translate(_TABLE))


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalised text plus, for each of its characters, where it came from in the original.

    ``starts[i]`` is the original index of normalised character ``i``; ``ends[i]`` is the
    original index just after it, including marks deleted right after it (harakat, tatweel),
    so a word maps back to the word as written, vowel signs included.
    """

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span ``[start, end)`` to a span of the original text."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside normalised text of {len(self.text)}")
        if start == end:
            o = (
                self.starts[start]
                if start < len(self.starts)
                else self.ends[-1]
                if self.ends
                else 0
            )
            return o, o
        return self.starts[start], self.ends[end - 1]


@lru_cache(maxsize=2048)
def normalize_with_offsets(text: str) -> NormalizedText:
    """Normalise ``text`` and keep the map back to original character positions.

    Cached: the extractors of one sentence all ask for the same mapping.
    """
    mapped_text = text.translate(_TABLE)
    if "  " not in mapped_text:
        odd = set(text.translate(_ODD))
        if not odd:  # one character for each: as is
            n = len(text)
            return NormalizedText(mapped_text, tuple(range(n)), tuple(range(1, n + 1)))
        if not any(_TABLE[ord(c)] for c in odd):  # only deleted marks (harakat, tatweel)
            return _with_deletions(text, mapped_text, odd)
    return _offsets_by_char(text)


def _offsets_by_char(text: str) -> NormalizedText:
    """``normalize_with_offsets`` one character at a time: the general case (and the
    reference its fast paths are tested against)."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    last_space = False
    for i, ch in enumerate(text):
        mapped = _TABLE[ord(ch)]
        if not mapped:
            if ends and not last_space:
                ends[-1] = i + 1  # a deleted mark belongs to the letter before it
            continue
        for m in mapped:
            if m == " ":
                if last_space:
                    continue
                last_space = True
            else:
                last_space = False
            out.append(m)
            starts.append(i)
            ends.append(i + 1)
    return NormalizedText("".join(out), tuple(starts), tuple(ends))


def _with_deletions(text: str, mapped_text: str, deleted: set[str]) -> NormalizedText:
    """``normalize_with_offsets`` when each character maps to itself or one other, except the
    ``deleted`` ones (no run of spaces to fold): the same map, without a loop per character."""
    kept = [i for i, ch in enumerate(text) if ch not in deleted]
    ends = [i + 1 for i in kept]
    gone = [i for i, ch in enumerate(text) if ch in deleted]
    for k, i in enumerate(gone):
        j = i - k - 1  # the output character before it takes it into its span (not a space)
        if j >= 0 and mapped_text[j] != " ":
            ends[j] = i + 1
    return NormalizedText(mapped_text, tuple(kept), tuple(ends))


# letters Persian writes and Arabic does not (پ چ ژ گ and the Persian forms of ک and ی): a text
# that holds one is Persian (Persian orthography, a closed set)
PERSIAN_LETTERS = re.compile("[پچژگکی]")


# Persian writes its verb prefix (می، نمی) and plural suffix (ها، های، هایی) joined, apart or
# with a ZWNJ (which normalisation deletes): میگویند / می گویند, خیابانها / خیابان ها. A closed
# list of Persian affixes (Persian grammar), on normalised text (ی → ي).
PERSIAN_PREFIX = "ن?مي"  # the verb prefix, normalised (می، نمی)
PERSIAN_SUFFIX = "هاي?ي?"  # the plural suffix, normalised (ها، های، هایی)
_PERSIAN_AFFIX = re.compile(rf"(?<!\w)({PERSIAN_PREFIX}) (?=\w)|(?<=\w) ({PERSIAN_SUFFIX})(?!\w)")


def index_form(norm: str) -> str:
    """Normalised text with Persian verb prefixes and plural suffixes joined to their word, the
    form search indexes and queries use so every spelling meets the others:
    ``index_form(normalize("می گویند")) == index_form(normalize("می‌گویند")) == "ميگويند"``."""
    return _PERSIAN_AFFIX.sub(lambda m: m.group(1) or m.group(2), norm)


# A final hamza written on the line after a dotless ya (الطوارىء, an older spelling of الطوارئ),
# normalised: يء at a word's end; search folds it to ء, as normalize folds ئ (Arabic
# orthography, a closed rule)
_FINAL_YA_HAMZA = re.compile(r"(?<=\w)يء(?!\w)")


def search_form(norm: str) -> str:
    """``index_form`` with a final hamza after a ya folded as a final ئ is: the form the search
    index and queries use, so الطوارىء and الطوارئ meet (``search_form(normalize("الطوارىء"))
    == search_form(normalize("الطوارئ")) == "الطوارء"``). Search only: extraction reads
    ``normalize`` and ``index_form``."""
    return _FINAL_YA_HAMZA.sub("ء", index_form(norm))


def search_split(text: str) -> str:
    """Original text with each ZWNJ a space, before ``normalize`` for search: Persian writes
    حزب‌الله, حزب الله and بین‌المللی with a ZWNJ or a space between the parts, so search reads
    the parts as words (``index_form`` then joins the verb prefix and plural suffix back:
    می‌گویند → ميگويند)."""
    return text.replace("\u200c", " ")


def search_words(query: str) -> list[str]:
    """The words a search for ``query`` (as typed) looks for: ``search_form`` tokens of its
    ``search_split`` normalised (``search_words("حزب‌الله") == ["حزب", "الله"]``)."""
    return tokens(search_form(normalize(search_split(query))))


def search_terms(query: str) -> list[str]:
    """What a search for ``query`` asks the index for, every one: ``search_words``, but the
    parts of a word a ZWNJ joins as one phrase of adjacent words ("حزب الله" for حزب‌الله, so
    that آیت‌الله ... حزب does not match it)."""
    out = search_words(query)  # (the whole query: a Persian prefix joins the verb after it)
    for unit in query.split():
        parts = search_words(unit) if "\u200c" in unit else []
        n = len(parts)
        at = next((k for k in range(len(out) - n + 1) if out[k : k + n] == parts), None)
        if n > 1 and at is not None:
            out[at : at + n] = [" ".join(parts)]
    return out


def tokens(text: str) -> list[str]:
    """Word tokens of already-normalised text (letters and digits, any script)."""
    return _TOKEN.findall(text)


# Consonant classes for matching a name across scripts (``consonant_skeleton``): each letter of
# the Arabic and Persian alphabets (normalised: ``normalize``) and of English spelling goes to
# the class of the sound it stands for in the common romanisations of news (ALA-LC, BGN/PCGN
# and English press spelling), with the classes that these spellings confuse merged: k g j q c
# (ك ق غ ج خ گ: "Gaddafi" / "Qaddafi" / القذافي), s z (س ص ز ظ ش ژ: "Nazif" / نظيف), t (ت ط ث:
# "th" is t), d (د ض ذ), b p (ب پ), f v (ف). Vowels and the letters that write them or nothing
# in the other script (ا و ي ى ه ة ع ح ء; a e i o u y w h) are dropped. A closed table: the two
# alphabets.
_SKELETON_AR = str.maketrans({
    **dict.fromkeys("اوييىهةعحءأإآئؤ", ""), "ب": "b", "پ": "b", "ت": "t", "ث": "t", "ط": "t",
    "ج": "k", "چ": "ts", "خ": "k", "غ": "k", "ق": "k", "ك": "k", "گ": "k", "د": "d", "ذ": "d",
    "ض": "d", "ر": "r", "ز": "s", "ژ": "s", "س": "s", "ش": "s", "ص": "s", "ظ": "s", "ف": "f",
    "ل": "l", "م": "m", "ن": "n",
})  # fmt: skip
_SKELETON_EN_PAIRS = (("sh", "s"), ("ch", "ts"), ("th", "t"), ("ph", "f"), ("kh", "k"),
                      ("gh", "k"), ("ck", "k"), ("x", "ks"))  # fmt: skip
_SKELETON_EN = str.maketrans({
    **dict.fromkeys("aeiouywh", ""), "p": "b", "z": "s", "c": "k", "g": "k", "j": "k",
    "q": "k", "v": "f",
})  # fmt: skip
_SKELETON_KEEP = re.compile(r"[^bdfklmnrst]")
_REPEATS = re.compile(r"(.)\1+")


def consonant_skeleton(word: str) -> str:
    """The consonant classes of a normalised word (``normalize``), so that one name written in
    Arabic, Persian or English letters meets itself: "toshiba" and "توشيبا" → "tsb", "burundi"
    and "بوروندي" → "brnd", "kasich" and "كاسيتش" → "ksts". Repeated classes count once;
    letters of other scripts and digits are dropped. Short skeletons meet many words: callers
    keep long ones (a name key, not a translation)."""
    if word.isascii():
        for pair, sound in _SKELETON_EN_PAIRS:
            word = word.replace(pair, sound)
        out = word.translate(_SKELETON_EN)
    else:
        out = word.translate(_SKELETON_AR)
    return _REPEATS.sub(r"\1", _SKELETON_KEEP.sub("", out))
