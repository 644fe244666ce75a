"""The REST API and the web UI: what khabar knows, over HTTP, from the embedded store.

Input: settings (the database, page sizes, body limit, CORS origins). Output: a FastAPI app
(``create_app``) serving JSON under ``/api`` (OpenAPI at ``/docs`` and ``/openapi.json``) and
the offline web UI under ``/`` (static files in ``khabar/web``, vendored Leaflet and borders).

Every list is paginated (``limit``, ``offset``; the body says ``total``). Errors always have the
body ``{"error": {"code": ..., "message": ...}}``: 400 for a bad filter or query, 404 for an
unknown id, 413 for a body over ``api_max_body_bytes``, 422 for a malformed request, 500 with
no traceback for anything else (logged on the server). All SQL is parameterised; article text
is returned as data and the UI inserts it as text, never as HTML. CORS is off unless
``api_cors_origins`` lists origins.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as FastApiPath
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from khabar.embed import similar
from khabar.errors import KhabarError, NotFoundError
from khabar.export import FORMATS, export_events
from khabar.pipeline import ingest_jsonl
from khabar.settings import Settings
from khabar.store import SQLiteStore, open_store
from khabar.store.events import EventFilters, event_page, event_story_ids

__all__ = ["create_app"]

log = logging.getLogger(__name__)
_DAY = r"^\d{4}-\d{2}-\d{2}$"
_MEDIA = {
    "acled-csv": ("text/csv", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}


class Article(BaseModel):
    """A document to ingest: the same fields as a line of a ``.jsonl`` input."""

    text: str = Field(min_length=1, description="Article text (plain text or HTML).")
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = Field(None, description="ISO date or date-time, if known.")


class IngestRequest(BaseModel):
    articles: list[Article] = Field(min_length=1, max_length=1000)


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    return {
        "items": items[offset : offset + limit],
        "total": len(items),
        "limit": limit,
        "offset": offset,
    }


class _BodyLimit:
    """ASGI middleware: a request body over ``limit`` bytes gets 413, whether or not it says
    its length (chunked bodies are counted as they arrive)."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.limit:
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
Day = Annotated[str | None, Query(pattern=_DAY, description="YYYY-MM-DD")]
Background = Annotated[
    bool, Query(description="Include background events (earlier happenings a report recalls).")
]
Undated = Annotated[bool, Query(description="Include events with no known day.")]


def _limit(settings: Settings, limit: int | None) -> int:
    if limit is None:
        return settings.api_page_size
    if not 1 <= limit <= settings.api_max_page_size:
        raise HTTPException(400, f"limit must be 1..{settings.api_max_page_size}")
    return limit


def _story_ids(store: SQLiteStore, f: dict[str, Any]) -> set[int] | None:
    """Stories matching the filters, or None when no filter is given."""
    found: set[int] | None = None

    def narrow(ids: set[int]) -> None:
        nonlocal found
        found = ids if found is None else found & ids

    if f.get("q"):
        hits = store.search(f["q"], limit=10_000)
        docs = [h["id"] for h in hits]
        narrow(_stories_of(store, docs))
    doc_where = [(k, v) for k, v in (("lang", f.get("lang")), ("outlet", f.get("outlet"))) if v]
    if doc_where:
        sql = " AND ".join(f"d.{k} = ?" for k, _ in doc_where)
        narrow(
            {
                r[0]
                for r in store.db.execute(
                    f"SELECT DISTINCT m.story_id FROM story_members m JOIN documents d"
                    f" ON d.id = m.doc_id WHERE {sql}",
                    [v for _, v in doc_where],
                )
            }
        )
    event_filters = {k: f.get(k) for k in ("since", "until", "country", "actor", "type")}
    if any(event_filters.values()):
        every = EventFilters.of(event_filters, include_background=True, include_undated=True)
        narrow(event_story_ids(store, every))
    return found


def _stories_of(store: SQLiteStore, doc_ids: list[str]) -> set[int]:
    out: set[int] = set()
    for i in range(0, len(doc_ids), 500):
        chunk = doc_ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        out |= {
            r[0]
            for r in store.db.execute(
                f"SELECT story_id FROM story_members WHERE doc_id IN ({marks})", chunk
            )
        }
    return out


