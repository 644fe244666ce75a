"""``khabar eval rows``: exported ACLED rows matched to judgements, precision."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.errors import EvalError
from khabar.eval.rows import ROWS_FORMAT, check_judgements, match_rows, row_scores, score_rows
from khabar.settings import Settings
from tests.helpers import judged_gold

_BODIES = (
    "قتل ثلاثة جنود عراقيين في هجوم صاروخي استهدف معسكر كالسو جنوب بغداد يوم السبت 20 أبريل "
    "2024، بحسب مصادر أمنية عراقية.",
    "وأعلنت لاعبة التنس انسحابها من الدورة بسبب إصابة في مرفقها بحسب ما أعلن المنظمون السبت.",
)


def _gold(tmp_path: Path, judgements: list[dict]) -> Path:
    return judged_gold(tmp_path, ROWS_FORMAT, judgements,
                       [("هجوم على كالسو", _BODIES[0], "s0"), ("انسحاب من الدورة", _BODIES[1], "s1")])


def test_an_exported_row_is_listed_unjudged_then_matched_to_its_judgement(
    tmp_path: Path,
) -> None:
    first = score_rows(Settings(), _gold(tmp_path, []))
    # the attack is one row; the tennis player's elbow injury none (no event: no row, and
    # nothing to judge)
    assert (first["rows"], first["unjudged"], first["precision"]) == (1, 1, 0.0)
    key = first["unjudged_keys"][0]
    assert key.startswith("t:0@")
    judged = [{"key": key, "event_type": "Explosions/Remote violence", "verdict": "event",
               "type_ok": True, "reason": None, "note": ""}]  # fmt: skip
    scores = score_rows(Settings(), _gold(tmp_path, judged))
    assert (scores["judged"], scores["precision"], scores["typed_precision"],
            scores["events_kept"]) == (1, 1.0, 1.0, 1.0)  # fmt: skip


def test_a_row_matches_its_own_sentence_first_then_any_of_its_sentences_once() -> None:
    # a new row (first) cites b@5, the sentence another row quotes: b@5's judgement is that
    # row's, and the new row stays unjudged (a review's case); c@2 takes d@7 through its sources
    items = [{"key": "a@1", "sources": ["a@1", "b@5"], "row": {"event_type": "Battles"}},
             {"key": "b@5", "sources": ["b@5"], "row": {"event_type": "Battles"}},
             {"key": "c@2", "sources": ["c@2", "d@7"], "row": {"event_type": "Battles"}}]
    judged = [{"key": "b@5", "verdict": "not_event", "reason": "earlier_event"},
              {"key": "d@7", "verdict": "event", "type_ok": True},
              {"key": "x@9", "verdict": "event", "type_ok": True}]  # fmt: skip
    assert [j and j["key"] for j in match_rows(items, judged)] == [None, "b@5", "d@7"]
    scores = row_scores(items, judged)
    assert (scores["judged"], scores["unjudged"], scores["unjudged_keys"]) == (2, 1, ["a@1"])
    assert scores["not_event_reasons"] == {"earlier_event": 1}
    assert scores["events_kept"] == 0.5  # the judged event x@9 is no longer exported


def test_a_row_is_typed_right_by_the_type_its_judgement_says_is_right() -> None:
    # the judged row's type when it was right, the annotator's right_type when it was not; a
    # wrong type that changed, with no right_type asked, is listed, not guessed
    items = [{"key": f"{k}@1", "sources": [f"{k}@1"], "row": {"event_type": t}}
             for k, t in (("a", "Battles"), ("b", "Battles"), ("c", "Battles"), ("d", "Battles"),
                          ("e", "Riots"))]  # fmt: skip
    judged = [
        {"key": "a@1", "event_type": "Battles", "verdict": "event", "type_ok": True},
        {"key": "b@1", "event_type": "Explosions/Remote violence", "verdict": "event",
         "type_ok": True},  # right then, changed since: wrong now
        {"key": "c@1", "event_type": "Violence against civilians", "verdict": "event",
         "type_ok": False, "right_type": "Battles"},  # wrong then, right now
        {"key": "d@1", "event_type": "Violence against civilians", "verdict": "event",
         "type_ok": False},  # wrong then, changed since, its right type never asked
        {"key": "e@1", "event_type": "Protests", "verdict": "event", "type_ok": False,
         "right_type": None},  # the annotator could not tell: never right
    ]  # fmt: skip
    scores = row_scores(items, judged)
    assert scores["typed_precision"] == 0.4
    assert scores["types_unjudged"] == ["d@1"]
    # ... not even for a row that has no type
    untyped = [{"key": "e@1", "sources": ["e@1"], "row": {"event_type": None}}]
    assert row_scores(untyped, judged[4:])["typed_precision"] == 0.0


def test_an_event_folded_into_another_events_row_is_kept_and_counted_merged() -> None:
    # two reports of one happening judged as two rows, now one row citing both sentences; an
    # event folded into a row judged no event (a tally citing it) is lost
    items = [{"key": "a@1", "sources": ["a@1", "b@2"], "row": {"event_type": "Battles"}},
             {"key": "t@9", "sources": ["t@9", "d@4"], "row": {"event_type": "Battles"}}]
    judged = [{"key": k, "event_type": "Battles", "verdict": "event", "type_ok": True}
              for k in ("a@1", "b@2", "c@3", "d@4")] + [
              {"key": "t@9", "verdict": "not_event", "reason": "earlier_event"}]  # fmt: skip
    scores = row_scores(items, judged)
    assert (scores["events_kept"], scores["events_merged"]) == (0.5, 1)  # c@3, d@4 are lost


def test_a_right_type_is_one_of_acleds_event_types() -> None:
    check_judgements([{"key": "a@1", "event_type": "Battles", "verdict": "event",
                       "type_ok": False, "right_type": "Strategic developments"}])  # fmt: skip
    with pytest.raises(EvalError):
        check_judgements([{"key": "a@1", "event_type": "Battles", "verdict": "event",
                           "type_ok": False, "right_type": "Strategic development"}])  # fmt: skip
    with pytest.raises(EvalError):  # an event's judgement names the type it judged
        check_judgements([{"key": "a@1", "verdict": "event", "type_ok": True}])


def test_a_not_event_judgement_needs_a_reason_of_the_rubric() -> None:
    check_judgements([{"key": "a@1", "verdict": "not_event", "reason": "no_event"}])
    with pytest.raises(EvalError):
        check_judgements([{"key": "a@1", "verdict": "not_event", "reason": None}])


def test_a_file_of_another_format_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(EvalError):
        score_rows(Settings(), bad)
