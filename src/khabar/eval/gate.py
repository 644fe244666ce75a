"""The quality gate: floors for every evaluated score, pinned in ``eval/baseline.json``.

``check_floors(name, scores)`` returns the list of scores below their floor (empty = pass).
The test suite calls it, so a change that lowers a score fails ``make test``. Floors only go up
in ordinary commits; lowering one is a reviewed change to ``baseline.json``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from khabar.errors import EvalError

__all__ = ["Floors", "check_floors", "load_floors"]

Floors = dict[str, dict[str, float]]


@lru_cache(maxsize=1)
def load_floors() -> Floors:
    try:
        text = resources.files("khabar.eval").joinpath("baseline.json").read_text("utf-8")
        data: Floors = json.loads(text)["floors"]
    except (OSError, json.JSONDecodeError, KeyError) as exc:
        raise EvalError(f"eval/baseline.json is missing or malformed: {exc}") from exc
    return data


def _lookup(scores: dict[str, Any], dotted: str) -> float:
    value: Any = scores
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            raise EvalError(f"score {dotted!r} is not in the evaluation output")
        value = value[part]
    return float(value)


def check_floors(name: str, scores: dict[str, Any]) -> list[str]:
    """Messages for each score of evaluation ``name`` that is below its pinned floor."""
    floors = load_floors().get(name)
    if floors is None:
        raise EvalError(f"no floors for evaluation {name!r} in eval/baseline.json")
    return [
        f"{name}.{key} = {_lookup(scores, key):.4f} is below its floor {floor:.4f}"
        for key, floor in floors.items()
        if _lookup(scores, key) < floor
    ]