def create_app(settings: Settings) -> FastAPI:  # noqa: C901 (one route table)
    """The khabar API and web UI over the store named by ``settings.database``."""
    app = FastAPI(
        title="khabar", version="0.1.0", description=__doc__, docs_url=None, redoc_url=None
    )  # /docs is served below from vendored files (offline)
    app.state.settings = settings
    if settings.api_cors_origins:
        origins = list(settings.api_cors_origins)
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )

    app.add_middleware(_BodyLimit, limit=settings.api_max_body_bytes)

    @app.exception_handler(KhabarError)
    async def _khabar_error(request: Request, exc: KhabarError) -> JSONResponse:
        if isinstance(exc, NotFoundError):
            return _error(404, "not_found", str(exc))
        return _error(400, type(exc).__name__, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {400: "bad_request", 404: "not_found", 405: "method_not_allowed"}
        return _error(exc.status_code, code.get(exc.status_code, "http_error"), str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        where = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return _error(422, "invalid_request", where[:500])

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return _error(500, "internal_error", "internal error; the server log has the details")

    @app.get("/api/health", tags=["meta"])
    def health(store: Store) -> dict[str, Any]:
        """Liveness and what the store holds."""
        q = store.db.execute
        return {
            "status": "ok",
            "schema": store.schema_version(),
            "documents": q("SELECT count(*) FROM documents").fetchone()[0],
            "stories": q("SELECT count(DISTINCT story_id) FROM story_members").fetchone()[0],
            "events": q("SELECT count(*) FROM events").fetchone()[0],
        }

    @app.get("/api/documents", tags=["documents"])
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
        where, args = ["1 = 1"], []
        for col, value in (("lang", lang), ("outlet", outlet)):
            if value:
                where.append(f"{col} = ?")
                args.append(value)
        if since:
            where.append("substr(published, 1, 10) >= ?")
            args.append(since)
        if until:
            where.append("substr(published, 1, 10) <= ?")
            args.append(until)
        rows = store.db.execute(
            "SELECT id, title, lang, outlet, published, url FROM documents WHERE "
            f"{' AND '.join(where)} ORDER BY published IS NULL, published DESC, rowid DESC",
            args,
        ).fetchall()
        return _page([dict(r) for r in rows], _limit(settings, limit), offset)

    @app.get("/api/documents/{doc_id}", tags=["documents"])
    def document(doc_id: str, store: Store) -> dict[str, Any]:
        """One document: original and cleaned text, paragraphs, removed lines, extracted facts
        (dates, places, actors, events, claims with spans in the original text), duplicates."""
        doc = store.document(doc_id)
        row = store.db.execute(
            "SELECT story_id FROM story_members WHERE doc_id = ?", (doc["id"],)
        ).fetchone()
        doc["story_id"] = row[0] if row else None
        return doc

    @app.get("/api/documents/{doc_id}/similar", tags=["documents"])
    def similar_documents(
        doc_id: str, store: Store, limit: Limit = None, offset: Offset = 0
    ) -> dict[str, Any]:
        """Documents nearest in meaning to this one, in any language (cosine of title+lead
        embeddings, best first, each with its ``score`` and story); ``total`` counts the embedded
        documents ranked. 400 when it has no embedding yet (run `khabar embed`)."""
        n = _limit(settings, limit)
        hits = similar(store, doc_id=doc_id, limit=offset + n)
        ranked = store.db.execute("SELECT count(*) FROM embeddings").fetchone()[0] - 1
        return _page(hits, n, offset) | {"total": ranked}

    @app.post("/api/documents", tags=["documents"], status_code=201)
    def ingest_documents(body: IngestRequest, store: Store) -> dict[str, Any]:
        """Ingest articles with the same validation, quarantine and pipeline as the CLI."""
        lines = "\n".join(a.model_dump_json(exclude_none=True) for a in body.articles)
        source = f"api:{datetime.now(UTC).strftime('%Y%m%dT%H%M%S.%f')}"
        report = ingest_jsonl(source, lines.encode("utf-8"), store)
        ids = [
            r[0]
            for r in store.db.execute(
                "SELECT id FROM documents WHERE run_id = ? ORDER BY rowid", (report.run_id,)
            )
        ]
        return {
            "run_id": report.run_id,
            "ingested_ids": ids,
            **report.counts(),
            "quarantine": [
                {"reason": q.reason, "detail": q.detail, "locator": q.locator}
                for q in report.quarantined
            ],
        }

    @app.get("/api/search", tags=["documents"])
    def search(
        store: Store,
        q: Annotated[str, Query(min_length=1, max_length=500)],
        limit: Limit = None,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Full-text search on normalised text (hamza, ya, kaf, harakat, digits folded)."""
        return _page(store.search(q, limit=10_000), _limit(settings, limit), offset)

    @app.get("/api/stories", tags=["stories"])
    def stories(
        store: Store,
        limit: Limit = None,
        offset: Offset = 0,
        q: Annotated[str | None, Query(max_length=500)] = None,
        lang: str | None = None,
        outlet: str | None = None,
        since: Day = None,
        until: Day = None,
        country: str | None = None,
        actor: str | None = None,
        type: str | None = None,
    ) -> dict[str, Any]:  # noqa: A002
        """Stories, newest first, with sizes, languages, titles, events and contradictions."""
        filters = {
            "q": q,
            "lang": lang,
            "outlet": outlet,
            "since": since,
            "until": until,
            "country": country,
            "actor": actor,
            "type": type,
        }
        wanted = _story_ids(store, filters)
        lim = _limit(settings, limit)
        rows, total = store.story_page(ids=wanted, limit=lim, offset=offset)
        for r in rows:
            r["events"], r["contradictions"] = (
                store.db.execute(f"SELECT count(*) FROM {t} WHERE story_id = ?", (r["id"],))
                .fetchone()[0] for t in ("events", "contradictions"))  # fmt: skip
        return {"items": rows, "total": total, "limit": lim, "offset": offset}

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def story(story_id: StoryId, store: Store) -> dict[str, Any]:
        """One story: documents (language, outlet, time, why each joined), canonical events
        with every source's values, contradictions with their sides and quotes."""
        return store.story(story_id)

    @app.get("/api/events", tags=["events"])
    def events(
        store: Store,
        limit: Limit = None,
        offset: Offset = 0,
        since: Day = None,
        until: Day = None,
        country: str | None = None,
        actor: str | None = None,
        type: str | None = None,
        story: StoryQuery = None,
        include_background: Background = False,
        include_undated: Undated = False,
    ) -> dict[str, Any]:  # noqa: A002
        """Canonical events by day, one per story's event (not merged across stories as the
        export's rows are), with filters as `/api/export`: by default the events an export
        writes, so background events (earlier happenings a report recalls) and undated ones
        are left out unless ``include_background`` / ``include_undated`` are true (a story's
        page, ``/api/stories/{id}``, lists all of its events). An unknown count is absent from
        ``chosen``, never 0."""
        lim = _limit(settings, limit)
        filters = EventFilters.of(
            {"since": since, "until": until, "country": country, "actor": actor, "type": type,
             "story": story, "include_background": include_background,
             "include_undated": include_undated}
        )  # fmt: skip
        items, total = event_page(store, filters, limit=lim, offset=offset)
        return {"items": items, "total": total, "limit": lim, "offset": offset}

    @app.get("/api/events/{event_id}", tags=["events"])
    def event(event_id: str, store: Store) -> dict[str, Any]:
        """One canonical event: every value of every field with its sources and the rule."""
        return store.event(event_id)

    @app.get("/api/claims", tags=["claims"])
    def claims(
        store: Store,
        limit: Limit = None,
        offset: Offset = 0,
        story: StoryQuery = None,
        speaker: str | None = None,
        doc: str | None = None,
    ) -> dict[str, Any]:
        """Claims (who said what, with stance and span), by story, speaker or document."""
        where, args = ["1 = 1"], []
        if story is not None:
            where.append("c.doc_id IN (SELECT doc_id FROM story_members WHERE story_id = ?)")
            args.append(story)
        if speaker:
            where.append("(c.speaker = ? OR c.speaker_text = ?)")
            args += [speaker, speaker]
        if doc:
            where.append("c.doc_id = ?")
            args.append(doc)
        rows = store.db.execute(
            'SELECT c.doc_id, c.seq, c.start, c."end", c.sentence, c.speaker, c.speaker_text,'
            " c.speaker_kind, c.verb, c.stance, c.content, d.lang FROM claims c JOIN documents d"
            f" ON d.id = c.doc_id WHERE {' AND '.join(where)} ORDER BY d.rowid, c.seq",
            args,
        ).fetchall()
        return _page([dict(r) for r in rows], _limit(settings, limit), offset)

    @app.get("/api/contradictions", tags=["contradictions"])
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

    @app.get("/api/export", tags=["events"])
    def export(
        store: Store,
        format: str = "jsonl",
        since: Day = None,
        until: Day = None,
        country: str | None = None,
        actor: str | None = None,
        type: str | None = None,
        include_background: Background = False,
        include_undated: Undated = False,
    ) -> FileResponse:  # noqa: A002
        """Canonical events as a file: acled-csv (ACLED's columns, names and order, then
        khabar's provenance; one row per real-world event: events of two stories that report
        one happening are merged, their counts never added up), geojson, jsonl (one full record
        per canonical event) or parquet. Background and undated events are left out unless
        ``include_background`` / ``include_undated`` are true. Unknown values are empty (CSV)
        or null, never 0."""
        if format not in FORMATS:
            raise HTTPException(400, f"format must be one of {', '.join(FORMATS)}")
        media, suffix = _MEDIA[format]
        out = Path(tempfile.mkdtemp()) / f"khabar-events.{suffix}"
        filters = EventFilters.of(
            {"since": since, "until": until, "country": country, "actor": actor, "type": type,
             "include_background": include_background, "include_undated": include_undated}
        )  # fmt: skip
        export_events(store, format, out, filters)
        return FileResponse(out, media_type=media, filename=out.name)

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

    @app.get("/ui", include_in_schema=False)
    def ui() -> RedirectResponse:
        return RedirectResponse("/")

    return app
