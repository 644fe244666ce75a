"""Exports of canonical events: ACLED-like CSV, GeoJSON, JSONL and Parquet.

Input: a store with fused stories (``khabar.fuse``) and optional filters (day range, country,
actor, event type). Output: a file in one of ``FORMATS``:

* ``acled-csv``: one row per canonical event, ACLED's column names where they fit
  (``event_id_cnty``, ``event_date``, ``year``, ``time_precision``, ``event_type``,
  ``sub_event_type``, ``actor1``, ``actor2``, ``country``, ``location``, ``latitude``,
  ``longitude``, ``geo_precision``, ``source``, ``notes``, ``fatalities``), then khabar's
  provenance and contradiction columns (``khabar_*``). UTF-8, header first.
* ``geojson``: a FeatureCollection of the events that have coordinates (their chosen
  location), with the main fields and counts as properties.
* ``jsonl``: the full record of each event (every field's values with their sources, chosen
  values with their rules) with its contradictions.
* ``parquet`` (needs ``pyarrow``, the ``export`` extra): the CSV's columns plus the JSON record.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from khabar.errors import ExportError
from khabar.store.sqlite import SQLiteStore

__all__ = [
    "ACLED_COLUMNS",
    "FORMATS",
    "event_page",
    "event_story_ids",
    "export_events",
    "select_events",
]

FORMATS = ("acled-csv", "geojson", "jsonl", "parquet")
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "country", "location", "latitude", "longitude", "geo_precision",
    "source", "notes", "fatalities",
    "khabar_time",
    "khabar_story_id", "khabar_plover", "khabar_background", "khabar_injured",
    "khabar_independent_sources", "khabar_outlets", "khabar_languages", "khabar_documents",
    "khabar_chosen_rules", "khabar_contradictions",
)  # fmt: skip
_GEO_PRECISION = {"site": 1, "town": 1, "district": 2, "province": 2, "country": 3}


def _where(f: dict[str, Any]) -> tuple[str, list[Any]]:
    where, args = ["1 = 1"], []
    for column, key, op in (("day", "since", ">="), ("day", "until", "<="),
                            ("story_id", "story", "=")):  # fmt: skip
        if f.get(key) is not None:
            where.append(f"{column} {op} ?")
            args.append(f[key])
    if f.get("country"):
        where.append("country = ?")
        args.append(f["country"].upper())
    if f.get("type"):
        where.append("(acled_type LIKE ? OR acled_subtype LIKE ? OR plover LIKE ?)")
        args += [f"%{f['type']}%"] * 3
    if f.get("actor"):  # a cheap pre-filter; ``_has_actor`` decides
        where.append("instr(lower(record), lower(?)) > 0")
        args.append(f["actor"])
    return " AND ".join(where), args


def event_page(
    store: SQLiteStore, filters: dict[str, Any] | None = None, *, limit: int | None = None,
    offset: int = 0,
) -> tuple[list[dict], int]:  # fmt: skip
    """One page of event records (with their contradictions) matching ``filters``, by day
    then id, and how many match in all. Filters: since, until (YYYY-MM-DD), story, country
    (ISO code), actor (id or name, as actor or target), type (ACLED type/sub-type or PLOVER)."""
    f = filters or {}
    where, args = _where(f)
    order = " ORDER BY day IS NULL, day, story_id, seq"
    if f.get("actor"):  # decided in Python: page after filtering
        rows = store.db.execute(f"SELECT record FROM events WHERE {where}{order}", args)
        records = [r for r in (json.loads(x[0]) for x in rows) if _has_actor(r, f["actor"])]
        total = len(records)
        records = records[offset : None if limit is None else offset + limit]
    else:
        total = store.db.execute(f"SELECT count(*) FROM events WHERE {where}", args).fetchone()[0]
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        rows = store.db.execute(f"SELECT record FROM events WHERE {where}{order}{page}", args)
        records = [json.loads(x[0]) for x in rows]
    found = _contradictions_of(store, [r["id"] for r in records])
    for r in records:
        r["contradictions"] = found.get(r["id"], [])
    return records, total


def event_story_ids(store: SQLiteStore, filters: dict[str, Any]) -> set[int]:
    """Stories with an event matching ``filters`` (as ``event_page``), without loading the
    events' contradictions."""
    where, args = _where(filters)
    if not filters.get("actor"):
        return {
            r[0]
            for r in store.db.execute(f"SELECT DISTINCT story_id FROM events WHERE {where}", args)
        }
    rows = store.db.execute(f"SELECT story_id, record FROM events WHERE {where}", args)
    return {sid for sid, rec in rows if _has_actor(json.loads(rec), filters["actor"])}


