"""The sentence event-type classifier: shipped weights as trained, per-language CAMEO verbs,
light stems, and what it adds to the event extractor."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from khabar.extract.event_types import (
    _acting_verbs,
    _cameo_hits,
    _words,
    cameo_blocks,
    cameo_verbs,
    classify_mode,
    classify_sentence,
    feature_fingerprint,
    light_stem,
    sentence_features,
    verb_types,
)
from khabar.extract.events import extract_events
from khabar.resources import model_path, read_csv
from khabar.settings import Settings
from tests.helpers import DATA


def test_shipped_event_models_are_the_ones_training_wrote() -> None:
    manifest = json.loads(model_path("events-models.json").read_text(encoding="utf-8"))
    for key, name in (("types", "events"), ("detect", "events-detect"),
                      ("modes", "events-mode")):  # fmt: skip
        data = model_path(f"{name}.crfsuite").read_bytes()
        assert hashlib.sha256(data).hexdigest() == manifest[key]["sha256"], name
    dense = model_path("events-dense.npz").read_bytes()
    assert hashlib.sha256(dense).hexdigest() == manifest["dense"]["sha256"]
    # the dense head reads the static vectors: a head trained on other vectors is stale
    vectors = hashlib.sha256(model_path("title-static.npz").read_bytes()).hexdigest()
    assert manifest["dense"]["vectors"] == vectors, "retrain: training/events/train.py"
    # the features read the CAMEO verbs, lexicon and cues: weights trained on others are stale
    assert manifest["features"] == feature_fingerprint(), "retrain: training/events/train.py"
    assert model_path("events.md").read_text(encoding="utf-8").startswith("# Model card")


def test_the_event_models_learned_from_no_sentence_a_gold_set_holds() -> None:
    # the training leaves out every sentence a gold set holds: a gold set drawn after the last
    # training that holds labelled training sentences changes the detector's count (the shipped
    # models had learned from one events-ar2 held-out sentence until 2026-12-05). What this
    # does not see: the Persian batches only the type and mode models read (NOT_FOR_DETECTOR),
    # and one sentence added where another left; the full rebuild is training/events/train.py
    import subprocess
    import sys

    code = ("import sys; sys.path.insert(0, 'training/events'); import train; "
            "print(len(train.real_sentences(for_detector=True)))")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], cwd=DATA.parents[1], check=True,
                         capture_output=True, text=True, timeout=300)  # fmt: skip
    manifest = json.loads(model_path("events-models.json").read_text(encoding="utf-8"))
    assert int(out.stdout.split()[-1]) == manifest["detect"]["sentences"], \
        "retrain: training/events/train.py"  # fmt: skip


def test_the_cameo_verb_table_names_its_source_and_maps_to_plover() -> None:
    rows = read_csv("event_triggers.tsv")
    plover = {"ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "THREATEN", "SANCTION", "ACCUSE",
              "REJECT", "REQUEST", "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID",
              "CONCEDE", "RETREAT"}  # fmt: skip
    assert rows and all(r["source"] and r["plover"] in plover for r in rows)
    english = {r["form"]: r["plover"] for r in rows if r["lang"] == "en"}
    # the verb forms the old hand list missed
    for verb in ("assassinated", "kidnapped", "shelled", "killed"):
        assert english[verb] == "ASSAULT", verb


def test_the_cameo_verb_table_is_rebuilt_exactly_by_its_script(tmp_path: Path) -> None:
    # from the PETRARCH dictionaries (../shared, beside the clone in CI) and the annotated
    # Persian words (training/events/data/fa-triggers-*)
    import subprocess
    import sys
    from importlib import resources

    root = Path(__file__).resolve().parents[2]
    shared = root.parent / "shared"
    if not (shared / "field-data/petrarch").is_dir():
        pytest.skip("../shared (field-data/petrarch) is not beside this checkout")
    out = tmp_path / "event_triggers.tsv"
    subprocess.run([sys.executable, str(root / "training/events/build_triggers.py"), "--shared",
                    str(shared), "--out", str(out)], check=True, capture_output=True,
                   timeout=300)  # fmt: skip
    shipped = resources.files("khabar.resources").joinpath("event_triggers.tsv").read_bytes()
    assert out.read_bytes() == shipped, "rebuild: training/events/build_triggers.py"


def test_cameo_verbs_match_only_in_their_own_language() -> None:
    # اختطف is a CAMEO verb stem in Arabic only: Persian text with the same letters never meets
    # it; Persian text meets the Persian rows (annotated Fars News words, persian_triggers.py)
    assert _cameo_hits(["اختطف"], [light_stem("اختطف", "ar")], "ar")
    assert not _cameo_hits(["اختطف"], [light_stem("اختطف", "fa")], "fa")
    assert "ar:cameo=ASSAULT" in sentence_features("اختطف", "ar")
    assert not [k for k in sentence_features("اختطف", "fa") if "cameo" in k]
    persian = {r["form"]: r for r in read_csv("event_triggers.tsv") if r["lang"] == "fa"}
    assert persian and all(r["coded"] == "annotator" and r["source"] for r in persian.values())
    attack = "افراد مسلح به یک پاسگاه پلیس حمله کردند"
    assert "ASSAULT" in cameo_verbs(attack, "fa")
    # ... found at run time, but no feature of the models (event_types._features)
    assert not [k for k in sentence_features(attack, "fa") if "cameo" in k]
    # a two-word row only (تهديد كرد), and one written with a ZWNJ, a space or joined
    assert "THREATEN" in cameo_verbs("وزیر خارجه این کشور را تهدید کرد", "fa")
    assert "THREATEN" not in cameo_verbs("تهدید جدی است", "fa")
    for written in ("حمایت می‌کند", "حمایت می کند", "حمایت میکند"):
        assert "SUPPORT" in cameo_verbs(f"دولت از این طرح {written}", "fa"), written
    # a word of what befell someone lowers no bar alone (events._NO_AGENT), as PETRARCH's DIE
    assert cameo_blocks("fa", "كشته شدند") == {"DIE"}
    # the phrases are verbs, the one-word rows nouns (events: a noun outside a frame tells no
    # news of its own, and lowers no detection bar)
    assert set(verb_types(attack, "fa")) == {"ASSAULT"}
    assert verb_types("این حمله رخ داد", "fa") == [] != cameo_verbs("این حمله رخ داد", "fa")


def test_light_stems_peel_clitics_and_endings() -> None:
    assert light_stem("والقتلى", "ar") == "قتلى"
    assert light_stem("قتلوا", "ar") == "قتل"
    assert light_stem("ميكنند", "fa") == "كنند"  # the Persian verb prefix
    assert light_stem("بغداد", "en") == "بغداد"  # other languages: the word
    assert light_stem("killed", "en") == "killed"  # English forms are listed whole
    assert _words("می‌گویند", "fa") == _words("می گویند", "fa")  # affixes joined


def test_a_sentence_gets_a_type_a_detector_score_and_a_mode() -> None:
    g = classify_sentence("Gunmen kidnapped three aid workers near the border.", "en")
    assert g.plover == "ASSAULT" and 0.0 <= g.event <= 1.0 and 0.0 < g.probability <= 1.0
    mode, p = classify_mode("Gunmen kidnapped three aid workers near the border.", "en",
                            "ASSAULT")  # fmt: skip
    assert mode is not None and 0.0 < p <= 1.0


def test_the_dense_head_weighs_in_where_the_type_model_is_unsure() -> None:
    from khabar.extract import event_types as et

    sure = "Gunmen kidnapped three aid workers near the border."
    unsure = "The president criticised the sanctions imposed on the country."
    for text, is_sure in ((sure, True), (unsure, False)):
        sparse = et._softmax(np.asarray(et._scores(text, "en", None)[0]))
        assert (sparse.max() >= et.DENSE_UNLESS_SURE) == is_sure  # both branches are tried
        blended = et._type_probabilities(text, "en", None)
        assert abs(float(blended.sum()) - 1.0) < 1e-9 and not blended.flags.writeable
        if is_sure:  # the type model's own answer
            assert np.array_equal(blended, sparse)
        else:  # the head's scores, label by label, blended in the logits
            labels = et._model("events").labels
            with np.load(model_path("events-dense.npz")) as data:
                w = data["types"].astype(np.float64)
                names = [str(x) for x in data["labels"]]
            head = np.append(et.sentence_vector(text).astype(np.float64), 1.0) @ w
            dense = np.array([head[names.index(label)] for label in labels])
            logits = np.asarray(et._scores(text, "en", None)[0])
            expected = et._softmax((1 - et.DENSE_WEIGHT) * logits + et.DENSE_WEIGHT * dense)
            assert np.allclose(blended, expected)
    guess = classify_sentence(unsure, "en")
    assert guess.sparse and 0.0 < guess.sparse_probability < et.DENSE_UNLESS_SURE
    vector = et.sentence_vector(sure)
    assert vector.shape == (et._dense().shape[0] - 1,)
    assert abs(float(vector @ vector) - 1.0) < 1e-5


def _dense_in(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read the dense head from ``folder`` (the other models as shipped)."""
    from khabar import resources
    from khabar.extract import event_types as et

    shipped = resources.model_path
    monkeypatch.setattr(resources, "model_path", lambda name: folder / name
                        if name == "events-dense.npz" else shipped(name))  # fmt: skip
    et._dense.cache_clear()
    et._dense_head.cache_clear()
    et._hazard_head.cache_clear()
    et._type_probabilities.cache_clear()


