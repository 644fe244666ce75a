"""Claims: speaker, verb, stance, content and attribution chain."""

from __future__ import annotations

from khabar.extract.claims import extract_claims


def _one(text: str):
    claims = extract_claims(text)
    assert len(claims) == 1, [(c.verb, c.speaker) for c in claims]
    return claims[0]


def test_denial_with_quote() -> None:
    c = _one(
        'وقالت كتائب حزب الله "لم يصدر أي بيان عن المقاومة الإسلامية خلال الـ48 ساعة الماضية".'
    )
    assert (c.speaker, c.stance) == ("KH", "asserts")
    assert c.content.startswith("لم يصدر أي بيان")
    c = _one("نفت كتائب حزب الله في العراق إصدار بيان تعلن فيه استئناف الهجمات.")
    assert (c.speaker, c.stance) == ("KH", "denies")


def test_headline_subject_before_the_verb() -> None:
    c = _one("كتائب حزب الله العراقية تنفي استئناف الهجمات على القوات الأميركية")
    assert (c.speaker, c.stance) == ("KH", "denies")


def test_relay_verb_puts_the_agency_in_the_chain() -> None:
    c = _one("ونقلت رويترز عن مسؤول أميركي أن مقاتلة تابعة للتحالف الدولي دمرت قاذفة صواريخ.")
    assert (c.speaker_text, c.speaker_kind, c.chain) == ("مسؤول أميركي", "anonymous", ["REUTERS"])
    assert c.content.startswith("مقاتلة تابعة")


def test_agency_quoting_unnamed_sources() -> None:
    c = _one("ذكرت وكالة رويترز للأنباء، نقلاً عن ثلاثة مصادر أمنية، أن خمسة أعضاء قتلوا.")
    assert c.speaker_text == "مصادر أمنية" and c.chain == ["REUTERS"]


def test_persian_reporter_and_speaker() -> None:
    c = _one(
        "به گزارش همشهری آنلاین، گردانهای حزبالله عراق در بیانیهای اعلام کرد که حملات از سر گرفته می‌شود."
    )
    assert (c.speaker, c.chain, c.verb) == ("KH", ["HAMSHAHRI"], "اعلام کرد")
    assert c.content.startswith("حملات از سر گرفته")


def test_english_speaker_before_the_verb() -> None:
    c = _one("A US official said the attack failed and no US soldier was hurt.")
    assert (c.speaker_kind, c.stance) == ("anonymous", "asserts")
    assert c.content == "the attack failed and no US soldier was hurt"


def test_two_claims_in_one_sentence() -> None:
    claims = extract_claims(
        "بعدما كشفت مصادر أمنية عراقية أن خمسة صواريخ أطلقت، أكد مسؤول أميركي أن الهجوم باء بالفشل."
    )
    assert [(c.speaker_text, c.content) for c in claims] == [
        ("مصادر أمنية عراقية", "خمسة صواريخ أطلقت"), ("مسؤول أميركي", "الهجوم باء بالفشل")]  # fmt: skip


def test_speaker_carries_over_to_a_verb_without_subject() -> None:
    claims = extract_claims(
        'وقالت قوات الأمن العراقية في بيان إنها باشرت البحث. وأضاف "عثرت قواتنا الأمنية على العجلة".'
    )
    assert [c.speaker for c in claims] == ["IQ-SEC", "IQ-SEC"]
    assert claims[1].speaker_kind == "inherited"


def test_content_span_points_into_the_original() -> None:
    text = "مقدمة.\nوقال مسؤول أمني إن القوات انتشرت في المنطقة."
    (c,) = extract_claims(text)
    assert text[c.content_span.start : c.content_span.end].startswith(c.content)


# sample 001 (Al Jazeera) and sample 002 (Hamshahri): the chief of staff says attack, the army
# says it is investigating and that no aircraft were overhead
_AR_TWO_SPEAKERS = ("وقال رئيس هيئة أركان الحشد الشعبي عبد العزيز المحمداوي إن السبب وراء "
                    "الانفجار هو اعتداء، بينما قال الجيش إنه يحقق في الأمر، مشيرا إلى عدم وجود أي "
                    "مقاتلات في السماء في ذلك الوقت.")  # fmt: skip
_FA_TWO_SPEAKERS = ("عبدالعزیز المحمداوی، رئیس ستاد الحشد الشعبی، دلیل این انفجار را یک حمله "
                    "اعلام کرد، در حالی که ارتش اعلام کرد که در حال بررسی موضوع است و خاطرنشان کرد "
                    "که در آن زمان هیچ جنگنده‌ای در آسمان وجود نداشت.")  # fmt: skip


