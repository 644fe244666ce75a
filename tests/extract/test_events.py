"""Event mentions: type, weapon, date, place, casualties, modality, background."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date

import pytest

from khabar.extract import events as events_module
from khabar.extract import roles
from khabar.extract.events import Mentions, extract_events, parse_number, sentence_spans
from khabar.extract.places import gazetteer
from khabar.normalize import normalize, tokens
from khabar.settings import Settings

S = Settings()
ANCHOR = date(2024, 4, 22)


def _event(text: str):
    events = extract_events(text, anchor=ANCHOR, settings=S)
    assert len(events) == 1, [e.trigger for e in events]
    return events[0]


def _doc_event(text: str, lang: str, rules: bool = False):
    """The one event of ``text`` read as a whole document of ``lang`` (entities and all); with
    ``rules``, its actor and recipient are the hand rules' (``events._roles``, a feature of the
    trained ranker that chooses them: ``roles.recording``)."""
    from khabar.extract.document import extract_document
    from khabar.model import RawArticle
    from khabar.pipeline import build_document

    raw = RawArticle(source="t", locator="", kind="txt", text=text, published="2024-04-22",
                     lang_hint=lang)  # fmt: skip
    with roles.recording() if rules else nullcontext():
        (e,) = extract_document(build_document(raw, S), S).events
    return e


def _doc_events(text: str, lang: str) -> list:
    """Every event of ``text`` read as a whole document of ``lang``."""
    from khabar.extract.document import extract_document
    from khabar.model import RawArticle
    from khabar.pipeline import build_document

    raw = RawArticle(source="t", locator="", kind="txt", text=text, published="2024-04-22",
                     lang_hint=lang)  # fmt: skip
    return extract_document(build_document(raw, S), S).events


def _rule_event(text: str, lang: str):
    """``_doc_event`` with the hand rules' actor and recipient."""
    return _doc_event(text, lang, rules=True)


@pytest.mark.parametrize(
    ("text", "value"),
    [("5 صواريخ", 5), ("خمسة صواريخ", 5), ("الثماني والأربعين ساعة", 48), ("بـ33 صاروخا", 33),
     ("پنج موشک", 5), ("بیست و پنج نفر", 25), ("three soldiers", 3), ("۲۸ ژانویه", 28),
     ("خمسة عشر رجلا", 15), ("خمس عشرة امرأة", 15), ("ثلاثة عشر", 13),
     # parts joined by و, each smaller than the one before (the 2005 Riyadh bombing's 148
     # wounded read as 48 in the second fresh-clone trial)
     ("مائة وثمانية واربعون جريحاً", 148), ("صد و بیست و پنج نفر", 125),
     ("ألف ومائتان وخمسون", 1250), ("خمسة وعشرون وثلاثة", 25)],
)  # fmt: skip
def test_numbers_in_digits_and_words(text: str, value: int) -> None:
    assert parse_number(tokens(normalize(text)), 0)[0] == value


def test_a_number_word_at_the_end_takes_one_word() -> None:
    assert parse_number(tokens(normalize("ثلاثة")), 0) == (3, 1)
    assert parse_number(tokens(normalize("خمسة عشر")), 0) == (15, 2)


def test_rocket_attack_with_date_place_and_count() -> None:
    e = _event("وقال مصدران أمنيان عراقيان لرويترز إن 5 صواريخ على الأقل أطلقت أمس الأحد "
               "من بلدة زمار العراقية باتجاه قاعدة عسكرية أميركية في شمال شرق سوريا.")  # fmt: skip
    assert (e.plover, e.acled_subtype, e.weapon) == (
        "ASSAULT",
        "Shelling/artillery/missile attack",
        "rocket",
    )
    assert e.date == "2024-04-21" and "IQ-S-ZUMMAR" in e.places and (5, "صواريخ") in e.counts
    assert not e.background


def test_drone_strike_in_persian_with_killed_count_is_background() -> None:
    e = _event("حمله پهپادی در ۲۸ ژانویه منجر به کشته شدن سه سرباز آمریکایی در وسط صحرای اردن شد.")
    assert e.acled_subtype == "Air/drone strike" and e.weapon == "drone"
    assert (e.date, e.killed, e.background) == ("2024-01-28", 3, True)
    assert "JO" in e.places


def test_killed_and_injured_split() -> None:
    e = _event(
        "وفجر السبت أسفر انفجار وحريق داخل قاعدة عسكرية في العراق عن سقوط قتيل وثمانية جرحى."
    )
    assert (e.killed, e.injured, e.date) == (1, 8, "2024-04-20")
    e = _event("A drone strike killed at least three US soldiers and wounded 34 others on Sunday.")
    assert (e.killed, e.injured) == (3, 34)


def test_arabic_duals_count_two() -> None:
    assert _event("أفاد المرصد بمقتل شخصين في ضربة إسرائيلية على ريف دمشق.").killed == 2
    e = _event("أسفرت الغارة عن سقوط قتيلين وثلاثة جرحى.")
    assert (e.killed, e.injured) == (2, 3)
    # "مدنيين" is plural as often as dual: no count is guessed
    assert _event("قتل مدنيين في قصف على البلدة.").killed is None


def test_no_casualties_is_zero_not_unknown() -> None:
    e = _event("لكن لم تقع إصابات أو أضرار في البنية التحتية جراء الهجمات الصاروخية.")
    assert e.injured == 0 and e.killed is None


def test_hedged_and_denied_modality() -> None:
    e = _event("قتلوا في غارة جوية ربما تكون الولايات المتحدة قد نفذتها في مدينة كركوك.")
    assert "hedged" in e.modality and e.acled_subtype == "Air/drone strike"
    e = _event("ونفت القيادة المركزية الأميركية أي مسؤولية لها عن الانفجار الذي وقع السبت.")
    assert "denied" in e.modality


def test_sentences_without_triggers_give_no_event() -> None:
    assert extract_events("وقال رئيس الوزراء إن الحكومة ستواصل الحوار مع الشركاء.", anchor=ANCHOR,
                          settings=S) == []  # fmt: skip


def test_sentence_spans_cover_the_text_as_written() -> None:
    text = "انفجار في بغداد. وقتل اثنان!\nهل هناك ضحايا؟ نعم"
    assert [text[s.start : s.end] for s in sentence_spans(text)] == [
        "انفجار في بغداد.", "وقتل اثنان!", "هل هناك ضحايا؟", "نعم"]  # fmt: skip


def test_an_abbreviation_or_a_decimal_ends_no_sentence() -> None:
    # the regex splitter had cut "Seven U.S." | "soldiers are killed", losing the count
    text = "Seven U.S. soldiers are killed near Kirkuk. Dr. Smith said 1.5 million fled at 5 a.m."
    assert [text[s.start : s.end] for s in sentence_spans(text, "en")] == [
        "Seven U.S. soldiers are killed near Kirkuk.",
        "Dr. Smith said 1.5 million fled at 5 a.m."]  # fmt: skip
    (e,) = extract_events(text, anchor=ANCHOR, settings=S, lang="en")
    assert e.killed == 7
    text = "به گزارش خبرگزاری فارس، سه نفر کشته شدند. این حادثه در تهران رخ داد."
    assert len(sentence_spans(text)) == 2


@pytest.mark.parametrize(
    ("text", "lang", "count"),
    # a real end stays cut (a fresh-eyes review: joins had swallowed them): before a closing
    # quote, after a short word sentencex ends, and in Arabic, whose unmatched quotation marks
    # sentencex reads as one span to the paragraph's end
    [('He said "stop." Then he left.', "en", 2), ("He died. Police said he was shot.", "en", 2),
     ("It happened in the U.S. The next day, police came.", "en", 2),
     ('قال إن "المتهمين سيتم التحقيق معهم». وأعلن مصدر مقتل 10 مسلحين في هجوم على سنجار. '
      "وأضاف إن عنصرين من البيشمركة أصيبا بجروح.", "ar", 3),
     ("وقد استشهد ضد تلك الخلايا (37) سبعة وثلاثون، كما قتل في هذه العمليات (6) ستة إرهابيين .",
      "ar", 1)],
)  # fmt: skip
def test_a_real_end_of_sentence_stays_cut(text: str, lang: str, count: int) -> None:
    assert len(sentence_spans(text, lang)) == count


def test_event_spans_point_into_the_original() -> None:
    text = "مقدمة.\nوأسفر هجوم بطائرة مسيرة في 28 يناير عن مقتل 3 جنود أميركيين."
    (e,) = extract_events(text, anchor=ANCHOR, settings=S)
    assert text[e.span.start : e.span.end] == e.sentence
    assert text[e.trigger_span.start : e.trigger_span.end] == e.trigger == "طائرة مسيرة"


def test_victims_are_kept_as_written() -> None:
    e = _event("وأسفر هجوم بطائرة مسيرة في 28 يناير عن مقتل 3 جنود أميركيين في وسط الصحراء.")
    assert (e.killed, e.victims) == (3, "3 جنود أميركيين")
    e = _event("حمله پهپادی در ۲۸ ژانویه منجر به کشته شدن سه سرباز آمریکایی در وسط صحرای اردن شد.")
    assert e.victims == "سه سرباز آمریکایی"


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Three Iraqi soldiers were killed in a rocket attack on Camp Kalsu.", 3),
        ("در حمله موشکی به اردوگاه کالسو روز شنبه 20 آوریل 2024 پنج نفر کشته شدند.", 5),
        ("Five rockets killed two soldiers at the base.", 2),  # rockets are not victims
        ("قتل ثلاثة جنود عراقيين في هجوم صاروخي على القاعدة.", 3),
    ],
)
def test_a_number_before_the_victims_counts_them(text: str, killed: int) -> None:
    assert _event(text).killed == killed


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # a victim noun of the field's agent dictionary between the count and the verb
        ("Seven police commandos are killed in an attack in the state of Maharashtra.", 7, None),
        ("Seven people are dead and 14 others injured after a bomber blew himself up.", 7, 14),
        ("A car bomb at a bus stop kills at least 51 people and injures another 75.", 51, 75),
        # one person: "is" or "was" before the verb
        ("A journalist is shot dead by unidentified gunmen in Srinagar.", 1, None),
        ("One of his bodyguards was also killed in the shooting.", 1, None),
    ],
)
def test_english_tolls_in_headline_forms(text: str, killed: int, injured: int | None) -> None:
    e = _event(text)
    assert (e.killed, e.injured) == (killed, injured)


def test_a_year_closing_a_date_is_not_a_count() -> None:
    e = _event("حمله موشکی به اردوگاه کالسو روز شنبه 20 آوریل 2024 کشته شدند.")
    assert e.killed != 2024
    # "last July, 2015": a word of Arabic grammar between the month and its year (a fresh-clone
    # trial, SaudiNewsNet: killed 2015)
    e = _event("وكان المتهم قد اعترف في 16 يوليو الماضي 2015 بقتل خاله في منزله بالرياض.")
    assert e.killed != 2015


def test_a_time_of_day_is_not_a_count() -> None:
    # a fresh-clone trial (Wikinews): "(0120 UTC)" was read as 120 killed
    assert _event("Police said the man died at the scene at 0120 GMT on Sunday.").killed != 120
    assert _event("Gunmen killed 4 people at a market at 10 a.m. on Monday.").killed == 4
    # ... but "local" before people is theirs (a fresh-eyes review)
    assert _event("Gunmen killed 12 local policemen in Anbar on Monday.").killed == 12


def test_the_wounded_others_are_victims_not_the_actor_and_end_before_a_date() -> None:
    e = _event("قتل جنديان وأصيب ثلاثة آخرون منذ يومين في انفجار عبوة ناسفة قرب الموصل.")
    assert (e.killed, e.injured) == (2, 3)
    assert e.actor is None and e.victims == "ثلاثة آخرون"


def test_an_assault_typed_by_its_casualty_words_alone_takes_one_as_trigger(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # SaudiNewsNet (real gold, dev split), its "المواجهات" (the clashes, an event-lexicon
    # trigger since 2026-12-07) read "الأحداث" (the events): no event-lexicon trigger, no CAMEO
    # verb of ASSAULT; the classifier types it ASSAULT
    text = ("واصيب رئيس قسم المتفجرات في الشرطة بيازيد تشيكين في الأحداث وتوفي في المستشفى "
            "متأثرا بجروحه، وفق المصدر.")  # fmt: skip
    (e,) = extract_events(text, anchor=date(2015, 8, 11), settings=Settings(), lang="ar")
    assert e.plover == "ASSAULT" and e.type_source == "model"
    # with no word the type model weighs enough, the first casualty word is the trigger
    import khabar.extract.events as events

    monkeypatch.setattr(events, "evidence_word", lambda *args: None)
    (e,) = extract_events(text, anchor=date(2015, 8, 11), settings=Settings(), lang="ar")
    assert e.plover == "ASSAULT" and e.trigger == "واصيب"
    # a road crash, a player hurt: the classifier leans to ASSAULT, but not surely
    for other in ("أصيب خمسة أشخاص في حادث سير على طريق الرياض.",
                  "أصيب اللاعب في مباراة الأمس وغاب عن التدريب."):  # fmt: skip
        assert extract_events(other, anchor=None, settings=Settings(), lang="ar") == []


@pytest.mark.parametrize(
    ("text", "killed"),
    [("- برازان التكريتي در مزرعه خود در منطقه الرمادي كشته شد .", 1),  # Fars News
     ("در این حمله سربازان آمریکایی کشته شدند.", None),  # a plural verb tells no number
     ("در این حمله پنج سرباز کشته شدند.", 5)],
)  # fmt: skip
def test_a_persian_singular_verb_after_a_casualty_word_is_one(text: str, killed: int | None) -> None:
    (e,) = extract_events(text, anchor=None, settings=Settings(), lang="fa")
    assert e.killed == killed


@pytest.mark.parametrize("civilian", ["غیر نظامی", "غیرنظامی", "غير نظامي"])
def test_a_persian_word_after_non_is_one_word_of_the_count(civilian: str) -> None:
    """Fars News (Apache-2.0), the fresh-clone trial's sentence: one civilian killed and six
    hurt, whether غیر ("non-") is written apart, joined or in Arabic letters (read as six
    killed when apart)."""
    text = f"در اثر آن يك {civilian} كشته و شش نفر ديگر زخمي شدند."
    (e,) = extract_events(text, anchor=None, settings=Settings(), lang="fa")
    assert (e.killed, e.injured) == (1, 6)


@pytest.mark.parametrize(("text", "lang"), [
    # a trial's row (SaudiNewsNet 2015): an embassy says a reported death did not happen
    ("أكدت السفارة أنه لا صحة لما يتم تداوله في مواقع التواصل عن مقتل مواطن في إربد.", "ar"),
    ("ولا صحة لما تردد عن مقتل جنود في هجوم على الأكمنة.", "ar"),
    ("There is no truth to reports that the commander was killed in Aleppo.", "en"),
])  # fmt: skip
def test_no_truth_to_a_report_denies_it(text: str, lang: str) -> None:
    assert "denied" in _doc_event(text, lang).modality
    health = _doc_event("قتل خمسة في انفجار قرب مبنى وزارة الصحة في بغداد.", "ar")
    assert "denied" not in health.modality  # a word of truth without a negation
    # another clause, and a word of health (a fresh-eyes review's cases)
    other = _doc_event("وأكد المتحدث عدم صحة الأنباء عن انسحاب القوات، مشيرا إلى أن غارة جوية "
                       "قتلت خمسة مسلحين في الموصل.", "ar")  # fmt: skip
    assert other.killed == 5 and "denied" not in other.modality
    hurt = _doc_event("الجريح ليس بصحة جيدة بعد أن أصيب في انفجار عبوة ناسفة في بغداد.", "ar")
    assert "denied" not in hurt.modality
    first = _doc_event("Explosion kills five in Baghdad.", "en")  # the trigger first
    assert first.trigger == "Explosion" and first.modality == []


def test_a_denial_after_the_trigger_denies_something_else() -> None:
    s = Settings()
    (e,) = extract_events("Houthi forces fired a ballistic missile at Jizan, and the coalition "
                          "denied it caused damage.", anchor=None, settings=s, lang="en")  # fmt: skip
    assert "denied" not in e.modality and e.actor == "HOUTHI"
    (e,) = extract_events("ونفت القيادة العسكرية الأميركية أي مسؤولية لها عن الانفجار.",
                          anchor=None, settings=s, lang="ar")  # fmt: skip
    assert "denied" in e.modality
    (e,) = extract_events("پنتاگون هرگونه نقش در انفجار روز شنبه را تکذیب کرد.", anchor=None,
                          settings=s, lang="fa")  # fmt: skip
    assert "denied" in e.modality  # Persian: the verb ends the clause
    (e,) = extract_events("Reports that coalition jets bombed the hospital were denied by the "
                          "Saudi-led coalition.", anchor=None, settings=s, lang="en")  # fmt: skip
    assert "denied" in e.modality  # a passive denial after the trigger


def test_a_killing_word_lowers_the_bar_for_an_assault() -> None:
    # SaudiNewsNet title (dev split): the detector is 0.50 sure, the classifier says ASSAULT
    (e,) = extract_events("استشهاد رجل أمن أثناء تفتيش مركبة بالقطيف", anchor=None,
                          settings=Settings(), lang="ar")  # fmt: skip
    assert e.plover == "ASSAULT" and e.killed == 1


@pytest.mark.parametrize(
    ("text", "plover", "trigger"),
    [("خرجت مظاهرات حاشدة في عدة مدن.", "PROTEST", "مظاهرات"),
     ("نظم عمال المصنع إضرابا عن العمل للمطالبة برفع الأجور.", "PROTEST", "إضرابا"),
     ("اعتصم المئات أمام مبنى البرلمان.", "PROTEST", "اعتصم"),
     # the protesters are who was killed: a killing, its trigger the killing word
     ("قتل ثلاثة متظاهرين برصاص قوات الأمن في الناصرية.", "ASSAULT", "قتل")],
)  # fmt: skip
def test_arabic_protests_and_what_is_done_to_protesters(text: str, plover: str,
                                                        trigger: str) -> None:  # fmt: skip
    s = Settings()
    (e,) = extract_events(text, anchor=None, settings=s, lang="ar",
                          mentions=Mentions.of(text, anchor=None, settings=s, lang="ar"))  # fmt: skip
    assert (e.plover, e.trigger) == (plover, trigger)


def test_a_diplomatic_protest_note_is_no_protest() -> None:
    text = "استدعت وزارة الخارجية السفير وسلمته مذكرة احتجاج."
    assert all(e.plover != "PROTEST" for e in
               extract_events(text, anchor=None, settings=Settings(), lang="ar"))  # fmt: skip


def test_a_weapon_named_like_an_agent_stays_the_trigger_of_a_killing() -> None:
    # sample 001: "بطائرة من دون طيار" (a drone) is also an agent (aircraft) of the PETRARCH
    # lists; a killing word in the sentence must not drop it as the protest participants are
    s = Settings()
    text = "وأسفر هجوم بطائرة من دون طيار في 28 يناير عن مقتل ثلاثة جنود أميركيين."
    (e,) = extract_events(text, anchor=date(2024, 4, 22), settings=s, lang="ar",
                          mentions=Mentions.of(text, anchor=date(2024, 4, 22), settings=s,
                                               lang="ar"))  # fmt: skip
    assert (e.acled_subtype, e.weapon) == ("Air/drone strike", "drone")


@pytest.mark.parametrize(
    ("text", "killed"),
    [("قتل مدنيان في قصف على المدينة أمس.", 2), ("وقتل ناشطان في المواجهات بحسب المصدر.", 2)],
)
def test_an_arabic_dual_after_a_killing_word_counts_two(text: str, killed: int) -> None:
    assert _event(text).killed == killed


@pytest.mark.parametrize(
    ("text", "killed", "injured"),  # the fresh-clone trial's SaudiNewsNet tolls, 2015-07-31
    [("استشهد أحد رجال الأمن وأصيب آخر في هجوم مسلح على نقطة تفتيش.", 1, 1),
     ("قتل أحد المسلحين وأصيب اثنان آخران في اشتباك مع الشرطة.", 1, 2),
     ("أصيب أحد عشر شخصا في الانفجار.", None, 11),
     # a review's cases: nobody hurt is no one ("أحد" counts nobody); the guideline and the
     # casualty gold write 0 where the sentence says none were hurt (2026-12-03)
     ("سقطت قذيفة هاون على منزل في نجران ولم يصب أحد بأذى", None, 0),
     ("انفجرت عبوة ناسفة قرب دورية للشرطة دون أن يصاب أحد", None, 0),
     ("استهدف هجوم صاروخي القاعدة ولم يسفر عن مقتل أحد", 0, None),
     # and a drone is no negation: "طائرة بدون طيار"
     ("قصفت طائرة بدون طيار سيارة فقتلت أحد عناصر القاعدة", 1, None)],
)
def test_one_of_and_another_count_one(text: str, killed: int | None,
                                      injured: int | None) -> None:  # fmt: skip
    ev = _event(text)
    assert (ev.killed, ev.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),  # SaudiNewsNet, 2015-07; a review's cases
    [("وفي شرق اليمن، قتل ما لا يقل عن 17 حوثيا وأصيب ثمانية آخرون في المواجهات.", 17, 8),
     ("قصفت طائرة بدون طيار سيارة فقتلت 4 من عناصر القاعدة", 4, None),
     ("No fewer than 12 killed in a bomb attack on a market", 12, None),
     ("ولا يزال 7 جرحى في حالة حرجة بعد الهجوم على الحافلة", None, 7)],
)
def test_at_least_and_a_drone_are_no_negation(text: str, killed: int | None,
                                             injured: int | None) -> None:  # fmt: skip
    ev = _event(text)
    assert (ev.killed, ev.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),  # SaudiNewsNet, 2015-07/08 (not the casualty gold's own)
    [("قتل حوالي 29 فردا من الطوارق وجرح أربعة في الاشتباكات.", 29, 4),
     ("قال مسؤول ومصادر بالشرطة إن 12 شخصا على الأقل قتلوا عندما هاجم انتحاريان حمام سباحة.",
      12, None),
     ("نتج عن التفجير استشهاد عشرة من منسوبي القوات، إضافة إلى ثلاثة من العاملين في الموقع، "
      "وإصابة تسعة آخرين.", 13, 9)],
)
def test_about_at_least_and_in_addition_to_in_arabic_counts(
        text: str, killed: int | None, injured: int | None) -> None:  # fmt: skip
    ev = _event(text)
    assert (ev.killed, ev.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),  # SaudiNewsNet: counts written against their word
    [("وفي اليوم التالي قتل مدنيان و12جريحا، بينهم أطفال ونساء في قصف حوثي.", 2, 12),
     ("أفاد مصدر بمقتل ما لا يقل عن 17حوثياً بينهم قيادي بارز خلال المواجهات.", 17, None)],
)
def test_a_count_glued_to_its_word_is_read(text: str, killed: int | None,
                                           injured: int | None) -> None:  # fmt: skip
    from khabar.extract.events import _unglued

    ev = _event(text)
    assert (ev.killed, ev.injured) == (killed, injured)
    # a Hijri year, a year, a unit stay whole (a review: "مقتل 1436هـ" read 1,436 killed)
    assert _unglued(["1436ه", "2015م", "5كم", "و12جريحا"]) == ["1436ه", "2015م", "5كم", "و",
                                                              "12", "جريحا"]


@pytest.mark.parametrize(
    "text",  # SaudiNewsNet, 2015-07/08: deaths by accident, typed as attacks before
    ["باشرت فرق الهلال الأحمر السعودي بمنطقة الرياض، مساء اليوم الجمعة، حادث تصادم بعد هجرة "
     "سعد شرق نتج عنه مصرع شخص وإصابة 4 آخرين منهم حالة حرجة.",
     "وفي حادث تصادم آخر بين مركبتين عند تقاطع السبهاني العام أصيب 6 أشخاص ونقلوا الى مستشفى "
     "النور لتلقي العلاج اللازم.",
     "أصيب مكي طميحي (20 عاما) بنزيف في الرأس ودخل في غيبوبة، إثر تعرضه لحادث سير، منذ أكثر "
     "من 15 يوما، ويرقد في مستشفى الملك فهد المركزي في جازان."],
)
def test_an_accident_is_no_assault(text: str) -> None:
    s = Settings()
    got = extract_events(text, anchor=date(2015, 8, 1), settings=s, lang="ar")
    assert not [e for e in got if e.plover == "ASSAULT"], [(e.trigger, e.type_source) for e in got]


def test_an_attack_word_beside_an_accident_word_stays_an_attack() -> None:
    # an event-lexicon trigger is kept: a ramming or an arson can be told in such words
    from khabar.extract.events import _accidental, _lexicon

    text = "قتل نتيجة الانفجار والحريق الذي وقع 11 شخصا وأصيب 17 آخرون."
    (e,) = extract_events(text, anchor=date(2015, 8, 1), settings=Settings(), lang="ar")
    assert (e.plover, e.type_source, e.injured) == ("ASSAULT", "lexicon", 17)
    assert not _accidental(["الانقلاب", "العسكري"], _lexicon(), "ar")  # a coup, not a crash
    # a review's cases: an armed party, a fire set on purpose, idioms
    for text, lang in (("قتل مسلحون عشرة أشخاص وأحرقوا منازلهم، واندلع حريق في السوق", "ar"),
                       ("Police killed 12 protesters, and the crackdown drew a flood of "
                        "condemnation", "en")):
        got = extract_events(text, anchor=date(2015, 8, 1), settings=Settings(), lang=lang)
        assert [e.plover for e in got] == ["ASSAULT"], text
    assert not _accidental(["حريق", "اضرمه", "مستوطنون"], _lexicon(), "ar")
    assert _accidental(["انقلاب", "مركبه"], _lexicon(), "ar")


def test_a_name_ending_like_a_dual_is_no_dual() -> None:
    from khabar.extract.events import _arabic_dual

    assert _arabic_dual("مدنيان") and _arabic_dual("جنديان")
    assert not _arabic_dual("لبنان") and not _arabic_dual("سلمان") and not _arabic_dual("بيان")


def test_a_number_of_victims_with_of_and_were_before_the_casualty_word() -> None:
    ev = _event("A spokesman says 19 of its fighters were killed and 35 injured in the strikes.")
    assert (ev.killed, ev.injured) == (19, 35)


def test_demonstrating_is_a_protest_and_pretending_is_not() -> None:
    # تظاهر: "to demonstrate" (PETRARCH CAMEO.ar [141]); before بـ "to pretend"
    s = Settings()
    (e,) = extract_events("تظاهر سكان الحي أمام مقر الحكومة", anchor=None, settings=s, lang="ar")
    assert (e.plover, e.trigger) == ("PROTEST", "تظاهر")
    found = extract_events("تظاهر بالإصابة في الدقيقة الأخيرة", anchor=None, settings=s,
                           lang="ar")  # fmt: skip
    assert all(e.trigger != "تظاهر" for e in found)
    (e,) = extract_events("تظاهر آلاف الطلاب بالعاصمة بغداد", anchor=None, settings=s, lang="ar")
    assert (e.plover, e.trigger) == ("PROTEST", "تظاهر")


