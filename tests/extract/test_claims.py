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
