"""Ingest runs say how they ended: finished, failed, interrupted (killed, Ctrl-C), or running,
on both backends."""

from __future__ import annotations

import time

from khabar.settings import Settings
from khabar.store import open_store


def test_a_run_whose_owner_is_gone_is_interrupted_and_a_live_one_running(
    backend_settings: Settings,
) -> None:
    with open_store(backend_settings) as store:
        mine = store.begin_run(["mine"])
        other = open_store(backend_settings)
        theirs = other.begin_run(["theirs"])
        assert store.stats()["runs_by_status"] == {"running": 2}
        if backend_settings.database_url:
            other.close()  # the server sees the session end (a killed worker)
        else:  # one process here: the owner of a SQLite run is known by its process id
            store.db.execute("UPDATE ingest_runs SET pid = -1 WHERE id = ?", (theirs,))
            other.close()
        deadline = time.monotonic() + 10  # the server ends a closed session's backend soon
        while store.stats()["runs_by_status"] != {"interrupted": 1, "running": 1}:
            assert time.monotonic() < deadline, store.stats()["runs_by_status"]
            time.sleep(0.05)
        store.finish_run(mine, {"ingested": 0})
        again = store.begin_run(["again"])  # a new run records the interruption for good
        rows = store.db.execute("SELECT id, status FROM ingest_runs ORDER BY id").fetchall()
        assert [tuple(r) for r in rows] == [(mine, "finished"), (theirs, "interrupted"),
                                            (again, "running")]  # fmt: skip
