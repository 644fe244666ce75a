"""The documentation documents every command and every setting (docs cannot drift from the code).

README.md is a short guide; the reference lives in docs/ (docs/reference/cli.md lists every
command, docs/reference/settings.md every setting). Every relative link resolves.
"""

import re
from pathlib import Path

import pytest

from khabar.cli import app
from khabar.settings import Settings

ROOT = Path(__file__).parent.parent
README_PATH = ROOT / "README.md"
README = README_PATH.read_text(encoding="utf-8")
DOCS = sorted((ROOT / "docs").rglob("*.md"))
CLI = (ROOT / "docs" / "reference" / "cli.md").read_text(encoding="utf-8")
SETTINGS = (ROOT / "docs" / "reference" / "settings.md").read_text(encoding="utf-8")
ALL_DOCS = README + "\n".join(p.read_text(encoding="utf-8") for p in DOCS)
README_MAX_LINES = 250

# [text](target) and ![alt](target), target up to a space or ")"; code spans and fences are
# removed first, so `a[0](b)`-like code is not read as a link.
_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
_CODE = re.compile(r"`[^`\n]*`")


def _commands() -> list[str]:
    names = [c.name for c in app.registered_commands]
    for group in app.registered_groups:
        names += [f"{group.name} {c.name}" for c in group.typer_instance.registered_commands]
    return names


def _relative_links(path: Path) -> list[str]:
    text = _CODE.sub("", _FENCE.sub("", path.read_text(encoding="utf-8")))
    links = []
    for target in _LINK.findall(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
            continue  # http:, https:, mailto: ... and anchors within the page
        links.append(target)
    return links


def test_readme_quick_start_is_two_commands() -> None:
    assert "make demo" in README and "make test" in README


def test_readme_is_a_short_guide() -> None:
    lines = README.count("\n") + (0 if README.endswith("\n") else 1)
    assert lines <= README_MAX_LINES, f"README.md has {lines} lines (at most {README_MAX_LINES})"


def test_readme_links_to_every_doc() -> None:
    linked = {(ROOT / t.split("#")[0]).resolve() for t in _relative_links(README_PATH)}
    for path in DOCS:
        assert path.resolve() in linked, f"README.md does not link to {path.relative_to(ROOT)}"


def test_every_command_is_documented() -> None:
    for name in _commands():
        assert f"khabar {name}" in ALL_DOCS, name
        assert f"khabar {name}`" in CLI, f"docs/reference/cli.md has no section for {name}"


def test_every_setting_is_documented() -> None:
    for name in Settings.help():
        assert f"`{name}`" in ALL_DOCS, name
        assert f"| `{name}` |" in SETTINGS, f"docs/reference/settings.md has no row for {name}"


def _anchors(path: Path) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens."""
    text = _FENCE.sub("", path.read_text(encoding="utf-8"))
    heads = re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", text, re.M)
    return {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in heads}


@pytest.mark.parametrize("path", [README_PATH, *DOCS], ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(path: Path) -> None:
    for target in _relative_links(path):
        file, _, anchor = target.partition("#")
        dest = path.parent / file
        assert dest.exists(), f"{path.relative_to(ROOT)} links to missing {target}"
        if anchor and dest.suffix == ".md":
            assert anchor in _anchors(dest), f"{path.relative_to(ROOT)}: no heading for {target}"


def test_link_checker_sees_links() -> None:
    """The checker is not vacuous: it finds the README's links, image included."""
    links = _relative_links(README_PATH)
    assert "docs/ui-map.png" in links and "docs/reference/cli.md" in links
