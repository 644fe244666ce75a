"""The REST API and the web UI: what khabar knows, over HTTP, from the embedded store.

Input: settings (the database, page sizes, body limit, CORS origins, token, allowed hosts).
Output: a FastAPI app (``create_app``) serving JSON under ``/api`` (OpenAPI at ``/docs`` and
``/openapi.json``) and the offline web UI under ``/`` (static files in ``khabar/web``, vendored
Leaflet and borders).

Every list is paginated (``limit``, ``offset``; the body says ``total``). Errors always have the
body ``{"error": {"code": ..., "message": ...}}``: 400 for a bad filter or query, a Host header
not allowed or a Content-Length that is no number, 401 without the API token, 404 for an unknown
id, 409 for a watchlist name that is taken, 413 for a body over ``api_max_body_bytes``, 422 for a
malformed request, 429 when the write queue is full, 500 with no traceback for anything else
(logged on the server). The OpenAPI document lists every status each operation returns.

Safe to leave running: writes (POST, DELETE) need ``Authorization: Bearer <api_token>`` (reads too
with ``api_token_reads``); the Host header must name this server (``api_allowed_hosts`` and the
bound address: a DNS-rebinding page cannot reach it); POSTed articles go to one writer thread
through a queue and are answered at once (202, a job to follow at ``/api/ingests/{job}``), so no
request waits on another's ingest and requests waiting together are stored in one run. All SQL is
parameterised; article text is returned as data and the UI inserts it as text, never as HTML. CORS
is off unless ``api_cors_origins`` lists origins.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
import math
import multiprocessing
import os
import secrets
import shutil
import tempfile
import threading
import time
import uuid
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as FastApiPath
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import AfterValidator, BaseModel, Field
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException

from khabar.embed import similar
from khabar.errors import ConfigError, ConflictError, KhabarError, NotFoundError, StoreError
from khabar.export import (
    FORMATS,
    event_filters,
    event_type_filter,
    export_events,
    unknown_event_type,
)
from khabar.extract.places import country_code, unknown_country
from khabar.pipeline import ingest_jsonl
from khabar.settings import Settings
from khabar.store import SQLiteStore, open_store
from khabar.store.embeddings import embeddings_stamp
from khabar.store.events import EventFilters, event_page
from khabar.store.listings import (
    claim_listing,
    document_listing,
    run_duplicates,
    run_locators,
    story_of,
)
from khabar.store.sqlite import STORY_SORTS
from khabar.store.story_list import StoryFilters, story_list
from khabar.watch import add_watchlist, atom_feed, define, remove_watchlist, watchlist_matches

__all__ = ["create_app", "ensure_api_token", "is_loopback", "token_path"]

log = logging.getLogger(__name__)
_DAY = r"^\d{4}-\d{2}-\d{2}$"
_MEDIA = {
    "acled-csv": ("text/csv", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}
_MAX_ARTICLES = 1000  # per POST, and per ingest run of the writer
_CHUNK = 1 << 16  # bytes per piece of a streamed export
_IDLE_S = 30.0  # an idle writer thread ends; the next POST starts another
_CLOSE_S = 120.0  # how long shutting down waits for the writes already accepted
_WILDCARDS = {"0.0.0.0", "::"}  # bind addresses, never a host a client should name


class Article(BaseModel):
    """A document to ingest: the same fields as a line of a ``.jsonl`` input."""

    text: str = Field(min_length=1, description="Article text (plain text or HTML).")
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = Field(None, description="ISO date or date-time, if known.")


class IngestRequest(BaseModel):
    articles: list[Article] = Field(min_length=1, max_length=_MAX_ARTICLES)


class ErrorDetail(BaseModel):
    code: str = Field(description="Short name of the error, e.g. not_found, unauthorized.")
    message: str = Field(description="What happened and how to fix it.")


class ErrorOut(BaseModel):
    """The body of every error answer."""

    error: ErrorDetail


class QuarantinedOut(BaseModel):
    reason: str
    detail: str
    locator: str = Field(description="Which article of the request: 'line N' (N from 1).")


class DuplicateOut(BaseModel):
    doc_id: str
    first_id: str = Field(description="The stored document it copies.")
    kind: Literal["exact", "near"]
    score: float
    locator: str


class RunOut(BaseModel):
    id: int = Field(description="The ingest run (`khabar stats` counts runs).")
    requests: int = Field(description="POST requests stored together in this run.")
    articles: int
    counts: dict[str, Any] = Field(description="What the whole run did, as `khabar ingest`.")


class IngestOut(BaseModel):
    """What became of one POST's articles (exact duplicates are not stored again)."""

    job: str
    run_id: int
    ingested: int
    ingested_ids: list[str] = Field(description="Stored documents, in the order sent.")
    exact_duplicates: int
    near_duplicates: int
    duplicates: list[DuplicateOut]
    quarantined: int
    quarantine: list[QuarantinedOut]
    repaired: int
    run: RunOut


class JobOut(BaseModel):
    """A POST's articles on their way to the store."""

    job: str
    status: Literal["queued", "running", "done", "failed"]
    articles: int
    url: str = Field(description="Where to follow the job (GET).")
    queued_at: str
    result: IngestOut | None = Field(None, description="When done.")
    error: str | None = Field(None, description="When failed: why (nothing was stored).")