def test_a_trigger_is_matched_in_its_own_language_only() -> None:
    # the lexicon's Arabic تظاهر is no trigger in Persian, where تظاهر is mostly "pretence"
    from khabar.extract.events import trigger_cues

    assert "lex=PROTEST" in trigger_cues("تظاهر سكان الحي", "ar")
    assert "lex=PROTEST" not in trigger_cues("تظاهر سكان الحي", "fa")
    assert "lex=PROTEST" in trigger_cues("تظاهرات مردم در تهران", "fa")


def test_a_bare_masira_is_a_drone_only_beside_an_attack() -> None:
    # مسيرة: a march, a career, a journey; a drone "with" one, an explosive-laden one, or
    # beside another trigger of an attack
    s = Settings()

    def types(text: str) -> list[str]:
        return [e.plover for e in extract_events(text, anchor=None, settings=s, lang="ar")]

    assert "ASSAULT" not in types("وبعد مسيرة علمية مباركة توفي أستاذنا يوم الجمعة")
    assert "ASSAULT" not in types("ويرى الكثيرون أن الفوز سيخدم مسيرة الفريق")
    assert types("استهدفت مسيرة موقعا للجيش")[:1] == ["ASSAULT"]
    assert types("أسقطت الدفاعات الجوية مسيرة مفخخة")[:1] == ["ASSAULT"]
    assert types("خرجت مسيرة احتجاجية في بغداد")[:1] == ["PROTEST"]
    assert "ASSAULT" not in types("شارك الآلاف بمسيرة في بغداد")  # "in a march"
    # a stabbing at a march is a stabbing, not a drone strike (fresh-clone trial)
    stabbed = ("قالت الشرطة إن يهوديا متشددا طعن ستة مشاركين في مسيرة سنوية للمثليين في القدس "
               "وأصابهم بجروح وقالت الشرطة أيضا إنه سجن لإدانته في هجوم مماثل")  # fmt: skip
    found = extract_events(stabbed, anchor=None, settings=s, lang="ar")
    assert found and all(e.weapon != "drone" for e in found)
    assert not any("Air/drone" in (e.acled_subtype or "") for e in found)


def test_a_condemnation_before_the_attack_is_the_event_the_sentence_reports() -> None:
    s = Settings()
    (e,) = extract_events("استنكر السفير العمل الإرهابي الذي استهدف المسجد", anchor=None,
                          settings=s, lang="ar")  # fmt: skip
    assert e.plover == "ACCUSE"
    (e,) = extract_events("The ministry condemned the attack on the mosque.", anchor=None,
                          settings=s, lang="en")  # fmt: skip
    assert e.plover == "ACCUSE"
    # a court's sentence is no condemnation; يدين is also "two hands"
    found = extract_events("The court condemned him to death for the bombing.", anchor=None,
                           settings=s, lang="en")  # fmt: skip
    assert all(e.trigger != "condemned" or e.plover != "ACCUSE" for e in found)
    found = extract_events("فقد الطفل يدين اثنتين في الغارة الجوية على القرية.", anchor=None,
                           settings=s, lang="ar")  # fmt: skip
    assert [e.plover for e in found][:1] == ["ASSAULT"]


def test_a_protest_where_people_clash_or_die_stays_a_protest() -> None:
    # PLOVER codes a violent demonstration as PROTEST riot; protesters shot are an ASSAULT
    s = Settings()
    (e,) = extract_events("نظم السكان اعتصاما أمام مقر الحكومة واصطدموا بالشرطة ما أدى لمقتل شاب",
                          anchor=None, settings=s, lang="ar")  # fmt: skip
    assert e.plover == "PROTEST"
    (e,) = extract_events("قتل ثلاثة متظاهرين برصاص قوات الأمن في بغداد", anchor=None,
                          settings=s, lang="ar")  # fmt: skip
    assert (e.plover, e.killed) == ("ASSAULT", 3)


@pytest.mark.parametrize(
    ("text", "value"),
    [("300 ألف شخص", 300_000), ("ثلاثة آلاف", 3000), ("سه هزار نفر", 3000),
     ("2 million people", 2_000_000), ("ألف شخص", 1000), ("forty-five thousand", 45_000),
     ("three hundred thousand", 300_000)],
)  # fmt: skip
def test_a_thousand_or_million_word_multiplies_the_number_before_it(text: str, value: int) -> None:
    assert parse_number(tokens(normalize(text)), 0)[0] == value


@pytest.mark.parametrize(
    ("text", "value"),
    # number words the table lacked (training sentences read no count: "killing at least
    # fourteen people", "Thirty-four people are killed"), and hundreds
    [("fourteen people", 14), ("Eighteen people die", 18), ("Thirty-four people", 34),
     ("twenty-one", 21), ("sixty", 60), ("two dozen", 24), ("three hundred", 300),
     ("two hundred and fifty", 250), ("twelve hundred", 1200), ("ثلاثمائة وخمسين", 350),
     ("مئتي قتيل", 200), ("ثلاث مئة", 300), ("چهارده نفر", 14), ("سیصد نفر", 300),
     ("هجده نفر", 18), ("one hundred and twenty-five", 125), ("one hundred twenty-five", 125),
     ("a hundred and fifty", 150), ("two hundred and fifty thousand", 250_000),
     ("ثلاثمائة وخمسين ألف", 350_000), ("بیست و پنج نفر", 25)],
)  # fmt: skip
def test_teens_tens_and_hundreds_in_words(text: str, value: int) -> None:
    words = tokens(normalize(text))
    assert parse_number(words, 1 if words[0] == "a" else 0)[0] == value


@pytest.mark.parametrize(
    ("text", "lang", "killed"),
    # a number of several words before the casualty word is read from its first word (a
    # review: the rules had read the 4 of "Thirty-four"), a year in words is none
    [("Thirty-four people were killed in the attack.", "en", 34),
     ("At least twenty-one soldiers were killed.", "en", 21),
     ("One hundred and twenty-five people were killed in the blast.", "en", 125),
     ("در این حمله بیست و پنج نفر کشته شدند.", "fa", 25),
     ("Two hundred and fifty thousand people have been killed in the war.", "en", 250_000),
     ("The massacre of nineteen eighty-two killed many.", "en", None),
     # a range gives its lower number (the guideline, section 7)
     ("Between 20 and 30 people were killed in the attack.", "en", 20),
     ("20 or 30 people were killed in the attack.", "en", 20),
     ("قتل بين 20 و30 شخصا في الهجوم.", "ar", 20),
     ("در این حمله ۲۰ تا ۳۰ نفر کشته شدند.", "fa", 20),
     ("قتل 5 جنود و12 مدنيا في القصف.", "ar", 17)],
)  # fmt: skip
def test_numbers_of_several_words_count_whole(text: str, lang: str, killed: int | None) -> None:
    (e,) = extract_events(text, anchor=None, settings=S, lang=lang)
    assert e.killed == killed


@pytest.mark.parametrize(
    "text",
    ["قتل عشرات المدنيين في القصف.", "Dozens of people were killed in the blast.",
     "Several soldiers were killed in the attack.", "چندین نفر در این حمله کشته شدند.",
     "About a dozen people were killed in the attack."],
)  # fmt: skip
def test_a_vague_quantity_is_no_count(text: str) -> None:
    # the guideline (docs/annotation.md, section 7): "dozens", "a number of" give no count
    lang = "ar" if "قتل" in text else "fa" if "کشته" in text else "en"
    events = extract_events(text, anchor=None, settings=Settings(), lang=lang)
    assert events and all(e.killed is None for e in events), text


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # a second group joined by و: a singular victim noun, or a number and its noun
        ("قتل 5 شرطيين وجندي في هجوم على مركز للشرطة.", 6),
        ("قتل 5 شرطيين و3 جنود في هجوم على مركز للشرطة.", 8),
        ("مقتل 5 أشخاص وإصابة 3 آخرين في انفجار.", 5),
        # a verb-first Arabic clause: where and when stand between the verb and the count
        ("قتل في الموصل أمس الجمعة 4 مدنيين وشرطي في هجوم.", 5),
        ("وقتل في الهجوم 3 جنود وأصيب 7 آخرون.", 3),
        # the victims a plural of a nisba noun names, past a pronoun's preposition
        ("وصدت القوات هجوما قتل خلاله 7 داعشيين.", 7),
        ("وقتل فيها أكثر من 9 حوثيين بحسب المصادر.", 9),
        ("Two policemen and three civilians were killed in the blast.", 5),
        ("Twenty five soldiers and three civilians were killed.", 28),  # not 5 + 3
        # one named victim and N others
        ("قتل القائد العسكري للتنظيم وثلاثة آخرون في غارة على الرقة.", 4),
        ("قتل الجيش القائد أبو محمد و12 مسلحا آخرين في غارة.", 13),
        # one victim by the verb's form or the object's
        ("The prosecutor dies in a bomb attack in Cairo.", 1),
        ("Police kill the suspect and are treating the attack as terrorism.", 1),
        ("Police killed the gunmen after a siege.", None),
        ("Gunmen killed a police officer near the border.", 1),
        # a relative clause after the one victim says more of him, it names no other
        ("Police shoot dead a gunman who fired at the palace.", 1),
        ("Soldiers shoot dead a man whom they saw with a knife.", 1),
        ("Troops kill a fighter, who had attacked a checkpoint.", 1),
        ("Gunmen killed a man who had killed 3 people.", 1),  # the clause's own numbers
        ("Troops killed a commander who led 200 fighters.", 1),
        ("Gunmen killed a WHO doctor in Pakistan.", 1),  # an acronym, no relative pronoun
        ("Gunmen killed a soldier who was off duty and a civilian.", 2),  # the list goes on
        ("Militants killed a boy who was 15 and his mother.", 2),
        ("Gunmen killed a soldier who was on guard and a man was arrested.", 1),
        ("أصيب جندي بطلقات نارية أثناء دورية، ما أدى لاستشهاده.", 1),
        ("Gunmen killed 83-year-old Walter Moody in his home.", None),  # an age is no count
        # a group and one more victim, in either order (enumerated victims are counted)
        ("The attack killed two US soldiers and a British contractor.", 3),
        ("Two US soldiers and a British contractor were killed in the attack.", 3),
        ("Three soldiers and a civilian were killed.", 4),
        ("He said a soldier and a civilian were killed.", 2),
        ("A child and two women died in the shelling.", 3),
        ("Gunmen killed a policeman and two civilians in Kirkuk on Monday.", 3),
        ("The attack killed a soldier and wounded two others.", 1),  # "and" joins verbs
        ("قتل ثلاثة جنود وطفلان في القصف.", 5),  # a dual joined by و
        # an Arabic group runs on past a partitive or adjectives to the joined و
        ("ما أدى إلى مقتل عنصرين من الجيش الأمريكي ومتعاقد بريطاني، وإصابة 12 آخرين.", 3),
        ("ما أدى إلى مقتل 5 من أفراد الأمن العراقي ومدني.", 6),
        ("مقتل جنديين عراقيين وإصابة 3 آخرين.", 2),  # وإصابة opens the wounded's clause
        ("مقتل جنديين من الجيش الأمريكي ومتعاقد بريطاني.", 3),
        ("مقتل 3 جنود أتراك وجندي.", 4),
        # ... but not into who shot them (برصاص), nor into a new clause
        ("مقتل عنصرين برصاص جندي وشرطي إسرائيليين.", 2),
        ("مقتل 5 من عناصر الأمن برصاص جندي وشرطي.", 5),
        # ... nor past "among them": the group after it is part of the first
        ("قتل سبعة أشخاص بينهم امرأتان وثلاثة أطفال.", 7),
        ("قتل خمسة أشخاص من بينهم ثلاث نساء وطفلان.", 5),
        ("The strike killed three fighters and a military spokesman said the toll may rise.", 3),
        ("The shelling killed two children and a woman was rescued.", 2),
        ("Gunmen killed two guards and a driver was kidnapped.", 2),
        ("In 2019 troops and a contractor were killed in the attack.", None),  # a year
        ("Since 2014 soldiers and a contractor have been killed.", None),
        ("In 2019 troops were killed in the attack.", None),
    ],
)
def test_victims_joined_or_singular_are_counted(text: str, killed: int | None) -> None:
    assert _event(text).killed == killed


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # one victim before a participle whose "was" is left out ("... and a journalist
        # injured", a headline), not a preposition's object nor an agent's active verb
        ("A soldier was killed and a policeman injured.", 1, 1),
        ("Two soldiers were killed and an Afghan policeman wounded in the attack.", 2, 1),
        ("A bomb exploded in Kabul, with one soldier dead and a policeman wounded.", 1, 1),
        ("A policeman wounded in a bomb attack in Kabul.", None, 1),
        ("A bomb exploded near the home of a man killed in the war.", None, None),
        ("A gunman killed people in a mosque.", None, None),
        ("Rebels wounded a boy whose father was a policeman.", None, 1),
    ],
)
def test_one_victim_before_a_participle_is_counted(text: str, killed: int | None,
                                                   injured: int | None) -> None:  # fmt: skip
    e = _event(text)
    assert (e.killed, e.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "lang", "killed", "injured"),
    [
        # people named one by one are counted (docs/annotation.md), by the recogniser's names
        ("Protests grew after the police killing of Rayshard Brooks in Atlanta.", "en", 1, None),
        ("Police shot dead John Smith and Mary Jones in Dallas.", "en", 2, None),
        ("John Smith and Mary Jones were killed in a shooting in Texas.", "en", 2, None),
        ("Helmin Wiels, leader of the largest party in Curaçao, is assassinated.", "en", 1, None),
        ("وأسفر الانفجار عن إصابة العقيد هشام العزب والرائد أحمد فكري.", "ar", None, 2),
        # a title and its adjective between: "the Palestinian infant X"
        ("وأدان البيان مقتل الرضيع الفلسطيني علي دوابشة في هجوم المستوطنين.", "ar", 1, None),
        # ... not a name the casualty word does not reach, nor under a negation
        ("Police chief John Smith said the blast killed nobody.", "en", None, None),
        ("Nobody was killed, police chief John Smith said.", "en", 0, None),
        ("Governor John Smith condemned the killing in Kabul on Monday.", "en", None, None),
        # a review's cases: a speaker, a new clause's subject, a shooter, a father, a speaker
        # after و, an attempt, a denial are no victims
        ("Civilians were killed, Ahmad Vahidi said.", "en", None, None),
        ("Police shot dead John Smith, Mike Brown said.", "en", 1, None),
        ("According to Mike Brown, John Smith and Mary Jones were killed in the blast.", "en",
         2, None),
        ("A gunman killed John Smith and Mary Jones was wounded.", "en", 1, 1),
        ("مقتل أحمد حسن برصاص محمد علي في بغداد.", "ar", 1, None),
        ("أعلن الجيش مقتل أحمد حسن نجل محمود عباس.", "ar", 1, None),
        ("أسفر القصف عن إصابة أحمد حسن، وقال محمود عباس إن الهجوم جريمة.", "ar", None, 1),
        pytest.param("قتل محمد علي زوجته وأطفاله الثلاثة.", "ar", 4, None,
                     marks=pytest.mark.xfail(strict=True, reason="the count reader reads one "
                                             "person: the wife and three children are 4")),
        ("Gunmen tried to kill John Smith on Monday.", "en", None, None),
        ("Hamas denied that Yahya Sinwar and Mohammed Deif were killed.", "en", None, None),
        ("The attack killed Ahmed Hassan, Ali Khalil and Omar Said, the ministry said.", "en",
         3, None),
    ],
)
def test_named_victims_are_counted(text: str, lang: str, killed: int | None,
                                   injured: int | None) -> None:  # fmt: skip
    e = _doc_event(text, lang)
    assert (e.killed, e.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # Arabic "كل من" names the victims one by one: each joined by و is one more
        # (SaudiNewsNet, 2015: an execution statement, a Riyadh patrol, a Yemeni source)
        ("أقدم ساير الرشيدي على قتل كل من محمد ولافي ابني عبدي بن عبدالله المظيبري - سعوديي "
         "الجنسية - وذلك بإطلاق النار عليهما.", 2, None),
        pytest.param(
            "استهداف دورية الأمن شرقي مدينة الرياض واستشهاد كل من الجندي أول ثامر عمران المطيري "
            "والجندي أول عبدالمحسن خلف المطيري.", 2, None,
            marks=pytest.mark.xfail(strict=True, reason=(
                "a headline's verbal nouns, no verb: the event detector retrained on 2026-12-05 "
                "(events.md) is 0.16 sure of an event, below the casualty bar 0.3, so no event "
                "is read; the count of كل من is the other cases'"))),
        ("فيما أصيب في الهجوم كل من أبو أحمد المزحاني المشرف الأمني في مديرية الحزم والقيادي أبو "
         "أحمد الصلاحي.", None, 2),
        ("مطلوب للعدالة لإقدامه على قتل كل من ستيفن سوتلوف، وجايمس فولي، وديفيد هاينز.", 3, None),
        # ... or opens a relative clause, everyone who: no number, and not one person
        # (a crash alone is an accident now, no event: the plane is shot down here)
        ("أسقط مسلحون الطائرة في إقليم سيزار مما أدى إلى مقتل كل من كانوا على متنها.", None,
         None),
        ("دمرت القوات عربة عسكرية قرب بلدة أمعين وقتل كل من كان بداخلها.", None, None),
        # a review's cases: places after "في كل من", a word in و after the list ends (a
        # relative pronoun, a verb after the event's words), a clause with و inside, علي
        ("قتل العشرات في كل من دوما وحرستا جراء القصف.", None, None),
        ("قتل كل من محمد وأحمد في الهجوم والذي وقع أمس.", 2, None),
        ("أصيب كل من محمد وأحمد بجروح طفيفة في الانفجار ونقلا إلى المستشفى.", None, 2),
        ("مقتل كل من كان في السيارة والحافلة.", None, None),
        ("مقتل كل من الجندي محمد الشهري وعلي القحطاني.", 2, None),
        ("مقتل كل من علي القحطاني ومحمد الشهري.", 2, None),
    ],
)
def test_arabic_each_of_counts_the_people_it_names(text: str, killed: int | None,
                                                   injured: int | None) -> None:  # fmt: skip
    e = _doc_event(text, "ar")
    assert (e.killed, e.injured) == (killed, injured)


@pytest.mark.parametrize(
    "text",
    ["Gunmen killed a soldier and two others were wounded.",
     "The blast killed a soldier and two civilians were wounded."],
)
def test_the_object_of_a_killing_is_not_counted_among_the_wounded_of_the_next_clause(
    text: str,
) -> None:
    e = _event(text)
    assert (e.killed, e.injured) == (1, 2)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # a last victim whose phrase the words cannot see end (no commas): still counted
        ("The blast killed two soldiers and a child, police said.", 3, None),
        ("The blast killed two soldiers and a boy aged 12.", 3, None),
        ("Gunmen killed two soldiers and a civilian who was passing by.", 3, None),
        # a passive casualty word has no object: the phrase after it is the next clause's
        ("Two people were killed, a soldier and three civilians were wounded.", 2, 4),
        # a four-digit count after "of" is a toll, not a year
        ("A total of 1500 people were killed in the fighting.", 1500, None),
        # Arabic: a word that only starts with ب / ل is no preposition (لواء, بلدة, لبنانيين)
        ("مقتل 5 من مقاتلي لواء فاطميون ومدني.", 6, None),
        ("مقتل 3 جنود لبنانيين ومدني.", 4, None),
    ],
)
def test_enumerated_victims_after_the_review(text: str, killed: int, injured: int | None) -> None:
    e = _event(text)
    assert (e.killed, e.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # a second group of the same kind, in a conjunct of its own with its own count
        ("ما تسبب بإصابة اثنين من أفراد القوة الجوية العراقية وجرح 3 جنود من التحالف.", None, 5),
        ("The attack wounded two soldiers and injured three civilians.", None, 5),
        ("قتل 3 جنود وقتل مدنيان في القصف.", 5, None),
        # ... not a toll updated in another clause
        ("مقتل 3 أشخاص وارتفع عدد القتلى إلى 5.", 3, None),
    ],
)
def test_two_groups_of_one_kind_are_added(text: str, killed: int | None, injured: int | None) -> None:
    e = _event(text)
    assert (e.killed, e.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # after call on, hold responsible: the object does the act, not the subject
        ("دعت الأمم المتحدة إسرائيل إلى وقف قصف غزة.", "IL-GOV"),
        ("حملت الحكومة العراقية تنظيم داعش مسؤولية تفجير انتحاري في بغداد.", "IS"),
    ],
)
def test_the_object_of_an_accusation_or_appeal_stays_the_actor_of_its_act(
    text: str, actor: str
) -> None:
    assert _rule_event(text, "ar").actor == actor


@pytest.mark.parametrize(
    ("text", "lang", "actor", "target"),
    [
        # an accusation or a condemnation before the act is what the sentence reports
        # (docs/annotation.md, section 4; the real gold codes them so): ACCUSE, the accuser
        # its actor, the accused its recipient
        ("واتهمت الولايات المتحدة كتائب حزب الله بتنفيذ الهجوم الصاروخي على قاعدة التاجي.", "ar",
         "US-GOV", "KH"),
        ("كما دان النائب عبدالله العدواني الحادث الإرهابي الذي استهدف مسجدا في منطقة عسير.", "ar",
         "عبدالله العدواني", None),
        ("Israeli Prime Minister Benjamin Netanyahu blames the Islamic State for the attack.",
         "en", "BENJAMIN_NETANYAHU", "IS"),
    ],
)
def test_an_accusation_of_an_attack_is_an_accusation(
    text: str, lang: str, actor: str, target: str | None
) -> None:
    e = _doc_event(text, lang)
    assert (e.plover, e.actor, e.target) == ("ACCUSE", actor, target)


@pytest.mark.parametrize(
    "text",
    [
        # the accusation is the sentence's own verb, however sure the classifier is of the
        # attack it names (Wikipedia Current Events items)
        "China's top security official blames the East Turkestan Islamic Movement for a suicide "
        "attack that killed five people at the Tiananmen Gate in Beijing on Monday.",
        "The Syrian opposition accuses the Syrian army of launching a chemical attack on the Jobar "
        "neighborhood of Damascus, killing at least six people.",
    ],
)
def test_a_present_tense_accusation_stays_an_accusation(text: str) -> None:
    assert _event(text).plover == "ACCUSE"


@pytest.mark.parametrize(
    "text",
    [
        # ... not where a clause of its own follows it, nor in a relative clause (a review's
        # cases)
        "Pakistan condemns the drone strike, and a suicide bomber kills 15 people at a market.",
        "Iran blames Israel for the blast; a second explosion kills three guards at the site.",
        "A militant who accuses the army of torture carries out a suicide bombing in Kabul, "
        "killing 20.",
    ],
)
def test_an_accusation_beside_other_news_leaves_the_classifier_its_say(text: str) -> None:
    assert _event(text).plover == "ASSAULT"


def test_an_accusation_in_a_later_clause_leaves_the_first_its_type() -> None:
    # a semicolon's second clause: the first clause's sentence stays the news
    text = ("Iranian human-rights lawyer Nasrin Sotoudeh is sentenced to 11 years in prison; "
            "France condemns the punishment as deeply shocking.")
    assert _event(text).plover == "SANCTION"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a verb of the lexicon is no trigger after a preposition or ف, nor inside a name:
        # بيتهم (their house), فدان (an acre), Dan the spokesman
        ("زرعت الشركة خمسمئة فدان من القمح في الوادي.", "ar"),
        ("عاد الرجل إلى بيتهم في حي العجلية.", "ar"),
        ("وقال دان لويد المتحدث باسم الشركة إن الممثل عاد إلى بريطانيا.", "ar"),
    ],
)
def test_a_verb_trigger_needs_a_verb(text: str, lang: str) -> None:
    assert all(e.plover != "ACCUSE" for e in _doc_events(text, lang))


def test_a_verb_that_opens_an_arabic_sentence_stays_a_verb_inside_a_name() -> None:
    # the recogniser reads the verb and the honorific after it as a person ("دان معالي"); a
    # verb-first clause's first word is its verb (events-ar dev, SaudiNewsNet)
    text = ("دان معالي رئيس مجلس الشورى الشيخ عبدالله آل الشيخ باسمه واسم أعضاء المجلس التفجير "
            "الإرهابي الذي استهدف مسجدا في أبها.")
    assert _doc_event(text, "ar").plover == "ACCUSE"
    # ... a name that opens the sentence stays a name (دان, "condemned", is also Dan)
    assert _doc_event("دان بيلزيريان ينجو من هجوم مسلح أسفر عن مقتل شخصين.", "ar").trigger \
        != "دان"  # fmt: skip


@pytest.mark.parametrize(
    ("text", "actor", "target"),
    [
        # the object (را) is the recipient, the subject before it the actor
        ("عراق بار دیگر ترکیه را به نقض آتش بس در مرز متهم کرد.", "عراق", "ترکیه"),
        # a preposition marks the addressee of a request (the actor: the minister's country;
        # the place inside the title phrase comes before the generic-actor tagger's phrase)
        ("وزیر خارجه ایران از عربستان خواست تا به حملات هوایی در یمن پایان دهد.", "IR",
         "عربستان"),
    ],
)
def test_persian_roles_read_the_object_marker_and_the_addressee(text: str, actor: str,
                                                                target: str) -> None:  # fmt: skip
    e = _doc_event(text, "fa")
    assert (e.actor, e.target) == (actor, target)


def test_an_english_passive_takes_the_party_before_it_as_recipient() -> None:
    text = "John Kiriakou, the former CIA agent, is sentenced to 30 months in prison."
    e = _doc_event(text, "en")
    assert e.actor is None and "Kiriakou" in (e.target or "")


@pytest.mark.parametrize(
    ("text", "lang", "killed", "injured"),
    [
        # an Arabic verb before its subject is singular for a plural one: no count of one
        ("استشهد جنود سعوديون في اشتباكات على الحدود.", "ar", None, None),
        # the wounded after و are not more dead
        ("مقتل 5 أشخاص و3 جرحى في انفجار ببغداد.", "ar", 5, 3),
        # one noun phrase counts one only when it names a person
        ("Civilians were killed the same day in Aleppo.", "en", None, None),
        ("Gunmen killed a number of civilians in the village.", "en", None, None),
    ],
)
def test_counts_of_one_need_a_singular_victim(text: str, lang: str, killed: int | None,
                                              injured: int | None) -> None:  # fmt: skip
    (e,) = extract_events(text, anchor=ANCHOR, settings=S, lang=lang)
    assert (e.killed, e.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # a singular kin noun with its possessive is one person
        ("هاجم الرجل الذي قتل خاله مركز الشرطة.", 1),
        ("توفي شقيقي بعد هجوم على منزله.", 1),
        # an indefinite noun with a masculine singular nationality adjective is one person
        ("استشهد رضيع فلسطيني في هجوم للمستوطنين.", 1),
        # not a plural adjective, not a feminine one (a thing's plural), not a dual kin noun
        ("استشهد جنود فلسطينيون في هجوم للمستوطنين.", None),
        ("قتل عناصر القوات السورية في هجوم على قرية.", None),
    ],
)
def test_one_arabic_person_after_a_casualty_word_counts_one(text: str,
                                                           killed: int | None) -> None:  # fmt: skip
    (e,) = extract_events(text, anchor=ANCHOR, settings=S, lang="ar")
    assert e.killed == killed and e.injured is None


