"""Exports of canonical events read back by the standard readers, content unchanged."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import geojson
import pandas as pd
import pyarrow.parquet as pq
import pytest

from khabar.errors import ExportError
from khabar.export import ACLED_COLUMNS, csv_row, export_events, select_events
from khabar.pipeline import ingest
from khabar.store import SQLiteStore


@pytest.fixture
def fused(store: SQLiteStore, seeds: Path) -> SQLiteStore:
    ingest([str(seeds)], store)
    return store


def test_jsonl_round_trips_every_record(fused: SQLiteStore, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    n = export_events(fused, "jsonl", path)
    back = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert n == len(back) > 0 and back == select_events(fused)
    assert any(r["contradictions"] for r in back)


def test_acled_csv_is_utf8_with_a_header_and_arabic_intact(
    fused: SQLiteStore, tmp_path: Path
) -> None:
    path = tmp_path / "events.csv"
    export_events(fused, "acled-csv", path)
    raw = path.read_bytes().decode("utf-8")  # strict: fails on invalid UTF-8
    assert raw.splitlines()[0].split(",")[:3] == ["event_id_cnty", "event_date", "year"]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(ACLED_COLUMNS)
    expected = [{k: str(v) for k, v in csv_row(r).items()} for r in select_events(fused)]
    assert frame.to_dict("records") == expected
    assert frame["notes"].str.contains("صواريخ").any()  # Arabic text survives
    with path.open(encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == len(expected)


def test_geojson_is_valid_and_holds_the_events_with_coordinates(
    fused: SQLiteStore, tmp_path: Path
) -> None:
    path = tmp_path / "events.geojson"
    n = export_events(fused, "geojson", path)
    data = geojson.loads(path.read_text(encoding="utf-8"))
    assert data.is_valid and data["type"] == "FeatureCollection" and len(data["features"]) == n
    by_id = {f["id"]: f for f in data["features"]}
    kharab = next(f for f in by_id.values() if f["properties"]["location"] == "Kharab al-Jir")
    lon, lat = kharab["geometry"]["coordinates"]
    assert 36 < lat < 37.5 and 41 < lon < 43
    assert kharab["properties"]["contradictions"] >= 1


def test_parquet_round_trips_the_csv_columns_and_records(
    fused: SQLiteStore, tmp_path: Path
) -> None:
    path = tmp_path / "events.parquet"
    export_events(fused, "parquet", path)
    table = pq.read_table(path)
    records = select_events(fused)
    assert table.column_names == [*ACLED_COLUMNS, "record"]
    assert [json.loads(x) for x in table.column("record").to_pylist()] == records
    assert pd.read_parquet(path)["event_id_cnty"].tolist() == [r["id"] for r in records]


def test_filters_select_by_day_country_actor_and_type(fused: SQLiteStore) -> None:
    every = select_events(fused)
    april = select_events(fused, {"since": "2024-04-20", "until": "2024-04-21"})
    assert april and all("2024-04-20" <= r["chosen"]["date"]["value"] <= "2024-04-21"
                         for r in april) and len(april) < len(every)  # fmt: skip
    assert all(r["chosen"]["location"]["value"].startswith("SY")
               for r in select_events(fused, {"country": "sy"}))  # fmt: skip
    rockets = select_events(fused, {"type": "Shelling"})
    assert rockets and all(r["acled_subtype"].startswith("Shelling") for r in rockets)
    assert select_events(fused, {"actor": "US Central Command"})


def test_unknown_format_is_a_clear_error(fused: SQLiteStore, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="acled-csv"):
        export_events(fused, "xlsx", tmp_path / "x")
