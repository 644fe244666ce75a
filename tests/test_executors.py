"""Executors: the Dask run and the local process pool give the same store as the in-process
run; auto stays here for a small input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from khabar.embed import embed_pending, make_embedder
from khabar.errors import ConfigError
from khabar.executors import (
    AutoExecutor,
    DaskExecutor,
    InProcessExecutor,
    ProcessExecutor,
    make_executor,
)
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
    return generated_inputs(tmp_path_factory.mktemp("gen"), seeds, 20, seed=11)


@pytest.fixture(scope="module")
def plain(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The plain in-process run of ``inputs``, embedded, that each executor's run must equal
    (made once for the module: the tests only read it)."""
    here = _settings(tmp_path_factory.mktemp("plain"))
    with open_store(here) as store:
        ingest(inputs, store)
        embed_pending(store, make_embedder(here, "cpu"))
    return here


def test_dask_with_two_workers_gives_the_in_process_result(
    inputs: list[str], plain: Settings, tmp_path: Path
) -> None:
    here, there = plain, _settings(tmp_path / "b")
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


def test_in_process_executor_is_the_plain_run(
    inputs: list[str], plain: Settings, tmp_path: Path
) -> None:
    here, there = plain, _settings(tmp_path / "b")
    with open_store(there) as store:
        ingest(inputs, store, executor=InProcessExecutor())
    assert _snapshot(here) == _snapshot(there)


def test_local_processes_give_the_in_process_result(
    inputs: list[str], plain: Settings, tmp_path: Path
) -> None:
    here, there = plain, _settings(tmp_path / "b")
    auto = AutoExecutor(workers=2, threshold=10)  # 25 articles: past the threshold, a pool
    with open_store(there) as store:
        try:
            report = ingest(inputs, store, executor=auto)
            assert isinstance(auto._pool, ProcessExecutor)
        finally:
            auto.close()
    assert report.ingested > 20 and report.quarantined
    assert _snapshot(here) == _snapshot(there)


def test_auto_stays_in_process_for_a_small_input(seeds: Path, tmp_path: Path) -> None:
    auto = make_executor("auto", workers=2)
    assert isinstance(auto, AutoExecutor)
    with open_store(_settings(tmp_path)) as store:
        report = ingest([str(seeds)], store, executor=auto)
    assert report.ingested == 5 and auto._pool is None  # 5 articles: no pool started
    auto.close()


def test_unknown_executor_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="inprocess, processes or dask"):
        make_executor("spark")
    with pytest.raises(ConfigError, match="at least one worker"):
        ProcessExecutor(workers=0)


def test_a_too_large_document_on_a_worker_is_quarantined_and_the_batch_goes_on(
    inputs: list[str], tmp_path: Path
) -> None:
    settings = _settings(tmp_path).replace(max_document_chars=2200)  # about half of them
    with ProcessExecutor(workers=1, partition_size=5) as pool, open_store(settings) as store:
        report = ingest(inputs, store, executor=pool)
    reasons = {q.reason for q in report.quarantined}
    assert "too_large" in reasons and report.ingested > 0  # the error came back from the worker


def test_a_dead_worker_costs_only_its_document(seeds: Path, tmp_path: Path) -> None:
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from khabar.readers import ReadContext, read_paths

    settings = _settings(tmp_path)
    items = list(read_paths([str(seeds)], ReadContext(settings)))[:3]
    with ProcessExecutor(workers=1) as pool:
        dead: Future[list] = Future()
        dead.set_exception(BrokenProcessPool("killed"))
        calls = []
        start = pool._start

        def started():  # type: ignore[no-untyped-def]
            new = start()
            real_submit = new.submit

            def submit(fn, item, *args):  # type: ignore[no-untyped-def]
                calls.append(item)
                if len(calls) == 2:  # the second document kills its worker again
                    broken: Future[object] = Future()
                    broken.set_exception(BrokenProcessPool("killed again"))
                    return broken
                return real_submit(fn, item, *args)

            new.submit = submit  # type: ignore[method-assign]
            return new

        pool._start = started  # type: ignore[method-assign]
        from collections import deque

        out = pool._collect(deque([(items, dead)]), settings)
    assert len(out) == 3 and [o.raw.source for o in out] == [i.source for i in items]
    assert out[1].error is not None and out[1].error.reason == "worker_crashed"
    assert out[0].error is None and out[2].error is None and out[2].doc is not None


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text().split("State:")[1].split()[0]
    except (FileNotFoundError, IndexError):
        return True
    return state in ("Z", "X")  # a zombie has ended; its reaper may be slow


def test_workers_end_when_their_driver_is_killed() -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    code = ("import os, time\n"
            "from khabar.executors import ProcessExecutor\n"
            "pool = ProcessExecutor(workers=1)\n"
            "print(pool.pool.submit(os.getpid).result(), flush=True)\n"
            "time.sleep(120)\n")  # fmt: skip
    driver = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        worker = int(driver.stdout.readline())  # type: ignore[union-attr]
        assert not _gone(worker)
        os.kill(driver.pid, signal.SIGKILL)  # no shutdown, no atexit: the worker is orphaned
        driver.wait()
        deadline = time.monotonic() + 20
        while not _gone(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _gone(worker), "an orphaned worker process kept running"
    finally:
        driver.kill()
