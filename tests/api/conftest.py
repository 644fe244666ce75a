"""A real store with the samples ingested, and the API app and client over it. Writes need the
token ``TOKEN``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from khabar.api import create_app
from khabar.pipeline import ingest
from khabar.settings import Settings, load_settings
from khabar.store import open_store
from tests.conftest import REFERENCE_DATE

TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def samples_settings(folder: Path, seeds: Path, **overrides: object) -> Settings:
    settings = load_settings(
        {"database": str(folder / "api.db"), "reference_date": REFERENCE_DATE,
         "api_token": TOKEN, **overrides},
        environ={},
    )  # fmt: skip
    with open_store(settings) as store:
        ingest([str(seeds)], store)
    return settings


@pytest.fixture(scope="module")
def api_settings(tmp_path_factory: pytest.TempPathFactory, seeds: Path) -> Settings:
    return samples_settings(tmp_path_factory.mktemp("api"), seeds)


@pytest.fixture(scope="module")
def app(api_settings: Settings) -> FastAPI:
    return create_app(api_settings)


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
