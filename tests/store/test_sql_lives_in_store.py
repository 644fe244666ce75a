"""The house rule: SQL lives in ``khabar.store``; the other stages call store methods and the
store's query modules. A guard, not a proof: it sees a module of ``src/khabar`` that calls or
names a connection's ``execute`` (``getattr`` or a data frame reader would slip past). A module that had to hold SQL of its own for a while would be listed
in ``NOT_YET`` (2026-12-05: the last ones moved, fusion's and its scorer's to
``store.story_facts`` and ``SQLiteStore``, the API's to ``store.listings``, the embeddings' to
``store.embeddings``, the pipeline's look-ups and batch commits to ``SQLiteStore``)."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "khabar"
NOT_YET: set[str] = set()  # none left
_CALL = re.compile(r"\.execute(?:many|script)?\b")  # a call, or an alias ("q = db.execute")


def _holding_sql() -> set[str]:
    return {str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
            if p.relative_to(SRC).parts[0] != "store"
            and _CALL.search(p.read_text(encoding="utf-8"))}  # fmt: skip


def test_no_new_module_outside_the_store_executes_sql() -> None:
    assert _holding_sql() - NOT_YET == set()


def test_the_list_of_modules_still_to_move_is_current() -> None:
    # a module whose SQL moved leaves the list (so the list never hides a new statement)
    assert NOT_YET - _holding_sql() == set()
