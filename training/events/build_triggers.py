"""Build khabar's CAMEO event-verb table (``src/khabar/resources/event_triggers.tsv``).

Inputs (``<shared>/field-data``, MIT for the PETRARCH dictionaries, see their LICENSE):
  petrarch/english/CAMEO.verbpatterns.150430.txt  English verb blocks ``--- NAME [code] ---``,
      each verb with its listed irregular forms ``{...}``, phrasal verbs ``+GEAR_UP``
  petrarch/arabic/CAMEO.ar.0.5.txt                Arabic verb blocks (stems, ``+`` joining a
      verb to its preposition), codes on their patterns ``[code]``
  plover/CAMEO2PLOVER-2021.txt                    CAMEO code → PLOVER type (and mode)
A block's code is its header's, else the most frequent code of its patterns (ties: the
lowest); its PLOVER type is that of the longest prefix of the code in the conversion table,
but for two codes the table leaves out or maps otherwise than the PLOVER manual's own
definitions (``PLOVER_EXTRA``): CAMEO 02 APPEAL ("urge", "call on"), which the table drops,
is a REQUEST ("All requests, demands, and orders": PLOVER manual, section REQUEST), and the
CONVICT and SENTENCE blocks (CAMEO 173, which the table makes COERCE arrest) are SANCTION
convict ("Find an entity ... guilty ... in a court of law": SANCTION modes), and the SUE and
PROSECUTE blocks, the verb INDICT and the Arabic block رفع+دعوى (file a lawsuit; CAMEO 173
too) ACCUSE allege ("sue in court",
"criminally indict", "bring to trial": ACCUSE modes of the PLOVER codebook).
English forms: the listed ones, else the regular ones (``regular_forms``: -s/-es/-ies,
-ed/-d/-ied, -ing), lower case, phrasal parts joined by a space. Arabic forms: the stems as
written, without harakat; the run time matches them against light-stemmed words
(``khabar.extract.event_types``).

``coded``: ``verb`` where the verb's block header (one code or a pair, "[042:043]") or its own
line gives the code, ``patterns``
where the block is headed ``[---]`` (PETRARCH codes its verbs only inside one of its patterns:
"ADD" is a ban only in "ADD * TO PARTIES BANNED BY", "APPEAR" an arrest only "BEFORE COURT ON
CHARGES"); the run time sets such an English verb a higher bar (``events._typed``).

The verbs of a judicial execution (``PLOVER_VERBS``: English "execute" and its regular forms,
Arabic أعدم), PLOVER's ASSAULT mode "execute", are added from the PLOVER codebook: the PETRARCH
dictionaries code them only inside patterns of other verbs.

Persian has no PETRARCH dictionary: its rows are the Fars News words and light-verb phrases
that annotators labelled as triggers (``persian_triggers.py``: ``data/fa-triggers-*``), with no
CAMEO code, block ``DIE``/``HURT`` for a word of what befell someone, else ``FA``, coded
``annotator``; their forms are as the verb scan reads Persian (normalised index form).

Output columns: lang, form, cameo, plover, mode, block, coded, source. Sorted; same bytes
every run:

    .venv/bin/python training/events/build_triggers.py --shared ../shared
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
import persian_triggers  # noqa: E402

OUT = ROOT / "src/khabar/resources/event_triggers.tsv"
SRC_EN = "PETRARCH CAMEO.verbpatterns.150430.txt (MIT) via CAMEO2PLOVER-2021"
SRC_AR = "PETRARCH CAMEO.ar.0.5.txt (MIT) via CAMEO2PLOVER-2021"
# (code prefix or block name) → PLOVER (type, mode) where the manual's definitions decide
PLOVER_EXTRA = {"02": ("REQUEST", ""), "CONVICT": ("SANCTION", "convict"),
                "SENTENCE": ("SANCTION", "convict"),
                # legal accusation: "sue in court", "criminally indict", "bring to trial"
                # (PLOVER codebook, ACCUSE allege), which CAMEO 173 lumps with arrests
                "SUE": ("ACCUSE", "allege"), "PROSECUTE": ("ACCUSE", "allege"),
                "INDICT": ("ACCUSE", "allege"), "رفع+دعوى": ("ACCUSE", "allege")}  # fmt: skip
# Verbs of a judicially-sanctioned execution, PLOVER's ASSAULT mode "execute" (PLOVER codebook,
# PLOVER_structured_codebook.csv: "Judicially-sanctioned execution"), which no verb of the
# PETRARCH dictionaries carries (English EXECUTED is coded only inside a pattern of the CLAIM
# block, the Arabic noun إعدام only inside patterns of praise and protest): the English verb
# and its regular forms, the Arabic verb stem (the run time light-stems أعدمت, أعدموا). The
# noun is left out: "execution" of a plan, "حكم بالإعدام" a sentence (SANCTION convict)
PLOVER_VERBS = (("en", "execute", "EXECUTE"), ("ar", "أعدم", "أعدم"))
SRC_PLOVER = "PLOVER codebook (openeventdata/PLOVER), ASSAULT mode execute: the verb"
# (the PETRARCH verb lines with a code of their own, "CONVICT [173]", were read as no verb
# before 2026-12-01: 78 English verbs such as murder, arrest, accuse, condemn, boycott)
_BLOCK = re.compile(r"^---\s*(.+?)\s*\[([^\]]*)\]\s*---")
_CODE = re.compile(r"\[(\d{2,4})(?::\d+)?\]")
_HARAKAT = re.compile(r"[\u064b-\u065f\u0670\u0640]")


def cameo_to_plover(path: Path) -> dict[str, tuple[str, str]]:
    out = {}
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        code, rest = line.split(":", 1)
        parts = [p.strip() for p in rest.split(",")]
        if code.strip().isdigit() and parts[0]:
            out[code.strip()] = (parts[0], parts[1] if len(parts) > 1 else "")
    return out


def plover_of(code: str, table: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    for k in range(len(code), 1, -1):
        if code[:k] in table:
            return table[code[:k]]
    return None


def blocks(path: Path) -> list[tuple[str, str, list[str], list[str]]]:
    """(name, header code, verb lines, pattern codes) of each verb block."""
    out: list[tuple[str, str, list[str], list[str]]] = []
    lines = path.read_text("utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    for line in lines[start + 1 :]:
        m = _BLOCK.match(line.strip())
        if m:
            out.append((m.group(1), m.group(2).strip(), [], []))
            continue
        if not out or not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.lstrip().startswith("-"):
            out[-1][3].extend(c.group(1) for c in _CODE.finditer(line))
        else:
            out[-1][2].append(line.split("#", 1)[0].strip())
    return out


def block_code(header: str, patterns: list[str]) -> str | None:
    if header.isdigit():
        return header
    if not patterns:
        return None
    counts = Counter(patterns)
    return min(counts, key=lambda c: (-counts[c], c))


def english_forms(line: str) -> list[str]:
    """The forms of one verb line: ``STRIKE {STRIKES STRUCK STRIKING}``, ``+GEAR_UP``."""
    listed = re.findall(r"\{([^}]*)\}", line)
    head = re.sub(r"\{[^}]*\}", "", line).strip()
    if not head:
        return []
    words = [head] + (listed[0].split() if listed else [])
    out = [w.lstrip("+").replace("_", " ").lower() for w in words]
    if not listed:
        base = out[0].split(" ", 1)
        verb, rest = base[0], (" " + base[1]) if len(base) > 1 else ""
        out += [f + rest for f in regular_forms(verb)]
    return [o for o in out if o and o.replace(" ", "").isalpha()]


def regular_forms(verb: str) -> list[str]:
    """-s, -ed and -ing of a regular English verb (ally: allies, allied, allying; agree: agrees,
    agreed, agreeing; raise: raises, raised, raising). Doubled consonants (stop: stopped) are
    not guessed: the dictionaries list those forms."""
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return [verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    if verb.endswith("ee"):
        return [verb + "s", verb + "d", verb + "ing"]
    if verb.endswith("e"):
        return [verb + "s", verb + "d", verb[:-1] + "ing"]
    s = verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s")
    return [s, verb + "ed", verb + "ing"]


def arabic_forms(line: str) -> list[str]:
    stem = _HARAKAT.sub("", line.split()[0] if line.split() else "")
    return [stem.replace("+", " ")] if len(stem.replace("+", "")) >= 2 else []


def rows(shared: Path) -> list[str]:
    table = cameo_to_plover(shared / "field-data/plover/CAMEO2PLOVER-2021.txt")
    petrarch = shared / "field-data/petrarch"
    out: dict[tuple[str, ...], str] = {}
    for lang, path, forms, src in (
        ("en", petrarch / "english/CAMEO.verbpatterns.150430.txt", english_forms, SRC_EN),
        ("ar", petrarch / "arabic/CAMEO.ar.0.5.txt", arabic_forms, SRC_AR),
    ):
        for name, header, verbs, patterns in blocks(path):
            code = block_code(header, patterns)
            # (a paired header codes its verbs too: CONFER [040:040], VISIT [042:043])
            coded = "verb" if re.fullmatch(r"\d+(:\d+)?", header) else "patterns"
            typ = plover_of(code, table) if code else None
            if name.strip() in PLOVER_EXTRA:
                typ = PLOVER_EXTRA[name.strip()]
            elif code and typ is None and code[:2] in PLOVER_EXTRA:
                typ = PLOVER_EXTRA[code[:2]]
            for verb in verbs:
                # a verb with a code of its own ("CONVICT [173]", "MURDER [190]") takes it
                own = _CODE.search(verb) if lang == "en" else None
                vcode, vtyp, vcoded = code, typ, coded
                if own:
                    vcoded = "verb"
                    vcode = own.group(1)
                    vtyp = PLOVER_EXTRA.get(verb.split()[0]) or plover_of(vcode, table) or (
                        PLOVER_EXTRA.get(vcode[:2]))  # fmt: skip
                    verb = re.sub(r"\[[^\]]*\]", "", verb).strip()
                if vtyp is None:
                    continue
                for form in forms(verb):
                    key = (lang, form, vcode or "", vtyp[0], vtyp[1], name, src)
                    if out.get(key) != "verb":  # a form a block codes both ways: "verb"
                        out[key] = vcoded
    for lang, verb, name in PLOVER_VERBS:
        forms = [verb, *regular_forms(verb)] if lang == "en" else [verb]
        for form in forms:
            out[(lang, form, "", "ASSAULT", "execute", name, SRC_PLOVER)] = "verb"
    persian = [f"fa\t{form}\t\t{typ}\t{mode}\t{block}\tannotator\t{src}"
               for form, typ, mode, block, src in persian_triggers.rows()]  # fmt: skip
    return sorted(["\t".join([*key[:-1], coded, key[-1]]) for key, coded in out.items()]
                  + persian)  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    head = "lang\tform\tcameo\tplover\tmode\tblock\tcoded\tsource"
    data = rows(args.shared)
    args.out.write_text("\n".join([head, *data]) + "\n", "utf-8")
    print(args.out, len(data), "rows")


if __name__ == "__main__":
    main()