class WatchIn(BaseModel):
    """A watchlist to make (``khabar watch add``): a name and at least one criterion."""

    name: str = Field(min_length=1, max_length=64,
                      description="Lowercase letters, digits, '-' and '_' (e.g. kirkuk-attacks).")
    query: str | None = Field(None, max_length=500,
                              description="Words all found in one of a story's documents.")
    place: str | None = Field(None, max_length=200, description="A gazetteer place, any script.")
    actor: str | None = Field(None, max_length=200, description="An actor, any script.")
    type: str | None = Field(None, max_length=40, description="PLOVER event type (ASSAULT...).")
    country: str | None = Field(None, max_length=100, description="ISO code or country name.")


class WatchlistOut(BaseModel):
    """A watchlist: its criteria as given, what place and actor resolved to, its matches."""

    id: int
    name: str
    query: str | None
    place: str | None
    place_ids: list[str] = Field(description="Gazetteer ids the place reads as.")
    actor: str | None
    actor_ids: list[str] = Field(description="Dictionary ids the actor reads as.")
    type: str | None
    country: str | None
    created_at: str
    matches: int = Field(description="How many matches it has.")
    last_match: str | None = Field(description="When it last matched (ISO time).")


class WatchMatchOut(BaseModel):
    """A story (or one of its events) that matched, as it was then."""

    story_id: int
    event_id: str | None = Field(description="The matching event; null: the story matched.")
    run_id: int = Field(description="The ingest run that brought it.")
    matched_at: str
    title: str
    summary: str = Field(description="Day, type, place and toll (or the story's size and days).")


class WatchlistPage(BaseModel):
    items: list[WatchlistOut]
    total: int
    limit: int
    offset: int


class WatchMatchesOut(WatchlistOut):
    """A watchlist with one page of its matches, newest first."""

    items: list[WatchMatchOut]
    total: int
    limit: int
    offset: int


class WatchRemovedOut(BaseModel):
    removed: str
    matches: int = Field(description="Matches deleted with it.")


_WHY = {
    400: "A bad filter or query value, a body that cannot be parsed, a Content-Length that is "
    "no number, or a Host header this server does not answer to.",
    401: "The API token is missing or wrong (header `Authorization: Bearer <token>`).",
    404: "No such id (or watchlist name).",
    409: "The name is taken (a watchlist's).",
    413: "The request body is over api_max_body_bytes.",
    422: "A malformed request (a parameter or body field of the wrong type or shape).",
    429: "The write queue is full (api_write_queue); retry after Retry-After seconds.",
    500: "An internal error (no details here: they are in the server log).",
    503: "The store could not take the write (e.g. locked by another process); retry.",
}


def _answers(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI responses for these error statuses, each with the one error body."""
    out: dict[int | str, dict[str, Any]] = {}
    for code in codes:
        out[code] = {"model": ErrorOut, "description": _WHY[code]}
        if code == 429:
            out[code]["headers"] = {"Retry-After": {"schema": {"type": "integer"},
                                                    "description": "Seconds to wait."}}  # fmt: skip
    return out


def _error(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status, headers=headers
    )


def _page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    return {
        "items": items[offset : offset + limit],
        "total": len(items),
        "limit": limit,
        "offset": offset,
    }


class _BodyLimit:
    """ASGI middleware: a request body over ``limit`` bytes gets 413, whether or not it says
    its length (chunked bodies are counted as they arrive); a Content-Length that is no number
    gets 400."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length", b"0").strip()
        if not length.isdigit():  # "Content-Length: }:juy" is a malformed request, not a big one
            message = "the Content-Length header is not a number of bytes"
            await _error(400, "bad_content_length", message)(scope, receive, send)
            return
        if int(length) > self.limit:
            await self._refuse(scope, receive, send)
            return
        body, more = b"", True
        while more:  # read the body first (at most limit + one chunk), then replay it
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, receive, send)
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.limit:
                await self._refuse(scope, receive, send)
                return
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, scope: dict, receive: Any, send: Any) -> None:
        response = _error(413, "too_large", f"request body over {self.limit} bytes")
        await response(scope, receive, send)


def _host_name(host: str) -> str:
    """The name in a Host header or setting, without port, brackets or final dot, lowercased:
    ``[::1]:8700`` -> ``::1``, ``Example.org.:80`` -> ``example.org``."""
    host = host.strip().lower()
    if host.startswith("["):
        host = host[1:].split("]", 1)[0]
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


def allowed_hosts(settings: Settings) -> set[str]:
    """The Host names the server answers to: ``api_allowed_hosts`` and the bound address
    (unless it is a wildcard such as 0.0.0.0, which no client should name)."""
    names = {_host_name(h) for h in settings.api_allowed_hosts}
    if _host_name(settings.api_host) not in _WILDCARDS:
        names.add(_host_name(settings.api_host))
    return names


