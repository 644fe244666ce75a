"""Measure Arabic stemmers and lemmatisers as a second key for the CAMEO verb scan.

The Arabic CAMEO verbs (``resources/event_triggers.tsv``, from PETRARCH's CAMEO.ar.0.5) are
past-tense stems; the run time matches them against each word's ``light_stem`` (closed lists
of clitics and affixes), which leaves the imperfect's prefixes other than ي (تقتل, نقتل,
تستهدف) and the broken forms the dictionary does not list unmatched. This script measures what
a second key per word adds, for each candidate installed:

- ``imperfect`` (the word less an imperfect prefix ت ن ا ي, as a past stem: closed grammar);
- ``simplemma`` (lemma lists per language; Arabic and Persian);
- ``tashaphyne`` (an Arabic light stemmer with affix lists: ``get_stem``);
- ``qalsadi`` (an Arabic morphological analyser and lemmatiser);
- ``pystemmer`` (Snowball's Arabic stemmer, compiled).

Read on the dev splits of the real-news sentence gold (Arabic sentences of
``tests/data/real/sentences/dev.json`` and ``events-ar-dev.json``; labelled from
``docs/annotation.md``): per method, of the gold events the share with a CAMEO verb of the
gold type (``hit``), of the NONE sentences the share with any CAMEO verb (``false``), the share
of events whose only CAMEO verbs are of another type (``wrong``), and the words per second of
the key. It also lists, on ``--corpus`` sentences (SaudiNewsNet, with ``--shared``), the words
each method matches that ``light_stem`` does not, most frequent first, to be read by eye for
false matches. Nothing here runs at run time:

    pip install simplemma==2.0.0 tashaphyne==0.3.6 qalsadi==0.5.1 pystemmer==3.1.0
    .venv/bin/python training/events/measure_stemmers.py [--shared ../shared] [--top 40]

(none of them is a dependency of khabar: results and the choice in
``src/khabar/resources/models/events.md``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from khabar.extract.event_types import _cameo_hits, _verbs, _words, light_stem
from khabar.normalize import normalize

ROOT = Path(__file__).resolve().parents[2]
GOLD = [ROOT / "tests/data/real/sentences/dev.json",
        ROOT / "tests/data/real/sentences/events-ar-dev.json"]  # fmt: skip

Key = Callable[[str], str]


def candidates() -> dict[str, Key]:
    """name → a function from a normalised Arabic word to its second key (the installed
    candidates only)."""
    out: dict[str, Key] = {"light_stem": lambda w: w, "imperfect": imperfect}
    try:
        import simplemma

        out["simplemma"] = lambda w: simplemma.lemmatize(w, lang="ar")
    except ImportError:
        print("simplemma not installed", file=sys.stderr)
    try:
        from tashaphyne.stemming import ArabicLightStemmer

        stemmer = ArabicLightStemmer()

        def tashaphyne(w: str) -> str:
            stemmer.light_stem(w)
            return str(stemmer.get_stem())

        out["tashaphyne"] = tashaphyne
    except ImportError:
        print("tashaphyne not installed", file=sys.stderr)
    try:
        import qalsadi.lemmatizer

        lemmer = qalsadi.lemmatizer.Lemmatizer()
        out["qalsadi"] = lambda w: str(lemmer.lemmatize(w))
    except ImportError:
        print("qalsadi not installed", file=sys.stderr)
    try:
        import Stemmer

        snowball = Stemmer.Stemmer("arabic")
        out["pystemmer"] = snowball.stemWord
    except ImportError:
        print("pystemmer not installed", file=sys.stderr)
    return out


# Arabic imperfect prefixes (normalised: أ is ا) and the past stem's alef of the derived forms
# (تعتقل → اعتقل). Arabic grammar, closed.
_IMPERFECT = ("ت", "ن", "ا", "ي")


def imperfect(word: str) -> str:
    """The word less an imperfect prefix, as a past stem: تقتل → قتل, تعتقل → اعتقل (the
    light stem of the rest, else with an alef before it: whichever is a CAMEO first word)."""
    if len(word) < 4 or word[0] not in _IMPERFECT:
        return word
    from khabar.extract.event_types import _first_words

    rest = light_stem(word[1:], "ar")
    for form in (rest, "ا" + rest):
        if ("ar", form) in _first_words():
            return form
    return word


def types_of(words: tuple[str, ...], key: Key, memo: dict[str, str]) -> set[str]:
    """The PLOVER types of the CAMEO verbs the run time's scan (``event_types._cameo_hits``)
    finds in ``words`` by their light stems, and again by the light stems of their second
    keys."""
    for w in words:
        if w not in memo:
            memo[w] = light_stem(normalize(key(w)), "ar")
    stems = [light_stem(w, "ar") for w in words]
    seconds = [memo[w] for w in words]
    return {t for keys in (stems, seconds) for _, _, t in _cameo_hits(words, keys, "ar")}


def gold_sentences() -> list[tuple[str, str]]:
    """(text, gold PLOVER type or NONE) of every labelled Arabic dev sentence."""
    out = []
    for path in GOLD:
        for a in json.loads(path.read_text(encoding="utf-8"))["articles"]:
            if a["lang"] != "ar":
                continue
            for s in a["sentences"]:
                if not s.get("unlabelled"):
                    out.append((s["text"], (s.get("event") or {}).get("type") or "NONE"))
    return out


def measure(name: str, key: Key, gold: list[tuple[str, str]]) -> dict[str, float]:
    memo: dict[str, str] = {}
    hit = wrong = false = events = nones = 0
    for text, gold_type in gold:
        found = types_of(_words(text, "ar"), key, memo)
        if gold_type == "NONE":
            nones += 1
            false += bool(found)
        else:
            events += 1
            hit += gold_type in found
            wrong += bool(found) and gold_type not in found
    words = sorted({w for text, _ in gold for w in _words(text, "ar")})
    t0 = time.perf_counter()
    for w in words:
        key(w)
    rate = len(words) / max(time.perf_counter() - t0, 1e-9)
    return {"events": events, "hit": round(hit / events, 3), "wrong": round(wrong / events, 3),
            "none": nones, "false": round(false / nones, 3), "words_per_s": round(rate)}


def corpus_sentences(shared: Path, limit: int) -> list[str]:
    """The first ``limit`` body sentences of SaudiNewsNet's last file (outside the gold draw's
    days is not required: these are only read for false matches)."""
    import zipfile

    from khabar.extract.events import sentence_spans

    files = sorted((shared / "corpora/saudinewsnet").glob("*.zip"))
    out: list[str] = []
    with zipfile.ZipFile(files[-1]) as z:
        for name in z.namelist():
            for item in json.loads(z.read(name)):
                text = item.get("content") or ""
                out.extend(text[s.start : s.end] for s in sentence_spans(text))
                if len(out) >= limit:
                    return out[:limit]
    return out


def new_matches(key: Key, sentences: list[str]) -> Counter[tuple[str, str]]:
    """(word, matched form) the method matches and ``light_stem`` alone does not."""
    verbs = _verbs()
    out: Counter[tuple[str, str]] = Counter()
    memo: dict[str, str] = {}
    for text in sentences:
        for w in _words(text, "ar"):
            if ("ar", light_stem(w, "ar")) in verbs:
                continue
            if w not in memo:
                memo[w] = light_stem(normalize(key(w)), "ar")
            if ("ar", memo[w]) in verbs:
                out[(w, memo[w])] += 1
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, help="../shared, for the corpus listing")
    ap.add_argument("--sentences", type=int, default=5000)
    ap.add_argument("--top", type=int, default=40)
    args = ap.parse_args(argv)
    gold = gold_sentences()
    methods = candidates()
    print("| method | events | hit | wrong | NONE | false | words/s |")
    print("|---|---|---|---|---|---|---|")
    for name, key in methods.items():
        m = measure(name, key, gold)
        print(f"| {name} | {m['events']} | {m['hit']} | {m['wrong']} | {m['none']} "
              f"| {m['false']} | {m['words_per_s']} |")  # fmt: skip
    if args.shared:
        sentences = corpus_sentences(args.shared, args.sentences)
        for name, key in methods.items():
            if name == "light_stem":
                continue
            got = new_matches(key, sentences)
            print(f"\n{name}: {sum(got.values())} new matches in {len(sentences)} sentences")
            for (w, form), n in got.most_common(args.top):
                print(f"  {n:5d}  {w} -> {form}  {sorted(_verbs()[('ar', form)])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
