"""Watchlists over HTTP: made and removed with the token only, listed, their matches after an
ingest, the Atom feed (content type, valid Atom to feedparser, links to the UI's story pages),
404 for unknown names, 400 for bad definitions, 409 for a taken name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient

from khabar.api import create_app
from khabar.pipeline import ingest
from khabar.settings import Settings, load_settings
from khabar.store import open_store
from tests.api.conftest import AUTH, TOKEN
from tests.conftest import REFERENCE_DATE
from tests.helpers import watch_inputs


@pytest.fixture(scope="module")
def watch_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    folder = tmp_path_factory.mktemp("watch-api")
    return load_settings({"database": str(folder / "w.db"), "reference_date": REFERENCE_DATE,
                          "api_token": TOKEN}, environ={})  # fmt: skip


@pytest.fixture(scope="module")
def client(watch_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    before, after = watch_inputs(tmp_path_factory.mktemp("watch-inputs"))
    with open_store(watch_settings) as store:
        ingest([before], store)
    with TestClient(create_app(watch_settings), raise_server_exceptions=False) as c:
        made = c.post("/api/watch", json={"name": "drones", "query": "drone"}, headers=AUTH)
        assert made.status_code == 201, made.text
        assert c.post("/api/watch", json={"name": "asad", "place": "عين الأسد",
                                          "type": "assault"}, headers=AUTH).status_code == 201  # fmt: skip
        with open_store(watch_settings) as store:
            ingest([after], store)
        yield c


def test_watchlists_are_listed_with_their_match_counts(client: TestClient) -> None:
    page = client.get("/api/watch").json()
    assert page["total"] == 2 and page["limit"] == 50
    assert [(w["name"], w["matches"]) for w in page["items"]] == [("asad", 1), ("drones", 2)]
    asad = page["items"][0]
    assert asad["type"] == "ASSAULT" and asad["place_ids"] == ["IQ-S-ASAD"] and asad["last_match"]
    assert client.get("/api/watch?limit=1&offset=1").json()["items"][0]["name"] == "drones"


def test_a_watchlists_matches_newest_first(client: TestClient) -> None:
    found = client.get("/api/watch/drones").json()
    assert found["name"] == "drones" and found["total"] == 2 and len(found["items"]) == 2
    assert "Kirkuk" in found["items"][0]["title"] and found["items"][0]["event_id"] is None
    assert found["items"][0]["matched_at"] >= found["items"][1]["matched_at"]
    one = client.get("/api/watch/asad").json()["items"]
    assert len(one) == 1 and one[0]["event_id"] and "Ain al-Asad" in one[0]["summary"]
    assert client.get("/api/watch/drones?limit=1").json()["items"][0] == found["items"][0]


def test_the_atom_feed_is_valid_atom_linking_to_the_ui(client: TestClient) -> None:
    answer = client.get("/api/watch/drones.atom")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(answer.content)
    assert not feed.bozo and feed.version == "atom10" and len(feed.entries) == 2
    stories = [m["story_id"] for m in client.get("/api/watch/drones").json()["items"]]
    assert [e.link for e in feed.entries] == [f"http://testserver/#/story/{s}" for s in stories]
    assert any(link.href == "http://testserver/api/watch/drones.atom" and link.rel == "self"
               for link in feed.feed.links)  # fmt: skip


@pytest.mark.parametrize("path", ["/api/watch/nope", "/api/watch/nope.atom"])
def test_an_unknown_watchlist_is_404(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"


def test_making_and_removing_need_the_token(client: TestClient) -> None:
    body = {"name": "no-token", "type": "PROTEST"}
    assert client.post("/api/watch", json=body).status_code == 401
    assert client.post("/api/watch", json=body, headers={"Authorization": "Bearer x"}
                       ).status_code == 401  # fmt: skip
    assert client.delete("/api/watch/drones").status_code == 401
    assert "no-token" not in {w["name"] for w in client.get("/api/watch").json()["items"]}


@pytest.mark.parametrize("body", [
    {"name": "Bad Name", "query": "x"}, {"name": "x", "type": "bombing"},
    {"name": "x", "country": "Atlantis"}, {"name": "x", "place": "Xyzzyville"}, {"name": "x"},
])  # fmt: skip
def test_a_bad_definition_is_400(client: TestClient, body: dict[str, str]) -> None:
    answer = client.post("/api/watch", json=body, headers=AUTH)
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"]["message"]


def test_a_taken_name_is_409_and_removal_is_404_after(client: TestClient) -> None:
    made = client.post("/api/watch", json={"name": "gone", "country": "IQ"}, headers=AUTH)
    assert made.status_code == 201 and made.json()["country"] == "IQ"
    again = client.post("/api/watch", json={"name": "gone", "type": "AID"}, headers=AUTH)
    assert again.status_code == 409 and "exists already" in again.json()["error"]["message"]
    removed = client.delete("/api/watch/gone", headers=AUTH)
    assert removed.status_code == 200 and removed.json() == {"removed": "gone", "matches": 0}
    assert client.delete("/api/watch/gone", headers=AUTH).status_code == 404
    assert client.get("/api/watch/gone").status_code == 404


def test_the_spec_lists_the_watch_routes(watch_settings: Settings, tmp_path: Path) -> None:
    spec = create_app(watch_settings).openapi()
    ops = {(p, m) for p, methods in spec["paths"].items() for m in methods}
    assert {("/api/watch", "get"), ("/api/watch", "post"), ("/api/watch/{name}", "get"),
            ("/api/watch/{name}", "delete"), ("/api/watch/{name}.atom", "get")} <= ops  # fmt: skip
    atom = spec["paths"]["/api/watch/{name}.atom"]["get"]["responses"]["200"]["content"]
    assert set(atom) == {"application/atom+xml"}
    assert "409" in spec["paths"]["/api/watch"]["post"]["responses"]