@pytest.mark.parametrize(
    ("text", "lang", "killed", "injured"),
    [
        # "more than N" gives N (an approximate figure gives its number: docs/annotation.md)
        ("The bombing killed more than 20 people in Kabul.", "en", 20, None),
        ("قتل 36 متمردا وإصابة أكثر من 100 آخرين خلال مواجهات.", "ar", 36, 100),
        ("أسفر القصف عن مقتل ما يزيد على 30 شخصا.", "ar", 30, None),
        # "more" with no number after it is no count
        ("The attack killed more people than the last one.", "en", None, None),
    ],
)
def test_more_than_a_number_counts_the_number(text: str, lang: str, killed: int | None,
                                              injured: int | None) -> None:  # fmt: skip
    (e,) = extract_events(text, anchor=ANCHOR, settings=S, lang=lang)
    assert (e.killed, e.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "lang", "killed", "injured"),
    [
        # a review's cases (2026-12-03): the Arabic grammar of one person stays Arabic ...
        ("کشته شدن سربازان ایرانی در حمله", "fa", None, None),
        # ... reads no preposition's noun (بجدة: in Jeddah) and nothing after a plural verb
        ("قتلوا بجدة في هجوم مسلح", "ar", None, None),
        ("أصيبوا برصاص إسرائيلي في الهجوم", "ar", None, None),
        # ... takes a nationality noun with its first letter, a kin noun with its ت or case
        # vowel, a dual in construct, and no collective noun
        ("وأدان البيان مقتل فلسطيني في هجوم المستوطنين", "ar", 1, None),
        ("قتل زوجته ثم انتحر في هجوم بالسكين", "ar", 1, None),
        ("أحد المنتمين لداعش قتل أباه في هجوم", "ar", 1, None),
        ("أسفر القصف عن مقتل والدي الطفل", "ar", 2, None),
        ("أسفر الهجوم عن مقتل طاقم أمريكي", "ar", None, None),
        # a number of years, kilometres or times counts no one
        ("He was killed more than 10 years ago in an attack.", "en", 1, None),
        ("A soldier was shot dead more than three times in the attack.", "en", 1, None),
        # a year written in digits with no word of people or death beside it, or a share, is
        # no count (a review: "killed in the 2015 attack" read 2015 dead)
        ("Dozens were killed in the 2015 attack on the hotel.", "en", None, None),
        ("قتل في هجمات 2015 على باريس عشرات الأشخاص.", "ar", None, None),
        ("Gunmen killed 2015 people in the attack on the town.", "en", 2015, None),
        ("قتل 2000 شخص في الهجوم على المدينة.", "ar", 2000, None),
        ("The shelling killed ten percent of the village.", "en", None, None),
        # places counted are no toll (a new user's trial, 2026-12-04: 4 dead)
        ("Boko Haram killed dozens in four villages in north-east Nigeria.", "en", None, None),
        ("قتل مسلحون العشرات في أربع قرى.", "ar", None, None),
        ("Gunmen killed 12 people in two villages.", "en", 12, None),
    ],
)
def test_one_person_and_more_than_after_the_review(text: str, lang: str, killed: int | None,
                                                   injured: int | None) -> None:  # fmt: skip
    (e,) = extract_events(text, anchor=ANCHOR, settings=S, lang=lang)
    assert (e.killed, e.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "lang", "killed"),
    [
        # the day of a date the date extractor found is no count (a judged false toll
        # contradiction of wide2-dev, 2026-12-04: "10 اغسطس" read as 10 dead against 1)
        ("أعلن التلفزيون السوري الاثنين 10 اغسطس/ آب توقيف المتهم بقتل العقيد حسان الشيخ.",
         "ar", 1),
        ("Gunmen killed villagers on 5 May in the attack near Kabul.", "en", None),
        ("در حمله ۱۲ تیر افراد مسلح کشته شدند", "fa", None),
        # a count next to the date stays the count
        ("Gunmen killed 12 on 5 May in Kabul.", "en", 12),
        ("قتل 3 جنود يوم 12 يوليو 2015 في هجوم.", "ar", 3),
        ("On March 3 gunmen killed 5 people.", "en", 5),
        # a month, then a count, is no date (a review: each had lost its count)
        ("In March 12 people were killed in Kabul.", "en", 12),
        ("Since August 40 people have been killed in clashes in Kabul.", "en", 40),
        ("در مرداد ۱۲ نفر کشته شدند", "fa", 12),
        ("قتل في يونيو 20 شخصا في الهجمات", "ar", 20),
    ],
)
def test_a_number_inside_a_date_is_no_count(text: str, lang: str, killed: int | None) -> None:
    (e,) = extract_events(text, anchor=ANCHOR, settings=S, lang=lang)
    assert e.killed == killed


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # a new user's trial on Wikinews (2026-12-05): a clock time, an age and a sum across
        # two clauses had been read as tolls (14, 99, 45; 22 injured)
        ("The officers shot him dead outside a store at around 14:00 local time in what the "
         "police declared a terrorist-related attack.", None, None),
        ("At 10:30 a bomb killed 12 people.", 12, None),
        ("A man aged 45 was killed in the attack.", 1, None),
        ("Three boys aged eight and nine are killed when a grenade explodes.", 3, None),
        ("Three children aged between 5 and 9 were killed in the attack.", 3, None),
        # a number after an age that people follow is a count (a review)
        ("A woman aged 60 and three children were killed in the airstrike.", 4, None),
        ("An airstrike killed a man aged 45 and 12 other people.", 13, None),
        ("Twenty people were arrested, and two police officers were injured in the clashes.",
         None, 2),
        # no auxiliary between the two groups: a sum, as before
        ("Five soldiers and two militants are killed in the attack.", 7, None),
        # the first group's verb an assault's: a sum, as before
        ("Two protesters are shot and 60 injured in clashes in Cairo.", None, 62),
        ("Two soldiers were stabbed and three civilians were wounded in the attack.", None, 5),
    ],
)
def test_a_clock_time_an_age_and_another_clause_s_number_are_no_count(
    text: str, killed: int | None, injured: int | None
) -> None:
    (e,) = extract_events(text, anchor=ANCHOR, settings=S, lang="en")
    assert (e.killed, e.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # a negation four words before, with its و
        ("سقطت ثلاث قذائف على القرية، ولم تسفر عنها أي إصابات بشرية.", None, 0),
        # a number and its thousand word before the casualty word
        ("قال المدير إن ضحايا العدوان بلغ ألف قتيل وتسعة آلاف جريح.", 1000, 9000),
        # a dual kin noun is two, and a joined kin noun one more
        ("أسفر الهجوم عن إصابة والديه.", None, 2),
        # a noun in ين is the dual when the dual pronoun هما follows it
        ("أسفر القصف عن إصابة مقيمين أحدهما من باكستان والآخر من الهند.", None, 2),
        ("فتحت الشرطة النار مما أسفر عن إصابة مدنيين تم نقلهما إلى المستشفى.", None, 2),
    ],
)
def test_arabic_counts_of_the_third_casualty_round(text: str, killed: int | None,
                                                  injured: int | None) -> None:  # fmt: skip
    (e,) = extract_events(text, anchor=ANCHOR, settings=S, lang="ar")
    assert (e.killed, e.injured) == (killed, injured)


def test_feminine_and_possessive_casualty_forms_count_but_are_no_features() -> None:
    from khabar.extract.events import trigger_cues

    text = "أصيبت امرأة في الهجوم على السوق."
    (e,) = extract_events(text, anchor=ANCHOR, settings=S, lang="ar")
    assert e.injured == 1
    # the event models were trained without these forms: their features stay as trained
    assert "cue=injured" not in trigger_cues(text, "ar")
    assert "cue=injured" in trigger_cues("أصيب رجل في الهجوم على السوق.", "ar")


def test_who_receives_a_call_is_the_recipient_and_the_caller_the_actor() -> None:
    (e,) = extract_events("وتلقى الملك سلمان اتصالا هاتفيا من الرئيس فرانسوا هولاند.",
                          anchor=ANCHOR, settings=S, lang="ar")  # fmt: skip
    assert (e.plover, e.actor, e.target) == ("CONSULT", "فرانسوا هولاند", "سلمان")
    # a verb of receiving in a clause of its own (between commas) changes nothing
    text = "قال الوزير، الذي تلقى اتصالا أمس، إن الجيش هاجم مواقع داعش."
    alone = "قال الوزير إن الجيش هاجم مواقع داعش."
    got = [(e.actor, e.target) for e in extract_events(text, anchor=ANCHOR, settings=S, lang="ar")]
    assert got == [(e.actor, e.target) for e in extract_events(alone, anchor=ANCHOR, settings=S,
                                                                lang="ar")]  # fmt: skip


def test_an_english_progressive_is_no_passive_and_a_place_after_the_is_no_party() -> None:
    (e,) = extract_events("Russia is bombing rebel positions near Aleppo.", anchor=ANCHOR,
                          settings=S, lang="en")  # fmt: skip
    assert e.actor == "Russia"
    (e,) = extract_events("Gunmen attack a hotel in the Philippines.", anchor=ANCHOR, settings=S,
                          lang="en")  # fmt: skip
    assert e.target is None


def test_an_english_assault_reads_its_roles_from_the_verb_of_killing() -> None:
    # the trigger is the noun "attack"; the subject and object are the verb's
    text = "Troops killed two gunmen after the attack on the checkpoint."
    e = _doc_event(text, "en")
    assert (e.actor, e.target, e.killed) == ("Troops", "gunmen", 2)


def test_a_retyped_lexicon_trigger_gives_way_to_the_cameo_verb_of_the_new_type() -> None:
    # the lexicon finds "attack"; the classifier, sure of REQUEST, retypes the sentence: its
    # trigger (where the roles are read) is then the request verb
    from khabar.extract.event_types import TypeGuess
    from khabar.extract.events import _lexicon, _triggers, _typed
    from khabar.extract.lexicon import word_spans

    norm = normalize("the un urged israel to halt the attack")
    spans = word_spans(norm)
    hits = _triggers(norm, spans, _lexicon(), "en")
    assert hits, "the lexicon should find the attack"
    guess = TypeGuess("REQUEST", 0.95, 0.9, "urged")
    typed = _typed(norm, spans, hits, _lexicon(), guess, "en")
    assert (typed.plover, norm[typed.start : typed.end], typed.source) == (
        "REQUEST", "urged", "classifier")


def test_a_trigger_the_classifier_finds_is_no_word_of_a_name() -> None:
    # dev: the forces that took Zinjibar were read as the trigger ("القوات"), so no actor
    from khabar.extract.event_types import evidence_word

    text = "سيطرت القوات الموالية لحكومة الرئيس عبدربه منصور هادي على زنجبار عاصمة محافظة أبين"
    assert evidence_word(text, "ar", "ASSAULT") == "القوات"
    assert evidence_word(text, "ar", "ASSAULT", frozenset({"القوات"})) != "القوات"
    (ev,) = extract_events(text, lang="ar", anchor=None, settings=Settings())
    assert ev.trigger == "سيطرت" and ev.actor == "القوات الموالية"
    # a name after its proclitic is inside the word: "والقوات" is no trigger either
    (ev,) = extract_events("وسيطرت والقوات" + text[len("سيطرت القوات"):], lang="ar", anchor=None,
                           settings=Settings())  # fmt: skip
    assert ev.trigger == "وسيطرت" and ev.actor == "القوات الموالية"


def test_the_arabic_monday_is_no_number() -> None:
    # dev: "قتل في تركيا أمس الاثنين 5 شرطيين" had the count 2 (الاثنين, Monday, read as "the two")
    assert parse_number(["الاثنين", "5"], 0) is None
    assert parse_number(["اثنين", "من"], 0) == (2, 1)


def test_a_round_up_total_is_no_events_toll() -> None:
    # SaudiNewsNet 2015-07-31 #701 (tests/data/real/contradictions/wide-dev-documents.json):
    # the title sums two attacks (3 killed at al-Masyal in Asir, 1 at al-Tuwal in Jazan), and
    # the judged false contradiction "killed 3 vs 4" of issue 18 came from it
    import json
    from pathlib import Path

    from khabar.extract.document import extract_document
    from khabar.model import RawArticle
    from khabar.pipeline import build_document

    path = Path(__file__).parents[1] / "data/real/contradictions/wide-dev-documents.json"
    (a,) = [a for a in json.loads(path.read_text("utf-8"))["documents"]
            if a["article_id"] == "saudinewsnet:2015-07-31:701"]  # fmt: skip
    raw = RawArticle(source="t", locator="", kind="txt", text=a["body"], title=a["title"],
                     published=a["published"], lang_hint="ar")  # fmt: skip
    events = extract_document(build_document(raw, S), S).events
    assert 4 not in [e.killed for e in events] and 8 not in [e.injured for e in events]
    (main,) = [e for e in events if e.main]
    assert (4, "killed (report total)") in main.counts


@pytest.mark.parametrize(
    ("text", "lang", "actor", "target"),
    [
        # a report's source tells of the event and is no party to it; the counted victims are
        ("أفادت مصادر أمنية عراقية أمس بمقتل 24 مدنيا وإصابة 37 آخرين في مدينة بعقوبة.", "ar",
         None, "مدنيا"),
        # a country after "place," says where ...
        ("A lone gunman opened fire at a café in Žitište, Serbia, killing five people.", "en",
         "gunman", "people"),
        # ... but not after a place of another country
        ("In Aleppo, Russia bombed rebel positions on Monday.", "en", "Russia", "rebel"),
        # a nationality before a titled person is the person's; before a verb it is the actor
        ("Chinese Premier Wen Jiabao holds talks with Turkish Prime Minister Recep Tayyip Erdoğan"
         " in Ankara.", "en", "WEN_JIABAO", "RECEP_TAYYIP_ERDOGAN"),
        ("Syrians killed Oleg Peshkov near the border.", "en", "Syrians", "Oleg Peshkov"),
        ("Syrian rebels killed Oleg Peshkov near the border.", "en", "Syrian rebels",
         "Oleg Peshkov"),  # one generic phrase of the tagger
    ],
)
def test_event_parties_leave_out_sources_where_and_title_nationalities(
    text: str, lang: str, actor: str | None, target: str
) -> None:
    e = _doc_event(text, lang)
    assert (e.actor, e.target) == (actor, target)


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # a word of the party's members between the verb and the party: still its subject
        ("وسيطر مسلحو المقاومة الشعبية على عدد كبير من المواقع في لحج.", "المقاومة الشعبية"),
        # ... not a count, nor a noun of its own (the place attacked)
        ("استهدف هجوم انتحاري بسيارة مفخخة مركز شرطة في إسطنبول.", None),
    ],
)
def test_an_arabic_verb_takes_its_subject_past_a_word_of_its_members(
    text: str, actor: str | None
) -> None:
    assert _rule_event(text, "ar").actor == actor


def test_a_members_word_is_neither_actor_nor_recipient() -> None:
    # the generic-actor tagger finds the members' word as a party of its own: the group after
    # it acts, and the word is no recipient (review: "قتل مسلحو طالبان جنديين" had the
    # gunmen as their own victims; the tagger of round 10 no longer reads the dual جنديين
    # أفغانيين as a phrase, so the victims here are a plural)
    e = _rule_event("قتل مسلحو طالبان ثلاثة جنود أفغان في قندهار.", "ar")
    assert e.target == "جنود أفغان" and e.actor not in (None, "مسلحو")
    e = _rule_event("خطف مسلحو داعش صحفيا في سوريا.", "ar")
    assert e.actor == "IS" and e.target != "مسلحو"


def test_a_reports_source_never_types_an_event() -> None:
    # المصادر had become the evidence word of an assault once the generic-actor tagger no
    # longer made it an entity (events._source_words)
    for text in ("وقالت المصادر.", "وقالت المصادر إن الوضع هادئ."):
        s = Settings()
        found = Mentions.of(text, anchor=None, settings=s, lang="ar")
        assert all(e.trigger != "المصادر" for e in extract_events(
            text, anchor=None, settings=s, lang="ar", mentions=found))


def test_mentions_recognised_together_are_those_of_each_text_read_alone() -> None:
    # the training commands read their sentences' mentions in batches (Mentions.of_each)
    texts = ["قتل مسلحون ثلاثة جنود في بغداد يوم الاثنين.", "Police arrested John Smith in Paris.",
             "", "سپاه پاسداران از حمله به مقر تروریست‌ها در شمال عراق خبر داد.",
             "وقالت وزارة الداخلية السعودية إن دورية تعرضت لإطلاق نار في القطيف."]
    langs = ["ar", "en", "ar", "fa", "ar"]
    s = Settings()
    together = Mentions.of_each(texts, langs, anchor=ANCHOR, settings=s)
    alone = [Mentions.of(t, anchor=ANCHOR, settings=s, lang=lang)
             for t, lang in zip(texts, langs, strict=True)]  # fmt: skip
    assert together == alone
    assert [len(m.entities) > 0 for m in together] == [True, True, False, True, True]
    # batches cut at any size, a language the recogniser lacks, no language: each as alone
    more, more_langs = [*texts, "Die Polizei nahm drei Männer in Berlin fest.", texts[1]], \
        [*langs, "de", None]  # fmt: skip
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(events_module, "_RECOGNISED_TOGETHER", 2)
        assert Mentions.of_each(more, more_langs, anchor=ANCHOR, settings=s) == [
            Mentions.of(t, anchor=ANCHOR, settings=s, lang=lang)
            for t, lang in zip(more, more_langs, strict=True)]
    assert Mentions.of_each(more, more_langs, anchor=ANCHOR, settings=s)[-1].entities == []
    with pytest.raises(ValueError):
        Mentions.of_each(texts, langs[:-1], anchor=ANCHOR, settings=s)


def test_a_later_verb_joined_to_an_arabic_clause_is_done_by_its_subject_not_its_object() -> None:
    # verb, subject, object; then "وشنت": the subject (the sample's fresh-clone finding: the
    # strikes were credited to Kata'ib Hezbollah, whom the US accused)
    e = _doc_event("واتهمت الولايات المتحدة كتائب حزب الله بالوقوف وراء هجوم الأربعاء، وشنت "
                   "غارات جوية على 5 أهداف للكتائب جنوبي العراق.", "ar")
    assert (e.plover, e.actor) == ("ASSAULT", "US-GOV")


@pytest.mark.parametrize(
    ("text", "actor", "target"),
    [
        # a word of death only the victim can follow: the noun, then the name in apposition
        ("استشهد الجندي أحمد سالم العتيبي إثر إطلاق نار على نقطة تفتيش في جازان.", None,
         "أحمد سالم العتيبي"),
        # a count makes قتل passive
        ("قتل 7 جنود في هجوم على دورية قرب الرمادي.", None, "جنود"),
        # (the generic-actor tagger's phrase, as the guideline spans it: "members of the police")
        ("أصيب ثلاثة من أفراد الشرطة في انفجار عبوة ناسفة ببغداد.", None, "أفراد الشرطة"),
        # an indefinite noun before a killing verb and how it happened: the victims; the one who
        # says so (قال ... إن) is no party to an assault
        ("وقال مسؤول محلي في الموصل إن مدنيين قتلوا بانفجار عبوة ناسفة زرعها مسلحون.", None,
         "مدنيين"),
        # ... nor is an officer who says rockets were fired (no party after إن, no word that
        # refers back to him); an unnamed base is no name and no kind of people (no party)
        ("وقال ضابط كبير بالجيش إن خمسة صواريخ أطلقت على قاعدة عسكرية قرب الموصل.", None,
         None),
        # ... but a speaker who says he did it (إنه) is its actor
        ("وقال الجيش إنه قتل 12 مسلحا في غارة جوية قرب الرمادي.", "الجيش", "مسلحا"),
        # ... and a speaker named after the organisation he heads is as near his verb as it
        # (the demo's SOHR director had been the actor of the rockets he told of)
        ("قال مدير المرصد السوري لحقوق الإنسان رامي عبدالرحمن، إن صواريخ عدة أطلقت على"
         " قاعدة خراب الجير.", None, None),
    ],
)
def test_arabic_victims_are_recipients_and_speakers_no_actors(text: str, actor: str | None,
                                                               target: str) -> None:  # fmt: skip
    e = _rule_event(text, "ar")
    assert (e.actor, e.target) == (actor, target)


@pytest.mark.parametrize(
    "text",
    [
        # a source with its count (یک منبع) tells of the event
        "یک منبع امنیتی عراقی نیز از شلیک موشک به سمت پایگاه نظامی در شمال بغداد خبر داد.",
        # the clause goes on from the trigger to a reporting verb: its subject says, not does;
        # the army, past a comma, is another clause's
        "فرمانده پلیس استان، علت این انفجار را یک حمله تروریستی اعلام کرد، در حالی که ارتش در"
        " حال بررسی است.",
    ],
)
def test_persian_reporters_are_no_parties_to_an_assault(text: str) -> None:
    e = _rule_event(text, "fa")
    assert (e.plover, e.actor, e.target) == ("ASSAULT", None, None)


@pytest.mark.parametrize(
    ("text", "actor", "target"),
    [
        # a headline's participle with no "be" and a preposition after it is passive ...
        ("Georgian tennis player Nikoloz Basilashvili arrested on domestic violence charge",
         None, "Nikoloz Basilashvili"),
        # ... an active verb has its object there
        ("Police arrested three men in Kabul on Monday.", "Police", "men"),
        # the one who dies suffered the event, not the country owning his title
        ("Egypt's state prosecutor Hisham Barakat dies in a bomb attack in Cairo.", None,
         "Hisham Barakat"),
    ],
)
def test_english_headline_passives_and_the_dying_are_recipients(text: str, actor: str | None,
                                                                 target: str) -> None:  # fmt: skip
    e = _rule_event(text, "en")
    assert (e.actor, e.target) == (actor, target)


@pytest.mark.parametrize(
    ("text", "lang", "actor", "target"),
    [
        # a speaker who says it did it acts ("that it", "إن قواته")
        ("The army said that it killed five militants near the border.", "en", "army",
         "militants"),
        ("قال الجيش الإسرائيلي إن قواته قتلت ثلاثة مسلحين في جنين.", "ar", "IL-MIL", "مسلحين"),
        # an army tells of its own operation (Persian از ... خبر داد)
        ("سپاه پاسداران از حمله موشکی به مقر تروریست‌ها در شمال عراق خبر داد.", "fa", "IRGC",
         None),
        # a construct, a named actor, a verb with its object: the killers, not the killed
        ("قوات الأمن قتلت بالرصاص عشرة متظاهرين في المدينة.", "ar", "قوات الأمن", "متظاهرين"),
        ("داعش قتل في الموصل عشرات المدنيين.", "ar", "IS", "المدنيين"),
        ("مسلحون قتلوا بالرصاص جنديا قرب الحدود.", "ar", "مسلحون", "جنديا"),
        # a sentence's past tense is active; only a headline drops "be"
        ("Police fired on protesters in Baghdad.", "en", "Police", "protesters"),
    ],
)
def test_role_rules_leave_actors_who_act(text: str, lang: str, actor: str | None,
                                         target: str | None) -> None:  # fmt: skip
    # each of these was misread by a first version of the victim and speaker rules (review)
    e = _rule_event(text, lang)
    assert (e.actor, e.target) == (actor, target)


def test_counts_read_a_thousand_word_once_and_only_a_written_year_is_left_out() -> None:
    counts = _event("قتل في النزاع 300 ألف شخص منذ 2003 وفر 2500 شخص.").counts
    assert (300_000, "شخص") in counts and (2500, "شخص") in counts
    assert all(n not in (1000, 2003) for n, _ in counts)


def test_a_day_written_after_another_event_noun_dates_that_event_not_this_one() -> None:
    # Wednesday is the earlier attack's ("هجوم الأربعاء"); the strikes were on Friday
    e = _doc_event("واتهمت الولايات المتحدة كتائب حزب الله بالوقوف وراء هجوم الأربعاء، وشنت "
                   "غارات جوية على 5 أهداف للكتائب جنوبي العراق، فجر الجمعة.", "ar")
    assert (e.trigger, e.date_text) == ("غارات جوية", "فجر الجمعة")


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # the plurals of ألف and مليون count after a number only; alone they are "thousands"
        # (a fresh-clone trial found "بقتل الآلاف" exported as 1,000 killed)
        ("واتهم الرئيس السابق بقتل الآلاف خلال حكمه.", None),
        ("قتل ثلاثة آلاف شخص في الحرب.", 3000),
        ("قتل 10 آلاف شخص في القصف.", 10000),
        # "tens of thousands" is no number (the guideline: "dozens", "thousands" give none)
        ("قتل عشرات الآلاف في الحرب.", None),
        ("وأسفر القصف عن مقتل 300 ألف شخص.", 300000),
    ],
)
def test_thousands_alone_are_no_count(text: str, killed: int | None) -> None:
    assert _event(text).killed == killed


def test_a_killing_between_two_years_of_the_past_is_background() -> None:
    # "بين عامي 1982 و1990": the dual of عام names the years; the killings are recalled
    ev = _doc_event("تأجلت أمس محاكمة رئيس تشاد السابق فيما يتصل بقتل الآلاف خلال حكمه بين "
                    "عامي 1982 و1990.", "ar")  # fmt: skip
    assert ev.background and ev.date == "1982" and ev.killed is None


def test_victims_counted_in_thousands_are_the_target() -> None:
    # read back from its noun, "ثلاثة آلاف" is still a count: the soldiers are the victims
    ev = _event("قتل ثلاثة آلاف جندي في الهجوم.")
    assert (ev.actor, ev.target, ev.killed) == (None, "جندي", 3000)


def test_the_victims_are_never_the_actor() -> None:
    # "the toll of the attack's victims rose": the victims suffered the car bomb (a fresh-clone
    # trial found ضحايا as the actor of the Diyala market bombing)
    # (the generic-actor tagger of round 10 no longer reads ضحايا in the fresh-clone trial's
    # sentence, "ارتفعت حصيلة ضحايا الهجوم الذي تم تنفيذه بسيارة مفخخة ...": one it reads)
    ev = _doc_event("ارتفع عدد ضحايا التفجير في سوق بغداد إلى 120 قتيلا.", "ar")
    assert (ev.actor, ev.target, ev.killed) == (None, "ضحايا", 120)


def test_persian_victims_are_never_the_actor() -> None:
    ev = _event("شمار قربانیان حمله انتحاری در بغداد به ۱۲۰ نفر رسید.")
    assert (ev.actor, ev.target) == (None, "قربانیان")