def _contradictions_of(store: SQLiteStore, event_ids: list[str]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for event_id, record in store.db.execute(
            f"SELECT event_id, record FROM contradictions WHERE event_id IN ({marks})"
            " ORDER BY id", chunk,
        ):  # fmt: skip
            out.setdefault(event_id, []).append(json.loads(record))
    return out


def select_events(store: SQLiteStore, filters: dict[str, Any] | None = None) -> list[dict]:
    """Every event record (with its contradictions) matching ``filters`` (see
    ``event_page``), by day then id."""
    return event_page(store, filters)[0]


def _has_actor(record: dict[str, Any], actor: str) -> bool:
    want = actor.casefold()
    return any(
        want in (str(v["value"]).casefold(), v["label"].casefold())
        for name in ("actor", "target")
        for v in record["fields"].get(name, [])
    )


def _chosen(record: dict[str, Any], name: str) -> dict[str, Any] | None:
    want = record["chosen"].get(name, {}).get("value")
    return next((v for v in record["fields"].get(name, []) if v["value"] == want), None)


def csv_row(record: dict[str, Any]) -> dict[str, Any]:
    """One ACLED-like row of an event record."""
    loc, day = _chosen(record, "location"), record["chosen"].get("date", {}).get("value")
    actor, target = _chosen(record, "actor"), _chosen(record, "target")
    killed = record["chosen"].get("killed", {}).get("value")
    injured = record["chosen"].get("injured", {}).get("value")
    quotes = [s["quote"] for v in record["fields"].get("date", [])[:1] for s in v["sources"][:1]]
    return {
        "event_id_cnty": record["id"], "event_date": day or "",
        "year": day[:4] if day else "", "time_precision": 1 if day else 3,
        "event_type": record["acled_type"], "sub_event_type": record["acled_subtype"] or "",
        "actor1": actor["label"] if actor else "", "actor2": target["label"] if target else "",
        "country": loc["country"] if loc else "", "location": loc["label"] if loc else "",
        "latitude": loc["lat"] if loc else "", "longitude": loc["lon"] if loc else "",
        "geo_precision": _GEO_PRECISION.get(loc["precision"], 3) if loc else "",
        "source": "; ".join(record["outlets"]), "notes": quotes[0] if quotes else "",
        "fatalities": killed if killed is not None else "",
        "khabar_time": record["chosen"].get("time", {}).get("value") or "",
        "khabar_story_id": record["story_id"], "khabar_plover": record["plover"],
        "khabar_background": int(record["background"]),
        "khabar_injured": injured if injured is not None else "",
        "khabar_independent_sources": record["independent_sources"],
        "khabar_outlets": len(record["outlets"]), "khabar_languages": ",".join(record["languages"]),
        "khabar_documents": ",".join(record["documents"]),
        "khabar_chosen_rules": json.dumps({k: v["rule"] for k, v in record["chosen"].items()},
                                          ensure_ascii=False),
        "khabar_contradictions": json.dumps([f"{c['kind']}: {c['what']}"
                                             for c in record.get("contradictions", [])],
                                            ensure_ascii=False),
    }  # fmt: skip


def _feature(record: dict[str, Any]) -> dict[str, Any] | None:
    loc = _chosen(record, "location")
    if loc is None or loc.get("lat") is None:
        return None
    row = csv_row(record)
    props = {k: row[k] for k in ("event_id_cnty", "event_date", "event_type", "sub_event_type",
                                 "actor1", "actor2", "country", "location", "fatalities",
                                 "khabar_injured", "khabar_independent_sources",
                                 "khabar_languages")}  # fmt: skip
    props["contradictions"] = len(record.get("contradictions", []))
    return {"type": "Feature", "id": record["id"], "properties": props,
            "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}}  # fmt: skip


def _write_parquet(records: list[dict[str, Any]], path: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ExportError("Parquet export needs pyarrow: pip install 'khabar[export]'") from exc
    rows = [{k: str(v) for k, v in csv_row(r).items()} for r in records]
    columns = {c: [row[c] for row in rows] for c in ACLED_COLUMNS}
    columns["record"] = [json.dumps(r, ensure_ascii=False) for r in records]
    schema = pa.schema([(c, pa.string()) for c in columns])
    pq.write_table(pa.table(columns, schema=schema), path)


def export_events(
    store: SQLiteStore, fmt: str, path: str | Path, filters: dict[str, Any] | None = None
) -> int:
    """Write the events matching ``filters`` to ``path`` as ``fmt``; returns how many."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    records = select_events(store, filters)
    out = Path(path)
    if fmt == "jsonl":
        with out.open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "acled-csv":
        with out.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
            writer.writeheader()
            writer.writerows(csv_row(r) for r in records)
    elif fmt == "geojson":
        features = [f for r in records if (f := _feature(r)) is not None]
        out.write_text(json.dumps({"type": "FeatureCollection", "features": features},
                                  ensure_ascii=False), encoding="utf-8")  # fmt: skip
        return len(features)
    else:
        _write_parquet(records, out)
    return len(records)
