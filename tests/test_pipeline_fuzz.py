"""Fuzzing the whole pipeline (bounded, in CI): text made of news words, numbers, dates,
places, markup and noise goes through reading, cleaning, extraction, stories and fusion with no
internal error — bad input is quarantined with a reason, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khabar.pipeline import ingest_jsonl
from khabar.settings import load_settings
from khabar.store import open_store
from tests.conftest import REFERENCE_DATE

_WORDS = ["قتل", "ثلاثة", "جنود", "صواريخ", "قاعدة", "عين الأسد", "كالسو", "زمار", "السبت",
          "الأحد", "20 أبريل 2024", "آذار", "12 ديسمبر/كانون الأول", "نفت", "كتائب حزب الله",
          "قال", "إن", "الهجوم", "فشل", "موشک", "پایگاه", "کشته", "شدند", "از سرگیری حملات",
          "rockets", "killed", "Camp Taji", "said", "denied", "<b>", "</p>", "&amp;", "\u200c",
          "\u202b", "٣", "۵", "2024-04-21", "-", "–", ":", "\n", "\n\n", '"', "«", "»"]  # fmt: skip

_article = st.fixed_dictionaries(
    {"text": st.lists(st.sampled_from(_WORDS) | st.text(max_size=6), max_size=80).map(" ".join)},
    optional={
        "title": st.text(max_size=40),
        "published": st.sampled_from(["2024-04-21", "2024-04-21T10:00:00", "yesterday", ""]),
        "url": st.text(max_size=20),
    },
)


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip
@given(batch=st.lists(_article, min_size=1, max_size=4))
def test_any_batch_of_news_like_text_goes_through_without_an_internal_error(
    tmp_path_factory,
    batch: list[dict],  # type: ignore[no-untyped-def]
) -> None:
    folder: Path = tmp_path_factory.mktemp("fuzz")
    s = load_settings(
        {"database": str(folder / "f.db"), "reference_date": REFERENCE_DATE}, environ={}
    )
    data = "\n".join(json.dumps(a, ensure_ascii=False) for a in batch).encode("utf-8")
    with open_store(s) as store:
        report = ingest_jsonl("fuzz", data, store)
        assert report.fuse_failures == []
        assert not [q for q in report.quarantined if q.reason == "internal_error"], [
            q.detail for q in report.quarantined
        ]
        stored = store.db.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert stored + len(report.quarantined) + report.exact_duplicates >= 1
