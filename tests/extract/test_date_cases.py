"""Field cases of issue [4/8] (tests/data/cases, copied from ../shared/cases): Levantine months
with numbers, "N days / hours ago", more date forms, a date line with an Arabic comma, an HTML
page whose visible date beats a guess, Windows-1256 feeds; each through a real ingest, and a
second ingest of the same inputs changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from khabar.pipeline import ingest
from khabar.settings import load_settings
from khabar.store import open_store

CASES = Path(__file__).parent.parent / "data" / "cases"
FILES = ("dates_numbered_levantine_months.jsonl", "dates_relative_ago.jsonl",
         "dates_more_forms.jsonl", "dateline_arabic_comma.txt", "html_visible_date_vs_guess.html",
         "feed_cp1256_declared_utf8.rss", "feed_cp1256_undeclared.rss")  # fmt: skip
_TABLES = ("documents", "event_mentions", "date_mentions", "duplicates", "quarantine", "events",
           "contradictions", "story_members")


def _dump(store: Any) -> dict[str, list[tuple]]:
    out = {}
    for table in _TABLES:
        rows = store.db.execute(f"SELECT * FROM {table}").fetchall()
        skip = {"ingested_at", "created_at", "run_id"}  # when, not what
        out[table] = sorted(
            tuple(r[k] for k in r.keys() if k not in skip) for r in rows
        )  # fmt: skip
    return out


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("datecases") / "k.db"
    with open_store(load_settings({"database": str(db)})) as store:
        ingest([str(CASES / f) for f in FILES], store)
        before = _dump(store)
        again = ingest([str(CASES / f) for f in FILES], store)
        after = _dump(store)
        docs = {}
        for row in store.document_stories():
            doc = store.document(row["doc_id"])
            docs[doc["url"] or Path(doc["source"]).name] = doc | store.facts(row["doc_id"])
    # the same inputs into a fresh store: read, cleaned and extracted again from scratch
    with open_store(load_settings({"database": str(db.with_name("fresh.db"))})) as fresh:
        ingest([str(CASES / f) for f in FILES], fresh)
        anew = _dump(fresh)
    return {"docs": docs, "before": before, "after": after, "again": again, "anew": anew}


def _dates(doc: dict[str, Any]) -> dict[str, str]:
    return {d["text"]: d["value"] for d in doc["date_mentions"]}


def test_levantine_months_written_with_a_number(stored: dict[str, Any]) -> None:
    doc = stored["docs"]["https://example.sy/news/3"]
    wanted = {"15 تشرين 1 2024": "2024-10-15", "3 كانون 2 2024": "2024-01-03"}
    assert wanted.items() <= _dates(doc).items()
    assert [e["date"] for e in doc["event_mentions"]][:2] == ["2024-10-15", "2024-01-03"]


def test_days_and_hours_ago_count_from_the_publication_time(stored: dict[str, Any]) -> None:
    doc = stored["docs"]["https://example.iq/news/7"]
    assert [e["date"] for e in doc["event_mentions"]] == ["2024-03-08", "2024-03-07",
                                                          "2024-03-09"]  # fmt: skip
    assert doc["published_precision"] == "second"


def test_more_forms(stored: dict[str, Any]) -> None:
    docs = stored["docs"]
    assert _dates(docs["https://example.sa/n/h1"])["12-03-1445 هـ"] == "2023-09-27"
    j1 = {d["text"]: d for d in docs["https://example.ir/n/j1"]["date_mentions"]}
    assert j1["روز یکشنبه دوازدهم فروردین ۱۴۰۳"]["value"] == "2024-03-31"
    thursday = j1["پنج شنبه ۱۶ فروردین ۱۴۰۳"]
    assert thursday["value"] == "2024-04-04" and "weekday_mismatch" not in thursday["flags"]
    j2 = _dates(docs["https://example.ir/n/j2"])
    assert j2["۲۰ مهر ۰۲"] == "2023-10-12" and j2["۵ آبان ۱۴۰۲"] == "2023-10-27"


def test_a_date_line_with_an_arabic_comma_is_the_publication_date(stored: dict) -> None:
    doc = stored["docs"]["dateline_arabic_comma.txt"]
    assert doc["published"][:10] == "2018-09-04"
    assert not any(p["role"] == "heading" and "2018" in p["text"] for p in doc["paragraphs"])


def test_the_visible_date_of_a_page_beats_a_guess(stored: dict[str, Any]) -> None:
    (doc,) = [d for k, d in stored["docs"].items() if k.endswith(".html")]
    assert doc["published"] == "2024-05-12" and doc["published_basis"] == "date line"
    assert "2024-05-11" in {d["value"] for d in doc["date_mentions"] if "السبت" in d["text"]}


def test_windows_1256_feeds_are_repaired(stored: dict[str, Any]) -> None:
    feeds = [d for d in stored["docs"].values() if d["kind"] == "feed"]
    assert len(feeds) >= 2
    for doc in feeds:
        assert doc["lang"] == "ar" and doc["encoding"] == "cp1256"
        assert "Ø" not in doc["raw_text"]


def test_the_title_is_extracted_and_the_main_event_says_what_it_took(stored: dict) -> None:
    doc = stored["docs"]["https://example.sy/news/3"]
    assert doc["raw_text"].startswith(doc["title"])
    (main,) = [e for e in doc["event_mentions"] if e["is_main"]]
    assert main["date"] == "2024-10-15" and main["date_basis"] == "text"


def test_a_second_ingest_of_the_same_inputs_changes_nothing(stored: dict[str, Any]) -> None:
    assert stored["again"].ingested == 0
    assert stored["after"] == stored["before"]
    # and reading them again from scratch gives the same rows (story ids aside)
    def same(dump: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
        return {k: v for k, v in dump.items() if k not in ("story_members", "events",
                                                           "contradictions")}  # fmt: skip
    assert same(stored["anew"]) == same(stored["before"])
