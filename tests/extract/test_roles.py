"""The trained actor and recipient ranker: shipped weights as trained, candidates, choices."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from khabar.extract import roles
from khabar.extract.events import extract_events
from khabar.model import Span
from khabar.settings import Settings
from tests.helpers import assert_ranker_rebuilds

S = Settings()


def test_the_shipped_weights_are_the_ones_the_training_command_writes(tmp_path: Path) -> None:
    assert_ranker_rebuilds("training/roles/train.py", "roles.json", tmp_path)


def _input(text: str) -> roles.RoleInput:
    with roles.recording() as seen:
        extract_events(text, anchor=None, settings=S, lang="en")
    assert len(seen) == 1, seen
    return seen[0]


def test_each_party_and_none_is_a_candidate_of_each_role() -> None:
    x = _input("Police arrested three protesters in Baghdad on Monday.")
    assert [x.text[p.start : p.end] for p in x.parties] == ["Police", "protesters"]
    for role in roles.ROLES:
        cands = roles.candidates(x, role)
        assert [k for k, _ in cands] == [0, 1, None]
        assert all(fs and all(isinstance(f, str) for f in fs) for _, fs in cands)
    # the rules' choice is a feature of the party they chose
    actor = roles.candidates(x, "actor")
    assert "A|rule=actor" in actor[0][1] and "A|rule=actor" not in actor[1][1]


def test_recording_hands_back_the_rules_choice_and_choose_never_names_one_party_twice() -> None:
    x = _input("Police arrested three protesters in Baghdad on Monday.")
    assert [p and x.text[p.start : p.end] for p in x.rule] == ["Police", "protesters"]
    with roles.recording() as seen:
        assert roles.choose(x) == x.rule and seen == [x]
    actor, target = roles.choose(x)
    assert (actor, target) == x.rule  # the ranker agrees here
    # weights that make one party the best of both roles: the pair still names it once, and
    # the pair is chosen jointly: the recipient goes to the party the actor leaves, not to
    # "none" (greedy, the recipient's own best would be the actor's party)
    one = {"A|en|first=True|pos=b": 14.0, "R|en|first=True|pos=b": 9.0, "R|en|NONE": -2.0}
    actor, target = roles.pick(x, one)
    assert actor is x.parties[0] and target is x.parties[1]
    # ... whereas a recipient whose only party is the actor's gets none
    assert roles.pick(x, {**one, "R|en|first=False|pos=a": -9.0}) == (x.parties[0], None)


def test_the_pair_is_chosen_jointly_and_never_names_one_value_twice() -> None:
    x = _input("Police arrested three protesters in Baghdad on Monday.")
    # the actor's own best (Police) goes to the recipient, whose only other choices are far
    # worse: a greedy decoder (actor first) would give (Police, protesters)
    w = {"A|en|first=True|pos=b": 1.0, "A|en|first=False|pos=a": 0.9,
         "R|en|first=True|pos=b": 9.0, "R|en|first=False|pos=a": -9.0, "R|en|NONE": -9.0}
    assert roles.pick(x, w) == (x.parties[1], x.parties[0])
    # two parties of one value (a country named twice) are never actor and recipient
    twice = replace(x, parties=(x.parties[0], replace(x.parties[1], value=x.parties[0].value)))
    actor, target = roles.pick(twice, w)
    assert actor is None or target is None or actor.value != target.value


def test_a_clitic_glued_to_a_party_is_read_whole_with_its_marks() -> None:
    for text in ("قتل بالجيش", "قتل بِالجيش", "قتل بـالجيش"):
        start = text.index("الجيش")
        assert text[roles._glued(text, start, 0) : start] in ("ب", "بِ", "بـ"), text


def test_after_an_arabic_verb_of_receiving_the_pair_is_swapped() -> None:
    text = "وتلقى الملك سلمان اتصالا هاتفيا من الرئيس فرانسوا هولاند."
    with roles.recording() as seen:
        (rules_event,) = extract_events(text, anchor=None, settings=S, lang="ar")
    (x,) = seen
    assert x.received and rules_event.target == "سلمان"  # the subject is called
    (e,) = extract_events(text, anchor=None, settings=S, lang="ar")
    assert (e.actor, e.target) == ("فرانسوا هولاند", "سلمان")


def test_no_party_no_role() -> None:
    x = roles.RoleInput("It rained.", Span(0, 10), Span(3, 9), (), (None, None), "en", "ASSAULT",
                        False, False, "model")  # fmt: skip
    assert roles.choose(x) == (None, None)


def test_an_arabic_verb_that_carried_the_act_out_names_its_actor() -> None:
    # the rules read the party after "نفذتها" / "شنه" (with the act's pronoun) as the actor,
    # and the ranker sees the verb as an agent cue, as it sees من قبل
    with roles.recording() as seen:
        extract_events("قتل 30 مواطنا في هجمات نفذتها جماعة بوكو حرام داخل ثلاث قرى.",
                       anchor=None, settings=S, lang="ar")  # fmt: skip
    x = seen[0]
    actor = x.rule[0]
    assert actor is not None and x.text[actor.start : actor.end].endswith("بوكو حرام")
    k = x.parties.index(actor)
    assert any("|cue=agent|" in f for f in roles.candidates(x, "actor")[k][1])
    # not the doer of another act the sentence recalls after a verb of its own
    with roles.recording() as seen:
        extract_events("قصفت طائرات النظام مواقع في إدلب أمس، وقال ناشطون إن الغارات جاءت بعد "
                       "يومين من هجوم شنته فصائل المعارضة.", anchor=None, settings=S, lang="ar")
    assert seen and seen[0].parties  # the raids, the factions a party of their sentence
    assert all(x.rule[0] is None or "فصائل" not in x.text[x.rule[0].start : x.rule[0].end]
               for x in seen)  # fmt: skip
