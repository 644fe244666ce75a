"""The whole ingest on a mixed batch of good and bad inputs, against a real SQLite file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from khabar.model import RawArticle
from khabar.pipeline import build_document, document_id, ingest
from khabar.settings import Settings
from khabar.store import SQLiteStore
from tests.helpers import DATA, arabic_html, write_warc


@pytest.fixture
def batch(tmp_path: Path, seeds: Path) -> Path:
    """Samples plus one of every bad input of issue #3, in one folder."""
    folder = tmp_path / "batch"
    folder.mkdir()
    for p in seeds.glob("*.txt"):
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" + os.urandom(3000))
    (folder / "cut.html").write_bytes(arabic_html()[:500])
    good = (seeds / next(p.name for p in seeds.glob("003*"))).read_bytes()
    cut = good.index(b"\n") + 1
    (folder / "invalid.txt").write_bytes(good[:cut] + b"\xff\xfe\xfa" + good[cut:])
    (folder / "legacy.html").write_bytes(arabic_html().decode().encode("cp1256"))
    with (folder / "huge.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    lines = [json.dumps({"url": "u1", "text": "خبر عاجل عن هجوم صاروخي استهدف قاعدة عسكرية في شمال شرق سوريا مساء الأحد."}),
             '{"broken": ', json.dumps({"url": "u3", "text": "Rockets were fired at a base hosting US troops in north-east Syria late on Sunday, officials said."})]  # fmt: skip
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_warc(folder / "crawl.warc", [("https://e.org/a.png", "image/png", b"\x89PNG....")])
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    return folder


def test_mixed_batch_ingests_the_good_and_quarantines_each_bad_input(
    store: SQLiteStore, batch: Path
) -> None:
    report = ingest([str(batch), str(batch / "missing.html")], store)
    reasons = sorted(q.reason for q in report.quarantined)
    assert reasons == sorted(["empty", "binary", "truncated_html", "invalid_utf8", "too_large",
                              "bad_json", "not_html", "unreadable", "not_found"])  # fmt: skip
    assert report.ingested == 5 + 1 + 2  # samples, the legacy-encoded page, two JSONL records
    assert [q.reason for q in report.repaired] == ["repaired"]
    assert "cp1256" in report.repaired[0].detail
    rows = store.quarantine_rows()
    assert len(rows) == len(report.quarantined) + len(report.repaired)
    assert all(r["detail"] and r["source"] for r in rows)


def test_quarantined_input_is_kept_or_referenced(store: SQLiteStore, batch: Path) -> None:
    ingest([str(batch)], store)
    rows = {r["reason"]: r for r in store.db.execute("SELECT * FROM quarantine")}
    assert rows["binary"]["raw"] and rows["binary"]["raw_sha256"]
    assert rows["too_large"]["raw"] is None and rows["too_large"]["raw_size"] == 50 * 1024 * 1024
    assert rows["bad_json"]["raw"] == b'{"broken": \n'


def test_rerunning_the_batch_adds_no_rows(store: SQLiteStore, batch: Path) -> None:
    ingest([str(batch)], store)
    counts = [store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("documents", "quarantine", "duplicates")]  # fmt: skip
    again = ingest([str(batch)], store)
    assert again.ingested == 0
    assert counts == [store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                      for t in ("documents", "quarantine", "duplicates")]  # fmt: skip


def test_document_id_ignores_spacing_and_spelling_variants() -> None:
    assert document_id("عنوان", "قال مسؤول  أمريكي") == document_id("عنوان", "قال مسئول امريكي")
    assert document_id("a", "b") != document_id("a", "c")


def test_document_too_short_after_cleaning_is_quarantined(
    store: SQLiteStore, tmp_path: Path
) -> None:
    path = tmp_path / "stub.txt"
    path.write_text("عنوان قصير جدا هنا\n\nمساحة إعلانية\n", encoding="utf-8")
    report = ingest([str(path)], store)
    assert [q.reason for q in report.quarantined] == ["no_text"]


def test_build_document_fills_language_outlet_and_author() -> None:
    raw = RawArticle("x.txt", "", "txt", "Rockets hit near the embassy in Baghdad\nBy Jane Smith\n"
                     "Two rockets landed near the US embassy late on Monday, security sources said.\n"
                     "Source: Reuters\n", title_in_text=True)  # fmt: skip
    doc = build_document(raw, Settings())
    assert (doc.lang, doc.author, doc.outlet) == ("en", "Jane Smith", "Reuters")


