"""Quality gate: scores against gold must stay at or above the floors in eval/baseline.json."""

from __future__ import annotations

import pytest

from khabar.errors import EvalError
from khabar.eval import check_floors, load_floors, score_clean, score_langid
from khabar.settings import Settings
from tests.conftest import DATA, REFERENCE_DATE


def test_cleaning_meets_its_floors_on_the_sample_gold() -> None:
    scores = score_clean(Settings())
    assert check_floors("clean", scores) == []
    assert scores["boilerplate_precision"] >= 0.95 and scores["boilerplate_recall"] >= 0.90


@pytest.mark.parametrize(
    ("name", "gold", "folder"),
    [
        ("clean_own", "clean_gold.json", "clean"),
        ("clean_heldout", "clean_heldout_gold.json", "clean_heldout"),
        ("clean_heldout2", "clean_heldout2_gold.json", "clean_heldout2"),
    ],
)
def test_cleaning_meets_its_floors_on_the_project_gold(name: str, gold: str, folder: str) -> None:
    scores = score_clean(Settings(), gold_path=DATA / gold, seeds=DATA / folder)
    assert check_floors(name, scores) == []


def test_language_id_meets_its_floors() -> None:
    scores = score_langid(Settings(), DATA / "langid.tsv")
    assert check_floors("langid", scores) == []


def test_gate_reports_a_score_below_its_floor() -> None:
    scores = score_clean(Settings())
    scores["boilerplate_recall"] = 0.5
    (msg,) = check_floors("clean", scores)
    assert "boilerplate_recall" in msg and "below its floor" in msg


def test_gate_refuses_unknown_evaluations_and_scores() -> None:
    with pytest.raises(EvalError):
        check_floors("no-such-eval", {})
    with pytest.raises(EvalError):
        check_floors("clean", {"boilerplate_precision": 1.0})


def test_floors_meet_the_issue_bar() -> None:
    floors = load_floors()["clean"]
    assert floors["boilerplate_precision"] >= 0.95 and floors["boilerplate_recall"] >= 0.90


def test_extraction_meets_its_floors_on_the_sample_gold() -> None:
    from khabar.eval import score_extract

    scores = score_extract(Settings(reference_date=REFERENCE_DATE))
    assert check_floors("extract", scores) == []
    assert scores["zummar_resolved"] == 1.0 and scores["date_sanity_recall"] == 1.0


def test_extraction_meets_its_floors_on_the_own_sentence_gold() -> None:
    from khabar.eval.extract import score_sentences

    scores = score_sentences(Settings(), DATA / "extract_gold")
    assert check_floors("extract_own", scores) == []
    assert all(scores[lang]["sentences"] >= 40 for lang in ("ar", "fa", "en"))


def test_fusion_meets_its_floors_on_the_sample_gold() -> None:
    from khabar.eval.fuse import score_fuse

    scores = score_fuse(Settings(reference_date=REFERENCE_DATE))
    assert check_floors("fuse", scores) == []
    assert scores["false_refinements"] == 0
    # the six gold contradictions, K1 across Arabic and Persian
    assert all(v.startswith("found") for v in scores["details"]["contradictions"].values())
    assert "ar,fa" in scores["details"]["contradictions"]["K1"]


def test_fusion_meets_its_floors_on_the_own_gold() -> None:
    from khabar.eval.fuse import score_fuse

    scores = score_fuse(Settings(reference_date=REFERENCE_DATE),
                        gold_path=DATA / "fuse_gold.json", seeds=DATA / "fuse")  # fmt: skip
    assert check_floors("fuse_own", scores) == []
    assert scores["false_refinements"] == 0


@pytest.mark.parametrize(
    ("name", "gold", "folder"),
    [("similar", None, None), ("similar_own", "stories_gold.json", "stories")],
)
def test_similar_documents_meet_their_floors(name: str, gold: str | None, folder: str | None) -> None:
    from khabar.eval.similar import score_similar

    scores = score_similar(Settings(), gold_path=gold and DATA / gold,
                           seeds=folder and DATA / folder)  # fmt: skip
    assert check_floors(name, scores) == []
    assert scores["queries"] >= 3 and scores["cross_language_queries"] >= 3
