"""POST /api/documents goes through one writer with a queue: the request is answered (202, a
job to follow) before its ingest, which may take seconds when it joins a big story; requests
that wait behind an ingest are stored together in the next run; a full queue is 429; the runs
happen in a child process (api_writer = "process", the default), so their CPU work does not
slow the readers. The tests that hold or break the ingest run it in a thread of the server
(api_writer = "thread"), where they can reach it."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import khabar.api
from khabar.api import create_app
from khabar.errors import StoreError
from khabar.settings import Settings
from khabar.store import open_store
from tests.api.conftest import AUTH, TOKEN, samples_settings

GOOD = {"title": "هجوم على كالسو", "text": "قتل ثلاثة جنود عراقيين في هجوم صاروخي على "
        "معسكر كالسو جنوب بغداد يوم السبت 20 أبريل 2024 بحسب مصادر أمنية."}  # fmt: skip


def _article(i: int) -> dict[str, str]:
    return {"title": f"خبر رقم {i}", "text": f"{GOOD['text']} وأضافت المصادر في التقرير {i} "
            f"أن القصف استمر ساعة {i} كاملة قرب الطريق الدولي رقم {i}."}  # fmt: skip


@pytest.fixture
def settings(tmp_path: Path, seeds: Path) -> Settings:
    return samples_settings(tmp_path, seeds, api_writer="thread")


class _Slow:
    """The real ingest after ``gate`` opens (as a fusion of a big story takes seconds)."""

    def __init__(self, real: Callable[..., Any]) -> None:
        self.real, self.gate, self.started = real, threading.Event(), threading.Event()
        self.calls = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        self.started.set()
        assert self.gate.wait(30)
        return self.real(*args, **kwargs)


@pytest.fixture
def slow(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Slow]:
    patched = _Slow(khabar.api.ingest_jsonl)
    monkeypatch.setattr(khabar.api, "ingest_jsonl", patched)
    yield patched
    patched.gate.set()


def _done(c: TestClient, job: dict[str, Any]) -> dict[str, Any]:
    for _ in range(600):
        state = c.get(job["url"]).json()
        if state["status"] in ("done", "failed"):
            return state
        time.sleep(0.05)
    raise AssertionError(f"job {job} never finished")


def test_a_post_is_answered_before_its_ingest(settings: Settings, slow: _Slow) -> None:
    with TestClient(create_app(settings)) as c:
        t0 = time.perf_counter()
        r = c.post("/api/documents", json={"articles": [GOOD, {"text": " "}]}, headers=AUTH)
        assert r.status_code == 202, r.text
        assert time.perf_counter() - t0 < 1.0  # the ingest is still held at the gate
        job = r.json()
        assert job["status"] in ("queued", "running") and job["articles"] == 2
        assert r.headers["location"] == job["url"] == f"/api/ingests/{job['job']}"
        assert slow.started.wait(10)
        assert c.get(job["url"]).json()["status"] == "running"
        slow.gate.set()
        state = _done(c, job)
        assert state["status"] == "done", state
        result = state["result"]
        assert result["ingested"] == 1 and result["quarantined"] == 1
        assert result["quarantine"][0] == {"reason": "no_text", "locator": "line 2",
                                           "detail": result["quarantine"][0]["detail"]}  # fmt: skip
        doc = c.get(f"/api/documents/{result['ingested_ids'][0]}").json()
        assert doc["title"] == GOOD["title"]
        assert c.get("/api/ingests/nope").status_code == 404


def test_posts_waiting_behind_an_ingest_are_stored_in_one_run(
    settings: Settings, slow: _Slow
) -> None:
    with TestClient(create_app(settings)) as c:
        first = c.post("/api/documents", json={"articles": [_article(0)]}, headers=AUTH).json()
        assert slow.started.wait(10)
        waiting = [c.post("/api/documents", json={"articles": [_article(i), _article(i + 10)]},
                          headers=AUTH).json() for i in (1, 2, 3)]  # fmt: skip
        slow.gate.set()
        states = [_done(c, j) for j in [first, *waiting]]
    assert all(s["status"] == "done" for s in states), states
    assert slow.calls == 2  # one run for the first, one for the three behind it
    runs = {s["result"]["run_id"] for s in states[1:]}
    assert len(runs) == 1 and states[0]["result"]["run_id"] not in runs
    assert states[1]["result"]["run"]["requests"] == 3
    assert states[1]["result"]["run"]["articles"] == 6
    with TestClient(create_app(settings)) as c:
        for i, state in zip((1, 2, 3), states[1:], strict=True):
            ids = state["result"]["ingested_ids"]
            titles = [c.get(f"/api/documents/{d}").json()["title"] for d in ids]
            assert titles == [f"خبر رقم {i}", f"خبر رقم {i + 10}"]  # each gets its own


def test_wait_returns_the_outcome_of_a_run_in_another_process(tmp_path: Path, seeds: Path) -> None:
    settings = samples_settings(tmp_path, seeds)
    assert settings.api_writer == "process"
    with TestClient(create_app(settings)) as c:
        r = c.post("/api/documents?wait=true", json={"articles": [GOOD, {"text": " "}]},
                   headers=AUTH)  # fmt: skip
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["ingested"] == 1 and body["quarantined"] == 1 and body["job"]
        again = c.post("/api/documents?wait=true", json={"articles": [GOOD]}, headers=AUTH)
        assert again.json()["ingested"] == 0 and again.json()["exact_duplicates"] == 1
    with open_store(settings) as store:
        pids = {r[0] for r in store.db.execute("SELECT pid FROM ingest_runs WHERE id IN (?, ?)",
                                               (body["run_id"], again.json()["run_id"]))}  # fmt: skip
        recorded = [r[0] for r in store.db.execute(
            "SELECT settings FROM ingest_runs WHERE inputs LIKE '%api:%'")]  # fmt: skip
    assert len(pids) == 1 and os.getpid() not in pids  # one child process, not the server
    assert len(recorded) == 2 and not any(TOKEN in r for r in recorded)  # nor the token


def test_a_full_queue_is_refused_with_429(tmp_path: Path, seeds: Path, slow: _Slow) -> None:
    settings = samples_settings(tmp_path, seeds, api_write_queue=2, api_writer="thread")
    with TestClient(create_app(settings)) as c:
        post = lambda i: c.post("/api/documents", json={"articles": [_article(i)]}, headers=AUTH)  # noqa: E731
        assert post(0).status_code == 202
        assert slow.started.wait(10)  # the first is running, not waiting
        assert [post(1).status_code, post(2).status_code] == [202, 202]
        full = post(3)
        assert full.status_code == 429 and full.json()["error"]["code"] == "busy"
        assert int(full.headers["retry-after"]) >= 1
        slow.gate.set()


def test_a_failed_ingest_is_reported(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    def locked(*args: Any, **kwargs: Any) -> Any:
        raise StoreError("the database is locked by another process")

    monkeypatch.setattr(khabar.api, "ingest_jsonl", locked)
    with TestClient(create_app(settings)) as c:
        job = c.post("/api/documents", json={"articles": [GOOD]}, headers=AUTH).json()
        state = _done(c, job)
        assert state["status"] == "failed" and "locked" in state["error"]
        r = c.post("/api/documents?wait=true", json={"articles": [GOOD]}, headers=AUTH)
        assert r.status_code == 503 and "locked" in r.json()["error"]["message"]


def test_a_lone_surrogate_in_a_posted_field_is_a_clear_422_not_a_500(settings: Settings) -> None:
    # JSON may escape a lone surrogate ("\ud800"); it is no text. The JSONL reader repairs it
    # (U+FFFD, with a warning); the API refuses the request and names the field
    body = ('{"articles": [{"title": "\\ud800", "text": "' + GOOD["text"] + ' \\udfff"}]}')
    with TestClient(create_app(settings)) as c:
        r = c.post("/api/documents?wait=true", content=body.encode(),
                   headers={**AUTH, "content-type": "application/json"})  # fmt: skip
    assert r.status_code == 422, r.text
    assert "articles.0.t" in r.json()["error"]["message"]