def test_the_dense_head_reads_its_labels_by_name(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from khabar.extract import event_types as et

    shipped = et._dense().copy()
    with np.load(model_path("events-dense.npz")) as data:
        w, names = data["types"], data["labels"]
    order = np.arange(len(names))[::-1]  # the same head, its labels in another order
    np.savez(tmp_path / "events-dense.npz", types=w[:, order], labels=names[order])
    _dense_in(tmp_path, monkeypatch)
    try:
        assert np.allclose(et._dense(), shipped)
    finally:
        et._dense.cache_clear()
        et._dense_head.cache_clear()
        et._hazard_head.cache_clear()
        et._type_probabilities.cache_clear()


def test_without_a_dense_head_types_are_the_type_models_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from khabar.errors import ResourceError
    from khabar.extract import event_types as et

    (tmp_path / "events-dense.npz").write_bytes(b"not a zip")
    _dense_in(tmp_path, monkeypatch)
    text = "The president criticised the sanctions imposed on the country."
    try:
        with pytest.raises(ResourceError, match="events-dense.npz"):
            et._dense()
        sparse = et._softmax(np.asarray(et._scores(text, "en", None)[0]))
        assert np.array_equal(et._type_probabilities(text, "en", None), sparse)
        assert "without the dense head" in caplog.text
        et.load_models()  # the warm-up goes on without it
    finally:
        et._dense.cache_clear()
        et._dense_head.cache_clear()
        et._hazard_head.cache_clear()
        et._type_probabilities.cache_clear()


# Current Events items (Wikipedia, CC BY-SA) of the hazard head's test fifth
# (training/events/train.py, ``hazard_sentences``: part 1, never trained on); the portal files
# the first three under "Disasters and accidents", the last two under "Armed conflicts and
# attacks"
_DISASTERS = (
    "An explosion at a gas factory in China's Henan Province kills at least 15 people and "
    "leaves 256 injured.",
    "California Governor Jerry Brown declares a state of emergency in 50 counties, as winter "
    "storms kill four and cause millions of dollars in damage.",
    "At least 36 people are killed after several boats capsize during a storm on Lake Togo in "
    "southeastern Togo.",
)
_ATTACKS = (
    "Ansar al-Islam claims responsibility for an IED explosion that killed three soldiers in "
    "Iraq's Diyala Province.",
    "Twin explosions rock Mogadishu killing 11 and injuring over 25.",
)


def test_a_disasters_deaths_are_no_assault_and_an_attacks_stay_one() -> None:
    from khabar.extract.event_types import HAZARD_BAR, hazard_probability

    for text in _DISASTERS:
        assert hazard_probability(text) >= HAZARD_BAR, text
        events = extract_events(text, anchor=date(2016, 1, 1), settings=Settings(), lang="en")
        assert not [e for e in events if e.plover == "ASSAULT"], text
    for text in _ATTACKS:
        events = extract_events(text, anchor=date(2016, 1, 1), settings=Settings(), lang="en")
        assert [e for e in events if e.plover == "ASSAULT"], text
    manifest = json.loads(model_path("events-models.json").read_text("utf-8"))["dense"]
    test = manifest["hazard"]["test"]  # the head's own test fifth, as training scored it
    assert manifest["hazard"]["bar"] == HAZARD_BAR
    assert test["sentences"] > 1000 and test["recall"] >= 0.7 and test["false"] <= 0.02


def test_a_verb_of_a_telling_mode_keeps_the_event_whatever_the_hazard_head_says() -> None:
    from khabar.extract.event_types import HAZARD_BAR, hazard_probability

    # Current Events, "Law and crime" (CC BY-SA): the head is sure of a hazard (a ship's crew
    # lost at sea), but "kidnapped" is a deed (PLOVER ASSAULT abduct)
    text = "Six crew from a German ship are kidnapped in Nigerian waters."
    assert hazard_probability(text) >= HAZARD_BAR
    events = extract_events(text, anchor=date(2018, 1, 1), settings=Settings(), lang="en")
    assert [e.plover for e in events] == ["ASSAULT"]


def test_without_a_hazard_head_no_sentence_is_a_hazards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from khabar.extract import event_types as et

    with np.load(model_path("events-dense.npz")) as data:  # the type head alone: an old file
        np.savez(tmp_path / "events-dense.npz", types=data["types"], labels=data["labels"])
    _dense_in(tmp_path, monkeypatch)
    try:
        assert et.hazard_probability(_DISASTERS[0]) == 0.0
        assert "without the hazard head" in caplog.text
        events = extract_events(_DISASTERS[0], anchor=date(2016, 1, 1), settings=Settings(),
                                lang="en")  # fmt: skip
        assert [e.plover for e in events] == ["ASSAULT"]  # as before the head
    finally:
        et._dense.cache_clear()
        et._dense_head.cache_clear()
        et._hazard_head.cache_clear()
        et._type_probabilities.cache_clear()


@pytest.mark.parametrize(("text", "recalled"), [
    # Current Events (Wikipedia, CC BY-SA), 2020-03-13 and 2015-01-05
    ("Ahead of the one-year anniversary of two far-right terror attacks on mosques in "
     "Christchurch that killed 51 people, Prime Minister Jacinda Ardern announces the "
     "cancellation of a national remembrance service.", True),
    ("Japan marks the 65th anniversary of the 1945 atomic bombing of Nagasaki.", True),
    ("Bangladeshi police report that two opposition Bangladesh Nationalist Party activists are "
     "shot dead in clashes with members of the ruling Awami League in the town of Natore on "
     "the first anniversary of the election.", False),  # the day a new event fell on
])  # fmt: skip
def test_what_an_anniversary_recalls_is_background(text: str, recalled: bool) -> None:
    events = extract_events(text, anchor=date(2020, 3, 13), settings=Settings(), lang="en")
    assert [e.background for e in events if e.plover == "ASSAULT"] == [recalled]


def test_verb_forms_are_event_triggers_and_say_what_typed_them() -> None:
    (e,) = extract_events("Gunmen kidnapped three aid workers near Mosul on Sunday.",
                          anchor=date(2024, 5, 6), settings=Settings(), lang="en")  # fmt: skip
    assert e.plover == "ASSAULT" and e.trigger.lower() == "kidnapped"
    assert e.type_source in ("cameo", "model") and e.type_score is not None


def test_acled_type_follows_plover_type_mode_and_the_sides() -> None:
    from khabar.extract.events import _acled, _Party

    armed, civilian = _Party(0, 1, "x", "armed"), _Party(2, 3, "y", "civilian")
    assert _acled("ASSAULT", None, armed, _Party(4, 5, "z", "armed")) == ("Battles", "Armed clash")
    assert _acled("ASSAULT", "firearms", armed, civilian) == ("Violence against civilians",
                                                              "Attack")  # fmt: skip
    assert _acled("ASSAULT", "drone", None, None) == ("Explosions/Remote violence",
                                                      "Air/drone strike")  # fmt: skip
    assert _acled("PROTEST", "riot", None, None) == ("Riots", "Violent demonstration")
    assert _acled("CONSULT", "visit", None, None) is None  # outside ACLED's scope


def test_a_kidnapping_is_an_abduction_with_its_actor_and_recipient() -> None:
    (e,) = extract_events("Gunmen kidnapped three aid workers near Mosul on Sunday.",
                          anchor=date(2024, 5, 6), settings=Settings(), lang="en")  # fmt: skip
    assert (e.plover, e.mode) == ("ASSAULT", "abduct")
    assert e.acled_subtype == "Abduction/forced disappearance"
    assert e.actor == "Gunmen" and e.target and "workers" in e.target


def test_acled_leaves_out_what_it_does_not_code() -> None:
    from khabar.extract.events import _acled

    assert _acled("COERCE", "arrest", None, None) == ("Strategic developments", "Arrests")
    assert _acled("COERCE", "ban", None, None) is None  # a ban is no ACLED event
    assert _acled("RETREAT", "resign", None, None) is None
    assert _acled("RETREAT", "withdraw", None, None)[1] == "Non-violent transfer of territory"


def test_a_cumulative_toll_is_kept_apart_from_the_events_own() -> None:
    day = date(2024, 5, 6)
    for text, lang, n in (
        ("Air strikes have killed 300 civilians since the war began.", "en", 300),
        ("وأسفرت الغارات الجوية منذ بداية الحرب عن مقتل 500 مدني.", "ar", 500),
    ):
        (e,) = extract_events(text, anchor=day, settings=Settings(), lang=lang)
        assert e.killed is None and (n, "killed (cumulative toll)") in e.counts, lang
    (e,) = extract_events("An air strike killed 12 civilians in Idlib on Monday.", anchor=day,
                          settings=Settings(), lang="en")  # fmt: skip
    assert e.killed == 12


def test_a_verb_that_holds_things_as_often_as_people_detains_only_people() -> None:
    # PETRARCH's CONFINE block codes "held" and "containing" COERCE between two actors; a verb
    # names the event only when what it holds is a person or group (people word, nationality,
    # pronoun, name); the features keep it, as the models were trained on them
    def detentions(text: str) -> list[str]:
        return [f for _, f, t in _acting_verbs(text, "en") if t == "COERCE"]

    for text in ("Dozens of activists are held in detention ahead of the rally.",
                 "Two Britons held in Tehran on spying charges are freed.",
                 "Police held three suspects overnight.",
                 "She was being held by rebel troops.",
                 "Ahmed Salem, held since March, is freed.",
                 "Ten men who had been held there as slaves are rescued.",
                 "The former minister Ali Karimi is ordered to be held without bail.",
                 "Karimi is held in a prison outside the capital.",
                 "Salem, held since March, is freed.",
                 "The opposition leader remains held in prison.",
                 "Police held us for six hours.",
                 "I was held for three days by the militia."):  # fmt: skip
        assert detentions(text) == ["held"], text
    for text in ("Parliamentary elections are held in Niger.",
                 "A vigil is held in London for the victims.",
                 "Police find barrels containing US$2 million in cash.",
                 "Both regions are to hold referendums within days.",
                 "The league announces a press conference to be held at the stadium.",
                 "The Regional Auto Show (RAS) is held in Detroit.",
                 "The party wins the by-election held yesterday.",
                 "Talks held between Iran and Oman end.",
                 "The file contained the company's records.",
                 "US$4 million containing barrels are found."):  # fmt: skip
        assert not detentions(text), text
    # a word the normalising changes (a soft hyphen) keeps the case of the others
    assert detentions("The gov\xadernment says police held Ahmed Salem.") == ["held"]
    # the verbs that confine people alone keep their code whatever follows
    assert detentions("The police detained the convoy.") == ["detained"]
    assert "en:cameo=COERCE" in sentence_features("Elections are held in Niger.", "en")


def test_a_verb_petrarch_codes_only_inside_a_pattern_is_no_event_alone() -> None:
    # PETRARCH's [---] blocks code their verbs only inside a pattern ("ADD * TO PARTIES BANNED
    # BY" a ban): the bare verb meets the detector's own bar, not the CAMEO verbs' lower one
    from khabar.extract.event_types import pattern_only
    from khabar.extract.events import extract_events
    from khabar.settings import Settings

    assert pattern_only("en", "added", "COERCE") and pattern_only("en", "appears", "COERCE")
    assert not pattern_only("en", "added", "COOPERATE")  # GRANT codes "add" itself
    assert not pattern_only("en", "held", "COERCE")  # CONFINE [170] codes its verbs
    assert not pattern_only("ar", "اعترض", "COERCE")  # English only
    assert not pattern_only("en", "visited", "CONSULT")  # VISIT [042:043]: a pair codes too
    said = 'He added, "It is a propaganda stunt that no-one takes seriously."'
    assert not [e for e in extract_events(said, anchor=None, settings=Settings(), lang="en")
                if e.plover == "COERCE"]  # fmt: skip