@pytest.mark.parametrize(
    "text",  # what befell someone, with no one who did it: no assault
    ["The weak harvest, blamed on drought, hurt farmers across the region.",
     "We wish the injured a quick recovery."],
)
def test_a_death_or_harm_with_no_agent_is_no_assault(text: str) -> None:
    got = extract_events(text, anchor=ANCHOR, settings=S, lang="en")
    assert not [e for e in got if e.plover == "ASSAULT"], [(e.trigger, e.type_source) for e in got]


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        # a death with no count and no deed done: the classifier's sureness of its type makes
        # no event (a Wikinews obituary of a new user's trial had read killed 2, an assault)
        ("Stevens died in the evening with his two daughters at his bedside at Holy Cross "
         "Hospital in Fort Lauderdale, Florida.", None),
        ("British musician and actor David Bowie dies from cancer, aged 69.", None),
        # counted victims, or a deed done to the dead, keep it (Current Events leads)
        ("At least 33 people die following a suicide bombing near the Iraqi city of Samarra.",
         "ASSAULT"),
        ("Two Iraqis die in a car bombing.", "ASSAULT"),
        ("American politician Jessica Upshaw dies, reportedly after being shot in the head in "
         "the small town of Mendenhall.", "ASSAULT"),
    ],
)
def test_a_death_the_detector_doubts_needs_a_count_or_a_deed(text: str, plover: str | None) -> None:
    got = extract_events(text, anchor=ANCHOR, settings=S, lang="en")
    assert (got[0].plover if got else None) == plover


def test_a_killing_verb_still_makes_an_assault() -> None:
    from khabar.extract.event_types import cameo_blocks

    ev = _event("Gunmen killed five soldiers at a checkpoint near the border on Monday.")
    assert (ev.plover, ev.killed) == ("ASSAULT", 5)
    assert cameo_blocks("en", "died") == {"DIE"} and cameo_blocks("ar", "قتل") == frozenset()


@pytest.mark.parametrize(
    ("text", "killed", "injured"),  # SaudiNewsNet, 2015-07/08: a counted subject, then its verb
    [("وقالت المصادر إن 26 متمردا لقوا مصرعهم، وأصيب 22 آخرون.", 26, 22),
     ("وقالت مصادر محلية إن 13 مسلحاً حوثياً على الأقل قتلوا امس جراء غارات على مواقع متفرقة.",
      13, None),
     ("قالت مصادر طبية إن 9 أشخاص بينهم 5 مدنيين لقوا حتفهم، وأصيب 81 آخرون إثر انفجار ألغام.",
      9, 81),
     # a review's cases: two groups are summed; things and another fate are not added
     ("وقال جيش الثوار إن أربعة من أفراده وثمانية مهاجمين على الأقل قتلوا.", 12, None),
     ("أسفر الهجوم عن مقتل 5 جنود إضافة إلى 3 مدرعات.", 5, None),
     ("أسفر القصف عن مقتل 10 حوثيين، إضافة إلى 4 آخرين أصيبوا بجروح.", 10, 4)],
)
def test_an_arabic_counted_subject_before_its_plural_verb(
        text: str, killed: int | None, injured: int | None) -> None:  # fmt: skip
    ev = _event(text)
    assert (ev.killed, ev.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),  # Wikipedia Current Events items (CC BY-SA)
    [("Two French journalists working for RFI are kidnapped and killed in the town of Kidal in "
      "northern Mali.", 2, None),
     ("Around 20 people, including civilians and Islamic State militants, are killed in "
      "airstrikes on Mosul in northern Iraq.", 20, None),
     ("Four people are stabbed and injured, one critically, in a mass stabbing at a shopping "
      "centre in Manchester.", None, 4),
     # a year before the people is no count, nor a number of another phrase
     ("Mexican beauty queen Maria Susana Flores Gamez, crowned as 2012 Woman of Sinaloa, is "
      "killed during a weekend shootout in Sinaloa, Mexico.", 1, None),
     ("Two days after protesters from the city were killed, police fired on a crowd.", None,
      None),
     # a review's cases: a group inside the subject, a second group, two kinds of harm
     ("Twelve people, including two children from the village, were killed.", 12, None),
     ("One of three soldiers in the convoy was killed.", 1, None),
     ("Five police officers from the station and a civilian were killed.", 6, None),
     ("150 people were killed and injured in the blast.", 150, None)],
)  # fmt: skip
def test_an_english_counted_subject_before_a_phrase_of_its_own(
        text: str, killed: int | None, injured: int | None) -> None:  # fmt: skip
    got = extract_events(text, anchor=ANCHOR, settings=S, lang="en")
    assert got and (got[0].killed, got[0].injured) == (killed, injured)


def test_an_age_before_a_plural_verb_is_no_count() -> None:
    # the three people listed are not counted yet (a known gap); the age must not be
    ev = _event("وقال إن عسكريا وامرأة ورجلا يبلغ من العمر 49 عاما قتلوا في القصف.")
    assert ev.killed != 49


@pytest.mark.parametrize(
    ("text", "plover"),  # Wikinews (CC BY 2.5), the casualty gold's draw and a fresh-clone trial
    [("He died from his injuries at John Radcliffe Hospital a short time later.", None),
     ("A bystander was also subsequently injured.", None),
     ("Her father, Reginald Claypoole Vanderbilt, died with liver disease when she was one.",
      None),
     # another CAMEO verb of violence, or an armed party, keeps the assault
     ("A number of journalists were also injured after being attacked by protesters.",
      "ASSAULT"),
     ("Seven people are dead and 14 others injured after a Boko Haram suicide bomber blew "
      "himself up at a village hosting internally displaced people in Far North, Cameroon.",
      "ASSAULT"),
     # an armed victim, or a toll (a follow-up sentence's toll is the attack's): a review's
     ("Two soldiers were wounded in Helmand.", "ASSAULT"),
     ("Two civilians died in Helmand on Tuesday.", "ASSAULT")],
)  # fmt: skip
def test_an_english_death_or_injury_verb_alone_is_no_assault(text: str, plover: str | None) -> None:
    # PETRARCH codes its DIE and HURT verbs (died, injured) only with a source actor
    from khabar.extract.document import extract_document
    from khabar.model import RawArticle
    from khabar.pipeline import build_document

    raw = RawArticle(source="t", locator="", kind="txt", text=text, published="2019-09-26",
                     lang_hint="en")  # fmt: skip
    got = [e.plover for e in extract_document(build_document(raw, S), S).events]
    assert got == ([plover] if plover else []), got


@pytest.mark.parametrize(
    ("text", "killed", "injured"),  # Fars News (a fresh-clone trial), and the same pattern
    [("جنگنده‌های سعودی این منطقه را بمباران کردند که در این حمله 12 نفر از مردم یمن کشته "
      "شدند.", 12, None),
     ("در این انفجار پنج تن از نیروهای پلیس زخمی شدند.", None, 5)],
)  # fmt: skip
def test_a_persian_partitive_subject_counts_its_victims(text: str, killed: int | None,
                                                        injured: int | None) -> None:  # fmt: skip
    got = extract_events(text, anchor=ANCHOR, settings=S, lang="fa")
    assert [(e.killed, e.injured) for e in got] == [(killed, injured)]


@pytest.mark.parametrize(
    ("text", "killed", "injured"),  # a fresh-clone trial's Fars News cases, and the pattern
    [("انفجار بمب در بازار ۱۵ نفر را کشت و ۳۰ نفر را زخمی کرد.", 15, 30),
     # a review's cases: a number of words, read whole; a number that counts no people
     ("انفجار بمب در بازار بیست و پنج نفر را کشت و سی و دو نفر را زخمی کرد.", 25, 32),
     ("انفجار بمب در بازار سه هزار نفر را کشت", 3000, None),
     ("ارتش با ۴ موشک فرماندهان داعش را کشت", None, None),
     # an age is no count: "a six-year-old child"
     ("کودک شش ساله فلسطینی در حمله نظامیان اسرائیلی زخمی شد.", None, 1)],
)  # fmt: skip
def test_a_persian_object_of_a_verb_of_killing_counts_and_an_age_does_not(
        text: str, killed: int | None, injured: int | None) -> None:  # fmt: skip
    got = extract_events(text, anchor=ANCHOR, settings=S, lang="fa")
    assert [(e.killed, e.injured) for e in got] == [(killed, injured)]


def test_an_english_road_accident_is_no_assault() -> None:
    # Wikinews 2019 (CC BY 2.5), from a fresh-clone trial: exported as an IED attack before
    text = ("A road accident followed by a fire on a Florida highway on Thursday killed five "
            "children in a church bus and two truck drivers.")  # fmt: skip
    got = extract_events(text, anchor=date(2019, 1, 5), settings=Settings(), lang="en")
    assert not [e for e in got if e.plover == "ASSAULT"], [(e.trigger, e.type_source) for e in got]


@pytest.mark.parametrize(
    ("text", "lang"),  # real news of the casualty gold's dev split: hazards, typed ASSAULT before
    [("A bus overturns near the village of Vakarel, Bulgaria, killing six people and injuring "
      "20.", "en"),
     ("A cholera outbreak kills at least 16 people in three camps for displaced people fleeing "
      "Boko Haram in Nigeria.", "en"),
     ("An Italian rescue official says a number of people have been killed by an avalanche.",
      "en"),
     ("قال مسؤولون بوزارة الداخلية في نيبال إن انهيارات أرضية ناجمة عن هطول أمطار غزيرة حدثت "
      "اليوم الخميس وأدت إلى مقتل 30 شخصا.", "ar"),
     ("لقي طيار روسي مصرعه وأصيب آخر في تحطم مروحية عسكرية خلال استعراض جوي عسكري في روسيا.",
      "ar"),
     ("وخرج كوستا المهاجم الإسباني مصابا بتمزق في عضلات الفخذ الخلفية خلال مباراة تشيلسي.",
      "ar"),
     # structural collapses, gas explosions, wild fires, volcanoes (casualties5-dev's shapes)
     ("A five-storey building collapses in Lagos, killing at least twelve people.", "en"),
     ("Three residents die when a block of flats is destroyed by a gas explosion.", "en"),
     ("Wild fires kill five people and destroy hundreds of homes in the north.", "en"),
     ("A volcano on the island erupts, killing at least six villagers.", "en")],
)  # fmt: skip
def test_deaths_by_a_hazard_are_no_assault(text: str, lang: str) -> None:
    # the hazard families of the IRDR peril classification (event_cues.tsv, accident)
    got = extract_events(text, anchor=date(2015, 8, 1), settings=Settings(), lang=lang)
    assert not [e for e in got if e.plover == "ASSAULT"], [(e.trigger, e.type_source) for e in got]


@pytest.mark.parametrize(
    ("text", "lang", "killed"),  # a review's cases: words of hazards that also name attacks
    [("RAF Tornado jets struck Islamic State positions near Ramadi, killing 12 militants.",
      "en", 12),
     ("British Typhoon jets struck targets in Syria, killing at least 20 fighters.", "en", 20),
     ("The bombing killed 30 people and derailed peace talks.", "en", 30),
     ("Twelve soldiers were killed in a lightning raid on the base.", "en", 12),
     ("قتل خمسة من قوات الصاعقة برصاص قناص في بنغازي", "ar", 5),
     ("قتل 20 عنصرا من داعش وسط انهيارات في صفوف التنظيم", "ar", 20),
     ("قتل 29 شخصا خلال مباراة لكرة القدم جنوب بغداد", "ar", 29),
     ("قتل طيار سوري بعد تحطم طائرته الحربية التي أسقطها مسلحو المعارضة", "ar", 1),
     ("The truce collapsed as militants killed four soldiers near the border.", "en", 4),
     ("Clashes erupted in the city, killing seven protesters.", "en", 7),
     # a review's cases: a collapse that is no hazard, a gas explosion in an attack, arson,
     # gunfire
     ("The collapse of the ceasefire led to fighting that killed 30 people.", "en", 30),
     ("An Israeli strike collapsed a four-storey building in Rafah, killing 17.", "en", 17),
     ("A man stabbed his wife, who collapsed and died in hospital.", "en", 1),
     ("Two policemen were killed when a gas explosion tore through a checkpoint in an "
      "apparent suicide attack.", "en", 2),
     ("Arsonists set wild fires that killed three firefighters.", "en", 3)],
)  # fmt: skip
def test_an_attack_told_with_a_hazard_word_stays_an_attack(text: str, lang: str,
                                                           killed: int) -> None:  # fmt: skip
    got = extract_events(text, anchor=date(2015, 8, 1), settings=Settings(), lang=lang)
    assert [(e.plover, e.killed) for e in got][:1] == [("ASSAULT", killed)], text


@pytest.mark.parametrize("text", [  # Wikipedia Current Events items (CC BY-SA): blazes
    "A fire at a prison in Baghdad, Iraq kills 8 and injures a further 31.",
    "A house fire in Memphis kills at least 11 people.",
    "Thirteen children are killed in a fire at a mosque in Yangon, Burma.",
    "An electrical fire at a Saudi wedding kills 25 people in a courtyard of a home in the "
    "village of Al Badr in the Abqaiq region.",
    "A Russian oil tanker catches fire in the Caspian Sea, killing at least one crew member.",
    "A Huge Fire Killed 12 People at a Baghdad Hospital",  # a title's capitals (a review's)
])
def test_a_blaze_is_no_assault(text: str) -> None:
    # "fire" is a CAMEO verb (to fire) and, after an article or "catches", a blaze's noun
    got = extract_events(text, anchor=date(2015, 8, 1), settings=Settings(), lang="en")
    assert not [e for e in got if e.plover == "ASSAULT"], [(e.trigger, e.type_source) for e in got]


@pytest.mark.parametrize("text", [  # Wikipedia Current Events items (CC BY-SA): gunfire, arson
    "Gunmen open fire on a church in Burkina Faso killing fourteen Christians and wounding "
    "dozens of others.",
    "Police in the Democratic Republic of the Congo fire teargas at students protesting "
    "increases in school fees in the capital Kinshasa.",
    "The Libyan Armed Forces bomb large fuel storage tanks in the town of Misrata, destroying "
    "the tanks and causing a large fire.",
    "At least 19 people are killed in a fire fight between President of Chechnya Ramzan "
    "Kadyrov's personal guards and protesters in Grozny.",
    # a review's cases: a named party's or a kind of gunfire, a fire someone set
    "The Taliban fire on a bus in Kandahar, killing seven passengers.",
    "Three people were killed by the artillery fire in Idlib.",
    "Two soldiers were killed in a friendly fire incident.",
    "Protesters set a fire at a police station in Basra, killing two officers.",
    "A fire started by rioters kills four people.",
])
def test_gunfire_and_a_fire_an_attack_caused_stay_an_assault(text: str) -> None:
    got = extract_events(text, anchor=date(2015, 8, 1), settings=Settings(), lang="en")
    assert [e.plover for e in got][:1] == ["ASSAULT"], text


def test_an_aircraft_shot_down_is_no_accident() -> None:
    from khabar.extract.events import _accidental, _lexicon

    assert not _accidental(["the", "helicopter", "crashes", "after", "it", "was", "shot", "down"],
                           _lexicon(), "en")  # fmt: skip
    assert not _accidental(["تحطم", "طائره", "اسقط", "مسلحون"], _lexicon(), "ar")
    assert _accidental(["تحطم", "مروحيه", "عسكريه"], _lexicon(), "ar")
    # a cue whose first letter is also a proclitic (و, ب, ف) matches as written (a review)
    assert _accidental(["وباء", "الكوليرا"], _lexicon(), "ar")
    assert _accidental(["بيماري"], _lexicon(), "fa")


def test_a_toll_after_an_attack_sentence_stays_with_the_attack() -> None:
    # a review's case: the casualty sentence has only a verb of dying or injury
    from khabar.extract.document import extract_document
    from khabar.model import RawArticle
    from khabar.pipeline import build_document

    text = "Gunmen attacked a police post in Peshawar on Friday.\nTwo civilians died and five were injured."
    raw = RawArticle(source="t", locator="", kind="txt", text=text, published="2019-05-03",
                     lang_hint="en")  # fmt: skip
    got = [(e.killed, e.injured) for e in extract_document(build_document(raw, S), S).events]
    assert (2, 5) in got, got


def test_a_nationality_adjective_is_no_party_and_its_people_are() -> None:
    # a nisba after its noun qualifies it (بلدة ... السورية, شهر مرزی عراقی): no recipient
    assert _rule_event("وقع انفجار في بلدة القامشلي الحدودية السورية مساء الأحد.", "ar").target \
        is None  # fmt: skip
    # (the victims, سه نفر, may be: the Persian generic-actor tagger reads نفر since 2026-12-04)
    assert _rule_event("در انفجار بمب در شهر مرزی عراقی سه نفر کشته شدند.", "fa").target in (
        None, "نفر")  # fmt: skip
    # a plural names people, an accusative or a word after a casualty word or یک is a noun:
    # each a party; and a nationality the recogniser found stays one
    assert _rule_event("اعتقلت الشرطة الأمريكيين في اسطنبول.", "ar").target == "الأمريكيين"
    assert _rule_event("أسفر الهجوم عن مقتل سعودي في الرياض.", "ar").target == "سعودي"
    assert _rule_event("قتل مسلحون سعوديا في الحدود.", "ar").target == "سعوديا"
    assert _rule_event("پلیس ترکیه یک ایرانی را بازداشت کرد.", "fa").target == "ایرانی"
    # ... but an adjective of the mention before it is none, whoever found it (review)
    assert _rule_event("أسفر الهجوم عن مقتل مواطن سعودي في بغداد.", "ar").target in (
        "مواطن", "مواطن سعودي")  # fmt: skip
    assert _rule_event("پلیس ترکیه زن ایرانی را بازداشت کرد.", "fa").target != "ایرانی"
    assert _rule_event("أسفر الهجوم عن مقتل مصري وسعودي.", "ar").target == "مصري"


def test_a_nationality_inside_a_generic_phrase_is_the_phrases() -> None:
    # the recogniser reads أمريكي as NORP; the tagger's phrase جندي أمريكي holds it: one GEN,
    # the victim (it had knocked the phrase out and become the victim itself)
    assert _rule_event("أسفر الهجوم عن مقتل جندي أمريكي في بغداد.", "ar").target == "جندي أمريكي"
    # a plural nisba names people of its own: not the police's adjective
    assert _rule_event("اعتقلت الشرطة الأمريكيين في اسطنبول.", "ar").target == "الأمريكيين"


@pytest.mark.parametrize(
    ("text", "lang", "actor", "target"),
    [
        # the trained ranker (khabar.extract.roles) where the rules' reading was narrower: the
        # terrorists whose headquarters was struck suffered it
        pytest.param("سپاه پاسداران از حمله موشکی به مقر تروریست‌ها در شمال عراق خبر داد.", "fa",
                     "IRGC", "تروریست‌ها", marks=pytest.mark.xfail(
                         strict=True, raises=AssertionError,
                         reason="the Persian generic-actor tagger retrained on the grown gazetteer"
                                " (2026-12-04) no longer tags تروریست‌ها here; its dev GEN F1 rose"
                                " 0.516 -> 0.531")),
        # ... and where it reads as the rules do
        ("أسفر الهجوم عن مقتل جندي أمريكي في بغداد.", "ar", None, "جندي أمريكي"),
        ("پلیس ترکیه یک ایرانی را بازداشت کرد.", "fa", "TURKEY_POLICE", "ایرانی"),
        ("Police fired on protesters in Baghdad.", "en", "Police", "protesters"),
        # its known errors, each right in the rules' reading (the tests above), or in neither
        # a knife edge (the recipient against none, -1.365 to -1.343, after the retraining for
        # ميليشيا الحوثي read as the Houthis): right again since the retraining of 2026-12-07
        ("قتل مسلحون سعوديا في الحدود.", "ar", "مسلحون", "سعوديا"),
        # more known errors
        pytest.param("وقال مسؤول محلي في الموصل إن مدنيين قتلوا بانفجار عبوة ناسفة زرعها مسلحون.",
                     "ar", "مسلحون", "مدنيين", marks=pytest.mark.xfail(
                         strict=True, raises=AssertionError,
                         reason="who planted the bomb is not read as its actor")),
        # the group its members' word names (an xfail until the ranker's retraining of
        # 2026-12-06, thirty-seventh session, and again since its retraining of 2026-12-07,
        # after the execution verbs: the ranker's retrain noise moves it both ways)
        pytest.param("وسيطر مسلحو المقاومة الشعبية على عدد كبير من المواقع في لحج.", "ar",
                     "المقاومة الشعبية", None, marks=pytest.mark.xfail(
                         strict=True, raises=AssertionError,
                         reason="the members' word, not the group it names")),
        pytest.param("قتل مسلحو طالبان ثلاثة جنود أفغان في قندهار.", "ar", "AR_HRKA_TALBAN",
                     "جنود أفغان", marks=pytest.mark.xfail(
                         strict=True, raises=AssertionError, reason="the members' word, not the group it names")),
        # the ranker retrained on 2026-12-05 reads who is blamed as the bomber
        ("حملت الحكومة العراقية تنظيم داعش مسؤولية تفجير انتحاري في بغداد.", "ar", "IS", None),
        pytest.param("اعتقلت الشرطة الأمريكيين في اسطنبول.", "ar", None, "الأمريكيين",
                     marks=pytest.mark.xfail(strict=True, raises=AssertionError,
                                             reason="no recipient")),
        pytest.param("فرمانده پلیس استان، علت این انفجار را یک حمله تروریستی اعلام کرد، در حالی که"
                     " ارتش در حال بررسی است.", "fa", None, None, marks=pytest.mark.xfail(
                         strict=True, raises=AssertionError, reason="the army of another clause as the actor")),
        pytest.param("Egypt's state prosecutor Hisham Barakat dies in a bomb attack in Cairo.",
                     "en", None, "Hisham Barakat", marks=pytest.mark.xfail(
                         strict=True, raises=AssertionError, reason="the country of his title as the actor")),
    ],
)
def test_the_role_ranker_chooses(text: str, lang: str, actor: str | None,
                                 target: str | None) -> None:  # fmt: skip
    e = _doc_event(text, lang)
    assert (e.actor, e.target) == (actor, target)


def test_an_english_group_phrase_after_a_named_group_is_the_groups_people() -> None:
    # "Houthi forces": the named group acts (the denial test above too); a person's name before
    # a generic phrase is no group ("Obama supporters" protest, not Obama)
    assert _doc_event("Houthi forces shelled the town of Jizan.", "en").actor == "HOUTHI"
    assert _doc_event("Obama supporters protested outside the court in Chicago.", "en").actor \
        == "supporters"  # fmt: skip


# Sentences the rules leave without a count (``events.rule_counts``; two they now read): the
# trained count reader (``khabar.extract.counts``) then reads them. Where it reads them right, a
# plain case; where it does not, a strict xfail naming the error (model card:
# resources/models/counts.md, "Weak").
_RULES_LEAVE = [
    ("قتل في الموصل أمس وأصيب 4 مدنيين في هجوم.", (None, 4)),  # the 4 are the wounded
    ("قتل في المدينة 3 تعيين جديدة.", (None, None)),  # too short a nisba-like word to be people
    ("قتل الطفل بحضور 3 سعوديين.", (None, None)),  # the verb's own victim comes first (review)
    ("قتل في الهجوم 5 تريليون.", (None, None)),  # a number word
    ("قتل في الهجوم الذي شنه 4 مسلحين على الحاجز جندي.", (None, None)),  # the 4 are attackers
    ("در این حمله تعدادی کشته شدند که 2 نفر از آنان کودک بودند.", (None, None)),  # a subset
    # the rules now read the child too (a definite singular victim), not his family, who are
    # the next clause's wounded
    ("قتل الطفل حرقا وأصيب والداه وشقيقه بجروح خطرة في هجوم المستوطنين.", (1, 3)),
    ("وقال عم الشهيد عبدالله الذي استشهد أمس إثر إصابته بقذيفة إن الجنود صامدون.", (1, None)),
]


@pytest.mark.parametrize(("text", "ruled"), _RULES_LEAVE)
def test_the_rules_leave_these_without_a_count(text: str, ruled: tuple) -> None:
    from khabar.extract.events import Mentions, rule_counts
    from khabar.extract.lexicon import word_spans
    from khabar.model import Span
    from khabar.normalize import normalize_with_offsets

    lang = "fa" if "ی" in text else "ar"
    norm = normalize_with_offsets(text)
    found = Mentions.of(text, anchor=ANCHOR, settings=S, lang=lang)
    assert rule_counts(text, norm, word_spans(norm.text), Span(0, len(text)), found,
                       lang)[1] == ruled  # fmt: skip


def _known(text: str, counts: tuple, why: str):  # type: ignore[no-untyped-def]
    return pytest.param(text, counts, marks=pytest.mark.xfail(strict=True, reason=why))


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        # "[one man] was killed in Mosul yesterday and 4 civilians were wounded"
        ("قتل في الموصل أمس وأصيب 4 مدنيين في هجوم.", (1, 4)),
        ("قتل الطفل حرقا وأصيب والداه وشقيقه بجروح خطرة في هجوم المستوطنين.", (1, 3)),
        # a kin noun, then both parents in the dual with "their two's" (هما): 3 (a trial's
        # Duma arson, read as 1 wounded against another report's 3: a false contradiction)
        ("أضرموا النيران في منزل مما أدى إلى مقتل طفل فلسطيني عمره 18 شهرا وإصابة شقيقه ذي الاربع "
         "سنوات ووالديهما اليوم الجمعة.", (1, 3)),
        ("مما أدى إلى مقتل طفل وإصابة شقيقه وأبويهما.", (1, 3)),  # a review's other dual
        _known("قتل الطفل بحضور 3 سعوديين.", (1, None), "reads the 3 present as the dead"),
        _known("قتل في الهجوم الذي شنه 4 مسلحين على الحاجز جندي.", (1, None),
               "reads the 4 attackers as the dead"),
        _known("در این حمله تعدادی کشته شدند که 2 نفر از آنان کودک بودند.", (None, None),
               "reads a part of the dead (2 of them children) as all"),
        _known("قتل في المدينة 3 تعيين جديدة.", (None, None), "a number 2 words after"),
        _known("قتل في الهجوم 5 تريليون.", (None, None), "one person where nothing is said"),
        # the wound he died of is no one injured (``events._own_wounds``)
        ("وقال عم الشهيد عبدالله الذي استشهد أمس إثر إصابته بقذيفة إن الجنود صامدون.", (1, None)),
    ],
)
def test_the_count_reader_reads_what_the_rules_leave(text: str, counts: tuple) -> None:
    lang = "fa" if "ی" in text else "ar"
    (e,) = extract_events(text, anchor=ANCHOR, settings=S, lang=lang)
    assert (e.killed, e.injured) == counts


