"""Shared fixtures: settings pointing at a temp SQLite file, a real store, the sample files."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

from khabar.eval.gold import samples_dir
from khabar.settings import Settings, load_settings
from khabar.store import SQLiteStore, open_store

DATA = Path(__file__).parent / "data"
# "Now" for undated texts, pinned so that weekday-based year searches give the same answer
# in every year the suite runs.
REFERENCE_DATE = "2026-11-23"

# No per-example deadline: the first example of a property test also loads lexicons and models,
# and CI machines are slow and noisy. Example counts stay as each test sets them.
hypothesis_settings.register_profile("khabar", deadline=None)
hypothesis_settings.load_profile("khabar")

# Derived tables (khabar.resources.derived) go to a folder of the suite's own, shared by its
# workers and the CLI processes it starts, not to the user's cache; keyed by code and data, so
# keeping it between runs is safe.
os.environ.setdefault("KHABAR_CACHE_DIR",
                      str(Path(tempfile.gettempdir()) / f"khabar-test-cache-{os.getuid()}"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(
        {"database": str(tmp_path / "khabar.db"), "reference_date": REFERENCE_DATE}, environ={}
    )


@pytest.fixture
def store(settings: Settings) -> SQLiteStore:
    s = open_store(settings)
    yield s
    s.close()


@pytest.fixture(scope="session")
def seeds() -> Path:
    return samples_dir()


@pytest.fixture(scope="session")
def seed_texts(seeds: Path) -> dict[str, str]:
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))}


@pytest.fixture(scope="session")
def contradictions_dev(tmp_path_factory: pytest.TempPathFactory,
                       request: pytest.FixtureRequest) -> tuple[Path, dict[str, Any]]:  # fmt: skip
    """The documents of the dev contradiction judgements (``tests/data/real/contradictions/
    dev.json``: the two story dev sets and SaudiNewsNet reports of violence, over 800 real
    reports) ingested once per run, as ``khabar eval contradictions`` ingests them, for the
    judged-contradiction gate and the UI over a real store: (the closed SQLite file, to be
    copied before it is opened; the contradiction scores)."""
    from khabar.eval.contradictions import score_contradictions
    from tests.helpers import shared_once

    def build(folder: Path) -> dict[str, Any]:
        return score_contradictions(Settings(), DATA / "real" / "contradictions" / "dev.json",
                                    keep=folder / "store.db")  # fmt: skip

    worker = getattr(request.config, "workerinput", {}).get("workerid", "master")
    folder, scores = shared_once(tmp_path_factory, worker, "contradictions-dev", build)
    return folder / "store.db", scores
