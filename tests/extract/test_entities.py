"""The entity recogniser: shipped weights as trained, tokens, spans, merging, generic actors."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from khabar.extract.actors import extract_actors, extract_generic_actors
from khabar.extract.entities import (
    LABELS,
    EntityMention,
    extract_entities,
    facility_places,
    feature_fingerprint,
    institution_names,
    merge_entities,
    place_phrases,
    sentence_features,
    split_word,
    tokenize,
    word_key,
)
from khabar.extract.lexicon import proclitic_length
from khabar.extract.places import extract_places
from khabar.model import Span
from khabar.resources import model_path, word_classes
from tests.eval.test_real_gold import REAL


def test_shipped_weights_are_the_ones_training_wrote_and_fit_the_budget() -> None:
    manifest = json.loads(model_path("ner-models.json").read_text(encoding="utf-8"))
    generic = json.loads(model_path("gen-models.json").read_text(encoding="utf-8"))
    for lang in ("ar", "fa", "en"):
        data = model_path(f"ner-{lang}.crfsuite").read_bytes()
        assert hashlib.sha256(data).hexdigest() == manifest[lang]["sha256"], lang
        data = model_path(f"gen-{lang}.crfsuite").read_bytes()  # the generic-actor tagger's
        assert hashlib.sha256(data).hexdigest() == generic[lang]["sha256"], lang
    # all models of the recogniser and event stages together, with the word classes the
    # recogniser reads: 25 MB at most
    folder = model_path("ner-models.json").parent
    classes = sorted((folder.parent / "clusters").glob("*.tsv"))
    assert len(classes) == 3
    # and the rankers of counts and roles (the event stage's dense head reads the static
    # vectors the story decision ships too, resources/models/stories.md: counted there)
    heads = [folder / "events-dense.npz", folder / "counts.json", folder / "roles.json"]
    weights = sum(p.stat().st_size for p in [*folder.glob("*.crfsuite"), *classes, *heads])
    assert weights <= 25 * 2**20
    # the features read the gazetteer and actor dictionary: weights trained on other ones are stale
    assert manifest["features"] == feature_fingerprint(), "retrain: training/ner/train.py"
    assert generic["features"] == feature_fingerprint(), "retrain: training/ner/train_gen.py"
    agents = hashlib.sha256(Path(str(model_path("gen-models.json").parents[1] / "agents.tsv"))
                            .read_bytes()).hexdigest()  # fmt: skip
    assert generic["agents"] == agents, "the lexicon moved: retrain training/ner/train_gen.py"
    assert model_path("ner.md").read_text(encoding="utf-8").startswith("# Model card")


def test_word_classes_group_words_that_share_neighbours_and_reach_the_features() -> None:
    for lang in ("ar", "fa", "en"):
        classes = word_classes(lang)
        assert len(classes) > 5_000 and {len(v) for v in classes.values()} == {3}
    ar = word_classes("ar")
    # two Yemeni provinces in one fine class, a verb of saying elsewhere
    assert ar[word_key("لحج")][2] == ar[word_key("عدن")][2] != ar[word_key("قال")][2]
    own = sentence_features(["لحج"], "ar")[0]
    assert {f"c{k}=ar{v}" for k, v in zip((32, 128, 512), ar["لحج"], strict=True)} <= set(own)
    unseen = sentence_features(["xqzv"], "en")[0]  # a word the table lacks: no class
    assert not any(k.startswith(("c32=", "c128=", "c512=")) for k in unseen)
    assert any(k.startswith("c512=") for k in sentence_features(["the"], "en")[0])


def test_a_recognised_name_leaves_its_proclitic_out() -> None:
    text = "تسيطر قوات هادي على محافظات عدن ولحج والضالع"
    found = {m.text for m in extract_entities(text, "ar") if m.label == "LOC"}
    assert {"عدن", "لحج", "الضالع"} <= found and not found & {"ولحج", "والضالع"}
    # و + ال before a name no word count knows is the conjunction too
    found = {m.text for m in extract_entities("بعد مواجهتي فنزويلا والباراجواي أمس", "ar")}
    assert "الباراجواي" in found and "والباراجواي" not in found
    # a name whose first letter looks like a proclitic stays whole (وليد is not و + يد)
    for text, name in [("وقال وليد جنبلاط إن", "وليد جنبلاط"), ("في كفر نبل", "كفر نبل"),
                       ("مضيق باب المندب", "باب المندب"), ("الرئيس براك أوباما", "براك أوباما"),
                       ("التقى والتر شتاينماير", "والتر شتاينماير")]:
        assert name in {m.text for m in extract_entities(text, "ar")}, name


def test_arabic_proclitics_are_split_only_where_news_writes_the_rest_alone() -> None:
    assert proclitic_length("وبغداد") == 1 and proclitic_length("بالعراق") == 1
    assert proclitic_length("بغداد") == 0 and proclitic_length("وزير") == 0
    assert proclitic_length("للحوثيين") == 2  # لل + حوثيين (the guideline's span)
    text = "وبغداد وزير"
    assert [text[a:b] for a, b in tokenize(text, "ar")] == ["و", "بغداد", "وزير"]
    assert [text[a:b] for a, b in tokenize(text, "fa")] == ["وبغداد", "وزير"]  # Arabic only
    assert split_word("والعراق", "ar") == ["و", "العراق"]


def _gold_sentences(lang: str, n: int) -> list[str]:
    data = json.loads((REAL / "sentences" / "dev.json").read_text(encoding="utf-8"))
    return [s["text"] for a in data["articles"] if a["lang"] == lang
            for s in a["sentences"] if s["entities"]][:n]  # fmt: skip


def test_mentions_are_labelled_spans_of_the_text_on_real_sentences() -> None:
    for lang in ("ar", "fa", "en"):
        found = 0
        for text in _gold_sentences(lang, 40):
            for m in extract_entities(text, lang):
                assert m.label in LABELS and text[m.span.start : m.span.end] == m.text
                assert 0.0 < m.score <= 1.0 and m.source == "model"
                found += 1
        assert found >= 20, lang
    assert extract_entities("Some text", "de") == [] and extract_entities("  ", "ar") == []


def test_merge_keeps_the_model_first_and_adds_what_it_missed_without_overlaps() -> None:
    text = _gold_sentences("ar", 3)[2]
    model = extract_entities(text, "ar")
    places = extract_places(text)
    actors = extract_actors(text)
    merged = merge_entities(model, places, actors + extract_generic_actors(text, actors))
    assert all(m in merged for m in model)
    spans = sorted((m.span.start, m.span.end) for m in merged)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert {m.source for m in merged} <= {"model", "gazetteer", "dictionary"}


def test_generic_actors_have_a_class_and_no_name() -> None:
    for text, cls in (("police officers said", "police"), ("المتظاهرين", "protesters"),
                      ("قتل عدد من المدنيين", "civilians")):  # fmt: skip
        (m,) = extract_generic_actors(text, [])
        assert (m.kind, m.actor_id, m.name) == ("generic", None, cls), text
    # a named actor wins over the generic reading of the same words
    named = extract_actors("Hezbollah fighters")
    assert all(g.span.start >= named[0].span.end for g in extract_generic_actors("Hezbollah fighters", named))


def test_a_title_before_a_name_is_not_a_generic_actor() -> None:
    text = "President Barack Obama said"
    model = extract_entities(text, "en")
    assert any(m.label == "PER" and "Obama" in m.text for m in model)
    merged = merge_entities(model, [], extract_generic_actors(text, []))
    assert not any(m.label == "GEN" and m.text == "President" for m in merged)


def test_english_nationality_words_are_norp_unless_part_of_a_group_phrase() -> None:
    from khabar.extract.actors import extract_actors, extract_generic_actors
    from khabar.extract.entities import extract_demonyms, merge_entities

    def norp(text: str) -> list[str]:
        named = extract_actors(text)
        actors = named + extract_generic_actors(text, named)
        merged = merge_entities([], [], actors, extract_demonyms(text, "en"))
        assert all(m.ref is None for m in merged if m.label == "NORP")  # no actor-like ids
        return [m.text for m in merged if m.label == "NORP"]

    assert norp("Iranian President Hassan Rouhani said the Saudis had erred.") == [
        "Iranian", "Saudis"]  # fmt: skip
    assert norp("A Romanian-American teacher and a North Korean diplomat.") == [
        "Romanian-American", "North Korean"]  # fmt: skip
    assert norp("The North Korean leader and The Sri Lankan navy.") == [
        "North Korean", "Sri Lankan"]  # fmt: skip
    assert norp("German officials say Cambodian troops crossed the U.S.-Mexican border.") == []
    assert extract_demonyms("Iranian", "ar") == []  # English words in English only


def test_arabic_and_persian_nationality_words_are_norp_by_their_own_press_names() -> None:
    from khabar.extract.entities import extract_demonyms
    from khabar.extract.places import nationality_people, nationality_word

    assert [nationality_word(w, "ar") for w in ("اليمنيين", "سعوديا", "الإثيوبية", "التركي")] \
        == ["YE", "SA", "ET", "TR"]  # fmt: skip
    assert [nationality_word(w, "fa") for w in ("ایرانیان", "آمریکایی", "عراقی", "روسی")] \
        == ["IR", "US", "IQ", "RU"]  # fmt: skip
    # a country's own name is a place; مجرى ("course") is no nisba; Persian reads Persian
    # names only: مجری ("executor") and کندی ("slow") name no Hungary or Canada
    assert nationality_word("بريطانيا", "ar") is None
    assert nationality_word("السعودية", "ar") is None
    assert nationality_word("مجرى", "ar") is None
    assert nationality_word("مجری", "fa") is None and nationality_word("کندی", "fa") is None
    assert nationality_word("اليمني", "en") is None
    # ال that is no article (ألمانيا, المانيا), another language's name (Persian ترکیه, لیبی) no
    # bar to an Arabic adjective, tanween, Persian ـایی‌ها, ـائی, ـیایی, ـه‌ای; the verb برمی
    assert [nationality_word(w, "ar") for w in ("الألمانية", "المانية", "تركية", "ليبي",
                                                "سوريًا")] == ["DE", "DE", "TR", "LY", "SY"]
    assert nationality_word("ماني", "ar") is None and nationality_word("باني", "ar") is None
    assert [nationality_word(w, "fa") for w in ("آمریکایی‌ها", "آمریکائی", "ایتالیایی",
                                                "سوریه‌ای", "آلمانی")] == ["US", "US", "IT",
                                                                          "SY", "DE"]
    assert nationality_word("برمی", "fa") is None and nationality_word("ایران", "fa") is None
    assert nationality_people("السعوديين", "ar") and not nationality_people("السعودي", "ar")
    assert nationality_people("ایرانیان", "fa") and not nationality_people("ایرانی", "fa")
    text = "التقى الرئيس اليمني وفدا من المسؤولين والسعوديين"
    assert [m.text for m in extract_demonyms(text, "ar")] == ["اليمني", "السعوديين"]
    assert all(m.label == "NORP" and m.ref is None and m.source == "dictionary"
               for m in extract_demonyms(text, "ar"))  # fmt: skip
    assert [m.text for m in extract_demonyms("سفیر ایرانی و مقامات آمریکایی", "fa")] == [
        "ایرانی", "آمریکایی"]  # fmt: skip
    # a proclitic glued to the article, which tokenising leaves on a frequent whole word
    assert [m.text for m in extract_demonyms("والإيطاليون والبولندي", "ar")] == [
        "الإيطاليون", "البولندي"]  # fmt: skip


def test_a_mention_never_ends_inside_a_quotation_mark_it_opened() -> None:
    from khabar.extract.lexicon import quoted_span

    def cut(text: str, end: int, start: int = 0) -> str:
        a, b = quoted_span(text, start, end)
        return text[a:b]

    assert cut('كتائب "حزب الله" العراقي', 15) == 'كتائب "حزب الله"'  # closed right after
    assert cut("تنظيم (داعش في الرقة", 11) == "داعش"  # never closed: the name inside
    assert cut("داعش ( x", 6) == "داعش"  # a mark at the end is cut off
    assert cut('Kataib (KH) said', 11) == "Kataib (KH)"  # balanced: as it was
    assert cut('وقال "داعش" إن', 10, start=5) == "داعش"  # the span starts at the mark: inside
    assert cut('«a "b" c', 8) == "a \"b\" c"  # the mark left open is «, not the quotes


def test_a_recognised_piece_of_a_longer_gazetteer_place_gives_way_to_it() -> None:
    from khabar.extract.entities import EntityMention, merge_entities
    from khabar.extract.places import extract_places
    from khabar.model import Span

    text = "وصل الوفد إلى أديس أبابا أمس"
    places = extract_places(text)
    assert [p.text for p in places] == ["أديس أبابا"]
    start = text.index("أديس")
    piece = EntityMention(Span(start, start + 4), "أديس", "LOC", 0.9)
    merged = merge_entities([piece], places, [])
    assert [(m.text, m.label, m.source) for m in merged] == [("أديس أبابا", "LOC", "gazetteer")]


def test_a_surname_alone_after_the_full_name_is_the_same_person() -> None:
    from khabar.extract.entities import EntityMention, named_again
    from khabar.model import Span

    texts = ["قال رئيس الأركان عبد العزيز المحمداوي إن الانفجار هجوم.",
             "وأضاف المحمداوي أن التحقيق مستمر، فيما قال الجيش إن",
             "ولم يعلق المحمداويون على ذلك."]  # fmt: skip
    start = texts[0].index("عبد")
    full = EntityMention(Span(start, start + len("عبد العزيز المحمداوي")), "عبد العزيز المحمداوي",
                         "PER", 0.97)  # fmt: skip
    again = named_again(texts, [[full], [], []], "ar")
    assert again[0] == []  # the full name itself is not found again
    (m,) = again[1]
    assert (texts[1][m.span.start : m.span.end], m.label, m.source, m.score) == \
        ("المحمداوي", "PER", "document", 0.97)  # fmt: skip
    assert again[2] == []  # a whole word only
    # a name of two words found once is the same name where it is written again, with its label
    org = EntityMention(Span(0, 12), "جبهه پایداری", "ORG", 0.8)
    texts = ["جبهه پایداری اعلام کرد", "نامزدهای جبهه پایداری و دیگران", "جبهه مقاومت"]
    again = named_again(texts, [[org], [], []], "fa")
    assert [(m.text, m.label, m.source) for m in again[1]] == [("جبهه پایداری", "ORG", "document")]
    assert again[0] == again[2] == []
    # a surname that is a frequent word names nobody alone ("Ali Said" ... "Said the minister")
    assert named_again(["Ali Said spoke.", "Said the minister: no."],
                       [[EntityMention(Span(0, 8), "Ali Said", "PER", 0.9)], []], "en") == [[], []]


def test_sayyid_joined_to_a_first_name_stays_out_of_the_person() -> None:
    from khabar.extract.entities import EntityMention, _without_sayyid
    from khabar.model import Span

    def cut(name: str, label: str = "PER") -> str:
        return _without_sayyid(EntityMention(Span(10, 10 + len(name)), name, label, 1.0)).text

    assert cut("سیداحمد میرعمادی") == "احمد میرعمادی"
    assert cut("سيدعبدالعزيز حكيم") == "عبدالعزيز حكيم"
    assert cut("سید علی خامنه‌ای") == "سید علی خامنه‌ای"  # written apart: as the gold keeps it
    assert cut("سیدی") == "سیدی" and cut("سیداحمد") == "سیداحمد"  # one word: a name of its own
    assert cut("سیداحمد میرعمادی", "ORG") == "سیداحمد میرعمادی"


def test_titles_ranks_and_nationalities_stay_out_of_the_person() -> None:
    from khabar.extract.entities import EntityMention, without_title
    from khabar.model import Span
    from khabar.resources import person_titles

    def cut(name: str, lang: str, label: str = "PER") -> tuple[str, int]:
        m = without_title(EntityMention(Span(10, 10 + len(name)), name, label, 1.0), lang)
        assert m.text == name[m.span.start - 10 :]  # the span moves with the text
        return m.text, m.span.start

    # counted in the recogniser's training sentences: a title stands before names, never in one
    assert {"الامير", "اللواء", "العريف", "اليمني"} <= person_titles("ar")
    assert "president" in person_titles("en") and "سردار" in person_titles("fa")
    assert "التركي" not in person_titles("ar")  # Turki is a name as often
    assert "ان" not in person_titles("ar")  # a short word that begins names (آن هيدالغو)
    assert cut("العريف عيد ماطر الشهراني", "ar") == ("عيد ماطر الشهراني", 17)
    assert cut("الرئيس اليمني عبدربه منصور هادي", "ar") == ("عبدربه منصور هادي", 24)
    assert cut("President Joe Biden", "en") == ("Joe Biden", 20)
    assert cut("سردار قاسم سلیمانی", "fa") == ("قاسم سلیمانی", 16)
    # titles only (no name to keep), another label, a name that begins with no title: as they were
    assert cut("الأمير", "ar") == ("الأمير", 10)
    assert cut("الرئيس اليمني", "ar") == ("الرئيس اليمني", 10)
    assert cut("الطيب البكوش", "ar") == ("الطيب البكوش", 10)
    assert cut("الملك سلمان", "ar", "ORG") == ("الملك سلمان", 10)


def test_a_country_name_that_is_an_adjective_after_its_noun_is_a_nationality() -> None:
    # "السعودية" is Saudi Arabia and the feminine of "Saudi": after a definite noun it qualifies
    # the noun (NORP, as the guideline labels it), after a preposition or as a subject it is the
    # country, and after العربية it ends the country's full name
    from khabar.extract.entities import EntityMention, adjective_country
    from khabar.model import Span

    def label(text: str) -> str:
        at = text.index("السعودية")
        m = EntityMention(Span(at, at + len("السعودية")), "السعودية", "LOC", 0.9)
        return adjective_country(m, text).label

    assert label("ارتفعت صادرات المنتجات السعودية") == "NORP"
    assert label("مصلحة الكرة السعودية") == "NORP" and label("والسياسة النفطية السعودية") == "NORP"
    assert label("وصل الوزير الى السعودية") == "LOC"  # الى: a short word, "to"
    assert label("زار المملكة العربية السعودية") == "LOC"
    assert label("أعلنت السعودية") == "LOC"


def test_a_person_never_ends_on_son_of() -> None:
    from khabar.extract.entities import _mentions

    text = "وقال الأمير عبدالله بن مساعد إن"
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    tags = ["O", "O", "B-PER", "I-PER", "O", "O"]
    (m,) = _mentions(text, words, tags, [0.9] * len(tags))
    assert m.text == "عبدالله بن مساعد"


def test_a_nationality_glued_to_a_name_is_left_to_the_nationality_words() -> None:
    from khabar.extract.entities import EntityMention, _without_nationality
    from khabar.model import Span

    glued = EntityMention(Span(10, 31), "American Robert Durst", "ORG", 0.8)
    (m,) = _without_nationality(glued)
    assert (m.text, m.label, m.span) == ("Robert Durst", "PER", Span(19, 31))
    whole = EntityMention(Span(0, 30), "American Civil Liberties Union", "ORG", 0.9)
    assert _without_nationality(whole) == [whole]  # the rest alone is no name of its own


def _loc(text: str, name: str) -> EntityMention:
    at = text.index(name)
    return EntityMention(Span(at, at + len(name)), name, "LOC", 1.0, "gazetteer")


def test_a_place_keeps_its_word_of_kind_and_leaves_a_plural_one_and_an_adjective() -> None:
    # docs/annotation.md, section 2: "محافظة عدن" is one LOC; the proclitic stays outside
    cases = [
        ("وقعت اشتباكات بمحافظة عدن أمس", "عدن", "محافظة عدن"),
        ("وصل الوزير إلى دولة الكويت", "الكويت", "دولة الكويت"),
        ("قرى تابعة لناحية كفري", "كفري", "ناحية كفري"),
        ("سيطروا على عدن ومحافظات لحج", "ومحافظات لحج", "لحج"),
        ("انفجار في مدينة سوروتش التركية", "مدينة سوروتش التركية", "مدينة سوروتش"),
        ("في مدينة القدس الشرقية", "مدينة القدس الشرقية", "مدينة القدس الشرقية"),
        ("في منطقة الخليج العربي", "الخليج العربي", "منطقة الخليج العربي"),
        ("قتل جندي في بغداد", "بغداد", "بغداد"),
    ]
    for text, found, want in cases:
        (e,) = place_phrases([_loc(text, found)], text, "ar")
        assert (e.text, text[e.span.start : e.span.end]) == (want, want), text
    text = "نماینده ولی فقیه در استان لرستان گفت"
    (e,) = place_phrases([_loc(text, "لرستان")], text, "fa")
    assert e.text == "استان لرستان"
    # a generic actor that is a word of kind right before the place joins it (the lexicon holds
    # دولة, "the state"); another mention's word is not taken; English is left alone
    text = "قال وزير الداخلية في دولة الكويت"
    other = EntityMention(Span(text.index("دولة"), text.index("دولة") + 4), "دولة", "GEN", 1.0)
    assert [e.text for e in place_phrases([other, _loc(text, "الكويت")], text, "ar")] == [
        "دولة الكويت"]
    text = "قال أمير منطقة مكة"
    at = text.index("أمير")
    other = EntityMention(Span(at, at + len("أمير منطقة")), "أمير منطقة", "GEN", 1.0)
    assert place_phrases([other, _loc(text, "مكة")], text, "ar")[1].text == "مكة"
    text = "the province of Aden"
    assert place_phrases([_loc(text, "Aden")], text, "en")[0].text == "Aden"


def test_an_embassy_attacked_is_a_place_and_two_joined_countries_are_two() -> None:
    # docs/annotation.md, section 7: LOC where something happens to it, ORG where it acts
    text = "تبنت هجوما على القنصلية الاميركية في اسطنبول"
    at = text.index("القنصلية")
    org = EntityMention(Span(at, at + len("القنصلية الاميركية")), "القنصلية الاميركية", "ORG", 0.9)
    (e,) = facility_places([org], text, "ar")
    assert (e.label, e.text) == ("LOC", "القنصلية الاميركية")
    text = "وقالت القنصلية الاميركية في بيان"
    at = text.index("القنصلية")
    org = replace(org, span=Span(at, at + len("القنصلية الاميركية")))
    assert facility_places([org], text, "ar")[0].label == "ORG"
    # a generic mention after the article, with the nationality word after it
    text = "واعتداء على القنصلية الأمريكية"
    at = text.index("قنصلية")
    gen = EntityMention(Span(at, at + len("قنصلية")), "قنصلية", "GEN", 1.0, "dictionary")
    (e,) = facility_places([gen], text, "ar")
    assert (e.label, e.text) == ("LOC", "القنصلية الأمريكية")
    text = "وجيبوتي وأثيوبيا وبوركينافاسو وتشاد"
    at = text.index("أثيوبيا")
    both = EntityMention(Span(at, at + len("أثيوبيا وبوركينافاسو")), "أثيوبيا وبوركينافاسو",
                         "LOC", 0.8)  # fmt: skip
    assert [e.text for e in facility_places([both], text, "ar")] == ["أثيوبيا", "بوركينافاسو"]
    # one gazetteer name with و inside stays whole; an embassy that speaks stays ORG
    text = "في استان کهگیلویه وبویراحمد"
    at = text.index("کهگیلویه")
    one = EntityMention(Span(at, len(text)), text[at:], "LOC", 0.8)
    assert [e.text for e in facility_places([one], text, "fa")] == ["کهگیلویه وبویراحمد"]
    text = "وقال مصدر من السفارة الاميركية"
    at = text.index("السفارة")
    org = EntityMention(Span(at, len(text)), text[at:], "ORG", 0.9)
    assert facility_places([org], text, "ar")[0].label == "ORG"


def test_a_recognised_name_never_starts_or_ends_on_punctuation() -> None:
    texts = [("الاتحاد البرازيلي: فريد تناول المنشطات", "ar"), ("Washington D.C. is", "en"),
             ("(Reuters) - Iran's foreign minister, Javad Zarif, said", "en")]  # fmt: skip
    for text, lang in texts:
        for e in extract_entities(text, lang):
            assert e.text[0].isalnum() and (e.text[-1].isalnum() or e.text[-1] in ".)"), e
            assert text[e.span.start : e.span.end] == e.text


def test_an_institution_named_with_its_place_is_one_organisation() -> None:
    # docs/annotation.md, section 2: an institution named by country or city is ORG as a whole
    cases = [
        ("دبیر هیئت ورزش‌های همگانی استان قزوین گفت", "استان قزوین",
         "هیئت ورزش‌های همگانی استان قزوین"),
        ("رئیس سازمان صنعت، معدن و تجارت استان زنجان گفت", "استان زنجان",
         "سازمان صنعت، معدن و تجارت استان زنجان"),
        ("سخنگوی وزارت دفاع هند گفت", "هند", "وزارت دفاع هند"),
        ("عضو هیأت رئیسه شورای شهر تهران گفت", "شهر تهران", "شورای شهر تهران"),
    ]  # fmt: skip
    for text, place, want in cases:
        (e,) = institution_names([_loc(text, place)], text, "fa")
        assert (e.label, e.text, text[e.span.start : e.span.end]) == ("ORG", want, want), text
    # the organisation's first words found alone give way to the whole name
    text = "سخنگوی وزارت دفاع هند گفت"
    at = text.index("وزارت")
    org = EntityMention(Span(at, at + len("وزارت دفاع")), "وزارت دفاع", "ORG", 0.9)
    (e,) = institution_names([org, _loc(text, "هند")], text, "fa")
    assert (e.text, e.score, e.source) == ("وزارت دفاع هند", 0.9, "phrase")
    # a preposition, a clause's comma or another word of the sentence between them: no name
    for text, place in [("سازمان ملل در سوریه فعال است", "سوریه"),
                        ("سازمان ملل، ایران را فراخواند", "ایران"),
                        ("کارکنان دولت گفتند ایران آماده است", "ایران")]:  # fmt: skip
        assert institution_names([_loc(text, place)], text, "fa")[0].label == "LOC", text
    # Arabic and English are left to the recogniser
    text = "قال مدير شرطة محافظة جدة"
    assert institution_names([_loc(text, "محافظة جدة")], text, "ar")[0].label == "LOC"


def test_an_institution_name_never_takes_in_the_object_of_a_verb() -> None:
    # Persian puts the object right after the subject: دولت عراق | ترکیه را ... متهم کرد
    text = "دولت عراق ترکیه را به نقض حاکمیت متهم کرد."
    org = EntityMention(Span(0, len("دولت عراق")), "دولت عراق", "ORG", 0.9)
    out = institution_names([org, _loc(text, "ترکیه")], text, "fa")
    assert [(m.text, m.label) for m in out] == [("دولت عراق", "ORG"), ("ترکیه", "LOC")]


def test_the_preset_rows_of_frequent_tokens_are_the_rows_of_first_sight() -> None:
    """The most frequent tokens' emission rows, weighed once and kept between processes
    (``entities._preset``, ``resources/tokens``), equal the rows a word gets when first seen."""
    from khabar.extract.entities import _preset, _weighed
    from khabar.resources import frequent_tokens

    for lang in ("ar", "fa", "en"):
        preset = _preset(lang, "ner")
        tokens = frequent_tokens(lang, "ner")
        assert len(preset) > 5_000 and set(preset) <= set(tokens)
        sample = [tokens[0], tokens[len(tokens) // 2], tokens[-1]]
        assert np.array_equal(np.array([preset[w] for w in sample]), _weighed(sample, lang))


@pytest.mark.parametrize("tagger", ["ner", "gen"])
def test_a_full_word_table_starts_again_from_the_preset(monkeypatch, tagger: str) -> None:  # type: ignore[no-untyped-def]
    """Past ``_VECTORS_MAX`` words a tagger's table of a language is replaced by a fresh copy
    of the preset holding the words asked for; the rows a word gets do not depend on the table
    it is in, and the two taggers' tables never mix."""
    from khabar.extract import entities

    words = ["القوات", "زنجبار", "أبين", "xyzzyq"]
    before = {w: entities._word_vectors(words, "ar", tagger)[w] for w in words}
    preset = entities._preset("ar", tagger)
    monkeypatch.setattr(entities, "_VECTORS", {(tagger, "ar"): dict(preset)})
    monkeypatch.setattr(entities, "_VECTORS_MAX", len(preset) + 1)
    entities._word_vectors(["كلمةجديدةأولى"], "ar", tagger)  # fills the table to its bound
    table = entities._word_vectors(words, "ar", tagger)  # past it: a fresh copy of the preset
    assert "كلمةجديدةأولى" not in table and set(words) <= set(table)
    assert len(table) == len(preset) + sum(w not in preset for w in words)
    for w in words:
        assert np.array_equal(table[w], before[w])
    other = "gen" if tagger == "ner" else "ner"
    assert entities._VECTORS.get((other, "ar")) is None  # only this tagger's table was made
    width = len(entities._model("ar", other).labels)
    assert entities._word_vectors(words, "ar", other)[words[0]].shape[-1] == width