@pytest.mark.parametrize(
    "text",
    [
        # a new user's trial (2026-12-04): the demo's strike south of Iraq was located in the
        # United States, the country named as the one that struck
        "شنت الولايات المتحدة غارات جوية على خمسة أهداف لكتائب حزب الله في العراق.",
        "Turkey shelled Kurdish positions in northern Iraq.",
    ],
)
def test_the_place_the_actor_is_named_by_is_no_place_of_the_event(text: str) -> None:
    (e,) = extract_events(text, anchor=ANCHOR, settings=S)
    assert e.actor is not None and e.places == ["IQ"]


@pytest.mark.parametrize(
    "text",
    [
        # the demo's Camp Taji toll, "according to Washington", had been placed in Washington
        # once واشنطن was a place (2026-12-04)
        "سقطت 10 صواريخ داخل قاعدة التاجي ما أدى إلى مقتل ثلاثة، وفق الولايات المتحدة.",
        "Ten rockets hit Camp Taji, killing three, according to the United States.",
    ],
)
def test_a_place_named_as_the_source_is_no_place_of_the_event(text: str) -> None:
    (e,) = extract_events(text, anchor=ANCHOR, settings=S)
    assert e.places and not any(gazetteer().places[p].country == "US" for p in e.places)


@pytest.mark.parametrize(
    "text",
    [
        # a comma and a word of و that is no clause of its own: a parenthesis, a name, a second
        # object; nor a second condemnation
        "أدانت المملكة، وبشدة، التفجير الإرهابي الذي استهدف مسجدا في الكويت.",
        "أدان وزير الخارجية السوري، وليد المعلم، التفجير الإرهابي الذي استهدف مسجدا.",
        "أدان الرئيس الهجوم على المسجد، والتفجير الذي استهدف الكنيسة.",
        "أدان الرئيس التفجير الانتحاري في بغداد، واستنكر صمت المجتمع الدولي.",
        # an English list's serial comma: the weapons are the accusation's object
        "Kyiv accuses Moscow of sending tanks, armored vehicles, and rockets across the border.",
    ],
)
def test_a_condemnation_keeps_its_objects_past_a_comma(text: str) -> None:
    assert _event(text).plover == "ACCUSE"


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # a vague quantity beside the only word of a kind is no count: not the other kind's number
        ("قتل 18 شخصا وأصيب العشرات بجروح في سقوط صاروخ على حي شعبي في حلب.", 18, None),
        ("قتل فيها أكثر من 10 حوثيين وأصيب العشرات، فيما قتل أربعة من الجيش الوطني.", 14, None),
        # ... of its own phrase: the next one's (joined by و) leaves the count alone
        ("وقالت مصادر محلية إن نحو 20 من ميليشيات الجماعة سقطوا قتلى وعشرات من الجرحى.", 20,
         None),
    ],
)
def test_a_vague_quantity_beside_a_kind_takes_no_other_number(
    text: str, killed: int | None, injured: int | None
) -> None:
    e = _event(text)
    assert (e.killed, e.injured) == (killed, injured)


@pytest.mark.parametrize(("text", "lang", "acled"), [
    # ACLED's codebook: an unidentified armed group's attack on soldiers is a battle
    ("Three soldiers were killed in an attack on a checkpoint in Kirkuk on Monday.", "en",
     ("Battles", "Armed clash")),
    ("قتل ثلاثة جنود في هجوم على نقطة تفتيش في كركوك.", "ar", ("Battles", "Armed clash")),
    # civilians, or no recipient: an attack (violence against civilians)
    ("Gunmen killed three civilians in an attack on a market in Kirkuk on Monday.", "en",
     ("Violence against civilians", "Attack")),
    # a counting noun is of no side (the review: one labelled sentence made أشخاص armed)
    ("قتل 10 أشخاص في هجوم على سوق شعبي في بغداد.", "ar",
     ("Violence against civilians", "Attack")),
])  # fmt: skip
def test_an_assault_on_an_armed_recipient_is_an_armed_clash(text: str, lang: str,
                                                             acled: tuple[str, str]) -> None:
    e = _doc_event(text, lang)
    assert (e.acled_type, e.acled_subtype) == acled


@pytest.mark.parametrize(("text", "lang", "killed", "injured"), [
    # a number after "including", "among them", از جمله counts a part of the subject, not it
    ("Five people, including two children, were killed and ten others, among them three women, "
     "were wounded in the shelling.", "en", 5, 10),
    ("20 Taliban militants, including two rebel commanders, are killed in fighting with "
     "security forces in Takhar province.", "en", 20, None),
    ("در این حمله یک غیرنظامی کشته و شش نفر دیگر از جمله یک کودک زخمی شدند.", "fa", 1, 6),
    ("قتل خمسة أشخاص بينهم طفلان وأصيب عشرة آخرون من بينهم ثلاث نساء في القصف.", "ar", 5, 10),
])  # fmt: skip
def test_a_part_of_the_subject_is_not_its_count(text: str, lang: str, killed: int,
                                                 injured: int | None) -> None:
    e = _doc_event(text, lang)
    assert (e.killed, e.injured) == (killed, injured)


@pytest.mark.parametrize(("text", "lang"), [
    ("The minister launched a verbal attack on the opposition leader.", "en"),
    ("نامزد انتخاباتی حمله تبلیغاتی گسترده‌ای علیه رقیب خود آغاز کرد.", "fa"),
    ("وجهت الأجهزة الأمنية الضربة الأمنية الاستباقية لخلايا داعش.", "ar"),
])  # fmt: skip
def test_an_attack_word_in_a_figure_of_speech_is_no_evidence_of_an_attack(text: str,
                                                                          lang: str) -> None:
    """A fresh-clone trial exported "حمله تبلیغاتی" (a propaganda attack) and "الضربة الأمنية"
    (a security operation, typed an air strike) as attacks: no trigger, at most a weak event
    the sentence classifier alone typed (left out of exports unless --weak)."""
    for e in _doc_events(text, lang):
        assert e.plover != "ASSAULT" or (e.evidence is not None and not e.evidence), e.evidence
        assert e.acled_subtype != "Air/drone strike"


@pytest.mark.parametrize(("text", "lang"), [
    ("احتسب الحكم ضربة جزاء للفريق الضيف.", "ar"),
    ("حذر الأطباء من ضربة الشمس في أيام الصيف.", "ar"),
    ("ناقش الوزراء أنظمة الدفاع الصاروخي في الخليج.", "ar"),
    ("وقال الوزير إن أي ضربات جوية على البلاد ستعقد جهود السلام.", "ar"),
    ("The minister said any attack on the embassy would be met with force.", "en"),
    ("Ministers discussed missile defense with NATO.", "en"),
    ("سامانه پدافند موشکی جدید رونمایی شد.", "fa"),
    ("وزیر گفت هرگونه حمله به ایران پاسخ داده خواهد شد.", "fa"),
])  # fmt: skip
def test_an_attack_word_that_names_a_kind_or_an_idiom_is_no_evidence(text: str,
                                                                     lang: str) -> None:
    """A penalty kick, sunstroke, missile defence and "any strikes" a minister warned of were
    exported as attacks (the rows judged, docs/annotation-rows.md): their attack word is no
    trigger, so at most a weak event the classifiers alone typed remains (left out of exports
    unless --weak)."""
    for e in _doc_events(text, lang):
        assert e.plover != "ASSAULT" or (e.evidence is not None and not e.evidence), e.evidence


@pytest.mark.parametrize(("text", "trigger"), [
    ("وفي مأرب، قتل 8 حوثيين في مواجهات مع المقاومة الشعبية صباح الأحد.", "مواجهات"),
    ("شهدت الحدود التركية السورية أمس أول اشتباك من نوعه بين جنود أتراك وعناصر من تنظيم داعش.",
     "اشتباك"),
    ("وقالت مصادر إن قوات البيشمركة الكردية اشتبكت مع عناصر داعش لدى محاولتهم اقتحام القرى.",
     "اشتبكت"),
    ("وتستمر المعارك بين الطرفين في مدينة الحوطة كبرى مدن محافظة لحج.", "معارك"),
    ("وقال الضابط إن جنوده اشتبكوا مع المسلحين قرب الحاجز ليلا.", "اشتبكوا"),
    ("قتل جنديان إثر اشتباك مع مسلحين في العريش.", "اشتباك"),  # after a word of time
    ("قتل 20 شخصا على الاقل واصيب عشرة آخرون في تبادل لاطلاق النار في ولاية قندوز.",
     "تبادل لاطلاق النار"),
])  # fmt: skip
def test_the_arabic_words_of_a_clash_make_an_armed_clash(text: str, trigger: str) -> None:
    """The rows judged (docs/annotation-rows.md) held battles typed as shellings, air strikes
    or attacks on civilians where the sentence said مواجهات, معارك, اشتباك, اشتبكت or an
    exchange of fire (the event lexicon had only اشتباكات, and the mode model guessed a
    weapon): ACLED's armed clash, the clash word its trigger; a word of time before it ("إثر
    اشتباك") leaves it the sentence's event (that rule is an arrest's: a review)."""
    e = _doc_event(text, "ar")
    assert (e.plover, e.acled_type, e.acled_subtype) == ("ASSAULT", "Battles", "Armed clash")
    assert (e.trigger, e.type_source) == (trigger, "lexicon")


def test_a_place_taken_after_clashes_is_a_taking() -> None:
    """A review's case: "after battles" (بعد مواجهات) is how a taking is told."""
    e = _doc_event("سيطرت قوات المعارضة على مدينة جسر الشغور بعد مواجهات مع قوات النظام.", "ar")
    assert (e.acled_type, e.acled_subtype) == ("Battles", "Non-state actor overtakes territory")


@pytest.mark.parametrize("text", [
    "تطور روسيا منصة روبوتية قابلة للاستخدام في البيئات الخطرة مثل ساحات المعارك.",
    "سيسمح القانون بإنشاء صناديق لإسناد المواجهات القانونية حول قواعد المناخ.",
    "عرض المدرب لقطات من مواجهات الفريق الودية خلال المعسكر.",
    "وفي ختام مواجهات الجولة الخامسة من الدوري فاز الهلال على النصر.",
    "أكد الأمين العام أن الحزب لن يسمح بتغيير قواعد الاشتباك في الجنوب.",
    "أعلنت قوة الأمم المتحدة لمراقبة فك الاشتباك في الجولان سحب عناصرها.",
    "وقال شهود إن أنصار المرشحين اشتبكوا كلاميا مع الصحفيين أمام المحكمة.",
    "يخوض رجل الأعمال معارك قضائية مع شركائه السابقين.",
    "وقال السكان إنهم يخشون من أية مواجهات قد تشهدها العاصمة.",
])  # fmt: skip
def test_a_battlefield_or_a_battle_of_words_is_no_clash(text: str) -> None:
    """Battlefields (ساحات المعارك), rules of engagement, disengagement, legal, verbal and
    judicial battles, matches and "any clashes" name no fighting (`event_figures.tsv`)."""
    for e in _doc_events(text, "ar"):
        assert e.acled_type != "Battles", e.trigger


@pytest.mark.parametrize("text", [
    "تواصلت معارك الفريق خليفة حفتر ضد الجماعات المتشددة في بنغازي.",  # a general's rank
    "تحولت شوارع المدينة إلى ساحة معارك بين المقاومة الشعبية والحوثيين.",
])  # fmt: skip
def test_a_general_or_a_battleground_keeps_its_battle(text: str) -> None:
    """A review's cases: الفريق is also a rank, and "turned into a battleground between"
    tells fighting: the figure words of matches and battlefields do not block them."""
    e = _doc_event(text, "ar")
    assert (e.acled_type, e.trigger) == ("Battles", "معارك")


def test_a_clash_of_protesters_with_the_police_is_a_riot() -> None:
    """Protesters or students clashing with the police are a riot (PLOVER PROTEST riot, ACLED
    Riots), the crowd its actor; civilians killed in a clash of an army and an armed group
    stay the victims of a battle (a review)."""
    e = _doc_event("اشتبكت الشرطة مع طلاب جامعة الأزهر المحتجين في القاهرة.", "ar")
    assert (e.plover, e.mode, e.acled_type, e.acled_subtype) == (
        "PROTEST", "riot", "Riots", "Violent demonstration")
    assert e.actor == "طلاب جامعة"
    e = _doc_event("قتل 5 مدنيين في اشتباكات بين الجيش وتنظيم داعش في الرمادي.", "ar")
    assert (e.acled_type, e.acled_subtype) == ("Battles", "Armed clash")


def test_an_ambush_a_clause_apart_and_a_place_taken_are_no_remote_violence() -> None:
    """An ambush is laid with small arms (its victims armed: a battle, not the air strike the
    mode model guessed); the clash of a sentence's first clause is its event, not a bombing
    told after فيما; a place taken with no weapon named is a battle whoever took it."""
    e = _doc_event("قالت مصادر محلية إن 8 من المسلحين الحوثيين قتلوا في كمين نصبته المقاومة.",
                   "ar")  # fmt: skip
    assert (e.mode, e.acled_type) == ("firearms", "Battles")
    e = _doc_event("وقالت تقارير إن اشتباكات عنيفة اندلعت بين قوات الجيش وعناصر من الجماعة، "
                   "فيما وقع انفجار بحي الكرامة بعدما قام مجهولون بتفجير منزل.", "ar")
    assert (e.trigger, e.acled_type, e.acled_subtype) == ("اشتباكات", "Battles", "Armed clash")
    # SaudiNewsNet (the rows' dev split): the mode model's air strike, no weapon named
    e = _doc_event("وكانت قوة عسكرية كبيرة تحركت من مدينة عدن صباح أمس صوب محافظة لحج من جهة "
                   "الغرب، وتمكنت هذه القوة من فرض السيطرة على عدة مناطق محاذية بين عدن ولحج.",
                   "ar")  # fmt: skip
    assert (e.acled_type, e.acled_subtype) == ("Battles", "Armed clash")


def test_opposition_forces_are_an_armed_group() -> None:
    """PETRARCH codes "قوات المعارضة" and "opposition forces" OPPUAF (the opposition, armed),
    which the lexicon's build read as protesters by its first sector: civilians, so an attack by
    them was one on civilians and they no party a battle could have (build_agents.class_of)."""
    from khabar.extract.actors import generic_agents
    from khabar.extract.lexicon import alias_key

    assert generic_agents("ar")[1][alias_key("قوات المعارضة")] == "armed_group"
    assert generic_agents("en")[1][alias_key("opposition forces")] == "armed_group"
    assert generic_agents("en")[1][alias_key("defence minist")] == "officials"  # GOVMIL


@pytest.mark.parametrize(("text", "lang"), [
    ("Militants in Gaza fired two rockets, defence officials said.", "en"),
    ("در هر حمله این گروه دست‌کم پنج نفر کشته شدند.", "fa"),  # هر: each
])  # fmt: skip
def test_a_modifier_across_punctuation_or_of_each_keeps_the_trigger(text: str,
                                                                     lang: str) -> None:
    """A review's cases: "rockets, defence officials" is no missile defence; Persian هر before
    an attack word is "each" as often as "any"."""
    assert "trigger" in _doc_event(text, lang).evidence


def test_a_right_to_strike_or_protest_is_no_protest() -> None:
    """"حقه في الإضراب عن الطعام" in a statement on a law was exported as a protest (day-dev
    rows); a strike held stays one."""
    assert not _doc_events("وأكد البيان حقهم في الإضراب عن الطعام.", "ar")
    assert _doc_event("بدأ العمال إضرابا عن العمل في الميناء أمس.", "ar").plover == "PROTEST"


@pytest.mark.parametrize(("text", "lang"), [
    ("قتل 27 شخصا في تفجير انتحاري استهدف مسجدا في الكويت.", "ar"),
    ("A suicide bomber killed 12 people at a mosque in Kabul.", "en"),
    ("در انفجار انتحاری در کابل ۱۲ نفر کشته شدند.", "fa"),
])  # fmt: skip
def test_a_suicide_word_makes_an_explosion_a_suicide_bomb(text: str, lang: str) -> None:
    """... and so do "blew himself up with an explosive belt" (a proclitic on the phrase's first
    word); a denied suicide attack does not (the review)."""
    phrasing = _doc_event("قتل 5 أشخاص في انفجار عندما فجر شخص نفسه بحزام ناسف في مسجد.", "ar")
    assert phrasing.acled_subtype == "Suicide bomb"
    denied = _doc_event("Police said the explosion that killed 4 people in Kabul was not a "
                        "suicide attack.", "en")  # fmt: skip
    assert denied.acled_subtype != "Suicide bomb"
    e = _doc_event(text, lang)
    assert (e.acled_subtype, e.mode) == ("Suicide bomb", "suicide-attack")
    assert _doc_event("A roadside bomb killed 3 soldiers in Helmand.", "en").acled_subtype == \
        "Remote explosive/landmine/IED"  # fmt: skip


@pytest.mark.parametrize("text", [
    "قتل 20 طالبا عسكريا على الأقل في هجوم انتحاري استهدف أكاديمية للشرطة في كابول.",
    "وكان 6 أشخاص قتلوا الخميس في عملية انتحارية نفذتها حركة طالبان ضد الشرطة الأفغانية.",
])  # fmt: skip
def test_a_suicide_attack_is_a_suicide_bomb(text: str) -> None:
    """SaudiNewsNet 2015-08-08 (CC BY-NC-SA 4.0): an assault with no weapon word was an attack
    (or an armed clash) though a suicide bomber did it; ACLED's codebook codes it as an
    explosion, and fusion kept it apart from the same attack's bombing reports."""
    e = _doc_event(text, "ar")
    assert (e.acled_type, e.acled_subtype, e.mode) == (
        "Explosions/Remote violence", "Suicide bomb", "suicide-attack")
    # IS's assault fighters (انغماسيون) storm with rifles: their clash is no bombing (a review)
    clash = _doc_event("قتل 10 جنود في اشتباكات مع مقاتلين انغماسيين في الرمادي.", "ar")
    assert clash.acled_subtype != "Suicide bomb"


def test_a_security_attack_is_still_an_attack() -> None:
    """أمني makes a blow (ضربة) a security operation, not an attack (هجوم): the review."""
    e = _doc_event("قتل 5 جنود في هجوم أمني على حاجز.", "ar")
    assert e.plover == "ASSAULT" and e.evidence and "trigger" in e.evidence


@pytest.mark.parametrize("text", [
    # a fresh-clone trial exported these totals as one event's toll
    "وتزامنا مع انقضاء شهر رمضان، أفاد «المرصد السوري لحقوق الإنسان» بأن عدد قتلى النزاع خلال "
    "الشهر الفضيل بلغ نحو 5026 قتيلا.",
    "وتخشى أنقرة أن تعيد أي فوضى في المنطقة الحدودية إشعال التمرد الانفصالي الكردي المسلح الذي "
    "شنه حزب العمال الكردستاني وقتل فيه نحو 40 ألف شخص منذ عام 1984.",
])  # fmt: skip
def test_a_conflicts_total_is_no_events_toll(text: str) -> None:
    assert all(e.killed is None for e in _doc_events(text, "ar"))


def test_an_attack_dated_to_a_past_month_after_its_trigger_is_recalled() -> None:
    """A fresh-clone trial exported the Bardo museum attack "في 18 مارس (آذار) الماضي" as an
    event of the report's day: a date followed by الماضي after an attack's trigger is its own."""
    e = _doc_event("وقال ساركوزي خلال زيارة إلى متحف «باردو»، أمس، حيث وضع إكليلاً من الورود "
                   "تكريمًا لضحايا الهجوم الذي أدى إلى مقتل 21 سائحًا أجنبيًا وشرطي تونسي في 18 "
                   "مارس (آذار) الماضي، إن «هدف الزيارة بسيط جدًا..", "ar")  # fmt: skip
    assert e.background and e.date.endswith("-03-18")


# --- frames of an earlier event ("two weeks after a similar attack", "ردا على هجوم") ----------


@pytest.mark.parametrize(("text", "lang", "killed", "injured", "left_out"), [
    # Current Events items and SaudiNewsNet sentences of a fresh-clone trial: the earlier
    # event's toll and place were this event's
    ("Two car bombs kill at least 25 people, mostly police officers, near the national theater "
     "area in Mogadishu, Somalia, two weeks after a similar attack killed hundreds.", "en", 25,
     None, None),
    ("Israel launches airstrikes against a smuggling tunnel and metal foundry in Gaza, in "
     "response to a rocket attack which killed a Thai worker in Israel.", "en", None, None, "IL"),
    ("وأوضح أن الغارات جاءت ردا على هجوم نفذه مسلحون في التنظيم الخميس على موقع متقدم للجيش "
     "التركي قرب الحدود، قتل فيه ضابط صف وأصيب جنديان بجروح.", "ar", None, None, None),
    ("Russia evacuates Libya of all Russian diplomats and their families one day after an "
     "attack on their embassy left one dead.", "en", None, None, None),
    # a review's: an accusative span after a number ("15 يوما"); the attack is the news, not
    # the bombing 15 days before
    ("قتل 5 جنود في هجوم بعد 15 يوما من التفجير الذي أوقع 30 قتيلا في المدينة.", "ar", 5, None,
     None),
])  # fmt: skip
def test_what_a_frame_of_an_earlier_event_holds_is_not_this_events(
    text: str, lang: str, killed: int | None, injured: int | None, left_out: str | None
) -> None:
    (e,) = _doc_events(text, lang)
    assert (e.killed, e.injured, e.background) == (killed, injured, False)
    assert left_out not in e.places
    if "airstrikes" in text:
        assert e.acled_subtype == "Air/drone strike"
    if "15 يوما" in text:
        assert e.trigger == "هجوم"


def test_an_event_framed_as_weeks_old_is_background_and_a_recent_one_dated_back() -> None:
    old = _doc_event("يأتي الهجوم بعد شهرين من هجوم دموي استهدف متحف “باردو” بالعاصمة تونس "
                     "ونفذه مسلحان وقتلا خلاله 21 سائحاً أجنبياً وشرطياً.", "ar")  # fmt: skip
    assert old.background and old.killed == 21
    recent = _doc_event("Shootings are reported in Khartoum, Sudan, one day after the rebel "
                        "attack.", "en")  # fmt: skip
    assert not recent.background
    assert (recent.date, recent.date_basis) == ("2024-04-21", "recalled")
    # "This comes a day after": the clashes are the sentence's news, dated the day before the
    # report; the strikes of the sentence before do not take their day
    strikes, clashes = _doc_events(
        "U. N. attack helicopters launch strikes against positions of Allied Democratic Forces. "
        "This comes a day after a series of clashes between rebels and soldiers in a town in "
        "eastern Congo killed at least 30 people.", "en")  # fmt: skip
    assert (clashes.date, clashes.killed) == ("2024-04-21", 30)
    assert strikes.date != "2024-04-21"


def test_a_frames_own_day_and_toll_stay_with_the_framed_event() -> None:
    """The sample's Persian report: "this attack happened one day after a huge explosion at
    Camp Kalsu early on Saturday, in which a member of the PMF was killed"."""
    e = _doc_event("این حمله یک روز پس از انفجاری مهیب در پادگان کالسو در عراق که در اوایل روز "
                   "شنبه رخ داد و در آن یکی از اعضای نیروهای الحشد الشعبی به شهادت رسید، رخ "
                   "داد.", "fa")  # fmt: skip
    assert e.trigger == "انفجاری" and e.killed == 1 and "IQ-S-KALSU" in e.places
    assert e.date == "2024-04-20" and not e.background


@pytest.mark.parametrize(("text", "place"), [
    ("At least two Shiite Muslim followers of militant Iraqi cleric, Moqtada Sadr, are killed "
     "early in the day after throwing themselves in front of United States tanks during a "
     "demonstration in Baghdad.", "GN-98182"),
    ("Garry Kasparov is jailed for 5 days after a protest rally in Moscow and opposition "
     "leaders are detained.", "GN-524901"),
])  # fmt: skip
def test_a_span_that_counts_no_days_back_is_no_frame(text: str, place: str) -> None:
    (e,) = _doc_events(text, "en")
    assert place in e.places


def test_a_title_toll_the_body_tells_as_cumulative_is_no_events() -> None:
    """A fresh-clone trial exported "ألف قتيل و 9 آلاف جريح منذ دخول الحوثيين عدن" (the title)
    as one shelling's 1,000 dead: its body gives the number as the toll since the fighting
    began; and an observatory's count "during this period" of strikes is none either."""
    from khabar.extract.document import extract_document
    from khabar.model import RawArticle
    from khabar.pipeline import build_document

    raw = RawArticle(source="t", locator="", kind="txt",
                     title="مسؤول يمني: ألف قتيل و 9 آلاف جريح منذ دخول الحوثيين عدن",
                     text="أوضح مسؤول يمني بمحافظة عدن، جنوب البلاد، اليوم، إن حصيلة القتلى منذ بدء "
                          "المواجهات بين مسلحي الحوثي والمقاومة الشعبية في المدينة بلغت ألفاً .",
                     published="2015-07-23", lang_hint="ar")  # fmt: skip
    (e,) = extract_document(build_document(raw, S), S).events
    assert (e.killed, e.injured) == (None, None)
    period = _doc_event("وقال المرصد في بيان اليوم الخميس إن 173 مدنيا قتلوا وأصيب العشرات "
                        "بالإضافة إلى مقتل مقاتل إسلامي أيضا جراء هذه الغارات خلال هذه "
                        "الفترة .", "ar")  # fmt: skip
    assert period.killed is None and (173, "killed (cumulative toll)") in period.counts
    assert "tally" in period.modality  # a period's strikes: joins an event, founds none
    worst = _doc_event("ووصف المسؤول القصف الذي قتل 100 شخص بأنه «أسوأ يوم» للمدينة منذ اندلاع "
                       "القتال قبل ثلاثة أشهر.", "ar")  # fmt: skip
    assert "tally" not in worst.modality  # one shelling measured against the period
    # a month's toll keeps its number (the casualty gold counts it) but is a tally (SaudiNewsNet
    # 2015-08-02, CC BY-NC-SA 4.0: UNAMI's July toll was a row of the report's day); one attack
    # in a month is none
    month = _doc_event("أعلنت بعثة الأمم المتحدة في بغداد أمس عن مقتل 1332عراقيا نتيجة أعمال "
                       "العنف خلال يوليو الماضي، منهم 844 مدنيا و488 عسكريا.", "ar")  # fmt: skip
    assert month.killed == 1332 and "tally" in month.modality
    one = _doc_event("وقتل 1400 شخص في هجوم بالأسلحة الكيماوية في شهر أغسطس على الغوطة.", "ar")
    assert "tally" not in one.modality
    # a review's cases: "so far" of a claim, a new toll that raises a total
    for text, lang in (("قتل خمسة أشخاص في انفجار سيارة مفخخة في بغداد ولم تعلن أي جهة "
                        "مسؤوليتها حتى الآن.", "ar"),
                       ("Gunmen killed 5 policemen on Monday, bringing the number of police "
                        "killed since the start of the year to 40.", "en")):  # fmt: skip
        assert "tally" not in _doc_event(text, lang).modality


