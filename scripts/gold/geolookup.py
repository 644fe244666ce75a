"""Annotation aid: look a place name up in the gazetteers of ``../shared/field-data/gazetteer``.

Prints candidates (name, type, country, latitude, longitude, Wikidata id) from
countries-states-cities (ODbL/DbCL), the Iraq admin file (MIT) and the Iran admin file (MIT),
matching English, Arabic or Persian names after light folding (hamza forms, ی/ي, ک/ك, ة/ه, ال-).
It is a lookup for annotators, not khabar's resolver; khabar never runs it.

    python scripts/gold/geolookup.py عدن
    python scripts/gold/geolookup.py "Abu Ghraib" --country IQ
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ی": "ي",
        "ى": "ي",
        "ک": "ك",
        "ة": "ه",
        "ۀ": "ه",
        "\u200c": " ",
    }
)


def fold(s: str) -> str:
    s = re.sub(r"[\u064b-\u065f\u0670]", "", s.translate(_FOLD)).lower().strip()
    s = re.sub(r"^(ال|al-|el-|al |the )", "", s)
    return re.sub(r"\s+", " ", s)


def rows(root: Path):
    csc = root / "countries-states-cities"
    for c in json.loads((csc / "countries.json").read_text("utf-8")):
        tr = c.get("translations") or {}
        yield {
            "names": [c["name"], c.get("native") or "", tr.get("ar", ""), tr.get("fa", "")],
            "type": "country",
            "country": c["iso2"],
            "lat": c.get("latitude"),
            "lon": c.get("longitude"),
            "wikidata": c.get("wikiDataId"),
        }
    for path in sorted(csc.glob("??.json")):
        text = path.read_text("utf-8").strip()
        for r in json.loads(text) if text else []:
            tr = r.get("translations") or {}
            yield {
                "names": [r["name"], r.get("native") or "", tr.get("ar", ""), tr.get("fa", "")],
                "type": r.get("type") or "city",
                "country": r.get("country_code"),
                "lat": r.get("latitude"),
                "lon": r.get("longitude"),
                "wikidata": r.get("wikiDataId"),
                "population": r.get("population"),
            }
    iraq = json.loads((root / "iraq/iraq_admin.json").read_text("utf-8"))
    for p in iraq.get("provinces", []):
        yield {
            "names": [p.get("engName", ""), p.get("arbName", "")],
            "type": "province",
            "country": "IQ",
        }
        for d in p.get("districts", []):
            yield {
                "names": [d.get("engName", ""), d.get("arbName", "")],
                "type": "district",
                "country": "IQ",
                "in": p.get("engName"),
            }
            for s in d.get("subdistricts", []):
                yield {
                    "names": [s.get("engName", ""), s.get("arbName", "")],
                    "type": "subdistrict",
                    "country": "IQ",
                    "in": d.get("engName"),
                }
    with (root / "iran/iran_admin.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            lon, _, lat = (r.get("Coordinates") or "").partition(",")
            yield {
                "names": [r["Name"], r.get("Slug", "")],
                "type": r.get("Type"),
                "country": "IR",
                "lat": lat or None,
                "lon": lon or None,
            }


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("name")
    ap.add_argument("--country", help="ISO2 code to keep")
    ap.add_argument(
        "--gazetteer",
        type=Path,
        default=Path(__file__).resolve().parents[3] / "shared/field-data/gazetteer",
    )
    ap.add_argument("--limit", type=int, default=15)
    args = ap.parse_args()
    q = fold(args.name)
    exact, partial = [], []
    for r in rows(args.gazetteer):
        if args.country and r["country"] != args.country.upper():
            continue
        names = [fold(n) for n in r["names"] if n]
        if q in names:
            exact.append(r)
        elif any(q in n.split(" ") or (len(q) > 4 and q in n) for n in names):
            partial.append(r)
    for r in (exact + partial)[: args.limit]:
        names = " / ".join(n for n in r["names"] if n)
        print(
            f"{r['type']:<12} {r['country']}  {r.get('lat')},{r.get('lon')}  "
            f"{r.get('wikidata') or ''}  {names}" + (f"  (in {r['in']})" if r.get("in") else "")
        )
    if not exact and not partial:
        print(
            "no match: use your own knowledge of the place "
            '(and say so with "coords_source": "annotator")'
        )


if __name__ == "__main__":
    main()
