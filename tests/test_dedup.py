"""Duplicate documents and shared wire paragraphs, through the real pipeline and store."""

from __future__ import annotations

import re
from pathlib import Path

from khabar.pipeline import ingest
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
