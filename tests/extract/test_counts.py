"""The trained casualty-count reader: shipped weights as trained, candidates, what it reads."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from khabar.extract.counts import candidates, labels, read_counts, whole_group
from khabar.extract.events import _fa_compounds, _lexicon, extract_events, toll_numbers
from khabar.normalize import normalize
from khabar.settings import Settings
from tests.helpers import assert_ranker_rebuilds

S = Settings()


def _words(text: str) -> list[str]:
    return normalize(text).split()


def _first_counts(text: str, lang: str) -> tuple[int | None, int | None] | None:
    """(killed, injured) of the first event ``extract_events`` finds in ``text``, or None."""
    found = extract_events(text, anchor=date(2015, 8, 1), settings=S, lang=lang)
    return (found[0].killed, found[0].injured) if found else None


def test_the_shipped_weights_are_the_ones_the_training_command_writes(tmp_path: Path) -> None:
    assert_ranker_rebuilds("training/counts/train.py", "counts.json", tmp_path)


def test_a_sentence_without_a_word_of_its_kind_has_no_candidates() -> None:
    assert candidates(_words("the minister met 3 envoys"), "en", "killed") == []
    assert read_counts(_words("the minister met 3 envoys"), "en", (None, None)) == (None, None)


def test_years_ages_and_spans_of_time_are_never_candidates() -> None:
    for text, never in (("In 2019 troops were killed in the attack", 2019),
                        ("Gunmen killed 83 year old Walter Moody", 83),
                        ("he was killed 10 years ago", 10)):  # fmt: skip
        values = [v for v, _ in candidates(_words(text), "en", "killed")]
        assert never not in values and None in values, text


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("مقتل مطلوب القائمة 23 في القطيف", {23}),
        ("على قائمة الـ 23 بتاريخ", {23}),
        ("استهدفت الغارات اللواء 17 مشاة وقتل 17 جنديا", set()),  # 17 also counts: not a label
        ("قتلت الكتيبة 12 مدنيا في القرية", set()),  # a unit may act: 12 victims follow
        ("gunmen killed its number two leader", {2}),  # a name: "leader" follows, still a label
        ("the crash of Flight 17 killed 298 people", {17}),
        ("در حمله به لشکر ۲۵ سه سرباز کشته شدند", {25}),
    ],
)
def test_a_number_after_a_noun_it_names_is_a_label(text: str, named: set[int]) -> None:
    assert labels(_words(text)) == named


def test_a_label_is_never_the_count_the_reader_chooses() -> None:
    # a fresh look at real reports: "the killing of a wanted man of list 23" read as 23 dead
    words = _words("كشفت الشرطة تفاصيل مقتل مطلوب القائمة 23 بالقطيف")
    assert 23 in [v for v, _ in candidates(words, "ar", "killed")]  # as the weights were fitted
    assert read_counts(words, "ar", (None, None))[0] != 23


def test_one_person_is_no_candidate_where_grammar_says_many() -> None:
    for text, lang in (("قتل مدنيين في قصف على البلدة", "ar"),
                       ("قتلوا في هجوم مسلح", "ar"),
                       ("civilians were killed in the raid", "en")):  # fmt: skip
        assert 1 not in [v for v, _ in candidates(_words(text), lang, "killed")], text


def test_a_plural_behind_a_preposition_says_nothing_of_how_many_died() -> None:
    # the clashes are where a gunman died, not who: one person stays a candidate
    words = _words("وأعلنت الشرطة أن مسلحا قتل في الاشتباكات")
    assert 1 in [v for v, _ in candidates(words, "ar", "killed")]
    # a plural right after the word still says many
    assert 1 not in [v for v, _ in candidates(_words("قتل مدنيون في الاشتباكات"), "ar", "killed")]


def test_an_arabic_ordinal_of_the_teens_is_no_count() -> None:
    # الحادية عشرة: "eleventh" (an age here), whose عشرة is no ten
    words = _words("أصيب طفل في الحادية عشرة برصاصة")
    assert 10 not in [v for v, _ in candidates(words, "ar", "injured")]
    # ... nor among the tolls fusion compares
    assert 10 not in toll_numbers("أصيب طفل في الحادية عشرة برصاصة وقتل 3 آخرون")


def test_jean_committees_and_life_are_no_killing_words() -> None:
    # جان of the Persian "جان باختند" ("died") read alone made the name Jean and لجان
    # ("committees") killing words in Arabic text: a death toll of one
    for text in ("وقال جان كلود يونكر إن اليونان ستحصل على دعم أوروبي بعد الهجوم",
                 "وتم تشكيل لجان فنية للتحقيق في الهجوم على المسجد"):  # fmt: skip
        got = _first_counts(text, "ar")
        assert got is None or got[0] is None, (text, got)
    lex = _lexicon()
    assert normalize("جان") not in lex.cues["killed"]
    assert normalize("جان") in lex.feature_cues["killed"]  # as the event models were trained
    # ... and joined to a form of باختن it is "died", written with a space or joined
    assert _fa_compounds(_words("در بیمارستان جان باخت"))[-1] == normalize("جان‌باخت")
    assert normalize("جان‌باخت") in lex.cues["killed"]
    # the perfect too, and "جان خود را از دست" (lost one's life), in whole sentences (with جان
    # read alone no more, the first read no dead and 21 wounded)
    assert _first_counts("در این حمله ۹ نفر جان باخته‌اند و ۱۲ نفر مجروح شده‌اند.", "fa") == (9, 12)
    assert _first_counts("در این حملات ۷۰ شبه‌نظامی جان خود را از دست دادند.", "fa") == (70, None)
    # the tolls fusion compares read them too
    assert 2 in toll_numbers("دو سرنشین این خودرو در دم جان باخت و سه نفر زخمی شدند.")


def test_what_a_preposition_governs_runs_on_and_a_partitive_is_who() -> None:
    # "a man was killed by the shelling of the Ukrainian forces": the forces are the
    # shelling's, not the dead
    words = _words("وقال الانفصاليون إن رجلا قتل جراء قصف القوات الأوكرانية")
    assert 1 in [v for v, _ in candidates(words, "ar", "killed")]
    # "of the gunmen were killed a great number": من is no place, its plural is who died
    words = _words("قتل من المسلحين عدد كبير في الاشتباكات")
    assert 1 not in [v for v, _ in candidates(words, "ar", "killed")]


def test_the_rules_count_stands_and_the_reader_fills_what_they_leave() -> None:
    words = _words("3 soldiers killed")
    assert read_counts(words, "en", (5, None)) == (5, None)  # the rules' value, as given
    assert read_counts(words, "en", (0, None)) == (0, None)  # a negation's 0 too


def test_counts_the_word_lists_never_named() -> None:
    # labelled training sentences (Wikinews current events): the victims' words are in no
    # list, so the rules alone read none of these counts
    anchor = date(2015, 8, 1)
    for text, killed in (("Three Germans are killed by a bomb attack near Kabul.", 3),
                         ("14 Islamist militants are killed in an operation by Russian forces "
                          "in Dagestan.", 14)):  # fmt: skip
        got = [e.killed for e in extract_events(text, anchor=anchor, settings=S, lang="en")]
        assert killed in got, (text, got)


def test_two_numbers_joined_by_and_are_a_candidate_sum() -> None:
    # training sentences whose count no single number held
    words = _words("Five Yemeni soldiers and two Al-Qaeda militants are killed in fighting")
    assert 7 in [v for v, _ in candidates(words, "en", "killed")]
    words = _words("A U.S. soldier and two Afghan troops are also injured in the bombing")
    assert 3 in [v for v, _ in candidates(words, "en", "injured")]
    # two kinds are no sum, nor a range, nor "a" before a quantity noun
    words = _words("the attack killed five and wounded three people")
    assert 8 not in [v for v, _ in candidates(words, "en", "killed")]
    words = _words("Between 20 and 30 people were killed")
    assert 50 not in [v for v, _ in candidates(words, "en", "killed")]
    words = _words("Two soldiers and a number of civilians were killed")
    assert 3 not in [v for v, _ in candidates(words, "en", "killed")]


def test_an_arabic_dual_is_a_candidate_two() -> None:
    words = _words("إن ضابطي صف في قوة الدرك قتلا في الانفجار")  # a dual verb
    assert 2 in [v for v, _ in candidates(words, "ar", "killed")]
    assert 2 not in [v for v, _ in candidates(_words("قتل جندي في الانفجار"), "ar", "killed")]
    # the accusative singular is no dual verb
    assert 2 not in [v for v, _ in candidates(_words("سقط قتيلا في الاشتباكات"), "ar", "killed")]


def test_the_rules_reading_is_marked_when_given() -> None:
    cands = candidates(_words("3 soldiers killed"), "en", "killed", 3)
    assert any(v == 3 and "RULE" in fs for v, fs in cands)
    cands = candidates(_words("3 soldiers killed"), "en", "killed", 5)  # a sum the rules made
    assert cands[0][0] == 5 and "RULE_ONLY" in cands[0][1]


def test_a_count_that_is_one_addend_of_a_sum_is_the_sum() -> None:
    # the rules read the number next to the casualty word; "and" right before the other
    # number (a word, or و glued to it) makes the two one toll
    anchor = date(2015, 8, 1)
    for text, lang, killed, injured in (
        ("Two soldiers and one police officer were killed in the attack.", "en", 3, None),
        ("استشهد خمسة جنود، وثلاثة من المدنيين، وأصيب سبعة آخرون في الهجوم.", "ar", 8, 7),
        # not where "and" joins a clause, a verb, or a number of the other kind
        ("قتل خمسة أشخاص وأصاب 16 آخرين في الهجوم.", "ar", 5, None),
        ("Gunmen killed a soldier and two others were wounded.", "en", 1, 2),
        # nor where a number counts no people, or a part of a toll already counted (a review)
        ("Militants fired 5 rockets and 3 soldiers were killed.", "en", 3, None),
        ("The attack killed 12 people, and 5 of them were children.", "en", 12, None),
        ("قتل خمسة أشخاص، واحد منهم طفل.", "ar", 5, None),
    ):  # fmt: skip
        got = [(e.killed, e.injured) for e in extract_events(text, anchor=anchor, settings=S,
                                                             lang=lang)]  # fmt: skip
        assert got and got[0][0] == killed, (text, got)
        if injured is not None:
            assert got[0][1] == injured, (text, got)
    assert read_counts(_words("Two soldiers and one police officer were killed"), "en",
                       (1, None)) == (3, None)  # fmt: skip


def test_a_part_after_among_them_is_counted_as_its_whole_group() -> None:
    # the numbers after "among them", "including", از جمله count a part of the group whose
    # number opens the phrase: the toll is the group's, not the part's nor the part's sum
    for text, lang, killed, injured in (
        ("Twelve people, among them three children and two women, were killed.", "en", 12,
         None),
        ("در این حمله ۱۲ نفر از جمله سه کودک و دو زن کشته شدند.", "fa", 12, None),
        ("در این حمله ۱۲ نفر از جمله سه کودک زخمی شدند.", "fa", None, 12),
        ("قتل سبعة أشخاص بينهم امرأتان وثلاثة أطفال.", "ar", 7, None),
        ("أصيب 15 شخصا بينهم 3 أطفال و4 نساء في القصف.", "ar", None, 15),
        # the group of the other kind's word: its part is no part of this kind's toll; nor is
        # a count that is another number of the same value (a review)
        ("در این حمله یک غیرنظامی کشته و شش نفر دیگر از جمله یک کودک زخمی شدند.", "fa", 1, 6),
        ("Two people were killed, twelve others, including two police officers, were wounded.",
         "en", 2, 12),
        ("أصيب 12 شخصا بينهم 3 أطفال في القصف، وقتل 3 آخرون.", "ar", 3, 12),
        ("اعتقلت الشرطة 12 شخصا بينهم 3 نساء، وقتل 3 في الاشتباكات.", "ar", 3, None),
    ):  # fmt: skip
        assert _first_counts(text, lang) == (killed, injured), text
    # not across a word of the other kind, nor for a part larger than the group
    words = _words("Four people were wounded among them two children and two were killed")
    assert whole_group(words, "killed", 2) == 2
    assert whole_group(words, "injured", 2) == 4
    assert whole_group(_words("Two people among them five children were killed"), "killed",
                       5) == 5  # fmt: skip


def test_a_toll_written_with_its_head_noun_or_an_idiom_is_read() -> None:
    # "the number of the dead rose to N": Arabic writes the noun with its article, Persian
    # in a plural the words of killing and injury do not list
    for text, lang, killed, injured in (
        ("ارتفع عدد القتلى في الهجوم إلى 25.", "ar", 25, None),
        ("ارتفع عدد الجرحى في الانفجار إلى 38.", "ar", None, 38),
        ("شمار کشته‌شدگان این حمله به ۲۵ نفر رسید.", "fa", 25, None),
        ("شمار زخمی‌های این انفجار به ۳۰ نفر رسید.", "fa", None, 30),
        ("شمار جان باختگان این انفجار به ۱۳۵ تن و تعداد مجروحان به حدود ۵ هزار نفر رسید.",
         "fa", 135, 5000),
        ("ارتفع عدد المصابين في حادث انفجار في مبنى بمدينة هامبورغ إلى 38 مصابا.", "ar", None,
         38),
        ("وارتفع عدد القتلى في الهجوم الذي وقع قبل 3 أيام إلى 25.", "ar", 25, None),
        # Arabic idioms of killing, their subject between their two words or not
        ("وقع هجوم كبير في محافظة ديالى أودى بحياة أكثر من 100 شخص.", "ar", 100, None),
        ("أودى الهجوم بحياة سبعة جنود.", "ar", 7, None),
        ("راح ضحية التفجير 12 شخصا.", "ar", 12, None),
        # no number, or a toll of the whole war (cumulative): no count
        ("ولم يعرف عدد القتلى في الغارة حتى الآن.", "ar", None, None),
        ("استهدف الهجوم مسجد قوات الطوارئ وراح ضحيته عدد من رجال الأمن.", "ar", None, None),
        # a war's dead, a toll since a day, the dead and the hurt together, an illness's, one
        # said to be unknown, a number of another clause, a sum the idiom leaves (a review)
        ("شنت طائرات التحالف غارات على صنعاء، في إطار الحرب التي أودت بحياة أكثر من 4 آلاف "
         "شخص منذ مارس.", "ar", None, None),
        ("أصيب جندي أمريكي في هجوم بالعراق، ليرتفع عدد القتلى في صفوف القوات الأمريكية منذ "
         "2003 إلى 4500.", "ar", None, 1),
        ("وارتفع عدد القتلى والجرحى في الانفجار إلى 50.", "ar", None, None),
        ("ارتفع عدد المصابين بفيروس كورونا في المستشفى الذي تعرض للقصف إلى 500.", "ar", None,
         None),
        ("ولم يعرف عدد القتلى في الهجوم الذي استهدف 3 حافلات.", "ar", None, None),
        ("در این انفجار شمار زخمی‌ها مشخص نیست ولی ۳ نفر کشته شدند.", "fa", 3, None),
        ("شمار کشته‌شدگان این حمله که ساعت ۱۲ ظهر رخ داد به ۳۰ نفر رسید.", "fa", 30, None),
        ("أودت الغارة بحياة جندي و3 مدنيين.", "ar", None, None),
    ):  # fmt: skip
        assert _first_counts(text, lang) == (killed, injured), text


def test_the_dead_and_the_hurt_counted_together_give_neither_count() -> None:
    for text, lang, killed, injured in (
        ("أسفر الانفجار عن مقتل وإصابة 15 شخصا.", "ar", None, None),
        ("قتل وجرح 20 شخصا في التفجير.", "ar", None, None),
        ("The bombing killed or wounded 15 people.", "en", None, None),
        # each kind with its own number stays, the first's before it or the second's "others"
        ("أسفر الانفجار عن مقتل شخص وإصابة 15 آخرين.", "ar", 1, 15),
        ("وقالت المصادر إن 26 متمردا لقوا مصرعهم، وأصيب 22 آخرون في الهجوم.", "ar", 26, 22),
        ("قالوا إن 22 من المدنيين والمقاتلين لقوا مصرعهم وأصيب 29 في هجمات.", "ar", 22, 29),
        ("لقي مقيم مصري مصرعه وأصيب 5 آخرون في هجوم مسلح.", "ar", 1, 5),
        ("قتل 5 أشخاص وأصيب 7 آخرون في الانفجار.", "ar", 5, 7),
        ("Two were killed and 11 wounded in the explosion.", "en", 2, 11),
    ):  # fmt: skip
        assert _first_counts(text, lang) == (killed, injured), text


def test_one_person_and_n_others_are_n_plus_one() -> None:
    # Arabic grammar: an indefinite singular noun, then "and N ... others" (events_dev: "a
    # leader of ISIS and five other foreign extremists were killed" 6, was read 5)
    anchor = date(2015, 8, 1)
    for text, killed in (
        ("قال المرصد إن قياديا في تنظيم داعش وخمسة متطرفين أجانب آخرين قتلوا في غارة.", 6),
        ("قتل جندي وثلاثة آخرون في الانفجار.", 4),
        ("لقي شرطي وثلاثة مدنيين آخرين مصرعهم في الانفجار.", 4),
        # not without "others" after the number; not an attacker in a clause of its own, nor
        # a noun between two counts (a review's cases)
        ("قتل الجندي وثلاثة مدنيين في الانفجار.", None),
        ("قتل شرطي في هجوم نفذه انتحاري وثلاثة آخرون", 1),
        ("قتل 5 جنود ومسؤول وثلاثة آخرون في الهجوم", 8),
    ):  # fmt: skip
        got = extract_events(text, anchor=anchor, settings=S, lang="ar")
        assert got and (killed is None or got[0].killed == killed), (text, got)
        if killed is None:
            assert got[0].killed != 4, (text, got[0].killed)


def _killed(text: str, lang: str = "en") -> int | None:
    events = extract_events(text, anchor=None, settings=Settings(), lang=lang)
    return events[0].killed if events else None


def test_a_number_with_thousands_separators_is_one_number() -> None:
    # the words were "17" and "000": read 17, or 0 where "000" stood next to the verb
    assert _killed("Officials said 17,000 people were killed in the uprising.") == 17000
    assert _killed("The uprising has killed 17,000 people, mostly civilians.") == 17000
    assert _killed("Between 1,000,000 and 2,000,000 people fled; 1,200 were killed.") == 1200


def test_the_day_of_a_date_with_its_year_is_no_count() -> None:
    assert _killed("On July 17, 2015, gunmen killed 5 people.") == 5
    assert _killed("في 17 تموز 2015 قتل مسلحون 5 أشخاص.", "ar") == 5
    assert _killed("5 may have been killed in the attack.") == 5  # "may" is no month here
    # a month name beside a number, no year: a count (a review found these lost)
    assert _killed("On 5 June 7 soldiers died in the ambush.") == 7
    assert _killed("In May, 12 soldiers were killed in clashes.") == 12
    assert _killed("Since January, 25 journalists have been killed.") == 25
    assert _killed("During the march 15 protesters were killed by police.") == 15
    assert _killed("قتل في تموز، 25 مدنيا بغارات.", "ar") == 25
    assert _killed("به گزارش مهر ۱۲ نفر در این حمله کشته شدند.", "fa") == 12  # Mehr, the agency


def test_the_pronoun_one_is_no_count() -> None:
    assert _killed("The attack killed more people than the last one.") is None
    assert _killed("Police killed the one suspect who fled.") == 1


def test_the_death_toll_is_a_word_of_killing() -> None:
    assert _killed("The death toll from the bombing rose to 52.") == 52
    assert _killed("The bombing's death toll climbed to 52 on Monday.") == 52
    # neither word alone
    assert candidates(_words("he faces the death penalty for 3 crimes"), "en", "killed") == []
    assert candidates(_words("the war took a heavy toll on 3 towns"), "en", "killed") == []
    # "death of" before a number (the count reader's; "sentenced to death" stays no count)
    assert _killed("Gunmen attack a convoy, resulting in the death of 52 prisoners.") == 52
    assert candidates(_words("he was sentenced to death for 3 robberies"), "en", "killed") == []


def _injured(text: str, lang: str = "en") -> int | None:
    events = extract_events(text, anchor=None, settings=Settings(), lang=lang)
    return events[0].injured if events else None


def test_the_arabic_active_verb_of_wounding_counts_the_number_after_it() -> None:
    # casualties-dev: "وأصاب 16" was no injured count; أصاب alone also means "hit"
    assert _injured("قال مسؤولون إن الهجوم الانتحاري قتل خمسة أشخاص وأصاب 16 في المطار.",
                    "ar") == 16  # fmt: skip
    assert _injured("قتل مسلحون 8 جنود وأصابوا 11 آخرين في هجوم.", "ar") == 11
    assert _injured("أصابت قذيفة منزلا في البلدة وقتل 3 مدنيين.", "ar") is None
    assert _injured("نفذت الغارات قرب الحسكة وأصابت خمس وحدات من المقاتلين.", "ar") is None
    assert _injured("قتل 3 مدنيين وأصابت قذيفة 4 منازل في البلدة.", "ar") is None  # not people


def test_victims_listed_after_a_plural_group_are_summed() -> None:
    # casualties4/5-dev: "as well as" and a group named by words before its noun
    assert _killed("Six soldiers were killed, as well as three of the attackers.") == 9
    assert _killed("Six soldiers were killed, as well as three days later.") == 6
    assert _killed("Gunmen killed 5 soldiers as well as two civilians.") == 7
    assert _killed("A mortar round hits a depot in Baghdad, killing two Iraqi National Guard "
                   "members and a civilian.") == 3  # fmt: skip
    assert _killed("Gunmen killed 5 soldiers as well as their commander's car.") == 5
    # Arabic: a singular and a dual noun ("a girl and two children")
    assert _injured("سقط مقذوف على منزل ما نتج منه إصابة فتاة وطفلين سعوديين وتم نقلهم "
                    "للمستشفى.", "ar") == 3  # fmt: skip


def test_one_victim_named_by_a_singular_noun() -> None:
    # English singulars of the victim words' plurals (guard of guards, policeman of
    # policemen), after up to three words
    assert _killed("Shelling from Yemen kills a Saudi Arabian border guard in Jizan.") == 1
    assert _killed("Gunmen killed a policeman and two others.") == 3
    assert _killed("The bomb killed a day later.") is None
    # Arabic: a definite singular victim or nisba noun ("the leader", "the soldier")
    assert _killed("أعلنت السلطات الباكستانية مقتل القيادي البارز في تنظيم القاعدة.", "ar") == 1
    assert _killed("أعلنت السلطات مقتل الجندي في هجوم.", "ar") == 1
    assert _killed("أعلنت السلطات مقتل الجنود في هجوم.", "ar") != 1


def test_the_review_s_cases_of_the_new_count_rules() -> None:
    # a fresh-eyes review of the rules above: each of these was read wrong by their first form
    assert _killed("Gunmen killed two soldiers, and the family mourned the death of") == 2
    got = extract_events("Three soldiers were killed, as well as 15 civilians wounded.",
                         anchor=None, settings=S, lang="en")  # fmt: skip
    assert (got[0].killed, got[0].injured) == (3, 15)  # the wounded are no more dead
    assert _killed("The militants killed a team of 5 aid workers in the north.") == 5
    # أصاب "hit" things, and a percentage
    assert _injured("قالت القيادة إن غاراتها أصابت 90 في المئة من أهدافها وقتلت 20 مسلحا.",
                    "ar") is None  # fmt: skip
    assert _killed("قتلت الغارة 10 مسلحين وأصابت 2 من آلياتهم.", "ar") == 10
    assert _injured("قتلت الغارة 10 مسلحين وأصابت 2 من آلياتهم.", "ar") is None
    # a definite noun before a count is the killer; one before a group of its own is no one
    assert _killed("قتل الانتحاري الأفغاني 12 شخصا في هجوم على سوق.", "ar") == 12
    assert _killed("أعلن التحالف مقتل القيادي الحوثي و12 من عناصره في غارة.", "ar") != 1
    # a plural in ي and a place in ى are no one person
    assert _injured("أسفر الهجوم عن مقتل 3 مدنيين وإصابة المستشفى بأضرار.", "ar") is None
    assert _killed("أعلنت السلطات مقتل الأهالي في القصف.", "ar") != 1


def test_a_number_in_digits_and_again_in_words_is_one_count() -> None:
    # casualties5-dev: official statements write "(120) مائة وعشرون"; it read 120 + 20
    assert _injured("أصيب (120) مائة وعشرون شخصا في الهجوم.", "ar") == 120
    assert _injured("أصيب (25) خمسة وعشرون شخصا في الهجوم.", "ar") == 25
    assert _killed("قتل سبعة وثلاثون (37) شخصا في الهجوم.", "ar") == 37
    assert _killed("قتل 5 جنود و3 مدنيين في الهجوم.", "ar") == 8  # two groups stay two
    assert _injured("أصيب (1,200) ألف ومائتا شخص في الهجوم.", "ar") == 1200


def test_the_object_of_a_killing_is_not_among_the_wounded_after_it() -> None:
    assert _injured("Gunmen killed 5 soldiers and 3 civilians were wounded.") == 3
    assert _injured("Gunmen killed at least 5 soldiers and 3 civilians were wounded.") == 3
    assert _killed("Five soldiers and nine attackers were reported dead.") == 14
    # a clause that ends with its own word of death takes no object
    assert _injured("A soldier died, 4 policemen and 2 civilians were injured, officials said.") == 6


def test_the_numbers_a_sentence_writes_as_tolls() -> None:
    from khabar.extract.events import toll_numbers

    assert toll_numbers("killed 12, wounded 9.") == {12, 9}
    assert toll_numbers("قتل خمسة جنود في هجوم صاروخي عند الساعة 2 فجرا، واحد منهم ضابط.") == {5}
    # the part of a sum, a number of people, is one
    assert 3 in toll_numbers("استشهاد أحد رجال الأمن بالطوال وثلاثة جنود بمركز السيال")


@pytest.mark.parametrize(("sentence", "groups"), [
    ("مقتل ثلاثة جنود إماراتيين بانفجار لغم", {(3, "military"), (3, "اماراتيين")}),
    ("Three Iraqi soldiers were killed", {(3, "military"), (3, "iraqi")}),
    ("قتل 5 مدنيين و3 من عناصر الشرطة", {(5, "civilians"), (3, "armed_group"), (3, "police")}),
    ("سه سرباز آمریکایی کشته شدند", {(3, "military"), (3, "امريكايي")}),
    # counting nouns, "others" and the casualty word itself name no group
    ("مقتل 19 شخصا وإصابة 4 آخرين", set()),
    ("19 قتيلا في زنجبار", set()),
    ("۱۹ نفر کشته شدند", set()),
    ("five people were killed and 4 others wounded", set()),
    # the plural casualty nouns and victims count no group; nor does a number written twice
    ("أسفر الهجوم عن 5 قتلى و10 جرحى", set()),
    ("12 victims", set()),
    ("قتل ثلاثة أشخاص وأصيب ثلاثة جنود", set()),
    # an English nationality before the group's noun (resources/demonyms.tsv)
    ("Three Emirati soldiers were killed", {(3, "military"), (3, "emirati")}),
    ("2 U.S. soldiers were killed", {(2, "military")}),
])  # fmt: skip
def test_toll_groups_name_the_group_a_count_of_people_counts(sentence: str, groups: set) -> None:
    from khabar.extract.events import toll_groups

    assert toll_groups(sentence) == groups


@pytest.mark.parametrize("text", [
    # phrasings as SaudiNewsNet writes them: the dead and the wounded, how many unsaid
    "وأوضحت المصادر أن الهجوم أسفر عن سقوط قتلى وجرحى من المسلحين.",
    "انفجرت عبوة ناسفة في بغداد ولم يسفر الانفجار عن وقوع قتلى.",
])  # fmt: skip
def test_a_broken_plural_of_the_dead_is_no_one_person(text: str) -> None:
    """"قتلى", "جرحى" are plurals no suffix shows: the count reader read one dead, one hurt."""
    assert _first_counts(text, "ar") == (None, None)
    assert _first_counts("قتل جندي في انفجار عبوة ناسفة في بغداد.", "ar") == (1, None)
