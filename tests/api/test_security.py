"""A server safe to leave running: writes need the token (reads too when asked), the Host
header is checked against DNS rebinding, `khabar serve` makes and prints a token on its first
start and will not bind beyond loopback without one, and exports leave no files behind."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from khabar.api import create_app
from khabar.cli import app as cli_app
from khabar.settings import Settings, load_settings
from khabar.store import open_store
from tests.api.conftest import AUTH, TOKEN, samples_settings
from tests.helpers import wait_for_api

ARTICLE = {"articles": [{"title": "هجوم", "text": "قتل ثلاثة جنود في هجوم على معسكر التاجي."}]}


def _error(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"])
    return body["error"]


def _documents(client: TestClient) -> int:
    return int(client.get("/api/health").json()["documents"])


def test_writes_need_the_token(client: TestClient) -> None:
    before = _documents(client)
    missing = client.post("/api/documents", json=ARTICLE)
    err = _error(missing, 401)
    assert err["code"] == "unauthorized" and "Authorization: Bearer" in err["message"]
    assert missing.headers["www-authenticate"] == "Bearer"
    for header in ("Bearer nope", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer"):
        wrong = client.post("/api/documents", json=ARTICLE, headers={"Authorization": header})
        assert _error(wrong, 401)["code"] == "unauthorized", header
    assert _documents(client) == before  # nothing written
    assert client.post("/api/documents", json=ARTICLE, headers=AUTH).status_code == 202
    assert client.get("/api/stories").status_code == 200  # reads are open by default


def test_a_server_with_no_token_refuses_every_write(tmp_path: Path, seeds: Path) -> None:
    settings = samples_settings(tmp_path, seeds, api_token="")
    with TestClient(create_app(settings)) as c:
        err = _error(c.post("/api/documents", json=ARTICLE, headers={"Authorization": "Bearer "}),
                     401)  # fmt: skip
        assert "no API token" in err["message"] and "api_token" in err["message"]


def test_reads_need_the_token_when_configured(api_settings: Settings) -> None:
    with TestClient(create_app(api_settings.replace(api_token_reads=True))) as c:
        for path in ("/api/health", "/api/stories", "/api/events", "/api/documents",
                     "/api/export?format=jsonl"):  # fmt: skip
            assert _error(c.get(path), 401)["code"] == "unauthorized", path
            assert c.get(path, headers=AUTH).status_code == 200, path
        # the page, its scripts and the API description carry no data: open, so the UI can
        # ask for the token
        for path in ("/", "/static/app.js", "/openapi.json", "/docs"):
            assert c.get(path).status_code == 200, path


def test_another_host_is_refused(api_settings: Settings) -> None:
    with TestClient(create_app(api_settings.replace(api_host="10.1.2.3"))) as c:
        for host in ("evil.example", "evil.example:8700", "127.0.0.1.evil.example", "10.1.2.4"):
            r = c.get("/api/health", headers={"Host": host})
            err = _error(r, 400)
            assert err["code"] == "bad_host" and "api_allowed_hosts" in err["message"], host
            assert _error(c.get("/", headers={"Host": host}), 400)["code"] == "bad_host"
        for host in ("localhost", "127.0.0.1:8700", "[::1]:8700", "LOCALHOST", "10.1.2.3:80",
                     "testserver"):  # fmt: skip
            assert c.get("/api/health", headers={"Host": host}).status_code == 200, host
    # the address a request arrived at (the test client's "server") is answered to, as a LAN
    # address is when the server binds 0.0.0.0
    with TestClient(create_app(api_settings), base_url="http://192.168.7.9:8700") as c:
        assert c.get("/api/health").status_code == 200
        assert c.get("/api/health", headers={"Host": "192.168.7.10"}).status_code == 400
    with TestClient(create_app(api_settings.replace(api_allowed_hosts=("*",)))) as c:
        assert c.get("/api/health", headers={"Host": "any.example"}).status_code == 200


def test_defaults_allow_only_loopback_names(tmp_path: Path) -> None:
    settings = load_settings({"database": str(tmp_path / "x.db")}, environ={})
    assert set(settings.api_allowed_hosts) == {"localhost", "127.0.0.1", "::1"}
    assert settings.api_token == "" and settings.api_token_reads is False


def test_export_streams_and_leaves_no_temporary_files(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    for fmt in ("acled-csv", "geojson", "jsonl", "parquet"):
        for _ in range(3):
            r = client.get("/api/export", params={"format": fmt})
            assert r.status_code == 200 and len(r.content) > 100, fmt
            assert "khabar-events." in r.headers["content-disposition"]
        assert list(scratch.iterdir()) == [], fmt  # the count does not grow
    lines = client.get("/api/export", params={"format": "jsonl"}).text.splitlines()
    assert lines and all(json.loads(line)["id"] for line in lines)
    assert list(scratch.iterdir()) == []


def test_the_token_is_made_once_and_kept_private(tmp_path: Path) -> None:
    from khabar.api import ensure_api_token

    settings = load_settings({"database": str(tmp_path / "k.db")}, environ={})
    token, path, created = ensure_api_token(settings)
    assert created and len(token) >= 32 and path == tmp_path / "k.db.token"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert ensure_api_token(settings) == (token, path, False)  # the same token next time
    assert ensure_api_token(settings.replace(api_token="mine")) == ("mine", None, False)


def test_serve_refuses_to_bind_beyond_loopback_without_a_token(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    open_store(load_settings({"database": str(db)}, environ={})).close()
    for host in ("0.0.0.0", "192.168.1.5", "::", "example.org"):
        done = CliRunner().invoke(cli_app, ["serve", "--db", str(db), "--host", host],
                                  env={"KHABAR_API_TOKEN": ""})  # fmt: skip
        assert done.exit_code == 2, (host, done.output)
        assert "api_token" in done.output and "loopback" in done.output, done.output
    assert not (tmp_path / "s.db.token").exists()


def _serve(db: Path, env: dict[str, str], write: bool = True, ingest: bool = True) -> str:
    """Run `khabar serve` until it answers (and, with ``write``, accepts a write sent with its
    token: an article stored by the writer's child process, or with ``ingest`` false a
    watchlist, which loads no model), then stop it: what it printed."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "khabar", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("KHABAR_")}
        | {"PYTHONUNBUFFERED": "1", "COLUMNS": "200"} | env,
    )  # fmt: skip
    try:
        wait_for_api(port)
        if write:
            token = env.get("KHABAR_API_TOKEN") or Path(f"{db}.token").read_text().strip()
            auth = {"Authorization": f"Bearer {token}"}
            if ingest:
                r = httpx.post(f"http://127.0.0.1:{port}/api/documents?wait=true", json=ARTICLE,
                               headers=auth, timeout=60)  # fmt: skip
                assert r.status_code == 201, r.text  # stored, by the writer's child process
            else:
                r = httpx.post(f"http://127.0.0.1:{port}/api/watch", headers=auth, timeout=60,
                               json={"name": "token-check", "query": "drone"})  # fmt: skip
                assert r.status_code == 201, r.text
    finally:
        proc.terminate()
        output = proc.communicate(timeout=20)[0]
    return output


def test_serve_makes_the_token_on_first_start_and_prints_it_once(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    open_store(load_settings({"database": str(db)}, environ={})).close()
    first = _serve(db, {})
    token = Path(f"{db}.token").read_text().strip()
    assert token in first and f"{db}.token" in first, first
    assert stat.S_IMODE(Path(f"{db}.token").stat().st_mode) == 0o600
    second = _serve(db, {}, write=False)  # a start that finds the token: only what it prints
    assert token not in second and f"{db}.token" in second, second
    chosen = _serve(db, {"KHABAR_API_TOKEN": "chosen-token-1234567890"}, ingest=False)
    assert "chosen-token" not in chosen and "api_token setting" in chosen, chosen
