"""Build khabar's generic-actor lexicon (``src/khabar/resources/agents.tsv``).

Generic actors are the unnamed people and bodies news is about: police, soldiers, gunmen,
protesters, civilians, students, officials. Rows come from:
  en  PETRARCH/Phoenix agents (``petrarch/english/Phoenix.agents.txt``, MIT): every pattern,
      with its CAMEO sector code; ``{...}`` plurals and the ``!PERSON!``/``!MINIST!`` macros
      expanded; a regular English plural added to one-word nouns.
  ar  PETRARCH Arabic agents (``petrarch/arabic/agents.all.ar.txt``, MIT), with the Arabic sound
      plurals (ون، ين، ات) of one-word nouns added.
  ar  the other case and number forms of the one-word Arabic rows of people that are a nisba
      or a participle and that the labelled sentences show as generic actors (``inflected``:
      مدني → مدنيا، مدنيين، مدنيون، مدنيان; مسلحين → مسلحا),
      a closed set of suffixes of Arabic grammar, each kept only where SaudiNewsNet writes it
      after a number (``MIN_SEEN`` times and ``COUNTED_SHARE`` of its occurrences: "24 مدنيا",
      a counted noun, not the adjective of "حلا عسكريا").
  all the generic-actor spans (GEN, with their class) of the project's own labelled training
      sentences (``training/ner/data/*-labels-*.jsonl``: Fars News, SaudiNewsNet, Wikinews and
      Current Events, labelled from docs/annotation.md), which is where Persian comes from.
Where the labelled sentences give a dictionary phrase (or, in Arabic, the phrase with its
article) a class, that class is the row's (``labelled_classes``).
A phrase is kept when the labelled training sentences of its language show it names generic
actors at least half the times it occurs (two occurrences or more), or, seen less often, when
its sector is one of people (police, military, armed groups, protesters, civilians, students,
workers, journalists, medical staff, officials): PETRARCH also lists institutions ("ministry",
"court"), which the guideline labels as organisations or leaves out.
Columns: lang, phrase, class (the GEN classes of docs/annotation.md), code (CAMEO sector, or
empty), source. Sorted; rebuilt byte for byte (a test checks):

    .venv/bin/python training/resources/build_agents.py --shared ../shared [--out PATH]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "gold"))

from build import Spans, labelled  # noqa: E402

# CAMEO sector → generic actor class (docs/annotation.md section 2)
CLASS = {
    "COP": "police", "MIL": "military", "SPY": "security_forces", "REB": "armed_group",
    "INS": "armed_group", "UAF": "armed_group", "SEP": "armed_group", "OPP": "protesters",
    "CVL": "civilians", "REF": "civilians", "GOV": "officials", "JUD": "officials",
    "LEG": "officials", "PTY": "officials", "MED": "journalists", "HLH": "medical",
    "EDU": "students", "LAB": "workers", "AGR": "workers", "CRM": "other", "BUS": "other",
    "REL": "other", "NGO": "other", "IGO": "other",
}  # fmt: skip
_CODE = re.compile(r"\[~([A-Z]+)\]")
MACROS = {"!PERSON!": ["MAN", "MEN", "WOMAN", "WOMEN", "PERSON"],
          "!MINIST!": ["MINISTER", "MINISTERS", "MINISTRY", "MINISTRIES"]}  # fmt: skip
PETRARCH = "PETRARCH agents (openeventdata/UniversalPetrarch @ 067552d83956 / a0af422b2e6d, MIT)"


# an opposition of an armed sector (CAMEO's secondary role after the primary: OPPUAF "opposition
# forces", قوات المعارضة) is an armed group, not protesters; other pairs keep their primary role
# (GOVMIL, a ministry or minister of defence: officials)
ARMED_OPPOSITION = frozenset({"OPPUAF", "OPPREB", "OPPINS", "OPPMIL"})


def class_of(code: str) -> str:
    if code[:6] in ARMED_OPPOSITION:
        return "armed_group"
    for k in (code[:6], code[:3], code[-3:]):
        if k in CLASS:
            return CLASS[k]
    return "other"


def english_plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


def english(shared: Path) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for line in (
        (shared / "field-data/petrarch/english/Phoenix.agents.txt").read_text("utf-8").splitlines()
    ):
        line = line.split("#")[0].strip()
        m = _CODE.search(line)
        if not m or line.startswith("!") and "=" in line:
            continue
        head = line[: m.start()]
        plurals = re.findall(r"\{([^}]*)\}", head)
        key = re.sub(r"\{[^}]*\}", "", head).strip()
        forms = [key] + [p for p in plurals if p.strip()]
        for macro, values in MACROS.items():
            forms = [f.replace(macro, "_" + v) if macro in f else f for f in forms for v in values]
        for form in dict.fromkeys(forms):
            phrase = re.sub(r"[_\s]+", " ", form).strip().lower()
            if not phrase or not re.fullmatch(r"[a-z][a-z \-']*", phrase):
                continue
            code = m.group(1)
            rows.append(("en", phrase, class_of(code), code, PETRARCH))
            if " " not in phrase and not plurals:
                rows.append(("en", english_plural(phrase), class_of(code), code,
                             PETRARCH + "; regular plural"))  # fmt: skip
    return rows


def arabic(shared: Path) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for line in (
        (shared / "field-data/petrarch/arabic/agents.all.ar.txt").read_text("utf-8").splitlines()
    ):
        if line.lstrip().startswith("#"):
            continue
        m = _CODE.search(line)
        if not m:
            continue
        phrase = " ".join(line[m.end() :].split("#")[0].split())
        if not re.search(r"[\u0600-\u06ff]", phrase):
            continue
        code = m.group(1)
        rows.append(("ar", phrase, class_of(code), code, PETRARCH))
        if " " not in phrase and len(phrase) > 3 and not phrase.endswith(("ون", "ين", "ات", "ة")):
            for suffix in ("ون", "ين"):
                rows.append(
                    ("ar", phrase + suffix, class_of(code), code, PETRARCH + "; sound plural")
                )
        elif " " not in phrase and phrase.endswith("ة") and len(phrase) > 3:
            rows.append(
                ("ar", phrase[:-1] + "ات", class_of(code), code, PETRARCH + "; sound plural")
            )
    return rows


MIN_SEEN = 3  # times SaudiNewsNet must write an inflected form after a number
COUNTED_SHARE = 0.3  # ... and the share of its occurrences that follow a number


def inflected(word: str) -> list[str]:
    """Other written forms of a one-word Arabic noun of people that is a nisba (مدني, شرطي)
    or a participle (مسلح, متظاهر), singular or sound plural or dual: the accusative ا of a
    counted singular ("24 مدنيا"), the dual and plural endings ان ين ون."""
    if len(word) < 4 or " " in word or word.startswith("ال"):
        return []
    stem = word[:-2] if word.endswith(("ين", "ون", "ان")) and len(word) > 5 else word
    if not (stem.endswith("ي") or stem.startswith("م")):
        return []
    return [f for f in (stem + "ا", stem + "ان", stem + "ين", stem + "ون") if f != word]


def counted_words(shared: Path) -> tuple[dict[str, int], dict[str, int]]:
    """How often each normalised word follows a number written in digits in SaudiNewsNet's
    articles ("24 مدنيا", "5 شرطيين"), and how often it occurs at all."""
    sys.path.insert(0, str(ROOT / "src"))
    from sample import saudi_day, saudi_days

    word = re.compile(r"[\u0621-\u064a]+")
    counted = re.compile(r"[0-9\u0660-\u0669]+\s+([\u0621-\u064a]+)")
    seen: Counter[str] = Counter()  # word as written → times, in all and after a number
    seen_after: Counter[str] = Counter()
    for day in saudi_days(shared):
        for a in saudi_day(shared, day):
            seen.update(word.findall(a["body"] or ""))
            seen_after.update(counted.findall(a["body"] or ""))
    return _by_key(seen_after), _by_key(seen)


def _by_key(seen: Counter[str]) -> dict[str, int]:
    """Times by normalised word (``alias_key``), of times by word as written."""
    from khabar.extract.lexicon import alias_key

    out: dict[str, int] = {}
    for w, times in seen.items():
        k = alias_key(w)
        out[k] = out.get(k, 0) + times
    return out


def arabic_forms(rows: list[tuple[str, str, str, str, str]],
                 counted: tuple[dict[str, int], dict[str, int]],
                 gen: dict[str, int]) -> list[tuple[str, str, str, str, str]]:  # fmt: skip
    """The inflected forms (``inflected``) of the Arabic one-word rows of people
    (``PEOPLE`` classes) that the annotators labelled as generic actors (``gen``: normalised
    phrase → times labelled) and that SaudiNewsNet writes after a number ``MIN_SEEN`` times or
    more and in ``COUNTED_SHARE`` of its occurrences or more (``counted``: after a number, in
    all; a counted noun, not the adjective of "حلا عسكريا"), with the row's class and code."""
    after, total = counted
    from khabar.extract.lexicon import alias_key

    out = []
    for lang, phrase, cls, code, source in rows:
        if lang != "ar" or cls not in PEOPLE or not gen.get(alias_key(phrase)):
            continue
        for form in inflected(phrase):
            k = alias_key(form)
            if after.get(k, 0) >= max(MIN_SEEN, COUNTED_SHARE * total.get(k, 0)):
                out.append(("ar", form, cls, code,
                            f"{source}; inflected form of {phrase}, counted in SaudiNewsNet"))
    return out