def test_feeds_and_html_in_one_run(store: SQLiteStore) -> None:
    report = ingest([str(DATA / "inputs")], store)
    assert report.ingested == 4  # html page, 2 RSS items, 1 Atom entry
    langs = sorted(r[0] for r in store.db.execute("SELECT lang FROM documents"))
    assert langs == ["ar", "en", "en", "fa"]


def test_pipeline_id_equals_the_public_document_id(seed_texts: dict[str, str]) -> None:
    for text in seed_texts.values():
        doc = build_document(RawArticle("x.txt", "", "txt", text, title_in_text=True), Settings())
        body = "\n\n".join(p.text for p in doc.paragraphs if p.role != "title")
        assert doc.id == document_id(doc.title, body)


def test_undated_wire_copy_is_anchored_when_a_dated_copy_arrives(
    store: SQLiteStore, seeds: Path, tmp_path: Path
) -> None:
    first = tmp_path / "first"
    first.mkdir()
    for key in ("000", "001"):
        src = next(seeds.glob(f"{key}_*.txt"))
        (first / src.name).write_bytes(src.read_bytes())
    ingest([str(first / next(p.name for p in first.glob("000_*")))], store)
    doc_id = store.db.execute("SELECT id FROM documents").fetchone()[0]

    def kalsu_date() -> tuple[str | None, str]:
        row = store.db.execute(
            "SELECT value, anchor FROM date_mentions WHERE doc_id = ? AND text LIKE '%السبت%'"
            " ORDER BY seq DESC LIMIT 1", (doc_id,)
        ).fetchone()  # fmt: skip
        return row[0], row[1]

    assert kalsu_date()[0] is None  # no publication date, no copy yet
    ingest([str(first / next(p.name for p in first.glob("001_*")))], store)
    value, anchor = kalsu_date()
    assert value == "2024-04-20" and anchor.startswith("wire copy ")
    # a later copy dated otherwise does not move it again: the first dated copy anchors
    text = next(seeds.glob("001_*.txt")).read_text(encoding="utf-8")
    later = tmp_path / "later.jsonl"
    later.write_text(json.dumps({"title": "نسخة لاحقة", "text": text.split("\n", 1)[1],
                                 "published": "2024-06-03"}), encoding="utf-8")  # fmt: skip
    assert ingest([str(later)], store).ingested == 1
    assert kalsu_date() == (value, anchor)


def test_free_text_publication_dates_do_not_break_ingest(
    store: SQLiteStore, tmp_path: Path
) -> None:
    path = tmp_path / "odd.jsonl"
    rec = {"text": "سقط صاروخان قرب السفارة الأميركية في بغداد مساء الاثنين، بحسب مصادر أمنية عراقية.",
           "published": "last Monday, probably"}  # fmt: skip
    path.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    report = ingest([str(path)], store)
    assert report.ingested == 1 and report.quarantined == []


def test_undated_machine_translation_is_read_on_its_solar_hijri_date(
    store: SQLiteStore, seeds: Path
) -> None:
    ingest([str(next(seeds.glob("003_*.txt")))], store)
    rows = store.db.execute(
        "SELECT date, date_note, places FROM event_mentions WHERE date IS NOT NULL ORDER BY seq"
    ).fetchall()
    by_date = {r["date"]: r for r in rows}
    kirkuk = by_date["2023-12-03"]
    assert "corrected from" in kirkuk["date_note"] and "Azar" in kirkuk["date_note"]
    assert "2023-12-02" in by_date  # "early Saturday", read against the inferred date
    anchors = {r[0] for r in store.db.execute("SELECT anchor FROM date_mentions")}
    assert any(a.startswith("inferred: Solar Hijri reading") for a in anchors)


def test_a_junk_publication_date_is_kept_as_written_and_reported(
    store: SQLiteStore, tmp_path: Path
) -> None:
    text = "قتل جنديان في هجوم بعبوة ناسفة على دورية في الموصل، وفق مصدر أمني تحدث للصحافيين. " * 2
    path = tmp_path / "junk.jsonl"
    path.write_text(json.dumps({"title": "هجوم في الموصل", "text": text,
                                "published": "yesterday-ish"}, ensure_ascii=False))  # fmt: skip
    report = ingest([str(path)], store)
    assert report.counts()["unparsed_dates"] == 1 and report.counts()["repaired"] == 0
    (row,) = store.db.execute("SELECT published, published_text FROM documents").fetchall()
    assert (row["published"], row["published_text"]) == (None, "yesterday-ish")
    assert store.db.execute("SELECT count(*) FROM event_mentions WHERE date IS NOT NULL"
                            ).fetchone()[0] == 0  # fmt: skip