def test_generic_actors_are_the_taggers_phrases_with_the_lexicons_class() -> None:
    """The generic-actor tagger (``recognise_batch``) gives the phrase with its modifiers, as
    the guideline spans it; the lexicon gives its class (``actors._head_class``), ``other``
    where it knows none; and a lexicon word the tagger does not read as people of the story is
    no actor."""
    from khabar.extract.actors import extract_generic_actors
    from khabar.extract.entities import recognise_batch

    def generic(text: str, lang: str) -> list[tuple[str, str, str]]:
        _, (tagged,) = recognise_batch([text], lang)
        return [(a.text, a.name, a.source) for a in extract_generic_actors(text, [], lang, tagged)]

    assert ("Syrian refugees", "civilians", "model") in generic(
        "Unidentified gunmen opened fire on Syrian refugees near the border.", "en")
    # Arabic constructs take the class of the noun after the partitive
    assert generic("وأصيب ثلاثة من أفراد الشرطة في الانفجار.", "ar") == [
        ("أفراد الشرطة", "police", "model")]
    # the lexicon alone (no tagger's phrases given) finds every word it lists; the tagger
    # reads the court that speaks as an actor, the public as none
    text = "The court said the public was safe."
    assert [a.text for a in extract_generic_actors(text, [], "en")] == ["court", "public"]
    assert generic(text, "en") == [("court", "government", "model")]