PEOPLE = {"police", "military", "security_forces", "armed_group", "protesters", "civilians",
          "students", "workers", "journalists", "medical", "officials"}  # fmt: skip


def usage(lang_of: str) -> tuple[dict[str, int], list[str]]:
    """How often each normalised phrase is labelled GEN in the labelled training sentences of
    one language, and those sentences (normalised, each padded with spaces to count phrases:
    ``keep`` counts a phrase in them joined by line breaks, which no phrase holds)."""
    sys.path.insert(0, str(ROOT / "src"))
    from khabar.extract.lexicon import alias_key

    texts: list[str] = []
    gen: dict[str, int] = {}
    for _, _, s, lab in labelled(ROOT / "training/ner/data", lang_of):
        texts.append(" " + alias_key(s["text"]) + " ")
        for e in lab.get("entities", []):
            if e.get("label") == "GEN":
                k = alias_key(e["text"])
                gen[k] = gen.get(k, 0) + 1
    return gen, texts


Seen = dict[str, tuple[dict[str, int], str]]


def keep(row: tuple[str, str, str, str, str], seen: Seen) -> bool:
    lang, phrase, cls, code, source = row
    if source.startswith("project's"):
        return True
    gen, texts = seen[lang]
    if not texts:
        return cls in PEOPLE
    from khabar.extract.lexicon import alias_key

    k = alias_key(phrase)
    occ = texts.count(" " + k + " ")  # no phrase holds a line break: none spans two sentences
    if occ >= 2:
        return gen.get(k, 0) / occ >= 0.5
    return cls in PEOPLE