class _HostCheck:
    """ASGI middleware: a request whose Host header names another server gets 400. A page on
    an attacker's domain that re-resolves its name to 127.0.0.1 (DNS rebinding) still sends
    its own name as Host, so it cannot read or write through a browser on this machine.
    Answered: the ``allowed`` names, and the address the request arrived at (the server's
    side of the connection: an IP that only this server's own pages are served from)."""

    def __init__(self, app: Any, allowed: set[str]) -> None:
        self.app, self.allowed = app, allowed

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket") or "*" in self.allowed:
            await self.app(scope, receive, send)
            return
        host = Headers(scope=scope).get("host", "")
        arrived = _host_name(str((scope.get("server") or ("",))[0]))
        if _host_name(host) in self.allowed or (arrived and _host_name(host) == arrived):
            await self.app(scope, receive, send)
            return
        message = (
            f"this server does not answer to the Host {host[:100]!r} (a guard against DNS "
            "rebinding); if that is its name, add it to the setting api_allowed_hosts"
        )
        await _error(400, "bad_host", message)(scope, receive, send)


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` keeps the server on this machine (localhost, 127.x, ::1)."""
    if _host_name(host) == "localhost":
        return True
    try:
        return ipaddress.ip_address(_host_name(host)).is_loopback
    except ValueError:  # a name other than localhost may resolve anywhere
        return False


def token_path(settings: Settings) -> Path:
    """Where `khabar serve` keeps the API token it made: beside the database file."""
    return Path(f"{settings.database}.token")


def ensure_api_token(settings: Settings) -> tuple[str, Path | None, bool]:
    """The API token: the ``api_token`` setting when set, else the one kept in
    ``token_path(settings)``, made there (random, file mode 0600) when missing. Returns
    (token, file or None for the setting, whether it was just made).

    Example::

        token, path, made = ensure_api_token(settings)
    """
    if settings.api_token:
        return settings.api_token, None, False
    path = token_path(settings)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        token = path.read_text(encoding="utf-8").strip()
        if not token:
            raise ConfigError(
                f"the API token file {path} is empty; delete it and start `khabar serve` again "
                "to make a new token, or set api_token"
            ) from None
        if os.name == "posix" and path.stat().st_mode & 0o077:
            log.warning("the API token file %s can be read by other users: chmod 600 it", path)
        return token, path, False
    except OSError as exc:
        raise ConfigError(f"cannot create the API token file {path}: {exc}") from exc
    token = secrets.token_urlsafe(32)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        os.fchmod(f.fileno(), 0o600)
        f.write(token + "\n")
    return token, path, True


_bearer = HTTPBearer(
    auto_error=False,
    description="The API token (setting api_token; `khabar serve` prints it on first start).",
)


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(401, message, headers={"WWW-Authenticate": "Bearer"})


def _token(
    request: Request,
    sent: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Let the request through only with ``Authorization: Bearer <api_token>``."""
    expected = request.app.state.settings.api_token
    if not expected:
        raise _unauthorized(
            "this server has no API token (setting api_token), so it refuses this request; "
            "`khabar serve` makes one on first start, or set api_token"
        )
    if sent is None:
        raise _unauthorized(
            "this request needs the API token: send the header 'Authorization: Bearer <token>' "
            "(`khabar serve` printed the token on its first start and keeps it in the file "
            "<database>.token; or it is the api_token setting)"
        )
    if not hmac.compare_digest(sent.credentials.encode(), expected.encode()):
        raise _unauthorized("the API token sent is wrong ('Authorization: Bearer <token>')")


class _Busy(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


@dataclass(slots=True)
class _Job:
    id: str
    lines: list[str]  # one JSON article per line
    queued_at: str
    status: str = "queued"
    result: dict[str, Any] | None = None
    error: str | None = None
    http_status: int = 201
    future: Future[None] = field(default_factory=Future)

    @property
    def url(self) -> str:
        return f"/api/ingests/{self.id}"

    def public(self) -> dict[str, Any]:
        return {"job": self.id, "status": self.status, "articles": len(self.lines),
                "url": self.url, "queued_at": self.queued_at, "result": self.result,
                "error": self.error}  # fmt: skip


class _Writer:
    """The one writer of what POST /api/documents receives. Requests wait in a queue (at most
    ``api_write_queue``; one more is refused, 429) and each ingest run takes every request
    waiting, up to 1,000 articles: their articles are read, checked, stored and fused once, so
    a story that several requests join is fused once, not once per request, and no request
    waits for the write lock or for a fusion. The runs happen in a child process
    (``api_writer = "process"``: their CPU work never holds the server's interpreter lock, so
    reads stay fast, and a crash there fails only that run) or in this thread (``thread``).
    Each request gets back its own documents, duplicates and quarantined articles (matched by
    line). The last ``api_jobs_kept`` finished jobs are remembered (in memory only)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._cond = threading.Condition()
        self._waiting: deque[_Job] = deque()
        self._jobs: OrderedDict[str, _Job] = OrderedDict()
        self._thread: threading.Thread | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._busy = False
        self._closing = False
        self._last_run_s = 1.0

    def submit(self, lines: list[str]) -> _Job:
        with self._cond:
            if len(self._waiting) >= self.settings.api_write_queue:
                raise _Busy(max(1, math.ceil(self._last_run_s)))
            job = _Job(uuid.uuid4().hex, lines, datetime.now(UTC).isoformat(timespec="seconds"))
            self._waiting.append(job)
            self._jobs[job.id] = job
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="khabar-writer",
                                                daemon=True)  # fmt: skip
                self._thread.start()
            self._cond.notify()
        return job

    def job(self, job_id: str) -> _Job | None:
        with self._cond:
            return self._jobs.get(job_id)

    def close(self, timeout: float = _CLOSE_S) -> None:
        """Wait (up to ``timeout`` s) until the writes already accepted are stored, then end
        the thread and its child process."""
        with self._cond:
            if not self._cond.wait_for(lambda: not self._waiting and not self._busy, timeout):
                log.warning("%d API writes still queued at shutdown", len(self._waiting))
            self._closing = True
            self._cond.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _loop(self) -> None:
        try:
            while (batch := self._next()) is not None:
                t0 = time.monotonic()
                self._finish(batch, self._run(batch))
                with self._cond:
                    self._busy = False
                    self._last_run_s = time.monotonic() - t0
                    self._cond.notify_all()
        finally:
            if self._pool is not None:
                self._pool.shutdown()
                self._pool = None

    def _next(self) -> list[_Job] | None:
        """The requests of the next run (None: idle for a while, the thread ends; the next
        submit starts another)."""
        with self._cond:
            self._cond.wait_for(lambda: self._waiting or self._closing, _IDLE_S)
            if not self._waiting:
                self._thread = None
                return None
            batch, articles = [], 0
            while self._waiting and (
                not batch or articles + len(self._waiting[0].lines) <= _MAX_ARTICLES
            ):
                job = self._waiting.popleft()
                job.status = "running"
                batch.append(job)
                articles += len(job.lines)
            self._busy = True
            return batch

    def _run(self, batch: list[_Job]) -> _Outcome:
        # each run records its settings in the store: never the token
        run_settings = self.settings.replace(api_token="")
        args = (run_settings, [job.lines for job in batch], [job.id for job in batch])
        if self.settings.api_writer == "thread":
            return _ingest_batch(*args)
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                initializer=_writer_process_started,
            )  # fmt: skip
        try:
            return self._pool.submit(_ingest_batch, *args).result()
        except BrokenProcessPool as exc:  # killed, out of memory, a crash in a C library
            log.error("the API writer process stopped during a run (%s); starting another", exc)
            self._pool = None
            return 500, ("the writer process stopped during this run (see the server log); "
                         "the articles may not be stored: send them again (nothing is stored "
                         "twice)")  # fmt: skip

    def _finish(self, batch: list[_Job], outcome: _Outcome) -> None:
        with self._cond:
            for k, job in enumerate(batch):
                if isinstance(outcome, list):
                    job.result, job.status = outcome[k], "done"
                else:
                    job.http_status, job.error = outcome
                    job.status = "failed"
                job.future.set_result(None)
            finished = [j for j in self._jobs.values() if j.status in ("done", "failed")]
            for old in finished[: max(0, len(finished) - self.settings.api_jobs_kept)]:
                del self._jobs[old.id]


# a run's outcome: each request's share of it, or (status, why) when it failed
_Outcome = list[dict[str, Any]] | tuple[int, str]


def _writer_process_started() -> None:
    """In the writer's child process: log as the CLI does, and end when the server does (even
    killed with no chance to stop its children)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)  # the server is gone: nobody waits for this run's outcome

    threading.Thread(target=watch, name="khabar-writer-watch", daemon=True).start()


def _ingest_batch(settings: Settings, lines: list[list[str]], job_ids: list[str]) -> _Outcome:
    """One ingest run over the articles of several requests (in the writer's process or
    thread); each request gets its share of what the run did."""
    source = f"api:{datetime.now(UTC).strftime('%Y%m%dT%H%M%S.%f')}"
    data = "\n".join(line for job in lines for line in job).encode("utf-8")
    try:
        with open_store(settings, create=True) as store:
            report = ingest_jsonl(source, data, store)
            return _shares(store, report, [len(job) for job in lines], job_ids)
    except KhabarError as exc:  # the store refused (locked, disk full): say so, retryable
        return 503, str(exc)
    except Exception:  # a bug: logged; the writer goes on with the next requests
        log.exception("API ingest of %d requests failed", len(lines))
        return 500, "internal error; the server log has the details"


def _line(locator: str) -> int:
    """The line number in a JSON-lines locator ('line 12' -> 12; anything else 0)."""
    word, _, number = locator.partition(" ")
    return int(number) if word == "line" and number.isdigit() else 0


def _shares(
    store: SQLiteStore, report: Any, sizes: list[int], job_ids: list[str]
) -> list[dict[str, Any]]:
    """Split one run's outcome between the requests whose articles it read, by line."""
    starts = [sum(sizes[:k]) for k in range(len(sizes))]

    def owner(locator: str) -> tuple[int, str] | None:
        line = _line(locator)
        for k in range(len(sizes) - 1, -1, -1):
            if 0 < line - starts[k] <= sizes[k]:
                return k, f"line {line - starts[k]}"
        return None

    shares: list[dict[str, Any]] = [
        {"job": job_id, "run_id": report.run_id, "ingested_ids": [], "duplicates": [],
         "quarantine": [], "repaired": 0} for job_id in job_ids
    ]  # fmt: skip
    for doc_id, locator in run_locators(store, report.run_id):
        if (found := owner(locator)) is not None:
            shares[found[0]]["ingested_ids"].append(doc_id)
    for doc_id, first_id, kind, score, locator in run_duplicates(store, report.run_id):
        if (found := owner(locator)) is not None:
            shares[found[0]]["duplicates"].append({"doc_id": doc_id, "first_id": first_id,
                "kind": kind, "score": score, "locator": found[1]})  # fmt: skip
    for rec in report.quarantined:
        if (found := owner(rec.locator)) is not None:
            shares[found[0]]["quarantine"].append(
                {"reason": rec.reason, "detail": rec.detail, "locator": found[1]}
            )
    for rec in report.repaired:
        if (found := owner(rec.locator)) is not None:
            shares[found[0]]["repaired"] += 1
    run = {"id": report.run_id, "requests": len(sizes), "articles": sum(sizes),
           "counts": report.counts()}  # fmt: skip
    for share in shares:
        kinds = [d["kind"] for d in share["duplicates"]]
        share |= {"ingested": len(share["ingested_ids"]),
                  "exact_duplicates": kinds.count("exact"), "near_duplicates": kinds.count("near"),
                  "quarantined": len(share["quarantine"]), "run": run}  # fmt: skip
    return shares


def _store(request: Request) -> Iterator[SQLiteStore]:
    """One store per request (SQLite connections are not shared between threads)."""
    store = open_store(request.app.state.settings, create=True, shared_across_threads=True)
    try:
        yield store
    finally:
        store.close()


Store = Annotated[SQLiteStore, Depends(_store)]
Limit = Annotated[int | None, Query(description="Items per page (default api_page_size).")]
Offset = Annotated[int, Query(ge=0, le=2**53, description="Items to skip.")]
StoryQuery = Annotated[int | None, Query(ge=0, le=2**53, description="Story id.")]
StoryId = Annotated[int, FastApiPath(ge=0, le=2**53, description="Story id.")]


def _calendar_day(value: str | None) -> str | None:
    """``value`` if it is a day of the calendar ("2024-02-30", "2024-13-01": a 422 error, as
    a malformed day is)."""
    if value is not None:
        date.fromisoformat(value)  # ValueError: pydantic's validation error
    return value


Day = Annotated[str | None, Query(pattern=_DAY, description="YYYY-MM-DD"),
                AfterValidator(_calendar_day)]  # fmt: skip


def _day_range(since: str | None, until: str | None) -> None:
    """A 400 error when ``since`` is after ``until`` (the CLI's usage error)."""
    if since and until and since > until:
        raise HTTPException(400, f"since {since} is after until {until}")


Country = Annotated[str | None, Query(max_length=100, description=(
    "An ISO 3166-1 alpha-2 or alpha-3 code or a country's name, in any script (IQ, IRQ, Iraq, "
    "العراق); 400 for one khabar does not know."))]  # fmt: skip
Background = Annotated[
    bool, Query(description="Include background events (earlier happenings a report recalls).")
]
Undated = Annotated[bool, Query(description="Include events with no known day.")]
Weak = Annotated[bool, Query(description="Include events the sentence classifier alone typed, "
                                         "with no event word, weapon, toll or armed party.")]
StorySort = Literal[STORY_SORTS]  # type: ignore[valid-type]


def _limit(settings: Settings, limit: int | None) -> int:
    if limit is None:
        return settings.api_page_size
    if not 1 <= limit <= settings.api_max_page_size:
        raise HTTPException(400, f"limit must be 1..{settings.api_max_page_size}")
    return limit


def _remove(folder: Path) -> None:
    """Remove a temporary folder (a file still open in it stays readable until closed)."""
    try:
        shutil.rmtree(folder)
    except OSError as exc:
        log.warning("could not remove the temporary folder %s: %s", folder, exc)


def _chunks(handle: Any) -> Iterator[bytes]:
    with handle:
        while block := handle.read(_CHUNK):
            yield block


def create_app(settings: Settings) -> FastAPI:  # noqa: C901 (one route table)
    """The khabar API and web UI over the store named by ``settings.database``. Writes need
    ``settings.api_token`` (none set: every write is refused; `khabar serve` sets one)."""
    writer = _Writer(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await asyncio.to_thread(writer.close)  # store what was accepted before stopping

    app = FastAPI(
        title="khabar", version="0.1.0", description=__doc__, docs_url=None, redoc_url=None,
        lifespan=lifespan,
    )  # /docs is served below from vendored files (offline)  # fmt: skip
    app.state.settings = settings
    app.state.writer = writer
    if settings.api_cors_origins:
        origins = list(settings.api_cors_origins)
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Content-Type", "Authorization"],
        )

    app.add_middleware(_BodyLimit, limit=settings.api_max_body_bytes)
    app.add_middleware(_HostCheck, allowed=allowed_hosts(settings))  # outermost: first
    token = [Depends(_token)]
    api = APIRouter(  # reads: open unless api_token_reads
        dependencies=token if settings.api_token_reads else [],
        responses=_answers(400, *([401] if settings.api_token_reads else []), 500),
    )
    writes = APIRouter(dependencies=token, responses=_answers(400, 401, 500))

    # the store's place on disk (or its URL) is the server's business: never in an answer
    places = (settings.database, Path(settings.database).resolve(), settings.database_url)
    hidden = sorted({str(p) for p in places if p}, key=len, reverse=True)

    def _public(message: str) -> str:
        for secret in hidden:
            message = message.replace(secret, "the store")
        return message

    @app.exception_handler(KhabarError)
    async def _khabar_error(request: Request, exc: KhabarError) -> JSONResponse:
        if isinstance(exc, NotFoundError):
            return _error(404, "not_found", _public(exc.public))
        return _error(400, type(exc).__name__, _public(str(exc)))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {400: "bad_request", 401: "unauthorized", 404: "not_found",
                405: "method_not_allowed"}  # fmt: skip
        return _error(exc.status_code, code.get(exc.status_code, "http_error"),
                      str(exc.detail), headers=exc.headers)  # fmt: skip

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        where = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return _error(422, "invalid_request", where[:500])

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return _error(500, "internal_error", "internal error; the server log has the details")

    @api.get("/api/health", tags=["meta"])
    def health(store: Store) -> dict[str, Any]:
        """Liveness and what the store holds."""
        return {"status": "ok", "schema": store.schema_version(), **store.holdings()}

    @api.get("/api/documents", tags=["documents"], responses=_answers(422))
    def documents(
        store: Store,
        limit: Limit = None,
        offset: Offset = 0,
        lang: str | None = None,
        outlet: str | None = None,
        since: Day = None,
        until: Day = None,
    ) -> dict[str, Any]:
        """Documents, newest first (by publication date when known)."""
        _day_range(since, until)
        rows = document_listing(store, lang=lang, outlet=outlet, since=since, until=until)
        return _page(rows, _limit(settings, limit), offset)

    @api.get("/api/documents/{doc_id}", tags=["documents"], responses=_answers(404, 422))
    def document(doc_id: str, store: Store) -> dict[str, Any]:
        """One document: original and cleaned text, paragraphs, removed lines, extracted facts
        (dates, places, actors, events, claims with spans in the original text), duplicates."""
        doc = store.document(doc_id)
        doc["story_id"] = story_of(store, doc["id"])
        return doc

    @api.get("/api/documents/{doc_id}/similar", tags=["documents"], responses=_answers(404, 422))
    def similar_documents(
        doc_id: str, store: Store, limit: Limit = None, offset: Offset = 0
    ) -> dict[str, Any]:
        """Documents nearest in meaning to this one, in any language (cosine of title+lead
        embeddings, best first, each with its ``score`` and story); ``total`` counts the embedded
        documents ranked. 400 when it has no embedding yet (run `khabar embed`)."""
        n = _limit(settings, limit)
        hits = similar(store, doc_id=doc_id, limit=offset + n)
        ranked = embeddings_stamp(store)[0] - 1
        return _page(hits, n, offset) | {"total": ranked}

    @writes.post(
        "/api/documents", tags=["documents"], status_code=202, response_model=JobOut,
        responses={201: {"model": IngestOut, "description": "Stored (with `wait=true`)."}}
        | _answers(413, 422, 429, 503),
    )  # fmt: skip
    async def ingest_documents(
        body: IngestRequest,
        wait: Annotated[bool, Query(description="Answer when stored (201), not at once.")] = False,
    ) -> JSONResponse:
        """Ingest articles with the same validation, quarantine and pipeline as the CLI. Needs
        the API token. The articles join the writer's queue and the answer comes at once (202,
        with the job to follow at ``url``); with ``wait=true`` it comes when they are stored
        (201, what became of each: ids, duplicates, quarantine). Requests that wait together
        are stored in one ingest run."""
        lines = [a.model_dump_json(exclude_none=True) for a in body.articles]
        try:
            job = writer.submit(lines)
        except _Busy as busy:
            return _error(429, "busy", (
                f"{settings.api_write_queue} write requests are already waiting (setting "
                f"api_write_queue); retry in {busy.retry_after} s"),
                headers={"Retry-After": str(busy.retry_after)})  # fmt: skip
        if not wait:
            return JSONResponse(job.public(), status_code=202, headers={"Location": job.url})
        await asyncio.shield(asyncio.wrap_future(job.future))  # a disconnect leaves the job
        if job.status == "failed":
            code = "write_failed" if job.http_status == 503 else "internal_error"
            return _error(job.http_status, code, job.error or "write failed")
        return JSONResponse(job.result, status_code=201)

    @api.get("/api/ingests/{job_id}", tags=["documents"], responses=_answers(404, 422))
    def ingest_job(job_id: str) -> JobOut:
        """A POST's articles on their way to the store: queued, running, done (with what
        became of each) or failed (with why). Remembered for the last ``api_jobs_kept`` jobs,
        in memory: a restarted server forgets them."""
        job = writer.job(job_id)
        if job is None:
            raise HTTPException(404, f"no ingest job {job_id!r} (unknown, or long forgotten)")
        return JobOut.model_validate(job.public())

    @api.get("/api/search", tags=["documents"], responses=_answers(422))
    def search(
        store: Store,
        q: Annotated[str, Query(min_length=1, max_length=500)],
        limit: Limit = None,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Full-text search on normalised text (hamza, ya, kaf, harakat, digits folded), best
        first. Each hit has a ``snippet`` of the original text (matches in [brackets]) and the
        same as ``snippet_parts``, ``[text, is_match]`` pieces a page can mark safely."""
        lim = _limit(settings, limit)
        hits = store.search(q, limit=lim, offset=offset)
        return {"items": hits, "total": store.search_count(q), "limit": lim, "offset": offset}

    @api.get("/api/stories", tags=["stories"], responses=_answers(422))
    def stories(
        store: Store,
        limit: Limit = None,
        offset: Offset = 0,
        sort: Annotated[StorySort, Query(description=(
            "Order, each descending: last_day (the last event day reported; the default), "
            "size (documents), last_report (latest publication day), contradictions."))
        ] = "last_day",
        q: Annotated[str | None, Query(max_length=500)] = None,
        lang: str | None = None,
        outlet: str | None = None,
        since: Day = None,
        until: Day = None,
        country: Country = None,
        actor: Annotated[str | None, Query(max_length=200, description=(
            "An actor's name in any language (any alias of the actor dictionaries) or id: "
            "stories naming it, or with it as an event's actor or target."))] = None,
        place: Annotated[str | None, Query(max_length=200, description=(
            "A place's name in any language or script (any gazetteer name or alias: Aden, "
            "عدن) or gazetteer id: stories whose documents name that place."))] = None,
        type: str | None = None,
    ) -> dict[str, Any]:  # noqa: A002
        """Stories (newest first unless ``sort`` says otherwise) with sizes, languages,
        titles, counts of events and contradictions, and ``total``; ``resolved`` says which
        gazetteer places or dictionary actors a ``place`` / ``actor`` name stands for (none:
        nothing matches)."""
        _day_range(since, until)
        if country:  # a name in any script as well as an ISO code (Iraq, العراق: IQ)
            code = country_code(country)
            if code is None:
                raise HTTPException(400, unknown_country(country))
            country = code
        if type is not None:  # "attacks" -> "attack"; words of no type select nothing
            words = event_type_filter(type)
            if words is None:
                raise HTTPException(400, unknown_event_type(type))
            type = words
        filters = StoryFilters(q=q, lang=lang, outlet=outlet, since=since, until=until,
                               country=country, actor=actor, type=type, place=place)  # fmt: skip
        lim = _limit(settings, limit)
        found = story_list(store, filters, sort=sort, limit=lim, offset=offset)
        return {"items": found.items, "total": found.total, "limit": lim, "offset": offset,
                "resolved": found.resolved}  # fmt: skip

    @api.get("/api/stories/{story_id}", tags=["stories"], responses=_answers(404, 422))
    def story(story_id: StoryId, store: Store) -> dict[str, Any]:
        """One story: documents (language, outlet, time, why each joined), canonical events
        with every source's values, contradictions with their sides and quotes."""
        return store.story(story_id)

    @api.get("/api/events", tags=["events"], responses=_answers(422))
    def events(
        store: Store,
        limit: Limit = None,
        offset: Offset = 0,
        since: Day = None,
        until: Day = None,
        country: Country = None,
        actor: str | None = None,
        type: str | None = None,
        story: StoryQuery = None,
        include_background: Background = False,
        include_undated: Undated = False,
        include_weak: Weak = False,
    ) -> dict[str, Any]:  # noqa: A002
        """Canonical events by day, one per story's event (not merged across stories as the
        export's rows are), with filters as `/api/export`: by default the events an export
        writes, so background events (earlier happenings a report recalls), undated ones and
        weak ones (the sentence classifier's alone) are left out unless
        ``include_background`` / ``include_undated`` / ``include_weak`` are true (a story's
        page, ``/api/stories/{id}``, lists all of its events). An unknown count is absent from
        ``chosen``, never 0."""
        _day_range(since, until)
        lim = _limit(settings, limit)
        filters = event_filters(
            {"since": since, "until": until, "country": country, "actor": actor, "type": type,
             "story": story, "include_background": include_background,
             "include_undated": include_undated, "include_weak": include_weak}
        )  # fmt: skip
        items, total = event_page(store, filters, limit=lim, offset=offset)
        return {"items": items, "total": total, "limit": lim, "offset": offset}

    @api.get("/api/events/{event_id}", tags=["events"], responses=_answers(404, 422))
    def event(event_id: str, store: Store) -> dict[str, Any]:
        """One canonical event: every value of every field with its sources and the rule."""
        return store.event(event_id)

    @api.get("/api/claims", tags=["claims"], responses=_answers(422))
    def claims(
        store: Store,
        limit: Limit = None,
        offset: Offset = 0,
        story: StoryQuery = None,
        speaker: str | None = None,
        doc: str | None = None,
    ) -> dict[str, Any]:
        """Claims (who said what, with stance and span), by story, speaker or document."""
        rows = claim_listing(store, story=story, speaker=speaker, doc=doc)
        return _page(rows, _limit(settings, limit), offset)

    @api.get("/api/contradictions", tags=["contradictions"], responses=_answers(422))
    def contradictions(
        store: Store,
        limit: Limit = None,
        offset: Offset = 0,
        story: StoryQuery = None,
        kind: str | None = None,
    ) -> dict[str, Any]:
        """Contradictions, typed and explained, each side with its sources."""
        found = store.contradictions(story_id=story)
        if kind:
            found = [c for c in found if c["kind"] == kind]
        return _page(found, _limit(settings, limit), offset)

    @api.get(
        "/api/export", tags=["events"], response_class=StreamingResponse,
        responses={200: {"description": "The file, as an attachment.", "content": {
            media: {"schema": {"type": "string", "format": "binary"}}
            for media, _ in _MEDIA.values()}}} | _answers(422),
    )  # fmt: skip
    def export(
        store: Store,
        format: str = "jsonl",
        since: Day = None,
        until: Day = None,
        country: Country = None,
        actor: str | None = None,
        type: str | None = None,
        include_background: Background = False,
        include_undated: Undated = False,
        include_weak: Weak = False,
    ) -> StreamingResponse:  # noqa: A002
        """Canonical events as a file: acled-csv (ACLED's columns, names and order, then
        khabar's provenance; one row per real-world event: events of two stories that report
        one happening are merged, their counts never added up), geojson, jsonl (one full record
        per canonical event) or parquet. Background, undated and weak events (the sentence
        classifier's alone) are left out unless ``include_background`` / ``include_undated`` /
        ``include_weak`` are true. Unknown values are empty (CSV)
        or null, never 0. The file is written to a temporary folder, removed at once (the
        open file is streamed), so no call leaves a file behind."""
        _day_range(since, until)
        if format not in FORMATS:
            raise HTTPException(400, f"format must be one of {', '.join(FORMATS)}")
        media, suffix = _MEDIA[format]
        filters = EventFilters.of(
            {"since": since, "until": until, "country": country, "actor": actor, "type": type,
             "include_background": include_background, "include_undated": include_undated,
             "include_weak": include_weak}
        )  # fmt: skip
        name = f"khabar-events.{suffix}"
        folder = Path(tempfile.mkdtemp(prefix="khabar-export-"))
        try:
            export_events(store, format, folder / name, filters)
            handle = (folder / name).open("rb")
        finally:
            _remove(folder)
        size = os.fstat(handle.fileno()).st_size
        return StreamingResponse(_chunks(handle), media_type=media, headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Content-Length": str(size)})  # fmt: skip

    @api.get("/api/watch", tags=["watchlists"], response_model=WatchlistPage,
             responses=_answers(422))  # fmt: skip
    def watch_lists(store: Store, limit: Limit = None, offset: Offset = 0) -> dict[str, Any]:
        """Watchlists by name: criteria, how many matches each has, when it last matched."""
        return _page(store.watchlists(), _limit(settings, limit), offset)

    @api.get(
        "/api/watch/{name}.atom", tags=["watchlists"], response_class=Response,
        responses={200: {"description": "The Atom feed (RFC 4287) of its newest 500 matches.",
                         "content": {"application/atom+xml": {"schema": {"type": "string"}}}}}
        | _answers(404, 422),
    )  # fmt: skip
    def watch_feed(name: str, store: Store, request: Request) -> Response:
        """A watchlist's matches as an Atom feed: an entry per matching story or event (title,
        link to its story's page in this UI, time it matched, summary: day, type, place,
        toll), newest first. Subscribe to it in a feed reader."""
        xml = atom_feed(store, name, str(request.base_url))
        return Response(xml, media_type="application/atom+xml")

    @api.get("/api/watch/{name}", tags=["watchlists"], response_model=WatchMatchesOut,
             responses=_answers(404, 422))  # fmt: skip
    def watch_matches(
        name: str, store: Store, limit: Limit = None, offset: Offset = 0
    ) -> dict[str, Any]:
        """A watchlist and a page of its matches, newest first (``total``: all of them). It
        matches what ingest runs after it was made bring: stories they create or change."""
        lim = _limit(settings, limit)
        return watchlist_matches(store, name, limit=lim, offset=offset) | {"limit": lim,
                                                                            "offset": offset}

    @writes.post("/api/watch", tags=["watchlists"], status_code=201, response_model=WatchlistOut,
                 responses=_answers(409, 413, 422, 503))  # fmt: skip
    def watch_add(body: WatchIn, store: Store) -> Any:
        """Make a watchlist (needs the API token): later ingests record the stories they create
        or change that match (with place, actor, type or country: their matching events). 400
        for a bad name or an unknown type, country, place or actor; 409 when the name is
        taken."""
        wl = define(body.name, query=body.query, place=body.place, actor=body.actor,
                    type=body.type, country=body.country)  # fmt: skip
        try:
            return add_watchlist(store, wl)
        except ConflictError as exc:
            return _error(409, "conflict", str(exc))
        except StoreError as exc:
            return _error(503, "write_failed", str(exc))

    @writes.delete("/api/watch/{name}", tags=["watchlists"], response_model=WatchRemovedOut,
                   responses=_answers(404, 422, 503))  # fmt: skip
    def watch_remove(name: str, store: Store) -> Any:
        """Delete a watchlist and its matches (needs the API token)."""
        try:
            return {"removed": name, "matches": remove_watchlist(store, name)}
        except NotFoundError:
            raise
        except StoreError as exc:
            return _error(503, "write_failed", str(exc))

    app.include_router(api)
    app.include_router(writes)

    web = Path(str(resources.files("khabar").joinpath("web")))
    app.mount("/static", StaticFiles(directory=web / "static"), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="khabar API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
        )

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(web / "index.html", media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:  # asked for by browsers whatever the page says
        return FileResponse(web / "static" / "favicon.svg", media_type="image/svg+xml")

    @app.get("/ui", include_in_schema=False)
    def ui() -> RedirectResponse:
        return RedirectResponse("/")

    return app
