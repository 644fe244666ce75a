"""Cleaning on the samples (roles, fields, repeats) and on general shapes of boilerplate."""

from __future__ import annotations

from khabar.clean import clean_article
from khabar.model import LineRole, RawArticle
from khabar.settings import Settings


def _clean(text: str, **kw: object):
    return clean_article(RawArticle("t.txt", "", "txt", text, title_in_text=True, **kw), Settings())


def _roles(text: str) -> dict[str, str]:
    return {d.text: str(d.role) for d in _clean(text).lines if d.role is not LineRole.BLANK}


BODY = "قال مصدر أمني عراقي إن خمسة صواريخ على الأقل أطلقت من بلدة زمار باتجاه قاعدة أميركية."


def test_sample_001_lifts_standfirst_date_and_dateline(seed_texts: dict[str, str]) -> None:
    c = _clean(seed_texts["001"])
    assert c.title == "هجوم بالصواريخ من العراق يستهدف القوات الأميركية في سوريا"
    assert c.summary and c.summary.startswith("كتائب حزب الله العراقية تنفي")
    assert (c.published, c.published_text) == ("2024-04-22", "الاثنين 2024/04/22")
    assert c.dateline == "بغداد"


def test_sample_002_has_no_title_line_and_names_its_outlet(seed_texts: dict[str, str]) -> None:
    c = _clean(seed_texts["002"])
    assert c.title is None
    assert c.outlet_hint == "همشهری آنلاین"
    assert any(p.text == "حمله با ۵ موشک" and p.role is LineRole.HEADING for p in c.paragraphs)


def test_sample_004_masthead_title_dateline_agency_and_time(seed_texts: dict[str, str]) -> None:
    c = _clean(seed_texts["004"])
    assert c.title == "بغداد تؤكد استمرار التعاون مع التحالف الدولي لمحاربة داعش"
    assert c.published == "2020-03-15T20:25"
    assert (c.dateline, c.agency) == ("بغداد", "الأناضول")


def test_sample_004_repeats_are_removed_once_each(seed_texts: dict[str, str]) -> None:
    c = _clean(seed_texts["004"])
    body = [p.text for p in c.paragraphs if p.role is LineRole.BODY]
    assert sum("لهجوم بـ33 صاروخًا" in t for t in body) == 1
    assert sum(t.startswith("وهذا الهجوم هو الثاني") for t in body) == 1
    repeats = [d for d in c.lines if d.role is LineRole.REPEAT]
    assert [d.rule for d in repeats] == [
        "repeated_sentences",
        "repeated_paragraph",
        "repeated_paragraph",
    ]
    glued = repeats[0]
    assert glued.line_no == 40 and glued.text.startswith("وتعرضت قاعدة")


def test_every_line_keeps_its_span_in_the_original(seed_texts: dict[str, str]) -> None:
    for text in seed_texts.values():
        for d in _clean(text).lines:
            assert text[d.span.start : d.span.end] == d.text


def test_photo_caption_with_credit_in_parentheses_is_boilerplate() -> None:
    roles = _roles(
        f"عنوان الخبر عن الهجوم الصاروخي\n\nجنود في قاعدة عسكرية قرب الحدود (أسوشيتد برس)\n\n{BODY}"
    )
    assert roles["جنود في قاعدة عسكرية قرب الحدود (أسوشيتد برس)"] == "boilerplate"


def test_body_sentence_ending_in_parentheses_is_kept() -> None:
    line = "ونفت القيادة المركزية الأميركية أي مسؤولية لها عن الانفجار (سنتكوم)."
    assert _roles(f"عنوان الخبر عن الانفجار في القاعدة\n\n{line}\n\n{BODY}")[line] == "body"


def test_short_subheading_inside_the_body_is_kept() -> None:
    roles = _roles(
        f"عنوان الخبر عن الانفجار في القاعدة\n\n{BODY}\n\nردود الفعل\n\n{BODY.replace('خمسة', 'ستة')}"
    )
    assert roles["ردود الفعل"] == "heading"


def test_counters_ads_and_comment_forms_are_boilerplate_in_any_language() -> None:
    text = (f"Title of a story about the rocket attack\n\nAdvertisement\n\n{BODY}\n\n"
            "12,345 views\n\nتبلیغات\n\nLeave a comment\n")  # fmt: skip
    roles = _roles(text)
    for line in ("Advertisement", "12,345 views", "تبلیغات", "Leave a comment"):
        assert roles[line] == "boilerplate", line