@pytest.mark.parametrize(
    ("phrase", "lang", "cls"),
    [("أفراد الشرطة", "ar", "police"), ("عناصر الأمن", "ar", "security_forces"),
     ("أسر الجنود", "ar", "civilians"), ("الجنود والمدنيين", "ar", "military"),
     ("خانواده سربازان", "fa", "civilians"), ("families of the soldiers", "en", "civilians"),
     ("members of the police", "en", "police"), ("Iraqi security forces", "en", "security_forces"),
     ("investigators", "en", "other")],
)  # fmt: skip
def test_a_generic_phrase_takes_the_class_of_its_head(phrase: str, lang: str, cls: str) -> None:
    """The head of a construct (first in Arabic and Persian, last in English or before "of"),
    past a partitive (أفراد, "members of"); reviews found families of soldiers read as
    soldiers and members of the police as no kind at all."""
    from khabar.extract.actors import _head_class

    assert _head_class(phrase, lang) == cls


def test_a_nationality_after_a_place_belongs_to_no_entity() -> None:
    # docs/annotation.md section 7: "مدينة سوروتش التركية" is the place "مدينة سوروتش"; the
    # adjective after it is no NORP of its own, while one elsewhere in the sentence is
    from khabar.extract.document import extract_document
    from khabar.model import RawArticle
    from khabar.pipeline import build_document
    from khabar.settings import Settings

    text = "وقع انفجار في مدينة سوروتش التركية وأدانه الرئيس التركي."
    raw = RawArticle(source="t", locator="", kind="txt", text=text, published="2024-04-22",
                     lang_hint="ar")  # fmt: skip
    found = extract_document(build_document(raw, Settings()), Settings()).entities
    assert [(m.text, m.label) for m in found if m.label in ("LOC", "NORP")] == [
        ("مدينة سوروتش", "LOC"), ("التركي", "NORP")]  # fmt: skip
    # a plural after a place names people, and another country's adjective is no place's
    from khabar.extract.entities import EntityMention, extract_demonyms, merge_entities
    from khabar.model import Span

    for text in ("ضربت طهران الإسرائيليين", "ضربت طهران السعودية الجديدة"):
        place = [EntityMention(Span(5, 10), "طهران", "LOC", 0.9)]
        norp = [m.text for m in merge_entities(place, [], [], extract_demonyms(text, "ar"))
                if m.label == "NORP"]  # fmt: skip
        assert norp == [text.split()[2]] or not extract_demonyms(text, "ar"), text


