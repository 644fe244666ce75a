"""Executors: the Dask run gives the same store as the in-process run."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from khabar.embed import embed_pending, make_embedder
from khabar.errors import ConfigError
from khabar.executors import DaskExecutor, InProcessExecutor, make_executor
from khabar.pipeline import ingest
from khabar.settings import Settings, load_settings
from khabar.store import open_store
from tests.conftest import REFERENCE_DATE
from tests.helpers import generated_inputs, store_snapshot

_TABLES = {
    "documents": "SELECT id, title, lang, published, body FROM documents ORDER BY id",
    "facts": "SELECT doc_id, seq, plover, date, places, killed FROM event_mentions ORDER BY 1, 2",
    "claims": "SELECT doc_id, seq, speaker, stance FROM claims ORDER BY 1, 2",
    "duplicates": "SELECT doc_id, first_id, kind FROM duplicates ORDER BY 1, 2",
    "stories": "SELECT doc_id, story_id, reasons FROM story_members ORDER BY 1",
    "events": "SELECT id, record FROM events ORDER BY id",
    "contradictions": "SELECT id, record FROM contradictions ORDER BY id",
    "quarantine": "SELECT source, locator, reason FROM quarantine ORDER BY 1, 2, 3",
}


def _snapshot(settings: Settings) -> dict[str, list[tuple]]:
    return store_snapshot(settings, _TABLES)


def _settings(folder: Path) -> Settings:
    return load_settings(
        {"database": str(folder / "k.db"), "reference_date": REFERENCE_DATE,
         "embed_device": "cpu", "embed_batch_size": 8},
        environ={},
    )  # fmt: skip


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> list[str]:
    return generated_inputs(tmp_path_factory.mktemp("gen"), seeds, 40, seed=11)


def test_dask_with_two_workers_gives_the_in_process_result(
    inputs: list[str], tmp_path: Path
) -> None:
    here, there = _settings(tmp_path / "a"), _settings(tmp_path / "b")
    with open_store(here) as store:
        ingest(inputs, store)
        embed_pending(store, make_embedder(here, "cpu"))
    with DaskExecutor(workers=2, partition_size=7) as executor, open_store(there) as store:
        report = ingest(inputs, store, executor=executor)
        embedded = embed_pending(store, executor=executor)  # batches of 8 on the workers
    assert report.ingested > 20 and report.quarantined
    a, b = _snapshot(here), _snapshot(there)
    for table in _TABLES:
        assert a[table] == b[table], table
    assert a["events"] and a["stories"]
    assert embedded.embedded == report.ingested and embedded.device == "cpu"
    va, vb = _vectors(here), _vectors(there)
    assert va.keys() == vb.keys() and all(va[k][0] == vb[k][0] for k in va)  # same text
    assert min(float(va[k][1] @ vb[k][1]) for k in va) > 0.9999


def _vectors(settings: Settings) -> dict[str, tuple[tuple, np.ndarray]]:
    rows = store_snapshot(settings, {"e": "SELECT doc_id, title_chars, body_end, vector"
                                          " FROM embeddings ORDER BY doc_id"})["e"]  # fmt: skip
    return {r[0]: ((r[1], r[2]), np.frombuffer(r[3], "<f4")) for r in rows}


def test_in_process_executor_is_the_plain_run(inputs: list[str], tmp_path: Path) -> None:
    here, there = _settings(tmp_path / "a"), _settings(tmp_path / "b")
    with open_store(here) as store:
        ingest(inputs, store)
    with open_store(there) as store:
        ingest(inputs, store, executor=InProcessExecutor())
    assert _snapshot(here) == _snapshot(there)


def test_unknown_executor_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="inprocess or dask"):
        make_executor("spark")
