"""Every data file under the package ships: each matches a package-data glob of pyproject.toml
(an editable install would hide a file a wheel leaves out)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "khabar"


def test_every_data_file_of_the_package_is_in_its_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["khabar"]
    shipped = {p for g in globs for p in PACKAGE.glob(g) if p.is_file()}
    data = {p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")
            and "__pycache__" not in p.parts}  # fmt: skip
    assert data - shipped == set(), sorted(str(p.relative_to(PACKAGE)) for p in data - shipped)
    assert any(p.parent.name == "clusters" for p in shipped)