@pytest.mark.parametrize(("text", "lang", "trigger", "killed"), [
    # a review's cases: a frame that opens the sentence without a comma, one set off by commas,
    # one whose relative clause runs past a comma, and "came in response to" (the answer is the
    # news)
    ("بعد يومين من الهجوم على رفح شنت الطائرات الإسرائيلية غارات على غزة أسفرت عن مقتل 12.",
     "ar", "غارات", 12),
    ("Officials said on Tuesday, two days after the attack in Ankara, that gunmen killed 5 "
     "soldiers in Diyarbakir.", "en", None, 5),
    ("Two days after the attack in Suruc, which killed 32 people, Turkish jets struck targets "
     "in Syria.", "en", None, None),
    ("وجاءت هذه الغارات ردا على الهجوم الذي استهدف دورية للجيش.", "ar", "غارات", None),
])  # fmt: skip
def test_the_news_beside_a_frame_is_read_without_it(text: str, lang: str, trigger: str | None,
                                                     killed: int | None) -> None:
    (e,) = _doc_events(text, lang)
    assert not e.background and e.killed == killed and e.date_basis != "recalled"
    assert trigger is None or e.trigger == trigger


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a question asks, it reports no event (SaudiNewsNet opinion pages; rhetorical "؟!")
        ("هل هناك ذنب أكبر من قتل أبرياء سجد ركع في قلب مسجد آمن؟!", "ar"),
        ("من الذي حول شبابنا إلى أدوات فتاكة لقتل أنفسهم قبل أن يقتلوا المئات من الأبرياء؟", "ar"),
        ("Who ordered the bombing of the hospital?", "en"),
    ],
)
def test_a_question_reports_no_event(text: str, lang: str) -> None:
    assert _doc_events(text, lang) == []


def test_a_report_of_a_quoted_question_still_reports() -> None:
    # the question is the quote's; the sentence reports the condemnation (Current Events)
    text = ("Argentina Education Minister Alejandro Finocchiaro strongly condemns a school in "
            'Chaco Province for displaying a Cuban flag, asking, "What differences are there?"')
    assert [e.plover for e in _doc_events(text, "en")] == ["ACCUSE"]


def test_the_sentence_after_a_question_still_reports() -> None:
    text = "هل يتوقف العنف؟ قتل ثلاثة جنود في هجوم على نقطة تفتيش شمال سيناء."
    (e,) = _doc_events(text, "ar")
    assert (e.plover, e.killed) == ("ASSAULT", 3)


def test_a_number_after_dies_at_is_an_age() -> None:
    # Current Events: "Humayun Ahmed dies at 63 in New York": one person, not 63
    e = _event("A police officer shot during the raid dies at 45 in hospital.")
    assert e.killed == 1


@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("An unnamed gunman, 41, kills 3 women and injures 2 men in the village.", 3, 2),
    ("Gunmen killed the former minister, 85, at his home.", None, None),
    ("A gunman kills Ahmed Saleh, 28, and wounds his brother in Aden.", 1, 1),
    ("Omar Khalid, 35, is charged with the murder.", None, None),
    ("In Kabul, 12 people were killed.", 12, None),  # not set off on both sides: a count
])
def test_an_age_set_off_by_commas_is_no_count(text: str, killed: int | None,
                                              injured: int | None) -> None:  # fmt: skip
    # Current Events: 13 of 25 sentences with "Name, 33," beside a word of harm read the age
    # as the dead ("An unnamed gunman, 33, kills 3 women": 33 killed)
    (e,) = extract_events(text, anchor=ANCHOR, settings=S, lang="en")
    assert (e.killed, e.injured) == (killed, injured)


@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("A gunman kills 4, wounds 9, and flees the scene.", 4, 9),
    ("A car bomb kills at least 15, wounding 40 others.", 15, 40),
    ("A bomb killed 7 and wounded 11 in the market.", 7, 11),
    ("3 killed, 8 wounded in a blast in Quetta.", 3, 8),
    ("Two killed, 12 injured as a bus is attacked.", 2, 12),  # each count before its word
    # the killed's people between: "kills 21 people, injuring 30 more" had read 21 injured
    ("Gunmen killed at least 12 people, wounded 30 others in Kano.", 12, 30),
    ("A driver hits a crowd and kills 21 people, injuring 30 more.", 21, 30),
    ("2 people killed, 12 people injured in a blast in Quetta.", 2, 12),
])
def test_the_count_after_a_word_of_killing_is_not_the_wounded(text: str, killed: int,
                                                               injured: int) -> None:  # fmt: skip
    # the commas dropped, "kills 6, wounds 13" had read 6 wounded (Current Events)
    (e,) = extract_events(text, anchor=ANCHOR, settings=S, lang="en")
    assert (e.killed, e.injured) == (killed, injured)


@pytest.mark.parametrize("text", [
    "A soldier died, 12 people were wounded.",
    "A soldier was killed, 12 people were wounded.",
    "The driver was killed, 12 passengers were injured.",
    "Many were killed, 12 others were wounded.",
    "One soldier died, 12 wounded.",
])
def test_a_word_of_killing_that_takes_no_object_leaves_the_wounded_their_count(text: str) -> None:
    # a passive or "died" has no object: the 12 are the wounded (a review of the rule above
    # found them lost). The killed of the first four are still read forward (12): not asserted
    (e,) = extract_events(text, anchor=ANCHOR, settings=S, lang="en")
    assert e.injured == 12


@pytest.mark.parametrize(("text", "killed", "injured"), [
    # the number after a passive is the next clause's subject (Current Events had 7 killed)
    ("One Israeli is killed, seven are wounded in Beersheba.", 1, 7),
    ("One man is killed, two more are seriously injured in Chemnitz.", 1, 2),
    ("Two people are killed, seven are injured.", 2, 7),
    ("Rabbi Michael Mark is murdered and his two children badly injured.", 1, 2),
    ("The bomb killed seven, wounding twelve.", 7, 12),  # a count after an active verb stays
])
def test_a_number_that_opens_the_next_clause_is_that_clause_s_count(text: str, killed: int,
                                                                    injured: int) -> None:  # fmt: skip
    (e,) = extract_events(text, anchor=ANCHOR, settings=S, lang="en")
    assert (e.killed, e.injured) == (killed, injured)


@pytest.mark.parametrize("text", ["Happy Days actor Al Molinaro dies at 96.",
                                  "Blues legend B.B. King dies at the age of 89."])
def test_an_obituary_reports_no_event(text: str) -> None:
    # a death at an age with no attack beside it (Current Events obituaries had been ASSAULT)
    assert extract_events(text, anchor=ANCHOR, settings=S, lang="en") == []


def test_persian_rows_of_the_verb_table_are_nouns_unless_a_light_verb_follows() -> None:
    # the annotated Persian rows (training/events/persian_triggers.py): دستگیر with a light
    # verb is an arrest, and the row is its trigger
    (e,) = extract_events("پلیس ۱۵ نفر از قاچاقچیان را دستگیر کرد.", anchor=ANCHOR, settings=S,
                          lang="fa")  # fmt: skip
    assert (e.plover, e.trigger, e.type_source) == ("COERCE", "دستگیر", "cameo")
    # the classifier never read these rows: its sureness makes no event the detector rejects
    # (a referee disallowing a goal)
    assert extract_events("داور گل دوم را رد کرد.", anchor=ANCHOR, settings=S, lang="fa") == []


@pytest.mark.parametrize("text", [
    # a fresh-clone trial exported these as one event's toll: a UN half-year count, two weeks of
    # air strikes, a round-up of a day's separate attacks
    "أعلنت الأمم المتحدة أن ما يقرب من خمسة آلاف مدني أفغاني سقطوا بين قتيل وجريح خلال الأشهر "
    "الستة الأولى من العام.",
    "وقالت مصادر إن نحو 390 مقاتلا كرديا قتلوا وجرح 400 آخرون خلال أسبوعين من الغارات الجوية "
    "التركية.",
    "وقتل ثمانية أشخاص على الأقل في موجة من الهجمات المنفصلة في أنحاء البلاد.",
    "At least 1,500 civilians were killed in the first six months of the year, the UN said.",
    "Eight people were killed in a wave of separate attacks across the country on Monday.",
])  # fmt: skip
def test_a_toll_of_months_weeks_or_several_attacks_is_kept_apart(text: str) -> None:
    e = _event(text)
    assert (e.killed, e.injured) == (None, None)
    assert any("cumulative" in kind for _, kind in e.counts)


@pytest.mark.parametrize(("text", "killed"), [
    # one attack measured against a span or a series: its own toll (a fresh-eyes review)
    ("A car bomb killed 12 people in Baghdad on Monday, the latest in a wave of attacks on "
     "Shiite areas.", 12),
    ("A bomb killed 9 people in Quetta on Friday, the deadliest attack in the first six months "
     "of the year.", 9),
    ("قتل 5 أشخاص في ثاني غارة خلال شهرين على المدينة.", 5),
])  # fmt: skip
def test_one_attack_measured_against_a_span_keeps_its_toll(text: str, killed: int) -> None:
    assert _event(text).killed == killed


@pytest.mark.parametrize("text", [
    # casualty dev sets (SaudiNewsNet 2015, CC BY-NC-SA 4.0), shortened
    "أعلنت قيادة القوات المشتركة في بيان لها يوم أمس استشهاد الجندي أول يحي متعب الشامري من "
    "منسوبي القوات البرية بعد إصابته بمقذوف بقطاع جيزان.",
    "واصيب رئيس قسم المتفجرات في الشرطة بيازيد تشيكين في المواجهات وتوفي في المستشفى متأثرا "
    "بجروحه، وفق المصدر.",
])  # fmt: skip
def test_one_who_died_of_his_injury_is_killed_not_also_injured(text: str) -> None:
    """The count reader read "إصابته" (his injury) as one more injured; the guideline counts
    the one who died. Another's injury still counts (the second sentence below)."""
    e = _doc_event(text, "ar")
    assert (e.killed, e.injured) == (1, None)
    other = _doc_event("قتل شخص وأصيب آخر في انفجار عبوة ناسفة في بغداد.", "ar")
    assert (other.killed, other.injured) == (1, 1)


@pytest.mark.parametrize(("text", "lang"), [
    # a trial's rows (SaudiNewsNet 2015, CC BY-NC-SA 4.0): a decision, not a strike
    ("وكشف مسؤولون أمريكيون أن الولايات المتحدة قررت السماح بغارات جوية للمساعدة في صد أي هجوم.",
     "ar"),
    ("Trump threatened airstrikes on Iranian cultural sites.", "en"),
    # a trial's row (Fars News 2003): "a plan of a military attack by the Pentagon on Iran"
    ("روزنامه روسی از طرح حمله نظامی پنتاگون علیه ایران خبر داده بود.", "fa"),
    ("Police said the men were plotting to bomb a mosque in Leeds.", "en"),
])  # fmt: skip
def test_a_strike_decided_allowed_or_threatened_is_planned(text: str, lang: str) -> None:
    """... and fusion founds no event on a planned mention (``fuse.events._can_found``)."""
    assert "planned" in _doc_event(text, lang).modality
    assert "planned" not in _doc_event("شنت طائرات التحالف غارات جوية على صنعاء.", "ar").modality
    # a plan named as a noun of another thing (a fresh-eyes review's case)
    assert "planned" not in _doc_event("Despite the peace plan, government forces shelled Homs, "
                                       "killing 12.", "en").modality  # fmt: skip


@pytest.mark.parametrize(("text", "lang"), [
    # judged export rows (SaudiNewsNet 2015, CC BY-NC-SA 4.0; rows-dev, rows-day-dev: "future or
    # threat"), shortened: a call, an organiser's announcement, a pledge, a preparation, a ban
    # to come, a future verb before "in protest"
    ("وطالب التحالف أنصاره في بيان له أمس بمواصلة تنظيم المظاهرات للمطالبة بعودة الرئيس "
     "المعزول.", "ar"),
    ("واعلنت نقابة الموظفين (اديدي) عن تظاهرة امام البرلمان مساء الاربعاء.", "ar"),
    ("أعلنت نقابات المعلمين في إيران عن تنظيم تظاهرة أمام البرلمان اليوم.", "ar"),
    ("تعهد رئيس الوزراء التركي أحمد داوود أوغلو امس بشن المزيد من الغارات الجوية على الاكراد.",
     "ar"),
    ("وفي السياق نفسه يستعد نشطاء آخرون لتنظيم مظاهرات يوم الجمعة المقبل في بغداد.", "ar"),
    ("ودعت المعارضة إلى التظاهر أمام مقر الحكومة.", "ar"),
    ("هدد المعلمون بالإضراب عن العمل الأسبوع المقبل.", "ar"),
    ("أعلنت نقابة سائقي المترو في لندن الاثنين أن حركة المترو ستتوقف عصر الأربعاء لمدة 24 ساعة "
     "تلبية لدعوة من النقابة احتجاجا على شروط تمديد العمل ليلا.", "ar"),
    ("The opposition called for a general strike on Monday.", "en"),
])  # fmt: skip
def test_an_event_called_for_announced_or_pledged_is_called(text: str, lang: str) -> None:
    """The complement of a word of intent is asked for, not done (``events._called_for``):
    "called", so fusion founds no event on it and the export has no row of it."""
    assert {"planned", "called"} & set(_doc_event(text, lang).modality)


@pytest.mark.parametrize(("text", "lang"), [
    ("قامت القوات بشن غارات على مواقع المسلحين في المدينة.", "ar"),  # done: no word of intent
    ("وشارك الآلاف في المظاهرات التي دعت إليها المعارضة أمس في القاهرة.", "ar"),
    ("دعا الرئيس إلى الحوار بعد أن خرج الآلاف في مظاهرات حاشدة في العاصمة.", "ar"),  # a clause
    ("أعلنت الشرطة عن اعتقال 8 أشخاص في الرباط أمس.", "ar"),  # an arrest announced was made
    ("وخرج الآلاف احتجاجا على قرار الحكومة أمس.", "ar"),
    ("Police were called to the protest in the city centre.", "en"),
    # a noun that begins as a future verb does ("سيطرة": control) is no future verb
    ("وقتل خمسة جنود في هجوم على نقطة سيطرة للجيش في سيناء.", "ar"),
    # a fresh-eyes review's cases: nouns that are words of intent or future verbs elsewhere
    # (a student, the Dawa party, a call heeded, Sidi Bouzid, a Sunni clan), a future verb or
    # a word of intent with no complement of undertaking, a call in another clause, a verb of
    # doing between, an announcement of a toll, "responsibility for", "prepared for"
    ("قتل طالب جامعي في هجوم مسلح على حافلة في بغداد أمس.", "ar"),
    ("قتل مسؤول في حزب الدعوة الإسلامية بهجوم مسلح في البصرة.", "ar"),
    ("لبى الآلاف دعوة المعارضة وخرجوا في مظاهرات حاشدة في القاهرة أمس.", "ar"),
    ("خرج المئات من سكان سيدي بوزيد في مظاهرات ضد البطالة أمس.", "ar"),
    ("قتل عشرة من أبناء عشيرة سنية في هجوم انتحاري شمال بغداد.", "ar"),
    ("قالت الوزارة إنها ستحقق في الهجوم الذي استهدف السفارة أمس.", "ar"),
    ("تعهد الرئيس بمحاسبة المسؤولين عن الهجوم على السفارة.", "ar"),
    ("توعد قائد الشرطة بالانتقام للهجوم الذي قتل فيه ثلاثة من عناصره.", "ar"),
    ("دعا الرئيس إلى الحوار بعدما خرج الآلاف في مظاهرات حاشدة في العاصمة.", "ar"),
    ("وبعد ساعات من تهديد الحركة بالانتقام قامت الطائرات بشن غارات على مواقعها.", "ar"),
    ("أعلنت وزارة الصحة إصابة 40 شخصا في المظاهرات التي شهدتها العاصمة أمس.", "ar"),
    ("أعلنت النقابة عن مواصلة الإضراب لليوم الثالث على التوالي.", "ar"),  # under way
    ("Fighters from the so-called Islamic State claimed responsibility for the attack on the "
     "checkpoint.", "en"),
    ("Police prepared for the protest, which drew 5,000 people.", "en"),
])  # fmt: skip
def test_an_event_done_is_not_called_by_a_word_of_intent_elsewhere(text: str,
                                                                    lang: str) -> None:  # fmt: skip
    assert not {"planned", "called"} & set(_doc_event(text, lang).modality)


@pytest.mark.parametrize("text", [
    # a judged dev row (SaudiNewsNet 2015, CC BY-NC-SA 4.0: earlier event), shortened
    "ويأتي ذلك القرار على خلفية هجوم ارهابي لشاب مسلح مؤخرا في منتجع سوسة التونسي وقتل 38 "
    "سائحا.",
    "كثفت تونس مشاوراتها مع شركائها الأوروبيين بهدف تجاوز تداعيات الهجوم الارهابي على منتجع "
    "سوسة.",
])  # fmt: skip
def test_an_attack_named_for_what_followed_it_is_recalled(text: str) -> None:
    """"على خلفية", "تداعيات" (in connection with, the repercussions of) name an earlier event
    (``recall_frames.tsv``, kind consequence): recalled, it joins its happening in fusion and
    founds no row of its own."""
    assert "recalled" in _doc_event(text, "ar").modality


def test_what_followed_an_attack_is_the_news_not_the_attack() -> None:
    """An arrest "in connection with the attack" is the news; a feud (ثأر) is no event word."""
    arrest = _doc_event("اعتقلت الشرطة خمسة أشخاص على خلفية الهجوم على مركز الشرطة.", "ar")
    assert (arrest.plover, arrest.modality) == ("COERCE", [])
    feud = _doc_event("قتل ثلاثة أشخاص في اشتباكات على خلفية ثأر قبلي في صعدة أمس.", "ar")
    assert "recalled" not in feud.modality


@pytest.mark.parametrize("text", [
    # a fresh-eyes review's cases: a new attack after the frame's clause; a death or an
    # injury in connection with an attack is that attack's own
    "أعلنت السلطات الحداد على خلفية الهجوم على المسجد، فيما قتل مسلحون ثلاثة جنود في هجوم آخر "
    "بمدينة العريش أمس.",
    "قتل شرطي على خلفية هجوم مسلح في مدينة العريش مساء الخميس.",
    "أصيب خمسة أشخاص على خلفية تفجير عبوة ناسفة في مدينة الحلة يوم الخميس.",
])  # fmt: skip
def test_an_attack_told_beside_a_word_of_consequence_may_be_the_news(text: str) -> None:
    e = _doc_event(text, "ar")
    assert (e.plover, "recalled" in e.modality, bool(e.places)) == ("ASSAULT", False, True)


def test_the_day_after_an_attack_dates_it_the_day_before() -> None:
    """غداة (the day after) frames an event of the day before the news (``recall_frames.tsv``,
    kind next_day): its own day, not the news's."""
    e = _doc_event("قررت السلطات فرض حظر التجول اليوم غداة هجوم انتحاري على سوق في المدينة.", "ar")
    assert (e.plover, e.date, e.date_basis) == ("ASSAULT", "2024-04-21", "recalled")
    e = _doc_event("وغداة التفجير الانتحاري الذي استهدف مسجد القديح، عم الحداد مدينة القطيف.",
                   "ar")  # fmt: skip
    assert (e.date, e.date_basis) == ("2024-04-21", "recalled")


@pytest.mark.parametrize("text", [
    # a trial (SaudiNewsNet 2015, CC BY-NC-SA 4.0): a building collapse in Mumbai exported as
    # an attack with its 12 dead
    "أعلنت الشرطة الهندية أمس أن 12 شخصا قتلوا، إثر انهيار مبنى مؤلف من ثلاثة طوابق في مومباي.",
    "قتل 5 أشخاص في انفجار غاز بمطعم في القاهرة.",
])  # fmt: skip
def test_an_arabic_hazard_of_two_words_is_no_attack(text: str) -> None:
    """"انهيار مبنى", "انفجار غاز": the hazard first, as Arabic orders them; a car bomb's
    explosion stays an attack."""
    assert not [e for e in _doc_events(text, "ar") if e.plover == "ASSAULT"]
    bomb = _doc_event("قتل 5 أشخاص في انفجار سيارة مفخخة في القاهرة.", "ar")
    assert bomb.plover == "ASSAULT"


@pytest.mark.parametrize(("text", "lang"), [
    ("بدأت محكمة الجنايات اليوم الاثنين محاكمة المتهمين بتفجير سوق المدينة.", "ar"),
    ("أخلت المحكمة اليوم سبيل خمسة من متهمي تفجير السوق.", "ar"),
    ("مثل المتهمون في تفجير السوق أمام القاضي أمس.", "ar"),
])
def test_an_event_a_court_case_is_about_is_background_without_the_courts_day(
        text: str, lang: str) -> None:  # fmt: skip
    """docs/annotation.md section 4: "an old event in a court case" is background; the day of
    the session is not the day of the bombing tried (the Kuwait mosque trial of the second
    fresh-clone trial, exported as bombings on the trial days)."""
    e = _event(text)
    assert (e.plover, e.background, e.date) == ("ASSAULT", True, None)


def test_a_court_frame_dates_the_event_with_its_own_old_day() -> None:
    e = _event("مثل أمام المحكمة اليوم المتهمون بتفجير السوق في 14 يوليو 2019.")
    assert e.background and e.date == "2019-07-14"


def test_the_news_of_a_sentence_whose_only_trigger_a_court_case_frames_is_read_apart() -> None:
    """The arrest is the news; the bombing the suspects are accused of is not a new one."""
    e = _event("اعتقلت الشرطة أمس المتهمين بتفجير السوق.")
    assert (e.plover, e.mode, e.date, e.background) == ("COERCE", "arrest", "2024-04-21", False)
    # outside a court frame the same bombing word is the news
    e = _event("أدى تفجير السوق أمس إلى مقتل خمسة أشخاص.")
    assert (e.plover, e.background, e.date) == ("ASSAULT", False, "2024-04-21")


def test_a_report_of_a_trial_or_an_execution_retells_the_crime_as_history() -> None:
    trial = _doc_events(
        "محاكمة المتهمين بتفجير سوق الرمادي\n\nبدأت محكمة الجنايات في بغداد اليوم محاكمة "
        "المتهمين بتفجير سوق الرمادي.\n\nوقال المتهم الأول إنه نقل السيارة المفخخة إلى السوق "
        "يوم الجمعة قبل التفجير.", "ar")  # fmt: skip
    assert [(e.background, e.date) for e in trial] == [(True, None)] * 3
    execution, crime = _doc_events(
        "نفذت وزارة الداخلية اليوم حكم القتل قصاصا في جان بمنطقة الرياض.\n\nوكان الجاني قد "
        "أقدم يوم الجمعة على قتل مواطن طعنا بالسكين.", "ar")  # fmt: skip
    assert (execution.mode, execution.background, execution.date) == (
        "execute", False, "2024-04-22")
    assert (crime.background, crime.date) == (True, None)
    # a report whose first event is news keeps the later events its own
    news = _doc_events("قتل خمسة أشخاص في تفجير سوق الرمادي اليوم.\n\nوقال شهود إن انفجارا "
                       "ثانيا وقع قرب المستشفى يوم الجمعة.", "ar")  # fmt: skip
    assert not any(e.background for e in news)


def test_an_anniversary_word_with_a_preposition_glued_makes_its_event_background() -> None:
    """"للذكرى" is ل + الذكرى (the article's alef unwritten): the bells of the seventieth
    anniversary of the first nuclear attack were exported as a current attack in Hiroshima."""
    e = _event("الأجراس تقرع في هيروشيما إحياء للذكرى السبعين لأول هجوم نووي")
    assert e.plover == "ASSAULT" and e.background


def test_a_persian_and_does_not_end_an_anniversarys_reach() -> None:
    # only punctuation cuts the anniversary from its event: the rule's break had been shadowed
    # by a later one of the same name that also cuts at Persian و and که
    (e,) = extract_events("در سالگرد اعتراضات و حمله به سفارت عربستان در تهران، صدها نفر روز "
                          "جمعه تجمع کردند.", anchor=ANCHOR, settings=S, lang="fa")
    assert e.plover == "ASSAULT" and e.background


def test_a_country_across_the_border_is_no_place_of_the_event() -> None:
    """"قرب الحدود مع سوريا": the Suruç bombing was in Turkey, not Syria; alone, the
    neighbour is kept (all the sentence says of where)."""
    e = _event("قتل 27 شخصا في انفجار في بلدة سروج جنوب شرقي تركيا قرب الحدود مع سوريا.")
    assert "TR" in e.places and "SY" not in e.places
    e = _event("قتل جنديان في كمين نصبه مسلحون قرب الحدود مع موريتانيا.")
    assert e.places == ["MR"]


@pytest.mark.parametrize(("text", "lang", "patron"), [
    ("قتل أربعة جنود في قتال مع متمردين موالين لروسيا في شرق أوكرانيا.", "ar", "RU"),
    ("قتل خمسة من عناصر الفصائل المدعومة من إيران في غارة على العراق.", "ar", "IR"),
    ("Five Iran-backed militiamen were killed in an air strike in Iraq.", "en", "IR"),
    ("Rebels backed by Russia shelled a village in Ukraine, killing two.", "en", "RU"),
    ("سه سرباز در حمله شبه‌نظامیان حامي روسيه در شرق اوكراين كشته شدند.", "fa", "RU"),
    ("قتل أربعة جنود في قتال مع متمردين موالين لـروسيا في شرق أوكرانيا.", "ar", "RU"),
    ("قتل خمسة من عناصر الفصائل المدعومة من قبل إيران في غارة على العراق.", "ar", "IR"),
])  # fmt: skip
def test_a_party_s_patron_is_no_place_of_the_event(text: str, lang: str, patron: str) -> None:
    """A trial's row of fighting in eastern Ukraine had Russia among its places: "متمردين
    موالين لروسيا" (rebels loyal to Russia) names the rebels' patron, not where they fought."""
    e = _doc_event(text, lang)
    assert e.places and patron not in e.places


def test_a_day_to_come_does_not_date_an_event_reported_as_done() -> None:
    """"المقررة غدا" dates the celebrations planned for tomorrow, not the raid of the sentence
    (the second fresh-clone trial dated an Apache strike by it); a written date stays."""
    e = _event("قتل خمسة مسلحين في غارة على العريش في إطار تأمين الاحتفالات المقررة غدا.")
    assert e.plover == "ASSAULT" and e.date is None
    e = _event("قتل خمسة مسلحين في غارة على العريش في 23 أبريل.")
    assert e.date == "2024-04-23"