def test_latin_fragment_is_junk_only_inside_arabic_script_articles() -> None:
    ar = _roles(f"عنوان الخبر عن الانفجار في القاعدة\n\nxY7kq2 Z\n\n{BODY}")
    assert ar["xY7kq2 Z"] == "boilerplate"
    en_body = "Two rockets landed near the embassy late on Monday, security sources said."
    en = _roles(
        f"Rockets hit near the embassy in Baghdad\n\n{en_body}\n\nUS embassy statement\n\n"
        f"{en_body.replace('Two', 'Three')}"
    )
    assert en["US embassy statement"] == "heading"


def test_byline_is_lifted_as_author() -> None:
    c = _clean(
        "Rockets hit near the embassy in Baghdad\nBy Jane Smith\n"
        "Two rockets landed near the embassy late on Monday, security sources said.\n"
    )
    assert c.author == "Jane Smith"


def test_masthead_date_before_title_gives_way_to_the_article_date() -> None:
    c = _clean(
        "الأحد 15 سبتمبر 2024\nمقتل قيادي في فصيل مسلح بغارة شرق سوريا\n"
        f"15 سبتمبر 2024 , 10:10ص\n{BODY}\n"
    )
    assert c.published == "2024-09-15T10:10"
    assert c.lines[0].role is LineRole.BOILERPLATE and c.lines[0].rule == "masthead_date"


def test_persian_solar_hijri_date_line_is_converted() -> None:
    c = _clean(
        "نشست سران کشورهای عربی در ریاض برگزار شد\nتاریخ انتشار: ۲۳ اردیبهشت ۱۴۰۳ - ۱۰:۳۰\n"
        "سران کشورهای عربی روز پنجشنبه در ریاض گرد هم آمدند تا درباره جنگ غزه گفتگو کنند.\n"
    )
    assert c.published == "2024-05-12T10:30"


def test_source_given_title_is_kept_and_not_searched_for() -> None:
    raw = RawArticle("x.html", "", "html", f"{BODY}\n{BODY.replace('خمسة', 'سبعة')}", title="T T T")
    c = clean_article(raw, Settings())
    assert c.title == "T T T" and all(p.role is LineRole.BODY for p in c.paragraphs)


def test_empty_text_gives_no_paragraphs() -> None:
    c = _clean("\n\n  \n")
    assert c.title is None and c.paragraphs == []


def test_body_paragraph_containing_a_captions_words_is_not_its_twin() -> None:
    caption = "مجلس الوزراء خلال اجتماعه الأسبوعي (كونا)"
    body = ("الكويت - كونا: أقر مجلس الوزراء في اجتماعه الأسبوعي أمس مشروع قانون جديد لتنظيم "
            "إقامة الأجانب، وأحاله إلى مجلس الأمة.")  # fmt: skip
    roles = _roles(f"الكويت: مجلس الوزراء يقر مشروع قانون جديد\n{caption}\n{body}\n{BODY}")
    assert roles[caption] == "boilerplate" and roles[body] == "body"


def test_related_links_after_a_heading_without_colon_are_boilerplate() -> None:
    roles = _roles(f"عنوان الخبر عن الانفجار في القاعدة\n{BODY}\nأخبار متعلقة\n"
                   "محافظ الجيزة يستقبل وفدا من البنك الدولي\n")  # fmt: skip
    assert roles["محافظ الجيزة يستقبل وفدا من البنك الدولي"] == "boilerplate"


def test_tag_line_does_not_start_a_related_list() -> None:
    roles = _roles(
        "برچسب‌ها: عراق، آمریکا\nانفجار در نزدیکی پایگاه عین‌الاسد در استان الانبار\n"
        "منابع محلی می‌گویند دست کم دو موشک در محوطه بیرونی پایگاه فرود آمده است.\n"
    )
    assert roles["انفجار در نزدیکی پایگاه عین‌الاسد در استان الانبار"] == "title"


def test_wire_dateline_with_date_and_agency_is_lifted() -> None:
    c = _clean("Syrian state media says Israeli strikes hit Damascus suburbs\n"
               "DAMASCUS, March 4 (Reuters) - Israeli strikes hit targets in the suburbs of "
               "Damascus early on Monday, Syrian state media said.\n")  # fmt: skip
    assert (c.dateline, c.agency) == ("DAMASCUS", "Reuters")
