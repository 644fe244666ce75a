"""Builders for test inputs that are easier made than stored (WARC files, bad bytes), and
what the suite's workers build once and share."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DATA = Path(__file__).parent / "data"


def shared_once(factory: Any, worker_id: str, name: str,
                build: Callable[[Path], Any]) -> tuple[Path, Any]:  # fmt: skip
    """``build(folder)`` run once per test session, its folder and JSON result shared by the
    session's xdist workers: the first to ask builds under a lock, and a later one reads what
    it built; one that asks while another builds builds its own copy rather than wait idle.
    ``factory``: pytest's ``tmp_path_factory``; ``worker_id``: the xdist worker's id
    (``"master"`` without workers; the workers' common folder is their base folders' parent,
    as xdist's local workers have it). Files in the folder are read only: copy one to change
    it."""
    import fcntl
    import json
    import shutil

    base = factory.getbasetemp()
    root = base if worker_id == "master" else base.parent  # the workers' common folder
    folder = root / f"shared-{name}"
    with (root / f"shared-{name}.lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released when the file closes
        except BlockingIOError:  # being built by another worker
            own = factory.mktemp(name)
            return own, json.loads(json.dumps(build(own)))
        done = folder / "result.json"
        if not done.is_file():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed build left
            folder.mkdir()
            done.write_text(json.dumps(build(folder)), encoding="utf-8")
        return folder, json.loads(done.read_text(encoding="utf-8"))


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


# Short English reports of four happenings on four days and places (one story each), for the
# watchlist tests: one stored before a watchlist is made, three after (two about drones).
WATCH_BEFORE = [
    {"title": "Drone strike hits Camp Taji north of Baghdad", "published": "2024-05-01",
     "outlet": "Wire A", "text": "A drone strike hit Camp Taji north of Baghdad on Wednesday 1 May "
     "2024, killing two soldiers, Iraqi security sources said."},
]
WATCH_AFTER = [
    {"title": "Drone attack on Ain al-Asad air base in Anbar", "published": "2024-05-03",
     "outlet": "Wire B", "text": "A drone attack struck Ain al-Asad air base in Anbar province on "
     "Friday 3 May 2024, wounding three people, officials said."},
    {"title": "Thousands protest power cuts in Basra", "published": "2024-05-05",
     "outlet": "Wire C", "text": "Thousands of people protested in Basra on Sunday 5 May 2024 "
     "against long power cuts and demanded jobs, local officials said."},
    {"title": "Drone hits Kirkuk airport <b>&amp;</b> \"guard\" killed", "published": "2024-05-07",
     "outlet": "Wire D", "text": "An armed drone hit the airport of Kirkuk on Tuesday 7 May 2024, "
     "killing one guard, the Iraqi interior ministry said in a statement."},
]


def watch_inputs(folder: Path) -> tuple[str, str]:
    """Two JSON-lines files: the report stored before the watchlists, and the three after."""
    import json

    paths = []
    for name, articles in (("before.jsonl", WATCH_BEFORE), ("after.jsonl", WATCH_AFTER)):
        path = folder / name
        path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in articles) + "\n",
                        encoding="utf-8")  # fmt: skip
        paths.append(str(path))
    return paths[0], paths[1]


def assert_ranker_rebuilds(script: str, name: str, folder: Path) -> None:
    """Run the training command ``script`` (relative to the repository) with ``--out`` in
    ``folder`` and check it writes the shipped ranker ``models/<name>``: every field equal, every
    weight within 2e-6 (rounded to 6 decimals: equal on one machine; another CPU's BLAS may
    move the last digit), and a model card beside it."""
    import json
    import subprocess
    import sys

    from khabar.resources import model_path

    out = folder / name
    subprocess.run([sys.executable, str(DATA.parents[1] / script), "--out", str(out)],
                   check=True, capture_output=True, timeout=300)  # fmt: skip
    shipped = json.loads(model_path(name).read_text("utf-8"))
    built = json.loads(out.read_text("utf-8"))
    assert {k: v for k, v in shipped.items() if k != "weights"} == \
        {k: v for k, v in built.items() if k != "weights"}  # fmt: skip
    assert shipped["weights"].keys() == built["weights"].keys()
    assert all(abs(shipped["weights"][k] - v) <= 2e-6 for k, v in built["weights"].items())
    card = name.rsplit(".", 1)[0] + ".md"
    assert model_path(card).read_text("utf-8").startswith("# Model card")


def judged_gold(folder: Path, fmt: str, judgements: list[dict],
                docs: list[tuple[str, str, str]]) -> Path:  # fmt: skip
    """``folder/judged.json``: a judgement file of format ``fmt`` holding ``judgements``, over
    the story gold file ``folder/docs.json`` of the two ``docs`` (title, body, story), Arabic
    reports of outlets "one" and "two" published 2024-04-20 (what the contradiction and row evals
    read)."""
    import json

    from khabar.eval.realgold import STORY_FORMAT

    items = [{"article_id": f"t:{i}", "lang": "ar", "outlet": outlet, "title": title,
              "published": "2024-04-20", "body": body, "story": story}
             for i, (outlet, (title, body, story)) in enumerate(zip(("one", "two"), docs,
                                                                    strict=True))]  # fmt: skip
    (folder / "docs.json").write_text(json.dumps(
        {"format": STORY_FORMAT, "name": "t", "about": "test", "documents": items},
        ensure_ascii=False), encoding="utf-8")  # fmt: skip
    path = folder / "judged.json"
    path.write_text(json.dumps({"format": fmt, "stories": ["docs.json"],
                                "judgements": judgements}), encoding="utf-8")  # fmt: skip
    return path