def test_a_court_frame_holds_its_own_event_only() -> None:
    """A fresh-eyes review's cases: the news after a court frame keeps its toll, day and
    place; a Persian arrest keeps the place its verb-final clause names after the frame; a
    lawsuit is no deed a court tries."""
    e = _event("بدأت المحكمة اليوم محاكمة المتهمين بتفجير السوق، فيما قتل مسلحون ثلاثة جنود في "
               "هجوم على حاجز في الموصل أمس.")  # fmt: skip
    assert (e.background, e.date, e.killed) == (False, "2024-04-21", 3) and e.places
    (e,) = extract_events("پلیس دیروز متهمان حمله به سفارت را در تهران دستگیر کرد.",
                          anchor=ANCHOR, settings=S, lang="fa")  # fmt: skip
    assert (e.plover, e.date, e.background) == ("COERCE", "2024-04-21", False) and e.places
    e = _event("مثل أمام المحكمة اليوم متهمون بتفجير السوق في 10 أبريل.")
    assert (e.background, e.date) == (True, "2024-04-10")


def test_a_report_of_a_trial_keeps_the_news_of_another_item_or_country() -> None:
    execution, bombing = _doc_events(
        "نفذت وزارة الداخلية اليوم حكم القتل قصاصا في جان بمنطقة الرياض.\n\nوفي خبر آخر، قتل "
        "خمسة أشخاص في تفجير انتحاري في بغداد أمس.", "ar")  # fmt: skip
    assert (bombing.background, bombing.date) == (False, "2024-04-21")
    # an anniversary title is history, but a new blast of the body is the report's news
    title, blast = _doc_events("في الذكرى الأولى لانفجار مرفأ بيروت\n\nقتل ثلاثة عمال اليوم في "
                               "انفجار جديد في مرفأ بيروت.", "ar")  # fmt: skip
    assert title.background and not blast.background and blast.main
    assert blast.date == "2024-04-22"


def test_countries_joined_to_a_neighbour_are_neighbours_too() -> None:
    e = _event("قتل اربعة عناصر من الشرطة في انفجار عبوة في منطقة سيلوبي في محافظة شرناك "
               "الحدودية مع سوريا والعراق.")  # fmt: skip
    assert "SY" not in e.places and "IQ" not in e.places and e.places


def test_after_an_anniversary_the_history_the_text_gives_no_day_of_is_background() -> None:
    """The Hiroshima report: Nagasaki's bomb three days after Hiroshima's, with its 74,000
    dead, was a current attack; a new blast the text dates today stays news."""
    title, nagasaki = _doc_events(
        "إحياء للذكرى السبعين لأول هجوم نووي\n\nقرعت الأجراس اليوم في المدينة.\n\nوبعد ثلاثة "
        "أيام من قنبلة هيروشيما، ألقت قاذفة أميركية قنبلة على ناغازاكي مما أسفر عن مقتل 74 ألف "
        "شخص.", "ar")  # fmt: skip
    assert title.background and nagasaki.killed == 74000 and nagasaki.background


def test_a_judicial_execution_is_an_assault_with_no_acled_type() -> None:
    # the fresh-clone trial exported Saudi judicial executions as attacks on civilians; the
    # PLOVER codebook's mode "execute" is a judicially-sanctioned execution, which ACLED leaves
    # out of its events
    (e,) = extract_events("نفذت وزارة الداخلية أمس حكم القصاص في المدعو مقرب بن سعد لإقدامه على "
                          "قتل مواطن", anchor=date(2015, 8, 4), settings=S, lang="ar")  # fmt: skip
    assert (e.plover, e.mode, e.acled_type, e.acled_subtype) == ("ASSAULT", "execute", "", "")


@pytest.mark.parametrize(
    ("text", "lang", "killed"),
    [
        # the verb of an execution, which no PETRARCH verb carries (real news: the dev gold's
        # Alabama, UAE and Indian executions; training/events/build_triggers.PLOVER_VERBS)
        ("Alabama executes 83-year-old Walter Moody via lethal injection.", "en", None),
        ("أعدمت السلطات السعودية أمس مواطنا أدين بقتل آخر.", "ar", 1),
    ],
)
def test_an_execution_verb_is_a_judicial_execution(text: str, lang: str,
                                                   killed: int | None) -> None:  # fmt: skip
    (e,) = extract_events(text, anchor=ANCHOR, settings=S, lang=lang)
    assert (e.plover, e.mode, e.acled_type, e.killed) == ("ASSAULT", "execute", "", killed)


@pytest.mark.parametrize(
    ("text", "lang", "actor"),
    [
        ("وأعدم تنظيم داعش عشرة مدنيين في الرقة.", "ar", "IS"),  # the curated dictionary's
        ("Boko Haram executed 10 villagers in Borno.", "en", "Boko Haram"),  # an open one's REB
        ("أعدم مسلحون عشرة مدنيين في الرقة.", "ar", "مسلحون"),  # the agents' armed-group class
    ],
)
def test_an_armed_groups_execution_is_violence_against_civilians(text: str, lang: str,
                                                                  actor: str) -> None:  # fmt: skip
    # no court sanctioned it: ACLED's attack on civilians, the executed counted; the mode as the
    # annotators code any execution (docs/annotation.md, section 7)
    (e,) = extract_events(text, anchor=ANCHOR, settings=S, lang=lang)
    assert (e.actor, e.mode, e.acled_type, e.acled_subtype, e.killed) == (
        actor, "execute", "Violence against civilians", "Attack", 10)


def test_an_english_execution_verb_executes_someone() -> None:
    # a plan or an order executed is no event; "at least 284 people" is what was executed
    assert extract_events("The company executed the plan on time.", anchor=ANCHOR, settings=S,
                          lang="en") == []  # fmt: skip
    (e,) = extract_events("The Islamic State of Iraq and the Levant executes at least 284 "
                          "people in Mosul.", anchor=ANCHOR, settings=S, lang="en")  # fmt: skip
    assert (e.plover, e.trigger, e.mode, e.killed) == ("ASSAULT", "executes", "execute", 284)
    (e,) = extract_events("Iran executed a 23-year-old protester on Monday.", anchor=ANCHOR,
                          settings=S, lang="en")  # fmt: skip
    assert (e.trigger, e.mode, e.acled_type) == ("executed", "execute", "")
    # the age after a name in a passive is skipped for an execution only: a confinement's
    # passive follows a day as often
    (e,) = extract_events("Alaa Bader Abdullah, 31, is executed in the United Arab Emirates.",
                          anchor=ANCHOR, settings=S, lang="en")  # fmt: skip
    assert (e.trigger, e.target) == ("executed", "Alaa Bader Abdullah")
    assert extract_events("The election, postponed since May 5, was held on Sunday.",
                          anchor=ANCHOR, settings=S, lang="en") == []  # fmt: skip


def test_an_arabic_verb_stem_read_from_a_name_is_no_verb() -> None:
    # the province جازان meets the light stem of a CAMEO verb of ASSAULT: a spokesman of the
    # civil defence in Jazan was an assault typed by "its verb"
    text = "وقال المتحدث باسم الدفاع المدني بمنطقة جازان إن الفرق باشرت الحادث."
    found = extract_events(text, anchor=ANCHOR, settings=S, lang="ar")
    assert not [e for e in found if e.trigger == "جازان"], found


def test_an_armed_party_shows_no_event_the_type_model_was_unsure_of() -> None:
    """A trial's truce demand, typed ASSAULT by the type model alone at 0.3 and exported as an
    attack because the Houthi militias it names are an armed party: weak now; the guard reads
    the model's guess, not the sentence (``events._unsure_guess``)."""
    from khabar.extract.event_types import TypeGuess
    from khabar.extract.events import _unsure_guess

    e = _doc_event("طالب الرئيس اليمني عبدربه منصور هادي المليشيات الحوثية وقوات صالح باحترام "
                   "الهدنة الإنسانية التي جرى سريانها منتصف الليلة الماضية.", "ar")
    assert e.type_source == "model" and e.evidence == []  # weak: left out of exports
    sure = TypeGuess("ASSAULT", 0.9, 0.9, None, "ASSAULT", 0.9)
    unsure = TypeGuess("ASSAULT", 0.3, 0.9, None, "ASSAULT", 0.3)
    assert not _unsure_guess("model", sure, "ASSAULT") and _unsure_guess("model", unsure, "ASSAULT")
    assert not _unsure_guess("lexicon", unsure, "ASSAULT")  # a word of the event lexicon shows it
    assert _unsure_guess("cameo", unsure, "ASSAULT")  # a CAMEO verb alone does not


def test_an_armed_party_shows_no_event_a_doubted_cameo_verb_typed() -> None:
    """SaudiNewsNet 2015-08-02 (CC BY-NC-SA 4.0): Taliban leaders who "withdrew" from a
    meeting (انسحبوا, a CAMEO verb of retreat the type model doubts as ASSAULT) were exported
    as a shelling, the Taliban being an armed party: weak now (``events._unsure_guess``)."""
    text = ("لكن الرجل يواجه معارضة من داخل الحركة وبين معارضيه عبد المنان ويعقوب ابن الملا عمر "
            "اللذين كانا ضمن مجموعة تزيد على عشرة من رموز طالبان انسحبوا من اجتماع للقيادة يوم "
            "الأربعاء الماضي في مدينة كويتا الباكستانية.")
    [assault] = [e for e in _doc_events(text, "ar") if e.plover == "ASSAULT"]
    assert assault.type_source == "cameo" and assault.evidence == [], assault


@pytest.mark.parametrize(("text", "lang"), [
    # SaudiNewsNet 2015-07-26/27 (CC BY-NC-SA 4.0): exported as air strikes, judged no events
    # (docs/annotation-rows.md): a truce that stops the strikes, a halt ordered
    ("وكان التحالف العربي بقيادة السعودية اعلن السبت هدنة انسانية لمدة خمسة ايام ابتداء من "
     "منتصف ليل الاحد، تتوقف خلالها الغارات التي يشنها.", "ar"),
    ("أمر الرئيس الكولومبي خوان مانويل سانتوس، أمس، بوقف الغارات الجوية على معسكرات متمردي "
     "جماعة القوات المسلحة الثورية الكولومبية.", "ar"),
    ("اتفق الطرفان أمس على وقف إطلاق النار في المدينة.", "ar"),  # a ceasefire: "stop firing"
    ("The army halted air strikes on the rebels on Sunday.", "en"),
])  # fmt: skip
def test_attacks_a_word_of_stopping_governs_are_no_assault(text: str, lang: str) -> None:
    """A word of stopping right before an attack word tells of attacks stopped: a declared
    ceasefire, PLOVER's CONCEDE, of no ACLED type (``events._ceased``)."""
    found = _doc_events(text, lang)
    assert found and all(e.plover != "ASSAULT" and not e.acled_type for e in found), found


@pytest.mark.parametrize("text", [
    # a review's cases: a truce named, not governing the strikes; stopping negated; a truce
    # broken by shelling; something else stopped because of the shelling
    "ورغم الهدنة شنت الطائرات غارات على صعدة.",
    "لم تتوقف الغارات على صعدة منذ الصباح.",
    "وخرقت ميليشيات الحوثي الهدنة بقصف مدينة تعز.",
    "توقفت الدراسة في المدينة بسبب القصف.",
])  # fmt: skip
def test_a_word_of_stopping_that_governs_no_attack_leaves_it_an_assault(text: str) -> None:
    assert [e for e in _doc_events(text, "ar") if e.plover == "ASSAULT"], text


def test_modality_reads_the_cue_words_of_the_sentences_language() -> None:
    """Arabic نفت ("she denied") is Persian نفت ("oil"): a Persian attack on an oil pipeline
    was denied, and so founded no event in fusion; the cue words of negation, hedges, denials
    and plans are now the sentence's language's (event_cues.tsv)."""
    from khabar.extract import events

    lex = events._lexicon()
    fa = normalize("افراد مسلح به خط لوله نفت در استان حمله کردند").split()
    assert "denied" not in events._modality(fa, fa.index(normalize("حمله")), lex, "fa")
    ar = normalize("ونفت الوزارة وقوع الهجوم على الخط").split()
    assert "denied" in events._modality(ar, ar.index(normalize("الهجوم")), lex, "ar")


def test_breaking_a_ceasefire_is_still_an_attack() -> None:
    """"violate the ceasefire" is CAMEO's 196, an assault: a word of breaking before the word
    of stopping keeps the attack (event_cues.tsv violation)."""
    from khabar.extract import events
    from khabar.extract.lexicon import word_spans
    from khabar.normalize import normalize_with_offsets

    lex = events._lexicon()
    for text, ceased in (("خرق وقف إطلاق النار", False), ("وقف إطلاق النار", True),
                         ("violated the halt on air strikes", False)):  # fmt: skip
        norm = normalize_with_offsets(text)
        spans = word_spans(norm.text)
        lang = "en" if text.isascii() else "ar"
        assert events._ceased(spans, len(spans) - 1, lex, lang) is ceased, text


@pytest.mark.parametrize(("text", "lang", "recalled"), [
    # SaudiNewsNet 2015-08-02 (CC BY-NC-SA 4.0): funerals exported as attacks of the funeral's
    # day, judged earlier events (docs/annotation-rows.md)
    ("شيعت جموع غفيرة فجر أمس شهيد الوطن، الجندي أول محمد علي ياسين العمري، إلى مثواه الأخير "
     "بعد أن استشهد إثر قذائف أطلقتها الميليشيات الحوثية.", "ar", True),
    ("Thousands attended the funeral of the 12 soldiers killed in the ambush.", "en", True),
    ("أدت جموع المصلين عقب صلاة عصر أمس، صلاة الميت على شهيد الواجب الذي استشهد نتيجة إصابته "
     "بشظايا مقذوف عسكري.", "ar", True),
    ("قتل 20 شخصا في تفجير انتحاري استهدف جنازة في بلدة شمال بغداد.", "ar", False),
    # a review's cases: a bombing during a funeral, strikes after one
    ("وخلال تشييع جنازة أحد الضحايا انفجرت عبوة ناسفة في السوق أسفرت عن مقتل خمسة.", "ar", False),
    ("بعد تشييع جثمان الشهيد شنت طائرات التحالف غارات على صعدة.", "ar", False),
    ("A suicide bomber struck a funeral in Kabul, killing 12 mourners.", "en", False),
])  # fmt: skip
def test_an_attack_a_funeral_recalls_is_recalled(text: str, lang: str, recalled: bool) -> None:
    """A mourning rite named before the attack word tells of an attack before it: the mention
    is ``recalled`` (it joins its story's event, never founds one: ``events._mourned``); an
    attack on a funeral is not."""
    [e] = [e for e in _doc_events(text, lang) if e.plover == "ASSAULT"]
    assert ("recalled" in e.modality) is recalled and not e.background


@pytest.mark.parametrize(("text", "lang", "recalled"), [
    # SaudiNewsNet 2015-08-01 (CC BY-NC-SA 4.0): a visit to a wounded border guard exported as
    # an attack of the visit's day, judged an earlier event (docs/annotation-rows.md)
    ("من جهة أخرى قام مدير عام الإدارة العامة للمجاهدين الدكتور عبدالله بن محمد السويد أمس، "
     "بزيارة المصاب محسن بن سلمان الدوسري من منسوبي قوة المجاهدين بقطاع الطوال، الذي أُصيب إثر "
     "تعرض دوريته لشظايا مقذوف عسكري من الأراضي اليمنية.", "ar", True),
    ("The governor visited the wounded in hospital after the bombing that killed 12 people.",
     "en", True),
    ("قتل 5 جنود ثم زار الوزير الجرحى في المستشفى.", "ar", False),
    ("عاد الجرحى إلى منازلهم بعد أن أصيبوا في قصف على القرية.", "ar", False),
    # a review's case: an attack during the visit
    ("وكان الوزير يتفقد الجرحى في المستشفى حين سقطت قذائف هاون على المستشفى.", "ar", False),
])  # fmt: skip
def test_an_attack_a_visit_to_its_wounded_recalls_is_recalled(text: str, lang: str,
                                                              recalled: bool) -> None:
    """A visit to the wounded recalls the attack that wounded them, as a funeral does
    (``events._visited``); not when the deaths or the attack come first."""
    [e] = [e for e in _doc_events(text, lang) if e.plover == "ASSAULT"]
    assert ("recalled" in e.modality) is recalled


def test_an_injury_a_player_withdrew_for_is_no_toll() -> None:
    """SaudiNewsNet 2015-07-31 (CC BY-NC-SA 4.0): a tennis player's withdrawal "بسبب إصابة في
    مرفقها" was exported as an attack with one injured (``events._ailment``); an injury by a
    shell keeps its toll."""
    text = ("أعلنت الأميركية سيرينا وليامس المصنفة أولى عالميا انسحابها من دورة ستانفورد "
            "الأميركية لكرة المضرب المقررة الأسبوع المقبل، بسبب إصابة في مرفقها بحسب ما أعلن "
            "منظمو البطولة أول من أمس.")
    assert all(e.injured is None and not e.evidence for e in _doc_events(text, "ar"))
    assert _doc_event("نقل الجندي إلى المستشفى بسبب إصابته بشظايا قذيفة.", "ar").injured == 1


def test_an_attack_told_at_that_time_is_background() -> None:
    """SaudiNewsNet 2015-08-02 (CC BY-NC-SA 4.0): "وقتل حينها 14 ضابط امن ..." recalls the
    Grozny attack of December 2014 in a report of 2015; it was exported as a clash of the
    report's day (``events._told_then``)."""
    e = _doc_event("وقتل حينها 14 ضابط امن حين اقتحم مسلحون عددا من المباني في غروزني في اليوم "
                   "الذي يلقي فيه الرئيس الروسي فلاديمير بوتين خطابه إلى الأمة.", "ar")
    assert e.background and e.killed == 14
    assert not _doc_event("وقتل 14 ضابط امن حين اقتحم مسلحون عددا من المباني في غروزني.",
                          "ar").background
    # a review's case: "at that moment" of a clause of "while" in a report of today
    assert not _doc_event("وبينما كان المصلون يغادرون المسجد ظهر اليوم، انفجرت حينها سيارة "
                          "مفخخة أسفرت عن مقتل 12.", "ar").background  # fmt: skip


def test_a_sure_type_model_does_not_make_up_for_an_arabic_detector_under_its_floor() -> None:
    """A trial's college notice, "the college set Tuesday to Thursday for review": PETRARCH's
    Arabic stem حدد is an ASSAULT verb, the type model is 0.96 sure of ASSAULT given an event,
    the detector 0.02 that it is one; it was exported as a shelling (``events._SURE_FLOOR``)."""
    text = ("وحددت الكلية أيام الثلاثاء 10/12 والأربعاء 10/13 والخميس 10/14 مواعيد المراجعة "
            "وتسليم المستندات وأصول الوثائق عند الساعة 7.")
    assert not [e for e in _doc_events(text, "ar") if e.plover == "ASSAULT"]


def test_lightning_is_an_accident_and_libyas_saiqa_forces_are_not() -> None:
    """SaudiNewsNet 2015-07-24 (CC BY-NC-SA 4.0): seven of a family killed "في صاعقة" in Mexico
    were exported as an air strike (event_cues.tsv accident, without the article: الصاعقة is
    also Libya's special forces)."""
    text = ("قتل أربعة أطفال وثلاث نساء، هم جميعا أفراد عائلة واحدة في صاعقة ضربت منطقة جبلية في "
            "ولاية غواناخواتو بوسط المكسيك، الجمعة، كما أفادت السلطات المحلية.")
    assert not [e for e in _doc_events(text, "ar") if e.plover == "ASSAULT"]
    forces = _doc_event("قتل 25 جنديا من قوات الصاعقة في اشتباكات مع مسلحين في بنغازي.", "ar")
    assert forces.plover == "ASSAULT" and forces.killed == 25
    unit = _doc_event("قتل جنديان من كتيبة صاعقة في سيناء اليوم.", "ar")  # a review's case
    assert unit.plover == "ASSAULT" and unit.killed == 2


def test_an_arabic_verb_of_a_crash_makes_a_death_an_accident() -> None:
    """A trial's air-show crash, "a pilot was killed and another wounded when a helicopter
    crashed": the accident cues held the noun تحطم, not the verb تحطمت (event_cues.tsv)."""
    text = ("قتل طيار وأصيب آخر عندما تحطمت طائرة هليكوبتر خلال عرض جوي أقيم في اقليم ريازان "
            "الروسي اليوم (الاحد).")
    assert not [e for e in _doc_events(text, "ar") if e.plover == "ASSAULT"]


@pytest.mark.parametrize("text", [
    # SaudiNewsNet 2015 (CC BY-NC-SA 4.0): arrests the type model had called assaults
    "وقالت حركة المقاومة إن القوى الجنوبية اعتقلت القائد العسكري عبدالخالق الحوثي.",
    "وذكرت الشرطة الإيطالية أمس الأول الأربعاء، أنها اعتقلت رجلين كانا قد نشرا دعاية لتنظيم داعش.",
    "وألقت تونس القبض على عشرات المتشددين في إطار حملة واسعة تقودها الحكومة.",
])  # fmt: skip
def test_an_arabic_arrest_verb_is_an_arrest(text: str) -> None:
    e = _doc_event(text, "ar")
    assert (e.plover, e.acled_subtype) == ("COERCE", "Arrests"), (e.plover, e.trigger)


def test_a_lexicon_row_the_models_were_trained_without_is_no_feature() -> None:
    """Rows marked ``feature`` "no" in event_lexicon.tsv (the arrest verbs of 2026-12-06) are
    triggers, not the classifiers' ``lex=`` features, until the models are retrained."""
    from khabar.extract.events import _lexicon, trigger_cues

    assert _lexicon().unfeatured
    assert "lex=COERCE" not in trigger_cues("اعتقلت الشرطة رجلين", "ar")
    assert "lex=COERCE" in trigger_cues("اعتقال رجلين", "ar")  # a row they were trained with


def test_an_arrest_before_the_event_is_no_trigger() -> None:
    """"Executed ... after her arrest": the arrest (a row the models were trained without) is
    an earlier circumstance after a word of time, not the sentence's event."""
    from khabar.extract.events import _after_a_time_word
    from khabar.extract.lexicon import word_spans
    from khabar.normalize import normalize

    spans = word_spans(normalize("نفذت حكم الإعدام بعد أن تم القبض عليها"))
    assert _after_a_time_word(spans, 6) and not _after_a_time_word(spans, 2)
    e = _doc_event("وفي 13 يوليو الماضي نفذت دولة الإمارات حكم الإعدام في مواطنة، بعد القبض عليها "
                   "بتهمة قتل مقيمة أمريكية.", "ar")
    assert e.plover != "COERCE"


@pytest.mark.parametrize(("text", "plover", "trigger"), [
    # a review's cases: an arrest beside an explosion leaves the explosion its trigger ...
    ("وقع انفجار قرب مقر للشرطة في بنغازي واعتقلت قوات الأمن شخصين.", "ASSAULT", "انفجار"),
    ("اعتقل الجيش الإسرائيلي فتى بعد هجوم بسكين على جندي في الخليل.", "ASSAULT", "هجوم"),
    # ... an arson beside an arrest stays an assault (an ASSAULT CAMEO verb is violence)
    ("هاجم مستوطنون قرية دوما وأحرقوا منزلا واعتقلت قوات الاحتلال شابين.", "ASSAULT", None),
])  # fmt: skip
def test_an_arrest_beside_an_attack_leaves_the_attack(text: str, plover: str,
                                                      trigger: str | None) -> None:  # fmt: skip
    e = _doc_event(text, "ar")
    assert e.plover == plover and (trigger is None or e.trigger == trigger), (e.plover, e.trigger)


@pytest.mark.parametrize("text", [
    "ويعتقل الاحتلال في سجونه أكثر من 500 معتقل إداري.",  # holds in detention: no arrest
    "نفذت دولة الإمارات حكم الإعدام في مواطنة، بعد أن ألقي القبض عليها بتهمة قتل مقيمة.",
    "وبعد القبض عليها اعترفت بقتل المقيمة.",
])  # fmt: skip
def test_no_arrest_where_none_is_reported_now(text: str) -> None:
    assert not [e for e in _doc_events(text, "ar") if e.plover == "COERCE"]


def test_a_clash_of_clans_is_no_collision() -> None:
    """اصطدمت is "collided" and "clashed": no accident cue (a review)."""
    text = "قتل ثلاثة أشخاص وأصيب آخرون عندما اصطدمت عشيرتان بالأسلحة الخفيفة في ذي قار."
    assert _doc_event(text, "ar").plover == "ASSAULT"


def _parties_of(text: str, lang: str) -> list[str]:
    """The parties the ranker chooses the roles of ``text``'s one event among, as written."""
    from khabar.extract.document import extract_document
    from khabar.model import RawArticle
    from khabar.pipeline import build_document

    raw = RawArticle(source="t", locator="", kind="txt", text=text, published="2024-04-22",
                     lang_hint=lang)  # fmt: skip
    with roles.recording() as seen:
        extract_document(build_document(raw, S), S)
    assert len(seen) == 1, seen
    return [seen[0].text[p.start : p.end] for p in seen[0].parties]


@pytest.mark.parametrize(
    ("text", "lang", "supporter", "actor", "assoc"),
    [("اقتحمت المقاومة الشعبية بدعم من طائرات التحالف العربي قاعدة العند الجوية", "ar",
      "التحالف", "المقاومة الشعبية", "AR-SAUDI_LED_COALITION_IN_YEMEN"),
     ("وسيطرت قوات هادي المدعومة جوا من قوات التحالف على مدينة زنجبار", "ar",
      "التحالف", "قوات هادي", "COAL"),
     ("Syrian troops backed by Hezbollah fighters attacked rebels in Aleppo on Monday.", "en",
      "Hezbollah", "Syrian troops", "HEZ"),
     ("Kurdish fighters, with the support of the US-led coalition, stormed the town of Tal Abyad.",
      "en", "coalition", "Kurdish fighters", "COAL")],
)  # fmt: skip
def test_a_supporter_of_the_deed_neither_acts_in_it_nor_suffers_it(
    text: str, lang: str, supporter: str, actor: str, assoc: str
) -> None:
    # "بدعم من", "المدعومة من", "backed by", "with the support of": no party of the deed, but
    # ACLED's associated actor of the one who acts
    assert not [p for p in _parties_of(text, lang) if supporter in p]
    e = _doc_event(text, lang)
    assert (e.actor, e.assoc_actor) == (actor, assoc)


def test_a_supporter_of_another_party_is_not_the_actor_s_and_a_second_one_supports_too() -> None:
    # the militants are backed, not the US forces: no associated actor of the attack's actor
    e = _doc_event("US forces attacked militants backed by Hezbollah near Baghdad airport on"
                   " Thursday, killing five.", "en")  # fmt: skip
    assert (e.actor, e.assoc_actor) == ("US-MIL", None)
    e = _doc_event("شن الجيش الإسرائيلي غارات على مسلحين مدعومين من حزب الله في جنوب لبنان", "ar")
    assert (e.actor, e.assoc_actor) == ("IL-MIL", None)
    # a supporter of the recipient beside the actor is the recipient's
    e = _doc_event("US forces attacked Hezbollah-backed militias near Baghdad airport on"
                   " Thursday, killing five.", "en")  # fmt: skip
    assert (e.actor, e.assoc_actor) == ("US-MIL", None)
    # in a clash between two sides, the side joined by و after a supporter fights
    assert "قوات سوريا الديمقراطية" in _parties_of(
        "اندلعت اشتباكات عنيفة بين فصائل الجيش الحر المدعومة من الجيش التركي وقوات سوريا"
        " الديمقراطية في ريف حلب", "ar")  # fmt: skip
    # "و" joins a second supporter to the first: no recipient of the assault
    text = "اقتحم الجيش العراقي بمساندة قوات الحشد الشعبي وأبناء العشائر مدينة الرمادي"
    assert not [p for p in _parties_of(text, "ar") if "العشائر" in p]
    assert _doc_event(text, "ar").assoc_actor == "PMF"


