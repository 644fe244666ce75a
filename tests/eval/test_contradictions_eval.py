"""``khabar eval contradictions``: found contradictions matched to judgements, precision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.errors import EvalError
from khabar.eval.contradictions import JUDGED_FORMAT, score_contradictions
from khabar.settings import Settings
from tests.helpers import judged_gold

_BODIES = (
    "قتل ثلاثة جنود عراقيين في هجوم صاروخي استهدف معسكر كالسو جنوب بغداد يوم السبت 20 أبريل "
    "2024، بحسب مصادر أمنية عراقية.",
    "أسفر قصف بالصواريخ على معسكر كالسو قرب بغداد السبت 20 أبريل 2024 عن مقتل خمسة جنود، "
    "وفق مصادر طبية في المستشفى.",
)


def _gold(tmp_path: Path, judgements: list[dict]) -> Path:
    return judged_gold(tmp_path, JUDGED_FORMAT, judgements,
                       [("هجوم على كالسو", _BODIES[0], "s1"), ("قصف معسكر كالسو", _BODIES[1], "s1")])


def test_a_found_contradiction_is_matched_to_its_judgement_by_key(tmp_path: Path) -> None:
    first = score_contradictions(Settings(), _gold(tmp_path, []))
    assert first["found"] == 1 and first["unjudged"] == 1 and first["precision_of_judged"] is None
    key = first["unjudged_keys"][0]
    assert key.startswith("field_conflict|killed|") and "t:0" in key and "t:1" in key
    judged = [{"key": key, "kind": "field_conflict", "field": "killed", "values": ["3", "5"],
               "articles": ["t:0", "t:1"], "verdict": "real", "reason": ""}]  # fmt: skip
    scores = score_contradictions(Settings(), _gold(tmp_path, judged))
    assert (scores["judged"], scores["unjudged"], scores["precision"]) == (1, 0, 1.0)


def test_a_judgement_of_the_same_values_and_articles_matches_without_the_key(
    tmp_path: Path,
) -> None:
    judged = [{"key": "an older key", "kind": "field_conflict", "field": "killed",
               "values": ["5", "3"], "articles": ["t:0", "t:1"], "verdict": "false",
               "reason": "different_events"}]  # fmt: skip
    scores = score_contradictions(Settings(), _gold(tmp_path, judged))
    assert scores["precision"] == 0.0 and scores["false_reasons"] == {"different_events": 1}


def test_a_file_of_another_format_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(EvalError):
        score_contradictions(Settings(), bad)


def test_a_store_already_ingested_is_read_as_a_fresh_ingest_and_only_with_its_documents(
    tmp_path: Path,
) -> None:
    gold = _gold(tmp_path, [])
    fresh = score_contradictions(Settings(), gold, keep=tmp_path / "kept.db")
    assert score_contradictions(Settings(), gold, ingested=tmp_path / "kept.db") == fresh
    other = tmp_path / "other"
    other.mkdir()
    swapped = json.loads((tmp_path / "docs.json").read_text(encoding="utf-8"))
    swapped["documents"].reverse()  # line 1 is now the other report
    (other / "docs.json").write_text(json.dumps(swapped, ensure_ascii=False), encoding="utf-8")
    (other / "judged.json").write_text(gold.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(EvalError, match="not one of the judgement file's documents"):
        score_contradictions(Settings(), other / "judged.json", ingested=tmp_path / "kept.db")


def test_a_missing_store_or_two_stores_are_refused(tmp_path: Path) -> None:
    gold = _gold(tmp_path, [])
    with pytest.raises(EvalError, match="no such store"):
        score_contradictions(Settings(), gold, ingested=tmp_path / "none.db")
    with pytest.raises(EvalError, match="not both"):
        score_contradictions(Settings(), gold, keep=tmp_path / "a.db", ingested=tmp_path / "b.db")
    assert not (tmp_path / "none.db").exists()
