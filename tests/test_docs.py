"""The README documents every command and every setting (docs cannot drift from the code)."""

from pathlib import Path

from khabar.cli import app
from khabar.settings import Settings

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    names = [c.name for c in app.registered_commands]
    for group in app.registered_groups:
        names += [f"{group.name} {c.name}" for c in group.typer_instance.registered_commands]
    return names


def test_readme_quick_start_is_two_commands() -> None:
    assert "make demo" in README and "make test" in README


def test_every_command_is_in_the_readme() -> None:
    for name in _commands():
        assert f"khabar {name}" in README, name


def test_every_setting_is_in_the_readme() -> None:
    for name in Settings.help():
        assert f"`{name}`" in README, name