def test_the_agency_a_credit_line_names_is_an_organisation_of_the_document() -> None:
    # dev: old Fars News articles open with "خبرگزاري فارس:" on a line of its own, which the
    # cleaner keeps out of the text (boilerplate, credit_line); the agency is still an ORG
    from khabar.extract.document import extract_document
    from khabar.model import RawArticle
    from khabar.pipeline import build_document
    from khabar.settings import Settings

    text = ("خبرگزاري فارس:\nشوراي امنيت سازمان ملل به اتفاق آرا اعزام نيروي چندمليتي به هائيتي "
            "را تصويب كرد.\nرويترز")  # fmt: skip
    raw = RawArticle(source="t", locator="", kind="txt", text=text, published="2004-03-01",
                     lang_hint="fa")  # fmt: skip
    doc = build_document(raw, Settings())
    ex = extract_document(doc, Settings())
    credited = [(doc.raw_text[m.span.start : m.span.end], m.ref) for m in ex.entities
                if m.label == "ORG" and m.source == "dictionary"]  # fmt: skip
    assert ("خبرگزاري فارس", "FARS") in credited and ("رويترز", "REUTERS") in credited
    assert not any(a.actor_id in ("FARS", "REUTERS") for a in ex.actors)  # no party of events


def test_a_persian_place_inside_a_persons_name_or_standing_for_one_is_none() -> None:
    from khabar.extract.entities import in_persons_name, person_surnames
    from khabar.model import Span
    from khabar.normalize import normalize

    text = "دیوید کامرون گفت. کامرون به بروکسل رفت. نماینده یونان آمد."
    full, alone, greece = Span(0, 12), Span(18, 24), Span(48, 53)
    assert text[alone.start : alone.end] == "کامرون" and text[greece.start : greece.end] == "یونان"

    def person(span: Span) -> EntityMention:
        return EntityMention(span, text[span.start : span.end], "PER", 0.9, "model")

    model = [person(full), person(alone), person(greece)]
    surnames = person_surnames([model])
    assert surnames == frozenset({normalize("کامرون")})  # normalised: ک is written ك
    # inside David Cameron's name, and Cameron alone after it: not Cameroon
    assert in_persons_name(Span(6, 12), text, model, surnames)
    assert in_persons_name(alone, text, model, surnames)
    # a country the recogniser took for a person, no surname of the document's: a place
    assert not in_persons_name(greece, text, model, surnames)


