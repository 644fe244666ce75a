"""Build ``src/khabar/resources/demonyms.tsv``: English nationality words (demonyms) and the
country each names, for the NORP mentions of English text (``khabar.extract.entities``).

Input (``<shared>`` is the shared data folder, ``--shared``): countries-states-cities,
``<shared>/field-data/gazetteer/countries-states-cities/countries.json`` (ODbL 1.0 / DbCL 1.0),
each country's ``nationality`` ("Iranian, Persian", "Saudi, Saudi Arabian").

Rules: every comma- or "or"-separated form is a demonym, except forms that are no adjective of
nationality: those naming an island, islands or territories ("Aland Island"), abbreviations
("UK", "NZ", "BIOT") and forms that are a country's own English name or, of two words or more,
begin one ("Luxembourg", "Gibraltar", "Hong Kong" of "Hong Kong S.A.R."). A form given for
several countries ("American": US and the US Minor Outlying Islands; "Chinese"; "Congolese";
"Dominican") names the most populous of them (the file's ``population``).
A one-word form ending in -an or -i also has its plural with -s ("Iraqis", "Americans"): English
grammar. Every row's ``source`` names the file and the country's entry.

Output: ``form iso2 source``, tab-separated, UTF-8, sorted by form.

    .venv/bin/python training/resources/build_demonyms.py --shared ../shared
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tsv_main import run  # noqa: E402 (a sibling script, not a package)

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src/khabar/resources/demonyms.tsv"
HEADER = ("form", "iso2", "source")
_NOT_DEMONYM = re.compile(r"\b(?:Island|Islands|Territories)\b")
_SOURCE = "countries-states-cities countries.json nationality of {iso2} (ODbL 1.0 / DbCL 1.0)"


def build(shared: Path) -> list[tuple[str, str, str]]:
    path = shared / "field-data/gazetteer/countries-states-cities/countries.json"
    countries = json.loads(path.read_text(encoding="utf-8"))
    names = {c["name"] for c in countries}
    forms: dict[str, tuple[int, str, str]] = {}
    for c in countries:
        iso2 = c["iso2"]
        for form in re.split(r",| or ", c.get("nationality") or ""):
            form = form.strip()
            if (not form or _NOT_DEMONYM.search(form) or form.isupper() or form in names
                    or not form[0].isupper()
                    or (" " in form and any(n.startswith(form) for n in names))):  # fmt: skip
                continue
            variants = [form]
            if " " not in form and re.search(r"(?:an|i)$", form):
                variants.append(form + "s")
            for v in variants:
                people = int(c.get("population") or 0)
                if v not in forms or people > forms[v][0]:
                    forms[v] = (people, iso2, _SOURCE.format(iso2=iso2))
    return [(form, iso2, source) for form, (_, iso2, source) in sorted(forms.items())]


if __name__ == "__main__":
    run(__doc__, build, HEADER, OUT)