def test_a_later_verb_takes_the_speaker_of_its_own_clause() -> None:
    ar = extract_claims(_AR_TWO_SPEAKERS)
    # the title, its organisation, then the person holding it: the person speaks
    assert [c.speaker for c in ar] == ["MUHAMMADAWI", "الجيش"]
    fa = extract_claims(_FA_TWO_SPEAKERS)
    assert [c.speaker for c in fa] == ["MUHAMMADAWI", "ارتش", "ارتش"]
    assert fa[2].speaker_kind == "inherited"  # "و خاطرنشان کرد": the army goes on


def test_persian_content_before_its_verb_when_nothing_is_said_after_it() -> None:
    first = extract_claims(_FA_TWO_SPEAKERS)[0]
    # after the speaker and the title set off by commas; before the next clause
    assert first.content == "دلیل این انفجار را یک حمله"
    a, b = first.content_span.start, first.content_span.end
    assert _FA_TWO_SPEAKERS[a:b] == first.content


def test_an_can_name_the_speaker_only_after_a_relay_verb() -> None:
    # sample 001: "عن الجناة" (for the perpetrators) names no speaker of "قال"
    c = _one("وقال مسؤول أمني متمركز في بلدة زمار إن قوات الأمن العراقية انتشرت في المنطقة "
             "وبدأت عملية بحث عن الجناة الذين فروا من المنطقة بسيارة أخرى.")  # fmt: skip
    assert c.speaker_text == "مسؤول أمني"
    relayed = _one("ونقلت رويترز عن مسؤول أميركي أن مقاتلة دمرت قاذفة صواريخ.")
    assert relayed.speaker_text == "مسؤول أميركي" and relayed.chain == ["REUTERS"]


def test_a_quoted_short_name_opens_no_quotation_and_what_follows_that_is_said() -> None:
    # SaudiNewsNet: «المقاومة الشعبية» (two words) is a name; the quotation is the later «...»
    c = _one("ودخلت «المقاومة الشعبية» ليلا إلى حي التواهي، وقال مصدر عسكري إن تلك القوات "
             "«تتقدم باتجاه قصر رئاسة الجمهورية ومقر قيادة المنطقة».")  # fmt: skip
    assert c.speaker_text == "مصدر عسكري"
    assert c.content.startswith("تتقدم باتجاه")
    # a quoted name alone is the speaker's name, not a quotation it stands in
    c = _one("في هذا الوقت، أكد «المرصد السوري لحقوق الإنسان»، أن «فصائل المعارضة السورية قصفت "
             "بالصواريخ تمركزات لقوات النظام في مطار كويرس».")  # fmt: skip
    assert c.speaker == "SOHR"
    # after أن comes what is said: "the victims" are not the speaker
    c = _one("وفي تصريح للصحافيين ذكر أن معظم الضحايا مدنيون.")
    assert c.speaker_text != "الضحايا"


def test_a_generic_actor_speaks_only_next_to_its_verb_and_is_never_skipped_as_a_title() -> None:
    # generic words said of: no speaker rather than the wrong one
    assert _one("Police in Kabul said five people were killed.").speaker is None
    assert _one("The governor said soldiers fired on protesters.").speaker is None
    # a generic subject right after its verb speaks, even with another actor right after it
    assert _one("واتهمت الشرطة المسلحين بتنفيذ الهجوم.").speaker == "الشرطة"
    assert _one("وحذر الجيش السكان من الاقتراب.").speaker == "الجيش"


def test_straight_quotes_pair_from_the_left() -> None:
    # the text between two quotations is none: the army spokesman is no quoted word
    claims = extract_claims('قال المسؤول إن الهجوم "إرهابي"، وأضاف المتحدث باسم الجيش العراقي '
                            'في بيان "إن العملية مستمرة حتى الآن".')  # fmt: skip
    assert claims[-1].speaker == "IQ-ARMY" and claims[-1].speaker_kind != "inherited"
    assert claims[-1].content == "إن العملية مستمرة حتى الآن"


def test_a_sentence_cut_inside_a_quotation_keeps_its_speaker_outside_it() -> None:
    text = ('"We will not retreat. We are ready," the army said in a statement, calling the '
            'attack "a cowardly act by terrorists."')  # fmt: skip
    (c,) = [c for c in extract_claims(text) if c.verb == "said"]
    assert c.speaker_text == "army"
    assert c.content.startswith("a cowardly act by terrorists")
