"""The REST API with FastAPI's test client on a real store holding the samples."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from khabar.api import create_app
from khabar.settings import Settings
from khabar.store import open_store
from tests.api.conftest import AUTH, samples_settings


def _error(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"])
    assert "Traceback" not in response.text
    return body["error"]


def test_health_says_what_the_store_holds(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["documents"] == 5 and body["stories"] == 3


def test_lists_are_paginated_with_a_total(client: TestClient) -> None:
    first = client.get("/api/stories", params={"limit": 1}).json()
    second = client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert first["total"] == second["total"] == 3
    assert len(first["items"]) == 1 and first["items"][0]["id"] != second["items"][0]["id"]


def test_story_has_its_articles_events_and_contradictions(client: TestClient) -> None:
    story = client.get("/api/stories/1").json()
    assert {m["lang"] for m in story["members"]} == {"ar", "fa"}
    assert story["events"] and story["contradictions"]
    kinds = {c["kind"] for c in story["contradictions"]}
    assert {"field_conflict", "conflicting_claims"} <= kinds


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"lang": "fa"}, {1}),
        ({"country": "SY"}, {1, 2}),
        ({"country": "Syria"}, {1, 2}),
        ({"since": "2020-03-01", "until": "2020-03-31"}, {3}),
        ({"q": "مسئول أميركي"}, {1, 2}),  # hamza seat folded: finds مسؤول (عسكري) أميركي
        ({"type": "Shelling", "actor": "Islamic Resistance in Iraq"}, {1}),
    ],
)
def test_story_filters(client: TestClient, params: dict, expected: set[int]) -> None:
    items = client.get("/api/stories", params=params).json()["items"]
    assert {s["id"] for s in items} == expected


def test_events_claims_and_contradictions_are_listed(client: TestClient) -> None:
    events = client.get("/api/events", params={"story": 1}).json()["items"]
    assert events and all(e["story_id"] == 1 for e in events)
    one = client.get(f"/api/events/{events[0]['id']}").json()
    assert one["id"] == events[0]["id"] and "contradictions" in one
    claims = client.get("/api/claims", params={"story": 1, "speaker": "KH"}).json()["items"]
    assert claims and {c["lang"] for c in claims} == {"ar", "fa"}
    found = client.get("/api/contradictions", params={"kind": "field_conflict"}).json()
    assert found["total"] >= 1


def test_event_country_filter_takes_a_name_and_refuses_an_unknown_one(
    client: TestClient,
) -> None:
    by_code = client.get("/api/events", params={"country": "SY"}).json()
    assert by_code["total"] >= 1
    assert client.get("/api/events", params={"country": "سوريا"}).json() == by_code
    assert client.get("/api/events", params={"country": "SYR"}).json() == by_code  # ISO3
    for path in ("/api/events", "/api/stories"):
        r = client.get(path, params={"country": "Atlantis"})
        assert r.status_code == 400 and "no country khabar knows" in r.json()["error"]["message"]
        r = client.get(path, params={"type": "nonsense"})
        assert r.status_code == 400 and "part of no event type" in r.json()["error"]["message"]
        plural = client.get(path, params={"type": "Air strikes"})  # "Air/drone strike"
        assert plural.status_code == 200
        assert plural.json() == client.get(path, params={"type": "air/drone strike"}).json()


def test_document_has_its_facts_with_spans_in_the_original(client: TestClient) -> None:
    doc_id = client.get("/api/documents", params={"lang": "fa"}).json()["items"][0]["id"]
    doc = client.get(f"/api/documents/{doc_id}").json()
    place = doc["facts"]["place_mentions"][0]
    assert doc["raw_text"][place["start"] : place["end"]] == place["text"]
    assert doc["story_id"] == 1


@pytest.mark.parametrize("query", ['"', "AND OR NOT (", "كتائب*", "NEAR(a b)", "^x"])
def test_search_syntax_never_breaks_the_server(client: TestClient, query: str) -> None:
    assert client.get("/api/search", params={"q": query}).status_code == 200


def test_errors_have_one_shape_and_no_traceback(client: TestClient) -> None:
    assert _error(client.get("/api/documents/nope"), 404)["code"] == "not_found"
    assert _error(client.get("/api/stories/999"), 404)["code"] == "not_found"
    assert _error(client.get("/api/stories", params={"limit": 10**6}), 400)
    assert _error(client.get("/api/events", params={"since": "yesterday"}), 422)
    assert _error(client.get("/api/export", params={"format": "xlsx"}), 400)
    assert _error(client.post("/api/documents", json={"articles": []}, headers=AUTH), 422)
    assert _error(client.post("/api/documents", json={"articles": []}), 401)  # token first


@pytest.mark.parametrize("path", ["/api/documents", "/api/stories", "/api/events",
                                  "/api/export?format=jsonl"])  # fmt: skip
def test_days_that_are_no_calendar_day_or_out_of_order_are_refused(client: TestClient,
                                                                   path: str) -> None:  # fmt: skip
    # a new user's trial (2026-12-04): these gave 200 and an empty list
    for day in ("2024-13-01", "2024-02-30", "2024-99-99"):
        assert _error(client.get(path, params={"since": day}), 422)
        assert _error(client.get(path, params={"until": day}), 422)
    r = client.get(path, params={"since": "2024-05-01", "until": "2024-01-01"})
    assert "is after until" in _error(r, 400)["message"]


def test_not_found_and_malformed_ids_reveal_no_path_nor_cli_advice(
    client: TestClient, api_settings: Settings
) -> None:
    folder = str(Path(api_settings.database).resolve().parent)
    for url in ("/api/stories/999999", "/api/documents/nope", "/api/events/9.99",
                "/api/watch/nobody", "/api/stories/abc"):  # fmt: skip
        response = client.get(url)
        assert response.status_code in (404, 422), url
        message = _error(response, response.status_code)["message"]
        assert folder not in message and ".db" not in message and "khabar " not in message, message
    assert _error(client.get("/api/stories/999999"), 404)["message"] == "no story 999999"


def test_internal_errors_hide_their_details(client: TestClient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from khabar.store.sqlite import SQLiteStore

    def boom(self, *a, **k):  # type: ignore[no-untyped-def]
        raise RuntimeError("secret path /etc/shadow")

    monkeypatch.setattr(SQLiteStore, "story_page", boom)
    err = _error(client.get("/api/stories"), 500)
    assert "secret" not in err["message"]


def test_ingest_by_post_validates_and_quarantines(tmp_path: Path, seeds: Path) -> None:
    app = create_app(samples_settings(tmp_path, seeds))
    with TestClient(app, headers=AUTH) as c:
        good = {"title": "هجوم على كالسو", "text": "قتل ثلاثة جنود عراقيين في هجوم صاروخي على "
                "معسكر كالسو جنوب بغداد يوم السبت 20 أبريل 2024 بحسب مصادر أمنية."}  # fmt: skip
        r = c.post("/api/documents?wait=true", json={"articles": [good, {"text": " "}]})
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["ingested"] == 1 and body["quarantined"] == 1
        assert body["quarantine"][0]["reason"] == "no_text"
        doc = c.get(f"/api/documents/{body['ingested_ids'][0]}").json()
        assert doc["title"] == good["title"]
        again = c.post("/api/documents?wait=true", json={"articles": [good]}).json()
        assert again["ingested"] == 0  # same text: a duplicate, nothing new


def test_request_bodies_over_the_limit_are_refused(tmp_path: Path, seeds: Path) -> None:
    app = create_app(samples_settings(tmp_path, seeds, api_max_body_bytes=1000))
    with TestClient(app) as c:
        big = {"articles": [{"text": "كلمة " * 1000}]}
        assert _error(c.post("/api/documents", json=big), 413)["code"] == "too_large"


def test_cors_is_off_by_default_and_on_when_configured(
    client: TestClient, tmp_path: Path, seeds: Path
) -> None:
    headers = {"Origin": "http://evil.example"}
    assert "access-control-allow-origin" not in client.get("/api/health", headers=headers).headers
    app = create_app(samples_settings(tmp_path, seeds, api_cors_origins=("http://ok.example",)))
    with TestClient(app) as c:
        r = c.get("/api/health", headers={"Origin": "http://ok.example"})
        assert r.headers["access-control-allow-origin"] == "http://ok.example"


@pytest.mark.parametrize("fmt", ["acled-csv", "geojson", "jsonl", "parquet"])
def test_export_downloads_each_format(client: TestClient, fmt: str) -> None:
    r = client.get("/api/export", params={"format": fmt, "country": "IQ"})
    assert r.status_code == 200 and len(r.content) > 100


def test_ui_and_api_docs_are_served_from_vendored_files(client: TestClient) -> None:
    page = client.get("/").text
    assert "/static/app.js" in page and "https://" not in page
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "cdn" not in docs
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    assert client.get("/openapi.json").json()["info"]["title"] == "khabar"
    for icon in ("/favicon.ico", "/static/favicon.svg"):  # no 404 in the server's log
        answer = client.get(icon)
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("image/svg")
    assert 'rel="icon" href="/static/favicon.svg"' in page


def test_a_chunked_body_over_the_limit_is_refused_too(tmp_path: Path, seeds: Path) -> None:
    app = create_app(samples_settings(tmp_path, seeds, api_max_body_bytes=1000))

    def chunks():  # type: ignore[no-untyped-def]
        yield b'{"articles": [{"text": "'
        for _ in range(200):
            yield "كلمة ".encode()
        yield b'"}]}'

    with TestClient(app) as c:
        r = c.post("/api/documents", content=chunks(), headers={"Content-Type": "application/json"})
        assert _error(r, 413)["code"] == "too_large"


def test_a_content_length_that_is_no_number_is_a_bad_request(tmp_path: Path, seeds: Path) -> None:
    # found by the OpenAPI fuzz test: "Content-Length: }:juy" got 413, which no operation lists
    app = create_app(samples_settings(tmp_path, seeds))
    with TestClient(app) as c:
        r = c.get("/api/documents", headers={"Content-Length": "}:juy"})
        assert _error(r, 400)["code"] == "bad_content_length"


def test_concurrent_requests_on_a_real_server_all_succeed(api_settings) -> None:  # type: ignore[no-untyped-def]
    """Found by bench/load_api.py: a request's store was opened in one worker thread and used
    in another (SQLite refused: 500s under load)."""
    import socket
    import threading
    import time

    import httpx
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(api_settings), host="127.0.0.1",
                                           port=port, log_level="warning"))  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    failures: list[str] = []

    def client() -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as c:
            for path in ["/api/stories/1", "/api/contradictions", "/api/events"] * 5:
                r = c.get(path)
                if r.status_code != 200:
                    failures.append(f"{path}: {r.status_code}")

    try:
        workers = [threading.Thread(target=client) for _ in range(8)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert failures == []


def test_similar_documents_need_embeddings_then_rank_other_documents(
    tmp_path: Path, seeds: Path
) -> None:
    from khabar.embed import embed_pending, make_embedder

    settings = samples_settings(tmp_path, seeds)
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        doc_id = c.get("/api/documents", params={"lang": "fa"}).json()["items"][0]["id"]
        refused = c.get(f"/api/documents/{doc_id}/similar")
        assert refused.status_code == 400 and "khabar embed" in refused.json()["error"]["message"]
        with open_store(settings) as store:
            embed_pending(store, make_embedder(settings, "cpu"))
        page = c.get(f"/api/documents/{doc_id}/similar", params={"limit": 2}).json()
        assert page["total"] == 4 and len(page["items"]) == 2
        assert doc_id not in {h["doc_id"] for h in page["items"]}
        assert c.get("/api/documents/nope/similar").status_code == 404


def _story_ids(client: TestClient, **params: object) -> list[int]:
    return [s["id"] for s in client.get("/api/stories", params=params).json()["items"]]


def test_stories_filter_by_place_and_actor_names_in_any_script(client: TestClient) -> None:
    # the samples write بغداد and الموصل (Arabic script) only, and story 2's report "جنوب
    # العاصمة العراقية" (south of the Iraqi capital)
    body = client.get("/api/stories", params={"place": "Baghdad"}).json()
    assert {s["id"] for s in body["items"]} == {1, 2, 3} and body["total"] == 3
    assert "GN-98182" in {p["id"] for p in body["resolved"]["place"]}
    assert set(_story_ids(client, place="بغداد")) == {1, 2, 3}
    assert set(_story_ids(client, place="Mosul")) == {1}
    assert set(_story_ids(client, actor="Soleimani")) == {3}  # written قاسم سليماني
    assert set(_story_ids(client, actor="Kataib Hezbollah", place="Kirkuk")) == {2}
    nothing = client.get("/api/stories", params={"place": "Qwzxqv"}).json()
    assert nothing["total"] == 0 and nothing["resolved"] == {"place": []}


def test_stories_sort_and_page(client: TestClient) -> None:
    by_size = client.get("/api/stories", params={"sort": "size"}).json()["items"]
    sizes = [s["size"] for s in by_size]
    assert sizes == sorted(sizes, reverse=True) and by_size[0]["id"] == 1
    by_count = client.get("/api/stories", params={"sort": "contradictions"}).json()["items"]
    counts = [s["contradictions"] for s in by_count]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    for sort in ("last_day", "size", "last_report", "contradictions"):
        whole = _story_ids(client, sort=sort)
        assert [i for k in range(3) for i in _story_ids(client, sort=sort, limit=1, offset=k)] \
            == whole and len(whole) == 3  # fmt: skip


@pytest.mark.parametrize("params", [
    {"sort": "alphabetical"}, {"sort": ""}, {"offset": -1}, {"offset": "x"},
    {"place": "x" * 201}, {"actor": "x" * 201}, {"limit": "many"},
])  # fmt: skip
def test_bad_story_list_values_are_422(client: TestClient, params: dict) -> None:
    assert _error(client.get("/api/stories", params=params), 422)["code"] == "invalid_request"


def test_search_pages_carry_the_total_and_marked_snippets(client: TestClient) -> None:
    whole = client.get("/api/search", params={"q": "الحشد"}).json()
    assert whole["total"] == len(whole["items"]) >= 3
    pages = [client.get("/api/search", params={"q": "الحشد", "limit": 2, "offset": k}).json()
             for k in (0, 2)]  # fmt: skip
    assert [h["id"] for p in pages for h in p["items"]] == [h["id"] for h in whole["items"]][:4]
    assert all(p["total"] == whole["total"] for p in pages)
    for hit in whole["items"]:
        marked = [text for text, is_match in hit["snippet_parts"] if is_match]
        assert marked and all("حشد" in text for text in marked)
    assert _error(client.get("/api/search", params={"q": ""}), 422)
