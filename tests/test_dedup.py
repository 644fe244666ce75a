"""Duplicate documents and shared wire paragraphs, through the real pipeline and store."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

from khabar.dedup import DuplicateIndex
from khabar.model import LineRole, RawArticle
from khabar.pipeline import build_document, ingest
from khabar.settings import Settings
from khabar.store import SQLiteStore


def _copy(seeds: Path, dest: Path, keys: list[str]) -> list[Path]:
    dest.mkdir(exist_ok=True)
    out = []
    for p in sorted(seeds.glob("*.txt")):
        if p.name[:3] in keys:
            out.append(dest / p.name)
            out[-1].write_bytes(p.read_bytes())
    return out


def _ids(store: SQLiteStore) -> dict[str, str]:
    return {Path(r[1]).name[:3]: r[0] for r in store.db.execute("SELECT id, source FROM documents")}


def test_wire_articles_000_and_001_share_paragraphs_but_are_not_duplicates(
    store: SQLiteStore, seeds: Path
) -> None:
    report = ingest([str(seeds)], store)
    assert report.ingested == 5 and report.duplicates == []
    ids = _ids(store)
    pairs = store.db.execute("SELECT doc_id, other_id, kind FROM shared_paragraphs").fetchall()
    linked = {(r[0], r[1]) for r in pairs}
    assert linked == {(ids["001"], ids["000"])}
    assert len(pairs) >= 5 and any(r[2] == "exact" for r in pairs)


def test_exact_copy_from_another_source_is_recorded_against_the_first(
    store: SQLiteStore, seeds: Path, tmp_path: Path
) -> None:
    ingest([str(seeds)], store)
    (copy,) = _copy(seeds, tmp_path / "mirror", ["003"])
    report = ingest([str(copy)], store)
    assert report.ingested == 0 and report.exact_duplicates == 1
    dup = store.db.execute("SELECT doc_id, first_id, kind, source FROM duplicates").fetchone()
    assert dup["first_id"] == _ids(store)["003"] and dup["kind"] == "exact"
    assert dup["source"] == str(copy)


def test_near_copy_with_changed_numbers_and_boilerplate_is_a_near_duplicate(
    store: SQLiteStore, seeds: Path, tmp_path: Path
) -> None:
    ingest([str(seeds)], store)
    text = (seeds / next(p.name for p in seeds.glob("000*"))).read_text(encoding="utf-8")
    variant = re.sub(r"2500", "2600", text).replace("المصدر : الجزيرة + وكالات", "شارك")
    variant = variant.replace("غير أنه منذ بداية فبراير/شباط، ساد هدوء نسبي بين الجانبين.", "")
    path = tmp_path / "variant.txt"
    path.write_text(variant, encoding="utf-8")
    report = ingest([str(path)], store)
    assert report.near_duplicates == 1 and report.ingested == 1
    (dup,) = report.duplicates
    assert dup.first_id == _ids(store)["000"] and dup.score >= 0.8


def test_reingesting_changes_nothing(store: SQLiteStore, seeds: Path) -> None:
    ingest([str(seeds)], store)

    def snapshot() -> list:
        return [store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "paragraphs", "duplicates", "shared_paragraphs",
                          "quarantine", "line_decisions")]  # fmt: skip

    before = snapshot()
    report = ingest([str(seeds)], store)
    assert report.ingested == 0 and report.unchanged == 5 and snapshot() == before


# Pages with headings and no body paragraph (index pages, headline lists): before issue 19 they
# all had the signature of nothing, matched each other at 1.0 and passed dates on as wire copies.
_HEADINGS_AR = ("أخبار العراق اليوم\n\nالجيش يعلن خطة أمنية جديدة في بغداد\n\n"
                "وزير الدفاع يزور القوات في الأنبار\n\nمجلس النواب يناقش الموازنة العامة للدولة\n")
_HEADINGS_EN = ("Sports roundup for the weekend\n\nLocal team wins the regional cup final\n\n"
                "Coach praises young players after the match\n\nFans celebrate in the city "
                "centre tonight\n")  # fmt: skip


def test_documents_without_body_paragraphs_are_not_copies_of_each_other(
    settings: Settings,
) -> None:
    index = DuplicateIndex(settings)
    docs = [build_document(RawArticle(source=str(i), locator="", kind="txt", text=text,
                                      title_in_text=True), settings)
            for i, text in enumerate((_HEADINGS_AR, _HEADINGS_EN))]  # fmt: skip
    assert all(not any(p.role is LineRole.BODY for p in d.paragraphs) for d in docs)
    for doc in docs:
        sig = index.signatures(doc)
        assert index.near_duplicate(doc.id, sig.document) is None
        index.add_document(doc.id, sig.document)
    again = index.signatures(docs[1])  # the same page twice is still a copy
    assert index.near_duplicate("other", again.document) is not None
    nothing = np.full(settings.minhash_perms, np.iinfo(np.uint32).max, dtype=np.uint32)
    index.add_document("empty-1", nothing)  # the signature of nothing is never indexed...
    assert index.near_duplicate("empty-2", nothing) is None  # ...nor matched


def test_an_undated_page_without_body_takes_no_date_from_another(
    store: SQLiteStore, tmp_path: Path
) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps({"text": _HEADINGS_AR, "published": "2024-04-20"},
                               ensure_ascii=False) + "\n"
                    + json.dumps({"text": _HEADINGS_EN}) + "\n", encoding="utf-8")  # fmt: skip
    report = ingest([str(path)], store)
    assert report.ingested == 2 and report.duplicates == []
    wired = "SELECT count(*) FROM date_mentions WHERE anchor LIKE 'wire copy%'"
    assert store.db.execute(wired).fetchone()[0] == 0
