"""Bad dates and bad option values are usage errors (exit 2) that say what is expected; --db and
--json where they make sense; counts printed with the right plural; document id prefixes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli import app

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from khabar.eval.gold import samples_dir

    path = str(tmp_path_factory.mktemp("cli") / "k.db")
    assert _run("ingest", str(samples_dir()), "--db", path).exit_code == 0
    return path


@pytest.mark.parametrize("day", ["21/07/2015", "2015-7-21", "2015-02-30", "yesterday", "2015"])
@pytest.mark.parametrize("command", [["export", "out.csv", "--format", "jsonl"], ["timeline"]])
@pytest.mark.parametrize("option", ["--since", "--until"])
def test_a_malformed_day_is_a_usage_error_naming_the_form(
    tmp_path: Path, command: list[str], option: str, day: str
) -> None:
    result = _run(*command, option, day, "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2, result.output
    assert "YYYY-MM-DD" in result.output and day in result.output


def test_since_after_until_is_a_usage_error(db: str, tmp_path: Path) -> None:
    for command in (["export", str(tmp_path / "o.csv"), "--format", "jsonl"], ["timeline"]):
        result = _run(*command, "--since", "2024-05-01", "--until", "2024-04-01", "--db", db)
        assert result.exit_code == 2 and "--since" in result.output, result.output
    assert not (tmp_path / "o.csv").exists()


def test_well_formed_days_still_filter(db: str) -> None:
    events = json.loads(_run("timeline", "--since", "2024-04-21", "--db", db, "--json").output)
    days = {e["chosen"]["date"]["value"] for e in events}
    assert days and min(days) >= "2024-04-21"


@pytest.mark.parametrize("args", [
    ["export", "o.x", "--format", "bogus"],
    ["ingest", "x", "--executor", "bogus"],
    ["embed", "--executor", "bogus"],
    ["embed", "--device", "bogus"],
    ["similar", "--text", "x", "--device", "bogus"],
    ["search", "x", "--limit", "0"],
    ["similar", "--text", "x", "--limit", "-1"],
    ["stories", "--limit", "0"],
])  # fmt: skip
def test_a_bad_option_value_is_a_usage_error_listing_the_choices(
    tmp_path: Path, args: list[str]
) -> None:
    result = _run(*args, "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 2, result.output
    assert "Invalid value" in result.output


def test_the_cli_choices_are_the_librarys() -> None:
    from khabar import cli, export

    assert cli._EXPORT_FORMATS == export.FORMATS