def own_labels() -> list[tuple[str, str, str, str, str]]:
    rows = []
    for lang, name, s, lab in labelled(ROOT / "training/ner/data"):
        for e in lab.get("entities", []):
            found = Spans(s["text"], [], "").find(e)
            if e.get("label") == "GEN" and found and len(found["text"].split()) <= 4:
                rows.append((lang, found["text"], e.get("class") or "other", "",
                             f"project's labelled training sentences ({name})"))  # fmt: skip
    return rows


def labelled_classes(rows: list[tuple[str, str, str, str, str]],
                     ) -> list[tuple[str, str, str, str, str]]:  # fmt: skip
    """``rows`` with a dictionary row's class replaced by the class the project's labelled
    sentences give the same phrase most often (ties: the first in alphabetical order), or, in
    Arabic, the phrase with its article (PETRARCH codes "متمردين", rebels, OPP, which reads as
    protesters; the labelled sentences call "المتمردين" an armed group): where the two
    disagree, the labelled news wins."""
    from khabar.extract.lexicon import alias_key

    votes: dict[tuple[str, str], Counter[str]] = {}
    for lang, phrase, cls, _, source in rows:
        if source.startswith("project's"):
            votes.setdefault((lang, alias_key(phrase)), Counter())[cls] += 1
    out = []
    for row in rows:
        lang, phrase, cls, code, source = row
        key = alias_key(phrase)
        said = votes.get((lang, key)) or (votes.get((lang, "ال" + key)) if lang == "ar" else None)
        if not source.startswith("project's") and said:
            best = min(said, key=lambda c: (-said[c], c))
            if best != cls:
                row = (lang, phrase, best, code,
                       f"{source}; class as the project's labelled sentences give it")
        out.append(row)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "src/khabar/resources/agents.tsv")
    args = ap.parse_args()
    seen: Seen = {}
    for lang in ("ar", "en", "fa"):
        gen, texts = usage(lang)
        seen[lang] = gen, "\n".join(texts)
    rows = [r for r in english(args.shared) + arabic(args.shared) + own_labels() if keep(r, seen)]
    forms = arabic_forms(rows, counted_words(args.shared), seen["ar"][0])
    rows += [r for r in forms if keep(r, seen)]
    rows = labelled_classes(rows)
    first: dict[tuple[str, str], tuple[str, str, str, str, str]] = {}
    for r in rows:
        first.setdefault((r[0], r[1]), r)  # the first source of a phrase keeps it
    out = args.out
    with out.open("w", encoding="utf-8") as fh:
        fh.write("lang\tphrase\tclass\tcode\tsource\n")
        for r in sorted(first.values()):
            fh.write("\t".join(r) + "\n")
    by_lang: dict[str, int] = {}
    for lang, *_ in first.values():
        by_lang[lang] = by_lang.get(lang, 0) + 1
    print(out, by_lang)


if __name__ == "__main__":
    main()
