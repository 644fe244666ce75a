"""`khabar export`'s flags: background and undated events only with --background / --undated."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from khabar.cli import app
from khabar.errors import ExportError
from khabar.settings import Settings
from khabar.store import SQLiteStore
from tests.test_export import add_dated_background_undated, add_event


def test_export_flags_add_background_and_undated_events(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    add_dated_background_undated(store)
    runner = CliRunner()
    for flags, want in (
        ([], {"1.1"}),
        (["--background"], {"1.1", "2.1"}),
        (["--undated"], {"1.1", "3.1"}),
        (["--background", "--undated"], {"1.1", "2.1", "3.1"}),
    ):
        out = tmp_path / f"events{len(flags)}{''.join(flags)}.csv"
        args = ["export", str(out), "--format", "acled-csv", "--db", str(settings.database)]
        result = runner.invoke(app, [*args, *flags])
        assert result.exit_code == 0, result.output
        frame = pd.read_csv(out, dtype=str, keep_default_na=False)
        assert set(frame["khabar_event_ids"]) == want, flags


def test_export_to_a_missing_folder_says_so_without_a_traceback(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    # a fresh-clone trial got a full traceback ending in FileNotFoundError
    add_dated_background_undated(store)
    out = tmp_path / "no-such-folder" / "events.csv"
    result = CliRunner().invoke(app, ["export", str(out), "--format", "acled-csv", "--db",
                                      str(settings.database)])  # fmt: skip
    # a khabar error: the entry point (cli.main) prints its message and exits 1, no traceback
    assert result.exit_code != 0 and isinstance(result.exception, ExportError)
    assert "no-such-folder does not exist" in str(result.exception)
    assert not out.parent.exists()


def test_export_by_country_name_and_a_country_khabar_does_not_know(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    add_dated_background_undated(store)
    db = ["--db", str(settings.database)]
    runs = {}
    for country in ("IQ", "Iraq", "IRQ", "العراق"):
        out = tmp_path / f"{len(runs)}.csv"
        result = CliRunner().invoke(app, ["export", str(out), "--format", "acled-csv",
                                          "--country", country, *db])  # fmt: skip
        assert result.exit_code == 0, result.output
        with out.open(encoding="utf-8", newline="") as f:
            # every column but timestamp, which is the export's own time where a story has
            # no change time (a second may pass between two exports)
            runs[country] = [{k: v for k, v in r.items() if k != "timestamp"}
                             for r in csv.DictReader(f)]  # fmt: skip
    assert runs["IQ"] and all(rows == runs["IQ"] for rows in runs.values())
    # an unknown country is a bad option value (exit 2), not an empty file
    out = tmp_path / "narnia.csv"
    result = CliRunner().invoke(app, ["export", str(out), "--format", "acled-csv",
                                      "--country", "Narnia", *db])  # fmt: skip
    said = " ".join(result.output.replace("│", " ").split())  # rich wraps it in a panel
    assert result.exit_code == 2 and "no country khabar knows" in said, result.output
    assert not out.exists()


def test_export_of_the_events_whose_country_is_not_known(
    store: SQLiteStore, settings: Settings, tmp_path: Path
) -> None:
    # a trial: 14 of 94 rows had no country, and --country could not select them ("XXX" was
    # refused), so a by-country export silently left them out
    add_event(store, 1, 1)
    add_event(store, 2, 1, place=None)
    out = tmp_path / "unknown.csv"
    result = CliRunner().invoke(app, ["export", str(out), "--format", "acled-csv", "--country",
                                      "XXX", "--db", str(settings.database)])  # fmt: skip
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as f:
        assert [r["event_id_cnty"] for r in csv.DictReader(f)] == ["XXX2001"]
