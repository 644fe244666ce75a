"""`khabar watch add/list/show/remove` (Typer runner, a temp SQLite file): --json and --db on
each, bad values are usage errors (exit 2), a taken or unknown name an error (exit 1), the
ingest summary counts new matches per watchlist, plurals right."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli import app
from tests.helpers import watch_inputs

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_watch_from_add_to_remove(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    before, after = watch_inputs(tmp_path)
    assert _run("ingest", before, "--db", db).exit_code == 0
    made = _run("watch", "add", "drones", "--query", "drone", "--db", db, "--json")
    assert made.exit_code == 0, made.output
    assert json.loads(made.output)["name"] == "drones"
    text = _run("watch", "add", "asad", "--place", "عين الأسد", "--type", "assault", "--db", db)
    assert text.exit_code == 0 and "IQ-S-ASAD" in text.output and "ASSAULT" in text.output

    summary = _run("ingest", after, "--db", db)
    assert summary.exit_code == 0
    assert "watchlist matches" in summary.output and "drones: 2 new matches" in summary.output
    assert "asad: 1 new match" in summary.output
    counts = json.loads(_run("ingest", after, "--db", db, "--json").output)
    assert counts["watch_matches"] == {}  # nothing new the second time

    listed = json.loads(_run("watch", "list", "--db", db, "--json").output)
    assert [(w["name"], w["matches"]) for w in listed] == [("asad", 1), ("drones", 2)]
    assert "drones" in _run("watch", "list", "--db", db).output
    shown = json.loads(_run("watch", "show", "drones", "--db", db, "--json").output)
    assert shown["total"] == 2 and [m["title"][:5] for m in shown["items"]] == ["Drone"] * 2
    assert "Kirkuk" in shown["items"][0]["title"]  # newest first
    page = json.loads(_run("watch", "show", "drones", "--limit", "1", "--db", db, "--json").output)
    assert len(page["items"]) == 1 and page["total"] == 2
    text = _run("watch", "show", "drones", "--limit", "1", "--db", db).output
    assert "2 matches" in text and "and 1 more" in text and "Kirkuk, IQ" in text
    assert "): 1 match\n" in _run("watch", "show", "asad", "--db", db).output

    gone = json.loads(_run("watch", "remove", "drones", "--db", db, "--json").output)
    assert gone == {"removed": "drones", "matches": 2}
    assert "with its 1 match" in _run("watch", "remove", "asad", "--db", db).output
    assert "no watchlists" in _run("watch", "list", "--db", db).output


@pytest.mark.parametrize("args", [
    ["add", "Drones", "--query", "x"],
    ["add", "a b", "--query", "x"],
    ["add", "x", "--type", "bombing"],
    ["add", "x", "--country", "Atlantis"],
    ["add", "x", "--place", "Xyzzyville"],
    ["add", "x", "--actor", "Nobody Brigade Xyzzy"],
    ["add", "x"],
    ["show", "x", "--limit", "0"],
])  # fmt: skip
def test_bad_watch_values_are_usage_errors(tmp_path: Path, args: list[str]) -> None:
    result = _run("watch", *args, "--db", str(tmp_path / "k.db"))
    assert result.exit_code == 2, result.output
    assert "Invalid value" in result.output
    assert not (tmp_path / "k.db").exists()  # nothing made


def _main(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "khabar", *args], capture_output=True, text=True,
                          timeout=120)  # fmt: skip


def test_a_taken_or_unknown_name_is_an_error_with_exit_1(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    assert _main("watch", "add", "drones", "--query", "drone", "--db", db).returncode == 0
    taken = _main("watch", "add", "drones", "--type", "ASSAULT", "--db", db)
    assert taken.returncode == 1 and "exists already" in taken.stderr
    assert "khabar watch remove drones" in taken.stderr and "Traceback" not in taken.stderr
    for command in ("show", "remove"):
        unknown = _main("watch", command, "nope", "--db", db)
        assert unknown.returncode == 1 and "khabar watch list" in unknown.stderr, command


def test_markup_in_a_query_or_a_title_is_printed_as_written(tmp_path: Path) -> None:
    # rich reads "[/b]" as a closing tag: before, `watch add` stored the list and then ended in
    # a MarkupError, and `watch list` failed until it was removed
    db = str(tmp_path / "k.db")
    made = _run("watch", "add", "xx", "--query", "[/b] drone", "--db", db)
    assert made.exit_code == 0 and "[/b] drone" in made.output
    listed = _run("watch", "list", "--db", db)
    assert listed.exit_code == 0 and "[/b] drone" in listed.output
