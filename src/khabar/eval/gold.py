"""Gold data: the packaged sample annotation (``samples/gold/seeds.json``) or a user's file.

Input: an optional path. Output: the parsed gold dict, the sample article paths by their
3-digit key (``000`` …) and each article read as ingest reads it, so evaluations need nothing
outside the package.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from khabar.decode import decode_bytes
from khabar.errors import EvalError
from khabar.model import RawArticle

__all__ = ["gold_article", "load_gold", "sample_paths", "samples_dir"]


def samples_dir() -> Path:
    """Folder of the packaged sample articles."""
    return Path(str(resources.files("khabar.samples").joinpath("seeds")))


def load_gold(path: str | Path | None = None) -> dict[str, Any]:
    """The gold annotation at ``path`` (default: the packaged sample gold)."""
    if path:
        gold_path = Path(path)
    else:
        gold_path = Path(str(resources.files("khabar.samples").joinpath("gold", "seeds.json")))
    try:
        data = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalError(f"cannot read gold file {gold_path}: {exc}") from exc
    if "documents" not in data:
        raise EvalError(f"gold file {gold_path} has no 'documents' section")
    return data


def sample_paths(folder: str | Path | None = None) -> dict[str, Path]:
    """Sample article files keyed by their 3-digit prefix."""
    base = Path(folder) if folder else samples_dir()
    out = {p.name[:3]: p for p in sorted(base.glob("*.txt"))}
    if not out:
        raise EvalError(f"no sample articles (*.txt) in {base}")
    return out


def gold_article(path: Path) -> RawArticle:
    """A gold article file as ingest reads a plain-text article: decoded, first line the title."""
    decoded = decode_bytes(path.read_bytes(), source=str(path))
    return RawArticle(str(path), "", "txt", decoded.text, title_in_text=True)
