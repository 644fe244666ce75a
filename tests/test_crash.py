"""Hardening: a kill -9 in the middle of a batch loses nothing committed, and a re-run
completes the batch without duplicates, ending where an uninterrupted run ends."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from khabar.pipeline import ingest
from khabar.settings import load_settings
from khabar.store import open_store
from khabar.synthetic import make_corpus
from tests.conftest import REFERENCE_DATE


def _count(db: Path, sql: str) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as c:
            return int(c.execute(sql).fetchone()[0])
    except sqlite3.Error:
        return 0


def _state(db: Path) -> dict[str, object]:
    with sqlite3.connect(db) as c:
        q = c.execute
        groups = {}
        for doc, story in q("SELECT doc_id, story_id FROM story_members"):
            groups.setdefault(story, set()).add(doc)
        return {
            "documents": sorted(r[0] for r in q("SELECT id FROM documents")),
            "facts": q("SELECT count(*) FROM event_mentions").fetchone()[0],
            "duplicates": sorted(q("SELECT doc_id, first_id, kind FROM duplicates").fetchall()),
            "members": q("SELECT count(*) FROM story_members").fetchone()[0],
            "stories": sorted(sorted(g) for g in groups.values()),
            "unfused": q(
                "SELECT count(*) FROM stories WHERE fused = 0 AND id IN"
                " (SELECT story_id FROM story_members)"
            ).fetchone()[0],  # fmt: skip
            "errors": q(
                "SELECT count(*) FROM quarantine WHERE reason = 'internal_error'"
            ).fetchone()[0],
        }


def test_kill_9_mid_batch_then_rerun_completes_without_duplicates(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make_corpus(corpus, 36, seed=3)
    env = {**os.environ, "KHABAR_COMMIT_EVERY": "5", "KHABAR_REFERENCE_DATE": REFERENCE_DATE}
    crashed = tmp_path / "crashed.db"
    cmd = [sys.executable, "-m", "khabar", "ingest", str(corpus), "--db", str(crashed), "--json"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(crashed, "SELECT count(*) FROM documents") < 15:
        assert proc.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    committed = _count(crashed, "SELECT count(*) FROM documents")
    assert 15 <= committed < 36  # killed mid-batch, with whole batches committed
    killed = load_settings({"database": str(crashed)}, environ={})
    with open_store(killed) as store:  # the killed run shows as such, not as running forever
        assert store.stats()["runs_by_status"] == {"interrupted": 1}

    subprocess.run(cmd, env=env, check=False, stdout=subprocess.DEVNULL, timeout=300)
    with sqlite3.connect(crashed) as c:
        assert c.execute("SELECT status FROM ingest_runs ORDER BY id").fetchall() == [
            ("interrupted",), ("finished",)
        ]
    clean = tmp_path / "clean.db"
    settings = load_settings({"database": str(clean), "commit_every": 5,
                              "reference_date": REFERENCE_DATE}, environ={})  # fmt: skip
    with open_store(settings) as store:
        ingest([str(corpus)], store)
    after, expected = _state(crashed), _state(clean)
    assert after["errors"] == 0 and after["unfused"] == 0
    assert after["members"] == len(after["documents"])  # each document in exactly one story
    assert after["documents"] == expected["documents"]
    assert after["facts"] == expected["facts"] and after["duplicates"] == expected["duplicates"]
    assert after["stories"] == expected["stories"]