@pytest.mark.parametrize(
    ("text", "lang", "party"),
    [("Thousands marched in support of the protesters in Cairo on Friday.", "en", "protesters"),
     ("وهاجم مسلحون مقر الشرطة بدعم الفصائل المحلية في المدينة", "ar", "الفصائل"),
     # what someone is charged with or asks for, a verb and its object
     ("اعتقلت قوات الأمن العراقية عشرة أشخاص متهمين بمساندة تنظيم داعش في الموصل", "ar", "داعش"),
     ("وطالب المحتجون بمساندة الجيش العراقي خلال تظاهرة في ساحة التحرير ببغداد", "ar", "الجيش"),
     ("Libyan police arrested 20 men who backed the forces of Haftar in Tripoli.", "en", "Haftar")],
)  # fmt: skip
def test_support_without_its_preposition_or_opener_names_no_supporter(
    text: str, lang: str, party: str
) -> None:
    # "in support of X": whom the march supports; "بدعم الفصائل": supporting the factions
    assert [p for p in _parties_of(text, lang) if party in p]


@pytest.mark.parametrize(
    ("text", "mode", "subtype"),
    [
        # the mode model's abduction, no word of one: a town or a campus taken is no abduction
        ("تمكنت القوات العراقية، الأحد، من تحرير جامعة الانبار الواقعة في مدينة الرمادي (غرب "
         "بغداد)، من قبضة تنظيم داعش في اطار تنفيذها خطة لتحرير المحافظة من سيطرة المتطرفين "
         "الذين احتلوا اغلب مناطقها، حسبما افادت مصادر امنية ومحلية.", None,
         "Government regains territory"),
        # ... and beside one ("خطفوا"), the abduction stays
        ("إلى ذلك، قالت وزارة الخارجية الكرواتية أول من أمس، إن مسلحين خطفوا مواطنا كرواتيا "
         "أثناء توجهه إلى عمله في شركة فرنسية بالقاهرة يوم الأربعاء الماضي، وأكد مصدر أمني "
         "مصري إن الشرطة تجري البحث عنه.", "abduct", "Abduction/forced disappearance"),
    ],
)
def test_the_mode_models_abduction_needs_a_word_of_one(text: str, mode: str | None,
                                                       subtype: str) -> None:  # fmt: skip
    (e,) = [e for e in _doc_events(text, "ar") if e.plover == "ASSAULT"]
    assert (e.mode, e.acled_subtype) == (mode, subtype)


def test_an_armed_actor_against_an_armed_party_named_as_no_recipient_is_a_battle() -> None:
    # no recipient read, but the sentence names the armed group the operation is against
    (e,) = [e for e in _doc_events(
        "أفاد مصدر أمني في محافظة الأنبار، اليوم الأربعاء، بأن القوات الأمنية بدأت بعملية "
        "عسكرية لتحرير جامعة الأنبار من سيطرة تنظيم داعش.", "ar") if e.plover == "ASSAULT"]
    # (the ranker retrained on 2026-12-07 names IS the recipient: a battle by the first rule)
    assert e.target in (None, "IS")
    assert (e.acled_type, e.acled_subtype) == ("Battles", "Armed clash")


def test_an_army_that_reports_a_raid_is_no_side_of_it() -> None:
    # a review's case: the army named after a comma reports the raid; no battle
    (e,) = [e for e in _doc_events(
        "Taliban fighters attacked a wedding party in Helmand on Saturday, Afghan army "
        "officials said.", "en") if e.plover == "ASSAULT"]
    assert (e.acled_type, e.acled_subtype) == ("Violence against civilians", "Attack")


def test_an_attack_or_a_bombardment_from_the_air_is_an_air_strike() -> None:
    # "الهجوم الجوي" (the air attack), as the Persian row "حمله هوایی": ACLED's air strike,
    # not an armed clash for the soldiers it killed, nor a shelling for its "قصف"
    (e,) = [e for e in _doc_events(
        "أعلنت القوات الأمريكية في أفغانستان امس الثلاثاء أنها مسؤولة عن الهجوم الجوي على "
        "نقطة تفتيش أفغانية، مما أسفر عن مقتل سبعة جنود.", "ar") if e.plover == "ASSAULT"]
    assert (e.mode, e.acled_subtype) == ("aerial", "Air/drone strike")


@pytest.mark.parametrize(("text", "lang", "source"), [
    # a marker of attribution after the trigger, a few words before the party
    ("ووقع الهجوم في منطقة واردوج أمس الاول الخميس وقتل عضوان من قوات الامن طبقا لما ذكره "
     "جول محمد بيدار نائب حاكم إقليم باداخشان شمال شرق البلاد.", "ar", "جول محمد"),
    ("Gunmen attacked a checkpoint in Kandahar on Sunday, killing three soldiers, according "
     "to the Afghan army.", "en", "Afghan army"),
    # a reporting verb right before the party, and a party joined to it by "and some"
    ("قتل نحو 30 مواطنا في هجمات نفذتها جماعة بوكو حرام داخل ثلاث قرى بشمال شرقي نيجيريا، "
     "حسبما أكد مسؤولون محليون وبعض السكان.", "ar", "السكان"),
])  # fmt: skip
def test_a_source_named_after_the_trigger_is_no_side_of_the_event(text: str, lang: str,
                                                                 source: str) -> None:  # fmt: skip
    (e,) = [e for e in _doc_events(text, lang) if e.plover == "ASSAULT"]
    assert source not in (e.actor or "") and source not in (e.target or "")


@pytest.mark.parametrize(("text", "party"), [
    # after إن the party is what is said, not who says it
    ("وأعلن تنظيم داعش مسؤوليته عن الهجوم لكن السلطات تقول إن الرزقي لم يكن على أي قائمة "
     "إرهابيين.", "الرزقي"),
    # the object of an announcement: "أعلن الجيش مقتل الجندي"
    ("وقتل المدنيون عندما أطلق المتمردون النيران على بلدة افدييفكا، فيما أعلن الجيش مقتل "
     "الجندي في منطقة لوغانسك المجاورة.", "الجندي"),
])  # fmt: skip
def test_a_party_after_a_reporting_verb_s_that_or_object_stays_a_party(text: str,
                                                                      party: str) -> None:  # fmt: skip
    spans = [(text.index(party), text.index(party) + len(party))]
    parties = [events_module._Party(a, b, text[a:b]) for a, b in spans]
    sp = events_module.Span(0, len(text))
    t_end = text.index("الهجوم") + 6 if "الهجوم" in text else text.index("النيران") + 7
    assert events_module._sources_after(text, sp, parties, t_end, "ar") == []


def test_the_victims_words_end_at_a_comma() -> None:
    e = _doc_event("Gunmen attacked a checkpoint in Kandahar on Sunday, killing three "
                   "soldiers, police said.", "en")  # fmt: skip
    assert e.victims == "three soldiers"


@pytest.mark.parametrize(("text", "lang", "mode", "subtype"), [
    # a bomb named, no row of the event lexicon: a device's attack (ACLED's IED)
    ("والخميس الماضي قتل 49 شخصا في هجوم بقنبلة في سوق بمدينة غومبيه.", "ar", "explosives",
     "Remote explosive/landmine/IED"),
    # bullets: small arms, whose attack on police is a battle (not the mode model's shelling)
    ("قتل عنصران من الشرطة التركية بالرصاص صباح اليوم (الجمعة)، في منطقة أضنه (جنوب)، في هجوم "
     "جديد نسبته السلطات إلى التمرد الكردي.", "ar", "firearms", "Armed clash"),
    ("Two policemen were killed when a grenade was thrown at their patrol in Srinagar.", "en",
     "explosives", "Remote explosive/landmine/IED"),
])  # fmt: skip
def test_a_weapon_word_gives_the_mode(text: str, lang: str, mode: str, subtype: str) -> None:
    (e,) = [e for e in _doc_events(text, lang) if e.plover == "ASSAULT"]
    assert (e.mode, e.acled_subtype) == (mode, subtype)


def _weapon_of(sentence: str, lang: str, trigger: str) -> str | None:
    from khabar.normalize import normalize_with_offsets

    norm = normalize_with_offsets(sentence)
    return events_module._weapon_named(sentence, events_module.word_spans(norm.text), norm, lang,
                                       sentence.index(trigger), events_module._lexicon())


@pytest.mark.parametrize(("sentence", "lang", "trigger", "mode"), [
    # a bomb that harms no one as a weapon does: every word of its phrase hidden
    ("واستخدمت الشرطة قنابل الغاز لتفريق المتظاهرين", "ar", "واستخدمت", None),
    ("Police fired stun grenades at protesters in Nairobi, injuring ten.", "en", "fired", None),
    ("Police fired tear gas grenades at the crowd.", "en", "fired", None),
    ("وفرقت الشرطة المحتجين برشاشات المياه", "ar", "وفرقت", None),
    ("وألقى مجهولون قنبلة على مركز الشرطة", "ar", "وألقى", "explosives"),
    ("قتل عنصر من الشرطة للرصاص في الرمادي", "ar", "قتل", "firearms"),  # لل peeled
    # a weapon of another clause, with no death or injury, is no weapon of the attack
    ("هاجم مسلحون حاجزا للجيش وقتلوا ثلاثة جنود، فيما فككت قوات الأمن قنبلة في مكان آخر.",
     "ar", "هاجم", None),
    ("Gunmen killed three soldiers at a checkpoint; police later found grenades in a nearby "
     "house.", "en", "killed", None),
    # ... but the clause that tells the deaths names it, wherever the trigger stands
    ("قتل عنصران من الشرطة التركية بالرصاص صباح اليوم، في هجوم جديد.", "ar", "هجوم",
     "firearms"),
    # "المدافع" is "the defender" as often as "the guns": no word of artillery
    ("قتل مسلحون مجهولون الناشط المدافع عن حقوق الإنسان في بنغازي.", "ar", "قتل", None),
])  # fmt: skip
def test_a_weapon_word_names_the_mode_of_its_own_clause(sentence: str, lang: str, trigger: str,
                                                        mode: str | None) -> None:  # fmt: skip
    assert _weapon_of(sentence, lang, trigger) == mode


@pytest.mark.parametrize(("text", "lang", "mode"), [
    # a CAMEO verb's telling mode before a weapon word: kidnapped at gunpoint, shot in execution
    ("اختطف مسلحون ثلاثة أجانب تحت تهديد الرشاشات في مدينة سبها.", "ar", "abduct"),
    ("أعدم تنظيم داعش عشرة أشخاص رميا بالرصاص في الموصل.", "ar", "execute"),
])  # fmt: skip
def test_a_deed_a_verb_names_keeps_its_mode_beside_a_weapon(text: str, lang: str,
                                                            mode: str) -> None:  # fmt: skip
    (e,) = [e for e in _doc_events(text, lang) if e.plover == "ASSAULT"]
    assert e.mode == mode


@pytest.mark.parametrize(("text", "lang", "party"), [
    # no comma right before the party: the victims' noun phrase, not a source
    ("Gunmen attacked a checkpoint in Kandahar on Sunday, killing three soldiers police said.",
     "en", "soldiers"),
    ("Gunmen attacked a checkpoint in Kandahar on Sunday, wounding several police officers who "
     "said they had returned fire.", "en", "police officers"),
    # a group that tells of its own act, or claims it, is no source
    ("هاجم مسلحون نقطة تفتيش في قندهار أمس، وأعلنت حركة طالبان على لسان المتحدث باسمها ذبيح "
     "الله مجاهد مسؤوليتها عنه.", "ar", "حركة طالبان"),
])  # fmt: skip
def test_a_party_that_is_no_source_stays_a_party(text: str, lang: str, party: str) -> None:
    # a party the ranker chooses the roles among (the Taliban's claim: since هاجم is a trigger,
    # the gunmen who attacked are the actor, the group that claimed them a candidate)
    assert any(party in p for p in _parties_of(text, lang))


@pytest.mark.parametrize(("actor", "acled"), [
    # a party of no known side that attacks an armed one: a battle (who else fights soldiers)
    (events_module._Party(0, 5, "المقاومة الشعبية", label="ORG"), ("Battles", "Armed clash")),
    # a person named is no armed group
    (events_module._Party(0, 5, "محمد", label="PER"), ("Violence against civilians", "Attack")),
    (events_module._Party(0, 5, "المتظاهرين", side="civilian"),
     ("Violence against civilians", "Attack")),
    # nor a generic man: "A man stabbed two policemen" is an attack
    (events_module._Party(0, 5, "man", label="GEN", group="other"),
     ("Violence against civilians", "Attack")),
])  # fmt: skip
def test_an_armed_recipient_makes_a_battle_unless_a_civilian_or_a_person_attacks(
        actor, acled: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    target = events_module._Party(10, 15, "ثوار", side="armed")
    assert events_module._acled("ASSAULT", None, actor, target) == acled


@pytest.mark.parametrize(("text", "lang", "taken"), [
    # SaudiNewsNet 2015-07 and 2015-08 (CC BY-NC-SA 4.0): a verb of taking, or a noun of taking
    # after a word of success
    ("سيطرت المقاومة الشعبية اليوم على قاعدة العند الاستراتيجية في اليمن بعد معارك عنيفة مع "
     "الحوثيين.", "ar", True),
    ("وكانت القوات اليمنية، بدعم من المقاومة الشعبية، نجحت الأحد، في استعادة السيطرة على مواقع "
     "استراتيجية في محافظة تعز", "ar", True),
    ("وتم دحر الميليشيا الحوثية من حي الجمهوري", "ar", True),
    ("وكانت القوات الموالية للشرعية أكملت أمس السيطرة على منطقة التواهي", "ar", True),
    ("Iraqi forces recaptured the town of Baiji from Islamic State militants.", "en", True),
    ("وتم استعادة السيطرة على المدينة بالكامل", "ar", True),  # وتم: the و peeled
    ("نیروهای ارتش شهر را بازپس‌گرفتند", "fa", True),  # joined by a ZWNJ
    # an offensive to retake, an attempt, a place under someone's control: no place taken
    ("شنت القوات الموالية للحكومة اليمنية هجوما واسعا لاستعادة قاعدة العند الجوية من المتمردين",
     "ar", False),
    ("وقال مسؤولون عسكريون إن القوات الحكومية قامت يوم الخميس بمحاولة جديدة نحو السيطرة على "
     "الميناء", "ar", False),
    ("تعرضت قرى درعا الواقعة تحت سيطرة مقاتلي المعارضة لقصف عنيف", "ar", False),
    ("Police seized weapons and captured two suspects in Mosul.", "en", False),
    # (a review) a place described by an earlier taking, a noun the passive does not govern,
    # a noun of purpose, a siege tightened, captives freed, an office taken
    ("قتل خمسة جنود في هجوم لتنظيم داعش على حاجز قرب الرمادي التي سيطر عليها التنظيم في مايو "
     "الماضي", "ar", False),
    ("Five soldiers were killed near Ramadi, which the group took control of in May.", "en",
     False),
    ("تم استهداف مناطق تحت سيطرة داعش", "ar", False),
    ("تم إطلاق عملية تحرير الموصل", "ar", False),
    ("تهدف العملية إلى دحر الحوثيين", "ar", False),
    ("أحكمت القوات العراقية الحصار على الفلوجة بعد اشتباكات", "ar", False),
    ("وتمكنت قوات الشرطة من تحرير المختطفين بعد تبادل لإطلاق النار", "ar", False),
    ("He took over as president after the attack.", "en", False),
])  # fmt: skip
def test_a_place_taken_is_told_by_a_verb_or_a_deed_done(text: str, lang: str,
                                                       taken: bool) -> None:  # fmt: skip
    norm = normalize(text)
    assert events_module._takes_territory(events_module.word_spans(norm), lang) is taken


@pytest.mark.parametrize(("actor", "target", "subtype"), [
    # a state's force regains, an armed group overtakes (ACLED's codebook 2023)
    (events_module._Party(0, 5, "IQ-ARMY", side="armed", label="ORG", group="state_force"),
     events_module._Party(10, 15, "IS", side="armed", label="actor:armed_group"),
     "Government regains territory"),
    (events_module._Party(0, 5, "IS", side="armed", label="actor:armed_group"),
     events_module._Party(10, 15, "جنود", side="armed", label="GEN", group="military"),
     "Non-state actor overtakes territory"),
    # no recipient: an actor that may fight took the place ("استعادت المقاومة الشعبية القصر");
    # an organisation no dictionary knows, of no known side: a battle, its side not guessed
    (events_module._Party(0, 5, "TALIBAN", side="armed", label="actor:armed_group"), None,
     "Non-state actor overtakes territory"),
    (events_module._Party(0, 5, "المقاومة الشعبية", label="ORG"), None, "Armed clash"),
])  # fmt: skip
def test_a_battle_in_which_a_place_is_taken_is_acleds_taking_of_territory(
        actor, target, subtype: str) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    assert events_module._acled("ASSAULT", None, actor, target, territory=True) == (
        "Battles", subtype)
    # a civilian recipient keeps the attack; no place taken, the clash or the attack
    assert events_module._acled("ASSAULT", None, actor, events_module._Party(
        10, 15, "مدنيين", side="civilian"), territory=True) == (
        "Violence against civilians", "Attack")
    assert events_module._acled("ASSAULT", None, actor, target)[1] in ("Armed clash", "Attack")
    # a coercion of no recipient (CAMEO 192, "occupy") is no battle: no word tells fighting
    assert events_module._acled("COERCE", None, actor, None, territory=True) != (
        "Battles", subtype)


def test_a_place_taken_in_a_clash_is_told_in_the_row() -> None:
    # the lexicon's clash ("اشتباكات") in which a town was taken
    e = _doc_event("وسيطر تنظيم داعش على بلدة صرين بعد اشتباكات مع الجيش السوري.", "ar")
    assert (e.actor, e.acled_type, e.acled_subtype) == (
        "IS", "Battles", "Non-state actor overtakes territory")
    # SaudiNewsNet 2015-08-03 (CC BY-NC-SA 4.0): pro-government forces retook al-Anad
    e = _doc_event("استعادت القوات الموالية للرئيس اليمني عبد ربه منصور هادي قاعدة العند العسكرية "
                   "اليوم الاثنين وهي أكبر قاعدة عسكرية في البلاد بعد معارك ضارية قتل فيها العشرات "
                   "من المقاتلين الحوثيين أو تم أسرهم.", "ar")
    assert (e.acled_type, e.acled_subtype) == ("Battles", "Government regains territory")


def test_suicide_bombers_are_no_warplanes() -> None:
    # a review: "bombers" had made a suicide bombing an air strike
    e = _doc_event("Two suicide bombers killed 20 people at a mosque in Kabul on Friday.", "en")
    assert e.acled_subtype == "Suicide bomb"


def test_armed_sides_and_no_weapon_named_are_a_clash_whatever_mode_the_model_guesses() -> None:
    # SaudiNewsNet 2015-07-25 (CC BY-NC-SA 4.0): the mode model guessed a device; no word of
    # one, the resistance's gunmen ambushed Houthi patrols: ACLED's armed clash
    (e,) = [e for e in _doc_events(
        "وقالت مصادر في المقاومة الشعبية بقيفة: إن مسلحي المقاومة نفّذوا كمائن استهدفت دوريتين "
        "لمليشيا الحوثي وقتلت من كانوا على متنها.", "ar") if e.plover == "ASSAULT"]
    assert e.mode == "explosives"  # the model's guess, kept as PLOVER's mode
    assert (e.acled_type, e.acled_subtype) == ("Battles", "Armed clash")


@pytest.mark.parametrize(("sentence", "trigger", "mode"), [
    # SaudiNewsNet 2015-07-24 (CC BY-NC-SA 4.0): the coalition's aviation struck
    ("واستهدف طيران التحالف أول من أمس مدرعة للحوثيين في منطقة الطوال", "واستهدف", "aerial"),
    # anti-aircraft guns destroyed strike no one from the air
    ("وقتل عددا من عناصر اللواء، وتدمير دبابتين ومضادات للطائرات", "وقتل", None),
    ("قصفت طائرات التحالف مواقع الحوثيين في صعدة", "قصفت", "aerial"),
])  # fmt: skip
def test_warplanes_are_an_aerial_weapon_and_anti_aircraft_guns_none(
        sentence: str, trigger: str, mode: str | None) -> None:  # fmt: skip
    assert _weapon_of(sentence, "ar", trigger) == mode


def test_an_organisation_the_open_dictionaries_know_replaces_the_unresolved_name() -> None:
    # the bench's SaudiNewsNet articles: جبهة النصرة (Phoenix's Jabhat al-Nusra, with its Arabic
    # name from the annotators' list) was an unresolved name running over the next words, of
    # no side; now the actor, armed (its CAMEO sector: rebels), and the claim's speaker
    from khabar.extract.document import extract_document
    from khabar.model import RawArticle
    from khabar.pipeline import build_document

    raw = RawArticle(source="t", locator="", kind="txt", published="2015-07-26", lang_hint="ar",
                     text="وقالت جبهة النصرة في بيان إن مقاتليها هاجموا مواقع النظام في إدلب.")
    out = extract_document(build_document(raw, S), S)
    assert [(a.text, a.actor_id, a.kind) for a in out.actors] == [
        ("جبهة النصرة", "JABHAT_AL_NUSRA", "organisation")]
    assert [c.speaker for c in out.claims] == ["JABHAT_AL_NUSRA"]
    raw = RawArticle(source="t", locator="", kind="txt", published="2015-07-26", lang_hint="ar",
                     text="قصفت جبهة النصرة مواقع النظام في إدلب")
    with roles.recording() as seen:
        extract_document(build_document(raw, S), S)
    (party,) = [p for p in seen[0].parties if p.value == "JABHAT_AL_NUSRA"]
    assert party.side == "armed" and events_module._non_state_armed(party)


def test_al_qaeda_is_an_organisation_of_the_open_dictionaries() -> None:
    # Phoenix's "Al Qa'ida" had been read as a person ("Al", a first name), so its Arabic
    # names (the annotators' تنظيم القاعدة) reached no organisation index: an unresolved name
    from khabar.extract.document import extract_document
    from khabar.model import RawArticle
    from khabar.pipeline import build_document

    raw = RawArticle(source="t", locator="", kind="txt", published="2015-07-26", lang_hint="ar",
                     text="وقال تنظيم القاعدة في بيان إن مسلحيه هاجموا ثكنة للجيش في حضرموت.")
    out = extract_document(build_document(raw, S), S)
    assert [(a.actor_id, a.kind) for a in out.actors] == [("AL_QA_IDA", "organisation")]


def test_the_arabic_accusative_of_an_attack_noun_is_its_trigger() -> None:
    # the indefinite accusative writes its tanwin with an alif ("شن مسلحون هجوما"): the event
    # lexicon lists هجوما, قصفا, تفجيرا, انفجارا, اغتيالا beside their nouns
    e = _doc_event("شن مسلحون هجوماً على نقطة تفتيش للجيش في العريش فجر اليوم.", "ar")
    assert (e.plover, e.trigger, e.type_source) == ("ASSAULT", "هجوماً", "lexicon")


@pytest.mark.parametrize("text", [
    "هاجم مسلحون مركزا للشرطة في مدينة العريش فجر اليوم.",
    "وقال مسؤول عسكري إن مقاتلي التنظيم هاجموا ثكنة للجيش قرب الحدود في محافظة الأنبار.",
    "هاجمت جماعة بوكو حرام قرية في ولاية بورنو شمال شرق نيجيريا.",
])  # fmt: skip
def test_the_arabic_verb_to_attack_is_an_assault(text: str) -> None:
    """هاجم, the commonest Arabic verb of an attack, was no trigger (PETRARCH's Arabic
    dictionary files it under "resist", CAMEO 124, which CAMEO2PLOVER makes a REJECT): armed
    men attacking a place are an assault, the verb its trigger."""
    e = _doc_event(text, "ar")
    assert (e.plover, e.type_source) == ("ASSAULT", "lexicon")
    assert "هاجم" in e.trigger


@pytest.mark.parametrize("text", [
    "هاجم وزير الخارجية السياسات الإيرانية وطالب طهران بالكف عن التدخل في شؤون المنطقة.",
    "هاجم رئيس الوزراء المعارضة بسبب مقاطعتها للانتخابات.",
    "وهاجمت الفنانة المعروفة المخرج قائلة إنه سرق فكرة مسلسلها.",
    pytest.param("وأوضح التقرير أن المادة الكيميائية يمكن أن تهاجم جهاز المناعة.", marks=pytest.mark.xfail(
        strict=True, reason="the type model reads a chemical or a virus attacking the body as "
        "an assault (0.66 to 0.73), above the bar")),
    "شن الوزير هجوما حادا على المعارضة بسبب مواقفها من الاتفاق.",
    "حقق الفريق فوزا ساحقا دفاعا وهجوما.",
    "حقق القطاع العقاري انفجارا في المبيعات خلال الربع الأول.",
])  # fmt: skip
def test_an_attack_said_or_a_figure_is_no_assault(text: str) -> None:
    """هاجم and هجوما with no weapon, toll or other word of an attack beside them trigger an
    assault only where the type model reads one (``event_cues.tsv`` said_or_done): a critic's,
    an artist's, a chemical's attack, a sharp one (event_figures.tsv), a team's, a boom in
    sales are none."""
    assert not [e for e in _doc_events(text, "ar") if e.plover == "ASSAULT"]


def test_an_attack_said_keeps_what_else_the_sentence_tells() -> None:
    # the verb read as said, the sentence is typed as it was without it: here the accusation
    e = _doc_event("هاجمت الحكومة المصرية قناة الجزيرة واتهمتها بالتحريض على العنف.", "ar")
    assert e.plover == "ACCUSE"


@pytest.mark.parametrize("text", [
    "فجر انتحاري نفسه في سوق مزدحمة بمدينة قندوز صباح اليوم.",
    "فجر الانتحاري نفسه عند مدخل المسجد في مدينة القطيف.",
    "وفجرت نفسها عند مدخل السوق المركزي في مدينة كانو.",
])  # fmt: skip
def test_a_bomber_who_blew_himself_up_is_a_suicide_bombing(text: str) -> None:
    e = _doc_event(text, "ar")
    assert (e.plover, e.acled_type, e.acled_subtype) == (
        "ASSAULT", "Explosions/Remote violence", "Suicide bomb")
