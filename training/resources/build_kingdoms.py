"""Build ``src/khabar/resources/gazetteer/kingdoms.tsv``: the countries whose official name is a
kingdom's, which Arabic news calls "المملكة" (the Kingdom) once named (``places.the_kingdom``).

Input: ISO 3166-1 through the installed ``pycountry`` package (Debian iso-codes, LGPL 2.1): each
country's ``official_name`` ("Kingdom of Saudi Arabia", "Hashemite Kingdom of Jordan", "United
Kingdom of Great Britain and Northern Ireland"). A country is a kingdom when the word "Kingdom"
is in its official name (in its short name where ISO 3166-1 gives no official name). Run time
keeps those of ACLED's Middle East and Northern Africa (``places._kingdoms``).

Output: ``iso2 official_name source``, tab-separated, UTF-8, ``\\n`` line endings, sorted by
iso2, so the file is the same bytes on every run with the same package version.

    .venv/bin/python training/resources/build_kingdoms.py
"""

from __future__ import annotations

import argparse
from importlib import metadata
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[2] / "src/khabar/resources/gazetteer/kingdoms.tsv"
SOURCE = f"ISO 3166-1 official name via pycountry {metadata.version('pycountry')} (LGPL 2.1)"


def rows() -> list[tuple[str, str, str]]:
    """(iso2, official name, source) of every kingdom, by iso2."""
    out = []
    for c in pycountry.countries:
        name = getattr(c, "official_name", None) or c.name
        if "Kingdom" in name:
            out.append((c.alpha_2, name, SOURCE))
    return sorted(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    lines = ["iso2\tofficial_name\tsource"] + ["\t".join(r) for r in rows()]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 1} kingdoms -> {args.out}")


if __name__ == "__main__":
    main()