def test_a_surname_the_recogniser_once_took_for_a_place_is_the_person() -> None:
    # a Wikinews report of a new user's trial: "John Bolton", then "Bolton" three times a
    # person and once a place (read as Bolton, England): the document's majority decides
    from khabar.extract.entities import in_persons_name, person_surnames
    from khabar.model import Span

    text = "John Bolton wrote. Bolton said. Bolton left. Bolton came. Trump met Bolton."
    spans = [Span(0, 11), Span(19, 25), Span(32, 38), Span(45, 51), Span(68, 74)]
    labels = ["PER", "PER", "PER", "PER", "LOC"]
    model = [EntityMention(sp, text[sp.start : sp.end], lab, 0.9, "model")
             for sp, lab in zip(spans, labels, strict=True)]  # fmt: skip
    surnames = person_surnames([model])
    assert surnames == frozenset({"bolton"})
    assert in_persons_name(spans[-1], text, model, surnames)
    # a word only a longer "person" ends with (a title the recogniser ran over a country:
    # "رييس‌جمهور كره‌جنوبي") is no surname; nor one the document calls a place more often
    president = "رييس‌جمهور كره‌جنوبي گفت. كره‌جنوبي"
    korea = [EntityMention(Span(0, 20), president[:20], "PER", 0.9, "model"),
             EntityMention(Span(26, 35), president[26:35], "LOC", 0.9, "model")]
    assert person_surnames([korea]) == frozenset()
    assert person_surnames([model[:2] + [model[-1]] * 2]) == frozenset()


def test_a_persian_report_on_david_cameron_names_no_cameroon() -> None:
    # the document's places: Cameron (کامرون) in full and alone is the person, England stays
    from khabar.extract.document import extract_document
    from khabar.model import RawArticle
    from khabar.pipeline import build_document
    from khabar.settings import Settings

    text = ("به گزارش گروه بین‌الملل خبرگزاری فارس، «دیوید کامرون» نخست وزیر انگلستان درباره "
            "طرح اصلاحات گفت که توافق ممکن است. اختلاف نظرها درباره طرح پیشنهادی کامرون خیلی "
            "عمیق است و کامرون تمام تلاش خود را می‌کند.")  # fmt: skip
    raw = RawArticle(source="t", locator="", kind="txt", text=text, published="2016-02-19",
                     lang_hint="fa")  # fmt: skip
    ex = extract_document(build_document(raw, Settings()), Settings())
    assert [p.place.country for p in ex.places] == ["GB"]
