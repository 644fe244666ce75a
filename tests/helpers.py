"""Builders for test inputs that are easier made than stored (WARC files, bad bytes)."""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DATA = Path(__file__).parent / "data"


def wait_for_api(port: int, tries: int = 300) -> None:
    """Wait (up to ``tries`` × 0.1 s) until a ``khabar serve`` on loopback ``port`` answers
    ``/api/health``."""
    import httpx

    for _ in range(tries):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).is_success:
                return
        except httpx.HTTPError:
            time.sleep(0.1)


def write_warc(path: Path, records: list[tuple[str, str, bytes]], *, gzip: bool = False) -> Path:
    """A WARC with a warcinfo record, then one request + response per (url, mime, body)."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "khabar-tests"}))
        for url, mime, body in records:
            req_headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")],
                                           is_http_request=True)  # fmt: skip
            writer.write_record(writer.create_warc_record(url, "request",
                                                          http_headers=req_headers))  # fmt: skip
            headers = StatusAndHeaders("200 OK", [("Content-Type", mime)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )  # fmt: skip
            )
    return path


def arabic_html() -> bytes:
    return (DATA / "inputs" / "article_ar.html").read_bytes()


def store_snapshot(settings: Any, queries: dict[str, str]) -> dict[str, list[tuple]]:
    """The rows of each query on the store named by ``settings`` (floats rounded), to compare
    two stores table by table."""
    from khabar.store import open_store

    with open_store(settings) as store:
        return {
            name: [tuple(round(v, 6) if isinstance(v, float) else v for v in row)
                   for row in store.db.execute(sql)]
            for name, sql in queries.items()
        }  # fmt: skip


def generated_inputs(folder: Path, seeds: Path, n: int, seed: int) -> list[str]:
    """The sample folder plus ``n`` generated variants and a JSONL file with a bad line: the
    inputs of the tests that compare two stores."""
    from khabar.synthetic import make_corpus

    make_corpus(folder, n, seed=seed)
    (folder / "broken.jsonl").write_text('{"title": "x"}\nnot json\n', encoding="utf-8")
    return [str(seeds), str(folder)]