def test_crawl_times_of_two_reports_make_no_contradiction(store: SQLiteStore, tmp_path: Path) -> None:
    # the same bombing crawled on two days, each saying "today": the crawl day is an upper bound
    rows = [("انفجار سيارة مفخخة في الكرادة ببغداد", "قتل خمسة أشخاص وأصيب عشرة آخرون اليوم في "
             "انفجار سيارة مفخخة في حي الكرادة وسط بغداد، وفق مصدر في الشرطة العراقية.",
             "2015-07-24 16:10:00"),
            ("مقتل خمسة بتفجير في الكرادة", "لقي خمسة أشخاص مصرعهم وأصيب عشرة آخرون اليوم بانفجار "
             "سيارة مفخخة في حي الكرادة ببغداد، بحسب مصادر أمنية عراقية.", "2015-07-25 15:20:00")]
    path = tmp_path / "crawled.jsonl"
    path.write_text("\n".join(json.dumps({"title": t, "text": x, "date_extracted": c,
                                          "url": f"https://x.example/{i}"}, ensure_ascii=False)
                              for i, (t, x, c) in enumerate(rows)), encoding="utf-8")  # fmt: skip
    ingest([str(path)], store)
    assert store.db.execute("SELECT count(*) FROM contradictions").fetchone()[0] == 0
    (record,) = [json.loads(r[0]) for r in store.db.execute("SELECT record FROM events")]
    assert record["chosen"]["date"]["value"] == "2015-07-24"
    assert {r[0] for r in store.db.execute("SELECT crawled FROM documents")} == {
        "2015-07-24T16:10:00", "2015-07-25T15:20:00"}


def test_a_jsonl_record_with_its_page_in_html_ingests_with_its_title_and_day(
    store: SQLiteStore, tmp_path: Path
) -> None:
    path = tmp_path / "pages.jsonl"
    rec = {"url": "https://example.com/ain-al-asad", "title": "إحباط هجوم على قاعدة عين الأسد",
           "published": "2024-05-03", "outlet": "موقع الخبر", "html": arabic_html().decode()}  # fmt: skip
    path.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    report = ingest([str(path)], store)
    assert report.ingested == 1 and report.quarantined == []
    (row,) = store.db.execute("SELECT kind, title, published, published_precision, "
                              "published_basis, outlet, raw_text FROM documents").fetchall()  # fmt: skip
    assert (row["kind"], row["title"]) == ("jsonl", "إحباط هجوم على قاعدة عين الأسد")
    assert (row["published"], row["published_precision"]) == ("2024-05-03", "day")
    assert (row["published_basis"], row["outlet"]) == ("source", "موقع الخبر")
    assert "طائرتين مسيرتين" in row["raw_text"] and "<p>" not in row["raw_text"]


_LAZY_TABLES = r"""
import functools, importlib, pkgutil, sys
import khabar
from khabar.eval.gold import samples_dir
from khabar.extract.document import extract_document
from khabar.model import RawArticle
from khabar.pipeline import build_document, warm_up
from khabar.settings import load_settings

settings = load_settings(environ={})
docs = [build_document(RawArticle(source=p.name, locator="", kind="txt",
                                  text=p.read_text(encoding="utf-8"), published="2015-08-01"),
                       settings) for p in sorted(samples_dir().glob("*.txt"))]
warm_up(settings)
tables = []
for info in pkgutil.walk_packages(khabar.__path__, "khabar."):
    if info.name.startswith(("khabar.api", "khabar.ui", "khabar.__main__")):
        continue
    module = importlib.import_module(info.name)
    for name, value in vars(module).items():
        info_of = getattr(value, "cache_info", None)
        if info_of and getattr(value, "__module__", "") == module.__name__ \
                and info_of().maxsize is not None and info_of().maxsize <= 8:
            tables.append((f"{module.__name__}.{name}", value, info_of().currsize))
for doc in docs:
    extract_document(doc, settings)
late = [n for n, f, size in tables if f.cache_info().currsize > size]
print("\n".join(late))
sys.exit(1 if late else 0)
"""


def test_the_warm_up_loads_every_table_the_samples_extraction_reads() -> None:
    """``warm_up`` loads the dictionaries and models up front (``document.load_tables``): the
    samples' extraction loads none of the once-per-process tables (caches of at most 8 entries)
    itself, so no document pays for one out of its time budget."""
    import subprocess
    import sys

    env = {**os.environ, "KHABAR_CACHE_DIR": os.environ.get("KHABAR_CACHE_DIR", "off")}
    done = subprocess.run([sys.executable, "-c", _LAZY_TABLES], capture_output=True, text=True,
                          env=env, timeout=300)  # fmt: skip
    assert done.returncode == 0, f"loaded during extraction:\n{done.stdout}{done.stderr[-2000:]}"
